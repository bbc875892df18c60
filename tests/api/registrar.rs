//! Registrations stored many in one transaction, as the registrar does when people submit
//! at once: places counted once yet right for each, arrival order kept, and one bad
//! request costing only itself.

use werkconf::db::registrations::{Places, Registered, Registration};
use werkconf::db::{self, DbError};
use werkconf::domain::conference::Status;
use werkconf::domain::registration::{RegistrationDraft, RegistrationStatus};
use werkconf::flows::registration::{By, Outcome, Remembered, Request};
use werkconf::flows::{FlowError, Mailer, registrar};

use diesel::RunQueryDsl;
use reqwest::StatusCode;

use crate::api::registration::{Seeded, form_for, register, registrations, seed_conference};
use crate::api::registration_mail::parse;
use crate::common::{TestApp, spawn_app};

fn mailer() -> Mailer {
    Mailer {
        from: "werkconf <noreply@werkconf.invalid>".into(),
        base_url: "http://127.0.0.1".into(),
        links: werkconf::auth::LinkKey::new(vec![7; 32]).unwrap(),
    }
}

fn request(s: &Seeded, email: &str) -> Request {
    Request {
        conference_id: s.id.clone(),
        email: email.into(),
        draft: RegistrationDraft {
            name: format!("Deelnemer {email}"),
            email: None,
            organisation: "JGZ Utrecht".into(),
            discipline: "jeugdverpleegkundige".into(),
            municipality: "Utrecht".into(),
            preferences: vec![s.insights[2].clone(), s.insights[0].clone()],
            rounds: s.rounds.clone(),
            diet: String::new(),
            accessibility: String::new(),
        },
        lang: "nl".into(),
        by: By::Participant,
    }
}

fn registration(outcome: &Outcome) -> (&'static str, &Registration) {
    match outcome {
        Outcome::Done(done) => match done.as_ref() {
            Registered::New(r) => ("new", r),
            Registered::Existing(r) => ("existing", r),
        },
        other => panic!("expected a registration, got {other:?}"),
    }
}

