//! Breakout groups in the organiser's pages: one insight in one round, in a room.

use reqwest::StatusCode;

use crate::common::TestApp;

fn group_fields<'a>(
    round: &'a str,
    insight: &'a str,
    room: &'a str,
    places: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("round", round),
        ("insight", insight),
        ("room", room),
        ("capacity", places),
        ("facilitator_name", "Fatima El Amrani"),
        ("facilitator_email", "fatima@example.org"),
    ]
}

#[tokio::test]
async fn groups_per_round_show_their_places_against_who_attends() {
    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(10)
        .await;
    for (name, email) in [
        ("Anna", "anna@example.org"),
        ("Bram", "bram@example.org"),
        ("Cees", "cees@example.org"),
    ] {
        crate::api::registration::register(
            &app,
            &s,
            &crate::api::registration::form_for(&s, name, email),
        )
        .await;
    }
    let base = format!("/beheer/conferenties/{}/groepen", s.id);
    let page = app.get(&base).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("0 plaatsen voor 3 bevestigde deelnemers in deze ronde.")
    );
    assert!(page.body.contains("Plaatsen tekort: 3."));

    let new = format!("{base}/nieuw");
    let res = app
        .post(
            &new,
            &new,
            &group_fields(
                s.rounds[0].as_str(),
                s.insights[0].as_str(),
                "Zaal 2.14",
                "2",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], base.as_str());
    let page = app.get(&base).await.body;
    assert!(page.contains("Zaal 2.14") && page.contains("Fatima El Amrani"));
    assert!(page.contains("2 plaatsen voor 3 bevestigde deelnemers in deze ronde."));
    assert!(page.contains("Plaatsen tekort: 1."));

    // The same room in the same round: refused next to the field, what was typed kept.
    let res = app
        .post(
            &new,
            &new,
            &group_fields(
                s.rounds[0].as_str(),
                s.insights[1].as_str(),
                " zaal 2.14",
                "12",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("In deze ronde zit al een groep in deze zaal."));
    assert!(body.contains("value=\" zaal 2.14\"") || body.contains("value=\"zaal 2.14\""));
    // The same room in the other round is fine; a popular insight may have two groups.
    let res = app
        .post(
            &new,
            &new,
            &group_fields(
                s.rounds[1].as_str(),
                s.insights[0].as_str(),
                "Zaal 2.14",
                "12",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Bad input: no places, an unknown round, a wrong address.
    let res = app
        .post(
            &new,
            &new,
            &group_fields("niet-een-ronde", s.insights[0].as_str(), "Zaal 3", "0"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    assert!(body.contains("Kies een van de mogelijkheden."));
    assert!(body.contains("Vul een aantal van 1 tot en met 200 in."));
    let groups = app
        .db
        .run({
            let id = s.id.clone();
            move |c| werkconf::db::groups::list(c, &id)
        })
        .await
        .unwrap();
    assert_eq!(groups.len(), 2, "nothing half-stored");
}

#[tokio::test]
async fn an_insight_or_round_that_groups_use_cannot_be_deleted() {
    let (app, s) = TestApp::given().organiser().with_conference(10).await;
    let new = format!("/beheer/conferenties/{}/groepen/nieuw", s.id);
    let res = app
        .post(
            &new,
            &new,
            &group_fields(s.rounds[0].as_str(), s.insights[0].as_str(), "Zaal 1", "12"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    for (what, said) in [
        (
            format!("inzichten/{}", s.insights[0]),
            "Dit inzicht kan nog niet weg: 1 groepen werken eraan.",
        ),
        (
            format!("programma/{}", s.rounds[0]),
            "Dit onderdeel kan nog niet weg: 1 groepen komen erin bijeen.",
        ),
    ] {
        let path = format!("/beheer/conferenties/{}/{what}/verwijderen", s.id);
        let page = app.get(&path).await;
        assert!(page.body.contains(said), "{what}");
        assert!(!page.body.contains("Ja, verwijderen"), "{what}: no button");
        let res = app.post_with_token(&path, &page.csrf(), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()["location"], path.as_str(), "back to why");
    }
    let counts = app
        .db
        .run({
            let id = s.id.clone();
            move |c| {
                Ok::<_, werkconf::db::DbError>((
                    werkconf::db::insights::list(c, &id)?.len(),
                    werkconf::db::programme::list(c, &id)?.len(),
                ))
            }
        })
        .await
        .unwrap();
    assert_eq!(counts, (3, 2), "nothing deleted");
}
