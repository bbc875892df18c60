//! Public registration and the participant's own page behind `/r/{token}`.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{html, see_other};
use crate::cache::Published;
use crate::calendar;
use crate::db::registrations::Registration;
use crate::db::{self, DbError};
use crate::domain::FieldErrors;
use crate::domain::ids::ConferenceId;
use crate::domain::registration::{
    self, FormUse, RegistrationDraft, RegistrationForm, RegistrationStatus,
};
use crate::flows;
use crate::flows::registration::{By, Outcome, Request};
use crate::i18n::Msg;
use crate::routes::access::Participant;
use crate::routes::error::AppError;
use crate::routes::extract::{CheckedForm, CsrfForm, NoFields};
use crate::state::AppState;
use crate::views::registration::{FormChoices, ManageView};
use crate::views::{self, Ctx};

/// A conference with what its registration form offers, and how many places are taken.
struct Loaded {
    page: Arc<Published>,
    confirmed: i64,
}

impl std::ops::Deref for Loaded {
    type Target = Published;

    fn deref(&self) -> &Published {
        &self.page
    }
}

/// Which conference to read: behind a public URL, or of a registration.
enum Lookup {
    Slug(String),
    Id(ConferenceId),
}

/// Reads a conference's public page, with its number of confirmed places.
async fn read(state: &AppState, lookup: Lookup) -> Result<Option<(Published, i64)>, AppError> {
    Ok(state
        .db
        .run(move |conn| {
            let conference = match &lookup {
                Lookup::Slug(slug) => db::conferences::find_by_slug(conn, slug)?,
                Lookup::Id(id) => db::conferences::find(conn, id)?,
            };
            let Some(conference) = conference else {
                return Ok::<_, DbError>(None);
            };
            let insights = db::insights::list(conn, &conference.id)?;
            let programme = db::programme::list(conn, &conference.id)?;
            let confirmed = db::registrations::count_with_status(
                conn,
                &conference.id,
                RegistrationStatus::Confirmed,
            )?;
            Ok(Some((
                Published::new(conference, insights, programme),
                confirmed,
            )))
        })
        .await?)
}

/// The conference behind a public URL, from the cache when it is there.
pub async fn published(
    state: &AppState,
    slug: String,
) -> Result<Option<(Arc<Published>, i64)>, AppError> {
    if let Some(found) = state.cache.get(&slug) {
        return Ok(Some(found));
    }
    let seen = state.cache.generation();
    let found = read(state, Lookup::Slug(slug.clone())).await?;
    Ok(found.map(|(page, confirmed)| {
        let page = Arc::new(page);
        state.cache.keep(seen, &slug, page.clone(), confirmed);
        (page, confirmed)
    }))
}

/// The conference of a registration, read afresh.
async fn load(state: &AppState, conference_id: ConferenceId) -> Result<Option<Loaded>, AppError> {
    let found = read(state, Lookup::Id(conference_id)).await?;
    Ok(found.map(|(page, confirmed)| Loaded {
        page: Arc::new(page),
        confirmed,
    }))
}

/// The conference behind a public URL; a concept only for organisers.
async fn load_public(ctx: &Ctx, state: &AppState, slug: String) -> Result<Loaded, AppError> {
    let (page, confirmed) = published(state, slug).await?.ok_or(AppError::NotFound)?;
    if !page.conference.is_public() && ctx.organiser.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(Loaded { page, confirmed })
}

impl Loaded {
    fn form_choices<'a>(&'a self, state: &'a AppState) -> FormChoices<'a> {
        FormChoices::new(&self.insights, &self.rounds, &state.settings.lists)
    }

    fn window(&self, now: chrono::NaiveDateTime) -> Result<(), Msg> {
        self.conference.registration_window(now)
    }

    fn full(&self) -> bool {
        self.confirmed >= i64::from(self.conference.capacity)
    }

    /// The registration form shown again with what was typed, and why it was refused.
    fn form_again(
        &self,
        ctx: &Ctx,
        state: &AppState,
        form: &RegistrationForm,
        errors: &FieldErrors,
    ) -> HttpResponse {
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::registration::form(
                ctx,
                &self.conference,
                form,
                errors,
                &self.form_choices(state),
                self.full(),
            ),
        )
    }
}

