//! Defects found while probing, each proven fixed here: a test that failed before its fix.

use futures_util::future::join_all;
use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::api::registration::{form_for, register, seed_conference};
use crate::api::registration_mail::{parse, registration_token};
use crate::common::{TestApp, spawn_app, spawn_manual_app};

/// Registering again with a known address mails the link again, but not on every submit:
/// before, 30 submissions delivered 29 mails to whoever owned the address.
#[tokio::test]
async fn the_form_cannot_flood_a_registered_address_with_mail() {
    let (app, s) = TestApp::given().stopped_clock().with_conference(10).await;
    let anna = form_for(&s, "Anna", "anna@example.org");
    for _ in 0..5 {
        let res = register(&app, &s, &anna).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "the page answers alike"
        );
    }
    assert_eq!(app.outbox_count("confirmation").await, 1);
    assert_eq!(app.outbox_count("link-again").await, 0);

    // Later, someone who lost the mail asks again, and gets the link once.
    app.clock.advance(chrono::Duration::minutes(11));
    for _ in 0..3 {
        register(&app, &s, &anna).await;
    }
    assert_eq!(app.outbox_count("link-again").await, 1);
    assert_eq!(app.deliver_mail().await, 2);
    let mails: Vec<_> = app
        .mailbox
        .to("anna@example.org")
        .iter()
        .map(|m| parse(&m.raw))
        .collect();
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "Je aanmelding voor Werkconferentie Kansrijke Start"
    );
    assert_eq!(
        registration_token(&mails[1].text),
        registration_token(&mails[0].text),
        "the same personal link"
    );
}

/// A refused request must not empty the public page cache: before, an anonymous POST to any
/// organiser path did, so anyone could keep the busiest page off the cache.
#[tokio::test]
async fn an_anonymous_post_leaves_the_public_cache_alone() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    let page = format!("/c/{}", s.slug);
    assert!(
        app.get(&page)
            .await
            .body
            .contains("Werkconferentie Kansrijke Start")
    );
    // Changed behind the cache's back: the page keeps showing what it remembers...
    let id = s.id.clone();
    app.db
        .run(move |c| {
            use diesel::prelude::*;
            use werkconf::db::schema::conferences;
            diesel::update(conferences::table.find(id))
                .set(conferences::title.eq("Stilletjes veranderd"))
                .execute(c)
                .map_err(werkconf::db::DbError::from)
        })
        .await
        .unwrap();
    let csrf = app.get("/login").await.csrf();
    let res = app
        .post_with_token(
            &format!("/beheer/conferenties/{}/archiveren", s.id),
            &csrf,
            &[],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    // ...also after the refused post.
    let body = app.get(&page).await.body;
    assert!(
        body.contains("Werkconferentie Kansrijke Start"),
        "cache kept"
    );
    assert!(!body.contains("Stilletjes veranderd"));
}

/// Simultaneous "new insight" posts: before, PostgreSQL gave positions 1,2,2,3,3.
#[tokio::test]
async fn simultaneous_new_insights_get_distinct_positions() {
    let app = spawn_app().await;
    app.login().await;
    let admin = app.create_conference(&[("slug", "gelijktijdig")]).await;
    let path = format!("{admin}/inzichten/nieuw");
    let csrf = app.get(&path).await.csrf();
    let titles: Vec<String> = (1..=16).map(|n| format!("Inzicht {n}")).collect();
    let forms: Vec<Vec<(&str, &str)>> = titles
        .iter()
        .map(|title| {
            vec![
                ("title", title.as_str()),
                ("description", ""),
                ("question_professional", "Wat kan jij morgen anders doen?"),
                ("question_together", "Wat kunnen we samen anders doen?"),
            ]
        })
        .collect();
    let posts = forms
        .iter()
        .map(|form| app.post_with_token(&path, &csrf, form));
    for res in join_all(posts).await {
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let id = werkconf::domain::ids::ConferenceId::parse(admin.rsplit('/').next().unwrap()).unwrap();
    let mut positions: Vec<i32> = app
        .db
        .run(move |c| werkconf::db::insights::list(c, &id))
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.position)
        .collect();
    positions.sort();
    assert_eq!(positions, (1..=16).collect::<Vec<i32>>());
}

