//! Scale benchmark for the breakouts: one conference with N confirmed participants (2,000
//! by default), 10 insights, 3 rounds and groups of 20 with 10% spare places. Times what
//! an organiser waits for: "Verdeel deelnemers" (solver and storing the placements), the
//! preview's read model (load, every group's seats, the choice counts), and publishing
//! (N programme mails with their invites, queued in one transaction). Setting up the
//! registrations goes through the real registration flow and is not part of the figures.
//!
//!     cargo bench --bench breakouts                      # SQLite, N = 2000
//!     BENCH_N=5000 cargo bench --bench breakouts
//!     WERKCONF_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres \
//!         cargo bench --bench breakouts                  # PostgreSQL (a fresh database)

use std::time::Instant;

use werkconf::db::read::assignment::AssignmentRead;
use werkconf::db::{self, Db};
use werkconf::domain::conference::{ConferenceDraft, Status};
use werkconf::domain::group::GroupDraft;
use werkconf::domain::insight::{InsightDraft, QUESTION_PROFESSIONAL, QUESTION_TOGETHER};
use werkconf::domain::programme::{ItemKind, ProgrammeDraft};
use werkconf::domain::registration::RegistrationDraft;
use werkconf::domain::time::parse_local;
use werkconf::flows::assignment::{Published, Ran};
use werkconf::flows::registration::{By, Request};
use werkconf::flows::{self, Mailer};

const INSIGHTS: usize = 10;
const ROUNDS: usize = 3;
const PLACES: i32 = 20;
const DISCIPLINES: [&str; 8] = [
    "verloskundige",
    "kraamverzorgende",
    "jeugdverpleegkundige",
    "huisarts",
    "buurtteam",
    "gemeente",
    "ervaringsdeskundige",
    "gynaecoloog",
];

fn main() {
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let dir = std::env::temp_dir().join(format!("werkconf-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let (url, engine) = match std::env::var("WERKCONF_BENCH_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!("werkconf_bench_{}", uuid::Uuid::new_v4().simple());
            (
                db::create_postgres_database(&server, &name).unwrap(),
                "postgresql",
            )
        }
        _ => (dir.join("bench.sqlite").display().to_string(), "sqlite"),
    };
    let database = Db::connect(&url, 2).unwrap();
    let mut conn = database.connection().unwrap();
    let conn = &mut *conn;
    let mailer = Mailer {
        from: "werkconf@example.org".into(),
        base_url: "http://127.0.0.1:8080".into(),
        links: werkconf::auth::LinkKey::generate(),
    };
    let now = werkconf::clock::Clock::system().now();
    let at = |time: &str| parse_local(&format!("2083-03-11T{time}")).unwrap();

    let conference = db::conferences::create(
        conn,
        &ConferenceDraft {
            title: "Werkconferentie op schaal".into(),
            slug: Some("op-schaal".into()),
            description: String::new(),
            venue_name: "Jaarbeurs".into(),
            venue_address: "Utrecht".into(),
            starts_at: at("09:00"),
            ends_at: at("17:00"),
            capacity: n as i32,
            registration_opens_at: None,
            registration_closes_at: None,
            contact_email: "kansrijkestart@example.org".into(),
            status: Status::Open,
        },
        now,
    )
    .unwrap()
    .unwrap();
    let id = conference.id.clone();
    let insights: Vec<_> = (0..INSIGHTS)
        .map(|k| {
            let draft = InsightDraft {
                title: format!("Inzicht {}", k + 1),
                description: String::new(),
                question_professional: QUESTION_PROFESSIONAL.into(),
                question_together: QUESTION_TOGETHER.into(),
            };
            db::insights::create(conn, &id, &draft, now).unwrap()
        })
        .collect();
    let rounds: Vec<_> = (0..ROUNDS)
        .map(|r| {
            let draft = ProgrammeDraft {
                kind: ItemKind::Round,
                title: format!("Ronde {}", r + 1),
                description: String::new(),
                starts_at: at(&format!("{:02}:00", 10 + 2 * r)),
                ends_at: at(&format!("{:02}:00", 11 + 2 * r)),
            };
            db::programme::create(conn, &id, &draft).unwrap()
        })
        .collect();
    let per_insight = (n * 11 / 10).div_ceil(PLACES as usize * INSIGHTS);
    for round in &rounds {
        for (k, insight) in insights.iter().enumerate() {
            for g in 0..per_insight {
                let draft = GroupDraft {
                    round: round.clone(),
                    insight: insight.clone(),
                    room: format!("Zaal {}.{}", k + 1, g + 1),
                    capacity: PLACES,
                    facilitator_name: String::new(),
                    facilitator_email: String::new(),
                };
                db::groups::create(conn, &id, &draft, now).unwrap().unwrap();
            }
        }
    }
    for p in 0..n {
        // Skewed popularity: low-numbered insights are wanted most.
        let mut preferences = Vec::new();
        for k in 0..3 {
            let pick = &insights[(p * (k + 1) + k * k) % (INSIGHTS - 3 + k)];
            if !preferences.contains(pick) {
                preferences.push(pick.clone());
            }
        }
        let request = Request {
            conference_id: id.clone(),
            email: format!("deelnemer{p}@example.org"),
            draft: RegistrationDraft {
                name: format!("Deelnemer {p}"),
                email: None,
                organisation: format!("Organisatie {}", p % 150),
                discipline: DISCIPLINES[p % DISCIPLINES.len()].into(),
                municipality: "Utrecht".into(),
                preferences,
                rounds: rounds.clone(),
                diet: String::new(),
                accessibility: String::new(),
            },
            lang: "nl".into(),
            by: By::Organiser,
        };
        flows::registration::register(conn, &mailer, &request, now).unwrap();
    }

    let started = Instant::now();
    let (ran, _) = flows::assignment::run(conn, &id, now).unwrap();
    let run = started.elapsed();
    let Ran::Done(cost) = ran else {
        panic!("the assignment was refused")
    };

    let started = Instant::now();
    let read = AssignmentRead::load(conn, &id).unwrap();
    let seated: usize = read
        .rounds
        .iter()
        .map(|r| read.seats(r).iter().map(|s| s.people.len()).sum::<usize>())
        .sum();
    let (choices, none) = read.choices();
    let preview = started.elapsed();
    assert_eq!(seated, n * ROUNDS, "everyone seated in every round");

    let started = Instant::now();
    let (published, _) = flows::assignment::publish(conn, &mailer, &id, now).unwrap();
    let publish = started.elapsed();
    let Published::Mailed {
        participants: mailed,
        ..
    } = published
    else {
        panic!("publishing was refused")
    };
    assert_eq!(mailed, n);

    println!(
        "engine {engine}: {n} participants, {} groups, cost {} ({:?} 1st/2nd/3rd/none, {} without a choice)",
        ROUNDS * INSIGHTS * per_insight,
        cost.total,
        choices,
        none.len()
    );
    let bound = read.run.as_ref().and_then(|r| r.cost_bound).unwrap_or(0);
    println!(
        "lower bound {bound}: at most {:.2}% above the best possible",
        (cost.total - bound) as f64 * 100.0 / bound.max(1) as f64
    );
    println!("assign_run_ms {}", run.as_millis());
    println!("preview_read_ms {}", preview.as_millis());
    println!("publish_ms {} ({mailed} mails queued)", publish.as_millis());
    let _ = std::fs::remove_dir_all(&dir);
}
