//! A facilitator on a phone opens the link from their mail and reads their groups: the
//! insight, the two questions, room and time, and who comes. With and without JavaScript,
//! checked with axe.

use werkconf::db::{self, DbError};

use crate::browser::harness::{Browser, PHONE, PHONE_WITHOUT_JS, journey};
use crate::common::spawn_manual_app;

async fn open_my_groups(b: Browser) {
    let app = spawn_manual_app().await;
    let links = app.link_key().clone();
    let link = app
        .db
        .run(move |conn| {
            let settings = werkconf::config::Settings::defaults();
            let mailer = werkconf::flows::Mailer::new(&settings, links);
            let now = werkconf::clock::Clock::system().now();
            werkconf::demo::seed(conn, &mailer, now).map_err(|e| {
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

    b.goto(&app.url(&format!("/f/{token}"))).await;
    assert_eq!(b.text("h1").await, "Jouw groepen");
    let main = b.text("main").await;
    assert!(main.contains("Wat kan jij morgen anders doen als professional?"));
    assert!(main.contains("Zaal "));
    assert!(main.contains("Deelnemers ("), "who comes: {main}");
    b.step("groups").await;

    b.goto(&app.url(&format!("/f/{token}x"))).await;
    assert_eq!(b.text("h1").await, "Pagina niet gevonden");
    b.step("unknown-link").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_reads_their_groups_on_a_phone() {
    journey("facilitator-phone", PHONE, open_my_groups).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facilitator_reads_their_groups_without_javascript() {
    journey("facilitator-phone-no-js", PHONE_WITHOUT_JS, open_my_groups).await;
}
