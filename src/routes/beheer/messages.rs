//! Messages to participants and the outbox: compose with a preview, send as one batch,
//! follow its progress, and retry what failed.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{conference_url, load_roster};
use crate::db;
use crate::db::read::roster::Roster;
use crate::db::registrations::Registration;
use crate::domain::ids::{ConferenceId, MessageId};
use crate::domain::message::MessageForm;
use crate::domain::registration::RegistrationStatus;
use crate::domain::{FieldErrors, Problem};
use crate::flows;
use crate::flows::effects::Effects;
use crate::i18n::Msg;
use crate::mail;
use crate::notify::Composed;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::{self, Ctx};

/// Who gets the message: the filter, and never the cancelled unless asked for.
pub fn recipients<'a>(roster: &'a Roster, form: &MessageForm) -> Vec<&'a Registration> {
    let filter = form.filter();
    roster
        .rows(&filter)
        .into_iter()
        .map(|row| row.registration)
        .filter(|r| !form.status.is_empty() || r.status() != RegistrationStatus::Cancelled)
        .collect()
}

pub async fn compose(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
) -> Result<Markup, AppError> {
    let roster = load_roster(&state, conference).await?;
    let form = MessageForm::default();
    let count = recipients(&roster, &form).len();
    Ok(views::messages::compose(
        &ctx,
        &roster,
        &form,
        &FieldErrors::default(),
        count,
        None,
        &state.settings.lists,
    ))
}

pub async fn submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let roster = load_roster(&state, conference).await?;
    let chosen: Vec<Registration> = recipients(&roster, &form).into_iter().cloned().collect();
    let parsed = form.parse().and_then(|parsed| {
        if chosen.is_empty() {
            let mut e = FieldErrors::default();
            e.add("status", Problem::new(Msg::ErrNoRecipients));
            Err(e)
        } else {
            Ok(parsed)
        }
    });
    let (subject, body) = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::messages::compose(
                    &ctx,
                    &roster,
                    &form,
                    &errors,
                    chosen.len(),
                    None,
                    &state.settings.lists,
                ),
            ));
        }
    };
    if form.action != "send" || !db::is_key(&form.batch) {
        let mut form = form.clone();
        form.batch = db::new_id();
        let preview: Composed = flows::broadcast::compose(
            &state.mailer,
            &roster.conference,
            &chosen[0],
            &subject,
            &body,
        );
        return Ok(html(
            StatusCode::OK,
            views::messages::compose(
                &ctx,
                &roster,
                &form,
                &FieldErrors::default(),
                chosen.len(),
                Some((&chosen[0], &preview)),
                &state.settings.lists,
            ),
        ));
    }
    let mailer = state.mailer.clone();
    let conference = roster.conference.clone();
    let message = flows::broadcast::Message {
        subject,
        body,
        batch: form.batch.clone(),
    };
    let now = state.now();
    let effects = state
        .db
        .run(move |conn| flows::broadcast::send(conn, &mailer, &conference, &chosen, &message, now))
        .await?;
    state.apply(effects);
    let batch = &form.batch;
    Ok(see_other(&format!(
        "{}/berichten/{batch}",
        conference_url(&roster.conference.id)
    )))
}

pub async fn progress(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    path: web::Path<(ConferenceId, String)>,
) -> Result<Markup, AppError> {
    let (_, batch) = path.into_inner();
    let (key, cid) = (batch.clone(), conference.id.clone());
    let counts = state
        .db
        .run(move |conn| mail::outbox::conference_batch_counts(conn, &cid, &key))
        .await?;
    if counts.total() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(views::messages::progress(
        &ctx,
        &conference,
        &batch,
        &counts,
    ))
}

/// The same counts as JSON, for the page's script to follow without reloading.
pub async fn progress_json(
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    path: web::Path<(ConferenceId, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, batch) = path.into_inner();
    let counts = state
        .db
        .run(move |conn| mail::outbox::conference_batch_counts(conn, &conference.id, &batch))
        .await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({
        "total": counts.total(),
        "sent": counts.sent,
        "pending": counts.pending(),
        "failed": counts.failed,
    })))
}

#[derive(Deserialize)]
pub struct PageQuery {
    pagina: Option<i64>,
}

pub async fn outbox(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    query: web::Query<PageQuery>,
) -> Result<Markup, AppError> {
    let cid = conference.id.clone();
    let page = query.pagina.unwrap_or(1).clamp(1, 1_000_000);
    let (counts, messages) = state
        .db
        .run(move |conn| {
            Ok::<_, db::DbError>((
                mail::outbox::counts(conn, Some(&cid))?,
                mail::outbox::list_recent(
                    conn,
                    Some(&cid),
                    None,
                    db::outbox::PAGE,
                    (page - 1) * db::outbox::PAGE,
                )?,
            ))
        })
        .await?;
    Ok(views::messages::outbox(
        &ctx,
        &conference,
        &counts,
        &messages,
        page,
    ))
}

pub async fn retry(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    path: web::Path<(ConferenceId, MessageId)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (_, message) = path.into_inner();
    let cid = conference.id.clone();
    let now = state.now();
    let retried = state
        .db
        .run(move |conn| {
            let belongs = db::outbox::find(conn, &message)?
                .is_some_and(|m| m.conference_id.as_deref() == Some(cid.as_str()));
            if !belongs {
                return Ok(false);
            }
            mail::outbox::retry(conn, &message, now)
        })
        .await?;
    if retried {
        state.apply(Effects::mail());
        ctx.flash(Msg::MailRetried);
    }
    Ok(see_other(&format!(
        "{}/mail",
        conference_url(&conference.id)
    )))
}
