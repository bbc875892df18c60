//! A conference's programme (plenary parts, breakout rounds, breaks), edited through
//! [`Child`].

use chrono::NaiveDateTime;
use maud::Markup;

use super::child::Child;
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
    type Draft = ProgrammeDraft;

    /// Most items added are breakout rounds; an hour from the start is a fair guess.
    fn blank(c: &Conference) -> ProgrammeForm {
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

    fn title(row: &ProgrammeItem) -> &str {
        &row.title
    }

    fn parse(form: &ProgrammeForm, c: &Conference) -> Result<ProgrammeDraft, FieldErrors> {
        form.parse(c.starts_at, c.ends_at)
    }

    fn form_page(
        ctx: &Ctx,
        c: &Conference,
        form: &ProgrammeForm,
        errors: &FieldErrors,
        editing: Option<&str>,
    ) -> Markup {
        views::beheer::programme_form(ctx, c, form, errors, editing)
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
    ) -> Result<(), DbError> {
        db::programme::create(conn, c, draft).map(|_| ())
    }

    fn update(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &ProgrammeItemId,
        draft: &ProgrammeDraft,
    ) -> Result<bool, DbError> {
        db::programme::update(conn, c, id, draft)
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
}