/// Two "send" submissions of one message at the same moment: before, PostgreSQL sent it
/// twice (three at once, three times).
#[tokio::test]
async fn a_message_sent_twice_at_once_goes_out_once() {
    let app = spawn_manual_app().await;
    let s = seed_conference(&app, 100, Status::Open).await;
    let people: Vec<(String, String)> = (0..60)
        .map(|n| (format!("Deelnemer {n}"), format!("d{n}@example.org")))
        .collect();
    for (name, email) in &people {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    app.login().await;
    let path = format!("/beheer/conferenties/{}/berichten", s.id);
    let mut fields = vec![
        ("status", ""),
        ("discipline", ""),
        ("municipality", ""),
        ("insight", ""),
        ("subject", "Praktische informatie"),
        ("body", "Beste {{naam}}, tot donderdag."),
        ("action", "preview"),
    ];
    let preview = app.post(&path, &path, &fields).await.text().await.unwrap();
    let marker = "name=\"batch\" value=\"";
    let start = preview.find(marker).unwrap() + marker.len();
    let batch = preview[start..start + preview[start..].find('"').unwrap()].to_owned();
    fields.retain(|(k, _)| *k != "action");
    fields.push(("action", "send"));
    fields.push(("batch", &batch));
    let csrf = app.get(&path).await.csrf();
    let sends = (0..4).map(|_| app.post_with_token(&path, &csrf, &fields));
    for res in join_all(sends).await {
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(app.outbox_count("broadcast").await, 60, "one per recipient");
}

/// The session cookie set by logging in, as someone who copied it would have it.
async fn log_in_and_copy_cookie(app: &crate::common::TestApp) -> String {
    let csrf = app.get("/login").await.csrf();
    let res = app
        .post_with_token(
            "/login",
            &csrf,
            &[
                ("email", "eline@example.org"),
                ("password", crate::common::PASSWORD),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "logged in");
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("werkconf_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn status_with_cookie(app: &crate::common::TestApp, cookie: &str, path: &str) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Logging out ends the login on the server: before, a cookie copied before logout still
/// opened /beheer and the participant export for up to 12 hours.
#[tokio::test]
async fn logout_ends_the_login_for_a_copied_cookie_too() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let s = seed_conference(&app, 10, Status::Open).await;
    let export = format!("/beheer/conferenties/{}/deelnemers.csv", s.id);
    let copied = log_in_and_copy_cookie(&app).await;
    assert_eq!(status_with_cookie(&app, &copied, "/beheer").await, 200);
    assert_eq!(status_with_cookie(&app, &copied, &export).await, 200);

    let csrf = app.get("/beheer").await.csrf();
    let res = app.post_with_token("/logout", &csrf, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_with_cookie(&app, &copied, "/beheer").await, 303);
    assert_eq!(status_with_cookie(&app, &copied, &export).await, 303);
}

/// "Log out everywhere" ends the organiser's logins on other devices as well.
#[tokio::test]
async fn logging_out_everywhere_ends_every_login_of_the_organiser() {
    let app = spawn_app().await;
    app.create_organiser("eline@example.org").await;
    let laptop = log_in_and_copy_cookie(&app).await;
    // The phone: another browser, so log in afresh there.
    let phone_app = app.another_browser();
    let phone = log_in_and_copy_cookie(&phone_app).await;
    assert_eq!(status_with_cookie(&app, &laptop, "/beheer").await, 200);
    let page = app.get("/beheer").await;
    assert!(page.body.contains("Overal uitloggen"));
    let res = app
        .post_with_token("/logout/overal", &page.csrf(), &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_with_cookie(&app, &laptop, "/beheer").await, 303);
    assert_eq!(status_with_cookie(&app, &phone, "/beheer").await, 303);
}

/// A body that stops halfway: before, the connection stayed open indefinitely (50 of 50
/// still open after 70 s). Now the server answers and closes it after the body timeout.
#[tokio::test]
async fn a_request_body_that_stops_halfway_is_cut_off() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = crate::common::spawn_app_with(|s| s.server.body_timeout_seconds = 1).await;
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    stream
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 1000\r\n\r\nemail=eline%40example.org&pass",
        )
        .await
        .unwrap();
    // Read until the server closes; the bound only keeps a broken build from hanging.
    let mut answer = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        stream.read_to_end(&mut answer),
    )
    .await;
    assert!(read.is_ok(), "the connection was still open after 20 s");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 4"),
        "refused: {}",
        answer.lines().next().unwrap_or("")
    );
}

