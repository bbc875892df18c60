//! The organiser's hold on the conference's action points: the list with what the wall
//! does with each (hide, show, pin, unpin), and closing capture after the conference
//! (and opening it again).

use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use super::conference_url;
use crate::db::read::wall::{Shown, WallRead};
use crate::domain::action_point::Mark;
use crate::domain::ids::ActionPointId;
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

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let (read, rounds) = state
        .db
        .run(move |conn| {
            let rounds = crate::db::groups::offer(conn, &c.id)?.rounds;
            let read = WallRead::load(conn, c, Shown::ALL)?;
            Ok::<_, crate::db::DbError>((read, rounds))
        })
        .await?;
    Ok(crate::views::points::list(&ctx, &read, &rounds))
}

/// Hide, show, pin or unpin one point (`/actiepunten/{item}/{mark}`); the wall follows
/// live.
pub async fn mark(
    state: web::Data<AppState>,
    req: HttpRequest,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let info = req.match_info();
    let id = info.get("item").and_then(ActionPointId::parse);
    let mark = info.get("mark").and_then(Mark::parse);
    let (Some(id), Some(mark)) = (id, mark) else {
        return Err(AppError::NotFound);
    };
    let (cid, now, at) = (c.id.clone(), state.now(), id.clone());
    let (found, effects) = state
        .db
        .run(move |conn| flows::capture::mark(conn, &cid, &at, mark, now))
        .await?;
    state.apply(effects);
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!(
        "{}/actiepunten#punt-{id}",
        conference_url(&c.id)
    )))
}
