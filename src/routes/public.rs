use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::domain::account::safe_next;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::{self, Ctx};

pub async fn home(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let conferences = state.db.run(db::conferences::list_public).await?;
    Ok(views::public::home(&ctx, &conferences))
}

pub async fn conference(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let (page, _) = super::registration::published(&state, slug.into_inner())
        .await?
        .ok_or(AppError::NotFound)?;
    let c = &page.conference;
    // A concept is only shown to organisers, as a preview.
    if !c.is_public() && ctx.organiser.is_none() {
        return Err(AppError::NotFound);
    }
    // Pilots reporting back here, with what they learned last (not cached: few, small).
    let id = c.id.clone();
    let pilots = state
        .db
        .run(move |conn| {
            let mut out = Vec::new();
            for p in db::pilots::feedback_at(conn, &id)? {
                let learned = db::pilots::updates(conn, &p.id)?
                    .into_iter()
                    .rev()
                    .find(|u| u.kind == crate::domain::pilot::UpdateKind::Evaluation)
                    .map(|u| u.learned);
                out.push((p, learned));
            }
            Ok::<_, db::DbError>(out)
        })
        .await?;
    Ok(views::public::conference(
        &ctx,
        c,
        &page.insights,
        &page.programme,
        &pilots,
        state.now(),
    ))
}

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let engine = match state.db.engine() {
        db::Engine::Sqlite => "sqlite",
        db::Engine::Postgres => "postgresql",
    };
    let version = env!("CARGO_PKG_VERSION");
    if state.db.ping().await {
        HttpResponse::Ok().json(serde_json::json!({
            "status": "ok", "database": "ok", "engine": engine, "version": version,
        }))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "error", "database": "unavailable", "engine": engine, "version": version,
        }))
    }
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    terug: Option<String>,
}

/// Remembers the chosen language for a year and goes back to the page it came from.
pub async fn switch_language(
    lang: web::Path<String>,
    query: web::Query<SwitchQuery>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&lang).ok_or(AppError::NotFound)?;
    let back = query.terug.as_deref().and_then(safe_next).unwrap_or("/");
    let cookie = Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .finish();
    let mut response = super::see_other(back);
    response.add_cookie(&cookie).map_err(anyhow::Error::from)?;
    Ok(response)
}
