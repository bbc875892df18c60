//! Layered settings: built-in defaults, `config/default.toml`, `config/local.toml`, then
//! `WERKCONF__SECTION__KEY` environment variables.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub log: LogSettings,
    pub security: SecuritySettings,
    pub lists: ListSettings,
    #[serde(default)]
    pub pilots: PilotSettings,
}

/// Following pilots.
#[derive(Debug, Clone, Deserialize)]
pub struct PilotSettings {
    /// The owner is reminded this many days before an evaluation.
    pub reminder_days_before: i64,
}

impl Default for PilotSettings {
    fn default() -> Self {
        PilotSettings {
            reminder_days_before: 7,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub base_url: String,
    pub data_dir: PathBuf,
    pub cookie_key: Secret,
    /// The key personal links are derived from (hex, at least 32 bytes); empty: made and
    /// kept in `data_dir/link.key`.
    #[serde(default)]
    pub link_key: Secret,
    pub workers: usize,
    /// The request header a trusted reverse proxy puts the client's address in; empty
    /// when werkconf faces the clients itself.
    #[serde(default)]
    pub client_address_header: String,
    /// How long a request body may take to arrive, in seconds.
    #[serde(default = "default_body_timeout")]
    pub body_timeout_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub sqlite_synchronous: Synchronous,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    pub transport: TransportKind,
    pub file_dir: PathBuf,
    pub from: String,
    pub smtp: SmtpSettings,
    pub worker: MailWorkerSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub user: String,
    pub password: Secret,
    pub timeout_seconds: u64,
    pub pool_size: u32,
}

/// How outgoing mail leaves (`mail.transport`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    /// Each message as an `.eml` file in `mail.file_dir`.
    File,
    Smtp,
}

/// How the SMTP connection is secured (`mail.smtp.tls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tls {
    None,
    Starttls,
    Tls,
}

/// SQLite's `synchronous` pragma (`database.sqlite_synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    #[serde(alias = "NORMAL")]
    Normal,
    #[serde(alias = "FULL")]
    Full,
}

impl Synchronous {
    pub fn pragma(self) -> &'static str {
        match self {
            Synchronous::Normal => "NORMAL",
            Synchronous::Full => "FULL",
        }
    }
}

/// A secret from configuration (the cookie key, the SMTP password): never printed, also
/// not when the settings are logged or shown in an error.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_empty() {
            "Secret(empty)"
        } else {
            "Secret(***)"
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailWorkerSettings {
    pub poll_interval_ms: u64,
    pub max_attempts: u32,
    pub backoff_base_seconds: f64,
    pub backoff_max_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub level: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    pub max_login_failures: u32,
    pub login_window_minutes: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListSettings {
    pub disciplines: Vec<String>,
    pub municipalities: Vec<String>,
    /// Which disciplines count as which domain in the vote's breakdown.
    #[serde(default)]
    pub domains: crate::domain::vote::Domains,
    /// The policy lines (actielijnen) a pilot serves.
    #[serde(default)]
    pub action_lines: Vec<String>,
}

impl Settings {
    /// Reads the layers relative to the working directory.
    pub fn load() -> anyhow::Result<Settings> {
        Self::load_from(Path::new("config"))
    }

    pub fn load_from(dir: &Path) -> anyhow::Result<Settings> {
        use config::{Config, Environment, File, FileFormat};
        let settings: Settings = Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .add_source(File::from(dir.join("default.toml")).required(false))
            .add_source(File::from(dir.join("local.toml")).required(false))
            .add_source(
                Environment::with_prefix("WERKCONF")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true)
                    .list_separator(",")
                    .with_list_parse_key("lists.disciplines")
                    .with_list_parse_key("lists.municipalities")
                    .with_list_parse_key("lists.action_lines"),
            )
            .build()
            .context("reading configuration")?
            .try_deserialize()
            .context("configuration has a wrong or missing value")?;
        settings.check()?;
        Ok(settings)
    }

    /// Defaults only, for tests and tools that must not read the environment.
    pub fn defaults() -> Settings {
        use config::{Config, File, FileFormat};
        Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .build()
            .and_then(|c| c.try_deserialize())
            .expect("built-in defaults are valid")
    }

    fn check(&self) -> anyhow::Result<()> {
        let worker = &self.mail.worker;
        if worker.max_attempts == 0 || worker.poll_interval_ms == 0 {
            bail!("mail.worker.max_attempts and poll_interval_ms must be at least 1");
        }
        if !(worker.backoff_base_seconds >= 0.0
            && worker.backoff_max_seconds >= worker.backoff_base_seconds)
        {
            bail!("mail.worker: need 0 <= backoff_base_seconds <= backoff_max_seconds");
        }
        self.mail
            .from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| {
                anyhow::anyhow!("mail.from {:?} is not a valid address: {e}", self.mail.from)
            })?;
        if self.database.pool_size == 0 {
            bail!("database.pool_size must be at least 1");
        }
        if !(self.server.base_url.starts_with("http://")
            || self.server.base_url.starts_with("https://"))
        {
            bail!("server.base_url must start with http:// or https://");
        }
        Ok(())
    }

    pub fn secure_cookies(&self) -> bool {
        self.server.base_url.starts_with("https://")
    }

    /// The base URL without a trailing slash, for building absolute links.
    pub fn base_url(&self) -> &str {
        self.server.base_url.trim_end_matches('/')
    }
}

fn default_body_timeout() -> u64 {
    30
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let mut settings = Settings::defaults();
        settings.server.cookie_key = Secret::new("ab".repeat(64));
        settings.mail.smtp.password = Secret::new("geheim-wachtwoord");
        let shown = format!("{settings:?}");
        assert!(!shown.contains("geheim-wachtwoord") && !shown.contains(&"ab".repeat(64)));
        assert!(shown.contains("Secret(***)"));
        assert_eq!(settings.mail.smtp.password.expose(), "geheim-wachtwoord");
    }
}
