//! Background jobs in the serving application: planned at start, run when the clock says.

use crate::common::spawn_manual_app;

#[tokio::test]
async fn the_app_plans_its_nightly_clean_up_and_runs_it_when_due() {
    let app = spawn_manual_app().await;
    app.login().await;
    let logins = || async {
        app.db
            .run(|c| {
                use diesel::prelude::*;
                werkconf::db::schema::organiser_sessions::table
                    .count()
                    .get_result::<i64>(c)
                    .map_err(werkconf::db::DbError::from)
            })
            .await
            .unwrap()
    };
    assert_eq!(logins().await, 1);
    assert_eq!(app.run_due_jobs().await, 0, "nothing due yet");
    // Two days on, the login has expired (12 hours) and a night has passed.
    app.clock.advance(chrono::Duration::days(2));
    // The clean-up and the pilots' morning reminders (and Monday's summary, when a
    // Monday morning fell within the two days).
    let ran = app.run_due_jobs().await;
    assert!((2..=3).contains(&ran), "{ran}");
    assert_eq!(logins().await, 0);
    assert_eq!(app.run_due_jobs().await, 0, "the next night is not due yet");
}
