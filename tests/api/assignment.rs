//! "Verdeel deelnemers" in the app: the solver on the confirmed registrations and the
//! groups, stored as a preview that meets every hard rule.

use std::collections::HashMap;

use reqwest::StatusCode;
use werkconf::db;

use crate::api::registration::{form_for, register, registrations};
use crate::common::TestApp;

#[tokio::test]
async fn the_assignment_places_everyone_once_per_round_within_the_places() {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(20)
        .await;
    let run = format!("/beheer/conferenties/{}/indeling/verdelen", s.id);
    let preview = format!("/beheer/conferenties/{}/indeling", s.id);

    // Nobody yet: a clear refusal, nothing stored.
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Er zijn nog geen bevestigde deelnemers")
    );

    let people = [
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
        ("Dina", "dina@example.org"),
        ("Eva", "eva@example.org"),
    ];
    for (name, email) in people {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no groups yet"
    );
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Er zijn nog geen groepen")
    );

    // Two groups in each round, three places each: room for five.
    let new = format!("/beheer/conferenties/{}/groepen/nieuw", s.id);
    for (round, insight, room) in [
        (0, 0, "Zaal 1"),
        (0, 1, "Zaal 2"),
        (1, 1, "Zaal 1"),
        (1, 2, "Zaal 2"),
    ] {
        let res = app
            .post(
                &new,
                &new,
                &[
                    ("round", s.rounds[round].as_str()),
                    ("insight", s.insights[insight].as_str()),
                    ("room", room),
                    ("capacity", "3"),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let res = app.post(&run, &preview, &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = app.get(&preview).await.body;
    assert!(page.contains("De deelnemers zijn verdeeld."));
    assert!(page.contains("Kosten "));
    assert!(page.contains("<svg"), "the chart needs no script");
    assert!(page.contains("Zaal 1") && page.contains("Anna"));

    let id = s.id.clone();
    let (placements, groups) = app
        .db
        .run(move |c| {
            Ok::<_, db::DbError>((db::placements::list(c, &id)?, db::groups::list(c, &id)?))
        })
        .await
        .unwrap();
    let registered = registrations(&app, &s.id).await;
    assert_eq!(
        placements.len(),
        registered.len() * 2,
        "everyone in both rounds they attend"
    );
    let mut load: HashMap<_, i32> = HashMap::new();
    let mut seen: HashMap<_, Vec<_>> = HashMap::new();
    for p in &placements {
        let g = groups.iter().find(|g| g.id == p.group_id).unwrap();
        assert_eq!(g.round_id, p.round_id, "a group of the right round");
        *load.entry(g.id.clone()).or_default() += 1;
        seen.entry(p.registration_id.clone())
            .or_default()
            .push(g.insight_id.clone());
    }
    for g in &groups {
        assert!(
            load.get(&g.id).copied().unwrap_or(0) <= g.capacity,
            "within the places"
        );
    }
    for insights in seen.values() {
        assert_ne!(insights[0], insights[1], "never the same insight twice");
    }
}
