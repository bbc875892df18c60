//! Organiser accounts: password hashes, limits on failed logins, and who is logged in.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};

/// What the session remembers of a logged-in organiser.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionOrganiser {
    pub id: String,
    pub name: String,
    /// The login's row in `organiser_sessions`: logging out deletes it, and a cookie
    /// naming a login that is gone counts as logged out.
    #[serde(default)]
    pub session: String,
    /// When they logged in (Unix seconds): a session ends after [`SESSION_HOURS`].
    pub since: i64,
}

/// How long a login lasts. The session lives in a signed cookie, so this is the bound on
/// how long a copied cookie stays useful.
pub const SESSION_HOURS: i64 = 12;

impl SessionOrganiser {
    pub fn new(id: String, name: String, session: String) -> SessionOrganiser {
        SessionOrganiser {
            id,
            name,
            session,
            since: chrono::Utc::now().timestamp(),
        }
    }

    pub fn is_current(&self) -> bool {
        chrono::Utc::now().timestamp() - self.since < SESSION_HOURS * 3600
    }
}

/// The organiser logged in with this session, if the login has not expired.
pub fn current_organiser(session: &actix_session::Session) -> Option<SessionOrganiser> {
    session
        .get::<SessionOrganiser>(SESSION_ORGANISER)
        .ok()
        .flatten()
        .filter(SessionOrganiser::is_current)
}

pub const SESSION_ORGANISER: &str = "organiser";
pub const SESSION_CSRF: &str = "csrf";

/// An argon2id hash in PHC format, with a fresh salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))
}

/// Checks a password against a stored hash. With no account, it checks against a dummy
/// hash anyway, so the answer takes as long whether or not the account exists.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("no account has this").unwrap_or_default());
    let hash = stored.unwrap_or(dummy);
    let ok = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

/// Counts failed logins per account and per address over a sliding window, in memory:
/// a restart forgets them, which only ever errs on the side of letting people in.
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    pub fn new(max_failures: u32, window_minutes: u32) -> LoginLimiter {
        LoginLimiter {
            max_failures: max_failures.max(1) as usize,
            window: Duration::from_secs(u64::from(window_minutes.max(1)) * 60),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(email: &str, address: &str) -> [String; 2] {
        [
            format!("account:{}", email.trim().to_lowercase()),
            format!("address:{address}"),
        ]
    }

    /// Checks and counts an attempt in one step, before the password is checked, so that
    /// parallel attempts cannot all slip past the limit. False when blocked.
    pub fn try_attempt(&self, email: &str, address: &str) -> bool {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 50_000 {
            map.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < self.window));
        }
        let keys = Self::keys(email, address);
        let blocked = keys.iter().any(|key| {
            map.get_mut(key).is_some_and(|times| {
                times.retain(|t| now.duration_since(*t) < self.window);
                times.len() >= self.max_failures
            })
        });
        if !blocked {
            for key in keys {
                map.entry(key).or_default().push(now);
            }
        }
        !blocked
    }

    /// A successful login clears the account's count and takes back its own attempt from
    /// the address.
    pub fn record_success(&self, email: &str, address: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let [account, address] = Self::keys(email, address);
        map.remove(&account);
        if let Some(times) = map.get_mut(&address) {
            times.pop();
        }
    }
}

/// A random token of 32 bytes, URL-safe: unguessable and unrelated to any id.
pub fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_only_the_right_password() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("wrong horse battery", Some(&hash)));
        assert!(!verify_password("no account has this", None));
    }

    #[test]
    fn logins_expire() {
        let mut login = SessionOrganiser::new("id".into(), "Eline".into(), "s".into());
        assert!(login.is_current());
        login.since -= SESSION_HOURS * 3600 + 1;
        assert!(!login.is_current());
    }

    #[test]
    fn limiter_blocks_per_account_and_per_address() {
        let limiter = LoginLimiter::new(3, 15);
        for _ in 0..3 {
            assert!(limiter.try_attempt("A@b.nl", "1.1.1.1"));
        }
        assert!(!limiter.try_attempt("a@b.nl", "2.2.2.2"), "account limit");
        assert!(!limiter.try_attempt("c@d.nl", "1.1.1.1"), "address limit");
        assert!(limiter.try_attempt("c@d.nl", "2.2.2.2"));
        limiter.record_success("c@d.nl", "2.2.2.2");
        assert!(
            limiter.try_attempt("c@d.nl", "2.2.2.2"),
            "a success does not count"
        );
    }
}
