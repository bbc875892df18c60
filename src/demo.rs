//! The demo a new user sees with `serve --demo`: the Utrecht werkconferentie from the
//! seeds, with its insights and programme, plus a finished and a concept one.

use crate::domain::group::GroupDraft;
use crate::domain::ids::{ConferenceId, InsightId, ProgrammeItemId};
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Weekday};

use crate::db::registrations::Registered;
use crate::db::{self, DbConnection, DbError};
use crate::domain::action_point::{PointForm, PointStatus, Source};
use crate::domain::conference::{ConferenceDraft, Status};
use crate::domain::insight::{InsightDraft, QUESTION_PROFESSIONAL, QUESTION_TOGETHER};
use crate::domain::programme::{ItemKind, ProgrammeDraft};
use crate::domain::registration::RegistrationDraft;
use crate::domain::registration::RegistrationStatus;
use crate::domain::time;
use crate::domain::vote::{BallotForm, Domains, VoteForm};
use crate::flows::registration::{By, Outcome};
use crate::flows::{self, FlowError, Mailer};

pub const DEMO_EMAIL: &str = "organisator@example.org";
pub const DEMO_NAME: &str = "Werkgroep Kansrijke Start";

const INSIGHTS: [(&str, &str); 5] = [
    (
        "Vertrouwen in eigen kracht",
        "Moeders vertelden hoe belangrijk het is dat professionals vertrouwen hebben in wat \
         zij zelf kunnen. Wie zich gezien voelt als ouder, durft eerder hulp te vragen en \
         houdt zelf de regie.",
    ),
    (
        "De rol van schaamte en vertrouwen",
        "Schaamte over geldzorgen, huisvesting of twijfels over het ouderschap maakt dat \
         moeders hun vragen niet stellen. Vertrouwen groeit in een vaste relatie met een \
         professional die de tijd neemt.",
    ),
    (
        "Wat moeders echt nodig hebben",
        "Niet elk aanbod sluit aan. Moeders noemden praktische steun, ontmoeting met andere \
         (aanstaande) ouders en iemand die langer met hen oploopt als wat het verschil maakt.",
    ),
    (
        "Ouders en kind echt centraal",
        "Zorg en ondersteuning zijn vaak georganiseerd rond protocollen en organisaties. \
         Wat verandert er als we vertrekken vanuit het gezin en wat het nodig heeft?",
    ),
    (
        "Hoe werk je als professionals samen?",
        "Verloskundige, kraamzorg, JGZ, huisarts en buurtteam zien hetzelfde gezin, maar \
         kennen elkaar niet altijd. Moeders merken dat: zij vertellen hun verhaal steeds \
         opnieuw.",
    ),
];

