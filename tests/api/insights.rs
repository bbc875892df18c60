use reqwest::StatusCode;

use crate::common::spawn_app;

#[tokio::test]
async fn insights_start_with_the_two_questions_and_appear_in_order() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[("slug", "utrecht")]).await;

    let form = app.get(&format!("{admin}/inzichten/nieuw")).await;
    assert!(
        form.body
            .contains("value=\"Wat kan jij morgen anders doen als professional?\"")
    );
    assert!(
        form.body
            .contains("value=\"Wat kunnen we samen anders doen?\"")
    );

    for (title, q2) in [
        (
            "Vertrouwen in eigen kracht",
            "Wat kunnen we samen anders doen?",
        ),
        (
            "De rol van schaamte en vertrouwen",
            "Hoe bouwen we samen vertrouwen op?",
        ),
    ] {
        let res = app
            .post(
                &format!("{admin}/inzichten/nieuw"),
                &format!("{admin}/inzichten/nieuw"),
                &[
                    ("title", title),
                    ("description", "Uit de interviews."),
                    (
                        "question_professional",
                        "Wat kan jij morgen anders doen als professional?",
                    ),
                    ("question_together", q2),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let public = app.get("/c/utrecht").await.body;
    let first = public.find("Vertrouwen in eigen kracht").unwrap();
    let second = public.find("De rol van schaamte en vertrouwen").unwrap();
    assert!(first < second);
    assert!(public.contains("Hoe bouwen we samen vertrouwen op?"));

    // Move the second up: the order on the public page follows.
    let detail = app.get(&admin).await.body;
    let marker = "/omhoog\"";
    let end = detail.find(marker).unwrap();
    let start = detail[..end].rfind("action=\"").unwrap() + "action=\"".len();
    let up = format!("{}/omhoog", &detail[start..end]);
    let res = app.post(&up, &admin, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let public = app.get("/c/utrecht").await.body;
    assert!(
        public.find("De rol van schaamte").unwrap()
            < public.find("Vertrouwen in eigen kracht").unwrap()
    );
}

#[tokio::test]
async fn an_insight_without_title_or_questions_is_refused() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[("slug", "utrecht")]).await;
    let res = app
        .post(
            &format!("{admin}/inzichten/nieuw"),
            &format!("{admin}/inzichten/nieuw"),
            &[
                ("title", ""),
                ("description", "Mijn verhaal"),
                ("question_professional", ""),
                ("question_together", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"f-title-error\""));
    assert!(body.contains("id=\"f-question_professional-error\""));
    assert!(body.contains("Mijn verhaal"), "typed text is kept");
    assert!(
        app.get("/c/utrecht")
            .await
            .body
            .contains("De inzichten volgen.")
    );
}

#[tokio::test]
async fn programme_items_must_lie_within_the_day() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[("slug", "utrecht")]).await;
    let path = format!("{admin}/programma/nieuw");
    let res = app
        .post(
            &path,
            &path,
            &[
                ("kind", "round"),
                ("title", "Breakoutronde 1"),
                ("starts_at", "2083-03-11T10:00"),
                ("ends_at", "2083-03-11T11:00"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app
        .post(
            &path,
            &path,
            &[
                ("kind", "plenary"),
                ("title", "Borrel"),
                ("starts_at", "2083-03-11T16:00"),
                ("ends_at", "2083-03-11T19:00"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("binnen de tijden van de werkconferentie")
    );
    let public = app.get("/c/utrecht").await.body;
    assert!(public.contains("10:00–11:00"));
    assert!(public.contains("Breakoutronde 1"));
    assert!(!public.contains("Borrel"));
}

/// One click no longer deletes: the organiser first sees whose choices go, and whoever
/// ranked the insight keeps the rest of their ranking without a gap.
#[tokio::test]
async fn deleting_an_insight_asks_first_and_names_whose_choice_goes() {
    use crate::api::registration::{form_for, register, registrations, seed_conference};
    use werkconf::domain::conference::Status;
    let app = spawn_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    // Both rank insight 1 first and insight 0 second (see form_for).
    register(&app, &s, &form_for(&s, "Anna de Vries", "anna@example.org")).await;
    register(&app, &s, &form_for(&s, "Bram Jansen", "bram@example.org")).await;
    app.login().await;
    let delete = format!(
        "/beheer/conferenties/{}/inzichten/{}/verwijderen",
        s.id, s.insights[1]
    );
    let conference = app
        .get(&format!("/beheer/conferenties/{}", s.id))
        .await
        .body;
    assert!(
        conference.contains(&format!("href=\"{delete}\"")),
        "a link, not a button"
    );
    let page = app.get(&delete).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("2 deelnemers kozen dit inzicht"));
    assert!(page.body.contains("Anna de Vries") && page.body.contains("Bram Jansen"));
    // Nothing is gone yet.
    let id = s.id.clone();
    let count = || {
        let id = id.clone();
        let app = &app;
        async move {
            app.db
                .run(move |c| werkconf::db::insights::list(c, &id))
                .await
                .unwrap()
                .len()
        }
    };
    assert_eq!(count().await, 3);
    let res = app.post_with_token(&delete, &page.csrf(), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count().await, 2);
    for r in registrations(&app, &s.id).await {
        let rid = r.id.clone();
        let (ranks, insights): (Vec<i32>, Vec<String>) = app
            .db
            .run(move |c| {
                use diesel::prelude::*;
                use werkconf::db::schema::registration_preferences as p;
                p::table
                    .filter(p::registration_id.eq(rid))
                    .order(p::rank.asc())
                    .select((p::rank, p::insight_id))
                    .load::<(i32, String)>(c)
                    .map_err(werkconf::db::DbError::from)
            })
            .await
            .unwrap()
            .into_iter()
            .unzip();
        assert_eq!(ranks, vec![1], "{}: no gap", r.name);
        assert_eq!(insights, vec![s.insights[0].to_string()]);
    }
}

/// A programme item nobody attends says so; a round says who attends it.
#[tokio::test]
async fn deleting_a_round_names_who_attends_it() {
    use crate::api::registration::{form_for, register, seed_conference};
    use werkconf::domain::conference::Status;
    let app = spawn_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna de Vries", "anna@example.org")).await;
    app.login().await;
    let page = app
        .get(&format!(
            "/beheer/conferenties/{}/programma/{}/verwijderen",
            s.id, s.rounds[0]
        ))
        .await;
    assert!(page.body.contains("1 deelnemer volgt dit onderdeel"));
    assert!(page.body.contains("Anna de Vries"));
    assert!(page.body.contains("Ja, verwijderen"));
}
