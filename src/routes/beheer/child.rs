//! One way to edit what belongs to a conference (its insights, its programme, and next its
//! groups): a form to add, a form to change, and a delete that first says whom it
//! touches. Each kind says what is its own in [`Child`]; the handlers and their routes
//! are written once, below the conference they belong to, so a row of another conference
//! is never read or changed.

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

    /// The form for a new one, with sensible defaults.
    fn blank(conference: &Conference) -> Self::Form;
    fn to_form(row: &Self::Row) -> Self::Form;
    fn title(row: &Self::Row) -> &str;
    fn parse(form: &Self::Form, conference: &Conference) -> Result<Self::Draft, FieldErrors>;
    /// The form page; `editing` is the id of the row being changed.
    fn form_page(
        ctx: &Ctx,
        conference: &Conference,
        form: &Self::Form,
        errors: &FieldErrors,
        editing: Option<&str>,
    ) -> Markup;

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
    ) -> Result<(), DbError>;
    /// False when there is no such row in this conference.
    fn update(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        id: &Self::Id,
        draft: &Self::Draft,
    ) -> Result<bool, DbError>;
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
}

fn section<C: Child>(conference: &Conference) -> String {
    format!("{}#{}", conference_url(&conference.id), C::SEGMENT)
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

/// The draft, or the form again with what was typed and why it was refused.
fn parse<C: Child>(
    ctx: &Ctx,
    c: &Conference,
    form: &C::Form,
    editing: Option<&str>,
) -> Result<C::Draft, Box<HttpResponse>> {
    C::parse(form, c).map_err(|errors| {
        Box::new(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            C::form_page(ctx, c, form, &errors, editing),
        ))
    })
}

/// After a change: the public pages forget the conference, and back to its section.
fn saved<C: Child>(ctx: &Ctx, state: &AppState, c: &Conference) -> HttpResponse {
    state.apply(Effects::forget(&c.id));
    ctx.flash(C::SAVED);
    see_other(&section::<C>(c))
}

pub async fn new_form<C: Child>(
    ctx: Ctx,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    Ok(C::form_page(
        &ctx,
        &c,
        &C::blank(&c),
        &FieldErrors::default(),
        None,
    ))
}

pub async fn create<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<C::Form>,
) -> Result<HttpResponse, AppError> {
    let draft = match parse::<C>(&ctx, &c, &form, None) {
        Ok(draft) => draft,
        Err(page) => return Ok(*page),
    };
    let (cid, now) = (c.id.clone(), state.now());
    state
        .db
        .run(move |conn| C::create(conn, &cid, &draft, now))
        .await?;
    Ok(saved::<C>(&ctx, &state, &c))
}

pub async fn edit_form<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
) -> Result<Markup, AppError> {
    let (_, item) = path.into_inner();
    let row = find::<C>(&state, &c, item.clone()).await?;
    Ok(C::form_page(
        &ctx,
        &c,
        &C::to_form(&row),
        &FieldErrors::default(),
        Some(&item.to_string()),
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
    let draft = match parse::<C>(&ctx, &c, &form, Some(&item.to_string())) {
        Ok(draft) => draft,
        Err(page) => return Ok(*page),
    };
    let cid = c.id.clone();
    let found = state
        .db
        .run(move |conn| C::update(conn, &cid, &item, &draft))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(saved::<C>(&ctx, &state, &c))
}

/// Asks first, and says whose choices go with it.
pub async fn delete_form<C: Child>(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    path: web::Path<(ConferenceId, C::Id)>,
) -> Result<Markup, AppError> {
    let (_, item) = path.into_inner();
    let row = find::<C>(&state, &c, item.clone()).await?;
    let (cid, key) = (c.id.clone(), item.clone());
    let touched = state
        .db
        .run(move |conn| C::touched(conn, &cid, &key))
        .await?;
    let touches = match touched.len() {
        1 => ctx.t(C::TOUCHES_ONE).to_owned(),
        n => ctx.lang.tf(C::TOUCHES, &[&n.to_string()]),
    };
    Ok(views::beheer::delete_confirmation(
        &ctx,
        &DeleteConfirmation {
            conference: &c,
            title: C::title(&row),
            touches: &touches,
            names: &touched,
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
    let cid = c.id.clone();
    let found = state
        .db
        .run(move |conn| C::delete(conn, &cid, &item))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    state.apply(Effects::forget(&c.id));
    ctx.flash(C::DELETED);
    Ok(see_other(&section::<C>(&c)))
}
