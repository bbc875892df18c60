//! The organiser's participant list: search, filters, counts, CSV, add and cancel by hand.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::{conference_url, load_roster};
use crate::db;
use crate::domain::FieldErrors;
use crate::domain::ids::{ConferenceId, RegistrationId};
use crate::domain::registration::{
    FormUse, ParticipantFilter, RegistrationForm, RegistrationStatus,
};
use crate::flows;
use crate::flows::registration::{By, Outcome};
use crate::i18n::{Lang, Msg};
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::participants::ListView;
use crate::views::registration::FormChoices;
use crate::views::{self, Ctx};

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    filter: web::Query<ParticipantFilter>,
) -> Result<Markup, AppError> {
    let roster = load_roster(&state, conference).await?;
    let rows = roster.rows(&filter);
    Ok(views::participants::list(
        &ctx,
        &ListView {
            roster: &roster,
            rows: &rows,
            filter: &filter,
            disciplines: &state.settings.lists.disciplines,
            municipalities: &state.settings.lists.municipalities,
            query: csv_query(&filter),
        },
    ))
}

fn csv_query(filter: &ParticipantFilter) -> String {
    serde_html_form::to_string([
        ("q", &filter.q),
        ("status", &filter.status),
        ("discipline", &filter.discipline),
        ("municipality", &filter.municipality),
        ("insight", &filter.insight),
    ])
    .unwrap_or_default()
}

/// The list as CSV (see [`super::csv_download`]), dates as 11-03-2027 09:30.
pub async fn csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    filter: web::Query<ParticipantFilter>,
) -> Result<HttpResponse, AppError> {
    let roster = load_roster(&state, conference).await?;
    let lang = ctx.lang;
    let header = [
        lang.t(Msg::FieldName),
        lang.t(Msg::FieldEmail),
        lang.t(Msg::FieldOrganisation),
        lang.t(Msg::FieldDiscipline),
        lang.t(Msg::FieldMunicipality),
        lang.t(Msg::FieldStatus),
        lang.t(Msg::WaitingListPlace),
        lang.t(Msg::FieldPreference1),
        lang.t(Msg::FieldPreference2),
        lang.t(Msg::FieldPreference3),
        lang.t(Msg::FieldRounds),
        lang.t(Msg::FieldDiet),
        lang.t(Msg::FieldAccessibility),
        lang.t(Msg::RegisteredAt),
    ];
    let rows = roster.rows(&filter).into_iter().map(|row| {
        let r = row.registration;
        let pref = |n: usize| row.preferences.get(n).copied().unwrap_or("").to_owned();
        vec![
            r.name.clone(),
            r.email.clone(),
            r.organisation.clone(),
            r.discipline.clone(),
            r.municipality.clone(),
            lang.t(r.status().label()).to_owned(),
            row.waiting_position
                .map(|p| p.to_string())
                .unwrap_or_default(),
            pref(0),
            pref(1),
            pref(2),
            row.rounds.join(", "),
            r.diet.clone(),
            r.accessibility.clone(),
            crate::domain::time::to_local(r.created_at)
                .format("%d-%m-%Y %H:%M")
                .to_string(),
        ]
    });
    super::csv_download(
        &format!("deelnemers-{}.csv", roster.conference.slug),
        &header,
        rows,
    )
}

pub async fn add_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
) -> Result<Markup, AppError> {
    let roster = load_roster(&state, conference).await?;
    let form = RegistrationForm {
        rounds: roster.rounds.iter().map(|r| r.id.to_string()).collect(),
        ..RegistrationForm::default()
    };
    let form_choices = FormChoices::new(&roster.insights, &roster.rounds, &state.settings.lists);
    Ok(views::participants::add_form(
        &ctx,
        &roster.conference,
        &form,
        &FieldErrors::default(),
        &form_choices,
    ))
}

/// Adds a participant by hand: same rules as the public form (capacity, waiting list,
/// no duplicates), without the consent box, which the organiser handles outside werkconf.
pub async fn add(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    CsrfForm(mut form): CsrfForm<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let roster = load_roster(&state, conference).await?;
    form.consent = "organisator".to_owned();
    let form_choices = FormChoices::new(&roster.insights, &roster.rounds, &state.settings.lists);
    let draft = match form.parse(&form_choices.allowed(), FormUse::New) {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::participants::add_form(
                    &ctx,
                    &roster.conference,
                    &form,
                    &errors,
                    &form_choices,
                ),
            ));
        }
    };
    let outcome = crate::routes::registration::register(
        &state,
        roster.conference.id.clone(),
        draft,
        Lang::Nl.code(),
        By::Organiser,
    )
    .await?;
    ctx.flash(match outcome {
        Outcome::Done(done) => match *done {
            db::registrations::Registered::New(_) => Msg::ParticipantAdded,
            db::registrations::Registered::Existing(_) => Msg::ParticipantExists,
        },
        Outcome::Closed(_) => return Err(AppError::NotFound),
        Outcome::Stale => {
            // An insight or round went while the form was open: the form again, checked
            // against what is offered now.
            let roster = load_roster(&state, roster.conference.clone()).await?;
            let choices = FormChoices::new(&roster.insights, &roster.rounds, &state.settings.lists);
            let errors = form.errors(&choices.allowed(), FormUse::New);
            ctx.flash(Msg::FormChanged);
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::participants::add_form(&ctx, &roster.conference, &form, &errors, &choices),
            ));
        }
    });
    Ok(see_other(&format!(
        "{}/deelnemers",
        conference_url(&roster.conference.id)
    )))
}

pub async fn cancel_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    path: web::Path<(ConferenceId, RegistrationId)>,
) -> Result<Markup, AppError> {
    let (_, registration) = path.into_inner();
    let cid = conference.id.clone();
    let found = state
        .db
        .run(move |conn| db::registrations::find(conn, &registration))
        .await?
        .filter(|r| r.conference_id == cid && r.status() != RegistrationStatus::Cancelled)
        .ok_or(AppError::NotFound)?;
    Ok(views::participants::cancel_confirm(
        &ctx,
        &conference,
        &found,
    ))
}

pub async fn cancel(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    path: web::Path<(ConferenceId, RegistrationId)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (_, registration) = path.into_inner();
    let c = conference.clone();
    let mailer = state.mailer.clone();
    let now = state.now();
    let done = state
        .db
        .run(move |conn| {
            let belongs = db::registrations::find(conn, &registration)?
                .is_some_and(|r| r.conference_id == c.id);
            if !belongs {
                return Ok(None);
            }
            flows::registration::cancel(conn, &mailer, &c.id, &registration, now).map(Some)
        })
        .await?;
    let Some((_, effects)) = done else {
        return Err(AppError::NotFound);
    };
    state.apply(effects);
    ctx.flash(Msg::ParticipantCancelled);
    Ok(see_other(&format!(
        "{}/deelnemers",
        conference_url(&conference.id)
    )))
}
