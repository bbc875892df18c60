//! The one module that knows there are two database engines. Everything else talks to
//! [`Db`] and the query functions in the submodules.

use std::path::Path;

use anyhow::{Context, anyhow, bail};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, Pool, PoolError};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// A multi-row insert. MultiConnection has none, so each engine does its own.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite(c) => {
                diesel::insert_into($table).values($rows).execute(c)
            }
            $crate::db::DbConnection::Postgresql(c) => {
                diesel::insert_into($table).values($rows).execute(c)
            }
        }
    };
}
pub(crate) use insert_many;

pub mod action_points;
pub mod conferences;
pub mod groups;
pub mod insights;
pub mod jobs;
pub mod live;
pub mod organisers;
pub mod outbox;
pub mod pilots;
pub mod placements;
pub mod programme;
pub mod read;
pub mod registrations;
pub mod schema;
pub mod votes;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgresql");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// Which engine a `database.url` names. Chosen from the scheme, never by trial, so a typo
/// in a PostgreSQL URL cannot silently become a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Sqlite(String),
    Postgres(String),
}

impl DbUrl {
    pub fn parse(url: &str) -> anyhow::Result<DbUrl> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() {
            bail!("database.url is empty");
        }
        if path.contains("://") {
            bail!(
                "database.url {url:?}: unknown scheme; use a file path, sqlite:// or postgres://"
            );
        }
        if path == ":memory:" {
            bail!("database.url :memory: would give every connection its own empty database");
        }
        Ok(DbUrl::Sqlite(path.to_owned()))
    }

    pub fn engine(&self) -> Engine {
        match self {
            DbUrl::Sqlite(_) => Engine::Sqlite,
            DbUrl::Postgres(_) => Engine::Postgres,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Manager {
    url: DbUrl,
    /// SQLite's `synchronous` pragma: "NORMAL" or "FULL".
    synchronous: &'static str,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DbUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                // Foreign keys are off unless set per connection; WAL lets readers run
                // beside the writer; the busy timeout queues writers instead of failing.
                conn.batch_execute(&format!(
                    "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                     PRAGMA journal_mode = WAL; PRAGMA synchronous = {};",
                    self.synchronous
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
            DbUrl::Postgres(url) => {
                let mut conn =
                    diesel::PgConnection::establish(url).map_err(r2d2::Error::ConnectionError)?;
                // diesel prepares every statement once per connection, and PostgreSQL then
                // settles on one generic plan. One made while a table was nearly empty
                // (a scan of all rows) would outlive the rush that fills it; planning each
                // execution afresh costs little for statements this simple.
                conn.batch_execute("SET plan_cache_mode = force_custom_plan")
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Postgresql(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection whose transaction state is broken (a failed rollback) is dropped
    /// rather than handed out again.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking()
            || <DbConnection as Connection>::TransactionManager::is_broken_transaction_manager(conn)
    }
}

/// Why a database call failed: no connection to be had, or the query itself.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database connection: {0}")]
    Pool(#[from] PoolError),
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database task was cancelled")]
    Cancelled,
    #[error("cannot connect to the database: {0}")]
    Connect(r2d2::Error),
    #[error("the database did not answer in time")]
    Unavailable,
}

/// A pool of connections to one engine, cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    manager: Manager,
    engine: Engine,
    /// One permit per pooled connection: work waits for a connection here, as a cheap
    /// task, not on a blocking thread of its own (hundreds of requests at once would
    /// otherwise each hold a thread, and its memory, just to wait).
    gate: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Db {
    /// Connects as configured (see `[database]` in config/default.toml).
    pub fn from_settings(settings: &crate::config::DatabaseSettings) -> anyhow::Result<Db> {
        Self::open(
            &settings.url,
            settings.pool_size,
            settings.sqlite_synchronous.pragma(),
        )
    }

    /// Connects, creating the SQLite file's folder when needed, and applies migrations.
    pub fn connect(url: &str, pool_size: u32) -> anyhow::Result<Db> {
        Self::open(url, pool_size, "NORMAL")
    }

    fn open(url: &str, pool_size: u32, synchronous: &'static str) -> anyhow::Result<Db> {
        let url = DbUrl::parse(url)?;
        if let DbUrl::Sqlite(path) = &url
            && let Some(dir) = Path::new(path).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating database folder {}", dir.display()))?;
        }
        let engine = url.engine();
        let manager = Manager { url, synchronous };
        let pool = Pool::builder()
            .max_size(pool_size)
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(manager.clone())
            .map_err(|e| anyhow!("cannot open the database: {e}"))?;
        let db = Db {
            pool,
            manager,
            engine,
            gate: std::sync::Arc::new(tokio::sync::Semaphore::new(pool_size.max(1) as usize)),
        };
        db.migrate()?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    fn migrate(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.get()?;
        let result = match &mut *conn {
            DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
            DbConnection::Postgresql(c) => {
                c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ())
            }
        };
        result.map_err(|e| anyhow!("applying database migrations: {e}"))
    }

    /// Runs blocking database work on the thread pool, off the async workers.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        // Closed never: the semaphore lives as long as the Db.
        let _permit = self
            .gate
            .acquire()
            .await
            .map_err(|_| E::from(DbError::Cancelled))?;
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            f(&mut conn)
        })
        .await
        .map_err(|_| E::from(DbError::Cancelled))?
    }

    /// The same work, for command-line tools and start-up without a runtime.
    pub fn run_sync<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        let mut conn = self.pool.get()?;
        f(&mut conn)
    }

    /// A connection of its own, outside the pool, for a thread that writes all day and
    /// so keeps its cache warm: the registrar, whose statements all find rows by key.
    /// On PostgreSQL its plans stay cached, which keeps the many foreign-key checks of a
    /// batch cheap, and scans are priced out, so that no plan made while a table was nearly
    /// empty scans it once it is full.
    pub fn dedicated_connection(&self) -> Result<DbConnection, DbError> {
        let mut conn = self.manager.connect().map_err(DbError::Connect)?;
        if let DbConnection::Postgresql(c) = &mut conn {
            c.batch_execute("SET plan_cache_mode = auto; SET enable_seqscan = off")?;
        }
        Ok(conn)
    }

    /// One connection from the pool, for start-up work outside the HTTP server.
    pub fn connection(&self) -> Result<diesel::r2d2::PooledConnection<Manager>, DbError> {
        Ok(self.pool.get()?)
    }

    pub async fn ping(&self) -> bool {
        self.run(|c| c.batch_execute("SELECT 1").map_err(DbError::from))
            .await
            .is_ok()
    }
}

