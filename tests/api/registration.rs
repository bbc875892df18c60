use std::collections::HashSet;

use reqwest::StatusCode;
use werkconf::db::{self, DbError};
use werkconf::domain::conference::{ConferenceDraft, Status};

use crate::common::{csrf_in, spawn_app};

pub use crate::common::fixtures::{Seeded, form_for, register, registrations, seed_conference};

#[tokio::test]
async fn a_participant_registers_and_is_confirmed() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let form = app.get(&format!("/c/{}/aanmelden", s.slug)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Eerste keus"));
    assert!(!form.body.contains("Deze werkconferentie is vol"));

    let res = register(&app, &s, &form_for(&s, "Anna de Vries", "Anna@Example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()["location"],
        format!("/c/{}/aangemeld", s.slug).as_str()
    );
    let thanks = app.get(&format!("/c/{}/aangemeld", s.slug)).await;
    assert!(thanks.body.contains("Kijk in je mail"));

    let all = registrations(&app, &s.id).await;
    assert_eq!(all.len(), 1);
    let r = &all[0];
    assert_eq!(r.status.as_str(), "confirmed");
    assert_eq!(r.email, "anna@example.org");
    assert_eq!(r.diet, "vegetarisch");
    let id = r.id.clone();
    let (prefs, rounds) = app
        .db
        .run(move |c| {
            Ok::<_, DbError>((
                db::registrations::preferences(c, &id)?,
                db::registrations::rounds(c, &id)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(prefs, vec![s.insights[1].clone(), s.insights[0].clone()]);
    assert_eq!(rounds.len(), 2);
}

#[tokio::test]
async fn registering_twice_creates_no_duplicate_and_answers_the_same() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let first = register(&app, &s, &form_for(&s, "Anna de Vries", "anna@example.org")).await;
    let second = register(&app, &s, &form_for(&s, "A. de Vries", " ANNA@example.org")).await;
    assert_eq!(first.status(), second.status());
    assert_eq!(first.headers()["location"], second.headers()["location"]);
    let all = registrations(&app, &s.id).await;
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].name, "Anna de Vries",
        "the second attempt changes nothing"
    );
}

#[tokio::test]
async fn when_full_the_form_says_so_and_new_people_wait() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 1, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let form = app.get(&format!("/c/{}/aanmelden", s.slug)).await;
    assert!(form.body.contains("Deze werkconferentie is vol"));
    assert!(form.body.contains("Aanmelden voor de wachtlijst"));
    register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    register(&app, &s, &form_for(&s, "Cees", "cees@example.org")).await;
    let all = registrations(&app, &s.id).await;
    let statuses: Vec<&str> = all.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["confirmed", "waiting", "waiting"]);

    // Cees sees his place on the waiting list.
    let cees = app.get(&format!("/r/{}", app.token_of(&all[2]))).await;
    assert!(cees.body.contains("plaats 2 op de wachtlijst"));

    // Anna cancels through her link: Bram, first in line, gets her place.
    let anna = format!("/r/{}", app.token_of(&all[0]));
    let confirm = app.get(&format!("{anna}/annuleren")).await;
    assert!(confirm.body.contains("Weet je zeker"));
    let res = app
        .post_with_token(&format!("{anna}/annuleren"), &confirm.csrf(), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let all = registrations(&app, &s.id).await;
    let statuses: Vec<&str> = all.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["cancelled", "confirmed", "waiting"]);
    assert!(
        app.get(&anna)
            .await
            .body
            .contains("Je aanmelding is geannuleerd")
    );
    assert!(
        app.get(&format!("/r/{}", app.token_of(&all[2])))
            .await
            .body
            .contains("plaats 1 op de wachtlijst")
    );

    // Cancelling again changes nothing.
    let res = app
        .post_with_token(&format!("{anna}/annuleren"), &confirm.csrf(), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        registrations(&app, &s.id).await[2].status.as_str(),
        "waiting"
    );
}

