//! A facilitator on a phone opens the link from their mail, reads their groups (the
//! insight, the two questions, room and time, and who comes) and captures an action
//! point, with and without JavaScript; the plenary wall on a projector shows points as
//! they come in. Checked with axe.

use werkconf::db::{self, DbError};

use crate::browser::harness::{Browser, DESKTOP, PHONE, PHONE_WITHOUT_JS, journey};
use crate::common::{TestApp, spawn_manual_app};

/// The demo, and Fatima's link (`/f/{token}`) in it.
pub(crate) async fn demo() -> (TestApp, String) {
    let app = spawn_manual_app().await;
    let links = app.link_key().clone();
    let link = app
        .db
        .run(move |conn| {
            let settings = werkconf::config::Settings::defaults();
            let mailer = werkconf::flows::Mailer::new(&settings, links);
            let now = werkconf::clock::Clock::system().now();
            werkconf::demo::seed(
                conn,
                &mailer,
                &werkconf::config::Settings::defaults().lists,
                now,
            )
            .map_err(|e| {
                DbError::Query(diesel::result::Error::QueryBuilderError(
                    e.to_string().into(),
                ))
            })?;
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>(mailer.facilitator_link(&c.id, "f.elamrani@example.org"))
        })
        .await
        .unwrap();
    let (_, token) = link.split_once("/f/").unwrap();
    let path = format!("/f/{token}");
    (app, path)
}

async fn open_my_groups(b: Browser) {
    let (app, link) = demo().await;
    b.goto(&app.url(&link)).await;
    assert_eq!(b.text("h1").await, "Jouw groepen");
    let main = b.text("main").await;
    assert!(main.contains("Wat kan jij morgen anders doen als professional?"));
    assert!(main.contains("Zaal "));
    assert!(main.contains("Deelnemers ("), "who comes: {main}");
    b.step("groups").await;

    // An action point under the first question of the first group.
    let text = "Ouders vragen wat zij zelf nodig hebben.";
    b.fill("form.capture textarea[name=text]", text).await;
    if b.javascript() {
        // Sent without a reload; the form is empty again for the next point.
        b.find("form.capture button[type=submit]")
            .await
            .click()
            .await
            .unwrap();
        b.wait_for_text("li[starts-with(@id, 'punt-')]", text).await;
        assert_eq!(b.value("form.capture textarea[name=text]").await, "");
    } else {
        b.click("form.capture button[type=submit]").await;
        assert!(b.text("main").await.contains("Actiepunt opgeslagen."));
        b.wait_for_text("li", text).await;
    }
    b.step("point-captured").await;
    assert_eq!(stored(&app).await, 1);

    b.goto(&app.url(&format!("{link}x"))).await;
    assert_eq!(b.text("h1").await, "Pagina niet gevonden");
    b.step("unknown-link").await;
}

/// Live points of the demo's main conference beyond the demo's own 20 (one of which is
/// merged into another).
async fn stored(app: &TestApp) -> usize {
    app.db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>(
                db::action_points::list(conn, &c.id)?.len()
                    + db::action_points::sources(conn, &c.id)?.len(),
            )
        })
        .await
        .unwrap()
        - 20
}

/// No network for sending (the page itself still loads): the point waits on the phone,
/// also across closing and opening the page, and goes once the network is back.
async fn capture_offline(b: Browser) {
    let (app, link) = demo().await;
    b.goto(&app.url(&link)).await;
    b.block_urls(&["*/punten*"]).await;
    let text = "Geschreven zonder netwerk.";
    b.fill("form.capture textarea[name=text]", text).await;
    b.find("form.capture button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    b.wait_for_text("li[contains(@class, 'pending')]", text)
        .await;
    b.wait_for_text("div", "Wacht op verbinding: 1 nog niet verstuurd")
        .await;
    b.step("waiting").await;
    assert_eq!(stored(&app).await, 0);

    // Closed and opened again, still without a network for sending.
    b.goto(&app.url(&link)).await;
    b.wait_for_text("li[contains(@class, 'pending')]", text)
        .await;
    assert_eq!(stored(&app).await, 0);

    // The network is back.
    b.block_urls(&[]).await;
    b.js("window.dispatchEvent(new Event('online')); return true;")
        .await;
    b.wait_for_text("li[starts-with(@id, 'punt-')]", text).await;
    assert!(!b.exists("li.pending").await);
    assert_eq!(stored(&app).await, 1, "sent once");
    b.step("sent").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_captures_while_the_network_is_gone() {
    journey("facilitator-offline", PHONE, capture_offline).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_reads_their_groups_on_a_phone() {
    journey("facilitator-phone", PHONE, open_my_groups).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_reads_their_groups_without_javascript() {
    journey("facilitator-phone-no-js", PHONE_WITHOUT_JS, open_my_groups).await;
}

/// The wall on a projector, opened with its link: points by insight and question, and a
/// point captured meanwhile arrives without a reload.
async fn wall_follows_capture(b: Browser) {
    let (app, link) = demo().await;
    let (slug, key) = app
        .db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>((c.slug.clone(), c.id))
        })
        .await
        .unwrap();
    let key = app.link_key().wall_token(&key);
    b.goto(&app.url(&format!("/c/{slug}/wall?k={key}"))).await;
    assert!(b.text("h1").await.contains("Kansrijke Start"));
    b.step("wall").await;
    // Changes made before the wall's stream is connected would not reach it.
    b.find("[data-live=open]").await;

    // A facilitator adds a point on their phone (here: over HTTP).
    let phone = app.another_browser();
    let page = phone.get(&link).await;
    let marker = "name=\"group\" value=\"";
    let at = page.body.find(marker).unwrap() + marker.len();
    let group = page.body[at..].split('"').next().unwrap().to_owned();
    let res = phone
        .post(
            &format!("{link}/punten"),
            &link,
            &[
                ("group", group.as_str()),
                ("question", "together"),
                ("text", "Live op de wall: samen een inloopspreekuur."),
                ("key", "0192f3a4-aaaa-7bbb-8ccc-000000000200"),
            ],
        )
        .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    b.wait_for_text("li", "Live op de wall: samen een inloopspreekuur.")
        .await;
    b.step("wall-live").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wall_shows_points_as_they_come_in() {
    journey("wall-projector", DESKTOP, wall_follows_capture).await;
}
