//! Organiser pages under `/beheer`. Every handler takes an [`Organiser`], so anonymous
//! visitors are sent to the login page.

use actix_web::web;

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

pub fn configure(cfg: &mut web::ServiceConfig) {
    use web::{get, post};
    let c = "/beheer/conferenties/{id}";
    cfg.route("/beheer", get().to(conferences::dashboard))
        .route(
            "/beheer/conferenties/nieuw",
            get().to(conferences::new_form),
        )
        .route("/beheer/conferenties/nieuw", post().to(conferences::create))
        .route(c, get().to(conferences::detail))
        .route(&format!("{c}/bewerken"), get().to(conferences::edit_form))
        .route(&format!("{c}/bewerken"), post().to(conferences::update))
        .route(&format!("{c}/archiveren"), post().to(conferences::archive))
        .route(&format!("{c}/terugzetten"), post().to(conferences::restore))
        .route(&format!("{c}/berichten"), get().to(messages::compose))
        .route(&format!("{c}/berichten"), post().to(messages::submit))
        .route(
            &format!("{c}/berichten/{{item}}"),
            get().to(messages::progress),
        )
        .route(
            &format!("{c}/berichten/{{item}}/voortgang"),
            get().to(messages::progress_json),
        )
        .route(&format!("{c}/mail"), get().to(messages::outbox))
        .route(
            &format!("{c}/mail/{{item}}/opnieuw"),
            post().to(messages::retry),
        )
        .route(&format!("{c}/teksten"), get().to(texts::edit))
        .route(&format!("{c}/teksten"), post().to(texts::save))
        .route(&format!("{c}/deelnemers"), get().to(participants::list))
        .route(&format!("{c}/deelnemers.csv"), get().to(participants::csv))
        .route(
            &format!("{c}/deelnemers/nieuw"),
            get().to(participants::add_form),
        )
        .route(
            &format!("{c}/deelnemers/nieuw"),
            post().to(participants::add),
        )
        .route(
            &format!("{c}/deelnemers/{{item}}/annuleren"),
            get().to(participants::cancel_form),
        )
        .route(
            &format!("{c}/deelnemers/{{item}}/annuleren"),
            post().to(participants::cancel),
        )
        .route(
            &format!("{c}/inzichten/{{item}}/omhoog"),
            post().to(insights::move_up),
        )
        .route(
            &format!("{c}/inzichten/{{item}}/omlaag"),
            post().to(insights::move_down),
        );
    child::routes::<insights::Insights>(cfg, c);
    child::routes::<programme::Programme>(cfg, c);
}

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
