//! The outbox end to end: mail queued in a transaction is delivered, through the file
//! transport and through a real SMTP server (mailin-embedded, in a child process so a test
//! can stop it as abruptly as a real outage). The application's clock stands still and
//! mail goes out when the test delivers it, so a retry happens when the test moves the
//! clock past its backoff, never by waiting.

use std::io::BufRead;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use actix_web::dev::ServerHandle;
use chrono::NaiveDate;
use werkconf::calendar::{self, Method, Party};
use werkconf::clock::Clock;
use werkconf::config::Settings;
use werkconf::db::outbox::{Status, Summary};
use werkconf::db::{self, Db, DbError, write_transaction};
use werkconf::domain::ids::MessageId;
use werkconf::mail::outbox::EnqueueError;
use werkconf::mail::{self, Email};
use werkconf::startup::{Application, Courier, Options};

use crate::common::{test_data_dir, test_settings};

const FROM: &str = "Werkconf <noreply@werkconf.example.org>";

/// Past every backoff of [`fast_worker`].
fn after_backoff() -> chrono::Duration {
    chrono::Duration::seconds(1)
}

struct Running {
    db: Db,
    clock: Clock,
    courier: Courier,
    handle: ServerHandle,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The application on a stopped clock, without a background worker.
    async fn start(settings: Settings) -> Running {
        Running::start_at(settings, Clock::manual(Clock::system().now())).await
    }

    async fn start_at(settings: Settings, clock: Clock) -> Running {
        let db = Db::from_settings(&settings.database).expect("database");
        let options = Options {
            clock,
            mailbox: None,
            background: false,
        };
        let app = Application::build_with(settings, db, options).expect("build app");
        let db = app.db().clone();
        let clock = app.clock().clone();
        let courier = app.courier();
        let handle = app.handle();
        let task = tokio::spawn(app.run_until_stopped());
        Running {
            db,
            clock,
            courier,
            handle,
            task,
        }
    }

    /// Stops the server.
    async fn stop(self) {
        self.handle.stop(true).await;
        self.task.await.expect("app task").expect("app stopped");
    }

    /// Delivers what is due now; returns how many messages were tried.
    async fn deliver(&self) -> usize {
        self.courier.deliver().await.expect("deliver")
    }

    /// Moves the clock past any backoff, then delivers.
    async fn deliver_later(&self) -> usize {
        self.clock.advance(after_backoff());
        self.deliver().await
    }

    /// Queues `email` in a transaction of its own, as a flow would.
    async fn enqueue(&self, email: Email) -> MessageId {
        self.enqueue_as(email, "confirmation", Some("batch-1"))
            .await
    }

    async fn enqueue_as(
        &self,
        email: Email,
        kind: &'static str,
        batch: Option<&'static str>,
    ) -> MessageId {
        let now = self.clock.now();
        self.db
            .run(move |c| {
                Ok::<_, DbError>(write_transaction(c, |c| {
                    mail::enqueue(c, FROM, &email, kind, None, batch, now)
                }))
            })
            .await
            .expect("database")
            .expect("enqueue")
    }

    async fn message(&self, id: &MessageId) -> Summary {
        let id = id.to_owned();
        self.db
            .run(move |c| db::outbox::find(c, &id))
            .await
            .expect("database")
            .expect("message exists")
    }

    async fn raw(&self, id: &MessageId) -> String {
        let id = id.to_owned();
        self.db
            .run(move |c| db::outbox::raw(c, &id))
            .await
            .expect("database")
            .expect("message exists")
    }
}

fn fast_worker(settings: &mut Settings) {
    settings.mail.worker.poll_interval_ms = 50;
    settings.mail.worker.backoff_base_seconds = 0.1;
    settings.mail.worker.backoff_max_seconds = 0.4;
    settings.mail.worker.max_attempts = 1000;
}

fn smtp_settings(data_dir: &Path, port: u16) -> Settings {
    let mut settings = test_settings(data_dir);
    fast_worker(&mut settings);
    settings.mail.transport = werkconf::config::TransportKind::Smtp;
    settings.mail.smtp.host = "127.0.0.1".into();
    settings.mail.smtp.port = port;
    settings.mail.smtp.tls = werkconf::config::Tls::None;
    settings.mail.smtp.timeout_seconds = 5;
    settings
}

