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

/// The next edition starts from this one: its insights, rounds, rooms and places, without
/// its facilitators, and without touching what the new edition already has.
#[tokio::test]
async fn groups_are_copied_from_an_earlier_conference() {
    use werkconf::db;
    use werkconf::domain::conference::{ConferenceDraft, Status};
    use werkconf::domain::insight::{InsightDraft, QUESTION_PROFESSIONAL, QUESTION_TOGETHER};
    use werkconf::domain::time::{input_value, parse_local};

    let (app, s) = TestApp::given()
        .stopped_clock()
        .organiser()
        .with_conference(10)
        .await;
    let old = format!("/beheer/conferenties/{}/groepen", s.id);
    let new_group = format!("{old}/nieuw");
    for fields in [
        group_fields(s.rounds[0].as_str(), s.insights[0].as_str(), "Zaal 1", "10"),
        group_fields(s.rounds[1].as_str(), s.insights[2].as_str(), "Zaal 1", "8"),
    ] {
        let res = app.post(&new_group, &new_group, &fields).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    // The next edition, in summer, already has one insight of the same name.
    let now = app.clock.now();
    let next = app
        .db
        .run(move |conn| {
            let draft = ConferenceDraft {
                title: "Werkconferentie 2084".into(),
                slug: Some("werkconferentie-2084".into()),
                description: String::new(),
                venue_name: "Stadskantoor Utrecht".into(),
                venue_address: "Stadsplateau 1, Utrecht".into(),
                starts_at: parse_local("2084-06-15T09:00").unwrap(),
                ends_at: parse_local("2084-06-15T16:30").unwrap(),
                capacity: 80,
                registration_opens_at: None,
                registration_closes_at: None,
                contact_email: "kansrijkestart@example.org".into(),
                status: Status::Concept,
            };
            let c = db::conferences::create(conn, &draft, now)?.unwrap();
            db::insights::create(
                conn,
                &c.id,
                &InsightDraft {
                    title: "samenwerken ".into(),
                    description: "Al hier.".into(),
                    question_professional: QUESTION_PROFESSIONAL.into(),
                    question_together: QUESTION_TOGETHER.into(),
                },
                now,
            )?;
            Ok::<_, db::DbError>(c.id)
        })
        .await
        .unwrap();
    let page = format!("/beheer/conferenties/{next}/groepen");
    let copy = format!("{page}/overnemen");
    let stored = |id: werkconf::domain::ids::ConferenceId| {
        let db = app.db.clone();
        async move {
            db.run(move |c| {
                Ok::<_, db::DbError>((
                    db::groups::list(c, &id)?,
                    db::insights::list(c, &id)?,
                    db::groups::offer(c, &id)?.rounds,
                ))
            })
            .await
            .unwrap()
        }
    };

    // Bad choices: a message at the field, what was chosen kept, nothing stored.
    for (bron, says) in [
        ("", "Vul dit veld in."),
        ("bestaat-niet", "Kies een van de mogelijkheden."),
        (next.as_str(), "Kies een andere conferentie dan deze."),
    ] {
        let res = app.post(&copy, &page, &[("bron", bron)]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = res.text().await.unwrap();
        assert!(body.contains(says), "{bron}: {says}");
        assert!(body.contains("aria-invalid=\"true\""));
    }
    let page_body = app.get(&page).await.body;
    assert!(page_body.contains("Groepen overnemen van een eerdere conferentie"));
    assert!(
        page_body.contains("Werkconferentie Kansrijke Start"),
        "the earlier edition is offered"
    );
    // An edition without groups has nothing to give.
    let empty = format!("/beheer/conferenties/{}/groepen/overnemen", s.id);
    let res = app.post(&empty, &old, &[("bron", next.as_str())]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("geen groepen om over te nemen")
    );
    let (groups, insights, rounds) = stored(next.clone()).await;
    assert!(groups.is_empty() && rounds.is_empty());
    assert_eq!(insights.len(), 1);

    let res = app.post(&copy, &page, &[("bron", s.id.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let body = app.get(&page).await.body;
    assert!(
        body.contains("2 groepen overgenomen; 1 inzichten en 2 rondes toegevoegd."),
        "{body}"
    );
    let (groups, insights, rounds) = stored(next.clone()).await;
    assert_eq!(groups.len(), 2);
    assert_eq!(insights.len(), 2, "Samenwerken reused, the other one added");
    assert_eq!(
        insights[0].description, "Al hier.",
        "what was there is untouched"
    );
    assert_eq!(insights[1].title, "Vertrouwen in eigen kracht");
    assert_eq!(insights[1].question_together, QUESTION_TOGETHER);
    let times: Vec<(String, String)> = rounds
        .iter()
        .map(|r| (input_value(r.starts_at), input_value(r.ends_at)))
        .collect();
    assert_eq!(
        times,
        [
            ("2084-06-15T10:00".to_owned(), "2084-06-15T11:00".to_owned()),
            ("2084-06-15T11:15".to_owned(), "2084-06-15T12:15".to_owned()),
        ],
        "the same time of day on the new date, though summer time moved UTC"
    );
    let second = groups.iter().find(|g| g.capacity == 8).unwrap();
    assert_eq!(second.insight_id, insights[0].id);
    assert_eq!(second.round_id, rounds[1].id);
    assert!(groups.iter().all(|g| g.room == "Zaal 1"
        && g.facilitator_name.is_empty()
        && g.facilitator_email.is_empty()));

    // Again: every room is taken now, so nothing doubles.
    let res = app.post(&copy, &page, &[("bron", s.id.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let body = app.get(&page).await.body;
    assert!(body.contains(
        "0 groepen overgenomen; 0 inzichten en 0 rondes toegevoegd. 2 groepen niet overgenomen"
    ));
    assert_eq!(stored(next).await.0.len(), 2);
}
