//! Organiser pages under `/beheer`. Every handler takes an [`Organiser`], so anonymous
//! visitors are sent to the login page.

use crate::db;
use crate::db::conferences::Conference;
use crate::domain::ids::ConferenceId;
use crate::routes::error::AppError;

pub mod assignment;
pub mod child;
pub mod conferences;
pub mod groups;
pub mod insights;
pub mod messages;
pub mod participants;
pub mod programme;
pub mod texts;

/// The conference's participants, with everything the list shows.
pub async fn load_roster(
    state: &crate::state::AppState,
    conference: Conference,
) -> Result<crate::db::read::roster::Roster, AppError> {
    Ok(state
        .db
        .run(move |conn| db::read::roster::Roster::load(conn, conference))
        .await?)
}

pub fn conference_url(id: &ConferenceId) -> String {
    format!("/beheer/conferenties/{id}")
}
