//! Times as people read them (Europe/Amsterdam) and as the database keeps them (UTC).

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Amsterdam;

use super::Problem;
use crate::i18n::Msg;

const FORMATS: [&str; 5] = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H.%M",
];

/// A local date and time as a browser's `datetime-local` field sends it (or as typed in a
/// browser without one), converted to UTC.
pub fn parse_local(input: &str) -> Result<NaiveDateTime, Problem> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Problem::new(Msg::ErrRequired));
    }
    let local = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(input, f).ok())
        .ok_or(Problem::new(Msg::ErrDateTime))?;
    use chrono::LocalResult;
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.naive_utc()),
        // The hour that occurs twice when summer time ends: take the first.
        LocalResult::Ambiguous(first, _) => Ok(first.naive_utc()),
        LocalResult::None => Err(Problem::new(Msg::ErrDateTimeGap)),
    }
}

/// Like [`parse_local`], but empty input is no value rather than an error.
pub fn parse_optional_local(input: &str) -> Result<Option<NaiveDateTime>, Problem> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_local(input).map(Some)
    }
}

pub use crate::tz::to_local;

/// `t` of an earlier edition (which started at `from`) moved to the edition starting at
/// `to`: the same wall-clock time in the Netherlands, as many days after the start, so a
/// round at 10:00 in winter stays at 10:00 in summer.
pub fn same_time_in_edition(
    t: NaiveDateTime,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> NaiveDateTime {
    use chrono::LocalResult;
    let days = to_local(to).date_naive() - to_local(from).date_naive();
    let local = to_local(t).naive_local() + days;
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
        // 02:30 on the night summer time starts does not exist: an hour later does.
        LocalResult::None => Amsterdam
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or(local, |t| t.naive_utc()),
    }
}

/// The value a `datetime-local` field shows for a stored time.
pub fn input_value(utc: NaiveDateTime) -> String {
    to_local(utc).format("%Y-%m-%dT%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_keeps_its_wall_clock_time_in_the_next_edition() {
        let at = |s: &str| parse_local(s).unwrap();
        // Winter edition to a summer one: 10:00 stays 10:00 though UTC moved an hour.
        let moved = same_time_in_edition(
            at("2026-03-12T10:00"),
            at("2026-03-12T09:00"),
            at("2027-06-10T08:30"),
        );
        assert_eq!(input_value(moved), "2027-06-10T10:00");
        // A two-day edition keeps its second day.
        let moved = same_time_in_edition(
            at("2026-03-13T14:00"),
            at("2026-03-12T09:00"),
            at("2027-06-10T09:00"),
        );
        assert_eq!(input_value(moved), "2027-06-11T14:00");
    }

    #[test]
    fn local_times_become_utc_across_summer_time() {
        assert_eq!(
            parse_local("2027-03-11T09:30").unwrap().to_string(),
            "2027-03-11 08:30:00"
        );
        assert_eq!(
            parse_local("11-06-2027 09:30").unwrap().to_string(),
            "2027-06-11 07:30:00"
        );
        assert_eq!(
            input_value(parse_local("2027-06-11T09:30").unwrap()),
            "2027-06-11T09:30"
        );
    }

    #[test]
    fn impossible_times_are_refused() {
        assert_eq!(
            parse_local("2027-03-28T02:30"),
            Err(Problem::new(Msg::ErrDateTimeGap))
        );
        assert_eq!(
            parse_local("2027-02-30T10:00"),
            Err(Problem::new(Msg::ErrDateTime))
        );
        assert_eq!(parse_local("morgen"), Err(Problem::new(Msg::ErrDateTime)));
        assert_eq!(parse_local(""), Err(Problem::new(Msg::ErrRequired)));
        assert_eq!(parse_optional_local(" "), Ok(None));
    }
}
