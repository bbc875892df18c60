//! The texts a conference sends and shows: privacy statement and confirmation mail, with
//! a preview before saving.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;

use super::conference_url;
use crate::db;
use crate::db::conferences::ConferenceTexts;
use crate::db::registrations::Registration;
use crate::domain::FieldErrors;
use crate::domain::ids::{ConferenceId, RegistrationId};
use crate::domain::texts::TextsForm;
use crate::flows::effects::Effects;
use crate::i18n::{Lang, Msg};
use crate::notify::{self, Composed};
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::CsrfForm;
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::{self, Ctx};

/// A made-up participant to show what the confirmation looks like.
fn sample(conference_id: &ConferenceId, lang: Lang, now: NaiveDateTime) -> Registration {
    Registration {
        id: RegistrationId::generate(),
        conference_id: conference_id.to_owned(),
        token: "voorbeeld".to_owned(),
        seq: 1,
        status: crate::domain::registration::RegistrationStatus::Confirmed,
        name: "Anna de Vries".to_owned(),
        email: "anna@example.org".to_owned(),
        organisation: "Verloskundigenpraktijk De Wieg".to_owned(),
        discipline: "verloskundige".to_owned(),
        municipality: "Utrecht".to_owned(),
        diet: String::new(),
        accessibility: String::new(),
        lang: lang.code().to_owned(),
        created_at: now,
        updated_at: now,
        cancelled_at: None,
    }
}

fn previews(
    state: &AppState,
    conference: &crate::db::conferences::Conference,
    texts: &ConferenceTexts,
) -> Vec<(Lang, Composed)> {
    let link = format!("{}/r/voorbeeld", state.settings.base_url());
    [Lang::Nl, Lang::En]
        .into_iter()
        .map(|lang| {
            let registration = sample(&conference.id, lang, state.now());
            let preferences = vec!["Vertrouwen in eigen kracht".to_owned()];
            let ctx = notify::Context {
                conference,
                texts,
                registration: &registration,
                manage_link: &link,
                waiting_position: None,
                preferences: &preferences,
            };
            (lang, ctx.confirmation())
        })
        .collect()
}

pub async fn edit(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
) -> Result<HttpResponse, AppError> {
    let cid = conference.id.clone();
    let texts = state
        .db
        .run(move |conn| db::conferences::texts(conn, &cid))
        .await?;
    let form = TextsForm {
        privacy_statement: texts.privacy_statement.clone(),
        confirmation_text: texts.confirmation_text.clone(),
        confirmation_text_en: texts.confirmation_text_en.clone(),
        action: String::new(),
    };
    let previews = previews(&state, &conference, &texts);
    Ok(html(
        StatusCode::OK,
        views::texts::edit(&ctx, &conference, &form, &FieldErrors::default(), &previews),
    ))
}

pub async fn save(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(conference): ConferenceScope,
    CsrfForm(form): CsrfForm<TextsForm>,
) -> Result<HttpResponse, AppError> {
    let cid = conference.id.clone();
    let mut texts = state
        .db
        .run(move |conn| db::conferences::texts(conn, &cid))
        .await?;
    let (privacy, nl, en) = match form.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            return Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::texts::edit(&ctx, &conference, &form, &errors, &[]),
            ));
        }
    };
    texts.privacy_statement = privacy;
    texts.confirmation_text = nl;
    texts.confirmation_text_en = en;
    if form.action == "preview" {
        let previews = previews(&state, &conference, &texts);
        return Ok(html(
            StatusCode::OK,
            views::texts::edit(&ctx, &conference, &form, &FieldErrors::default(), &previews),
        ));
    }
    state
        .db
        .run(move |conn| db::conferences::save_texts(conn, &texts))
        .await?;
    // The privacy statement is public, and the registrar remembers the confirmation text.
    state.apply(Effects::forget(&conference.id));
    ctx.flash(Msg::TextsSaved);
    Ok(see_other(&conference_url(&conference.id)))
}
