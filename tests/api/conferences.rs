use reqwest::StatusCode;

use crate::common::{conference_fields, spawn_app};

async fn count_conferences(app: &crate::common::TestApp) -> usize {
    let db = app.db.clone();
    let active = db
        .run(|c| werkconf::db::conferences::list(c, false))
        .await
        .unwrap();
    let archived = db
        .run(|c| werkconf::db::conferences::list(c, true))
        .await
        .unwrap();
    active.len() + archived.len()
}

#[tokio::test]
async fn organiser_creates_a_conference_and_the_public_sees_it() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[]).await;
    let detail = app.get(&admin).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body.contains("De werkconferentie is aangemaakt."));
    assert!(
        detail
            .body
            .contains("/c/werkconferentie-kansrijke-start-regio-utrecht")
    );

    let public = app
        .get("/c/werkconferentie-kansrijke-start-regio-utrecht")
        .await;
    assert_eq!(public.status, StatusCode::OK);
    let body = public.body;
    assert!(body.contains("<h1>Werkconferentie Kansrijke Start regio Utrecht</h1>"));
    assert!(
        body.contains("donderdag 11 maart 2083, 09:00 – 16:30"),
        "Amsterdam time"
    );
    assert!(body.contains("Stadskantoor Utrecht"));
    assert!(body.contains("<p>Tweede alinea.</p>"));
    assert!(body.contains("Aanmelden kan vanaf zondag 10 januari 2083, 09:00."));

    // The same page in English.
    let english = app
        .client
        .get(app.url("/c/werkconferentie-kansrijke-start-regio-utrecht"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("Thursday 11 March 2083, 09:00 – 16:30"));
    assert!(english.contains("Programme"));

    // The dashboard lists it.
    assert!(app.get("/beheer").await.body.contains(&admin));
}

#[tokio::test]
async fn a_second_conference_with_the_same_title_gets_its_own_address() {
    let app = spawn_app().await;
    app.login().await;
    app.create_conference(&[]).await;
    let second = app.create_conference(&[]).await;
    assert!(
        app.get(&second)
            .await
            .body
            .contains("/c/werkconferentie-kansrijke-start-regio-utrecht-2")
    );
    // A typed address already in use is refused at the field.
    let res = app
        .post(
            "/beheer/conferenties/nieuw",
            "/beheer/conferenties/nieuw",
            &replace(&[("slug", "werkconferentie-kansrijke-start-regio-utrecht")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("al in gebruik"));
    assert_eq!(count_conferences(&app).await, 2);
}

fn replace(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields = conference_fields();
    for (k, v) in changes {
        fields.iter_mut().find(|(key, _)| key == k).unwrap().1 = v;
    }
    fields
}

#[tokio::test]
async fn bad_input_is_explained_next_to_the_field_and_kept() {
    let app = spawn_app().await;
    app.login().await;
    // (changed fields, id of the error next to the field, message)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        (
            &[("ends_at", "2083-03-11T08:00")],
            "f-ends_at-error",
            "Het einde moet na het begin liggen.",
        ),
        (
            &[("registration_closes_at", "2083-03-12T10:00")],
            "f-registration_closes_at-error",
            "Aanmelden moet sluiten vóór de werkconferentie begint.",
        ),
        (&[("title", "   ")], "f-title-error", "Vul dit veld in."),
        (
            &[("capacity", "veel")],
            "f-capacity-error",
            "Vul een heel getal in.",
        ),
        (
            &[("capacity", "0")],
            "f-capacity-error",
            "Vul een aantal van 1 tot en met",
        ),
        (
            &[("contact_email", "geen-adres")],
            "f-contact_email-error",
            "Vul een geldig e-mailadres in",
        ),
        (
            &[("starts_at", "31-02-2083 10:00")],
            "f-starts_at-error",
            "Vul een geldige datum en tijd in",
        ),
        (
            &[("starts_at", "2083-03-28T02:30")],
            "f-starts_at-error",
            "zomertijd",
        ),
        (
            &[("status", "gepubliceerd")],
            "f-status-error",
            "Kies een van de mogelijkheden.",
        ),
        (
            &[("slug", "Met Hoofdletters")],
            "f-slug-error",
            "Gebruik alleen kleine letters",
        ),
    ];
    for (changes, error_id, message) in cases {
        let mut fields = conference_fields();
        fields.retain(|(k, _)| !changes.iter().any(|(c, _)| c == k));
        fields.extend_from_slice(changes);
        let res = app
            .post(
                "/beheer/conferenties/nieuw",
                "/beheer/conferenties/nieuw",
                &fields,
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{changes:?}"
        );
        let body = res.text().await.unwrap();
        assert!(
            body.contains(&format!("id=\"{error_id}\"")),
            "{changes:?}: no error at field"
        );
        assert!(body.contains(message), "{changes:?}: message missing");
        assert!(body.contains("aria-invalid=\"true\""));
        assert!(
            body.contains("value=\"kansrijkestart@example.org\"")
                || changes[0].0 == "contact_email"
        );
        assert!(body.contains("Controleer het formulier"), "error summary");
    }
    assert_eq!(count_conferences(&app).await, 0, "nothing stored");
}