pub fn seed(
    conn: &mut DbConnection,
    mailer: &Mailer,
    lists: &crate::config::ListSettings,
    now: NaiveDateTime,
) -> Result<bool, FlowError> {
    let domains = &lists.domains;
    if !db::conferences::list(conn, false)?.is_empty()
        || !db::conferences::list(conn, true)?.is_empty()
    {
        return Ok(false);
    }
    let day = next_thursday(now, 8);
    let at = |h: u32, m: u32| local(day, h, m);

    let main = create(
        conn,
        ConferenceDraft {
            title: "Werkconferentie Kansrijke Start regio Utrecht".into(),
            slug: Some("kansrijke-start-utrecht".into()),
            description: "Hoe maak je in de eerste duizend dagen een positief verschil voor \
                ouder en kind? In 40 interviews vertelden (aanstaande) moeders, professionals, \
                vrijwilligers en experts wat zij nodig hebben. Op deze werkconferentie gaan we \
                met die inzichten aan de slag.\n\nIn breakoutgroepen werk je met collega's uit \
                het medisch en het sociaal domein aan één inzicht en twee vragen: wat kan jij \
                morgen anders doen als professional, en wat kunnen we samen anders doen? De \
                actiepunten worden pilots: ga aan de slag, evalueer steeds en stuur bij."
                .into(),
            venue_name: "Stadskantoor Utrecht".into(),
            venue_address: "Stadsplateau 1\n3521 AZ Utrecht".into(),
            starts_at: at(8, 30),
            ends_at: at(16, 30),
            capacity: 40,
            registration_opens_at: Some(now - Duration::days(14)),
            registration_closes_at: Some(at(9, 0) - Duration::days(4)),
            contact_email: "kansrijkestart@example.org".into(),
            status: Status::Open,
        },
        now,
    )?;
    for (title, description) in INSIGHTS {
        db::insights::create(conn, &main, &insight(title, description), now)?;
    }
    let programme = [
        (ItemKind::Plenary, "Inloop met koffie", (8, 30), (9, 0)),
        (
            ItemKind::Plenary,
            "Opening: wat moeders ons vertelden",
            (9, 0),
            (9, 45),
        ),
        (ItemKind::Round, "Breakoutronde 1", (10, 0), (11, 0)),
        (ItemKind::Break, "Pauze", (11, 0), (11, 15)),
        (ItemKind::Round, "Breakoutronde 2", (11, 15), (12, 15)),
        (ItemKind::Break, "Lunch", (12, 15), (13, 0)),
        (ItemKind::Round, "Breakoutronde 3", (13, 0), (14, 0)),
        (
            ItemKind::Plenary,
            "Plenair: van actiepunten naar pilots",
            (14, 15),
            (15, 30),
        ),
        (
            ItemKind::Plenary,
            "Afsluiting en borrel",
            (15, 30),
            (16, 30),
        ),
    ];
    for (kind, title, (h1, m1), (h2, m2)) in programme {
        db::programme::create(
            conn,
            &main,
            &ProgrammeDraft {
                kind,
                title: title.into(),
                description: String::new(),
                starts_at: at(h1, m1),
                ends_at: at(h2, m2),
            },
        )?;
    }
    register_participants(conn, mailer, &main, now)?;
    create_groups(conn, &main, now)?;
    // The assignment, run and published as an organiser would: everyone placed gets their
    // programme by mail.
    let _ = flows::assignment::run(conn, &main, now)?;
    let _ = flows::assignment::publish(conn, mailer, &main, now)?;
    capture_points(conn, &main, now)?;
    vote(conn, &main, domains, now)?;

    let past = next_thursday(now - Duration::days(400), 0);
    let finished = create(
        conn,
        ConferenceDraft {
            title: "Eerste werkconferentie Kansrijke Start regio Utrecht".into(),
            slug: Some("kansrijke-start-utrecht-eerste".into()),
            description: "De eerste werkconferentie, waar de werkagenda Kansrijke Start voor \
                de regio begon."
                .into(),
            venue_name: "GGD regio Utrecht".into(),
            venue_address: "Zeist".into(),
            starts_at: local(past, 13, 0),
            ends_at: local(past, 17, 0),
            capacity: 80,
            registration_opens_at: None,
            registration_closes_at: None,
            contact_email: "kansrijkestart@example.org".into(),
            status: Status::Finished,
        },
        now,
    )?;
    db::insights::create(
        conn,
        &finished,
        &insight(
            "Ontmoeten van andere (aanstaande) ouders",
            "Moeders zoeken contact met ouders in dezelfde situatie.",
        ),
        now,
    )?;
    pilots(conn, mailer, &finished, &main, lists, past, now)?;

    let twente_day = next_thursday(now, 20);
    create(
        conn,
        ConferenceDraft {
            title: "Werkconferentie Kansrijk Opgroeien Twente".into(),
            slug: Some("kansrijk-opgroeien-twente".into()),
            description: "In voorbereiding: de werkgroep in Twente gebruikt dezelfde aanpak."
                .into(),
            venue_name: String::new(),
            venue_address: String::new(),
            starts_at: local(twente_day, 9, 30),
            ends_at: local(twente_day, 15, 0),
            capacity: 60,
            registration_opens_at: None,
            registration_closes_at: None,
            contact_email: "kansrijkopgroeien@example.org".into(),
            status: Status::Concept,
        },
        now,
    )?;
    Ok(true)
}

