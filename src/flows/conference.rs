use chrono::NaiveDateTime;

use crate::db::conferences::{self, SlugTaken};
use crate::db::registrations;
use crate::db::{self, DbConnection};
use crate::domain::conference::ConferenceDraft;
use crate::domain::ids::ConferenceId;
use crate::domain::registration::RegistrationStatus;

use super::effects::Effects;
use super::registration::{Kind, Scope, send};
use super::{FlowError, Mailer};

#[derive(Debug, PartialEq, Eq)]
pub enum Updated {
    Saved,
    SlugTaken,
    NotFound,
}

/// Saves an organiser's changes. A new time or venue reaches every confirmed participant
/// as an updated invite (same UID, higher SEQUENCE); more places go to the waiting list.
pub fn update(
    conn: &mut DbConnection,
    mailer: &Mailer,
    id: &ConferenceId,
    draft: &ConferenceDraft,
    now: NaiveDateTime,
) -> Result<(Updated, Effects), FlowError> {
    db::write_transaction(conn, |conn| {
        db::lock_conference(conn, id)?;
        let Some(before) = conferences::find(conn, id)? else {
            return Ok((Updated::NotFound, Effects::none()));
        };
        if let Err(SlugTaken) = conferences::update(conn, id, draft, now)? {
            return Ok((Updated::SlugTaken, Effects::none()));
        }
        let after = conferences::find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
        let mut scope = Scope::load(conn, &after)?;
        let moved = before.starts_at != after.starts_at
            || before.ends_at != after.ends_at
            || before.venue_name != after.venue_name
            || before.venue_address != after.venue_address;
        if moved {
            scope.texts.calendar_sequence = conferences::bump_calendar_sequence(conn, id)?;
            for r in registrations::list(conn, id)? {
                if r.status() == RegistrationStatus::Confirmed {
                    send(conn, mailer, &scope, &r, Kind::Changed, true, now)?;
                }
            }
        }
        for promoted in registrations::promote_waiting(conn, id, after.capacity, now)? {
            send(conn, mailer, &scope, &promoted, Kind::Promoted, false, now)?;
        }
        Ok((Updated::Saved, Effects::mail().and(Effects::forget(id))))
    })
}
