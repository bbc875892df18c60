//! The mail that registering, cancelling and changing a conference send, as the
//! participant receives it: parsed as MIME, with its invite parsed as iCalendar.

use icalendar::{Component, EventLike};
use reqwest::StatusCode;
use werkconf::domain::conference::Status;

use crate::api::registration::{Seeded, form_for, register, registrations, seed_conference};
use crate::common::{TestApp, spawn_manual_app};

/// One received message.
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The `text/calendar` part with its `method=` parameter.
    pub calendar: Option<(String, String)>,
    pub reply_to: String,
}

pub fn parse(raw: &str) -> Received {
    let mail = mailparse::parse_mail(raw.as_bytes()).expect("valid MIME");
    let header = |name: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    };
    let mut received = Received {
        to: header("To"),
        subject: header("Subject"),
        reply_to: header("Reply-To"),
        text: String::new(),
        html: String::new(),
        calendar: None,
    };
    fn walk(part: &mailparse::ParsedMail, r: &mut Received) {
        let mime = part.ctype.mimetype.to_lowercase();
        let inline =
            part.get_content_disposition().disposition == mailparse::DispositionType::Inline;
        match mime.as_str() {
            "text/plain" if inline => r.text = part.get_body().unwrap(),
            "text/html" => r.html = part.get_body().unwrap(),
            "text/calendar" => {
                let method = part.ctype.params.get("method").cloned().unwrap_or_default();
                r.calendar = Some((method, part.get_body().unwrap()));
            }
            _ => {}
        }
        for sub in &part.subparts {
            walk(sub, r);
        }
    }
    walk(&mail, &mut received);
    received
}

