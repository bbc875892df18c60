use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{conference_url, load_conference};
use crate::db;
use crate::domain::FieldErrors;
use crate::domain::insight::InsightForm;
use crate::flows::effects::Effects;
use crate::i18n::Msg;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields, Organiser};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::{self, Ctx};

pub async fn new_form(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<Markup, AppError> {
    let c = load_conference(&state.db, id.into_inner()).await?;
    Ok(views::beheer::insight_form(
        &ctx,
        &c,
        &InsightForm::new_defaults(),
        &FieldErrors::default(),
        None,
    ))
}

pub async fn create(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<InsightForm>,
) -> Result<HttpResponse, AppError> {
    let c = load_conference(&state.db, id.into_inner()).await?;
    let draft = match form.parse() {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::beheer::insight_form(&ctx, &c, &form, &errors, None),
            ));
        }
    };
    let conference_id = c.id.clone();
    let now = state.now();
    state
        .db
        .run(move |conn| db::insights::create(conn, &conference_id, &draft, now))
        .await?;
    state.apply(Effects::forget(&c.id));
    ctx.flash(Msg::InsightSaved);
    Ok(see_other(&format!("{}#inzichten", conference_url(&c.id))))
}

pub async fn edit_form(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<Markup, AppError> {
    let (id, item) = path.into_inner();
    let c = load_conference(&state.db, id).await?;
    let conference_id = c.id.clone();
    let insight = state
        .db
        .run(move |conn| db::insights::find(conn, &conference_id, &item))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(views::beheer::insight_form(
        &ctx,
        &c,
        &insight.to_form(),
        &FieldErrors::default(),
        Some(&insight.id),
    ))
}

pub async fn update(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<InsightForm>,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let c = load_conference(&state.db, id).await?;
    let draft = match form.parse() {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::beheer::insight_form(&ctx, &c, &form, &errors, Some(&item)),
            ));
        }
    };
    let conference_id = c.id.clone();
    let found = state
        .db
        .run(move |conn| db::insights::update(conn, &conference_id, &item, &draft))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&c.id));
    ctx.flash(Msg::InsightSaved);
    Ok(see_other(&format!("{}#inzichten", conference_url(&c.id))))
}

pub async fn delete(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let conference_id = id.clone();
    let found = state
        .db
        .run(move |conn| db::insights::delete(conn, &conference_id, &item))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&id));
    ctx.flash(Msg::InsightDeleted);
    Ok(see_other(&format!("{}#inzichten", conference_url(&id))))
}

async fn shift(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    up: bool,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let conference_id = id.clone();
    state
        .db
        .run(move |conn| db::insights::shift(conn, &conference_id, &item, up))
        .await?;
    state.apply(Effects::forget(&id));
    Ok(see_other(&format!("{}#inzichten", conference_url(&id))))
}

pub async fn move_up(
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    shift(state, path, true).await
}

pub async fn move_down(
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    shift(state, path, false).await
}
