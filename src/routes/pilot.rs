//! A pilot owner's link, `/p/{token}`: the pilot, a form for progress or an evaluation,
//! and its timeline. The link reaches that pilot and nothing else, and stops working
//! when the pilot gets another owner.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{html, see_other};
use crate::domain::FieldErrors;
use crate::domain::pilot::{UpdateForm, UpdateKind};
use crate::flows;
use crate::flows::pilot::today;
use crate::routes::access::PilotOwner;
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::Ctx;

fn action(req: &HttpRequest) -> String {
    format!("/p/{}", req.match_info().get("token").unwrap_or_default())
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Saved {
    pub opgeslagen: String,
}

async fn page_as(
    ctx: &Ctx,
    state: &AppState,
    req: &HttpRequest,
    pilot: crate::db::pilots::Pilot,
    form: UpdateForm,
    errors: FieldErrors,
    saved: bool,
) -> Result<HttpResponse, AppError> {
    let id = pilot.id.clone();
    let updates = state
        .db
        .run(move |conn| crate::db::pilots::updates(conn, &id))
        .await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html(
        status,
        crate::views::pilots::owner(
            ctx,
            &crate::views::pilots::OwnerView {
                pilot: &pilot,
                updates: &updates,
                form: &form,
                errors: &errors,
                saved,
                action: action(req),
                today: today(state.now()),
            },
        ),
    ))
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    PilotOwner(pilot): PilotOwner,
    query: web::Query<Saved>,
) -> Result<HttpResponse, AppError> {
    let saved = !query.opgeslagen.is_empty();
    page_as(
        &ctx,
        &state,
        &req,
        pilot,
        UpdateForm::default(),
        FieldErrors::default(),
        saved,
    )
    .await
}

pub async fn post(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    PilotOwner(pilot): PilotOwner,
    super::extract::CsrfForm(form): super::extract::CsrfForm<UpdateForm>,
) -> Result<HttpResponse, AppError> {
    let (now, p, f) = (state.now(), pilot.clone(), form.clone());
    let author = pilot.owner_name.clone();
    let outcome = state
        .db
        .run(move |conn| {
            flows::pilot::post_update(
                conn,
                &p,
                &f,
                &[UpdateKind::Progress, UpdateKind::Evaluation],
                &author,
                now,
            )
        })
        .await?;
    match outcome {
        Ok(()) => Ok(see_other(&format!("{}?opgeslagen=1", action(&req)))),
        Err(errors) => page_as(&ctx, &state, &req, pilot, form, errors, false).await,
    }
}
