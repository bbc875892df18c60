use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::conference_url;
use crate::db::{self, DbError};
use crate::domain::conference::ConferenceForm;
use crate::domain::ids::ConferenceId;
use crate::domain::{FieldErrors, Problem};
use crate::flows::effects::Effects;
use crate::flows::{self, conference::Updated};
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields, Organiser};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::{self, Ctx};

#[derive(Deserialize)]
pub struct DashboardQuery {
    archief: Option<String>,
}

pub async fn dashboard(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    query: web::Query<DashboardQuery>,
) -> Result<Markup, AppError> {
    let archived = query
        .archief
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0");
    let list = state
        .db
        .run(move |conn| db::conferences::list(conn, archived))
        .await?;
    Ok(views::beheer::dashboard(&ctx, &list, archived))
}

pub async fn new_form(ctx: Ctx, _who: Organiser) -> Markup {
    let form = ConferenceForm::new_defaults("");
    views::beheer::conference_form(&ctx, &form, &FieldErrors::default(), None)
}

fn slug_taken() -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add("slug", Problem::new(Msg::ErrSlugTaken));
    errors
}

pub async fn create(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ConferenceForm>,
) -> Result<HttpResponse, AppError> {
    let invalid = |errors: &FieldErrors| {
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::beheer::conference_form(&ctx, &form, errors, None),
        )
    };
    let draft = match form.parse() {
        Ok(draft) => draft,
        Err(errors) => return Ok(invalid(&errors)),
    };
    let now = state.now();
    match state
        .db
        .run(move |conn| db::conferences::create(conn, &draft, now))
        .await?
    {
        Ok(created) => {
            state.apply(Effects::forget(&created.id));
            ctx.flash(Msg::ConferenceCreated);
            Ok(see_other(&conference_url(&created.id)))
        }
        Err(db::conferences::SlugTaken) => Ok(invalid(&slug_taken())),
    }
}

pub async fn detail(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<ConferenceId>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let mailer = state.mailer.clone();
    let domains = state.settings.lists.domains.clone();
    let found = state
        .db
        .run(move |conn| {
            let Some(c) = db::conferences::find(conn, &id)? else {
                return Ok(None);
            };
            let insights = db::insights::list(conn, &c.id)?;
            let programme = db::programme::list(conn, &c.id)?;
            let read = db::read::wall::WallRead::load(
                conn,
                c.clone(),
                db::read::wall::Shown::ALL,
                &domains,
            )?;
            let capture = views::beheer::Capture {
                wall_link: mailer.wall_link(&c.id, &c.slug),
                locked_at: db::action_points::capture_locked_at(conn, &c.id)?,
                points: read.points().len(),
                read,
            };
            Ok::<_, DbError>(Some((c, insights, programme, capture)))
        })
        .await?;
    let (c, insights, programme, capture) = found.ok_or(AppError::NotFound)?;
    Ok(views::beheer::conference_detail(
        &ctx, &c, &insights, &programme, &capture,
    ))
}

pub async fn edit_form(ctx: Ctx, ConferenceScope(c): ConferenceScope) -> Result<Markup, AppError> {
    let form = c.to_form();
    Ok(views::beheer::conference_form(
        &ctx,
        &form,
        &FieldErrors::default(),
        Some(c.id.as_str()),
    ))
}

pub async fn update(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<ConferenceForm>,
) -> Result<HttpResponse, AppError> {
    let invalid = |errors: &FieldErrors| {
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::beheer::conference_form(&ctx, &form, errors, Some(c.id.as_str())),
        )
    };
    let draft = match form.parse() {
        Ok(draft) => draft,
        Err(errors) => return Ok(invalid(&errors)),
    };
    let id = c.id.clone();
    let mailer = state.mailer.clone();
    let now = state.now();
    let (updated, effects) = state
        .db
        .run(move |conn| flows::conference::update(conn, &mailer, &id, &draft, now))
        .await?;
    state.apply(effects);
    match updated {
        Updated::Saved => {
            ctx.flash(Msg::Saved);
            Ok(see_other(&conference_url(&c.id)))
        }
        Updated::SlugTaken => Ok(invalid(&slug_taken())),
        Updated::NotFound => Err(AppError::NotFound),
    }
}

async fn set_archived(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: ConferenceId,
    archived: bool,
) -> Result<HttpResponse, AppError> {
    let key = id.clone();
    let now = state.now();
    let changed = state
        .db
        .run(move |conn| db::conferences::set_archived(conn, &key, archived, now))
        .await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&id));
    ctx.flash(if archived {
        Msg::ConferenceArchived
    } else {
        Msg::ConferenceRestored
    });
    Ok(see_other(&conference_url(&id)))
}

pub async fn archive(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<ConferenceId>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_archived(ctx, state, id.into_inner(), true).await
}

pub async fn restore(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<ConferenceId>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    set_archived(ctx, state, id.into_inner(), false).await
}
