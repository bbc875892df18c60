//! Builds the application: database, middleware, routes, listener. `main` and the tests
//! start it the same way; tests bind port 0 and ask [`Application::port`].

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use actix_session::SessionMiddleware;
use actix_session::storage::CookieSessionStore;
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{Server, ServerHandle, ServiceRequest, ServiceResponse};
use actix_web::error::{InternalError, UrlencodedError};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers, Next, from_fn};
use actix_web::{App, HttpResponse, HttpServer, web};
use anyhow::Context;

use crate::auth::LoginLimiter;
use crate::cache::PublicCache;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::flows::effects::Effector;
use crate::mail;
use crate::state::AppState;
use crate::views::{Ctx, errors::error_page};

/// Largest form body accepted: generous, so that an over-long field gets a message next
/// to it rather than a refusal of the whole page.
const FORM_LIMIT: usize = 4 * 1024 * 1024;

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    clock: Clock,
    mail_waker: mail::Waker,
    /// None when the caller delivers mail itself (see [`Options::background`]).
    mail_worker: Option<mail::worker::Worker>,
    job_runner: Option<crate::jobs::Runner>,
    jobs: JobDesk,
    transport: mail::transport::Transport,
    mail_settings: crate::config::MailWorkerSettings,
    links: crate::auth::LinkKey,
}

/// Delivers the outbox on demand, as the mail worker would; cheap to clone.
#[derive(Clone)]
pub struct Courier {
    db: Db,
    transport: mail::transport::Transport,
    settings: crate::config::MailWorkerSettings,
    clock: Clock,
}

impl Courier {
    /// Delivers all mail due by the application's clock, now, and returns how many
    /// messages were claimed. Safe beside the background worker (claims are leased).
    pub async fn deliver(&self) -> Result<usize, crate::db::DbError> {
        let courier = self.clone();
        actix_web::rt::task::spawn_blocking(move || {
            mail::worker::deliver_all_due(
                &courier.db,
                &courier.transport,
                &courier.settings,
                &courier.clock,
            )
        })
        .await
        .map_err(|_| crate::db::DbError::Cancelled)?
    }
}

/// Runs due background jobs on demand, as the runner would; cheap to clone.
#[derive(Clone)]
pub struct JobDesk {
    db: Db,
    clock: Clock,
    effector: Effector,
    jobs: crate::jobs::Jobs,
}

impl JobDesk {
    /// Runs every job due by the application's clock, now; returns how many ran.
    pub async fn run_due(&self) -> Result<usize, crate::db::DbError> {
        let desk = self.clone();
        actix_web::rt::task::spawn_blocking(move || {
            desk.jobs.run_due(&desk.db, &desk.clock, &desk.effector)
        })
        .await
        .map_err(|_| crate::db::DbError::Cancelled)?
    }
}

/// How to build the application beyond its settings; the defaults are what `serve` uses.
#[derive(Clone)]
pub struct Options {
    pub clock: Clock,
    /// Deliver mail into this mailbox instead of the configured transport.
    pub mailbox: Option<mail::transport::Mailbox>,
    /// Run the mail worker and the job runner in the background. Without them, nothing is
    /// sent until [`Courier::deliver`] and no job runs until [`JobDesk::run_due`]: tests
    /// move the clock and act on demand.
    pub background: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            clock: Clock::system(),
            mailbox: None,
            background: true,
        }
    }
}