/// Cancellations through several manage links at the same moment while people wait: every
/// freed place goes to exactly one person on the waiting list, in order, with one mail
/// each. (Registrations all pass through one thread; cancellations do not.)
#[tokio::test]
async fn simultaneous_cancellations_give_each_place_once() {
    use crate::api::registration::registrations;
    use werkconf::domain::registration::RegistrationStatus;
    let (app, s) = TestApp::given().stopped_clock().with_conference(4).await;
    let people: Vec<(String, String)> = (0..10)
        .map(|n| (format!("Deelnemer {n}"), format!("d{n}@example.org")))
        .collect();
    for (name, email) in &people {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    let before = registrations(&app, &s.id).await;
    let leaving: Vec<&werkconf::db::registrations::Registration> = before
        .iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .take(3)
        .collect();
    // Each from their own browser, all at once.
    let browsers: Vec<_> = leaving.iter().map(|_| app.another_browser()).collect();
    let mut forms = Vec::new();
    for (browser, r) in browsers.iter().zip(&leaving) {
        let path = format!("/r/{}/annuleren", app.token_of(r));
        forms.push((path.clone(), browser.get(&path).await.csrf()));
    }
    let cancels = browsers
        .iter()
        .zip(&forms)
        .map(|(browser, (path, csrf))| browser.post_with_token(path, csrf, &[]));
    for res in join_all(cancels).await {
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let after = registrations(&app, &s.id).await;
    let with = |status| after.iter().filter(|r| r.status() == status).count();
    assert_eq!(
        with(RegistrationStatus::Confirmed),
        4,
        "no place lost or given twice"
    );
    assert_eq!(with(RegistrationStatus::Cancelled), 3);
    assert_eq!(with(RegistrationStatus::Waiting), 3);
    // The first three in line moved up, each mailed once.
    let promoted: Vec<&str> = after
        .iter()
        .filter(|r| r.seq > 4 && r.status() == RegistrationStatus::Confirmed)
        .map(|r| r.email.as_str())
        .collect();
    assert_eq!(
        promoted,
        ["d4@example.org", "d5@example.org", "d6@example.org"]
    );
    let outbox = app.outbox().await;
    for email in promoted {
        let mails = outbox
            .iter()
            .filter(|(kind, to)| kind == "promotion" && to == email)
            .count();
        assert_eq!(mails, 1, "{email}");
    }
    assert_eq!(app.outbox_count("promotion").await, 3);
    assert_eq!(app.outbox_count("cancellation").await, 3);
}

/// A status the code does not know, found in the database, is an error: before, an
/// unknown registration status silently read as "cancelled".
#[tokio::test]
async fn an_unknown_status_in_the_database_is_an_error_not_a_guess() {
    let app = spawn_manual_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let id = s.id.clone();
    let read = app
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use werkconf::db::schema::registrations;
            diesel::update(registrations::table)
                .set(registrations::status.eq("wachtend"))
                .execute(c)
                .map_err(werkconf::db::DbError::from)?;
            Ok::<_, werkconf::db::DbError>(werkconf::db::registrations::list(c, &id))
        })
        .await
        .unwrap();
    let error = read.expect_err("an unknown status must not read as anything");
    assert!(
        format!("{error:?}").contains("unknown RegistrationStatus")
            && format!("{error:?}").contains("wachtend"),
        "{error:?}"
    );
}

/// Personal links are stored as hashes now. A link mailed before (its token stored as it
/// was) keeps working once the start-up step has moved it over, and so does the new one.
#[tokio::test]
async fn links_mailed_before_hashing_keep_working() {
    use crate::api::registration::registrations;
    let app = spawn_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let anna = registrations(&app, &s.id).await.remove(0);
    // As an older werkconf stored it: the token itself.
    let old = "oudeLinkVanVoorHetHashenAbcdefghijklmnopqrs".to_owned();
    assert_eq!(old.len(), 43);
    let (id, plain) = (anna.id.clone(), old.clone());
    app.db
        .run(move |c| {
            use diesel::prelude::*;
            use werkconf::db::schema::registrations;
            diesel::update(registrations::table.find(&id))
                .set(registrations::token.eq(&plain))
                .execute(c)
                .map_err(werkconf::db::DbError::from)
        })
        .await
        .unwrap();
    let links = app.link_key().clone();
    let moved = app
        .db
        .run(move |c| werkconf::db::registrations::hash_plain_tokens(c, &links))
        .await
        .unwrap();
    assert_eq!(moved, 1);
    let links = app.link_key().clone();
    let again = app
        .db
        .run(move |c| werkconf::db::registrations::hash_plain_tokens(c, &links))
        .await
        .unwrap();
    assert_eq!(again, 0, "the second start moves nothing");
    let stored = registrations(&app, &s.id).await.remove(0);
    assert_ne!(
        stored.token, old,
        "the old token is no longer stored as it is"
    );
    for token in [old, app.token_of(&stored)] {
        let page = app.get(&format!("/r/{token}")).await;
        assert_eq!(page.status, StatusCode::OK, "{token}");
        assert!(page.body.contains("Anna"));
    }
}
