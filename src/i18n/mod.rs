//! Every string a person reads, in Dutch (the default) and English. Keys are an enum, so a
//! missing translation or a typo in a key is a compile error, not a blank on a page.

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::tz::to_local;

mod messages;
pub use messages::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

pub const LANG_COOKIE: &str = "werkconf_lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The language the user chose (cookie), else the browser's best of nl/en, else Dutch.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie.and_then(Lang::parse) {
            return lang;
        }
        let Some(header) = accept_language else {
            return Lang::Nl;
        };
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::parse(primary) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Nl)
    }

    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self)
    }

    /// A message with `{0}`, `{1}`, ... filled in.
    pub fn tf(self, msg: Msg, args: &[&str]) -> String {
        let mut text = msg.text(self).to_owned();
        for (i, arg) in args.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), arg);
        }
        text
    }

    /// "donderdag 11 maart 2027" / "Thursday 11 March 2027", in Amsterdam time.
    pub fn date(self, utc: NaiveDateTime) -> String {
        let t = to_local(utc);
        let weekday = t.weekday().num_days_from_monday() as usize;
        let month = t.month0() as usize;
        match self {
            Lang::Nl => format!(
                "{} {} {} {}",
                WEEKDAYS_NL[weekday],
                t.day(),
                MONTHS_NL[month],
                t.year()
            ),
            Lang::En => format!(
                "{} {} {} {}",
                WEEKDAYS_EN[weekday],
                t.day(),
                MONTHS_EN[month],
                t.year()
            ),
        }
    }

    /// "09:30", in Amsterdam time.
    pub fn time(self, utc: NaiveDateTime) -> String {
        let t = to_local(utc);
        format!("{:02}:{:02}", t.hour(), t.minute())
    }

    /// "donderdag 11 maart 2027, 09:30".
    pub fn datetime(self, utc: NaiveDateTime) -> String {
        format!("{}, {}", self.date(utc), self.time(utc))
    }

    /// A span: "donderdag 11 maart 2027, 09:00 – 16:30", or both full when on two days.
    pub fn span(self, from: NaiveDateTime, to: NaiveDateTime) -> String {
        if to_local(from).date_naive() == to_local(to).date_naive() {
            format!("{} – {}", self.datetime(from), self.time(to))
        } else {
            format!("{} – {}", self.datetime(from), self.datetime(to))
        }
    }
}

const WEEKDAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Declares the message keys with their Dutch and English text.
macro_rules! define_messages {
    ($($key:ident => $nl:expr, $en:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn text(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Msg::$key, $crate::i18n::Lang::Nl) => $nl,
                        (Msg::$key, $crate::i18n::Lang::En) => $en,
                    )*
                }
            }
        }
    };
}
pub(crate) use define_messages;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_then_accept_language_then_dutch() {
        assert_eq!(Lang::negotiate(Some("en"), Some("nl")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("en-GB,en;q=0.9,nl;q=0.8")),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(None, Some("de-DE,nl;q=0.5,en;q=0.4")),
            Lang::Nl
        );
        assert_eq!(Lang::negotiate(None, Some("fr")), Lang::Nl);
        assert_eq!(Lang::negotiate(Some("xx"), None), Lang::Nl);
        assert_eq!(Lang::negotiate(None, Some("en;q=0")), Lang::Nl);
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        for msg in Msg::ALL {
            assert!(!msg.text(Lang::Nl).is_empty(), "{msg:?} has no Dutch");
            assert!(!msg.text(Lang::En).is_empty(), "{msg:?} has no English");
        }
    }

    #[test]
    fn dates_read_as_people_write_them() {
        // 09:30 and 16:00 in Amsterdam (UTC+1 in March).
        let t = chrono::NaiveDate::from_ymd_opt(2027, 3, 11)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .unwrap();
        assert_eq!(Lang::Nl.datetime(t), "donderdag 11 maart 2027, 09:30");
        assert_eq!(Lang::En.date(t), "Thursday 11 March 2027");
        let end = t + chrono::Duration::minutes(390);
        assert_eq!(
            Lang::Nl.span(t, end),
            "donderdag 11 maart 2027, 09:30 – 16:00"
        );
    }
}
