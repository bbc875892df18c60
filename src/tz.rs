//! Europe/Amsterdam, the time zone of everything a person reads; the database keeps UTC.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use chrono_tz::Tz;

/// A stored UTC time as people in the Netherlands read it.
pub fn to_local(utc: NaiveDateTime) -> DateTime<Tz> {
    Utc.from_utc_datetime(&utc).with_timezone(&Amsterdam)
}
