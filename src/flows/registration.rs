use crate::db::conferences::Conference;
use crate::db::registrations::{self, Cancellation, Registered, Registration};
use crate::db::{self, DbConnection, DbError};
use crate::domain::registration::RegistrationDraft;

/// Registers a participant (or finds their existing registration) and queues the mail that
/// tells them so.
pub fn register(
    conn: &mut DbConnection,
    conference: &Conference,
    email: &str,
    draft: &RegistrationDraft,
    lang: &str,
) -> Result<Registered, DbError> {
    db::write_transaction(conn, |conn| {
        let outcome = registrations::register(
            conn,
            &conference.id,
            conference.capacity,
            email,
            draft,
            lang,
        )?;
        Ok(outcome)
    })
}

/// Changes details and preferences through the manage link.
pub fn change(
    conn: &mut DbConnection,
    registration: &Registration,
    draft: &RegistrationDraft,
) -> Result<(), DbError> {
    db::write_transaction(conn, |conn| {
        registrations::update_details(conn, &registration.id, draft)
    })
}

/// Cancels, promotes whoever is next on the waiting list, and queues both their mails.
pub fn cancel(
    conn: &mut DbConnection,
    conference: &Conference,
    registration_id: &str,
) -> Result<Option<Cancellation>, DbError> {
    db::write_transaction(conn, |conn| {
        registrations::cancel(conn, registration_id, conference.capacity)
    })
}