/// The plain text of every message queued for the conference, by recipient.
async fn mail_texts(
    app: &TestApp,
    conference_id: &werkconf::domain::ids::ConferenceId,
) -> Vec<(String, String)> {
    let id = conference_id.to_owned();
    app.db
        .run(move |conn| {
            let mut texts = Vec::new();
            for m in db::outbox::list_recent(conn, Some(id.as_str()), None, 100, 0)? {
                let raw = db::outbox::raw(conn, &m.id)?.unwrap();
                texts.push((m.recipient, parse(&raw).text));
            }
            Ok::<_, DbError>(texts)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_batch_counts_places_once_and_serves_arrivals_in_order() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 2, Status::Open).await;
    let requests: Vec<Request> = ["a@example.org", "b@example.org", "a@example.org"]
        .into_iter()
        .chain(["c@example.org", "d@example.org"])
        .map(|email| request(&s, email))
        .collect();
    let stored = app
        .db
        .run(move |conn| {
            werkconf::flows::registration::register_all(
                conn,
                &mailer(),
                &requests,
                werkconf::clock::Clock::system().now(),
            )
        })
        .await
        .unwrap();
    assert_eq!(
        stored.places,
        vec![(
            s.id.clone(),
            Places {
                confirmed: 2,
                waiting: 2
            }
        )]
    );
    let outcomes = stored.outcomes;

    let seen: Vec<(&str, &str, RegistrationStatus)> = outcomes
        .iter()
        .map(|o| {
            let (kind, r) = registration(o);
            (kind, r.email.as_str(), r.status())
        })
        .collect();
    use RegistrationStatus::{Confirmed, Waiting};
    assert_eq!(
        seen,
        vec![
            ("new", "a@example.org", Confirmed),
            ("new", "b@example.org", Confirmed),
            ("existing", "a@example.org", Confirmed),
            ("new", "c@example.org", Waiting),
            ("new", "d@example.org", Waiting),
        ]
    );
    let stored = registrations(&app, &s.id).await;
    let order: Vec<&str> = stored.iter().map(|r| r.email.as_str()).collect();
    assert_eq!(
        order,
        [
            "a@example.org",
            "b@example.org",
            "c@example.org",
            "d@example.org"
        ]
    );

    // The waiting positions in the mail, counted along in the batch, are those the
    // database gives afterwards.
    let texts = mail_texts(&app, &s.id).await;
    assert_eq!(
        texts.len(),
        4,
        "a confirmation each; a's second submit, a moment after the first, mails nothing"
    );
    for (email, position) in [("c@example.org", 1), ("d@example.org", 2)] {
        let r = stored.iter().find(|r| r.email == email).unwrap().clone();
        let in_db = app
            .db
            .run(move |conn| db::registrations::waiting_position(conn, &r))
            .await
            .unwrap();
        assert_eq!(in_db, position);
        let (_, text) = texts.iter().find(|(to, _)| to == email).unwrap();
        assert!(
            text.contains(&format!("op de wachtlijst (plaats {position})")),
            "{email}: {text}"
        );
    }
}

#[tokio::test]
async fn a_form_offering_what_was_removed_stores_nothing() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let mut gone_insight = request(&s, "a@example.org");
    gone_insight.draft.preferences = vec![werkconf::domain::ids::InsightId::generate()];
    let mut gone_round = request(&s, "b@example.org");
    gone_round
        .draft
        .rounds
        .push(werkconf::domain::ids::ProgrammeItemId::generate());
    let outcomes = app
        .db
        .run(move |conn| {
            werkconf::flows::registration::register_all(
                conn,
                &mailer(),
                &[gone_insight, gone_round],
                werkconf::clock::Clock::system().now(),
            )
        })
        .await
        .unwrap()
        .outcomes;
    assert!(matches!(outcomes[..], [Outcome::Stale, Outcome::Stale]));
    assert!(registrations(&app, &s.id).await.is_empty());
    assert!(mail_texts(&app, &s.id).await.is_empty());
}

#[tokio::test]
async fn one_failing_request_costs_only_its_own_registration() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    // The same round twice passes every check but breaks the database's key.
    let mut broken = request(&s, "b@example.org");
    broken.draft.rounds = vec![s.rounds[0].clone(), s.rounds[0].clone()];
    let requests = vec![
        request(&s, "a@example.org"),
        broken,
        request(&s, "c@example.org"),
    ];
    let outcomes = app
        .db
        .run(move |conn| {
            Ok::<_, DbError>(registrar::store(
                conn,
                &mailer(),
                &requests,
                &mut Remembered::default(),
                werkconf::clock::Clock::system().now(),
            ))
        })
        .await
        .unwrap()
        .outcomes;
    assert!(matches!(outcomes[0], Ok(Outcome::Done(_))));
    assert!(matches!(outcomes[1], Err(FlowError::Db(_))));
    assert!(matches!(outcomes[2], Ok(Outcome::Done(_))));
    let stored: Vec<String> = registrations(&app, &s.id)
        .await
        .into_iter()
        .map(|r| r.email)
        .collect();
    assert_eq!(stored, ["a@example.org", "c@example.org"]);
    let mailed: Vec<String> = mail_texts(&app, &s.id)
        .await
        .into_iter()
        .map(|(to, _)| to)
        .collect();
    assert_eq!(mailed.len(), 2);
    assert!(!mailed.contains(&"b@example.org".to_owned()));
}

