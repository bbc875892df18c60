//! One way to edit what belongs to a conference (its insights, its programme, and next its
//! groups): a form to add, a form to change, and a delete that first says whom it
//! touches. Each kind says what is its own in [`Child`]; the handlers and their routes
//! are written once, below the conference they belong to, so a row of another conference
//! is never read or changed.

use crate::domain::Problem;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use maud::Markup;
use serde::de::DeserializeOwned;

use super::conference_url;
use crate::db::conferences::Conference;
use crate::db::{DbConnection, DbError};
use crate::domain::FieldErrors;
use crate::domain::ids::ConferenceId;
use crate::flows::effects::Effects;
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::beheer::DeleteConfirmation;
use crate::views::{self, Ctx};

/// How a save went.
pub enum Saved {
    Done,
    /// No such row in this conference.
    NotFound,
    /// Refused for what else is stored (a room taken at that time, say), with the field
    /// that says why.
    Refused(FieldErrors),
}

/// A kind of row below a conference, edited by the organiser.
pub trait Child: 'static {
    /// The URL segment below the conference, and the anchor of its section on the
    /// conference page ("inzichten", "programma").
    const SEGMENT: &'static str;
    const SAVED: Msg;
    const DELETED: Msg;
    /// "{0} deelnemers kozen dit inzicht" and the like: who loses something by a delete.
    const TOUCHES: Msg;
    /// The same for one participant.
    const TOUCHES_ONE: Msg;
    /// The row's id, as the path names it.
    type Id: DeserializeOwned + std::fmt::Display + Clone + Send + 'static;
    type Row: Send + 'static;
    type Form: DeserializeOwned + Send + 'static;
    type Draft: Send + 'static;
    /// What the form offers to choose from (rounds, insights), read with the conference.
    type Offer: Send + 'static;

    fn offer(conn: &mut DbConnection, conference: &Conference) -> Result<Self::Offer, DbError>;
    /// The form for a new one, with sensible defaults.
    fn blank(conference: &Conference, offer: &Self::Offer) -> Self::Form;
    fn to_form(row: &Self::Row) -> Self::Form;
    fn title(row: &Self::Row) -> String;
    fn parse(
        form: &Self::Form,
        conference: &Conference,
        offer: &Self::Offer,
    ) -> Result<Self::Draft, FieldErrors>;
    /// The form page; `editing` is the id of the row being changed.
    fn form_page(ctx: &Ctx, page: &FormPage<Self>) -> Markup;

    fn find(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        id: &Self::Id,
    ) -> Result<Option<Self::Row>, DbError>;
    fn create(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        draft: &Self::Draft,
        now: NaiveDateTime,
    ) -> Result<Saved, DbError>;
    fn update(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        id: &Self::Id,
        draft: &Self::Draft,
    ) -> Result<Saved, DbError>;
    /// False when there is no such row in this conference.
    fn delete(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        id: &Self::Id,
    ) -> Result<bool, DbError>;
    /// The names of the participants who lose a choice when it goes.
    fn touched(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        id: &Self::Id,
    ) -> Result<Vec<String>, DbError>;
    /// Where its list is: by default its section of the conference page.
    fn list_url(conference: &Conference) -> String {
        format!("{}#{}", conference_url(&conference.id), Self::SEGMENT)
    }

    /// Why it cannot be deleted yet (groups on an insight or round, people or action
    /// points in a group), if anything still needs it.
    fn in_use(
        _conn: &mut DbConnection,
        _conference: &ConferenceId,
        _id: &Self::Id,
    ) -> Result<Option<Problem>, DbError> {
        Ok(None)
    }
}

/// What a form page shows.
pub struct FormPage<'a, C: Child + ?Sized> {
    pub conference: &'a Conference,
    pub offer: &'a C::Offer,
    pub form: &'a C::Form,
    pub errors: &'a FieldErrors,
    /// The id of the row being changed; None for a new one.
    pub editing: Option<&'a str>,
}

fn section<C: Child>(conference: &Conference) -> String {
    C::list_url(conference)
}

async fn offer<C: Child>(state: &AppState, conference: &Conference) -> Result<C::Offer, AppError> {
    let c = conference.clone();
    Ok(state.db.run(move |conn| C::offer(conn, &c)).await?)
}

async fn find<C: Child>(
    state: &AppState,
    conference: &Conference,
    item: C::Id,
) -> Result<C::Row, AppError> {
    let id = conference.id.clone();
    state
        .db
        .run(move |conn| C::find(conn, &id, &item))
        .await?
        .ok_or(AppError::NotFound)
}

/// The form again, with what was typed and why it was refused.
fn again<C: Child>(
    ctx: &Ctx,
    c: &Conference,
    offer: &C::Offer,
    form: &C::Form,
    errors: &FieldErrors,
    editing: Option<&str>,
) -> HttpResponse {
    html(
        StatusCode::UNPROCESSABLE_ENTITY,
        C::form_page(
            ctx,
            &FormPage {
                conference: c,
                offer,
                form,
                errors,
                editing,
            },
        ),
    )
}

