use reqwest::StatusCode;

use crate::common::spawn_app;

#[tokio::test]
async fn healthz_reports_the_database() {
    let app = spawn_app().await;
    let res = app.get_raw("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], "ok");
}

#[tokio::test]
async fn unknown_pages_get_a_dutch_404() {
    let app = spawn_app().await;
    for path in ["/bestaat-niet", "/c/bestaat-niet"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.body.contains("Pagina niet gevonden"), "{path}");
        assert!(page.body.contains("<html lang=\"nl\""));
    }
}

#[tokio::test]
async fn pages_have_landmarks_and_a_skip_link() {
    let app = spawn_app().await;
    let body = app.get("/").await.body;
    for needle in [
        "<html lang=\"nl\"",
        "href=\"#inhoud\"",
        "<main id=\"inhoud\"",
        "<header",
        "<nav aria-label=\"Hoofdmenu\"",
        "<footer",
        "name=\"viewport\"",
    ] {
        assert!(body.contains(needle), "missing {needle}");
    }
}

#[tokio::test]
async fn the_stylesheet_is_cached_for_long() {
    let app = spawn_app().await;
    let body = app.get("/").await.body;
    let start = body.find("/static/werkconf.css?v=").unwrap();
    let href: String = body[start..].chars().take_while(|c| *c != '"').collect();
    let res = app.get_raw(&href).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert!(res.text().await.unwrap().contains(":focus-visible"));
}

#[tokio::test]
async fn language_follows_the_browser_then_the_users_choice() {
    let app = spawn_app().await;
    let english = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("Working conferences"));

    // The switch remembers Dutch even when the browser prefers English.
    let res = app.get_raw("/taal/nl?terug=/login").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/login");
    let dutch = app
        .client
        .get(app.url("/login"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(dutch.contains("Inloggen voor organisatoren"));

    let res = app.get_raw("/taal/en?terug=https://evil.example").await;
    assert_eq!(res.headers()["location"], "/");
    assert!(app.get("/").await.body.contains("Working conferences"));
}

/// Identifiers from URLs that no row can have (a NUL byte, which PostgreSQL refuses in
/// text) are simply not found.
#[tokio::test]
async fn odd_identifiers_in_urls_are_not_found_not_errors() {
    let app = spawn_app().await;
    let res = app
        .post(
            "/login",
            "/login",
            &[("email", "a\0b@example.org"), ("password", "x")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.login().await;
    for path in [
        "/c/a%00b",
        "/r/a%00b",
        "/r/a%00b/agenda.ics",
        "/c/%F0%9F%91%B6",
        "/beheer/conferenties/a%00b",
        "/beheer/conferenties/a%00b/deelnemers",
    ] {
        let res = app.get_raw(path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

/// The public pages are served from memory; every change must show at once.
#[tokio::test]
async fn public_pages_show_every_change_at_once() {
    use crate::api::registration::{form_for, register, registrations, seed_conference};
    use werkconf::domain::conference::Status;

    let app = spawn_app().await;
    let s = seed_conference(&app, 1, Status::Open).await;
    let page = format!("/c/{}", s.slug);
    let form = format!("/c/{}/aanmelden", s.slug);
    assert!(app.get(&page).await.body.contains("Schaamte en vertrouwen"));
    assert!(app.get(&form).await.body.contains("Schaamte en vertrouwen"));
    assert!(
        !app.get(&form)
            .await
            .body
            .contains("Deze werkconferentie is vol")
    );

    // A registration fills the one place: the form says so straight away.
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    assert!(
        app.get(&form)
            .await
            .body
            .contains("Deze werkconferentie is vol")
    );

    // Anna cancels: the place is free again.
    let anna = format!(
        "/r/{}/annuleren",
        app.token_of(&registrations(&app, &s.id).await[0])
    );
    let res = app.post(&anna, &anna, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        !app.get(&form)
            .await
            .body
            .contains("Deze werkconferentie is vol")
    );

    // An organiser removes an insight: neither page offers it any more.
    app.login().await;
    let insight = format!(
        "/beheer/conferenties/{}/inzichten/{}/verwijderen",
        s.id, s.insights[1]
    );
    let res = app
        .post(&insight, &format!("/beheer/conferenties/{}", s.id), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(!app.get(&page).await.body.contains("Schaamte en vertrouwen"));
    assert!(!app.get(&form).await.body.contains("Schaamte en vertrouwen"));
}

/// An insight removed behind the cache's back (here straight in the database; in life, in
/// the moment before an organiser's change empties the cache): the registration stores
/// nothing and the form comes back, checked against what is offered now.
#[tokio::test]
async fn a_form_naming_a_removed_insight_comes_back_with_a_message() {
    use crate::api::registration::{form_for, register, registrations, seed_conference};
    use werkconf::db::DbError;
    use werkconf::domain::conference::Status;

    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let form = format!("/c/{}/aanmelden", s.slug);
    assert!(app.get(&form).await.body.contains("Schaamte en vertrouwen"));
    let (conference, insight) = (s.id.clone(), s.insights[1].clone());
    app.db
        .run(move |c| werkconf::db::insights::delete(c, &conference, &insight))
        .await
        .map_err(|e: DbError| e)
        .unwrap();

    let res = register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Het formulier is intussen gewijzigd"),
        "{body}"
    );
    assert!(
        !body.contains("Schaamte en vertrouwen"),
        "the form offers what is left"
    );
    assert!(body.contains("Anna"), "what was typed stays");
    assert!(registrations(&app, &s.id).await.is_empty());
}
