use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::api::registration::{form_for, register, seed_conference};
use crate::api::registration_mail::parse;
use crate::common::{spawn_manual_app, spawn_manual_app_with};

#[tokio::test]
async fn organisers_preview_and_send_a_message_to_a_filtered_set() {
    let app = spawn_manual_app().await;
    let s = seed_conference(&app, 1, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
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
    assert_eq!(
        app.outbox_count("broadcast").await,
        0,
        "a preview sends nothing"
    );

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
    assert_eq!(
        app.outbox()
            .await
            .iter()
            .filter(|(k, _)| k == "broadcast")
            .collect::<Vec<_>>(),
        [&("broadcast".to_owned(), "bram@example.org".to_owned())]
    );
    let progress_of = || async {
        serde_json::from_str::<serde_json::Value>(
            &app.get(&format!("{progress}/voortgang")).await.body,
        )
        .unwrap()
    };
    let json = progress_of().await;
    assert_eq!(
        (json["sent"].as_i64(), json["total"].as_i64()),
        (Some(0), Some(1))
    );

    app.deliver_mail().await;
    let sent: Vec<_> = app
        .mailbox
        .to("bram@example.org")
        .iter()
        .map(|m| parse(&m.raw))
        .filter(|m| m.subject.starts_with("Nieuws over"))
        .collect();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].text.contains("Beste Bram"));
    assert_eq!(progress_of().await["sent"], 1);
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
        app.outbox_count("broadcast").await,
        1,
        "nothing more was queued"
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
    let app = spawn_manual_app_with(|s| {
        s.mail.transport = werkconf::config::TransportKind::Smtp;
        s.mail.smtp.host = "127.0.0.1".into();
        s.mail.smtp.port = port;
        s.mail.smtp.tls = werkconf::config::Tls::None;
        s.mail.smtp.timeout_seconds = 2;
        s.mail.worker.max_attempts = 1;
    })
    .await;
    let s = seed_conference(&app, 5, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    app.login().await;
    let outbox = format!("/beheer/conferenties/{}/mail", s.id);
    // One attempt, to a port where nothing listens: failed for good.
    assert_eq!(app.deliver_mail().await, 1);
    let page = app.get(&outbox).await;
    assert!(page.body.contains("Opnieuw versturen:"));
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
    // Nothing is delivered behind the test's back: the list stays as it is.
    let app = spawn_manual_app().await;
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

/// A message's progress belongs to its conference: under another conference's address it
/// is not found, so no organiser page reads a row of another conference.
#[tokio::test]
async fn a_message_is_only_followed_below_its_own_conference() {
    let app = spawn_manual_app().await;
    let s = seed_conference(&app, 5, Status::Open).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    app.login().await;
    let other = app.create_conference(&[("slug", "andere")]).await;
    let path = format!("/beheer/conferenties/{}/berichten", s.id);
    let mut fields = vec![
        ("status", ""),
        ("discipline", ""),
        ("municipality", ""),
        ("insight", ""),
        ("subject", "Nieuws"),
        ("body", "Beste {{naam}}."),
        ("action", "preview"),
    ];
    let preview = app.post(&path, &path, &fields).await.text().await.unwrap();
    let marker = "name=\"batch\" value=\"";
    let start = preview.find(marker).unwrap() + marker.len();
    let batch = preview[start..start + preview[start..].find('"').unwrap()].to_owned();
    fields.retain(|(k, _)| *k != "action");
    fields.push(("action", "send"));
    fields.push(("batch", &batch));
    let res = app.post(&path, &path, &fields).await;
    let own = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(app.get(&own).await.status, StatusCode::OK);
    for foreign in [
        format!("{other}/berichten/{batch}"),
        format!("{other}/berichten/{batch}/voortgang"),
    ] {
        let page = app.get(&foreign).await;
        if foreign.ends_with("voortgang") {
            assert!(
                page.body.contains("\"total\":0"),
                "{foreign}: {}",
                page.body
            );
        } else {
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{foreign}");
        }
    }
}
