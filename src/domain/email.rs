use super::Problem;
use crate::i18n::Msg;

/// A plausible email address, trimmed and lower-cased so that the same person typing
/// `Jan@Example.nl` and `jan@example.nl` is recognised as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, Problem> {
        let value = input.trim().to_lowercase();
        if value.is_empty() {
            return Err(Problem::new(Msg::ErrRequired));
        }
        if value.chars().count() > 254 {
            return Err(Problem::with(Msg::ErrTooLong, 254));
        }
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err(Problem::new(Msg::ErrEmail));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.chars().count() <= 64
            && !local.contains('@')
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"".contains(c));
        // The mail library must accept it too, or the confirmation could not be sent.
        if !(domain_ok && local_ok) || value.parse::<lettre::Address>().is_err() {
            return Err(Problem::new(Msg::ErrEmail));
        }
        Ok(Email(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_normalises_case() {
        assert_eq!(
            Email::parse(" Jan.de-Vries+ks@GGDRU.nl ").unwrap().as_str(),
            "jan.de-vries+ks@ggdru.nl"
        );
        assert!(Email::parse("zoë@bücher.de").is_ok());
    }

    #[test]
    fn refuses_what_cannot_be_an_address() {
        for bad in [
            "",
            "jan",
            "jan@",
            "@ggd.nl",
            "jan@ggd",
            "jan @ggd.nl",
            "jan@ggd..nl",
            "<script>@x.nl",
            "a@b@c.nl",
            "jan.@ggd.nl",
            "a..b@x.nl",
            "a@-ggd.nl",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
