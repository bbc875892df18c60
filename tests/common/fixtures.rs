//! Fixtures: a conference straight into the database, and the registration form filled in
//! and sent as a participant would.

use werkconf::db::{self, DbError};
use werkconf::domain::conference::{ConferenceDraft, Status};
use werkconf::domain::ids::{ConferenceId, InsightId, ProgrammeItemId};
use werkconf::domain::insight::{InsightDraft, QUESTION_PROFESSIONAL, QUESTION_TOGETHER};
use werkconf::domain::programme::{ItemKind, ProgrammeDraft};
use werkconf::domain::time::parse_local;

use super::TestApp;

pub struct Seeded {
    pub slug: String,
    pub id: ConferenceId,
    pub insights: Vec<InsightId>,
    pub rounds: Vec<ProgrammeItemId>,
}

/// An open conference with three insights and two rounds, straight into the database.
pub async fn seed_conference(app: &TestApp, capacity: i32, status: Status) -> Seeded {
    app.db
        .run(move |conn| {
            let draft = ConferenceDraft {
                title: "Werkconferentie Kansrijke Start".into(),
                slug: Some("kansrijke-start".into()),
                description: String::new(),
                venue_name: "Stadskantoor Utrecht".into(),
                venue_address: "Stadsplateau 1, Utrecht".into(),
                starts_at: parse_local("2083-03-11T09:00").unwrap(),
                ends_at: parse_local("2083-03-11T16:30").unwrap(),
                capacity,
                registration_opens_at: None,
                registration_closes_at: None,
                contact_email: "kansrijkestart@example.org".into(),
                status,
            };
            let c = db::conferences::create(conn, &draft, werkconf::clock::Clock::system().now())?
                .unwrap();
            let mut insights = Vec::new();
            for title in [
                "Vertrouwen in eigen kracht",
                "Schaamte en vertrouwen",
                "Samenwerken",
            ] {
                insights.push(db::insights::create(
                    conn,
                    &c.id,
                    &InsightDraft {
                        title: title.into(),
                        description: String::new(),
                        question_professional: QUESTION_PROFESSIONAL.into(),
                        question_together: QUESTION_TOGETHER.into(),
                    },
                    werkconf::clock::Clock::system().now(),
                )?);
            }
            let mut rounds = Vec::new();
            for (title, from, to) in [("Ronde 1", "10:00", "11:00"), ("Ronde 2", "11:15", "12:15")]
            {
                rounds.push(db::programme::create(
                    conn,
                    &c.id,
                    &ProgrammeDraft {
                        kind: ItemKind::Round,
                        title: title.into(),
                        description: String::new(),
                        starts_at: parse_local(&format!("2083-03-11T{from}")).unwrap(),
                        ends_at: parse_local(&format!("2083-03-11T{to}")).unwrap(),
                    },
                )?);
            }
            Ok::<_, DbError>(Seeded {
                slug: c.slug,
                id: c.id,
                insights,
                rounds,
            })
        })
        .await
        .unwrap()
}

pub fn form_for<'a>(s: &'a Seeded, name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("email", email),
        ("organisation", "Verloskundigenpraktijk De Wieg"),
        ("discipline", "verloskundige"),
        ("municipality", "Utrecht"),
        ("preference_1", s.insights[1].as_str()),
        ("preference_2", s.insights[0].as_str()),
        ("preference_3", ""),
        ("rounds", s.rounds[0].as_str()),
        ("rounds", s.rounds[1].as_str()),
        ("diet", "vegetarisch"),
        ("accessibility", ""),
        ("consent", "ja"),
    ]
}

pub async fn registrations(
    app: &TestApp,
    conference_id: &ConferenceId,
) -> Vec<db::registrations::Registration> {
    let id = conference_id.to_owned();
    app.db
        .run(move |conn| db::registrations::list(conn, &id))
        .await
        .unwrap()
}

pub async fn register(app: &TestApp, s: &Seeded, fields: &[(&str, &str)]) -> reqwest::Response {
    let path = format!("/c/{}/aanmelden", s.slug);
    app.post(&path, &path, fields).await
}