pub async fn form(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let loaded = load_public(&ctx, &state, slug.into_inner()).await?;
    if let Err(reason) = loaded.window(state.now()) {
        return Ok(views::registration::closed(
            &ctx,
            &loaded.conference,
            reason,
        ));
    }
    // Attending every round is what most people do; they untick what they miss.
    let form = RegistrationForm {
        rounds: loaded.rounds.iter().map(|r| r.id.to_string()).collect(),
        ..RegistrationForm::default()
    };
    Ok(views::registration::form(
        &ctx,
        &loaded.conference,
        &form,
        &FieldErrors::default(),
        &loaded.form_choices(&state),
        loaded.full(),
    ))
}

pub async fn submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    CheckedForm { form, token_ok }: CheckedForm<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let loaded = load_public(&ctx, &state, slug.into_inner()).await?;
    if !token_ok {
        // Stored nothing; the page carries a fresh token for the second try.
        ctx.flash(Msg::FormExpired);
        return Ok(loaded.form_again(&ctx, &state, &form, &FieldErrors::default()));
    }
    if let Err(reason) = loaded.window(state.now()) {
        return Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::registration::closed(&ctx, &loaded.conference, reason),
        ));
    }
    let draft = match form.parse(&loaded.form_choices(&state).allowed(), FormUse::New) {
        Ok(draft) => draft,
        Err(errors) => return Ok(loaded.form_again(&ctx, &state, &form, &errors)),
    };
    let outcome = register(
        &state,
        loaded.conference.id.clone(),
        draft,
        ctx.lang.code(),
        By::Participant,
    )
    .await?;
    match outcome {
        Outcome::Done(_) => Ok(see_other(&format!(
            "/c/{}/aangemeld",
            loaded.conference.slug
        ))),
        Outcome::Closed(reason) => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::registration::closed(&ctx, &loaded.conference, reason),
        )),
        Outcome::Stale => {
            // An insight or round went while the form was open: the form again, checked
            // against what is offered now (read afresh: the change that removed it may not
            // have emptied the cache yet).
            state.cache.invalidate();
            let loaded = load_public(&ctx, &state, loaded.conference.slug.clone()).await?;
            let errors = form.errors(&loaded.form_choices(&state).allowed(), FormUse::New);
            ctx.flash(Msg::FormChanged);
            Ok(loaded.form_again(&ctx, &state, &form, &errors))
        }
    }
}

/// Registers through the registrar: the registration and its mail in one transaction,
/// after which it wakes the mail worker. Shared by the public form and the organiser's
/// "add participant".
pub async fn register(
    state: &AppState,
    conference_id: ConferenceId,
    draft: RegistrationDraft,
    lang: &'static str,
    by: By,
) -> Result<Outcome, AppError> {
    let email = draft
        .email
        .as_ref()
        .map(|e| e.as_str().to_owned())
        .unwrap_or_default();
    Ok(state
        .registrar
        .register(Request {
            conference_id,
            email,
            draft,
            lang: lang.to_owned(),
            by,
        })
        .await?)
}

pub async fn thanks(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let loaded = load_public(&ctx, &state, slug.into_inner()).await?;
    Ok(views::registration::thanks(&ctx, &loaded.conference))
}