const FIRST_NAMES: [&str; 24] = [
    "Anouk", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gerard", "Hanneke", "Ilse", "Jeroen",
    "Karin", "Lotte", "Mohamed", "Nadia", "Olga", "Pieter", "Rachida", "Sanne", "Tim", "Ursula",
    "Vera", "Wouter", "Yasmina", "Zeynep",
];
const LAST_NAMES: [&str; 12] = [
    "de Vries",
    "Jansen",
    "Bakker",
    "El Amrani",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Yilmaz",
    "Mulder",
    "de Groot",
    "Bos",
];
const ORGANISATIONS: [(&str, &str); 12] = [
    ("Verloskundigenpraktijk De Wieg", "verloskundige"),
    ("Kraamzorg Het Nest", "kraamzorg"),
    ("JGZ Utrecht", "jeugdgezondheidszorg (JGZ)"),
    ("Buurtteam Overvecht", "buurtteam / sociaal wijkteam"),
    ("Huisartsenpraktijk Kanaleneiland", "huisarts"),
    ("UMC Utrecht, geboortezorg", "gynaecoloog / ziekenhuis"),
    ("GGD regio Utrecht", "GGD"),
    ("Gemeente Utrecht", "gemeente"),
    ("Raedelijn", "jeugdhulp"),
    ("Moeders van Utrecht", "ervaringsdeskundige / ouder"),
    ("Buurtgezinnen", "vrijwilliger"),
    ("Schuldhulpmaatje", "schuldhulpverlening"),
];
const MUNICIPALITIES: [&str; 6] = [
    "Utrecht",
    "Nieuwegein",
    "Zeist",
    "Houten",
    "Amersfoort",
    "De Bilt",
];

/// 46 people for 40 places: most confirmed, a few on the waiting list, one who cancelled
/// (and so moved the first of the waiting list up). Each gets the real mail.
fn register_participants(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference_id: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    let conference =
        db::conferences::find(conn, conference_id)?.ok_or(diesel::result::Error::NotFound)?;
    let insights: Vec<InsightId> = db::insights::list(conn, conference_id)?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let rounds: Vec<ProgrammeItemId> = db::programme::list(conn, conference_id)?
        .into_iter()
        .filter(|i| i.kind() == ItemKind::Round)
        .map(|i| i.id)
        .collect();
    let mut cancel = None;
    for n in 0..46usize {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n * 7 + n / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let (organisation, discipline) = ORGANISATIONS[(n * 5) % ORGANISATIONS.len()];
        // Skewed popularity: the first insights are wanted most.
        let preferences = (0..3)
            .map(|k| insights[(n * (k + 1) + k * k) % insights.len()].clone())
            .fold(Vec::<InsightId>::new(), |mut acc, id| {
                if !acc.contains(&id) {
                    acc.push(id);
                }
                acc
            });
        let attends: Vec<ProgrammeItemId> = if n % 9 == 4 {
            rounds.iter().take(2).cloned().collect()
        } else {
            rounds.clone()
        };
        let email = format!(
            "{}.{}@example.org",
            first.to_lowercase(),
            last.to_lowercase().replace(' ', "")
        );
        let draft = RegistrationDraft {
            name: format!("{first} {last}"),
            email: None,
            organisation: organisation.into(),
            discipline: discipline.into(),
            municipality: MUNICIPALITIES[n % MUNICIPALITIES.len()].into(),
            preferences,
            rounds: attends,
            diet: if n % 6 == 0 {
                "vegetarisch".into()
            } else {
                String::new()
            },
            accessibility: if n == 10 {
                "rolstoeltoegankelijke zaal graag".into()
            } else {
                String::new()
            },
        };
        let lang = if n % 15 == 7 { "en" } else { "nl" };
        let request = flows::registration::Request {
            conference_id: conference.id.clone(),
            email,
            draft,
            lang: lang.into(),
            by: By::Organiser,
        };
        let outcome = flows::registration::register(conn, mailer, &request, now)?;
        if n == 3
            && let Outcome::Done(done) = outcome
            && let Registered::New(r) | Registered::Existing(r) = *done
        {
            cancel = Some(r.id);
        }
    }
    if let Some(id) = cancel {
        let _ = flows::registration::cancel(conn, mailer, &conference.id, &id, now)?;
    }
    Ok(())
}

