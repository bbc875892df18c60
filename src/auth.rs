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
    pub id: crate::domain::ids::OrganiserId,
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
    pub fn new(
        id: crate::domain::ids::OrganiserId,
        name: String,
        session: String,
    ) -> SessionOrganiser {
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

/// Counts failed logins over a sliding window, in memory (a restart forgets them, which
/// only ever errs on the side of letting people in). Two counts:
/// - per account *at* an address: `max_failures` typos or guesses of one account from one
///   place block that account from that place only, so nobody elsewhere can lock an
///   organiser out;
/// - per address, over all accounts: four times as many, against trying many accounts;
///   an office behind one NAT address has room for everyone's typos.
///
/// A successful login forgets that account's failures at that address.
pub struct LoginLimiter {
    max_failures: usize,
    window: Duration,
    /// By "account@address" and by "address", each failure with the account it was for.
    failures: Mutex<HashMap<String, Vec<(Instant, String)>>>,
}

/// How many times more failures an address may have, over all accounts, than one account
/// at that address.
const ADDRESS_FACTOR: usize = 4;

impl LoginLimiter {
    pub fn new(max_failures: u32, window_minutes: u32) -> LoginLimiter {
        LoginLimiter {
            max_failures: max_failures.max(1) as usize,
            window: Duration::from_secs(u64::from(window_minutes.max(1)) * 60),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(email: &str, address: &str) -> (String, String, String) {
        let account = email.trim().to_lowercase();
        (
            format!("pair:{account}@{address}"),
            format!("address:{address}"),
            account,
        )
    }

    /// Checks and counts an attempt in one step, before the password is checked, so that
    /// parallel attempts cannot all slip past the limit. When blocked: how long until the
    /// next attempt is allowed.
    pub fn try_attempt(&self, email: &str, address: &str, now: Instant) -> Result<(), Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 50_000 {
            map.retain(|_, times| {
                times
                    .iter()
                    .any(|(t, _)| now.duration_since(*t) < self.window)
            });
        }
        let (pair, addr, account) = Self::keys(email, address);
        let mut wait = Duration::ZERO;
        for (key, limit) in [
            (&pair, self.max_failures),
            (&addr, self.max_failures * ADDRESS_FACTOR),
        ] {
            if let Some(times) = map.get_mut(key) {
                times.retain(|(t, _)| now.duration_since(*t) < self.window);
                if times.len() >= limit {
                    // Free again when the oldest failure that still counts leaves the window.
                    let oldest = times[times.len() - limit].0;
                    wait = wait.max(self.window - now.duration_since(oldest));
                }
            }
        }
        if wait > Duration::ZERO {
            return Err(wait);
        }
        for key in [pair, addr] {
            map.entry(key).or_default().push((now, account.clone()));
        }
        Ok(())
    }

    /// A successful login takes back this account's attempts at this address.
    pub fn record_success(&self, email: &str, address: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let (pair, addr, account) = Self::keys(email, address);
        map.remove(&pair);
        if let Some(times) = map.get_mut(&addr) {
            times.retain(|(_, a)| *a != account);
        }
    }
}

/// The server's key for personal links. A link's token is derived from the key and what
/// it opens (`HMAC-SHA-256(key, "registration:" + id)`, 256 bits, URL-safe), so mail can
/// carry a link at any later moment, while the database keeps only each token's SHA-256:
/// a copy of the database alone opens nothing. Changing the key ends every link.
#[derive(Clone)]
pub struct LinkKey(Vec<u8>);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(***)")
    }
}

impl LinkKey {
    /// At least 32 bytes.
    pub fn new(bytes: Vec<u8>) -> Option<LinkKey> {
        (bytes.len() >= 32).then_some(LinkKey(bytes))
    }