#[tokio::test]
async fn the_manage_link_changes_preferences() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let r = registrations(&app, &s.id).await.remove(0);
    let path = format!("/r/{}", app.token_of(&r));
    let page = app.get(&path).await;
    assert!(page.body.contains("Bevestigd"));
    assert!(page.body.contains("anna@example.org"));
    let mut fields = form_for(&s, "Anna de Vries", "");
    fields.retain(|(k, _)| *k != "email" && *k != "consent" && *k != "rounds");
    for f in fields.iter_mut() {
        if f.0 == "preference_1" {
            f.1 = s.insights[2].as_str();
        }
    }
    fields.push(("rounds", s.rounds[1].as_str()));
    let res = app.post_with_token(&path, &page.csrf(), &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let id = r.id.clone();
    let (prefs, rounds) = app
        .db
        .run(move |c| {
            Ok::<_, DbError>((
                db::registrations::preferences(c, &id)?,
                db::registrations::rounds(c, &id)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(prefs, vec![s.insights[2].clone(), s.insights[0].clone()]);
    assert_eq!(rounds, vec![s.rounds[1].clone()]);
    assert_eq!(registrations(&app, &s.id).await[0].name, "Anna de Vries");
}

#[tokio::test]
async fn bad_registrations_are_explained_and_store_nothing() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let long = "x".repeat(300);
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "email",
            "geen-adres".into(),
            "Vul een geldig e-mailadres in",
        ),
        ("email", String::new(), "Vul dit veld in."),
        ("name", long.clone(), "maximaal 200 tekens"),
        (
            "preference_1",
            "onbekend-inzicht".into(),
            "Kies een van de mogelijkheden.",
        ),
        (
            "discipline",
            "astronaut".into(),
            "Kies een van de mogelijkheden.",
        ),
        (
            "rounds",
            "onbekende-ronde".into(),
            "Kies een van de mogelijkheden.",
        ),
        ("consent", String::new(), "Geef toestemming"),
    ];
    for (field, value, message) in &cases {
        let mut fields = form_for(&s, "Anna de Vries", "anna@example.org");
        if *field == "rounds" {
            fields.retain(|(k, _)| *k != "rounds");
        }
        fields.retain(|(k, _)| k != field);
        fields.push((field, value));
        let res = register(&app, &s, &fields).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let body = res.text().await.unwrap();
        assert!(
            body.contains(&format!("id=\"f-{field}-error\"")),
            "{field}: no error at field"
        );
        assert!(body.contains(message), "{field}: {message}");
        assert!(
            body.contains("Verloskundigenpraktijk De Wieg"),
            "typed values are kept"
        );
    }
    assert!(registrations(&app, &s.id).await.is_empty());
}

#[tokio::test]
async fn the_public_page_links_to_the_form_only_while_registration_is_open() {
    for (status, linked) in [(Status::Open, true), (Status::Closed, false)] {
        let app = spawn_app().await;
        let s = seed_conference(&app, 20, status).await;
        let page = app.get(&format!("/c/{}", s.slug)).await;
        let link = format!("href=\"/c/{}/aanmelden\"", s.slug);
        assert_eq!(page.body.contains(&link), linked, "{status:?}");
    }
}

#[tokio::test]
async fn registration_outside_the_window_is_refused() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Closed).await;
    let page = app.get(&format!("/c/{}/aanmelden", s.slug)).await;
    assert!(page.body.contains("Aanmelden is gesloten."));
    assert!(!page.body.contains("name=\"email\""));
    // Posting anyway, with a token from another form page.
    let token = app.get("/login").await.csrf();
    let res = app
        .post_with_token(
            &format!("/c/{}/aanmelden", s.slug),
            &token,
            &form_for(&s, "Anna", "anna@example.org"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(registrations(&app, &s.id).await.is_empty());
}

#[tokio::test]
async fn stale_and_guessed_manage_links_get_a_clear_page() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    for name in ["Anna", "Bram"] {
        let email = format!("{}@example.org", name.to_lowercase());
        register(&app, &s, &form_for(&s, name, &email)).await;
    }
    let all = registrations(&app, &s.id).await;
    let tokens: HashSet<String> = all.iter().map(|r| app.token_of(r)).collect();
    assert_eq!(tokens.len(), 2);
    for r in &all {
        let token = app.token_of(r);
        assert!(token.len() >= 43, "tokens carry 256 bits");
        assert!(!token.contains(r.id.as_str()) && !r.id.as_str().contains(&token));
        assert_eq!(
            r.token,
            werkconf::auth::token_hash(&token),
            "stored as a hash"
        );
        // The stored hash opens nothing.
        let page = app.get(&format!("/r/{}", r.token)).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
    let typo = format!("/r/{}x", app.token_of(&all[0]));
    for path in ["/r/niet-bestaand", "/r/1", &typo] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.body.contains("Deze link werkt niet (meer)"));
    }
}