pub async fn privacy(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<Markup, AppError> {
    let loaded = load_public(&ctx, &state, slug.into_inner()).await?;
    let id = loaded.conference.id.clone();
    let texts = state
        .db
        .run(move |conn| db::conferences::texts(conn, &id))
        .await?;
    let statement = if texts.privacy_statement.trim().is_empty() {
        ctx.lang.tf(
            Msg::DefaultPrivacyStatement,
            &[&loaded.conference.contact_email],
        )
    } else {
        texts.privacy_statement
    };
    Ok(views::registration::privacy(
        &ctx,
        &loaded.conference,
        &statement,
    ))
}

/// The registration behind a manage link (read by the route table's guard), with its
/// conference.
async fn with_conference(
    state: &AppState,
    Participant(registration): Participant,
) -> Result<Option<(Registration, Loaded)>, AppError> {
    let loaded = load(state, registration.conference_id.clone()).await?;
    Ok(loaded.map(|l| (registration, l)))
}

fn unknown_link(ctx: &Ctx) -> HttpResponse {
    html(
        StatusCode::NOT_FOUND,
        views::registration::unknown_link(ctx),
    )
}

fn can_change(state: &AppState, loaded: &Loaded) -> bool {
    let c = &loaded.conference;
    registration::can_change(c.registration_closes_at, c.starts_at, state.now())
}

fn can_cancel(state: &AppState, loaded: &Loaded) -> bool {
    registration::can_cancel(loaded.conference.starts_at, state.now())
}

async fn render_manage(
    ctx: &Ctx,
    state: &AppState,
    registration: &Registration,
    loaded: &Loaded,
    form: &RegistrationForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let position = if registration.status() == RegistrationStatus::Waiting {
        let r = registration.clone();
        Some(
            state
                .db
                .run(move |conn| db::registrations::waiting_position(conn, &r))
                .await?,
        )
    } else {
        None
    };
    let token = state.mailer.participant_token(&registration.id);
    let r = registration.clone();
    let (programme, vote) = state
        .db
        .run(move |conn| {
            let vote = db::votes::find(conn, &r.conference_id)?.map(|v| v.state());
            Ok::<_, flows::FlowError>((flows::assignment::published_programme(conn, &r)?, vote))
        })
        .await?;
    let view = ManageView {
        vote: vote.unwrap_or(crate::domain::vote::VoteState::NotOpen),
        programme: &programme,
        conference: &loaded.conference,
        registration,
        token: &token,
        waiting_position: position,
        form,
        errors,
        choices: loaded.form_choices(state),
        can_change: can_change(state, loaded),
        can_cancel: can_cancel(state, loaded),
    };
    Ok(html(status, views::registration::manage(ctx, &view)))
}

pub async fn manage(
    ctx: Ctx,
    state: web::Data<AppState>,
    participant: Participant,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Ok(unknown_link(&ctx));
    };
    let id = registration.id.clone();
    let (preferences, rounds) = state
        .db
        .run(move |conn| {
            Ok::<_, DbError>((
                db::registrations::preferences(conn, &id)?,
                db::registrations::rounds(conn, &id)?,
            ))
        })
        .await?;
    let pref = |n: usize| {
        preferences
            .get(n)
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    let form = RegistrationForm {
        name: registration.name.clone(),
        organisation: registration.organisation.clone(),
        discipline: registration.discipline.clone(),
        municipality: registration.municipality.clone(),
        preference_1: pref(0),
        preference_2: pref(1),
        preference_3: pref(2),
        rounds: rounds.iter().map(|r| r.to_string()).collect(),
        diet: registration.diet.clone(),
        accessibility: registration.accessibility.clone(),
        ..RegistrationForm::default()
    };
    render_manage(
        &ctx,
        &state,
        &registration,
        &loaded,
        &form,
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn change(
    ctx: Ctx,
    state: web::Data<AppState>,
    participant: Participant,
    CsrfForm(form): CsrfForm<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Ok(unknown_link(&ctx));
    };
    if registration.status() == RegistrationStatus::Cancelled || !can_change(&state, &loaded) {
        ctx.flash(Msg::ChangeRefused);
        return render_manage(
            &ctx,
            &state,
            &registration,
            &loaded,
            &form,
            &FieldErrors::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let draft = match form.parse(&loaded.form_choices(&state).allowed(), FormUse::Change) {
        Ok(draft) => draft,
        Err(errors) => {
            return render_manage(
                &ctx,
                &state,
                &registration,
                &loaded,
                &form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let r = registration.clone();
    let now = state.now();
    let effects = state
        .db
        .run(move |conn| flows::registration::change(conn, &r, &draft, now))
        .await?;
    state.apply(effects);
    ctx.flash(Msg::RegistrationChanged);
    Ok(see_other(&format!(
        "/r/{}",
        state.mailer.participant_token(&registration.id)
    )))
}

pub async fn cancel_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    participant: Participant,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Ok(unknown_link(&ctx));
    };
    if registration.status() == RegistrationStatus::Cancelled || !can_cancel(&state, &loaded) {
        return Ok(see_other(&format!(
            "/r/{}",
            state.mailer.participant_token(&registration.id)
        )));
    }
    Ok(html(
        StatusCode::OK,
        views::registration::cancel_confirm(
            &ctx,
            &loaded.conference,
            &state.mailer.participant_token(&registration.id),
        ),
    ))
}

pub async fn cancel(
    ctx: Ctx,
    state: web::Data<AppState>,
    participant: Participant,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Ok(unknown_link(&ctx));
    };
    if !can_cancel(&state, &loaded) {
        ctx.flash(Msg::CancelRefused);
        return Ok(see_other(&format!(
            "/r/{}",
            state.mailer.participant_token(&registration.id)
        )));
    }
    let conference_id = loaded.conference.id.clone();
    let id = registration.id.clone();
    let mailer = state.mailer.clone();
    let now = state.now();
    let (_, effects) = state
        .db
        .run(move |conn| flows::registration::cancel(conn, &mailer, &conference_id, &id, now))
        .await?;
    state.apply(effects);
    ctx.flash(Msg::RegistrationCancelled);
    Ok(see_other(&format!(
        "/r/{}",
        state.mailer.participant_token(&registration.id)
    )))
}

fn calendar_response(name: &str, ics: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}.ics\""),
        ))
        .body(ics)
}

