//! The demo (`serve --demo`) shows the whole journey so far: a conference with its
//! registrations, waiting list and mail, and groups in every round.

use werkconf::db::{self, DbError};

use crate::common::spawn_manual_app;

#[tokio::test]
async fn the_demo_has_registrations_and_groups_in_every_round() {
    let app = spawn_manual_app().await;
    let seeded = app
        .db
        .run(|conn| {
            let settings = werkconf::config::Settings::defaults();
            let mailer =
                werkconf::flows::Mailer::new(&settings, werkconf::auth::LinkKey::generate());
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
            })
        })
        .await
        .unwrap();
    assert!(seeded);
    let (people, groups, attending, rounds) = app
        .db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>((
                db::registrations::list(conn, &c.id)?,
                db::groups::list(conn, &c.id)?,
                db::groups::attending_per_round(conn, &c.id)?,
                db::groups::offer(conn, &c.id)?.rounds,
            ))
        })
        .await
        .unwrap();
    assert_eq!(people.len(), 46);
    let placed = app
        .db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>((
                db::placements::list(conn, &c.id)?,
                db::placements::run(conn, &c.id)?,
            ))
        })
        .await
        .unwrap();
    assert!(
        placed
            .1
            .as_ref()
            .is_some_and(|run| run.published_at.is_some()),
        "run and published"
    );
    assert!(
        app.outbox_count("programme").await >= 40,
        "programmes mailed"
    );
    assert_eq!(
        app.outbox_count("facilitator").await,
        6,
        "each of the six facilitators mailed once"
    );
    assert!(
        placed.0.len() >= 40 * 2,
        "the confirmed are placed in the rounds they attend"
    );
    assert_eq!(rounds.len(), 3);
    for round in &rounds {
        let here: Vec<_> = groups.iter().filter(|g| g.round_id == round.id).collect();
        let places: i64 = here.iter().map(|g| i64::from(g.capacity)).sum();
        let attend = attending
            .iter()
            .find(|(r, _)| *r == round.id)
            .map_or(0, |(_, n)| *n);
        assert!(here.len() >= 4, "{}: {} groups", round.title, here.len());
        assert!(
            places >= attend,
            "{}: {places} places for {attend}",
            round.title
        );
        assert!(here.iter().all(|g| !g.facilitator_email.is_empty()));
    }

    // Action points under both questions of every insight, and the wall shows them.
    let (insights, wall) = app
        .db
        .run(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            Ok::<_, DbError>((
                db::insights::list(conn, &c.id)?,
                db::read::wall::WallRead::load(
                    conn,
                    c,
                    db::read::wall::Shown::WALL,
                    &werkconf::config::Settings::defaults().lists.domains,
                )?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(wall.insights.len(), insights.len());
    for wi in &wall.insights {
        for (question, points) in &wi.points {
            assert!(
                !points.is_empty(),
                "{}: no points for {question:?}",
                wi.insight.title
            );
        }
    }

    // A closed vote with its ranking kept, its top marked to become pilots, and a
    // duplicate merged.
    assert_eq!(
        wall.votes.state(),
        werkconf::domain::vote::VoteState::Closed
    );
    let points = wall.points();
    let ranked = wall.votes.ranking(&points);
    assert!(ranked.len() >= 5, "{} points with dots", ranked.len());
    assert!(ranked[0].1.dots > ranked[ranked.len() - 1].1.dots);
    assert!(
        ranked[0].1.domains() >= 2,
        "carried by more than one domain"
    );
    assert_eq!(
        points
            .iter()
            .filter(|p| p.status == werkconf::domain::action_point::PointStatus::Pilot)
            .count(),
        3
    );
    assert!(!wall.sources.is_empty(), "duplicates merged");

    // Pilots in every status, made from action points, with timelines; one evaluation
    // overdue; the public overview published.
    let (overview, made_from) = app
        .db
        .run(|conn| {
            let o = db::read::pilots::Overview::load(conn)?;
            let mut made_from = 0;
            for p in &o.pilots {
                made_from += db::pilots::points_of(conn, &p.id)?.len();
            }
            Ok::<_, DbError>((o, made_from))
        })
        .await
        .unwrap();
    for status in werkconf::domain::pilot::PilotStatus::ALL {
        assert!(
            overview.pilots.iter().any(|p| p.status == *status),
            "a pilot {status:?}"
        );
    }
    assert_eq!(made_from, overview.pilots.len(), "each made from a point");
    let today = werkconf::flows::pilot::today(werkconf::clock::Clock::system().now());
    assert_eq!(
        overview.pilots.iter().filter(|p| p.overdue(today)).count(),
        1,
        "one overdue evaluation: {:?}",
        overview
            .pilots
            .iter()
            .filter(|p| p.overdue(today))
            .map(|p| (&p.title, p.status, p.next_evaluation_on))
            .collect::<Vec<_>>()
    );
    assert!(overview.published);
    let evaluations = overview
        .updates
        .values()
        .flatten()
        .filter(|u| u.kind == werkconf::domain::pilot::UpdateKind::Evaluation)
        .count();
    assert!(evaluations >= 4, "{evaluations} evaluations");
}
