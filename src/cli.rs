//! The `werkconf` command line.

use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db::{self, Db};
use crate::domain::account::NewOrganiser;
use crate::i18n::Lang;
use crate::startup::Application;

#[derive(Parser)]
#[command(
    name = "werkconf",
    version,
    about = "Werkconferenties Kansrijke Start plannen en houden"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web application on server.host:server.port.
    Serve {
        /// Fill an empty database with a realistic demo and print a login.
        #[arg(long)]
        demo: bool,
    },
    /// Create an organiser account, or set a new password for an existing one. The
    /// password is read from stdin when stdin is not a terminal.
    CreateOrganiser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Assign participants to breakout groups: JSON in, JSON out (see
    /// shared/assignment-format.md). Exits 2 with one line on stderr when the input is
    /// malformed or no assignment can meet the hard constraints.
    Assign {
        #[arg(long, value_name = "FILE")]
        input: std::path::PathBuf,
        #[arg(long, value_name = "FILE")]
        output: Option<std::path::PathBuf>,
        #[arg(long, value_name = "N")]
        time_limit_ms: Option<u64>,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // The solver needs no configuration or database; keep it independent of both.
    if let Command::Assign {
        input,
        output,
        time_limit_ms,
    } = &cli.command
    {
        return assign(input, output.as_deref(), *time_limit_ms);
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("werkconf: configuratie onjuist: {e:#}");
            return ExitCode::from(2);
        }
    };
    crate::telemetry::init(&settings.log.level);
    let result = match cli.command {
        Command::Serve { demo } => serve(settings, demo),
        Command::CreateOrganiser { email, name } => create_organiser(&settings, &email, &name),
        Command::Assign { .. } => unreachable!("handled before configuration is read"),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("werkconf: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings, demo: bool) -> anyhow::Result<ExitCode> {
    actix_web::rt::System::new().block_on(async move {
        let db = Db::from_settings(&settings.database)?;
        if demo {
            prepare_demo(&db, &settings)?;
        }
        let organisers = db.run_sync(db::organisers::count)?;
        let base_url = settings.base_url().to_owned();
        let app = Application::build_with_db(settings, db)?;
        println!("werkconf draait op {base_url} (poort {})", app.port());
        if organisers == 0 {
            println!(
                "Er is nog geen organisator. Maak er een aan met:\n  \
                 werkconf create-organiser --email naam@organisatie.nl --name \"Naam\""
            );
        }
        app.run_until_stopped().await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Seeds an empty database and gives the demo organiser a fresh password, printed, so the
/// login shown always works.
fn prepare_demo(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    let mailer = crate::flows::Mailer::new(settings, crate::startup::link_key(settings)?);
    let mut conn = db.connection()?;
    let seeded = crate::demo::seed(
        &mut conn,
        &mailer,
        &settings.lists,
        crate::clock::Clock::system().now(),
    )?;
    drop(conn);
    let password = crate::auth::random_token()[..16].to_owned();
    let hash = crate::auth::hash_password(&password)?;
    db.run_sync(|conn| {
        let now = crate::clock::Clock::system().now();
        db::organisers::upsert(
            conn,
            crate::demo::DEMO_EMAIL,
            crate::demo::DEMO_NAME,
            &hash,
            now,
        )
    })?;
    if seeded {
        println!("Demogegevens aangemaakt.");
    }
    println!(
        "Demo-login voor organisatoren: {} / wachtwoord: {password}",
        crate::demo::DEMO_EMAIL
    );
    // The facilitators' links of every published assignment, to open their pages, and
    // the wall of each conference that has groups.
    let (led, walls) = db.run_sync(|conn| {
        let mut led = std::collections::BTreeMap::new();
        let mut walls = Vec::new();
        for conference in db::conferences::list(conn, false)? {
            if !db::groups::list(conn, &conference.id)?.is_empty() {
                walls.push((conference.id.clone(), conference.slug.clone()));
            }
            for g in db::groups::list(conn, &conference.id)? {
                if g.facilitator_token.is_some() {
                    led.entry((conference.id.clone(), g.facilitator_email.to_lowercase()))
                        .or_insert(g.facilitator_name);
                }
            }
        }
        Ok::<_, db::DbError>((led, walls))
    })?;
    for ((conference, email), name) in led {
        println!(
            "Gespreksleider {name} <{email}>: {}",
            mailer.facilitator_link(&conference, &email)
        );
    }
    for (conference, slug) in &walls {
        println!(
            "Wall (scherm in de zaal): {}",
            mailer.wall_link(conference, slug)
        );
    }
    // One participant's own page and ballot, to see the journey from their side.
    let someone = db.run_sync(|conn| {
        let mut found = None;
        for (conference, _) in &walls {
            found = found.or(db::registrations::list(conn, conference)?
                .into_iter()
                .find(|r| {
                    r.status() == crate::domain::registration::RegistrationStatus::Confirmed
                }));
        }
        Ok::<_, db::DbError>(found)
    })?;
    if let Some(r) = someone {
        println!(
            "Deelnemer {} (eigen pagina; stemmen onder /stemmen): {}",
            r.name,
            mailer.manage_link(&r.id)
        );
    }
    // The owner of a running pilot, to post an update as they would.
    let running = db.run_sync(|conn| {
        Ok::<_, db::DbError>(
            db::pilots::list(conn)?
                .into_iter()
                .find(|p| p.status == crate::domain::pilot::PilotStatus::Running),
        )
    })?;
    if let Some(p) = running {
        println!(
            "Pilot-eigenaar {} ({}): {}",
            p.owner_name,
            p.title,
            mailer.pilot_link(&p.id, &p.owner_email)
        );
    }
    if db.run_sync(db::pilots::published)? {
        println!(
            "Openbaar overzicht van de pilots: {}/samen-leren",
            mailer.base_url
        );
    }
    Ok(())
}

fn create_organiser(settings: &Settings, email: &str, name: &str) -> anyhow::Result<ExitCode> {
    let password = read_password()?;
    let account = match NewOrganiser::parse(email, name, &password) {
        Ok(account) => account,
        Err(errors) => {
            for (field, problem) in errors.iter() {
                let field = match *field {
                    "email" => "--email",
                    "name" => "--name",
                    _ => "wachtwoord",
                };
                eprintln!("werkconf: {field}: {}", problem.text(Lang::Nl));
            }
            return Ok(ExitCode::from(2));
        }
    };
    let hash = crate::auth::hash_password(&account.password)?;
    let db = Db::connect(&settings.database.url, 1)?;
    let created = db.run_sync(|conn| {
        let now = crate::clock::Clock::system().now();
        db::organisers::upsert(conn, account.email.as_str(), &account.name, &hash, now)
    })?;
    if created {
        println!("Organisator {} aangemaakt.", account.email.as_str());
    } else {
        println!(
            "Organisator {} bestond al: naam en wachtwoord bijgewerkt.",
            account.email.as_str()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// From a prompt (asked twice) on a terminal, else the first line of stdin.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Wachtwoord: ")?;
        let second = rpassword::prompt_password("Nogmaals: ")?;
        anyhow::ensure!(first == second, "de wachtwoorden verschillen");
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn assign(input: &Path, output: Option<&Path>, time_limit_ms: Option<u64>) -> ExitCode {
    let fail = |line: String| {
        eprintln!("{line}");
        ExitCode::from(2)
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => return fail(format!("cannot read {}: {e}", input.display())),
    };
    let json = match crate::assign::cli::run(&text, time_limit_ms) {
        Ok(json) => json,
        Err(line) => return fail(line),
    };
    match output {
        None => {
            print!("{json}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("cannot write {}: {e}", path.display())),
        },
    }
}
