//! The access matrix: every route of the route table (read from the table itself, so a
//! route added tomorrow is in it), for every audience, with GET and POST, without and with
//! a wrong form token, and from a foreign site. Every cell asserts the expected answer and
//! that nothing in the database changed.

use reqwest::StatusCode;
use werkconf::db::{self, DbError};
use werkconf::domain::conference::Status;
use werkconf::routes::access::Audience;
use werkconf::routes::table::{ROUTES, Route};

use crate::api::registration::{form_for, register, registrations, seed_conference};
use crate::common::{TestApp, spawn_app};

/// Who knocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// Holds participant A's link only; on participant routes, knocks with a link that
    /// names no registration.
    Participant,
    Organiser,
    /// Holds facilitator B's link; on facilitator routes, knocks at facilitator A's point.
    Facilitator,
}

/// How a POST comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    NoToken,
    WrongToken,
    /// With the session's own token, from another site.
    ForeignOrigin,
}

/// Everything a refused request could have changed: the rows of every table, and the
/// states in the rows that a change would flip.
async fn snapshot(app: &TestApp) -> Vec<(String, i64)> {
    app.db
        .run(|c| {
            use diesel::RunQueryDsl;
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let mut seen = Vec::new();
            for (name, sql) in [
                ("conferences", "SELECT COUNT(*) AS n FROM conferences"),
                ("archived", "SELECT COUNT(*) AS n FROM conferences WHERE archived_at IS NOT NULL"),
                ("titles", "SELECT COUNT(*) AS n FROM conferences WHERE title = 'Werkconferentie Kansrijke Start'"),
                ("texts", "SELECT COUNT(*) AS n FROM conference_texts"),
                ("insights", "SELECT COUNT(*) AS n FROM insights"),
                ("programme", "SELECT COUNT(*) AS n FROM programme_items"),
                ("registrations", "SELECT COUNT(*) AS n FROM registrations"),
                ("confirmed", "SELECT COUNT(*) AS n FROM registrations WHERE status = 'confirmed'"),
                ("preferences", "SELECT COUNT(*) AS n FROM registration_preferences"),
                ("rounds", "SELECT COUNT(*) AS n FROM registration_rounds"),
                ("outbox", "SELECT COUNT(*) AS n FROM outbox"),
                ("queued", "SELECT COUNT(*) AS n FROM outbox WHERE status = 'queued'"),
                ("logins", "SELECT COUNT(*) AS n FROM organiser_sessions"),
                ("organisers", "SELECT COUNT(*) AS n FROM organisers"),
                ("jobs", "SELECT COUNT(*) AS n FROM jobs"),
                ("groups", "SELECT COUNT(*) AS n FROM breakout_groups"),
                ("points", "SELECT COUNT(*) AS n FROM action_points"),
                ("live points", "SELECT COUNT(*) AS n FROM action_points WHERE deleted_at IS NULL"),
                ("point texts", "SELECT COUNT(*) AS n FROM action_points WHERE body = 'Punt van A'"),
                ("capture", "SELECT COUNT(*) AS n FROM conference_capture"),
                ("hidden points", "SELECT COUNT(*) AS n FROM action_points WHERE hidden"),
                ("pinned points", "SELECT COUNT(*) AS n FROM action_points WHERE pinned"),
            ] {
                let count: Count = match c {
                    db::DbConnection::Sqlite(c) => diesel::sql_query(sql).get_result(c)?,
                    db::DbConnection::Postgresql(c) => diesel::sql_query(sql).get_result(c)?,
                };
                seen.push((name.to_owned(), count.n));
            }
            Ok::<_, DbError>(seen)
        })
        .await
        .unwrap()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .unwrap()
}

