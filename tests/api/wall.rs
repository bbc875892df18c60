//! The plenary wall: who may open it, what it shows, and its stream of changes, which on
//! PostgreSQL travels through the database to every werkconf process on it.

use std::time::Duration;

use reqwest::StatusCode;

use crate::api::assignment::{add_groups, registered};
use crate::common::TestApp;
use crate::common::fixtures::Seeded;

const FATIMA: (&str, &str) = ("Fatima El Amrani", "fatima@example.org");

/// A published assignment with Fatima leading one group; her link (opened in a browser
/// of its own) and the id of her group.
async fn published() -> (TestApp, Seeded, TestApp, String, String) {
    let (app, s) = registered(&[("Anna", "anna@example.org")]).await;
    add_groups(
        &app,
        &s,
        &[(0, 0, "Zaal 1", "5"), (1, 1, "Zaal 2", "5")],
        FATIMA,
    )
    .await;
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);
    app.post(&format!("{preview}/verdelen"), &preview, &[])
        .await;
    app.post(&format!("{preview}/publiceren"), &preview, &[])
        .await;
    let link = format!("/f/{}", app.link_key().facilitator_token(&s.id, FATIMA.1));
    let browser = app.another_browser();
    let page = browser.get(&link).await;
    let marker = "name=\"group\" value=\"";
    let at = page.body.find(marker).unwrap_or_else(|| {
        panic!(
            "a capture form: {} {}",
            page.status,
            &page.body[..page.body.len().min(3000)]
        )
    }) + marker.len();
    let group = page.body[at..].split('"').next().unwrap().to_owned();
    (app, s, browser, link, group)
}

async fn add_point(browser: &TestApp, link: &str, group: &str, text: &str, key: &str) {
    let res = browser
        .post(
            &format!("{link}/punten"),
            link,
            &[
                ("group", group),
                ("question", "together"),
                ("text", text),
                ("key", key),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{text} stored");
}

/// Reads the stream until `wanted` has come, within a deadline; what came.
async fn read_until(res: &mut reqwest::Response, wanted: &str) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains(wanted) {
        let chunk = tokio::time::timeout_at(deadline, res.chunk())
            .await
            .unwrap_or_else(|_| panic!("{wanted:?} did not arrive; got {seen:?}"))
            .expect("stream readable")
            .expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    seen
}

async fn open_stream(app: &TestApp, path: &str) -> reqwest::Response {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    res
}

#[tokio::test]
async fn the_wall_opens_for_organisers_and_its_link_only() {
    let (app, s, _, _, _) = published().await;
    let wall = format!("/c/{}/wall", s.slug);
    assert_eq!(app.get(&wall).await.status, StatusCode::OK, "organiser");
    let stranger = app.another_browser();
    let res = stranger.get_raw(&wall).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "to the login");
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
    let key = app.link_key().wall_token(&s.id);
    assert_eq!(
        stranger.get(&format!("{wall}?k={key}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        stranger.get(&format!("{wall}?k={key}x")).await.status,
        StatusCode::NOT_FOUND
    );
    // The key of another conference opens nothing here.
    let other = app
        .link_key()
        .wall_token(&werkconf::domain::ids::ConferenceId::generate());
    assert_eq!(
        stranger.get(&format!("{wall}?k={other}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger
            .get_raw(&format!("{wall}/events?k={other}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger.get("/c/bestaat-niet/wall").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_wall_shows_points_by_insight_and_question_and_streams_changes() {
    let (app, s, browser, link, group) = published().await;
    add_point(
        &browser,
        &link,
        &group,
        "Eerder vastgelegd",
        "0192f3a4-aaaa-7bbb-8ccc-000000000100",
    )
    .await;
    let key = app.link_key().wall_token(&s.id);
    let wall = app
        .another_browser()
        .get(&format!("/c/{}/wall?k={key}", s.slug))
        .await;
    assert!(wall.body.contains("Eerder vastgelegd"));
    assert!(wall.body.contains("Wat kunnen we samen anders doen?"));
    assert!(
        wall.body.contains(&format!(
            "data-wall-events=\"/c/{}/wall/events?k={key}\"",
            s.slug
        )),
        "the page's stream carries the key"
    );

    let mut stream = open_stream(&app, &format!("/c/{}/wall/events?k={key}", s.slug)).await;
    read_until(&mut stream, "retry:").await;
    add_point(
        &browser,
        &link,
        &group,
        "Live <erbij> & goed",
        "0192f3a4-aaaa-7bbb-8ccc-000000000101",
    )
    .await;
    // (An event for the earlier point may come first: the stream may hear what the
    // database told shortly before it opened; showing a point again changes nothing.)
    let seen = read_until(&mut stream, "Live &lt;erbij&gt;").await;
    let data = seen
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .find(|d| d.contains("Live &lt;erbij&gt;"))
        .expect("its data");
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    let nl = data["nl"].as_str().unwrap();
    assert!(
        nl.contains("Live &lt;erbij&gt; &amp; goed"),
        "escaped markup: {nl}"
    );
    assert!(data["list"].as_str().unwrap().ends_with("-together"));

    // Deleted: off the wall.
    let id = data["id"].as_str().unwrap().to_owned();
    let delete = format!("{link}/punten/{id}/verwijderen");
    let res = browser.post(&delete, &delete, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let seen = read_until(&mut stream, "event: removed").await;
    assert!(seen.contains(&id));
}

/// Two werkconf processes on one PostgreSQL database: a point added through one arrives
/// on the other's stream. (On SQLite one process is all there is.)
#[tokio::test]
async fn a_point_added_on_one_process_reaches_the_wall_of_another() {
    let (app, s, browser, link, group) = published().await;
    if !app.database_url.starts_with("postgres") {
        eprintln!("SQLite: one process, nothing to travel between");
        return;
    }
    let url = app.database_url.clone();
    let second = TestApp::given()
        .settings(move |settings| settings.database.url = url)
        .start()
        .await;
    let key = second.link_key().wall_token(&s.id);
    let mut stream = open_stream(&second, &format!("/c/{}/wall/events?k={key}", s.slug)).await;
    read_until(&mut stream, "retry:").await;
    add_point(
        &browser,
        &link,
        &group,
        "Via de database",
        "0192f3a4-aaaa-7bbb-8ccc-000000000102",
    )
    .await;
    let seen = read_until(&mut stream, "Via de database").await;
    assert!(seen.contains("event: point"));
    // And on the first process's own stream too, once.
    let key = app.link_key().wall_token(&s.id);
    let mut own = open_stream(&app, &format!("/c/{}/wall/events?k={key}", s.slug)).await;
    read_until(&mut own, "retry:").await;
    add_point(
        &browser,
        &link,
        &group,
        "Tweede punt",
        "0192f3a4-aaaa-7bbb-8ccc-000000000103",
    )
    .await;
    let seen = read_until(&mut own, "Tweede punt").await;
    assert_eq!(seen.matches("event: point").count(), 1, "not twice: {seen}");
}
