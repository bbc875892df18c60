//! A conference's programme (plenary parts, breakout rounds, breaks), edited through
//! [`Child`].

use crate::domain::Problem;
use chrono::NaiveDateTime;
use maud::Markup;

use super::child::{Child, FormPage, Saved};
use crate::db::conferences::Conference;
use crate::db::programme::ProgrammeItem;
use crate::db::{self, DbConnection, DbError};
use crate::domain::FieldErrors;
use crate::domain::ids::{ConferenceId, ProgrammeItemId};
use crate::domain::programme::{ProgrammeDraft, ProgrammeForm};
use crate::i18n::Msg;
use crate::views::{self, Ctx};

pub struct Programme;

impl Child for Programme {
    const SEGMENT: &'static str = "programma";
    const SAVED: Msg = Msg::ProgrammeSaved;
    const DELETED: Msg = Msg::ProgrammeDeleted;
    const TOUCHES: Msg = Msg::RoundAttendedBy;
    const TOUCHES_ONE: Msg = Msg::RoundAttendedByOne;
    type Id = ProgrammeItemId;
    type Row = ProgrammeItem;
    type Form = ProgrammeForm;
    type Offer = ();
    type Draft = ProgrammeDraft;

    /// Most items added are breakout rounds; an hour from the start is a fair guess.
    fn offer(_: &mut DbConnection, _: &Conference) -> Result<(), DbError> {
        Ok(())
    }

    fn blank(c: &Conference, _: &()) -> ProgrammeForm {
        ProgrammeForm {
            kind: "round".to_owned(),
            starts_at: crate::domain::time::input_value(c.starts_at),
            ends_at: crate::domain::time::input_value(c.starts_at + chrono::Duration::hours(1)),
            ..ProgrammeForm::default()
        }
    }

    fn to_form(row: &ProgrammeItem) -> ProgrammeForm {
        row.to_form()
    }

    fn title(row: &ProgrammeItem) -> String {
        row.title.clone()
    }

    fn parse(form: &ProgrammeForm, c: &Conference, _: &()) -> Result<ProgrammeDraft, FieldErrors> {
        form.parse(c.starts_at, c.ends_at)
    }

    fn form_page(ctx: &Ctx, page: &FormPage<Self>) -> Markup {
        views::beheer::programme_form(ctx, page.conference, page.form, page.errors, page.editing)
    }

    fn find(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
    ) -> Result<Option<ProgrammeItem>, DbError> {
        db::programme::find(conn, c, id)
    }

    fn create(
        conn: &mut DbConnection,
        c: &ConferenceId,
        draft: &ProgrammeDraft,
        _now: NaiveDateTime,
    ) -> Result<Saved, DbError> {
        db::programme::create(conn, c, draft).map(|_| Saved::Done)
    }

    fn update(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
        draft: &ProgrammeDraft,
    ) -> Result<Saved, DbError> {
        db::programme::update(conn, c, id, draft)
            .map(|found| if found { Saved::Done } else { Saved::NotFound })
    }

    fn delete(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
    ) -> Result<bool, DbError> {
        db::programme::delete(conn, c, id)
    }

    fn touched(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
    ) -> Result<Vec<String>, DbError> {
        db::programme::attended_by(conn, c, id)
    }

    fn in_use(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
    ) -> Result<Option<Problem>, DbError> {
        let n = db::groups::count_in_round(conn, c, id)?;
        Ok((n > 0).then(|| Problem::with(Msg::RoundInUse, n)))
    }
}