/// After a change: the public pages forget the conference, and back to its section.
fn saved<C: Child>(ctx: &Ctx, state: &AppState, c: &Conference) -> HttpResponse {
    state.apply(Effects::forget(&c.id));
    ctx.flash(C::SAVED);
    see_other(&section::<C>(c))
}

pub async fn new_form<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let offer = offer::<C>(&state, &c).await?;
    Ok(C::form_page(
        &ctx,
        &FormPage {
            conference: &c,
            offer: &offer,
            form: &C::blank(&c, &offer),
            errors: &FieldErrors::default(),
            editing: None,
        },
    ))
}

pub async fn create<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<C::Form>,
) -> Result<HttpResponse, AppError> {
    let offer = offer::<C>(&state, &c).await?;
    let draft = match C::parse(&form, &c, &offer) {
        Ok(draft) => draft,
        Err(errors) => return Ok(again::<C>(&ctx, &c, &offer, &form, &errors, None)),
    };
    let (cid, now) = (c.id.clone(), state.now());
    let saved_as = state
        .db
        .run(move |conn| C::create(conn, &cid, &draft, now))
        .await?;
    match saved_as {
        Saved::Done => Ok(saved::<C>(&ctx, &state, &c)),
        Saved::NotFound => Err(AppError::NotFound),
        Saved::Refused(errors) => Ok(again::<C>(&ctx, &c, &offer, &form, &errors, None)),
    }
}

pub async fn edit_form<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
) -> Result<Markup, AppError> {
    let (_, item) = path.into_inner();
    let row = find::<C>(&state, &c, item.clone()).await?;
    let offer = offer::<C>(&state, &c).await?;
    Ok(C::form_page(
        &ctx,
        &FormPage {
            conference: &c,
            offer: &offer,
            form: &C::to_form(&row),
            errors: &FieldErrors::default(),
            editing: Some(&item.to_string()),
        },
    ))
}

pub async fn update<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
    CsrfForm(form): CsrfForm<C::Form>,
) -> Result<HttpResponse, AppError> {
    let (_, item) = path.into_inner();
    let editing = item.to_string();
    let offer = offer::<C>(&state, &c).await?;
    let draft = match C::parse(&form, &c, &offer) {
        Ok(draft) => draft,
        Err(errors) => {
            return Ok(again::<C>(&ctx, &c, &offer, &form, &errors, Some(&editing)));
        }
    };
    let cid = c.id.clone();
    let saved_as = state
        .db
        .run(move |conn| C::update(conn, &cid, &item, &draft))
        .await?;
    match saved_as {
        Saved::Done => Ok(saved::<C>(&ctx, &state, &c)),
        Saved::NotFound => Err(AppError::NotFound),
        Saved::Refused(errors) => Ok(again::<C>(&ctx, &c, &offer, &form, &errors, Some(&editing))),
    }
}

/// Asks first, and says whose choices go with it; or, while other rows need it, why it
/// cannot go yet.
pub async fn delete_form<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
) -> Result<Markup, AppError> {
    let (_, item) = path.into_inner();
    let row = find::<C>(&state, &c, item.clone()).await?;
    let (cid, key) = (c.id.clone(), item.clone());
    let (touched, in_use) = state
        .db
        .run(move |conn| {
            Ok::<_, DbError>((C::touched(conn, &cid, &key)?, C::in_use(conn, &cid, &key)?))
        })
        .await?;
    let touches = match touched.len() {
        1 => ctx.t(C::TOUCHES_ONE).to_owned(),
        n => ctx.lang.tf(C::TOUCHES, &[&n.to_string()]),
    };
    let blocked = in_use.map(|problem| problem.text(ctx.lang));
    Ok(views::beheer::delete_confirmation(
        &ctx,
        &DeleteConfirmation {
            conference: &c,
            title: &C::title(&row),
            touches: &touches,
            names: &touched,
            blocked: blocked.as_deref(),
            action: &format!(
                "{}/{}/{item}/verwijderen",
                conference_url(&c.id),
                C::SEGMENT
            ),
            back: &section::<C>(&c),
        },
    ))
}

pub async fn delete<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (_, item) = path.into_inner();
    let confirm = format!(
        "{}/{}/{item}/verwijderen",
        conference_url(&c.id),
        C::SEGMENT
    );
    let cid = c.id.clone();
    let deleted = state
        .db
        .run(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                crate::db::lock_conference(conn, &cid)?;
                if C::in_use(conn, &cid, &item)?.is_some() {
                    return Ok(None);
                }
                C::delete(conn, &cid, &item).map(Some)
            })
        })
        .await?;
    match deleted {
        // Still needed (since the page was shown): the page that says why, again.
        None => Ok(see_other(&confirm)),
        Some(false) => Err(AppError::NotFound),
        Some(true) => {
            state.apply(Effects::forget(&c.id));
            ctx.flash(C::DELETED);
            Ok(see_other(&section::<C>(&c)))
        }
    }
}