fn confirmation(to_email: &str) -> Email {
    let utc = |h| {
        NaiveDate::from_ymd_opt(2083, 3, 11)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let event = calendar::Event {
        uid: format!("{}@werkconf.example.org", uuid::Uuid::new_v4()),
        sequence: 0,
        summary: "Werkconferentie Kansrijke Start regio Utrecht".into(),
        description: "Beheer je aanmelding: https://werkconf.example.org/r/abc".into(),
        location: "Stadskantoor Utrecht, Stadsplateau 1".into(),
        starts_at: utc(8),
        ends_at: utc(15),
        url: None,
        status_cancelled: false,
    };
    let organizer = Party {
        name: "Werkgroep Kansrijke Start".into(),
        email: "kansrijkestart@example.org".into(),
    };
    let attendee = Party {
        name: "Anouk de Vries".into(),
        email: to_email.into(),
    };
    let stamp = utc(7);
    Email {
        to_name: "Anouk de Vries".into(),
        to_email: to_email.into(),
        reply_to: Some("kansrijkestart@example.org".into()),
        subject: "Je aanmelding is bevestigd".into(),
        text: "Beste Anouk,\n\nJe bent aangemeld.".into(),
        html: "<p>Beste Anouk,</p><p>Je bent aangemeld.</p>".into(),
        calendar: Some((
            Method::Request,
            calendar::invite(Method::Request, &event, &organizer, &attendee, stamp),
        )),
    }
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    files.sort();
    files
}

fn message_id(raw: &str) -> String {
    mail::message::header_value(raw, "Message-ID").expect("Message-ID header")
}

#[tokio::test]
async fn queued_mail_is_written_as_eml_with_text_html_and_invite() {
    let dir = test_data_dir();
    let mut settings = test_settings(&dir);
    fast_worker(&mut settings);
    let mail_dir = settings.mail.file_dir.clone();
    let app = Running::start(settings).await;

    let id = app.enqueue(confirmation("anouk@example.org")).await;
    assert_eq!(app.deliver().await, 1);
    let sent = app.message(&id).await;
    assert_eq!(sent.status, Status::Sent);
    assert_eq!(sent.attempts, 1);
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.kind, "confirmation");
    assert_eq!(sent.batch.as_deref(), Some("batch-1"));

    let path = mail_dir.join(format!("{id}.eml"));
    let file = std::fs::read_to_string(&path).expect("the .eml file");
    assert_eq!(file, app.raw(&id).await, "the file is the stored message");
    assert_eq!(eml_files(&mail_dir), vec![path]);
    for part in [
        "Content-Type: multipart/mixed",
        "Content-Type: multipart/alternative",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/html; charset=utf-8",
        "Content-Type: text/calendar; method=REQUEST; charset=utf-8",
        "Content-Type: application/ics",
        "filename=\"invite.ics\"",
    ] {
        assert!(
            file.to_lowercase().contains(&part.to_lowercase()),
            "missing {part:?} in\n{file}"
        );
    }
    assert!(file.contains("Reply-To: kansrijkestart@example.org"));
    assert!(file.contains("To: \"Anouk de Vries\" <anouk@example.org>"));
    assert!(message_id(&file).ends_with("@werkconf.example.org>"));

    let counts = app
        .db
        .run(|c| mail::outbox::batch_counts(c, "batch-1"))
        .await
        .unwrap();
    assert_eq!((counts.sent, counts.total()), (1, 1));
    app.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn mail_of_a_rolled_back_transaction_is_never_sent() {
    let dir = test_data_dir();
    let mut settings = test_settings(&dir);
    fast_worker(&mut settings);
    let mail_dir = settings.mail.file_dir.clone();
    let app = Running::start(settings).await;

    let email = confirmation("rolled-back@example.org");
    let result = app
        .db
        .run(move |c| {
            Ok::<_, DbError>(write_transaction(c, |c| {
                mail::enqueue(
                    c,
                    FROM,
                    &email,
                    "confirmation",
                    None,
                    None,
                    werkconf::clock::Clock::system().now(),
                )?;
                // The change that caused the mail fails after it was queued.
                Err::<(), _>(EnqueueError::Db(DbError::Cancelled))
            }))
        })
        .await
        .unwrap();
    assert!(result.is_err());
    assert_eq!(app.deliver().await, 0, "nothing to send");

    // A later, committed message goes out, and only it.
    let id = app.enqueue(confirmation("committed@example.org")).await;
    assert_eq!(app.deliver().await, 1);
    assert_eq!(app.message(&id).await.status, Status::Sent);
    let all = app
        .db
        .run(|c| mail::outbox::list_recent(c, None, None, 100, 0))
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].recipient, "committed@example.org");
    assert_eq!(eml_files(&mail_dir).len(), 1);
    app.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn with_smtp_down_mail_waits_and_is_delivered_once_when_it_is_back() {
    let dir = test_data_dir();
    let port = free_port();
    let app = Running::start(smtp_settings(&dir, port)).await;

    let id = app.enqueue(confirmation("anouk@example.org")).await;
    assert_eq!(app.deliver().await, 1, "tried, and failed: no server");
    assert_eq!(app.deliver().await, 0, "not again before its backoff");
    assert_eq!(app.deliver_later().await, 1);
    let waiting = app.message(&id).await;
    assert_eq!(waiting.attempts, 2);
    assert_eq!(waiting.status, Status::Retrying, "{waiting:?}");
    let error = waiting.last_error.expect("the error is recorded");
    assert!(!error.contains('@'), "no addresses in {error:?}");

    let smtp = SmtpServer::start(port, &dir.join("received"));
    assert_eq!(app.deliver_later().await, 1);
    let sent = app.message(&id).await;
    assert_eq!((sent.status, sent.attempts), (Status::Sent, 3));

    // A second message goes out too; the first arrived once.
    let later = app.enqueue(confirmation("bram@example.org")).await;
    assert_eq!(app.deliver().await, 1);
    assert_eq!(app.message(&later).await.status, Status::Sent);
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    let first = message_id(&app.raw(&id).await);
    assert_eq!(
        received.iter().filter(|m| message_id(m) == first).count(),
        1,
        "delivered exactly once"
    );
    assert!(received[0].contains("text/calendar; method=REQUEST"));

    // Stopped again: the next message waits, then goes out once the server is back.
    drop(smtp);
    let third = app.enqueue(confirmation("carla@example.org")).await;
    assert_eq!(app.deliver().await, 1);
    assert_eq!(app.message(&third).await.status, Status::Retrying);
    let smtp = SmtpServer::start(port, &dir.join("received-again"));
    assert_eq!(app.deliver_later().await, 1);
    assert_eq!(app.message(&third).await.status, Status::Sent);
    assert_eq!(smtp.received().len(), 1);

    app.stop().await;
    drop(smtp);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn pending_mail_is_delivered_after_a_restart_of_werkconf() {
    let dir = test_data_dir();
    let port = free_port();
    let settings = smtp_settings(&dir, port);
    let clock = Clock::manual(Clock::system().now());
    let first = Running::start_at(settings.clone(), clock.clone()).await;
    let waiting = first.enqueue(confirmation("anouk@example.org")).await;
    assert_eq!(first.deliver().await, 1, "tried, and failed: no server");
    assert_eq!(first.message(&waiting).await.attempts, 1);
    let db = first.db.clone();
    let interrupted = first
        .enqueue_as(confirmation("bram@example.org"), "update", None)
        .await;
    first.stop().await;

    // Both claimed by a worker that then died, before it recorded anything.
    let later = clock.now() + chrono::Duration::minutes(1);
    let far = clock.now() + chrono::Duration::hours(1);
    let claimed = db
        .run(move |c| db::outbox::claim_due(c, later, far, 10))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2, "both were due");

    let smtp = SmtpServer::start(port, &dir.join("received"));
    let second = Running::start_at(settings, clock).await;
    assert_eq!(
        second.deliver_later().await,
        2,
        "both go out again after the restart"
    );
    for id in [&waiting, &interrupted] {
        assert_eq!(second.message(id).await.status, Status::Sent);
    }
    let received = smtp.received();
    let mut ids: Vec<String> = received.iter().map(|m| message_id(m)).collect();
    ids.sort();
    let mut expected = vec![
        message_id(&second.raw(&waiting).await),
        message_id(&second.raw(&interrupted).await),
    ];
    expected.sort();
    assert_eq!(ids, expected, "each delivered once");
    second.stop().await;
    drop(smtp);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn failed_mail_can_be_retried_by_an_organiser() {
    let dir = test_data_dir();
    let port = free_port();
    let mut settings = smtp_settings(&dir, port);
    settings.mail.worker.max_attempts = 2;
    let app = Running::start(settings).await;

    let id = app.enqueue(confirmation("anouk@example.org")).await;
    assert_eq!(app.deliver().await, 1);
    assert_eq!(app.deliver_later().await, 1);
    let failed = app.message(&id).await;
    assert_eq!((failed.status, failed.attempts), (Status::Failed, 2));
    assert_eq!(app.deliver_later().await, 0, "given up");
    let counts = app.db.run(|c| mail::outbox::counts(c, None)).await.unwrap();
    assert_eq!(counts.failed, 1);

    let smtp = SmtpServer::start(port, &dir.join("received"));
    let retry_id = id.clone();
    let now = app.clock.now();
    let retried = app
        .db
        .run(move |c| mail::outbox::retry(c, &retry_id, now))
        .await
        .unwrap();
    assert!(retried);
    assert_eq!(app.deliver().await, 1);
    assert_eq!(app.message(&id).await.status, Status::Sent);
    assert_eq!(smtp.received().len(), 1);
    let again = id.clone();
    let retried_twice = app
        .db
        .run(move |c| mail::outbox::retry(c, &again, now))
        .await
        .unwrap();
    assert!(!retried_twice, "a sent message is not retried");
    app.stop().await;
    drop(smtp);
    let _ = std::fs::remove_dir_all(dir);
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .unwrap()
        .port()
}

/// mailin-embedded serving on a port, run by this test binary in a child process: the
/// library has no way to stop serving, and killing the process is a real outage.
struct SmtpServer {
    child: Child,
    dir: PathBuf,
}

const SMTP_PORT_VAR: &str = "WERKCONF_TEST_SMTP_PORT";
const SMTP_DIR_VAR: &str = "WERKCONF_TEST_SMTP_DIR";

impl SmtpServer {
    /// Starts the server and returns once it listens: the child says so on its output.
    fn start(port: u16, dir: &Path) -> SmtpServer {
        std::fs::create_dir_all(dir).unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "api::mail::smtp_server_process",
                "--ignored",
                "--nocapture",
            ])
            .env(SMTP_PORT_VAR, port.to_string())
            .env(SMTP_DIR_VAR, dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let output = child.stdout.take().expect("the child's output");
        let listening = std::io::BufReader::new(output)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains(READY));
        assert!(listening, "the SMTP server did not start");
        SmtpServer {
            child,
            dir: dir.to_owned(),
        }
    }

    /// The messages it accepted so far. The server writes a message before it answers the
    /// end of its data, so once a delivery returned, its message is here.
    fn received(&self) -> Vec<String> {
        eml_files(&self.dir)
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    }
}