/// The session's form token for this client, from a page that has a form.
async fn token_of(app: &TestApp, client: &reqwest::Client) -> String {
    let body = client
        .get(app.url("/login?next="))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // A logged-in organiser is sent on from /login; the dashboard has a form too.
    let body = if body.contains("name=\"csrf\"") {
        body
    } else {
        client
            .get(app.url("/beheer"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    crate::common::csrf_in(&body).expect("a form token")
}

#[tokio::test]
async fn every_route_refuses_who_may_not_and_changes_nothing() {
    let app = spawn_app().await;
    let s = seed_conference(&app, 10, Status::Open).await;
    for (name, email) in [("Anna", "anna@example.org"), ("Bram", "bram@example.org")] {
        register(&app, &s, &form_for(&s, name, email)).await;
    }
    let people = registrations(&app, &s.id).await;
    let (anna, bram) = (&people[0], &people[1]);
    let (cid, round, insight) = (s.id.clone(), s.rounds[0].clone(), s.insights[0].clone());
    // Two groups with a facilitator each (A and B, as publishing leaves them), and a point
    // in A's group.
    let (token_a, token_b) = (
        app.link_key().facilitator_token(&s.id, "a@example.org"),
        app.link_key().facilitator_token(&s.id, "b@example.org"),
    );
    let (hash_a, hash_b) = (
        werkconf::auth::token_hash(&token_a),
        werkconf::auth::token_hash(&token_b),
    );
    let (group, point) = app
        .db
        .run(move |c| {
            let now = werkconf::clock::Clock::system().now();
            let mut made = Vec::new();
            for (room, email) in [("Zaal 1", "a@example.org"), ("Zaal 2", "b@example.org")] {
                let draft = werkconf::domain::group::GroupDraft {
                    round: round.clone(),
                    insight: insight.clone(),
                    room: room.into(),
                    capacity: 12,
                    facilitator_name: String::new(),
                    facilitator_email: email.into(),
                };
                made.push(db::groups::create(c, &cid, &draft, now)?.unwrap());
            }
            db::groups::set_facilitator_tokens(
                c,
                &cid,
                &[
                    (made[0].clone(), Some(hash_a)),
                    (made[1].clone(), Some(hash_b)),
                ],
            )?;
            let draft = werkconf::domain::action_point::PointDraft {
                group: made[0].clone(),
                question: werkconf::domain::action_point::Question::Together,
                text: "Punt van A".into(),
                taker_name: String::new(),
                taker_organisation: String::new(),
                with_whom: String::new(),
                first_step: String::new(),
            };
            let source = werkconf::domain::action_point::Source::Facilitator;
            let point = db::action_points::insert(
                c,
                &cid,
                &draft,
                source,
                "0192f3a4-aaaa-7bbb-8ccc-0000000000a1",
                now,
            )?;
            Ok::<_, DbError>((made[0].clone(), point))
        })
        .await
        .unwrap();
    let message = app
        .db
        .run(|c| db::outbox::list_recent(c, None, None, 1, 0))
        .await
        .unwrap()
        .remove(0)
        .id;

    // One client per audience, each with a session (and so a form token) of its own.
    let anonymous = client();
    let participant = client();
    participant
        .get(app.url(&format!("/r/{}", app.token_of(anna))))
        .send()
        .await
        .unwrap();
    let organiser = app.another_browser();
    organiser.login().await;
    let facilitator = client();
    facilitator
        .get(app.url(&format!("/f/{token_b}")))
        .send()
        .await
        .unwrap();
    let clients = [
        (Who::Anonymous, anonymous),
        (Who::Participant, participant),
        (Who::Organiser, organiser.client.clone()),
        (Who::Facilitator, facilitator),
    ];

    let fill = |route: &Route, who: Who| -> String {
        let item = if route.path.contains("/inzichten/") {
            s.insights[0].to_string()
        } else if route.path.contains("/programma/") {
            s.rounds[0].to_string()
        } else if route.path.contains("/deelnemers/") {
            bram.id.to_string()
        } else if route.path.contains("/groepen/") {
            group.to_string()
        } else if route.path.contains("/mail/") {
            message.to_string()
        } else if route.path.contains("/punten/") || route.path.contains("/actiepunten/{item}") {
            point.to_string()
        } else {
            "b1".to_owned()
        };
        let token = match (route.audience, who) {
            // B's own link, at A's point.
            (Audience::Facilitator, Who::Facilitator) => token_b.clone(),
            // A link that names no registration (Anna's, one letter off).
            (_, Who::Participant) => format!("{}x", app.token_of(anna)),
            _ => app.token_of(bram),
        };
        route
            .path
            .replace("{slug}", &s.slug)
            .replace("{id}", s.id.as_str())
            .replace("{item}", &item)
            .replace("{token}", &token)
            .replace("{lang}", "en")
            .replace("{mark}", "verbergen")
            .replace("{code}", "nietdecode")
    };

    let mut cells = 0;
    let mut paths: Vec<&Route> = Vec::new();
    for route in ROUTES {
        if !paths.iter().any(|r| r.path == route.path) {
            paths.push(route);
        }
    }
    for route in &paths {
        for (who, client) in &clients {
            let path = fill(route, *who);
            let methods: Vec<&str> = ROUTES
                .iter()
                .filter(|r| r.path == route.path)
                .map(|r| r.method)
                .collect();
            // GET, as the audience would.
            let before = snapshot(&app).await;
            let res = client.get(app.url(&path)).send().await.unwrap();
            let status = res.status();
            let location = res
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_owned());
            let cell = format!("GET {} as {who:?} ({path})", route.path);
            match (route.audience, *who) {
                (Audience::Organiser, Who::Anonymous | Who::Participant | Who::Facilitator) => {
                    assert_eq!(status, StatusCode::SEE_OTHER, "{cell}");
                    assert!(
                        location
                            .as_deref()
                            .is_some_and(|l| l.starts_with("/login?next=")),
                        "{cell}: {location:?}"
                    );
                }
                (Audience::Participant, Who::Participant) => {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{cell}: no such link");
                }
                (Audience::Table, _) => {
                    // A table link that names no group of the conference.
                    assert_eq!(status, StatusCode::NOT_FOUND, "{cell}");
                }
                (Audience::Wall, Who::Organiser) => {
                    assert_eq!(status, StatusCode::OK, "{cell}");
                }
                (Audience::Wall, _) => {
                    // Without the wall's key: the login, as for organiser pages.
                    assert_eq!(status, StatusCode::SEE_OTHER, "{cell}");
                    assert!(
                        location
                            .as_deref()
                            .is_some_and(|l| l.starts_with("/login?next=")),
                        "{cell}: {location:?}"
                    );
                }
                (Audience::Facilitator, Who::Facilitator) if route.path == "/f/{token}" => {
                    assert_eq!(status, StatusCode::OK, "{cell}: B's own page");
                }
                (Audience::Facilitator, _) => {
                    // A participant's token opens no facilitator's page, and B's link
                    // reaches no point of A.
                    assert_eq!(status, StatusCode::NOT_FOUND, "{cell}");
                }
                _ if !methods.contains(&"GET") => {
                    assert!(status.is_client_error(), "{cell}: {status}");
                }
                _ => assert!(!status.is_server_error(), "{cell}: {status}"),
            }
            assert_eq!(snapshot(&app).await, before, "{cell} changed something");
            cells += 1;

            // POST, in each way that must be refused.
            let token = token_of(&app, client).await;
            for way in [Post::NoToken, Post::WrongToken, Post::ForeignOrigin] {
                let before = snapshot(&app).await;
                let mut fields: Vec<(&str, String)> = vec![("title", "Overgenomen".into())];
                let mut request = client.post(app.url(&path));
                match way {
                    Post::NoToken => {}
                    Post::WrongToken => fields.push(("csrf", "niet-het-token".into())),
                    Post::ForeignOrigin => {
                        fields.push(("csrf", token.clone()));
                        request = request.header("origin", "https://aanvaller.example");
                    }
                }
                let res = request.form(&fields).send().await.unwrap();
                let status = res.status();
                let cell = format!("POST {} as {who:?}, {way:?} ({path})", route.path);
                let forgiving = route.path == "/c/{slug}/aanmelden" && way != Post::ForeignOrigin;
                if forgiving {
                    // The registration form comes back (with a note), storing nothing.
                    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{cell}");
                } else {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{cell}");
                }
                assert_eq!(snapshot(&app).await, before, "{cell} changed something");
                cells += 1;
            }

            // A facilitator with a good token, at another facilitator's point (or writing
            // into A's group): not found, or refused at the field; nothing changes.
            if route.audience == Audience::Facilitator && *who == Who::Facilitator {
                let before = snapshot(&app).await;
                let place = format!("{group}|together");
                let res = client
                    .post(app.url(&path))
                    .form(&[
                        ("csrf", token.as_str()),
                        ("group", group.as_str()),
                        ("question", "together"),
                        ("place", place.as_str()),
                        ("text", "Overgenomen"),
                        ("key", "0192f3a4-aaaa-7bbb-8ccc-0000000000a1"),
                    ])
                    .send()
                    .await
                    .unwrap();
                let cell = format!("POST {} as B with a good token", route.path);
                if route.path == "/f/{token}/punten" {
                    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{cell}");
                } else if methods.contains(&"POST") {
                    assert_eq!(res.status(), StatusCode::NOT_FOUND, "{cell}");
                }
                assert_eq!(snapshot(&app).await, before, "{cell} changed something");
                cells += 1;
            }

            // And with everything right but the audience: the guard, not the token, says no.
            if route.audience == Audience::Organiser && *who != Who::Organiser {
                let before = snapshot(&app).await;
                let res = client
                    .post(app.url(&path))
                    .form(&[("csrf", token.as_str()), ("title", "Overgenomen")])
                    .send()
                    .await
                    .unwrap();
                let cell = format!("POST {} as {who:?} with a good token", route.path);
                assert_eq!(res.status(), StatusCode::SEE_OTHER, "{cell}");
                assert!(
                    res.headers()["location"]
                        .to_str()
                        .unwrap()
                        .starts_with("/login?next="),
                    "{cell}"
                );
                assert_eq!(snapshot(&app).await, before, "{cell} changed something");
                cells += 1;
            }
        }
    }
    let audiences = clients.len();
    eprintln!(
        "access matrix: {} routes ({} paths) x {audiences} audiences x GET and 3 POSTs \
         (+1 for organiser routes from others) = {cells} cells",
        ROUTES.len(),
        paths.len()
    );
    assert!(cells >= paths.len() * audiences * 4);
}