impl Application {
    /// Connects to the database (migrating it) and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        let db = Db::from_settings(&settings.database)?;
        Self::build_with_db(settings, db)
    }

    pub fn build_with_db(settings: Settings, db: Db) -> anyhow::Result<Application> {
        Self::build_with(settings, db, Options::default())
    }

    /// With options of the caller's: tests pass a hand-set clock and a mailbox.
    pub fn build_with(settings: Settings, db: Db, options: Options) -> anyhow::Result<Application> {
        let Options {
            clock,
            mailbox,
            background,
        } = options;
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let listener =
            TcpListener::bind(&address).with_context(|| format!("cannot listen on {address}"))?;
        let port = listener.local_addr()?.port();
        let key = cookie_key(&settings)?;
        let secure = settings.secure_cookies();
        let workers = settings.server.workers;
        let body_timeout =
            std::time::Duration::from_secs(settings.server.body_timeout_seconds.max(1));
        let mail_waker = mail::Waker::new();
        let transport = match mailbox {
            Some(mailbox) => mail::transport::Transport::Memory(mailbox),
            None => mail::transport::Transport::from_settings(&settings.mail)?,
        };
        let mail_settings = settings.mail.worker.clone();
        mail::worker::resume_interrupted(&db, &clock);
        let mail_worker = background
            .then(|| {
                mail::worker::Worker::spawn(
                    db.clone(),
                    transport.clone(),
                    mail_settings.clone(),
                    mail_waker.clone(),
                    clock.clone(),
                )
            })
            .transpose()
            .context("starting the mail worker")?;
        let links = link_key(&settings)?;
        let moved = db
            .run_sync(|conn| crate::db::registrations::hash_plain_tokens(conn, &links))
            .context("storing personal links as hashes")?;
        if moved > 0 {
            tracing::info!("{moved} personal link(s) now stored as a hash");
        }
        let mailer = crate::flows::Mailer::new(&settings, links.clone());
        let cache = Arc::new(PublicCache::default());
        let jobs_waker = mail::Waker::new();
        let hub = crate::live::Hub::new();
        hub.listen_to(&db);
        let (render_db, domains) = (db.clone(), settings.lists.domains.clone());
        hub.render_with(move |event| crate::routes::wall::render(&render_db, &domains, event));
        let effector = Effector::new(
            mail_waker.clone(),
            jobs_waker.clone(),
            cache.clone(),
            hub.clone(),
        );
        let jobs = crate::jobs::Jobs::standard(&mailer, &settings);
        jobs.plan_recurring(&db, clock.now())
            .context("planning the recurring jobs")?;
        let job_runner = background
            .then(|| {
                crate::jobs::Runner::spawn(
                    db.clone(),
                    clock.clone(),
                    effector.clone(),
                    jobs.clone(),
                    jobs_waker.clone(),
                    std::time::Duration::from_secs(60),
                )
            })
            .transpose()
            .context("starting the job runner")?;
        let job_desk = JobDesk {
            db: db.clone(),
            clock: clock.clone(),
            effector: effector.clone(),
            jobs,
        };
        let registrar = crate::flows::registrar::Registrar::spawn(
            db.clone(),
            mailer.clone(),
            clock.clone(),
            effector.clone(),
            cache.clone(),
        )
        .context("starting the registrar")?;
        let state = web::Data::new(AppState {
            db: db.clone(),
            limiter: LoginLimiter::new(
                settings.security.max_login_failures,
                settings.security.login_window_minutes,
            ),
            clock: clock.clone(),
            mailer,
            registrar,
            cache,
            effector,
            hub,
            settings: Arc::new(settings),
        });
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(
                    web::FormConfig::default()
                        .limit(FORM_LIMIT)
                        .error_handler(form_error),
                )
                .app_data(web::PayloadConfig::default().limit(FORM_LIMIT))
                .app_data(web::QueryConfig::default().error_handler(|err, _| {
                    InternalError::from_response(err, HttpResponse::BadRequest().finish()).into()
                }))
                .app_data(web::PathConfig::default().error_handler(|err, _| {
                    InternalError::from_response(err, HttpResponse::NotFound().finish()).into()
                }))
                .wrap(from_fn(crate::routes::access::guard))
                .wrap(from_fn(move |req, next| {
                    body_deadline(req, next, body_timeout)
                }))
                .wrap(ErrorHandlers::new().default_handler(render_error_page))
                .wrap(
                    SessionMiddleware::builder(CookieSessionStore::default(), key.clone())
                        .cookie_name("werkconf_session".to_owned())
                        .cookie_secure(secure)
                        .cookie_http_only(true)
                        .cookie_same_site(SameSite::Lax)
                        .build(),
                )
                .wrap(from_fn(security_headers))
                .wrap(from_fn(log_request))
                .configure(crate::routes::configure)
                .default_service(web::to(crate::routes::not_found))
        })
        .shutdown_timeout(5)
        .listen(listener)?;
        if workers > 0 {
            server = server.workers(workers);
        }
        Ok(Application {
            port,
            server: server.run(),
            db,
            clock,
            mail_waker,
            mail_worker,
            job_runner,
            jobs: job_desk,
            transport,
            mail_settings,
            links,
        })
    }

    /// What personal links are derived from (tests open participants' pages with it).
    pub fn link_key(&self) -> &crate::auth::LinkKey {
        &self.links
    }

    /// Runs due jobs on demand, also after the application was handed to
    /// [`Application::run_until_stopped`].
    pub fn jobs(&self) -> JobDesk {
        self.jobs.clone()
    }

    /// Delivers due mail on demand, also after the application was handed to
    /// [`Application::run_until_stopped`].
    pub fn courier(&self) -> Courier {
        Courier {
            db: self.db.clone(),
            transport: self.transport.clone(),
            settings: self.mail_settings.clone(),
            clock: self.clock.clone(),
        }
    }

    /// The application's clock; a hand-set one moves for the whole application.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn mail_waker(&self) -> &mail::Waker {
        &self.mail_waker
    }

    /// Stops the server from outside, e.g. in a test that restarts the application.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until the server stops, then stops the mail worker after its current message.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let Application {
            server,
            mail_worker,
            job_runner,
            ..
        } = self;
        let result = server.await;
        if let Some(runner) = job_runner {
            let _ = actix_web::rt::task::spawn_blocking(move || drop(runner)).await;
        }
        if let Some(worker) = mail_worker {
            let _ = actix_web::rt::task::spawn_blocking(move || worker.stop()).await;
        }
        result
    }
}

