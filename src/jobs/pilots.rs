//! Following pilots by the clock: every morning at 08:00 (Amsterdam) the owners whose
//! evaluation comes within the configured days are reminded, once per evaluation date,
//! with their update link and an invite for the evaluation (a moved date: the same event
//! with a higher SEQUENCE); every Monday at 08:00 the organisers get the week's summary
//! with the overdue evaluations first. Ended pilots get nothing.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use super::Job;
use crate::db::jobs::{self as table, JobRow};
use crate::db::pilots::{self, Follow, Pilot};
use crate::db::{DbConnection, DbError};
use crate::flows::effects::Effects;
use crate::flows::{FlowError, Mailer};
use crate::i18n::Lang;

const REMINDERS: &str = "pilot-reminders";
const SUMMARY: &str = "pilot-summary";

use crate::flows::pilot::eight_on;

/// The next 08:00 in Amsterdam after `now` on a day `wanted` accepts; with its date.
fn next_morning(
    now: NaiveDateTime,
    wanted: impl Fn(NaiveDate) -> bool,
) -> (NaiveDateTime, NaiveDate) {
    let mut day = crate::tz::to_local(now).date_naive();
    loop {
        let at = eight_on(day, now + Duration::days(1));
        if at > now && wanted(day) {
            return (at, day);
        }
        day = day.succ_opt().unwrap_or(day);
    }
}

/// The owners' reminders, every morning.
pub struct PilotReminders {
    pub mailer: Mailer,
    pub days_before: i64,
}

impl PilotReminders {
    fn plan_after(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
        let (at, day) = next_morning(now, |_| true);
        table::plan(conn, REMINDERS, &day.to_string(), "", at, now)?;
        Ok(())
    }
}

impl Job for PilotReminders {
    fn kind(&self) -> &'static str {
        REMINDERS
    }

    fn run(
        &self,
        conn: &mut DbConnection,
        _job: &JobRow,
        now: NaiveDateTime,
    ) -> Result<Effects, FlowError> {
        let today = crate::flows::pilot::today(now);
        let due: Vec<(Pilot, Follow, NaiveDate)> = pilots::followed(conn)?
            .into_iter()
            .filter_map(|(p, f)| {
                let date = p.next_evaluation_on?;
                let reminded = f.reminded_for == Some(date);
                let in_window = today >= date - Duration::days(self.days_before);
                (!reminded && in_window).then_some((p, f, date))
            })
            .collect();
        let mut messages = Vec::new();
        for (p, f, date) in &due {
            messages.push(crate::flows::pilot::reminder(
                &self.mailer,
                p,
                f.sequence,
                *date,
                now,
            )?);
        }
        crate::db::write_transaction(conn, |conn| {
            for (p, _, date) in &due {
                pilots::set_reminded(conn, &p.id, *date)?;
            }
            crate::mail::enqueue_all(conn, &messages, now)?;
            Self::plan_after(conn, now)?;
            Ok::<_, FlowError>(())
        })?;
        Ok(if messages.is_empty() {
            Effects::none()
        } else {
            Effects::mail()
        })
    }

    fn plan_first(&self, conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
        Self::plan_after(conn, now)
    }
}

/// The organisers' weekly summary, Mondays.
pub struct PilotSummary {
    pub mailer: Mailer,
}

impl PilotSummary {
    fn plan_after(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
        let (at, day) = next_morning(now, |d| d.weekday() == Weekday::Mon);
        table::plan(conn, SUMMARY, &day.to_string(), "", at, now)?;
        Ok(())
    }
}

impl Job for PilotSummary {
    fn kind(&self) -> &'static str {
        SUMMARY
    }

    fn run(
        &self,
        conn: &mut DbConnection,
        _job: &JobRow,
        now: NaiveDateTime,
    ) -> Result<Effects, FlowError> {
        let today = crate::flows::pilot::today(now);
        let followed = pilots::followed(conn)?;
        let item = |p: &Pilot| {
            (
                p.title.clone(),
                p.next_evaluation_on
                    .map(crate::domain::pilot::day)
                    .unwrap_or_default(),
                format!("{}/beheer/pilots/{}", self.mailer.base_url, p.id),
            )
        };
        let overdue: Vec<_> = followed
            .iter()
            .filter(|(p, _)| p.overdue(today))
            .map(|(p, _)| item(p))
            .collect();
        let coming: Vec<_> = followed
            .iter()
            .filter(|(p, _)| {
                p.next_evaluation_on
                    .is_some_and(|d| d >= today && d < today + Duration::days(7))
            })
            .map(|(p, _)| item(p))
            .collect();
        let mut messages = Vec::new();
        if !overdue.is_empty() || !coming.is_empty() {
            for organiser in crate::db::organisers::list(conn)? {
                let lang = Lang::Nl;
                let composed =
                    crate::notify::pilot_summary(lang, &organiser.name, &overdue, &coming);
                let email = crate::mail::Email {
                    to_name: organiser.name.clone(),
                    to_email: organiser.email.clone(),
                    reply_to: None,
                    subject: composed.subject,
                    text: composed.text,
                    html: composed.html,
                    calendar: None,
                };
                messages.push(crate::mail::prepare(
                    &self.mailer.from,
                    &email,
                    "pilot-summary",
                    None,
                    None,
                )?);
            }
        }
        crate::db::write_transaction(conn, |conn| {
            crate::mail::enqueue_all(conn, &messages, now)?;
            Self::plan_after(conn, now)?;
            Ok::<_, FlowError>(())
        })?;
        Ok(if messages.is_empty() {
            Effects::none()
        } else {
            Effects::mail()
        })
    }

    fn plan_first(&self, conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), DbError> {
        Self::plan_after(conn, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mornings_are_eight_in_amsterdam_and_mondays_are_mondays() {
        // 11 March 2027 is a Thursday; Amsterdam is UTC+1 then.
        let now = NaiveDate::from_ymd_opt(2027, 3, 11)
            .unwrap()
            .and_hms_opt(6, 59, 0)
            .unwrap();
        let (at, day) = next_morning(now, |_| true);
        assert_eq!(at, now + Duration::minutes(1), "07:00 UTC is 08:00 there");
        assert_eq!(day, NaiveDate::from_ymd_opt(2027, 3, 11).unwrap());
        let (_, later) = next_morning(now + Duration::minutes(1), |_| true);
        assert_eq!(
            later,
            NaiveDate::from_ymd_opt(2027, 3, 12).unwrap(),
            "not the same morning twice"
        );
        let (_, monday) = next_morning(now, |d| d.weekday() == Weekday::Mon);
        assert_eq!(monday, NaiveDate::from_ymd_opt(2027, 3, 15).unwrap());
    }
}