/// Many people press "Aanmelden" at the same moment: exactly the capacity is confirmed,
/// everyone else waits, in the order the server took them.
#[tokio::test]
async fn no_overbooking_under_concurrency() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let path = format!("/c/{}/aanmelden", s.slug);
    // Every participant has their own browser session with its own form token.
    let mut prepared = Vec::new();
    for n in 0..120 {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let body = client
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = csrf_in(&body).unwrap();
        let email = format!("deelnemer{n}@example.org");
        let mut fields: Vec<(String, String)> = form_for(&s, "Deelnemer", "x")
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        fields.iter_mut().find(|(k, _)| k == "email").unwrap().1 = email;
        fields.push(("csrf".into(), token));
        prepared.push((client, fields));
    }
    let url = app.url(&path);
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(prepared.len()));
    let mut tasks = Vec::new();
    for (client, fields) in prepared {
        let url = url.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            client
                .post(url)
                .form(&fields)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::SEE_OTHER);
    }
    let all = registrations(&app, &s.id).await;
    assert_eq!(all.len(), 120);
    let confirmed: Vec<i32> = all
        .iter()
        .filter(|r| r.status.as_str() == "confirmed")
        .map(|r| r.seq)
        .collect();
    let waiting: Vec<i32> = all
        .iter()
        .filter(|r| r.status.as_str() == "waiting")
        .map(|r| r.seq)
        .collect();
    assert_eq!(confirmed.len(), 20);
    assert_eq!(waiting.len(), 100);
    // Arrival order: the first twenty to arrive have the places, then the list in order.
    assert_eq!(confirmed, (1..=20).collect::<Vec<_>>());
    assert_eq!(waiting, (21..=120).collect::<Vec<_>>());
}

#[tokio::test]
async fn after_the_start_nobody_changes_or_cancels_through_the_link() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let r = registrations(&app, &s.id).await.remove(0);
    // The conference began an hour ago.
    let id = s.id.clone();
    app.db
        .run(move |conn| {
            let c = db::conferences::find(conn, &id)?.unwrap();
            let draft = ConferenceDraft {
                title: c.title,
                slug: None,
                description: c.description,
                venue_name: c.venue_name,
                venue_address: c.venue_address,
                starts_at: werkconf::clock::Clock::system().now() - chrono::Duration::hours(1),
                ends_at: werkconf::clock::Clock::system().now() + chrono::Duration::hours(5),
                capacity: c.capacity,
                registration_opens_at: None,
                registration_closes_at: None,
                contact_email: c.contact_email,
                status: Status::Closed,
            };
            db::conferences::update(conn, &id, &draft, werkconf::clock::Clock::system().now())
                .map(|_| ())
        })
        .await
        .unwrap();
    let page = app.get(&format!("/r/{}", app.token_of(&r))).await;
    assert!(page.body.contains("Wijzigen kan niet meer"));
    assert!(!page.body.contains("/annuleren"));
    let confirm = app
        .get_raw(&format!("/r/{}/annuleren", app.token_of(&r)))
        .await;
    assert_eq!(confirm.status(), StatusCode::SEE_OTHER);
    let res = app
        .post_with_token(
            &format!("/r/{}/annuleren", app.token_of(&r)),
            &app.get("/login").await.csrf(),
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        registrations(&app, &s.id).await[0].status.as_str(),
        "confirmed"
    );
    assert!(
        app.get(&format!("/r/{}", app.token_of(&r)))
            .await
            .body
            .contains("de werkconferentie is begonnen")
    );
}

#[tokio::test]
async fn an_archived_conference_takes_no_registrations() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let form = app.get(&format!("/c/{}/aanmelden", s.slug)).await;
    let id = s.id.clone();
    app.db
        .run(move |c| {
            db::conferences::set_archived(c, &id, true, werkconf::clock::Clock::system().now())
        })
        .await
        .unwrap();
    // The form was open when loaded; the post after archiving is refused.
    let res = app
        .post_with_token(
            &format!("/c/{}/aanmelden", s.slug),
            &form.csrf(),
            &form_for(&s, "Anna", "anna@example.org"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("Aanmelden is gesloten."));
    assert!(registrations(&app, &s.id).await.is_empty());
}

#[tokio::test]
async fn an_expired_session_gives_the_form_back_with_what_was_typed() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    // A browser whose session cookie is gone: no token in its session.
    let fresh = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let mut fields = form_for(&s, "Anna de Vries", "anna@example.org");
    fields.push(("csrf", "verlopen"));
    let res = fresh
        .post(app.url(&format!("/c/{}/aanmelden", s.slug)))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("de pagina stond te lang open"));
    assert!(body.contains("value=\"Anna de Vries\""));
    assert!(registrations(&app, &s.id).await.is_empty());
    // The page it got back works.
    let token = csrf_in(&body).unwrap();
    fields.retain(|(k, _)| *k != "csrf");
    fields.push(("csrf", &token));
    let res = fresh
        .post(app.url(&format!("/c/{}/aanmelden", s.slug)))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert!(res.url().path().ends_with("/aangemeld"));
    assert_eq!(registrations(&app, &s.id).await.len(), 1);
}
