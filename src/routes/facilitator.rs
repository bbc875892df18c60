//! A facilitator's personal link, `/f/{token}`: their groups with the insight, the two
//! questions, the room, the time and who comes, and the capture of the groups' action
//! points (add, change, delete). The link reaches its own groups and nothing else: every
//! point is looked up among them.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::extract::{CsrfForm, NoFields};
use super::{html, see_other};
use crate::db::read::facilitator::FacilitatorRead;
use crate::domain::FieldErrors;
use crate::domain::action_point::{PointForm, Source};
use crate::domain::ids::{ActionPointId, ConferenceId, GroupId};
use crate::flows::capture::{self, Refused};
use crate::i18n::Msg;
use crate::routes::access::{Facilitator, TableGroup};
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::facilitator::{Failed, Mode};
use crate::views::{self, Ctx};

/// The link the page was opened with, `/f/{token}`.
fn base(req: &HttpRequest) -> String {
    format!("/f/{}", req.match_info().get("token").unwrap_or_default())
}

/// The conference of the link's groups and their ids.
fn scope(groups: &[crate::db::groups::Group]) -> (ConferenceId, Vec<GroupId>) {
    let conference = groups
        .first()
        .map(|g| g.conference_id.clone())
        .expect("the guard hands over at least one group");
    (conference, groups.iter().map(|g| g.id.clone()).collect())
}

async fn read(
    state: &AppState,
    groups: Vec<crate::db::groups::Group>,
) -> Result<FacilitatorRead, AppError> {
    state
        .db
        .run(move |conn| FacilitatorRead::load(conn, groups))
        .await?
        .ok_or(AppError::UnknownLink)
}

/// The page with `failed` shown in its place, answered with `status`.
async fn page_as(
    ctx: &Ctx,
    state: &AppState,
    req: &HttpRequest,
    groups: Vec<crate::db::groups::Group>,
    failed: Option<Failed<'_>>,
    status: StatusCode,
    mode: Mode,
) -> Result<HttpResponse, AppError> {
    let read = read(state, groups).await?;
    Ok(html(
        status,
        views::facilitator::groups(ctx, &read, &base_of(req, mode), failed, mode),
    ))
}

/// The page's own address for its forms: the facilitator's link, or the table link.
fn base_of(req: &HttpRequest, mode: Mode) -> String {
    match mode {
        Mode::Facilitator => base(req),
        Mode::Table => {
            let info = req.match_info();
            format!(
                "/c/{}/g/{}",
                info.get("slug").unwrap_or_default(),
                info.get("code").unwrap_or_default()
            )
        }
    }
}

/// A group's table link: its insight and questions, its points, and adding one.
pub async fn table(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    TableGroup(group): TableGroup,
) -> Result<HttpResponse, AppError> {
    page_as(
        &ctx,
        &state,
        &req,
        vec![group],
        None,
        StatusCode::OK,
        Mode::Table,
    )
    .await
}

pub async fn table_add(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    TableGroup(group): TableGroup,
    CsrfForm(form): CsrfForm<PointForm>,
) -> Result<HttpResponse, AppError> {
    capture_add(ctx, state, req, vec![group], form, Mode::Table).await
}

pub async fn groups(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
) -> Result<HttpResponse, AppError> {
    page_as(
        &ctx,
        &state,
        &req,
        groups,
        None,
        StatusCode::OK,
        Mode::Facilitator,
    )
    .await
}

pub async fn add(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
    CsrfForm(form): CsrfForm<PointForm>,
) -> Result<HttpResponse, AppError> {
    capture_add(ctx, state, req, groups, form, Mode::Facilitator).await
}

