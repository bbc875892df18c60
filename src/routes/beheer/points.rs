//! The organiser's hold on the conference's action points: closing capture after the
//! conference (and opening it again).

use actix_web::{HttpResponse, web};

use super::conference_url;
use crate::flows;
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::see_other;
use crate::state::AppState;
use crate::views::Ctx;

async fn set_lock(
    ctx: Ctx,
    state: web::Data<AppState>,
    c: crate::db::conferences::Conference,
    lock: bool,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (c.id.clone(), state.now());
    let effects = state
        .db
        .run(move |conn| flows::capture::set_lock(conn, &id, lock, now))
        .await?;
    state.apply(effects);
    ctx.flash(if lock {
        Msg::CaptureLockedDone
    } else {
        Msg::CaptureOpenedDone
    });
    Ok(see_other(&format!("{}#actiepunten", conference_url(&c.id))))
}

pub async fn lock(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_lock(ctx, state, c, true).await
}

pub async fn unlock(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_lock(ctx, state, c, false).await
}
