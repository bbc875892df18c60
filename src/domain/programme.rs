use chrono::NaiveDateTime;
use serde::Deserialize;

use super::ids::text_enum;
use super::{FieldErrors, Problem, optional_text, required_line, time};
use crate::i18n::Msg;

text_enum! {
    /// What a programme item is; a `Round` is a breakout time slot where groups meet.
    pub enum ItemKind {
        Plenary = "plenary",
        Round = "round",
        Break = "break",
    }
}

impl ItemKind {
    pub fn label(self) -> Msg {
        match self {
            ItemKind::Plenary => Msg::KindPlenary,
            ItemKind::Round => Msg::KindRound,
            ItemKind::Break => Msg::KindBreak,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProgrammeForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeDraft {
    pub kind: ItemKind,
    pub title: String,
    pub description: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

impl ProgrammeForm {
    /// An item must lie within the conference's own start and end.
    pub fn parse(
        &self,
        conference_start: NaiveDateTime,
        conference_end: NaiveDateTime,
    ) -> Result<ProgrammeDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = e.check(
            "kind",
            ItemKind::parse(self.kind.trim()).ok_or(Problem::new(Msg::ErrChoice)),
        );
        let title = e.check("title", required_line(&self.title, 200));
        let description = e.check("description", optional_text(&self.description, 2_000));
        let starts_at = e.check("starts_at", time::parse_local(&self.starts_at));
        let ends_at = e.check("ends_at", time::parse_local(&self.ends_at));
        if let Some(start) = starts_at
            && (start < conference_start || start >= conference_end)
        {
            e.add("starts_at", Problem::new(Msg::ErrOutsideConference));
        }
        if let (Some(start), Some(end)) = (starts_at, ends_at) {
            if end <= start {
                e.add("ends_at", Problem::new(Msg::ErrEndBeforeStart));
            } else if end > conference_end {
                e.add("ends_at", Problem::new(Msg::ErrOutsideConference));
            }
        }
        match (kind, title, description, starts_at, ends_at) {
            (Some(kind), Some(title), Some(description), Some(starts_at), Some(ends_at))
                if e.is_empty() =>
            {
                Ok(ProgrammeDraft {
                    kind,
                    title,
                    description,
                    starts_at,
                    ends_at,
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> (NaiveDateTime, NaiveDateTime) {
        (
            time::parse_local("2027-03-11T09:00").unwrap(),
            time::parse_local("2027-03-11T16:30").unwrap(),
        )
    }

    #[test]
    fn items_inside_the_day_parse() {
        let (s, e) = day();
        let f = ProgrammeForm {
            kind: "round".into(),
            title: "Ronde 1".into(),
            starts_at: "2027-03-11T10:00".into(),
            ends_at: "2027-03-11T11:00".into(),
            ..ProgrammeForm::default()
        };
        assert_eq!(f.parse(s, e).unwrap().kind, ItemKind::Round);
    }

    #[test]
    fn items_outside_the_day_are_refused() {
        let (s, e) = day();
        let f = ProgrammeForm {
            kind: "plenary".into(),
            title: "Borrel".into(),
            starts_at: "2027-03-11T16:00".into(),
            ends_at: "2027-03-11T18:00".into(),
            ..ProgrammeForm::default()
        };
        let errors = f.parse(s, e).unwrap_err();
        assert_eq!(
            errors.get("ends_at"),
            Some(&Problem::new(Msg::ErrOutsideConference))
        );
    }
}
