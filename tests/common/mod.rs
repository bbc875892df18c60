//! The test kit shared by the HTTP and browser suites: [`TestApp`] (the real application
//! on a free port, with a fresh database on SQLite or PostgreSQL), a stopped clock and mail
//! delivered on demand into memory ([`spawn_manual_app`]), and one helper per endpoint.
//! Each suite uses a part of it.
#![allow(dead_code)]

pub mod fixtures;

use std::path::PathBuf;

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use werkconf::clock::Clock;
use werkconf::config::Settings;
use werkconf::db::{self, Db};
use werkconf::mail::transport::Mailbox;
use werkconf::startup::{Application, Courier, JobDesk, Options};

pub const PASSWORD: &str = "een lang genoeg wachtwoord";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub data_dir: PathBuf,
    /// The application's clock: hand-set (and movable) in [`spawn_manual_app`].
    pub clock: Clock,
    /// What was delivered, in [`spawn_manual_app`] (empty otherwise).
    pub mailbox: Mailbox,
    courier: Courier,
    jobs: JobDesk,
    links: werkconf::auth::LinkKey,
    /// Where its database is: a second app may be started on it.
    pub database_url: String,
}

/// A database URL for one test: a fresh PostgreSQL database when
/// WERKCONF_TEST_DATABASE_URL is set, else a SQLite file in the test's own folder.
pub fn test_database_url(data_dir: &std::path::Path) -> String {
    match std::env::var("WERKCONF_TEST_DATABASE_URL") {
        Ok(server) if !server.trim().is_empty() => {
            let name = format!("werkconf_test_{}", uuid::Uuid::new_v4().simple());
            db::create_postgres_database(&server, &name).expect("create test database")
        }
        _ => data_dir.join("werkconf.sqlite").display().to_string(),
    }
}

pub fn test_data_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("werkconf-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("create test dir");
    dir
}

pub fn test_settings(data_dir: &std::path::Path) -> Settings {
    let mut settings = Settings::defaults();
    settings.server.port = 0;
    settings.server.workers = 1;
    settings.server.data_dir = data_dir.to_owned();
    settings.database.url = test_database_url(data_dir);
    settings.database.pool_size = 4;
    settings.mail.file_dir = data_dir.join("mail");
    settings
}

/// A test application stated by what matters to the test:
///
/// ```ignore
/// let (app, s) = TestApp::given().stopped_clock().organiser().with_conference(10).await;
/// ```
#[derive(Default)]
pub struct Given {
    stopped: bool,
    organiser: bool,
    settings: Vec<SettingsChange>,
}

/// One change a test makes to the settings.
type SettingsChange = Box<dyn FnOnce(&mut Settings)>;

impl Given {
    /// A hand-set clock, no background worker, mail delivered on demand into memory.
    pub fn stopped_clock(mut self) -> Given {
        self.stopped = true;
        self
    }

    /// An organiser, logged in with the app's own client.
    pub fn organiser(mut self) -> Given {
        self.organiser = true;
        self
    }

    pub fn settings(mut self, change: impl FnOnce(&mut Settings) + 'static) -> Given {
        self.settings.push(Box::new(change));
        self
    }

    pub async fn start(self) -> TestApp {
        let changes = self.settings;
        let change = move |s: &mut Settings| {
            for change in changes {
                change(s);
            }
        };
        let app = if self.stopped {
            spawn_manual_app_with(change).await
        } else {
            spawn_app_with(change).await
        };
        if self.organiser {
            app.login().await;
        }
        app
    }

    /// Started, with an open conference of this many places, three insights and two
    /// rounds.
    pub async fn with_conference(self, places: i32) -> (TestApp, fixtures::Seeded) {
        let app = self.start().await;
        let seeded =
            fixtures::seed_conference(&app, places, werkconf::domain::conference::Status::Open)
                .await;
        (app, seeded)
    }
}

impl TestApp {
    /// The start of a [`Given`].
    pub fn given() -> Given {
        Given::default()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    spawn(change, Options::default()).await
}

/// An application whose clock stands still until the test moves it, and whose mail stays
/// in the outbox until [`TestApp::deliver_mail`] delivers it into [`TestApp::mailbox`]:
/// no background worker, so nothing happens behind the test's back.
pub async fn spawn_manual_app() -> TestApp {
    spawn_manual_app_with(|_| {}).await
}

/// [`spawn_manual_app`] with settings of the test's; with `mail.transport = "smtp"` mail
/// goes to the configured server (when delivered on demand) instead of the mailbox.
pub async fn spawn_manual_app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let data_dir = test_data_dir();
    let mut settings = test_settings(&data_dir);
    change(&mut settings);
    let smtp = settings.mail.transport == werkconf::config::TransportKind::Smtp;
    spawn_in(
        data_dir,
        settings,
        Options {
            clock: Clock::manual(Clock::system().now()),
            mailbox: (!smtp).then(Mailbox::default),
            background: false,
        },
    )
    .await
}

async fn spawn(change: impl FnOnce(&mut Settings), options: Options) -> TestApp {
    let data_dir = test_data_dir();
    let mut settings = test_settings(&data_dir);
    change(&mut settings);
    spawn_in(data_dir, settings, options).await
}

