//! Ended logins are checked on every request; expired rows of `organiser_sessions` are
//! removed once a day, at night, so the table holds only what may still be used.

use chrono::{NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::Job;
use crate::db::jobs::{self as table, JobRow};
use crate::db::schema::organiser_sessions;
use crate::db::{DbConnection, DbError};
use crate::flows::FlowError;
use crate::flows::effects::Effects;

pub struct PurgeLogins;

const KIND: &str = "purge-logins";

/// The next 04:00 in Amsterdam after `now`, in UTC, and its date as the job's key.
fn next_night(now: NaiveDateTime) -> (NaiveDateTime, String) {
    use chrono::TimeZone;
    let local = crate::tz::to_local(now);
    let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default();
    let mut day = local.date_naive();
    if local.time() >= four {
        day = day.succ_opt().unwrap_or(day);
    }
    let at = chrono_tz::Europe::Amsterdam
        .from_local_datetime(&day.and_time(four))
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(now + chrono::Duration::days(1));
    (at, day.to_string())
}

fn plan_after(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
    let (at, key) = next_night(now);
    table::plan(conn, KIND, &key, "", at, now)?;
    Ok(())
}

impl Job for PurgeLogins {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run(
        &self,
        conn: &mut DbConnection,
        _job: &JobRow,
        now: NaiveDateTime,
    ) -> Result<Effects, FlowError> {
        crate::db::write_transaction(conn, |conn| {
            diesel::delete(
                organiser_sessions::table.filter(organiser_sessions::expires_at.le(now)),
            )
            .execute(conn)?;
            plan_after(conn, now)?;
            Ok::<_, FlowError>(Effects::none())
        })
    }

    fn plan_first(&self, conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
        plan_after(conn, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_night_is_four_in_amsterdam_winter_and_summer() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // Winter: UTC+1.
        assert_eq!(
            next_night(t("2026-12-01 10:00")),
            (t("2026-12-02 03:00"), "2026-12-02".to_owned())
        );
        assert_eq!(
            next_night(t("2026-12-01 02:00")),
            (t("2026-12-01 03:00"), "2026-12-01".to_owned())
        );
        // Summer: UTC+2.
        assert_eq!(next_night(t("2027-06-01 12:00")).0, t("2027-06-02 02:00"));
    }
}
