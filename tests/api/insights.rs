use reqwest::StatusCode;

use crate::helpers::spawn_app;

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
