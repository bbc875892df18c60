use reqwest::StatusCode;

use crate::common::{PASSWORD, spawn_app};

#[tokio::test]
async fn organiser_pages_refuse_anonymous_visitors() {
    let app = spawn_app().await;
    for path in [
        "/beheer",
        "/beheer/conferenties/nieuw",
        "/beheer/conferenties/x",
    ] {
        let res = app.get_raw(path).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{path}");
        let location = res.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/login?next="), "{path} -> {location}");
    }
    // A post without a login is refused for that reason, with a valid form token (from
    // the login page) so that nothing else could be what refused it; nothing is created.
    let csrf = app.get("/login").await.csrf();
    let mut fields = crate::common::conference_fields();
    fields.retain(|(k, _)| *k != "csrf");
    let res = app
        .post_with_token("/beheer/conferenties/nieuw", &csrf, &fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("/login?next="), "{location}");
    assert!(
        app.get("/")
            .await
            .body
            .contains("geen werkconferenties gepland")
    );
}

#[tokio::test]
async fn first_run_login_page_says_how_to_create_an_organiser() {
    let app = spawn_app().await;
    let page = app.get("/login").await;
    assert!(page.body.contains("werkconf create-organiser"));
    app.create_organiser("eline@example.org").await;
    assert!(
        !app.get("/login")
            .await
            .body
            .contains("werkconf create-organiser")
    );
}

#[tokio::test]
async fn login_then_logout() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let res = app
        .post(
            "/login",
            "/login?next=/beheer/conferenties/nieuw",
            &[
                ("email", " Eline@Example.org "),
                ("password", PASSWORD),
                ("next", "/beheer/conferenties/nieuw"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/beheer/conferenties/nieuw");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("werkconf_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not mark it Secure"
    );

    let res = app.get_raw("/beheer").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "no-store",
        "personal data is not cached"
    );
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Werkconferenties beheren")
    );

    let res = app.post("/logout", "/beheer", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get_raw("/beheer").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn login_never_redirects_to_another_site() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let res = app
        .post(
            "/login",
            "/login",
            &[
                ("email", "eline@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/steal"),
            ],
        )
        .await;
    assert_eq!(res.headers()["location"], "/beheer");
}

#[tokio::test]
async fn wrong_password_gets_a_dutch_message_and_keeps_the_email() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let res = app
        .post(
            "/login",
            "/login",
            &[
                ("email", "eline@example.org"),
                ("password", "verkeerd wachtwoord"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Het e-mailadres of wachtwoord klopt niet."));
    assert!(body.contains("value=\"eline@example.org\""));
    assert!(
        !body.contains("verkeerd wachtwoord"),
        "password must not be echoed"
    );
}

#[tokio::test]
async fn logins_are_limited_per_account() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    for _ in 0..5 {
        let res = app
            .post(
                "/login",
                "/login",
                &[
                    ("email", "eline@example.org"),
                    ("password", "fout fout fout"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right password is refused now.
    let res = app
        .post(
            "/login",
            "/login",
            &[("email", "eline@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // The first failure leaves the 15-minute window in (just under) 900 seconds.
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((840..=900).contains(&retry), "{retry}");
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
    );
}

/// Behind a reverse proxy every request comes from the proxy. Counted per client (from
/// the header the proxy sets), five typos by one person no longer lock out everyone, and a
/// typo-prone colleague cannot lock out another organiser.
#[tokio::test]
async fn behind_a_proxy_failed_logins_count_per_client_and_a_success_resets() {
    let app = crate::common::spawn_app_with(|s| {
        s.server.client_address_header = "X-Forwarded-For".into();
    })
    .await;
    app.create_organiser("eline@example.org").await;
    app.create_organiser("joris@example.org").await;
    let attempt = |from: &'static str, email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let csrf = app.get("/login").await.csrf();
            app.client
                .post(app.url("/login"))
                .header("x-forwarded-for", format!("203.0.113.9, {from}"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("password", password),
                    ("next", ""),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("10.0.0.1", "eline@example.org", "fout fout fout").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        attempt("10.0.0.1", "eline@example.org", PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "blocked for this account from this client"
    );
    // Eline at her own desk, and Joris at the typo-prone one, still get in.
    assert_eq!(
        attempt("10.0.0.2", "eline@example.org", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    app.client.post(app.url("/logout")).send().await.unwrap();
    let fresh = app.another_browser();
    let csrf = fresh.get("/login").await.csrf();
    let res = fresh
        .client
        .post(fresh.url("/login"))
        .header("x-forwarded-for", "10.0.0.1")
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "joris@example.org"),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

/// Without a configured proxy header, the header is not believed: changing it does not
/// escape the limit.
#[tokio::test]
async fn an_untrusted_address_header_does_not_escape_the_limit() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let mut last = StatusCode::OK;
    for n in 0..6 {
        let csrf = app.get("/login").await.csrf();
        last = app
            .client
            .post(app.url("/login"))
            .header("x-forwarded-for", format!("10.0.0.{n}"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "eline@example.org"),
                ("password", "fout fout fout"),
            ])
            .send()
            .await
            .unwrap()
            .status();
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn forms_without_the_right_token_are_refused() {
    let app = spawn_app().await;
    app.login().await;
    let res = app
        .post_with_token(
            "/beheer/conferenties/nieuw",
            "not-the-token",
            &crate::common::conference_fields(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.text().await.unwrap().contains("Formulier verlopen"));
    let list = app.get("/beheer").await;
    assert!(list.body.contains("Er zijn nog geen werkconferenties"));
}
