//! The assignment preview: run the solver ("Verdeel deelnemers") and see the result.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::conference_url;
use crate::db::read::assignment::AssignmentRead;
use crate::flows;
use crate::flows::assignment::Ran;
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::{self, Ctx};

async fn read(
    state: &AppState,
    c: &crate::db::conferences::Conference,
) -> Result<AssignmentRead, AppError> {
    let id = c.id.clone();
    Ok(state
        .db
        .run(move |conn| AssignmentRead::load(conn, &id))
        .await?)
}

pub async fn preview(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let read = read(&state, &c).await?;
    Ok(views::assignment::preview(&ctx, &c, &read, None))
}

pub async fn run(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (c.id.clone(), state.now());
    let (ran, effects) = state
        .db
        .run(move |conn| flows::assignment::run(conn, &id, now))
        .await?;
    state.apply(effects);
    match ran {
        Ran::Done(_) => {
            ctx.flash(Msg::AssignDone);
            Ok(see_other(&format!("{}/indeling", conference_url(&c.id))))
        }
        Ran::Refused(msg, reason) => {
            let read = read(&state, &c).await?;
            let said = match reason {
                Some(reason) => format!("{} ({reason})", ctx.t(msg)),
                None => ctx.t(msg).to_owned(),
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::assignment::preview(&ctx, &c, &read, Some(&said)),
            ))
        }
    }
}
