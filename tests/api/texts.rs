use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::api::registration::seed_conference;
use crate::common::spawn_app;

#[tokio::test]
async fn organisers_preview_and_save_the_confirmation_text() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    app.login().await;
    let path = format!("/beheer/conferenties/{}/teksten", s.id);
    let page = app.get(&path).await;
    assert!(
        page.body
            .contains("Bevestiging: Werkconferentie Kansrijke Start"),
        "default preview"
    );

    let fields = [
        ("privacy_statement", "Wij bewaren je gegevens zorgvuldig."),
        (
            "confirmation_text",
            "Hoi {{naam}}, je bent {{status}} voor {{conferentie}}.",
        ),
        ("confirmation_text_en", ""),
        ("action", "preview"),
    ];
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("Hoi Anna de Vries, je bent bevestigd voor Werkconferentie Kansrijke Start.")
    );
    // A preview stores nothing.
    assert!(
        !app.get(&format!("/c/{}/privacy", s.slug))
            .await
            .body
            .contains("zorgvuldig")
    );

    let mut save = fields;
    save[3].1 = "save";
    let res = app.post(&path, &path, &save).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        app.get(&format!("/c/{}/privacy", s.slug))
            .await
            .body
            .contains("Wij bewaren je gegevens zorgvuldig.")
    );
    assert!(app.get(&path).await.body.contains("Hoi {{naam}}"));

    let bad = [
        ("privacy_statement", ""),
        ("confirmation_text", "Beste {{voornaam}}"),
        ("confirmation_text_en", ""),
        ("action", "save"),
    ];
    let res = app.post(&path, &path, &bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Onbekende plaatshouder {{voornaam}}"));
    assert!(body.contains("Beste {{voornaam}}"), "typed text kept");
    assert!(
        app.get(&path).await.body.contains("Hoi {{naam}}"),
        "nothing half saved"
    );
}

#[tokio::test]
async fn the_default_privacy_statement_names_the_contact() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let page = app.get(&format!("/c/{}/privacy", s.slug)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("kansrijkestart@example.org"));
    let form = app.get(&format!("/c/{}/aanmelden", s.slug)).await;
    assert!(
        form.body
            .contains(&format!("href=\"/c/{}/privacy\"", s.slug))
    );
}
