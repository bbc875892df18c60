//! A conference's insights, edited through [`Child`]; plus their order.

use crate::domain::Problem;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use maud::Markup;

use super::child::{Child, FormPage, Saved};
use super::conference_url;
use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::{self, DbConnection, DbError};
use crate::domain::FieldErrors;
use crate::domain::ids::{ConferenceId, InsightId};
use crate::domain::insight::{InsightDraft, InsightForm};
use crate::flows::effects::Effects;
use crate::i18n::Msg;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields, Organiser};
use crate::routes::see_other;
use crate::state::AppState;
use crate::views::{self, Ctx};

pub struct Insights;

impl Child for Insights {
    const SEGMENT: &'static str = "inzichten";
    const SAVED: Msg = Msg::InsightSaved;
    const DELETED: Msg = Msg::InsightDeleted;
    const TOUCHES: Msg = Msg::InsightChosenBy;
    const TOUCHES_ONE: Msg = Msg::InsightChosenByOne;
    type Id = InsightId;
    type Row = Insight;
    type Form = InsightForm;
    type Offer = ();
    type Draft = InsightDraft;

    fn offer(_: &mut DbConnection, _: &Conference) -> Result<(), DbError> {
        Ok(())
    }

    fn blank(_: &Conference, _: &()) -> InsightForm {
        InsightForm::new_defaults()
    }

    fn to_form(row: &Insight) -> InsightForm {
        row.to_form()
    }

    fn title(row: &Insight) -> String {
        row.title.clone()
    }

    fn parse(form: &InsightForm, _: &Conference, _: &()) -> Result<InsightDraft, FieldErrors> {
        form.parse()
    }

    fn form_page(ctx: &Ctx, page: &FormPage<Self>) -> Markup {
        views::beheer::insight_form(ctx, page.conference, page.form, page.errors, page.editing)
    }

    fn find(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &InsightId,
    ) -> Result<Option<Insight>, DbError> {
        db::insights::find(conn, c, id)
    }

    fn create(
        conn: &mut DbConnection,
        c: &ConferenceId,
        draft: &InsightDraft,
        now: NaiveDateTime,
    ) -> Result<Saved, DbError> {
        db::insights::create(conn, c, draft, now).map(|_| Saved::Done)
    }

    fn update(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &InsightId,
        draft: &InsightDraft,
    ) -> Result<Saved, DbError> {
        db::insights::update(conn, c, id, draft)
            .map(|found| if found { Saved::Done } else { Saved::NotFound })
    }

    fn delete(conn: &mut DbConnection, c: &ConferenceId, id: &InsightId) -> Result<bool, DbError> {
        db::insights::delete(conn, c, id)
    }

    fn touched(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &InsightId,
    ) -> Result<Vec<String>, DbError> {
        db::insights::chosen_by(conn, c, id)
    }

    fn in_use(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &InsightId,
    ) -> Result<Option<Problem>, DbError> {
        let n = db::groups::count_on_insight(conn, c, id)?;
        Ok((n > 0).then(|| Problem::with(Msg::InsightInUse, n)))
    }
}

async fn shift(
    state: web::Data<AppState>,
    path: web::Path<(ConferenceId, InsightId)>,
    up: bool,
) -> Result<HttpResponse, AppError> {
    let (id, item) = path.into_inner();
    let conference_id = id.clone();
    state
        .db
        .run(move |conn| db::insights::shift(conn, &conference_id, &item, up))
        .await?;
    state.apply(Effects::forget(&id));
    Ok(see_other(&format!("{}#inzichten", conference_url(&id))))
}

pub async fn move_up(
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(ConferenceId, InsightId)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    shift(state, path, true).await
}

pub async fn move_down(
    _who: Organiser,
    state: web::Data<AppState>,
    path: web::Path<(ConferenceId, InsightId)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    shift(state, path, false).await
}