/// Bad form bodies: too large is 413, anything else 400; both get a page in the user's
/// language from [`render_error_page`].
fn form_error(err: UrlencodedError, _: &actix_web::HttpRequest) -> actix_web::Error {
    let status = match err {
        UrlencodedError::Overflow { .. } => HttpResponse::PayloadTooLarge(),
        _ => HttpResponse::BadRequest(),
    }
    .finish();
    InternalError::from_response(err, status).into()
}

/// Gives every error status without a body of its own an HTML page in the user's language.
fn render_error_page<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // Pages and JSON made on purpose pass; bare statuses and plain-text errors get a page.
    let own_body = res
        .response()
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if own_body {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, res) = res.into_parts();
    let ctx = Ctx::from_request(&req);
    let mut page = HttpResponse::build(res.status());
    for (name, value) in res.headers() {
        if name != CONTENT_TYPE {
            page.append_header((name.clone(), value.clone()));
        }
    }
    let page = page
        .content_type("text/html; charset=utf-8")
        .body(error_page(&ctx, res.status()).into_string());
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, page).map_into_right_body(),
    ))
}

/// Headers every response gets: no framing (the action buttons must not be clickjacked),
/// no type sniffing, no full URLs (with tokens) in Referer. (Pages with personal data are
/// kept out of caches by the route table's guard, per audience.)
async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::header::{self, HeaderValue};
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    Ok(res)
}