/// What became of the first conference: its breakout's action points turned into pilots,
/// one in every status, followed for a year with progress and evaluations (one
/// evaluation overdue), one reporting back at the coming conference, and the public
/// overview published.
#[allow(clippy::too_many_arguments)]
fn pilots(
    conn: &mut DbConnection,
    mailer: &Mailer,
    finished: &ConferenceId,
    coming: &ConferenceId,
    lists: &crate::config::ListSettings,
    day: chrono::NaiveDate,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    use crate::domain::pilot::{MoveForm, PilotForm, UpdateForm, UpdateKind};
    use crate::flows::pilot::Lists;
    let round = db::programme::create(
        conn,
        finished,
        &ProgrammeDraft {
            kind: ItemKind::Round,
            title: "Breakoutronde".into(),
            description: String::new(),
            starts_at: local(day, 14, 0),
            ends_at: local(day, 15, 0),
        },
    )?;
    let insight = db::insights::list(conn, finished)?
        .into_iter()
        .next()
        .map(|i| i.id)
        .ok_or(FlowError::Db(DbError::Query(
            diesel::result::Error::NotFound,
        )))?;
    let draft = GroupDraft {
        round,
        insight,
        room: "Zaal 1".into(),
        capacity: 20,
        facilitator_name: "Fatima El Amrani".into(),
        facilitator_email: "f.elamrani@example.org".into(),
    };
    let _ = db::groups::create(conn, finished, &draft, local(day, 12, 0))?;
    let groups: Vec<_> = db::groups::list(conn, finished)?
        .into_iter()
        .map(|g| g.id)
        .collect();
    let lists = Lists {
        action_lines: &lists.action_lines,
        municipalities: &lists.municipalities,
    };
    let line = |k: usize| lists.action_lines.get(k).cloned().unwrap_or_default();
    let ago = |days: i64| now - Duration::days(days);
    let date = |t: NaiveDateTime, days: i64| {
        (flows::pilot::today(t) + Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    // (title, aim, owner, email, organisation, line, municipality, consents, made days
    // ago, first evaluation in days after that)
    type Spec<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        usize,
        &'a str,
        bool,
        i64,
        i64,
    );
    let specs: [Spec; 7] = [
        (
            "Koffieochtend voor zwangeren in de wijk",
            "Aanstaande ouders kennen elkaar voor de bevalling en weten waar ze terecht kunnen.",
            "Sanne Visser",
            "sanne.visser@example.org",
            "Buurtteam Overvecht",
            1,
            "Utrecht",
            true,
            20,
            60,
        ),
        (
            "Eén contactpersoon bij geldzorgen rond de geboorte",
            "Ouders met geldzorgen krijgen hulp zonder van loket naar loket te gaan.",
            "Mohamed Yilmaz",
            "m.yilmaz@example.org",
            "Schuldhulpmaatje",
            4,
            "Nieuwegein",
            false,
            60,
            80,
        ),
        (
            "Warme overdracht van verloskundige naar JGZ",
            "Ouders vertellen hun verhaal één keer; de JGZ weet wat er speelde.",
            "Anouk de Vries",
            "anouk.devries@example.org",
            "Verloskundigenpraktijk De Wieg",
            0,
            "Utrecht",
            true,
            130,
            60,
        ),
        (
            "Ervaringsdeskundige bij het intakegesprek",
            "Moeders voelen zich gezien en durven eerder te zeggen wat ze nodig hebben.",
            "Rachida Bakker",
            "rachida@example.org",
            "Moeders van Utrecht",
            2,
            "Zeist",
            true,
            200,
            90,
        ),
        (
            "Vaderavond in het buurthuis",
            "Aanstaande vaders weten wat er op hen afkomt en waar ze hulp vinden.",
            "Daan Jansen",
            "daan.jansen@example.org",
            "Buurtgezinnen",
            5,
            "Houten",
            true,
            330,
            90,
        ),
        (
            "Wekelijkse inloop bij de huisarts voor jonge ouders",
            "Jonge ouders stellen hun vragen zonder afspraak.",
            "Karin Meijer",
            "k.meijer@example.org",
            "Huisartsenpraktijk Kanaleneiland",
            0,
            "Utrecht",
            false,
            300,
            60,
        ),
        (
            "Samen één sociale kaart per wijk",
            "Professionals verwijzen ouders naar hulp die er echt is.",
            "Pieter de Boer",
            "p.deboer@example.org",
            "Gemeente Utrecht",
            3,
            "Amersfoort",
            true,
            360,
            60,
        ),
    ];
    for (k, (title, aim, owner, email, org, l, municipality, consent, made, first)) in
        specs.into_iter().enumerate()
    {
        let made_at = ago(made);
        let form = PointForm {
            group: groups.first().map(|g| g.to_string()).unwrap_or_default(),
            question: if k % 2 == 0 {
                "together"
            } else {
                "professional"
            }
            .into(),
            text: aim.into(),
            taker_name: owner.into(),
            taker_organisation: org.into(),
            with_whom: String::new(),
            first_step: String::new(),
            key: uuid::Uuid::new_v4().to_string(),
            place: String::new(),
        };
        let point = match flows::capture::add(
            conn,
            finished,
            &groups,
            &form,
            Source::Facilitator,
            local(day, 14, 30),
        )?
        .0
        {
            Ok(c) => c.point.id,
            Err(e) => return Err(demo_refused(format!("{e:?}"))),
        };
        let pilot = PilotForm {
            title: title.into(),
            aim: aim.into(),
            description: String::new(),
            owner_name: owner.into(),
            owner_email: email.into(),
            owner_organisation: org.into(),
            partners: "JGZ Utrecht, Buurtteam".into(),
            action_line: line(l),
            municipality: municipality.into(),
            neighbourhood: String::new(),
            starts_on: date(made_at, 14),
            next_evaluation_on: date(made_at, first),
            show_owner: if consent { "1".into() } else { String::new() },
        };
        let made_by = DEMO_NAME;
        let id = match flows::pilot::create(
            conn,
            mailer,
            Some(finished),
            &[point],
            &pilot,
            &lists,
            made_by,
            made_at,
        )?
        .0
        {
            Ok(id) => id,
            Err(e) => return Err(demo_refused(format!("{e:?}"))),
        };
        let find = |conn: &mut DbConnection| {
            db::pilots::find(conn, &id)?.ok_or(FlowError::Db(DbError::Query(
                diesel::result::Error::NotFound,
            )))
        };
        let step = |conn: &mut DbConnection, to: &str, why: &str, at: NaiveDateTime| {
            let p = find(conn)?;
            let form = MoveForm {
                to: to.into(),
                reason: why.into(),
            };
            flows::pilot::move_status(conn, &p, &form, made_by, at).and_then(refused)
        };
        let progress = |conn: &mut DbConnection, did: &str, at: NaiveDateTime| {
            let p = find(conn)?;
            let form = UpdateForm {
                kind: "voortgang".into(),
                did: did.into(),
                ..UpdateForm::default()
            };
            flows::pilot::post_update(conn, &p, &form, &[UpdateKind::Progress], owner, at)
                .and_then(refused)
        };
        let evaluate = |conn: &mut DbConnection,
                        decision: &str,
                        learned: &str,
                        next: i64,
                        at: NaiveDateTime| {
            let p = find(conn)?;
            let form = UpdateForm {
                kind: "evaluatie".into(),
                expected: "Dat ouders er vaker gebruik van maken.".into(),
                happened: "Een deel van de ouders kwam; anderen wisten het niet te vinden.".into(),
                learned: learned.into(),
                decision: decision.into(),
                next_evaluation_on: if next > 0 {
                    date(at, next)
                } else {
                    String::new()
                },
                ..UpdateForm::default()
            };
            flows::pilot::post_update(conn, &p, &form, &[UpdateKind::Evaluation], owner, at)
                .and_then(refused)
        };
        if k == 0 {
            continue; // idee
        }
        step(
            conn,
            "in-voorbereiding",
            "Partners gevonden en een eerste afspraak gepland.",
            ago(made - 7),
        )?;
        if k == 1 {
            continue;
        }
        step(conn, "lopend", "De eerste ouders doen mee.", ago(made - 14))?;
        progress(
            conn,
            "De eerste drie weken gedraaid; iedereen weet van het plan.",
            ago(made - 30),
        )?;
        match k {
            // Lopend, its evaluation overdue (the date passed without one).
            2 => {}
            3 => {
                evaluate(
                    conn,
                    "bijsturen",
                    "Ouders komen liever op de ochtend dan op de avond.",
                    120,
                    ago(made - first),
                )?;
                step(
                    conn,
                    "evalueren",
                    "Tweede evaluatie: samen met de partners.",
                    ago(10),
                )?;
            }
            4 => {
                evaluate(
                    conn,
                    "doorgaan",
                    "Vaders komen als de verloskundige het persoonlijk noemt.",
                    120,
                    ago(made - first),
                )?;
                step(conn, "evalueren", "Eindevaluatie na een jaar.", ago(40))?;
                step(
                    conn,
                    "afgerond",
                    "Doel bereikt: de avond is vast onderdeel van het buurthuis.",
                    ago(30),
                )?;
            }
            5 => {
                evaluate(
                    conn,
                    "stoppen",
                    "Zonder vaste bezetting valt de inloop steeds uit. Een inloop vraagt een vaste persoon; dat leren we mee naar het volgende plan.",
                    0,
                    ago(made - first),
                )?;
            }
            _ => {
                evaluate(
                    conn,
                    "bijsturen",
                    "De kaart blijft alleen actueel als één persoon hem bijhoudt.",
                    90,
                    ago(made - first),
                )?;
                evaluate(
                    conn,
                    "opschalen",
                    "Met één beheerder werkt het; andere wijken willen hem ook.",
                    0,
                    ago(made - first - 90),
                )?;
            }
        }
        if k == 3 {
            let p = find(conn)?;
            let c = db::conferences::find(conn, coming)?;
            if let Some(c) = c {
                // Mail queued here goes when the server starts (the outbox is woken then).
                let _ = flows::pilot::report_back(conn, mailer, &p, &c, made_by, ago(5))?;
            }
        }
    }
    db::pilots::set_published(conn, true, now)?;
    Ok(())
}

/// A demo step the rules refused: the demo is wrong, so seeding stops and says why.
fn refused<T>(outcome: Result<T, crate::domain::FieldErrors>) -> Result<(), FlowError> {
    outcome
        .map(|_| ())
        .map_err(|e| demo_refused(format!("{e:?}")))
}

fn demo_refused(why: String) -> FlowError {
    FlowError::Db(DbError::Query(diesel::result::Error::QueryBuilderError(
        format!("demo step refused: {why}").into(),
    )))
}

/// The plenary after the breakouts: duplicates merged, a closed vote of three dots each
/// with its ranking kept, and the top three marked to become pilots.
fn vote(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    domains: &Domains,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    let at = now + Duration::minutes(30);
    // The same answer from two groups: the first such pair merged (the others left, so
    // that every insight keeps points under both questions).
    let points = db::action_points::list(conn, conference)?;
    let pair = points.iter().enumerate().find_map(|(k, p)| {
        points[..k]
            .iter()
            .find(|q| q.body == p.body)
            .map(|first| (p.id.clone(), first.id.clone()))
    });
    if let Some((duplicate, first)) = pair {
        let _ = flows::capture::merge(conn, conference, &duplicate, &first, at)?;
    }
    let points = db::action_points::list(conn, conference)?;
    let _ = flows::vote::open(
        conn,
        conference,
        &VoteForm::from_settings(&Default::default()),
        at,
    )?;
    let voters: Vec<_> = db::registrations::list(conn, conference)?
        .into_iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .collect();
    // Every participant's three dots: most on a few favourites, some spread, so the
    // ranking has a clear top and a long tail (a fixed pattern: the demo is the same
    // every time).
    let favourites = [2usize, 5, 0, 7, 3, 9, 1];
    for (i, voter) in voters.iter().enumerate() {
        let mut chosen: Vec<usize> = Vec::new();
        let mut k = i;
        while chosen.len() < 3.min(points.len()) {
            let pick = if k % 3 == 2 {
                (k * 7 + 3) % points.len()
            } else {
                favourites[(k + chosen.len()) % favourites.len()] % points.len()
            };
            if !chosen.contains(&pick) {
                chosen.push(pick);
            }
            k += 1;
        }
        let fields: Vec<(String, String)> = chosen
            .iter()
            .map(|n| (format!("p-{}", points[*n].id), "1".to_owned()))
            .collect();
        let _ = flows::vote::cast(conn, voter, &BallotForm::from_fields(&fields), at)?;
    }
    let _ = flows::vote::close(conn, conference, domains, at + Duration::minutes(10))?;
    let results = db::votes::results(conn, conference)?;
    let mut ranked: Vec<_> = points
        .iter()
        .map(|p| (p, results.get(&p.id).map_or(0, |t| t.dots)))
        .collect();
    ranked.sort_by_key(|(_, dots)| std::cmp::Reverse(*dots));
    for (n, (p, _)) in ranked.iter().enumerate() {
        let status = match n {
            0..=2 => PointStatus::Pilot,
            _ if n + 3 >= ranked.len() => PointStatus::Parked,
            _ => continue,
        };
        flows::vote::set_status(conn, conference, &p.id, status, at)?;
    }
    Ok(())
}

/// Groups in every round: four of the five insights each round (a different one rests),
/// the most wanted one twice in the first round, in four rooms of twelve places.
/// Action points under both questions of every insight, as the facilitators captured
/// them in the breakouts (one from a participant of the group).
fn capture_points(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    const PROFESSIONAL: [(&str, &str, &str); 6] = [
        (
            "Bij de intake standaard vragen wie er in het netwerk van de zwangere staat.",
            "Anouk",
            "Verloskundigenpraktijk De Wieg",
        ),
        (
            "Ouders bij elk huisbezoek wijzen op de ouder-kindgroep in de wijk.",
            "",
            "",
        ),
        (
            "Vragen hoe het met de moeder zelf gaat, niet alleen met het kind.",
            "Petra",
            "JGZ Utrecht",
        ),
        (
            "Geen folder meer meegeven, maar samen met de ouder het buurtteam bellen.",
            "",
            "",
        ),
        (
            "Zelf beginnen over geldzorgen, zodat schaamte niet in de weg zit.",
            "Mohamed",
            "Buurtteam Overvecht",
        ),
        (
            "Na de kraamweek een overdrachtsgesprek met de JGZ-verpleegkundige erbij.",
            "",
            "",
        ),
    ];
    const TOGETHER: [(&str, &str); 6] = [
        (
            "Eén vast aanspreekpunt per wijk voor verloskunde, kraamzorg en JGZ.",
            "huisartsen",
        ),
        (
            "Maandelijks wijkoverleg met huisarts, buurtteam en een ervaringsdeskundige.",
            "",
        ),
        (
            "Samen één sociale kaart bijhouden die wél actueel blijft.",
            "gemeente",
        ),
        (
            "Ervaringsdeskundigen mee laten ontwerpen aan de ouderavonden.",
            "",
        ),
        (
            "Een zwangerschapsgroep in het buurthuis, samen met kraamzorg en JGZ.",
            "welzijnswerk",
        ),
        (
            "Vaders actief uitnodigen: een avond speciaal voor aanstaande vaders.",
            "",
        ),
    ];
    let offer = db::groups::offer(conn, conference)?;
    let groups = db::groups::list(conn, conference)?;
    let ids: Vec<_> = groups.iter().map(|g| g.id.clone()).collect();
    for (k, insight) in offer.insights.iter().enumerate() {
        let Some(group) = groups.iter().find(|g| g.insight_id == insight.id) else {
            continue;
        };
        let mut points = Vec::new();
        for j in 0..2 {
            let (text, name, organisation) = PROFESSIONAL[(k * 2 + j) % PROFESSIONAL.len()];
            points.push(("professional", text, name, organisation, ""));
            let (text, with_whom) = TOGETHER[(k * 2 + j) % TOGETHER.len()];
            points.push(("together", text, "", "", with_whom));
        }
        for (n, (question, text, name, organisation, with_whom)) in points.into_iter().enumerate() {
            let form = PointForm {
                group: group.id.to_string(),
                question: question.into(),
                text: text.into(),
                taker_name: name.into(),
                taker_organisation: organisation.into(),
                with_whom: with_whom.into(),
                first_step: String::new(),
                key: uuid::Uuid::new_v4().to_string(),
                place: String::new(),
            };
            let source = if n == 3 {
                Source::Participant
            } else {
                Source::Facilitator
            };
            let at = now + Duration::minutes((k * 4 + n) as i64);
            let _ = flows::capture::add(conn, conference, &ids, &form, source, at)?;
        }
    }
    Ok(())
}

fn create_groups(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    const FACILITATORS: [(&str, &str); 6] = [
        ("Fatima El Amrani", "f.elamrani@example.org"),
        ("Joris van Dijk", "joris.vandijk@example.org"),
        ("Marieke de Boer", "m.deboer@example.org"),
        ("Sanne Visser", "sanne.visser@example.org"),
        ("Ahmed Yilmaz", "a.yilmaz@example.org"),
        ("Els Janssen", "els.janssen@example.org"),
    ];
    let offer = db::groups::offer(conn, conference)?;
    for (r, round) in offer.rounds.iter().enumerate() {
        let resting = offer.insights.len() - 1 - r % offer.insights.len();
        let mut insights: Vec<&InsightId> = offer
            .insights
            .iter()
            .enumerate()
            .filter(|(n, _)| *n != resting)
            .map(|(_, i)| &i.id)
            .collect();
        if r == 0 {
            insights.truncate(3);
            insights.insert(0, &offer.insights[0].id);
        }
        for (n, insight) in insights.into_iter().enumerate() {
            let (name, email) = FACILITATORS[(r * 4 + n) % FACILITATORS.len()];
            let draft = GroupDraft {
                round: round.id.clone(),
                insight: insight.clone(),
                room: format!("Zaal {}", n + 1),
                capacity: 12,
                facilitator_name: name.into(),
                facilitator_email: email.into(),
            };
            if db::groups::create(conn, conference, &draft, now)?.is_err() {
                return Err(DbError::Query(diesel::result::Error::RollbackTransaction));
            }
        }
    }
    Ok(())
}

fn insight(title: &str, description: &str) -> InsightDraft {
    InsightDraft {
        title: title.into(),
        description: description.into(),
        question_professional: QUESTION_PROFESSIONAL.into(),
        question_together: QUESTION_TOGETHER.into(),
    }
}

fn create(
    conn: &mut DbConnection,
    draft: ConferenceDraft,
    now: NaiveDateTime,
) -> Result<ConferenceId, DbError> {
    match db::conferences::create(conn, &draft, now)? {
        Ok(c) => Ok(c.id),
        Err(_) => Err(DbError::Query(diesel::result::Error::RollbackTransaction)),
    }
}

/// The first Thursday at least `weeks` weeks after `now`, as an Amsterdam date.
fn next_thursday(now: NaiveDateTime, weeks: i64) -> chrono::NaiveDate {
    let mut day = time::to_local(now).date_naive() + Duration::weeks(weeks);
    while day.weekday() != Weekday::Thu {
        day += Duration::days(1);
    }
    day
}

fn local(day: chrono::NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    let t = day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default());
    time::parse_local(&t.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or(t)
}