#[tokio::test]
async fn odd_and_huge_input_never_breaks_the_page() {
    let app = spawn_app().await;
    app.login().await;
    let huge = "x".repeat(1_000_000);
    let res = app
        .post(
            "/beheer/conferenties/nieuw",
            "/beheer/conferenties/nieuw",
            &replace_owned(&[("title", &huge), ("description", &huge)]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Dit is te lang: maximaal 200 tekens."));
    assert_eq!(count_conferences(&app).await, 0);

    // Too large for any form: a clear page, not a crash.
    let giant = "y".repeat(5_000_000);
    let res = app
        .post(
            "/beheer/conferenties/nieuw",
            "/beheer/conferenties/nieuw",
            &replace_owned(&[("description", &giant)]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(res.text().await.unwrap().contains("Te veel tekst"));

    let odd = "Zoë's <script>alert(1)</script> 👶 '; DROP TABLE conferences; --\0";
    let admin = app
        .create_conference(&[("title", odd), ("venue_name", "Café \"De Wieg\"")])
        .await;
    let body = app.get(&admin).await.body;
    assert!(
        body.contains(
            "Zoë&#39;s &lt;script&gt;alert(1)&lt;/script&gt; 👶 &#39;; DROP TABLE conferences; --"
        ) || body.contains(
            "Zoë's &lt;script&gt;alert(1)&lt;/script&gt; 👶 '; DROP TABLE conferences; --"
        )
    );
    assert!(!body.contains("<script>alert(1)"));
    assert_eq!(count_conferences(&app).await, 1);
}

fn replace_owned<'a>(changes: &[(&'static str, &'a str)]) -> Vec<(&'static str, &'a str)> {
    let mut fields: Vec<(&'static str, &'a str)> = conference_fields();
    for (k, v) in changes {
        fields.iter_mut().find(|(key, _)| key == k).unwrap().1 = v;
    }
    fields
}

#[tokio::test]
async fn edit_archive_and_restore() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[]).await;
    let edit = app.get(&format!("{admin}/bewerken")).await;
    assert!(
        edit.body.contains("value=\"2083-03-11T09:00\""),
        "times shown in Amsterdam time"
    );
    let res = app
        .post(
            &format!("{admin}/bewerken"),
            &format!("{admin}/bewerken"),
            &replace(&[
                ("title", "Werkconferentie (nieuwe titel)"),
                ("slug", "utrecht-2083"),
                ("capacity", "60"),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let public = app.get("/c/utrecht-2083").await;
    assert!(public.body.contains("Werkconferentie (nieuwe titel)"));

    let res = app.post(&format!("{admin}/archiveren"), &admin, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(!app.get("/beheer").await.body.contains(&admin));
    assert!(app.get("/beheer?archief=1").await.body.contains(&admin));
    assert!(
        !app.get("/").await.body.contains("utrecht-2083"),
        "archived leaves the home page"
    );

    app.post(&format!("{admin}/terugzetten"), &admin, &[]).await;
    assert!(app.get("/beheer").await.body.contains(&admin));
}

#[tokio::test]
async fn a_concept_is_only_visible_to_organisers() {
    let app = spawn_app().await;
    app.login().await;
    app.create_conference(&[("status", "concept"), ("slug", "in-voorbereiding")])
        .await;
    let preview = app.get("/c/in-voorbereiding").await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("concept"));

    let anonymous = reqwest::Client::new();
    let res = anonymous
        .get(app.url("/c/in-voorbereiding"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let home = anonymous
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!home.contains("in-voorbereiding"));
}
