//! Pilots: made from action points (traceable both ways), moved only along the allowed
//! transitions with a reason, and followed by their owner through a personal link that
//! stops working when the pilot changes hands.

use reqwest::StatusCode;

use crate::api::wall::{add_point, published};
use crate::common::TestApp;
use crate::common::fixtures::Seeded;
use werkconf::db;

/// The published conference with two points captured; the organiser's app, the
/// conference, and the points' ids.
async fn with_points() -> (TestApp, Seeded, Vec<String>) {
    let (app, s, facilitator, link, group) = published().await;
    for (k, text) in [
        "Warme overdracht van verloskundige naar JGZ",
        "Samen spreekuur in het buurthuis",
    ]
    .iter()
    .enumerate()
    {
        add_point(
            &facilitator,
            &link,
            &group,
            text,
            &format!("pilot-key-{k:04}"),
        )
        .await;
    }
    let id = s.id.clone();
    let points = app
        .db
        .run(move |c| db::action_points::list(c, &id))
        .await
        .unwrap()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    (app, s, points)
}

fn pilot_fields<'a>(title: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("aim", "Ouders vertellen hun verhaal één keer."),
        ("owner_name", "Anouk de Vries"),
        ("owner_email", email),
        ("owner_organisation", "Verloskundigenpraktijk De Wieg"),
        (
            "action_line",
            "1 Ouders en kind centraal in het organiseren van zorg en ondersteuning",
        ),
        ("municipality", "Utrecht"),
        ("next_evaluation_on", "2099-06-01"),
    ]
}

/// Makes a pilot of the first point; its page's path.
async fn make_pilot(app: &TestApp, s: &Seeded, points: &[String]) -> String {
    let new = format!(
        "/beheer/pilots/nieuw?conferentie={}&punten={}",
        s.id, points[0]
    );
    let form = app.get(&new).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("value=\"Warme overdracht van verloskundige naar JGZ\""),
        "the title comes from the point"
    );
    let mut fields = pilot_fields("Warme overdracht", "anouk@example.org");
    let conference = s.id.to_string();
    fields.push(("conference", &conference));
    fields.push(("points", &points[0]));
    let res = app.post("/beheer/pilots/nieuw", &new, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()["location"].to_str().unwrap().to_owned()
}