/// A request body must arrive within `limit`: a client that sends the headers and then
/// stops halfway through its form gets 408 and its connection closed, instead of holding a
/// connection (and a worker's attention) open indefinitely.
async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
    limit: std::time::Duration,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::dev::Payload;
    // GET and HEAD carry no body to wait for.
    if matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    ) {
        return next.call(req).await;
    }
    let body = actix_web::HttpMessage::take_payload(&mut req);
    let limited = Deadline {
        body,
        sleep: Box::pin(actix_web::rt::time::sleep(limit)),
        expired: false,
    };
    req.set_payload(Payload::Stream {
        payload: Box::pin(limited),
    });
    next.call(req).await
}

/// A request body that must arrive before its deadline.
struct Deadline {
    body: actix_web::dev::Payload,
    sleep: std::pin::Pin<Box<actix_web::rt::time::Sleep>>,
    expired: bool,
}

impl futures_util::Stream for Deadline {
    type Item = Result<actix_web::web::Bytes, actix_web::error::PayloadError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        if self.expired {
            return Poll::Ready(None);
        }
        if let Poll::Ready(chunk) = std::pin::Pin::new(&mut self.body).poll_next(cx) {
            return Poll::Ready(chunk);
        }
        if self.sleep.as_mut().poll(cx).is_ready() {
            self.expired = true;
            return Poll::Ready(Some(Err(actix_web::error::PayloadError::Io(
                std::io::Error::new(std::io::ErrorKind::TimedOut, "request body too slow"),
            ))));
        }
        Poll::Pending
    }
}

/// One line per request: method, route pattern (never the path itself, which may hold a
/// personal token), status and duration. No names, no addresses.
async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    // With request lines not logged (log.level "warn" or above), no route lookup either.
    if !tracing::enabled!(target: "werkconf::http", tracing::Level::INFO) {
        return next.call(req).await;
    }
    let start = Instant::now();
    let method = req.method().clone();
    let res = next.call(req).await?;
    let pattern = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "(unmatched)".to_owned());
    tracing::info!(
        target: "werkconf::http",
        "{method} {pattern} {} {:.1}ms",
        res.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(res)
}

/// The key that signs and encrypts session cookies: from configuration, else from the data
/// directory, else newly made and kept there.
fn cookie_key(settings: &Settings) -> anyhow::Result<Key> {
    let bytes = secret_bytes(
        settings,
        "cookie_key",
        &settings.server.cookie_key,
        64,
        || Key::generate().master().to_vec(),
    )?;
    Ok(Key::from(&bytes))
}

/// The key personal links are derived from, found as the cookie key is.
pub fn link_key(settings: &Settings) -> anyhow::Result<crate::auth::LinkKey> {
    let bytes = secret_bytes(settings, "link_key", &settings.server.link_key, 32, || {
        crate::auth::LinkKey::generate().bytes().to_vec()
    })?;
    crate::auth::LinkKey::new(bytes).context("server.link_key is too short")
}

/// A key of at least `min` bytes: `server.<name>` (hex) when set, else the file
/// `data_dir/<name without _key>.key`, else made by `generate` and kept in that file.
fn secret_bytes(
    settings: &Settings,
    name: &str,
    configured: &crate::config::Secret,
    min: usize,
    generate: impl FnOnce() -> Vec<u8>,
) -> anyhow::Result<Vec<u8>> {
    let configured = configured.expose().trim();
    if !configured.is_empty() {
        let bytes = hex::decode(configured).with_context(|| format!("server.{name} is not hex"))?;
        anyhow::ensure!(
            bytes.len() >= min,
            "server.{name} must be at least {min} bytes"
        );
        return Ok(bytes);
    }
    let file = format!("{}.key", name.trim_end_matches("_key"));
    let path = settings.server.data_dir.join(file);
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let bytes =
            hex::decode(text.trim()).with_context(|| format!("{} is not hex", path.display()))?;
        anyhow::ensure!(bytes.len() >= min, "{} is too short", path.display());
        return Ok(bytes);
    }
    let bytes = generate();
    write_secret(&path, &hex::encode(&bytes))?;
    Ok(bytes)
}

fn write_secret(path: &Path, contents: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}
