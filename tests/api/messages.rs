use std::time::{Duration, Instant};

use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::helpers::spawn_app_with;
use crate::registration::{form_for, register, seed_conference};
use crate::registration_mail::wait_for_mail;

#[tokio::test]
async fn organisers_preview_and_send_a_message_to_a_filtered_set() {
    let app = spawn_app_with(|s| s.mail.worker.poll_interval_ms = 50).await;
    let s = seed_conference(&app, 1, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    let mail_dir = app.data_dir.join("mail");
    wait_for_mail(&mail_dir, 2);
    app.login().await;

    let path = format!("/beheer/conferenties/{}/berichten", s.id);
    let mut fields = vec![
        ("status", "waiting"),
        ("discipline", ""),
        ("municipality", ""),
        ("insight", ""),
        ("subject", "Nieuws over {{conferentie}}"),
        ("body", "Beste {{naam}}, je staat nog op de wachtlijst."),
        ("action", "preview"),
    ];
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = res.text().await.unwrap();
    assert!(body.contains("1 ontvangers met dit filter"));
    assert!(body.contains("Beste Bram, je staat nog op de wachtlijst."));
    assert!(body.contains("Verstuur naar 1 ontvangers"));

    let start = body.find("name=\"batch\" value=\"").unwrap() + "name=\"batch\" value=\"".len();
    let batch = body[start..start + body[start..].find('"').unwrap()].to_owned();
    fields.retain(|(k, _)| *k != "action");
    fields.push(("action", "send"));
    fields.push(("batch", &batch));
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let progress = res.headers()["location"].to_str().unwrap().to_owned();
    // A double click sends the same batch again: nothing more goes out.
    let again = app.post(&path, &path, &fields).await;
    assert_eq!(again.headers()["location"].to_str().unwrap(), progress);
    let mails = wait_for_mail(&mail_dir, 3);
    let sent = mails
        .iter()
        .find(|m| m.subject.starts_with("Nieuws over"))
        .unwrap();
    assert!(sent.to.contains("bram@example.org"));
    assert!(sent.text.contains("Beste Bram"));
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.subject.starts_with("Nieuws"))
            .count(),
        1
    );

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let json: serde_json::Value =
            serde_json::from_str(&app.get(&format!("{progress}/voortgang")).await.body).unwrap();
        if json["sent"] == 1 {
            assert_eq!(json["total"], 1);
            break;
        }
        assert!(Instant::now() < deadline, "not sent: {json}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let page = app.get(&progress).await;
    assert!(
        page.body
            .contains("1 van 1 verstuurd; 0 in de wachtrij; 0 mislukt.")
    );

    // No recipients, or an unknown placeholder: refused at the field.
    let res = app
        .post(
            &path,
            &path,
            &[
                ("status", "cancelled"),
                ("subject", "x"),
                ("body", "y"),
                ("action", "send"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Er zijn geen ontvangers met dit filter.")
    );
    let res = app
        .post(
            &path,
            &path,
            &[
                ("subject", "x"),
                ("body", "Hoi {{voornaam}}"),
                ("action", "send"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wait_for_mail(&mail_dir, 3).len(),
        3,
        "nothing more was sent"
    );
}

#[tokio::test]
async fn the_outbox_lists_failed_mail_and_retries_it() {
    // An SMTP server that is not there, and no patience: mail fails at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(|s| {
        s.mail.transport = "smtp".into();
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
        s.mail.smtp.tls = "none".into();
        s.mail.smtp.timeout_seconds = 2;
        s.mail.worker.poll_interval_ms = 50;
        s.mail.worker.max_attempts = 1;
        s.mail.worker.backoff_base_seconds = 0.05;
        s.mail.worker.backoff_max_seconds = 0.05;
    })
    .await;
    let s = seed_conference(&app, 5, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    app.login().await;
    let outbox = format!("/beheer/conferenties/{}/mail", s.id);
    let deadline = Instant::now() + Duration::from_secs(15);
    let page = loop {
        let page = app.get(&outbox).await;
        if page.body.contains("Opnieuw versturen:") {
            break page;
        }
        assert!(Instant::now() < deadline, "mail never failed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        page.body
            .contains("Bevestiging: Werkconferentie Kansrijke Start")
    );
    assert!(page.body.contains("Mislukt"));
    let marker = "/opnieuw\"";
    let end = page.body.find(marker).unwrap();
    let start = page.body[..end].rfind("action=\"").unwrap() + "action=\"".len();
    let retry = format!("{}/opnieuw", &page.body[start..end]);
    let res = app.post_with_token(&retry, &page.csrf(), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = app.get(&outbox).await;
    assert!(
        after
            .body
            .contains("Het bericht staat weer in de wachtrij.")
    );
}

#[tokio::test]
async fn the_outbox_pages_through_every_message() {
    // A worker that does not look again for an hour leaves the list as it is.
    let app = spawn_app_with(|s| s.mail.worker.poll_interval_ms = 3_600_000).await;
    let s = seed_conference(&app, 5, Status::Open).await;
    let id = s.id.clone();
    app.db
        .run(move |conn| {
            for n in 0..205 {
                let email = werkconf::mail::Email {
                    to_name: format!("Deelnemer {n}"),
                    to_email: format!("deelnemer{n}@example.org"),
                    reply_to: None,
                    subject: format!("Bericht {n}"),
                    text: "Tekst".into(),
                    html: "<p>Tekst</p>".into(),
                    calendar: None,
                };
                werkconf::mail::enqueue(
                    conn,
                    "werkconf <noreply@example.org>",
                    &email,
                    "broadcast",
                    Some(&id),
                    None,
                    werkconf::clock::Clock::system().now(),
                )?;
            }
            Ok::<_, werkconf::mail::outbox::EnqueueError>(())
        })
        .await
        .unwrap();
    app.login().await;
    let outbox = format!("/beheer/conferenties/{}/mail", s.id);
    let first = app.get(&outbox).await.body;
    assert!(first.contains("Pagina 1 van 2."));
    assert!(first.contains("Bericht 204"), "newest first");
    assert!(!first.contains("Bericht 4<"));
    let second = app.get(&format!("{outbox}?pagina=2")).await.body;
    assert!(second.contains("Bericht 0<") && second.contains("Bericht 4<"));
    assert!(second.contains("Vorige pagina"));
}
