//! A conference that is open for registration, straight into the database.

use chrono::{Duration, Local};
use werkconf::db::{self, DbError};
use werkconf::domain::conference::{ConferenceDraft, Status};
use werkconf::domain::insight::{InsightDraft, QUESTION_PROFESSIONAL, QUESTION_TOGETHER};
use werkconf::domain::programme::{ItemKind, ProgrammeDraft};
use werkconf::domain::time::parse_local;

use crate::common::TestApp;

pub const INSIGHTS: [&str; 3] = [
    "Vertrouwen in eigen kracht",
    "De rol van schaamte en vertrouwen",
    "Hoe werk je als professionals samen?",
];

/// A day some months ahead, so the registration stays open whenever the tests run.
pub fn conference_day() -> String {
    (Local::now().date_naive() + Duration::days(120))
        .format("%Y-%m-%d")
        .to_string()
}

pub struct Seeded {
    pub slug: String,
    pub title: String,
}

/// An open conference with a plenary opening, two rounds and three insights.
pub async fn open_conference(app: &TestApp) -> Seeded {
    let day = conference_day();
    app.db
        .run(move |conn| {
            let at = |time: &str| parse_local(&format!("{day}T{time}")).unwrap();
            let draft = ConferenceDraft {
                title: "Werkconferentie Kansrijke Start Utrecht".into(),
                slug: Some("kansrijke-start".into()),
                description: "Samen werken aan een goede start voor ieder kind.".into(),
                venue_name: "Stadskantoor Utrecht".into(),
                venue_address: "Stadsplateau 1\n3521 AZ Utrecht".into(),
                starts_at: at("09:00"),
                ends_at: at("16:30"),
                capacity: 60,
                registration_opens_at: None,
                registration_closes_at: None,
                contact_email: "kansrijkestart@example.org".into(),
                status: Status::Open,
            };
            let c = db::conferences::create(conn, &draft, werkconf::clock::Clock::system().now())?
                .unwrap();
            for title in INSIGHTS {
                db::insights::create(
                    conn,
                    &c.id,
                    &InsightDraft {
                        title: title.into(),
                        description: "Uit de gesprekken met moeders.".into(),
                        question_professional: QUESTION_PROFESSIONAL.into(),
                        question_together: QUESTION_TOGETHER.into(),
                    },
                    werkconf::clock::Clock::system().now(),
                )?;
            }
            for (kind, title, from, to) in [
                (ItemKind::Plenary, "Opening", "09:00", "09:45"),
                (ItemKind::Round, "Ronde 1", "10:00", "11:00"),
                (ItemKind::Round, "Ronde 2", "11:15", "12:15"),
            ] {
                db::programme::create(
                    conn,
                    &c.id,
                    &ProgrammeDraft {
                        kind,
                        title: title.into(),
                        description: String::new(),
                        starts_at: at(from),
                        ends_at: at(to),
                    },
                )?;
            }
            Ok::<_, DbError>(Seeded {
                slug: c.slug,
                title: c.title,
            })
        })
        .await
        .unwrap()
}
