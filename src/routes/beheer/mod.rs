//! Organiser pages under `/beheer`. Every handler takes an [`Organiser`], so anonymous
//! visitors are sent to the login page.

use crate::db::conferences::Conference;
use crate::db::{self, Db};
use crate::domain::ids::ConferenceId;
use crate::routes::error::AppError;

pub mod child;
pub mod conferences;
pub mod insights;
pub mod messages;
pub mod participants;
pub mod programme;
pub mod texts;

/// The conference named in the path, or 404.
pub async fn load_conference(db: &Db, id: ConferenceId) -> Result<Conference, AppError> {
    db.run(move |conn| db::conferences::find(conn, &id))
        .await?
        .ok_or(AppError::NotFound)
}

/// The conference named in the path with its participants, or 404.
pub async fn load_roster(
    state: &crate::state::AppState,
    id: ConferenceId,
) -> Result<crate::db::read::roster::Roster, AppError> {
    state
        .db
        .run(move |conn| db::read::roster::Roster::load(conn, &id))
        .await?
        .ok_or(AppError::NotFound)
}

pub fn conference_url(id: &ConferenceId) -> String {
    format!("/beheer/conferenties/{id}")
}
