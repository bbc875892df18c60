use serde::Deserialize;

use super::email::Email;
use super::{FieldErrors, Problem, required_line};
use crate::i18n::Msg;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

/// A new organiser account as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganiser {
    pub email: Email,
    pub name: String,
    pub password: String,
}

impl NewOrganiser {
    pub fn parse(email: &str, name: &str, password: &str) -> Result<NewOrganiser, FieldErrors> {
        let mut e = FieldErrors::default();
        let email = e.check("email", Email::parse(email));
        let name = e.check("name", required_line(name, 200));
        let password = e.check("password", check_password(password));
        match (email, name, password) {
            (Some(email), Some(name), Some(password)) => Ok(NewOrganiser {
                email,
                name,
                password,
            }),
            _ => Err(e),
        }
    }
}

pub fn check_password(password: &str) -> Result<String, Problem> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(Problem::with(Msg::ErrPasswordShort, MIN_PASSWORD_CHARS));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(Problem::with(Msg::ErrTooLong, MAX_PASSWORD_CHARS));
    }
    Ok(password.to_owned())
}

/// Where to go after logging in: only a path on this site, never another host.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passwords_are_refused() {
        assert!(NewOrganiser::parse("a@b.nl", "An", "kort").is_err());
        assert!(NewOrganiser::parse("a@b.nl", "An", "lang genoeg wachtwoord").is_ok());
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/beheer"), Some("/beheer"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "beheer",
            "",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