/// The owner's link in the last pilot mail to `to`.
fn owner_link(app: &TestApp, to: &str) -> String {
    let mail = crate::api::registration_mail::parse(&app.mailbox.to(to).last().unwrap().raw);
    assert!(mail.subject.starts_with("Jouw pilot"), "{}", mail.subject);
    let at = mail.text.find("/p/").unwrap();
    mail.text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_pilot_made_from_a_point_is_traceable_both_ways() {
    let (app, s, points) = with_points().await;
    let page = make_pilot(&app, &s, &points).await;
    let body = app.get(&page).await.body;
    assert!(
        body.contains("Warme overdracht van verloskundige naar JGZ"),
        "its point"
    );
    assert!(body.contains("Pilot gemaakt van 1 actiepunt(en)."));
    let harvest = app
        .get(&format!("/beheer/conferenties/{}/actiepunten", s.id))
        .await
        .body;
    assert!(
        harvest.contains("Werd pilot: Warme overdracht"),
        "the point shows its pilot"
    );
    assert!(harvest.contains("wordt pilot"));
    assert_eq!(app.outbox_count("pilot-owner").await, 1);
    let board = app.get("/beheer/pilots").await.body;
    assert!(board.contains("Warme overdracht") && board.contains("idee (1)"));

    // The same point a second time: refused, nothing stored.
    let new = format!(
        "/beheer/pilots/nieuw?conferentie={}&punten={}",
        s.id, points[0]
    );
    let mut fields = pilot_fields("Nog een keer", "bram@example.org");
    let conference = s.id.to_string();
    fields.push(("conference", &conference));
    fields.push(("points", &points[0]));
    let res = app.post("/beheer/pilots/nieuw", &new, &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("hoort al bij een pilot"));
    assert!(
        body.contains("value=\"Nog een keer\""),
        "what was typed stays"
    );
    assert_eq!(app.db.run(db::pilots::list).await.unwrap().len(), 1);
}

#[tokio::test]
async fn only_allowed_moves_with_a_reason() {
    let (app, s, points) = with_points().await;
    let page = make_pilot(&app, &s, &points).await;
    let status = format!("{page}/status");
    let res = app
        .post(&status, &page, &[("to", "afgerond"), ("reason", "Klaar")])
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Deze stap kan niet vanuit de huidige status")
    );
    let res = app
        .post(
            &status,
            &page,
            &[("to", "in-voorbereiding"), ("reason", " ")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post(
            &status,
            &page,
            &[("to", "in-voorbereiding"), ("reason", "Partners gevonden")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let body = app.get(&page).await.body;
    assert!(body.contains("Status: idee → in voorbereiding"));
    assert!(
        body.contains("Partners gevonden") && body.contains("Eline Dekker"),
        "who and why"
    );
}

#[tokio::test]
async fn the_owner_posts_progress_and_evaluations_through_their_link() {
    let (app, s, points) = with_points().await;
    let page = make_pilot(&app, &s, &points).await;
    for (to, why) in [
        ("in-voorbereiding", "Partners gevonden"),
        ("lopend", "Gestart"),
    ] {
        let res = app
            .post(
                &format!("{page}/status"),
                &page,
                &[("to", to), ("reason", why)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    app.deliver_mail().await;
    let link = owner_link(&app, "anouk@example.org");
    let owner = app.another_browser();
    let res = owner.get(&link).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Warme overdracht"));

    let res = owner
        .post(
            &link,
            &link,
            &[
                ("kind", "voortgang"),
                ("did", "<b>Eerste</b> overdracht gedaan"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let body = owner.get(&link).await.body;
    assert!(
        body.contains("&lt;b&gt;Eerste&lt;/b&gt; overdracht gedaan"),
        "markup as text"
    );

    // An evaluation with a next date in the past: refused, as typed.
    let eval = |next: &'static str| {
        vec![
            ("kind", "evaluatie"),
            ("expected", "Alle ouders in één gesprek"),
            ("happened", "Twee van de vijf gesprekken lukten"),
            ("learned", "De planning moet eerder"),
            ("decision", "bijsturen"),
            ("next_evaluation_on", next),
        ]
    };
    let res = owner.post(&link, &link, &eval("2000-01-01")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Deze datum ligt in het verleden"));
    assert!(body.contains("De planning moet eerder"));
    let res = owner.post(&link, &link, &eval("2099-09-01")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let body = app.get(&page).await.body;
    assert!(body.contains("Status: lopend → evalueren"));
    assert!(
        body.contains("Status: evalueren → lopend"),
        "bijsturen: back to running"
    );
    assert!(body.contains("De planning moet eerder"));
    assert!(body.contains("01-09-2099"), "the next evaluation");

    // A new owner: a new link by mail, and the old one stops working.
    let edit = format!("{page}/bewerken");
    let res = app
        .post(
            &edit,
            &edit,
            &pilot_fields("Warme overdracht", "petra@example.org"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(owner.get(&link).await.status, StatusCode::NOT_FOUND);
    app.deliver_mail().await;
    let new_link = owner_link(&app, "petra@example.org");
    assert_eq!(owner.get(&new_link).await.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_pilot_input_is_refused_at_its_field() {
    let (app, _s, _) = with_points().await;
    let new = "/beheer/pilots/nieuw";
    let long = "x".repeat(20_000);
    let mut fields = pilot_fields("", "geen-adres");
    fields.retain(|(k, _)| *k != "next_evaluation_on");
    fields.push(("description", &long));
    fields.push(("next_evaluation_on", "2000-01-01"));
    let res = app.post(new, new, &fields).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    for expected in [
        "Dit is te lang: maximaal 5000 tekens.",
        "Vul een geldig e-mailadres in",
        "Deze datum ligt in het verleden",
    ] {
        assert!(body.contains(expected), "{expected}");
    }
    assert!(body.contains("value=\"geen-adres\""));
    assert!(app.db.run(db::pilots::list).await.unwrap().is_empty());
}

/// The day a clock's moment is in Amsterdam, and 08:00 there on a day, in UTC.
fn amsterdam_day(t: chrono::NaiveDateTime) -> chrono::NaiveDate {
    werkconf::tz::to_local(t).date_naive()
}

fn eight(day: chrono::NaiveDate) -> chrono::NaiveDateTime {
    use chrono::TimeZone;
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&day.and_hms_opt(8, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .naive_utc()
}

/// The pilot-reminder mails to the owner so far: (subject, SEQUENCE of the invite).
fn reminders(app: &TestApp, to: &str) -> Vec<(String, String)> {
    app.mailbox
        .to(to)
        .iter()
        .map(|m| crate::api::registration_mail::parse(&m.raw))
        .filter(|m| m.subject.starts_with("Evaluatie van je pilot"))
        .map(|m| {
            let (method, ics) = m.calendar.clone().expect("an invite");
            assert_eq!(method, "REQUEST");
            let seq = ics
                .lines()
                .find_map(|l| l.strip_prefix("SEQUENCE:"))
                .unwrap()
                .trim()
                .to_owned();
            (m.subject, seq)
        })
        .collect()
}

#[tokio::test]
async fn the_owner_is_reminded_once_on_time_again_for_a_new_date_and_never_after_the_end() {
    let (app, s, points) = with_points().await;
    let start = app.clock.now();
    let today = amsterdam_day(start);
    let evaluation = today + chrono::Duration::days(30);
    let page = make_pilot(&app, &s, &points).await;
    let edit = format!("{page}/bewerken");
    let date = evaluation.format("%Y-%m-%d").to_string();
    let mut fields = pilot_fields("Warme overdracht", "anouk@example.org");
    fields.retain(|(k, _)| *k != "next_evaluation_on");
    fields.push(("next_evaluation_on", &date));
    assert_eq!(
        app.post(&edit, &edit, &fields).await.status(),
        StatusCode::SEE_OTHER
    );

    // The evening before the reminder day: nothing yet.
    let window = evaluation - chrono::Duration::days(7);
    app.clock.set(eight(window) - chrono::Duration::hours(12));
    app.run_due_jobs().await;
    app.deliver_mail().await;
    assert!(
        reminders(&app, "anouk@example.org").is_empty(),
        "not before its day"
    );

    // 08:00 on the day, seven days before: one reminder with the invite; not twice.
    app.clock.set(eight(window));
    app.run_due_jobs().await;
    app.run_due_jobs().await;
    app.deliver_mail().await;
    let sent = reminders(&app, "anouk@example.org");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        sent[0].1, "1",
        "the date was set once after the pilot was made"
    );
    let next_day = window + chrono::Duration::days(1);
    app.clock.set(eight(next_day));
    app.run_due_jobs().await;
    app.deliver_mail().await;
    assert_eq!(
        reminders(&app, "anouk@example.org").len(),
        1,
        "once per date"
    );

    // After a restart (another werkconf on the same database): still once.
    let url = app.database_url.clone();
    let restarted = TestApp::given()
        .stopped_clock()
        .settings(move |settings| settings.database.url = url)
        .start()
        .await;
    restarted
        .clock
        .set(eight(next_day + chrono::Duration::days(1)));
    restarted.run_due_jobs().await;
    assert_eq!(restarted.outbox_count("pilot-reminder").await, 1);

    // A new date: the invite moves at once (the same event, a higher SEQUENCE), and the
    // owner is reminded again before the new date.
    let later = evaluation + chrono::Duration::days(14);
    let date = later.format("%Y-%m-%d").to_string();
    fields.retain(|(k, _)| *k != "next_evaluation_on");
    fields.push(("next_evaluation_on", &date));
    // Weeks later: the organiser's login ran out meanwhile.
    app.login().await;
    assert_eq!(
        app.post(&edit, &edit, &fields).await.status(),
        StatusCode::SEE_OTHER
    );
    app.deliver_mail().await;
    let sent = reminders(&app, "anouk@example.org");
    assert_eq!(sent.len(), 2, "the moved invite, at once");
    assert_eq!(sent[1].1, "2");
    app.clock.set(eight(later - chrono::Duration::days(7)));
    app.run_due_jobs().await;
    app.deliver_mail().await;
    let sent = reminders(&app, "anouk@example.org");
    assert_eq!(sent.len(), 3, "and the reminder before the new date");
    assert_eq!(sent[2].1, "2");

    // The weekly summary on Monday names the overdue evaluation.
    let mut monday = later + chrono::Duration::days(1);
    while chrono::Datelike::weekday(&monday) != chrono::Weekday::Mon {
        monday += chrono::Duration::days(1);
    }
    app.clock.set(eight(monday));
    app.run_due_jobs().await;
    app.deliver_mail().await;
    let summary = app
        .mailbox
        .to("eline@example.org")
        .iter()
        .map(|m| crate::api::registration_mail::parse(&m.raw))
        .find(|m| m.subject.starts_with("Pilots deze week"))
        .expect("the weekly summary");
    assert!(
        summary.subject.contains("1 evaluatie(s) te laat"),
        "{}",
        summary.subject
    );
    assert!(summary.text.contains("Warme overdracht"));
    app.login().await;
    let board = app.get("/beheer/pilots").await.body;
    assert!(board.contains("Evaluatie te laat"));

    // Ended: no reminder for a next date, whatever the clock says.
    for (to, why) in [
        ("in-voorbereiding", "Partners"),
        ("lopend", "Start"),
        ("evalueren", "Evaluatie"),
        ("gestopt", "Geen partners meer"),
    ] {
        let res = app
            .post(
                &format!("{page}/status"),
                &page,
                &[("to", to), ("reason", why)],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{to}");
    }
    let before = reminders(&app, "anouk@example.org").len();
    app.clock.set(eight(monday + chrono::Duration::days(60)));
    app.run_due_jobs().await;
    app.deliver_mail().await;
    assert_eq!(reminders(&app, "anouk@example.org").len(), before);
}

#[tokio::test]
async fn the_overview_filters_exports_reports_publishes_and_reports_back() {
    let (app, s, points) = with_points().await;
    let page = make_pilot(&app, &s, &points).await;

    // Filters and search.
    let board = app.get("/beheer/pilots?q=overdracht").await.body;
    assert!(board.contains("1 pilots getoond."));
    let none = app.get("/beheer/pilots?gemeente=Zeist").await.body;
    assert!(none.contains("0 pilots getoond."));
    assert!(
        board.contains("Pilots per actielijn en status"),
        "the charts"
    );
    assert!(board.contains("Lopende pilots per maand"));

    let csv = app
        .get_raw("/beheer/pilots.csv")
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].contains("Warme overdracht") && lines[1].contains("anouk@example.org"));
    let report = app.get("/beheer/pilots/voortgang").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report.body.contains("Voortgang van de pilots"));
    assert!(report.body.contains("1 Ouders en kind centraal"));
    let sheet = app.get(&format!("{page}/blad")).await;
    assert!(
        sheet
            .body
            .contains("Warme overdracht van verloskundige naar JGZ")
    );

    // The public overview: only once published; no addresses, no name without consent.
    let stranger = app.another_browser();
    assert_eq!(
        stranger.get("/samen-leren").await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post("/beheer/pilots/publiceren", "/beheer/pilots", &[])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let public = stranger.get("/samen-leren").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("Warme overdracht"));
    assert!(!public.body.contains("anouk@example.org"));
    assert!(
        !public.body.contains("Anouk de Vries"),
        "she did not agree to be named"
    );

    // Reporting back at another conference: the owner is invited, its page tells the story.
    let other = app
        .create_conference(&[("title", "Tweede werkconferentie"), ("slug", "tweede")])
        .await;
    let other_id = other.rsplit('/').next().unwrap().to_owned();
    let res = app
        .post(
            &format!("{page}/terugkoppeling"),
            &page,
            &[("conference", &other_id)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.outbox_count("pilot-feedback").await, 1);
    let res = app
        .post(
            &format!("{page}/terugkoppeling"),
            &page,
            &[("conference", "niets")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let public_page = app.get("/c/tweede").await.body;
    assert!(public_page.contains("Pilots die terugkoppelen"));
    assert!(public_page.contains("Ouders vertellen hun verhaal één keer."));
}
