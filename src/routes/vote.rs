//! Voting: the participant's ballot behind their own link (`/r/{token}/stemmen`), and the
//! way in through the conference's QR code (`/c/{slug}/stemmen`): the address, a code
//! mailed to it, and then the ballot.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::extract::CsrfForm;
use super::{html, see_other};
use crate::db::read::wall::{Shown, WallRead};
use crate::db::registrations::Registration;
use crate::domain::email::Email;
use crate::domain::vote::BallotForm;
use crate::domain::{FieldErrors, Problem};
use crate::flows;
use crate::i18n::Msg;
use crate::routes::access::Participant;
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::vote::BallotView;
use crate::views::{self, Ctx};

/// `?opgeslagen=1` after a ballot was stored.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Saved {
    pub opgeslagen: String,
}

fn action(req: &HttpRequest) -> String {
    format!(
        "/r/{}/stemmen",
        req.match_info().get("token").unwrap_or_default()
    )
}

/// The ballot page, with the dots stored (or `sent`, as refused) and its problem.
async fn ballot_page(
    ctx: &Ctx,
    state: &AppState,
    req: &HttpRequest,
    voter: Registration,
    sent: Option<HashMap<String, u32>>,
    problem: Option<Problem>,
    saved: bool,
) -> Result<HttpResponse, AppError> {
    let domains = state.settings.lists.domains.clone();
    let (read, (version, stored)) = state
        .db
        .run(move |conn| {
            let Some(c) = crate::db::conferences::find(conn, &voter.conference_id)? else {
                return Err(crate::db::DbError::Query(diesel::result::Error::NotFound));
            };
            let read = WallRead::load(conn, c, Shown::WALL, &domains)?;
            Ok((read, crate::db::votes::ballot(conn, &voter.id)?))
        })
        .await?;
    let dots = match sent {
        Some(sent) => read
            .points()
            .iter()
            .filter_map(|p| sent.get(p.id.as_str()).map(|n| (p.id.clone(), *n)))
            .collect(),
        None => stored
            .into_iter()
            .map(|(id, n)| (id, n.max(0) as u32))
            .collect(),
    };
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let view = BallotView {
        read: &read,
        action: action(req),
        version,
        dots,
        problem,
        saved,
    };
    Ok(html(status, views::vote::ballot(ctx, &view)))
}

pub async fn ballot(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Participant(voter): Participant,
    query: web::Query<Saved>,
) -> Result<HttpResponse, AppError> {
    let saved = !query.opgeslagen.is_empty();
    ballot_page(&ctx, &state, &req, voter, None, None, saved).await
}

pub async fn cast(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    Participant(voter): Participant,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = BallotForm::from_fields(&fields);
    let (now, who) = (state.now(), voter.clone());
    let sent = form.clone();
    let (outcome, effects) = state
        .db
        .run(move |conn| flows::vote::cast(conn, &who, &form, now))
        .await?;
    state.apply(effects);
    match outcome {
        Ok(()) => Ok(see_other(&format!("{}?opgeslagen=1", action(&req)))),
        Err(problem) => {
            // A stale ballot is shown as it is stored now; anything else as it was sent.
            let shown = (problem.msg != Msg::ErrBallotStale).then(|| {
                sent.dots
                    .iter()
                    .filter_map(|(k, v)| v.trim().parse::<u32>().ok().map(|n| (k.clone(), n)))
                    .collect()
            });
            ballot_page(&ctx, &state, &req, voter, shown, Some(problem), false).await
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CodeForm {
    pub email: String,
    pub code: String,
}

async fn conference(
    state: &AppState,
    req: &HttpRequest,
) -> Result<crate::db::conferences::Conference, AppError> {
    let slug = req.match_info().get("slug").unwrap_or_default().to_owned();
    state
        .db
        .run(move |conn| crate::db::conferences::find_by_slug(conn, &slug))
        .await?
        .ok_or(AppError::NotFound)
}

/// `/c/{slug}/stemmen`: ask for a code.
pub async fn code_start(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let c = conference(&state, &req).await?;
    Ok(html(
        StatusCode::OK,
        views::vote::code_form(&ctx, &c, "", false, &FieldErrors::default()),
    ))
}

/// Mails a code to the address, when it belongs to a confirmed participant; the page says
/// the same either way.
pub async fn code_request(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let c = conference(&state, &req).await?;
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(p) => {
            let mut errors = FieldErrors::default();
            errors.add("email", p);
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::vote::code_form(&ctx, &c, &form.email, false, &errors),
            ));
        }
    };
    let (mailer, now, conf, address) = (
        state.mailer.clone(),
        state.now(),
        c.clone(),
        email.as_str().to_owned(),
    );
    let effects = state
        .db
        .run(move |conn| flows::vote::request_code(conn, &mailer, &conf, &address, now))
        .await?;
    state.apply(effects);
    Ok(html(
        StatusCode::OK,
        views::vote::code_form(&ctx, &c, email.as_str(), true, &FieldErrors::default()),
    ))
}

/// The code from the mail: on to the participant's own ballot.
pub async fn code_redeem(
    ctx: Ctx,
    state: web::Data<AppState>,
    req: HttpRequest,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let c = conference(&state, &req).await?;
    let code: String = form.code.chars().filter(|ch| !ch.is_whitespace()).collect();
    let mut errors = FieldErrors::default();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("code", Problem::new(Msg::ErrVoteCodeFormat));
    } else {
        let (id, now, email) = (c.id.clone(), state.now(), form.email.clone());
        let found = state
            .db
            .run(move |conn| flows::vote::redeem_code(conn, &id, &email, &code, now))
            .await?;
        match found {
            Some(voter) => {
                let token = state.mailer.participant_token(&voter);
                return Ok(see_other(&format!("/r/{token}/stemmen")));
            }
            None => errors.add("code", Problem::new(Msg::ErrVoteCode)),
        }
    }
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::vote::code_form(&ctx, &c, &form.email, true, &errors),
    ))
}