/// Adds a point to one of `groups`, by the facilitator or at the table.
async fn capture_add(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    groups: Vec<crate::db::groups::Group>,
    form: PointForm,
    mode: Mode,
) -> Result<HttpResponse, AppError> {
    let (conference, ids) = scope(&groups);
    let (now, sent) = (state.now(), form.clone());
    let source = match mode {
        Mode::Facilitator => Source::Facilitator,
        Mode::Table => Source::Participant,
    };
    let (outcome, effects) = state
        .db
        .run(move |conn| capture::add(conn, &conference, &ids, &sent, source, now))
        .await?;
    state.apply(effects);
    if wants_json(&req) {
        return Ok(json_answer(&ctx, &req, outcome, mode));
    }
    match outcome {
        Ok(captured) => {
            ctx.flash(Msg::PointAdded);
            Ok(see_other(&format!(
                "{}#groep-{}",
                base_of(&req, mode),
                captured.point.group_id
            )))
        }
        Err(Refused::Invalid(errors)) => {
            let failed = Failed {
                form: &form,
                errors: &errors,
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            page_as(&ctx, &state, &req, groups, Some(failed), status, mode).await
        }
        Err(Refused::Locked) => {
            page_as(&ctx, &state, &req, groups, None, StatusCode::CONFLICT, mode).await
        }
        Err(Refused::Unknown) => Err(AppError::NotFound),
    }
}

/// The page's script sends points itself (and again, after a lost connection) and asks
/// for JSON: it shows the answer without a reload.
fn wants_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The script's answer: the stored point as the page lists it (200), the problems per
/// field (422), or why capture is refused (409).
fn json_answer(
    ctx: &Ctx,
    req: &HttpRequest,
    outcome: Result<capture::Captured, Refused>,
    mode: Mode,
) -> HttpResponse {
    match outcome {
        Ok(captured) => HttpResponse::Ok().json(serde_json::json!({
            "id": captured.point.id.as_str(),
            "new": captured.new,
            "list": format!("{}-{}", captured.point.group_id, captured.point.question.as_str()),
            "html": views::facilitator::point_item(
                ctx,
                &captured.point,
                &base_of(req, mode),
                mode == Mode::Table,
            )
            .into_string(),
        })),
        Err(Refused::Invalid(errors)) => {
            let errors: serde_json::Map<String, serde_json::Value> = errors
                .iter()
                .map(|(field, problem)| ((*field).to_owned(), problem.text(ctx.lang).into()))
                .collect();
            HttpResponse::UnprocessableEntity().json(serde_json::json!({ "errors": errors }))
        }
        Err(Refused::Locked) => {
            HttpResponse::Conflict().json(serde_json::json!({ "error": ctx.t(Msg::CaptureLocked) }))
        }
        Err(Refused::Unknown) => HttpResponse::NotFound().finish(),
    }
}

fn point_id(req: &HttpRequest) -> Result<ActionPointId, AppError> {
    req.match_info()
        .get("item")
        .and_then(ActionPointId::parse)
        .ok_or(AppError::NotFound)
}

/// The facilitator's read model and one of their points, or 404.
async fn with_point(
    state: &AppState,
    req: &HttpRequest,
    groups: Vec<crate::db::groups::Group>,
) -> Result<(FacilitatorRead, crate::db::action_points::ActionPoint), AppError> {
    let id = point_id(req)?;
    let read = read(state, groups).await?;
    let point = read
        .groups
        .iter()
        .flat_map(|g| g.points.iter())
        .find(|p| p.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((read, point))
}

pub async fn edit_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
) -> Result<HttpResponse, AppError> {
    let (read, point) = with_point(&state, &req, groups).await?;
    let form = point.to_form();
    Ok(html(
        StatusCode::OK,
        views::facilitator::edit(
            &ctx,
            &read,
            &base(&req),
            &point,
            &form,
            &FieldErrors::default(),
        ),
    ))
}

pub async fn update(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
    CsrfForm(form): CsrfForm<PointForm>,
) -> Result<HttpResponse, AppError> {
    let id = point_id(&req)?;
    let (conference, ids) = scope(&groups);
    let (now, sent) = (state.now(), form.clone());
    let (outcome, effects) = state
        .db
        .run(move |conn| capture::update(conn, &conference, &ids, &id, &sent, now))
        .await?;
    state.apply(effects);
    let errors = match outcome {
        Ok(()) => {
            ctx.flash(Msg::PointChanged);
            let group = form.place.split('|').next().unwrap_or_default();
            return Ok(see_other(&format!("{}#groep-{group}", base(&req))));
        }
        Err(Refused::Unknown) => return Err(AppError::NotFound),
        Err(Refused::Locked) => FieldErrors::default(),
        Err(Refused::Invalid(errors)) => errors,
    };
    let (read, point) = with_point(&state, &req, groups).await?;
    let status = if errors.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html(
        status,
        views::facilitator::edit(&ctx, &read, &base(&req), &point, &form, &errors),
    ))
}

pub async fn delete_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
) -> Result<HttpResponse, AppError> {
    let (read, point) = with_point(&state, &req, groups).await?;
    Ok(html(
        StatusCode::OK,
        views::facilitator::delete(&ctx, &read, &base(&req), &point),
    ))
}

pub async fn delete(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Facilitator(groups): Facilitator,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let id = point_id(&req)?;
    let (conference, ids) = scope(&groups);
    let now = state.now();
    let (outcome, effects) = state
        .db
        .run(move |conn| capture::delete(conn, &conference, &ids, &id, now))
        .await?;
    state.apply(effects);
    match outcome {
        Ok(()) => {
            ctx.flash(Msg::PointDeleted);
            Ok(see_other(&base(&req)))
        }
        Err(Refused::Locked) => {
            page_as(
                &ctx,
                &state,
                &req,
                groups,
                None,
                StatusCode::CONFLICT,
                Mode::Facilitator,
            )
            .await
        }
        Err(_) => Err(AppError::NotFound),
    }
}