async fn spawn_in(data_dir: PathBuf, settings: Settings, options: Options) -> TestApp {
    let mailbox = options.mailbox.clone().unwrap_or_default();
    let database_url = settings.database.url.clone();
    let db = Db::from_settings(&settings.database).expect("database");
    let app = Application::build_with(settings, db, options).expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    let clock = app.clock().clone();
    let courier = app.courier();
    let jobs = app.jobs();
    let links = app.link_key().clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    TestApp {
        address,
        client,
        db,
        data_dir,
        clock,
        mailbox,
        courier,
        jobs,
        links,
        database_url,
    }
}

/// What a form page says, with its token ready for the next post.
pub struct Page {
    pub status: StatusCode,
    pub body: String,
}

impl Page {
    pub fn csrf(&self) -> String {
        csrf_in(&self.body).expect("page has a csrf field")
    }
}

pub fn csrf_in(body: &str) -> Option<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

impl TestApp {
    /// The same server and database seen from another browser, with cookies of its own.
    /// It does not remove the data folder when dropped.
    pub fn another_browser(&self) -> TestApp {
        TestApp {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .redirect(Policy::none())
                .cookie_store(true)
                .build()
                .expect("client"),
            db: self.db.clone(),
            data_dir: std::path::PathBuf::new(),
            clock: self.clock.clone(),
            mailbox: self.mailbox.clone(),
            courier: self.courier.clone(),
            jobs: self.jobs.clone(),
            links: self.links.clone(),
            database_url: self.database_url.clone(),
        }
    }

    /// What personal links are derived from.
    pub fn link_key(&self) -> &werkconf::auth::LinkKey {
        &self.links
    }

    /// The token of a registration's personal link (`/r/{token}`); the database keeps
    /// only its hash.
    pub fn token_of(&self, r: &werkconf::db::registrations::Registration) -> String {
        self.links.registration_token(&r.id)
    }

    /// Runs every background job due by the application's clock; returns how many ran.
    pub async fn run_due_jobs(&self) -> usize {
        self.jobs.run_due().await.expect("run jobs")
    }

    /// Delivers all mail that is due by the application's clock; returns how many.
    pub async fn deliver_mail(&self) -> usize {
        self.courier.deliver().await.expect("deliver mail")
    }

    /// The outbox, oldest first, as (kind, recipient).
    pub async fn outbox(&self) -> Vec<(String, String)> {
        let mut rows = self
            .db
            .run(|c| db::outbox::list_recent(c, None, None, 10_000, 0))
            .await
            .expect("outbox");
        rows.reverse();
        rows.into_iter().map(|m| (m.kind, m.recipient)).collect()
    }

    /// How many messages of this kind the outbox holds.
    pub async fn outbox_count(&self, kind: &str) -> usize {
        self.outbox()
            .await
            .iter()
            .filter(|(k, _)| k == kind)
            .count()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self.client.get(self.url(path)).send().await.expect("GET");
        Page {
            status: res.status(),
            body: res.text().await.expect("body"),
        }
    }

    pub async fn get_raw(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Posts a form with the given fields plus the session's CSRF token taken from
    /// `token_from` (a page with a form).
    pub async fn post(
        &self,
        path: &str,
        token_from: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.get(token_from).await.csrf();
        self.post_with_token(path, &token, fields).await
    }

    pub async fn post_with_token(
        &self,
        path: &str,
        token: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", token)];
        form.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .expect("POST")
    }

    pub async fn create_organiser(&self, email: &str) {
        let hash = werkconf::auth::hash_password(PASSWORD).unwrap();
        let email = email.to_owned();
        self.db
            .run(move |conn| {
                db::organisers::upsert(
                    conn,
                    &email,
                    "Eline Dekker",
                    &hash,
                    werkconf::clock::Clock::system().now(),
                )
            })
            .await
            .expect("create organiser");
    }

    /// Creates an organiser and logs in as them.
    pub async fn login(&self) {
        self.create_organiser("eline@example.org").await;
        let res = self
            .post(
                "/login",
                "/login",
                &[
                    ("email", "eline@example.org"),
                    ("password", PASSWORD),
                    ("next", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "login failed");
    }

    /// Creates a conference through the form; returns its admin path.
    pub async fn create_conference(&self, fields: &[(&str, &str)]) -> String {
        let mut all = conference_fields();
        for (k, v) in fields {
            if let Some(slot) = all.iter_mut().find(|(key, _)| key == k) {
                slot.1 = v;
            }
        }
        let res = self
            .post(
                "/beheer/conferenties/nieuw",
                "/beheer/conferenties/nieuw",
                &all,
            )
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "create conference");
        res.headers()["location"].to_str().unwrap().to_owned()
    }
}

/// A valid conference form. Dates lie in 2083: far enough ahead that registration stays
/// open for decades of test runs, with the same weekdays as 2027.
pub fn conference_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("title", "Werkconferentie Kansrijke Start regio Utrecht"),
        ("slug", ""),
        (
            "description",
            "Samen werken aan een kansrijke start.\n\nTweede alinea.",
        ),
        ("venue_name", "Stadskantoor Utrecht"),
        ("venue_address", "Stadsplateau 1\n3521 AZ Utrecht"),
        ("starts_at", "2083-03-11T09:00"),
        ("ends_at", "2083-03-11T16:30"),
        ("capacity", "120"),
        ("registration_opens_at", "2083-01-10T09:00"),
        ("registration_closes_at", "2083-03-04T23:59"),
        ("contact_email", "kansrijkestart@example.org"),
        ("status", "open"),
    ]
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if self.data_dir.as_os_str().is_empty() {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}
