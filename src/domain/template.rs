//! Organiser-written texts with placeholders such as `{{naam}}`, filled in per participant.

use super::Problem;
use crate::i18n::Msg;

/// The placeholders a confirmation text may use, with what they stand for.
pub const PLACEHOLDERS: [(&str, Msg); 6] = [
    ("naam", Msg::PlaceholderName),
    ("conferentie", Msg::PlaceholderConference),
    ("datum", Msg::PlaceholderDate),
    ("locatie", Msg::PlaceholderVenue),
    ("status", Msg::PlaceholderStatus),
    ("beheerlink", Msg::PlaceholderManageLink),
];

/// Values for one participant, in the order of [`PLACEHOLDERS`].
pub struct Values<'a> {
    pub name: &'a str,
    pub conference: &'a str,
    pub date: &'a str,
    pub venue: &'a str,
    pub status: &'a str,
    pub manage_link: &'a str,
}

/// Replaces every known placeholder; unknown ones stay as typed (saving refuses them).
pub fn fill(text: &str, v: &Values) -> String {
    let values = [
        v.name,
        v.conference,
        v.date,
        v.venue,
        v.status,
        v.manage_link,
    ];
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let key = after[..end].trim();
                match PLACEHOLDERS.iter().position(|(k, _)| *k == key) {
                    Some(i) => out.push_str(values[i]),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Refuses a text with a placeholder werkconf does not know, naming the first one.
pub fn check(text: &str) -> Result<(), Problem> {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(Problem::new(Msg::ErrPlaceholderOpen));
        };
        let key = after[..end].trim();
        if !PLACEHOLDERS.iter().any(|(k, _)| *k == key) {
            return Err(Problem::with(
                Msg::ErrPlaceholderUnknown,
                format!("{{{{{key}}}}}"),
            ));
        }
        rest = &after[end + 2..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values<'static> {
        Values {
            name: "Anna",
            conference: "Werkconferentie",
            date: "donderdag 11 maart 2027",
            venue: "Stadskantoor",
            status: "bevestigd",
            manage_link: "https://w.example/r/abc",
        }
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill(
                "Beste {{naam}}, tot {{ datum }} in {{locatie}}: {{beheerlink}} {{x}}",
                &values()
            ),
            "Beste Anna, tot donderdag 11 maart 2027 in Stadskantoor: https://w.example/r/abc {{x}}"
        );
        assert_eq!(fill("open {{naam", &values()), "open {{naam");
    }

    #[test]
    fn unknown_placeholders_are_refused() {
        assert!(check("Beste {{naam}}").is_ok());
        assert_eq!(
            check("Beste {{voornaam}}"),
            Err(Problem::with(Msg::ErrPlaceholderUnknown, "{{voornaam}}"))
        );
        assert!(check("Beste {{naam").is_err());
    }
}