/// Delivers what is due and returns every message delivered so far, oldest first; there
/// must be exactly `n`.
pub async fn delivered(app: &TestApp, n: usize) -> Vec<Received> {
    app.deliver_mail().await;
    let all: Vec<Received> = app.mailbox.all().iter().map(|m| parse(&m.raw)).collect();
    assert_eq!(
        all.len(),
        n,
        "delivered: {:?}",
        all.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    all
}

fn event(calendar: &str) -> icalendar::Event {
    let parsed: icalendar::Calendar = calendar.parse().expect("valid iCalendar");
    parsed
        .components
        .iter()
        .find_map(|c| c.as_event().cloned())
        .expect("a VEVENT")
}

pub fn registration_token(text: &str) -> String {
    let start = text.find("/r/").expect("manage link") + 3;
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn seeded(app: &TestApp, capacity: i32) -> Seeded {
    seed_conference(app, capacity, Status::Open).await
}

#[tokio::test]
async fn confirmation_carries_the_manage_link_and_an_invite() {
    let app = spawn_manual_app().await;
    let s = seeded(&app, 20).await;
    register(&app, &s, &form_for(&s, "Anna de Vries", "anna@example.org")).await;
    let mails = delivered(&app, 1).await;
    let m = &mails[0];
    assert_eq!(m.to, "\"Anna de Vries\" <anna@example.org>");
    assert_eq!(m.subject, "Bevestiging: Werkconferentie Kansrijke Start");
    assert_eq!(m.reply_to, "kansrijkestart@example.org");
    assert!(m.text.contains("Beste Anna de Vries"));
    assert!(m.text.contains("Je aanmelding is bevestigd."));
    assert!(
        m.text
            .contains("1. Schaamte en vertrouwen, 2. Vertrouwen in eigen kracht")
    );
    assert!(m.html.contains("<a href=\"http://127.0.0.1:8080/r/"));

    // The link in the mail opens the participant's own page.
    let token = registration_token(&m.text);
    let stored = registrations(&app, &s.id).await.remove(0);
    assert_eq!(token, app.token_of(&stored));
    assert_eq!(
        stored.token,
        werkconf::auth::token_hash(&token),
        "the database keeps only the hash"
    );
    let page = app.get(&format!("/r/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Bevestigd"));

    let (method, ics) = m.calendar.as_ref().expect("an invite");
    assert_eq!(method.to_uppercase(), "REQUEST");
    assert!(ics.contains("METHOD:REQUEST"));
    let e = event(ics);
    assert_eq!(
        e.get_uid(),
        Some(format!("{}-1@werkconf", stored.id).as_str())
    );
    assert_eq!(e.get_sequence(), Some(0));
    assert_eq!(e.get_summary(), Some("Werkconferentie Kansrijke Start"));
    assert_eq!(
        e.get_location(),
        Some("Stadskantoor Utrecht, Stadsplateau 1, Utrecht")
    );
    assert!(
        e.get_description()
            .unwrap()
            .contains(&format!("/r/{token}"))
    );
    assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20830311T090000"));
    assert!(ics.contains("DTEND;TZID=Europe/Amsterdam:20830311T163000"));
    assert!(ics.contains("ATTENDEE;"));
    assert!(ics.contains("mailto:anna@example.org"));
    assert!(ics.contains("ORGANIZER;"));
}

#[tokio::test]
async fn waiting_list_promotion_and_cancellation_are_mailed() {
    let app = spawn_manual_app().await;
    let s = seeded(&app, 1).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    let mails = delivered(&app, 2).await;
    assert_eq!(
        mails[1].subject,
        "Wachtlijst: Werkconferentie Kansrijke Start"
    );
    assert!(mails[1].text.contains("op de wachtlijst (plaats 1)"));
    assert!(mails[1].calendar.is_none(), "no invite without a place");

    // The same address again, later: no new registration, just the link once more.
    app.clock.advance(chrono::Duration::minutes(11));
    register(&app, &s, &form_for(&s, "Bram", "BRAM@example.org")).await;
    let mails = delivered(&app, 3).await;
    assert_eq!(
        mails[2].subject,
        "Je aanmelding voor Werkconferentie Kansrijke Start"
    );
    assert_eq!(
        registration_token(&mails[2].text),
        registration_token(&mails[1].text)
    );

    // Anna cancels: she gets METHOD:CANCEL for her invite, Bram his place and an invite.
    let anna = registration_token(&mails[0].text);
    let confirm = app.get(&format!("/r/{anna}/annuleren")).await;
    app.post_with_token(&format!("/r/{anna}/annuleren"), &confirm.csrf(), &[])
        .await;
    let mails = delivered(&app, 5).await;
    let cancel = mails
        .iter()
        .find(|m| m.subject.starts_with("Annulering"))
        .expect("cancellation");
    assert!(cancel.to.contains("anna@example.org"));
    let (method, ics) = cancel.calendar.as_ref().expect("a cancel invite");
    assert_eq!(method.to_uppercase(), "CANCEL");
    assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
    let first = event(mails[0].calendar.as_ref().unwrap().1.as_str());
    let cancelled = event(ics);
    assert_eq!(cancelled.get_uid(), first.get_uid());
    assert!(cancelled.get_sequence() > first.get_sequence());

    let promoted = mails
        .iter()
        .find(|m| m.subject.starts_with("Er is een plaats"))
        .expect("promotion");
    assert!(promoted.to.contains("bram@example.org"));
    assert_eq!(
        promoted.calendar.as_ref().unwrap().0.to_uppercase(),
        "REQUEST"
    );
}

#[tokio::test]
async fn a_new_time_sends_every_confirmed_participant_an_update() {
    let app = spawn_manual_app().await;
    let s = seeded(&app, 1).await;
    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    let before = delivered(&app, 2).await;
    app.login().await;
    let edit = format!("/beheer/conferenties/{}/bewerken", s.id);
    let mut fields = crate::common::conference_fields();
    for f in fields.iter_mut() {
        match f.0 {
            "starts_at" => f.1 = "2083-03-11T10:00",
            "slug" => f.1 = "kansrijke-start",
            "capacity" => f.1 = "2",
            "registration_opens_at" | "registration_closes_at" => f.1 = "",
            _ => {}
        }
    }
    let res = app.post(&edit, &edit, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = delivered(&app, 4).await;
    let update = after
        .iter()
        .find(|m| m.subject.starts_with("Gewijzigd"))
        .expect("update");
    assert!(update.to.contains("anna@example.org"));
    let e = event(update.calendar.as_ref().unwrap().1.as_str());
    let original = event(before[0].calendar.as_ref().unwrap().1.as_str());
    assert_eq!(e.get_uid(), original.get_uid());
    assert_eq!(e.get_sequence(), Some(1));
    assert!(
        update
            .calendar
            .as_ref()
            .unwrap()
            .1
            .contains("DTSTART;TZID=Europe/Amsterdam:20830311T100000")
    );
    // The extra place went to Bram, who was waiting.
    assert!(
        after
            .iter()
            .any(|m| m.subject.starts_with("Er is een plaats") && m.to.contains("bram@"))
    );
    assert_eq!(
        after.len(),
        4,
        "Bram gets his promotion, not also an update"
    );
}

#[tokio::test]
async fn the_conference_feed_and_the_participants_own_event_parse() {
    let app = spawn_manual_app().await;
    let s = seeded(&app, 20).await;
    let res = app.get_raw(&format!("/c/{}/agenda.ics", s.slug)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let feed = res.text().await.unwrap();
    assert!(feed.contains("METHOD:PUBLISH"));
    let e = event(&feed);
    assert_eq!(e.get_summary(), Some("Werkconferentie Kansrijke Start"));
    assert!(!feed.contains("ATTENDEE"), "a public feed names nobody");

    register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    let mail = delivered(&app, 1).await.remove(0);
    let token = registration_token(&mail.text);
    let own = app.get(&format!("/r/{token}/agenda.ics")).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(
        event(&own.body).get_uid(),
        event(&mail.calendar.unwrap().1).get_uid()
    );
    assert!(
        app.get(&format!("/c/{}", s.slug))
            .await
            .body
            .contains(&format!("/c/{}/aanmelden", s.slug))
    );
}

#[tokio::test]
async fn who_registers_in_english_gets_english_mail() {
    let app = spawn_manual_app().await;
    let s = seeded(&app, 20).await;
    // The language switch remembers English for this browser.
    app.get_raw("/taal/en?terug=/").await;
    let res = register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let m = delivered(&app, 1).await.remove(0);
    assert_eq!(m.subject, "Confirmation: Werkconferentie Kansrijke Start");
    assert!(m.text.contains("Dear Anna"));
    assert!(m.text.contains("Your registration: confirmed"));
    assert!(m.text.contains("Thursday 11 March 2083"));
}