/// What the SMTP server process prints once it listens.
const READY: &str = "werkconf-test-smtp-ready";

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Not a test: the body of the child process [`SmtpServer`] starts.
#[test]
#[ignore = "run by the SMTP tests as their server process"]
fn smtp_server_process() {
    let (Ok(port), Ok(dir)) = (std::env::var(SMTP_PORT_VAR), std::env::var(SMTP_DIR_VAR)) else {
        return;
    };
    let mut server = mailin_embedded::Server::new(Inbox {
        dir: PathBuf::from(dir),
        data: Vec::new(),
    });
    let listener = TcpListener::bind(("127.0.0.1", port.parse::<u16>().unwrap())).unwrap();
    server
        .with_name("smtp.test")
        .with_num_threads(2)
        .with_tcp_listener(listener);
    println!("{READY}");
    server.serve().unwrap();
}

/// Keeps every received message as a file, written whole before it is visible.
#[derive(Clone)]
struct Inbox {
    dir: PathBuf,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for Inbox {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> mailin_embedded::Response {
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let name = uuid::Uuid::now_v7().to_string();
        let tmp = self.dir.join(format!("{name}.tmp"));
        let written = std::fs::write(&tmp, &self.data)
            .and_then(|_| std::fs::rename(&tmp, self.dir.join(format!("{name}.eml"))));
        match written {
            Ok(()) => mailin_embedded::response::OK,
            Err(_) => mailin_embedded::response::INTERNAL_ERROR,
        }
    }
}

#[test]
fn two_workers_never_claim_the_same_message() {
    let dir = test_data_dir();
    let settings = test_settings(&dir);
    let db = Db::connect(&settings.database.url, 4).unwrap();
    for i in 0..40 {
        let email = confirmation(&format!("deelnemer{i}@example.org"));
        db.run_sync(|c| {
            Ok(write_transaction(c, |c| {
                mail::enqueue(
                    c,
                    FROM,
                    &email,
                    "broadcast",
                    None,
                    Some("b"),
                    werkconf::clock::Clock::system().now(),
                )
            }))
        })
        .unwrap()
        .unwrap();
    }
    let claim_all = |db: Db| {
        std::thread::spawn(move || {
            let mut ids = Vec::new();
            loop {
                let now = werkconf::clock::Clock::system().now();
                let lease = now + chrono::Duration::hours(1);
                let batch = db
                    .run_sync(|c| db::outbox::claim_due(c, now, lease, 3))
                    .unwrap();
                if batch.is_empty() {
                    return ids;
                }
                ids.extend(batch.into_iter().map(|m| m.id));
            }
        })
    };
    let a = claim_all(db.clone());
    let b = claim_all(db.clone());
    let mut all = a.join().unwrap();
    all.extend(b.join().unwrap());
    let claimed = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), claimed, "a message was claimed twice");
    assert_eq!(claimed, 40);
    let counts = db.run_sync(|c| mail::outbox::batch_counts(c, "b")).unwrap();
    assert_eq!(counts.sending, 40);
    let _ = std::fs::remove_dir_all(dir);
}