#[tokio::test]
async fn who_cancelled_and_returns_in_a_batch_joins_at_the_back() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 2, Status::Open).await;
    let first = request(&s, "x@example.org");
    let conference_id = s.id.clone();
    let x = app
        .db
        .run(move |conn| {
            let outcome = werkconf::flows::registration::register(
                conn,
                &mailer(),
                &first,
                werkconf::clock::Clock::system().now(),
            )?;
            let Outcome::Done(done) = outcome else {
                panic!("registered")
            };
            let Registered::New(x) = *done else {
                panic!("new")
            };
            let _effects = werkconf::flows::registration::cancel(
                conn,
                &mailer(),
                &conference_id,
                &x.id,
                werkconf::clock::Clock::system().now(),
            )?;
            Ok::<_, FlowError>(x)
        })
        .await
        .unwrap();

    let requests: Vec<Request> = ["y@example.org", "x@example.org", "z@example.org"]
        .into_iter()
        .map(|email| request(&s, email))
        .collect();
    let outcomes = app
        .db
        .run(move |conn| {
            werkconf::flows::registration::register_all(
                conn,
                &mailer(),
                &requests,
                werkconf::clock::Clock::system().now(),
            )
        })
        .await
        .unwrap()
        .outcomes;
    let seen: Vec<(&str, &str, RegistrationStatus, i32)> = outcomes
        .iter()
        .map(|o| {
            let (kind, r) = registration(o);
            (kind, r.email.as_str(), r.status(), r.seq)
        })
        .collect();
    use RegistrationStatus::{Confirmed, Waiting};
    assert_eq!(
        seen,
        vec![
            ("new", "y@example.org", Confirmed, 2),
            ("new", "x@example.org", Confirmed, 3),
            ("new", "z@example.org", Waiting, 4),
        ]
    );
    let stored = registrations(&app, &s.id).await;
    let back = stored.iter().find(|r| r.email == "x@example.org").unwrap();
    assert_eq!(
        (back.id.as_str(), back.token.as_str()),
        (x.id.as_str(), x.token.as_str()),
        "the same registration, with the same link"
    );
    let texts = mail_texts(&app, &s.id).await;
    let (_, z) = texts.iter().find(|(to, _)| to == "z@example.org").unwrap();
    assert!(z.contains("op de wachtlijst (plaats 1)"), "{z}");
}

/// PostgreSQL restarted (or a firewall dropped the idle connection) while nobody
/// registered: the first registration afterwards must still go through.
#[tokio::test]
async fn a_connection_lost_while_quiet_is_replaced_before_the_next_registration() {
    let app = crate::common::spawn_manual_app().await;
    if app.db.engine() != db::Engine::Postgres {
        return; // A SQLite file cannot go away underneath.
    }
    let s = seed_conference(&app, 20, Status::Open).await;
    let res = register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Every other connection to this database is cut, the registrar's included.
    app.db
        .run(|conn| {
            diesel::sql_query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .execute(conn)?;
            Ok::<_, DbError>(())
        })
        .await
        .unwrap();
    // Quiet for longer than the registrar trusts an unused connection.
    app.clock.advance(chrono::Duration::seconds(6));

    let res = register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(registrations(&app, &s.id).await.len(), 2);
}

/// The registrar remembers each conference's texts between batches; an organiser's change
/// must reach the very next confirmation.
#[tokio::test]
async fn a_changed_confirmation_text_reaches_the_next_registration() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 20, Status::Open).await;
    let res = register(&app, &s, &form_for(&s, "Anna", "anna@example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    app.login().await;
    let path = format!("/beheer/conferenties/{}/teksten", s.id);
    let fields = [
        ("privacy_statement", ""),
        (
            "confirmation_text",
            "Welkom {{naam}}, tot op de werkconferentie!",
        ),
        ("confirmation_text_en", ""),
        ("action", "save"),
    ];
    let res = app.post(&path, &path, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let res = register(&app, &s, &form_for(&s, "Bram", "bram@example.org")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let texts = mail_texts(&app, &s.id).await;
    let (_, anna) = texts
        .iter()
        .find(|(to, _)| to == "anna@example.org")
        .unwrap();
    let (_, bram) = texts
        .iter()
        .find(|(to, _)| to == "bram@example.org")
        .unwrap();
    assert!(!anna.contains("Welkom"), "{anna}");
    assert!(
        bram.contains("Welkom Bram, tot op de werkconferentie!"),
        "{bram}"
    );
}
