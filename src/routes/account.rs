use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::auth::{self, SESSION_ORGANISER, SessionOrganiser};
use crate::db;
use crate::domain::account::{LoginForm, safe_next};
use crate::i18n::Msg;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields, Organiser};
use crate::state::AppState;
use crate::views::{self, Ctx};

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let next = query.next.clone().unwrap_or_default();
    if ctx.organiser.is_some() {
        return Ok(super::see_other(safe_next(&next).unwrap_or("/beheer")));
    }
    let none_yet = state.db.run(db::organisers::count).await? == 0;
    let form = LoginForm {
        next,
        ..LoginForm::default()
    };
    Ok(super::html(
        StatusCode::OK,
        views::beheer::login(&ctx, &form, None, none_yet),
    ))
}

/// Who is logging in: the connection's address, or, behind a trusted reverse proxy, the
/// last address in the header it sets (the one the proxy itself added).
fn client_address(req: &HttpRequest, header: &str) -> String {
    let from_proxy = (!header.is_empty())
        .then(|| req.headers().get(header))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    from_proxy.unwrap_or_else(|| {
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_default()
    })
}

pub async fn login(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let address = client_address(&req, &state.settings.server.client_address_header);
    let email = form.email.trim().to_lowercase();
    let shown = LoginForm {
        password: String::new(),
        ..form.clone()
    };
    if let Err(wait) = state
        .limiter
        .try_attempt(&email, &address, std::time::Instant::now())
    {
        let seconds = u64::try_from(wait.as_millis().div_ceil(1000)).unwrap_or(u64::MAX);
        let minutes = seconds.div_ceil(60).max(1);
        let text = ctx.lang.tf(Msg::LoginBlocked, &[&minutes.to_string()]);
        let mut res = super::html(
            StatusCode::TOO_MANY_REQUESTS,
            views::beheer::login(&ctx, &shown, Some(&text), false),
        );
        if let Ok(value) = seconds.max(1).to_string().parse() {
            res.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, value);
        }
        return Ok(res);
    }
    let lookup = email.clone();
    let organiser = state
        .db
        .run(move |conn| db::organisers::find_by_email(conn, &lookup))
        .await?;
    let hash = organiser.as_ref().map(|o| o.password_hash.clone());
    let password = form.password.clone();
    let valid = web::block(move || auth::verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| anyhow::anyhow!("password check: {e}"))?;
    let Some(organiser) = organiser.filter(|_| valid) else {
        tracing::info!("login failed");
        return Ok(super::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::beheer::login(&ctx, &shown, Some(ctx.t(Msg::LoginFailed)), false),
        ));
    };
    state.limiter.record_success(&email, &address);
    let now = state.now();
    let expires = now + chrono::Duration::hours(auth::SESSION_HOURS);
    let organiser_id = organiser.id.clone();
    let login = state
        .db
        .run(move |conn| db::organisers::start_session(conn, &organiser_id, now, expires))
        .await?;
    // A new session id on login, so a session planted before cannot be taken over.
    let session = ctx.session();
    session.renew();
    session
        .insert(
            SESSION_ORGANISER,
            SessionOrganiser::new(organiser.id, organiser.name, login),
        )
        .map_err(|e| anyhow::anyhow!("session: {e}"))?;
    session.remove(auth::SESSION_CSRF);
    tracing::info!("login succeeded");
    Ok(super::see_other(safe_next(&form.next).unwrap_or("/beheer")))
}

/// Ends this login on the server too, so a copy of the cookie no longer works.
pub async fn logout(
    ctx: Ctx,
    state: web::Data<AppState>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    if let Some(login) = ctx.organiser.as_ref().map(|o| o.session.clone()) {
        state
            .db
            .run(move |conn| db::organisers::end_session(conn, &login))
            .await?;
    }
    ctx.session().purge();
    Ok(super::see_other("/"))
}

/// Ends every login of this organiser, on every device (a lost laptop, a shared computer).
pub async fn logout_everywhere(
    ctx: Ctx,
    who: Organiser,
    state: web::Data<AppState>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let organiser_id = who.0.id.clone();
    state
        .db
        .run(move |conn| db::organisers::end_all_sessions(conn, &organiser_id))
        .await?;
    ctx.session().purge();
    Ok(super::see_other("/"))
}