static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    static IN_WRITE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

struct ResetOnDrop;

impl Drop for ResetOnDrop {
    fn drop(&mut self) {
        IN_WRITE.set(false);
    }
}

/// A transaction that may read and then write. On SQLite it takes the write lock up front
/// (`BEGIN IMMEDIATE`), so it waits its turn instead of failing with SQLITE_BUSY halfway.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Postgresql(_) => conn.transaction(f),
        DbConnection::Sqlite(inner) => {
            // Queue writers here rather than in SQLite's busy handler, which sleeps in
            // growing steps and so turns a short wait into tens of milliseconds.
            // Nested use is a savepoint, without taking the lock a second time.
            if IN_WRITE.get() {
                return conn.transaction(f);
            }
            let _writer = SQLITE_WRITER.lock().unwrap_or_else(|e| e.into_inner());
            IN_WRITE.set(true);
            let _reset = ResetOnDrop;
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            type Tm = <DbConnection as Connection>::TransactionManager;
            match f(conn) {
                Ok(value) => {
                    Tm::commit_transaction(conn)?;
                    Ok(value)
                }
                Err(e) => {
                    Tm::rollback_transaction(conn)?;
                    Err(e)
                }
            }
        }
    }
}

/// Each table's name with its columns as (name, nullable).
pub type TableColumns = Vec<(String, Vec<(String, bool)>)>;

/// Holds the conference's row lock until the transaction ends, so that everything that
/// counts and changes its places happens one at a time. SQLite's `BEGIN IMMEDIATE` (see
/// [`write_transaction`]) already serialises writers; PostgreSQL needs the row lock.
pub fn lock_conference(
    conn: &mut DbConnection,
    conference_id: &crate::domain::ids::ConferenceId,
) -> Result<(), DbError> {
    if let DbConnection::Postgresql(c) = conn {
        diesel::sql_query("SELECT id FROM conferences WHERE id = $1 FOR NO KEY UPDATE")
            .bind::<diesel::sql_types::Text, _>(conference_id.as_str())
            .execute(c)?;
    }
    Ok(())
}

/// Whether the connection still answers.
pub fn is_alive(conn: &mut DbConnection) -> bool {
    conn.batch_execute("SELECT 1").is_ok()
}

/// Tables and their columns, for comparing the two engines' schemas.
pub fn describe_tables(conn: &mut DbConnection) -> Result<TableColumns, DbError> {
    #[derive(QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table_name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        column_name: String,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        nullable: bool,
    }
    let columns: Vec<Column> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, \
             (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name <> '__diesel_schema_migrations' ORDER BY m.name, p.name",
        )
        .load(c)?,
        DbConnection::Postgresql(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
             (is_nullable = 'YES') AS nullable FROM information_schema.columns \
             WHERE table_schema = current_schema() \
             AND table_name <> '__diesel_schema_migrations' ORDER BY table_name, column_name",
        )
        .load(c)?,
    };
    let mut tables: TableColumns = Vec::new();
    for col in columns {
        match tables.last_mut() {
            Some((name, cols)) if *name == col.table_name => {
                cols.push((col.column_name, col.nullable))
            }
            _ => tables.push((col.table_name, vec![(col.column_name, col.nullable)])),
        }
    }
    Ok(tables)
}

/// Whether an id, slug or token from a URL can name a row at all. Anything else (a NUL
/// byte, which PostgreSQL refuses, or text no key ever has) is simply not found.
pub fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A fresh, time-ordered id for a new row.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// True when the error is a violated unique constraint.
pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
    matches!(
        e,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Creates an empty PostgreSQL database next to the one `server_url` names and returns its
/// URL; tests use it to give every test a database of its own.
pub fn create_postgres_database(server_url: &str, name: &str) -> anyhow::Result<String> {
    anyhow::ensure!(
        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "database name {name:?} must be plain"
    );
    let mut conn = diesel::PgConnection::establish(server_url)
        .with_context(|| "connecting to the PostgreSQL server")?;
    conn.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let (base, query) = match server_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server_url, String::new()),
    };
    let root = match base.rfind('/') {
        Some(i) if i > "postgres://".len() => &base[..i],
        _ => base,
    };
    Ok(format!("{root}/{name}{query}"))
}
