use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{conference_url, load_conference};
use crate::db;
use crate::domain::FieldErrors;
use crate::domain::programme::ProgrammeForm;
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
    let form = ProgrammeForm {
        kind: "round".to_owned(),
        starts_at: crate::domain::time::input_value(c.starts_at),
        ends_at: crate::domain::time::input_value(c.starts_at + chrono::Duration::hours(1)),
        ..ProgrammeForm::default()
    };
    Ok(views::beheer::programme_form(
        &ctx,
        &c,
        &form,
        &FieldErrors::default(),
        None,
    ))
}

pub async fn create(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<ProgrammeForm>,
) -> Result<HttpResponse, AppError> {
    let c = load_conference(&state.db, id.into_inner()).await?;
    let draft = match form.parse(c.starts_at, c.ends_at) {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::beheer::programme_form(&ctx, &c, &form, &errors, None),
            ));
        }
    };
    let conference_id = c.id.clone();
    state
        .db
        .run(move |conn| db::programme::create(conn, &conference_id, &draft))
        .await?;
    state.apply(Effects::forget(&c.id));
    ctx.flash(Msg::ProgrammeSaved);
    Ok(see_other(&format!("{}#programma", conference_url(&c.id))))
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
    let found = state
        .db
        .run(move |conn| db::programme::find(conn, &conference_id, &item))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(views::beheer::programme_form(
        &ctx,
        &c,
        &found.to_form(),
        &FieldErrors::default(),
        Some(&found.id),
    ))
}

pub async fn update(
    ctx: Ctx,
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<ProgrammeForm>,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let c = load_conference(&state.db, id).await?;
    let draft = match form.parse(c.starts_at, c.ends_at) {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::beheer::programme_form(&ctx, &c, &form, &errors, Some(&item)),
            ));
        }
    };
    let conference_id = c.id.clone();
    let found = state
        .db
        .run(move |conn| db::programme::update(conn, &conference_id, &item, &draft))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&c.id));
    ctx.flash(Msg::ProgrammeSaved);
    Ok(see_other(&format!("{}#programma", conference_url(&c.id))))
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
        .run(move |conn| db::programme::delete(conn, &conference_id, &item))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&id));
    ctx.flash(Msg::ProgrammeDeleted);
    Ok(see_other(&format!("{}#programma", conference_url(&id))))
}