/// The conference as a calendar feed anyone can subscribe to.
pub async fn feed(
    ctx: Ctx,
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load_public(&ctx, &state, slug.into_inner()).await?;
    let c = &loaded.conference;
    let id = c.id.clone();
    let texts = state
        .db
        .run(move |conn| db::conferences::texts(conn, &id))
        .await?;
    let mailer = &state.mailer;
    let event = calendar::Event {
        uid: format!("{}@werkconf", c.id),
        sequence: texts.calendar_sequence.max(0) as u32,
        summary: c.title.clone(),
        description: format!("{}\n\n{}", mailer.public_link(&c.slug), c.description),
        location: c.location(),
        starts_at: c.starts_at,
        ends_at: c.ends_at,
        url: Some(mailer.public_link(&c.slug)),
        status_cancelled: false,
    };
    Ok(calendar_response(
        &c.slug,
        calendar::feed(&c.title, &[event], state.now()),
    ))
}

/// A confirmed participant's own event, to add to their calendar by hand; the same UID as
/// the invite in their mail, so the two never show up twice.
pub async fn participant_ics(
    ctx: Ctx,
    state: web::Data<AppState>,
    participant: Participant,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Ok(unknown_link(&ctx));
    };
    if registration.status() != RegistrationStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let id = loaded.conference.id.clone();
    let texts = state
        .db
        .run(move |conn| db::conferences::texts(conn, &id))
        .await?;
    let event = flows::registration::event(
        &state.mailer,
        &loaded.conference,
        &registration,
        texts.calendar_sequence,
    );
    Ok(calendar_response(
        &loaded.conference.slug,
        calendar::feed(&loaded.conference.title, &[event], state.now()),
    ))
}

/// The participant's published breakout programme as a calendar feed: one event per
/// session (time, room, insight), each with a UID of its own that a re-publication keeps.
pub async fn programme_ics(
    state: web::Data<AppState>,
    participant: Participant,
) -> Result<HttpResponse, AppError> {
    let Some((registration, loaded)) = with_conference(&state, participant).await? else {
        return Err(AppError::NotFound);
    };
    if registration.status() != RegistrationStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let r = registration.clone();
    let cid = loaded.conference.id.clone();
    let (programme, rounds, sequence) = state
        .db
        .run(move |conn| {
            Ok::<_, AppError>((
                flows::assignment::published_programme(conn, &r)?,
                db::groups::offer(conn, &cid)?.rounds,
                // Raised at every publication, so a moved session replaces the old one.
                db::conferences::texts(conn, &cid)?.calendar_sequence,
            ))
        })
        .await?;
    let c = &loaded.conference;
    let events: Vec<calendar::Event> = programme
        .iter()
        .filter_map(|s| {
            let round = rounds.iter().find(|x| x.title == s.round)?;
            Some(calendar::Event {
                uid: format!("{}-{}@werkconf", registration.id, round.id),
                sequence: sequence.max(0) as u32,
                summary: format!("{}: {}", s.round, s.insight),
                description: format!("{}\n{}", s.question_professional, s.question_together),
                location: format!("{}, {}", s.room, c.location()),
                starts_at: round.starts_at,
                ends_at: round.ends_at,
                url: Some(state.mailer.manage_link(&registration.id)),
                status_cancelled: false,
            })
        })
        .collect();
    Ok(calendar_response(
        "programma",
        calendar::feed(&c.title, &events, state.now()),
    ))
}