    pub fn generate() -> LinkKey {
        use rand::RngCore;
        let mut bytes = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        LinkKey(bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// The token of a registration's personal link.
    pub fn registration_token(&self, id: &crate::domain::ids::RegistrationId) -> String {
        self.token("registration", id.as_str())
    }

    /// The token of a facilitator's personal link: one per conference and email address,
    /// so someone leading two groups has one link to both.
    pub fn facilitator_token(
        &self,
        conference: &crate::domain::ids::ConferenceId,
        email: &str,
    ) -> String {
        self.token(
            "facilitator",
            &format!("{}:{}", conference.as_str(), email.trim().to_lowercase()),
        )
    }

    /// The secret of a conference's wall link (`/c/{slug}/wall?k=...`), for the screen in
    /// the plenary room: it shows the action points, nothing else.
    pub fn wall_token(&self, conference: &crate::domain::ids::ConferenceId) -> String {
        self.token("wall", conference.as_str())
    }

    /// The token of a pilot owner's link (`/p/{token}`): of the pilot and its owner's
    /// address, so a new owner gets a new link and the old one stops working.
    pub fn pilot_token(&self, pilot: &crate::domain::ids::PilotId, owner_email: &str) -> String {
        self.token(
            "pilot",
            &format!("{}:{}", pilot.as_str(), owner_email.trim().to_lowercase()),
        )
    }

    /// The short code of a group's table link (`/c/{slug}/g/{code}`), on the card on its
    /// table: participants of the group add action points with it. Ten characters (60
    /// bits), short enough to type, checked against each group of the conference.
    pub fn table_code(&self, group: &crate::domain::ids::GroupId) -> String {
        let mut code = self.token("table", group.as_str());
        code.truncate(10);
        code
    }

    fn token(&self, kind: &str, id: &str) -> String {
        use base64::Engine;
        use hmac::Mac;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.0)
            .expect("HMAC takes a key of any length");
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(id.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// What the database keeps of a link's token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

/// Whether two stored hashes are the same, in constant time.
pub fn same_hash(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
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
    fn links_are_derived_from_the_key_and_stored_as_a_hash() {
        let key = LinkKey::new(vec![7; 32]).unwrap();
        let id = crate::domain::ids::RegistrationId::parse("r1").unwrap();
        let token = key.registration_token(&id);
        assert_eq!(token.len(), 43, "256 bits, URL-safe");
        assert_eq!(
            token,
            key.registration_token(&id),
            "the same link every time"
        );
        let other = LinkKey::new(vec![8; 32]).unwrap();
        assert_ne!(
            token,
            other.registration_token(&id),
            "another key, another link"
        );
        let hash = token_hash(&token);
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token));
        assert!(same_hash(&hash, &token_hash(&token)));
        assert!(!same_hash(&hash, &token_hash("anders")));
        assert!(LinkKey::new(vec![1; 31]).is_none());
        assert_eq!(format!("{key:?}"), "LinkKey(***)");
    }

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
        let mut login = SessionOrganiser::new(
            crate::domain::ids::OrganiserId::generate(),
            "Eline".into(),
            "s".into(),
        );
        assert!(login.is_current());
        login.since -= SESSION_HOURS * 3600 + 1;
        assert!(!login.is_current());
    }

    #[test]
    fn limiter_blocks_an_account_at_an_address_and_says_how_long() {
        let limiter = LoginLimiter::new(3, 15);
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        for s in 0..3 {
            assert!(limiter.try_attempt("A@b.nl", "1.1.1.1", at(s * 60)).is_ok());
        }
        // Blocked until the first failure is 15 minutes old.
        assert_eq!(
            limiter.try_attempt("a@b.nl", "1.1.1.1", at(300)),
            Err(Duration::from_secs(600))
        );
        // The same account elsewhere, and another account here, still may.
        assert!(limiter.try_attempt("a@b.nl", "2.2.2.2", at(300)).is_ok());
        assert!(limiter.try_attempt("c@d.nl", "1.1.1.1", at(300)).is_ok());
        assert!(limiter.try_attempt("a@b.nl", "1.1.1.1", at(900)).is_ok());
    }

    #[test]
    fn an_address_trying_many_accounts_is_blocked_and_a_success_takes_back_its_own() {
        let limiter = LoginLimiter::new(2, 15);
        let now = Instant::now();
        for n in 0..8 {
            assert!(
                limiter
                    .try_attempt(&format!("u{n}@x.nl"), "9.9.9.9", now)
                    .is_ok()
            );
        }
        assert!(limiter.try_attempt("u9@x.nl", "9.9.9.9", now).is_err());
        // u1 remembers their password: their failure no longer counts for the address.
        limiter.record_success("u1@x.nl", "9.9.9.9");
        assert!(limiter.try_attempt("u9@x.nl", "9.9.9.9", now).is_ok());
    }
}
