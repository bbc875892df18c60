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
pub mod pilots;
pub mod points;
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

/// A CSV download that Excel with Dutch settings opens as columns: UTF-8 with a BOM, `;`
/// between fields, CRLF between rows. Every field is defused against formula injection.
pub fn csv_download(
    filename: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<actix_web::HttpResponse, AppError> {
    use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(header).map_err(anyhow::Error::from)?;
        for row in rows {
            writer
                .write_record(row.iter().map(|f| crate::domain::registration::csv_safe(f)))
                .map_err(anyhow::Error::from)?;
        }
        writer.flush().map_err(anyhow::Error::from)?;
    }
    Ok(actix_web::HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(out))
}
