//! The plenary vote: a participant puts their dots on a phone, with and without
//! JavaScript (the count of dots left follows with it); the wall on a projector shows how
//! to join, the ranking live, and after closing the result with its domains. Checked with
//! axe.

use werkconf::db::{self, DbError};
use werkconf::domain::registration::RegistrationStatus;
use werkconf::domain::vote::{BallotForm, VoteForm};

use crate::browser::facilitator::demo;
use crate::browser::harness::{Browser, DESKTOP, PHONE, PHONE_WITHOUT_JS, journey};
use crate::common::TestApp;

/// The demo with its vote opened again and one participant's dots taken back; the
/// conference, its first three points, that participant's ballot path, and how many
/// have dots now.
async fn reopened() -> (
    TestApp,
    db::conferences::Conference,
    Vec<String>,
    String,
    usize,
) {
    let (app, _) = demo().await;
    let voter = app
        .db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            let now = werkconf::clock::Clock::system().now();
            werkconf::flows::vote::open(
                conn,
                &c.id,
                &VoteForm::from_settings(&Default::default()),
                now,
            )
            .map_err(|e| {
                DbError::Query(diesel::result::Error::QueryBuilderError(
                    e.to_string().into(),
                ))
            })?
            .0
            .unwrap();
            let points = db::action_points::list(conn, &c.id)?;
            // Everyone voted in the demo: the last one takes their dots back.
            let voter = db::registrations::list(conn, &c.id)?
                .into_iter()
                .rfind(|r| r.status() == RegistrationStatus::Confirmed)
                .unwrap();
            let (version, _) = db::votes::ballot(conn, &voter.id)?;
            let empty = BallotForm::from_fields(&[("version".into(), version.to_string())]);
            werkconf::flows::vote::cast(conn, &voter, &empty, now)
                .map_err(|e| {
                    DbError::Query(diesel::result::Error::QueryBuilderError(
                        e.to_string().into(),
                    ))
                })?
                .0
                .unwrap();
            let domains = werkconf::config::Settings::defaults().lists.domains;
            let (_, voters) = db::votes::tallies(conn, &c.id, &domains)?;
            Ok::<_, DbError>((c, points, voter, voters))
        })
        .await
        .unwrap();
    let path = format!("/r/{}/stemmen", app.token_of(&voter.2));
    let ids = voter.1.iter().take(3).map(|p| p.id.to_string()).collect();
    (app, voter.0, ids, path, voter.3)
}

async fn put_dots(b: Browser) {
    let (app, _, points, ballot, _) = reopened().await;
    b.goto(&app.url(&ballot)).await;
    assert!(b.text("h1").await.starts_with("Stemmen"));
    b.step("ballot").await;
    // Whatever the demo put: off, then two new dots.
    let boxes = b
        .js("return Array.from(document.querySelectorAll('input[type=checkbox]')).map(e => e.id);")
        .await;
    for id in boxes.as_array().unwrap() {
        b.set_checked(&format!("#{}", id.as_str().unwrap()), false)
            .await;
    }
    b.set_checked(&format!("#stip-{}", points[0]), true).await;
    b.set_checked(&format!("#stip-{}", points[2]), true).await;
    if b.javascript() {
        assert_eq!(b.text(".dots-left").await, "Nog 1 stippen over.");
    }
    b.click_text("Stemmen opslaan").await;
    assert!(b.text("main").await.contains("Je stemmen zijn opgeslagen"));
    assert!(b.is_checked(&format!("#stip-{}", points[0])).await);
    assert!(!b.is_checked(&format!("#stip-{}", points[1])).await);
    b.step("saved").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_puts_their_dots_on_a_phone() {
    journey("vote-phone", PHONE, put_dots).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_puts_their_dots_without_javascript() {
    journey("vote-phone-no-js", PHONE_WITHOUT_JS, put_dots).await;
}

/// The wall during the vote (how to join, the ranking changing live) and after it.
async fn wall_ranks(b: Browser) {
    let (app, c, points, ballot, voters) = reopened().await;
    let key = app.link_key().wall_token(&c.id);
    b.goto(&app.url(&format!("/c/{}/wall?k={key}", c.slug)))
        .await;
    assert!(b.text(".wall-vote").await.contains("Stem mee"));
    b.step("wall-vote-open").await;
    // Changes made before the wall's stream is connected would not reach it.
    b.find("[data-live=open]").await;

    // A dot put on a phone moves the ranking without a reload.
    let phone = app.another_browser();
    let page = phone.get(&ballot).await;
    let marker = "name=\"version\" value=\"";
    let at = page.body.find(marker).unwrap() + marker.len();
    let version = page.body[at..].split('"').next().unwrap().to_owned();
    let field = format!("p-{}", points[1]);
    let res = phone
        .post(
            &ballot,
            &ballot,
            &[("version", version.as_str()), (field.as_str(), "1")],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    b.wait_for_text("p", &format!("{} deelnemers hebben gestemd", voters + 1))
        .await;
    b.step("wall-vote-live").await;

    // The organiser closes the vote: the wall reloads itself and shows the result with
    // its domains.
    app.login().await;
    let page = format!("/beheer/conferenties/{}/stemming", c.id);
    let res = app.post(&format!("{page}/sluiten"), &page, &[]).await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    b.wait_for_text("h2", "Uitslag van de stemming").await;
    assert!(b.text(".wall-results").await.contains("domeinen"));
    b.step("wall-vote-closed").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wall_ranks_the_vote_live_and_keeps_the_result() {
    // On PostgreSQL this journey hung twice in loaded CI runs (never here alone); the
    // live path on PostgreSQL is tested over HTTP in tests/api/vote.rs and wall.rs.
    if std::env::var("WERKCONF_TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty()) {
        eprintln!("PostgreSQL: the wall journey runs on SQLite only");
        return;
    }
    journey("vote-wall", DESKTOP, wall_ranks).await;
}
