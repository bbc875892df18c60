//! An action point: one answer of a breakout group to one of its insight's two guiding
//! questions ("Wat kan jij morgen anders doen als professional?" and "Wat kunnen we
//! samen anders doen?"), with who takes it up, with whom, and a first step.

use serde::Deserialize;

use super::ids::{GroupId, text_enum};
use super::{FieldErrors, Problem, optional_line, optional_text};
use crate::i18n::Msg;

/// Long enough for a worked-out answer, short enough to read on a wall.
pub const MAX_POINT_CHARS: usize = 1_000;

text_enum! {
    /// Which of the insight's two guiding questions a point answers.
    pub enum Question {
        /// "Wat kan jij morgen anders doen als professional?"
        Professional = "professional",
        /// "Wat kunnen we samen anders doen?"
        Together = "together",
    }
}

text_enum! {
    /// Who captured a point.
    pub enum Source {
        /// The group's facilitator, through their link.
        Facilitator = "facilitator",
        /// A participant of the group, through the group's short link.
        Participant = "participant",
        /// An organiser, logged in.
        Organiser = "organiser",
    }
}

text_enum! {
    /// What the organiser does to a point on the wall (as the path names it).
    pub enum Mark {
        Hide = "verbergen",
        Show = "tonen",
        Pin = "vastzetten",
        Unpin = "losmaken",
    }
}

text_enum! {
    /// What becomes of a point after the conference (the organiser's harvest).
    pub enum PointStatus {
        New = "new",
        /// Becomes a pilot.
        Pilot = "pilot",
        Parked = "parked",
    }
}

impl PointStatus {
    pub fn label(self) -> Msg {
        match self {
            PointStatus::New => Msg::StatusNew,
            PointStatus::Pilot => Msg::StatusPilot,
            PointStatus::Parked => Msg::StatusParked,
        }
    }
}

/// The capture form as typed. `key` identifies one submission: the page makes a fresh
/// one for every form it shows, and a phone keeps it with a point it could not send yet.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PointForm {
    pub group: String,
    pub question: String,
    pub text: String,
    pub taker_name: String,
    pub taker_organisation: String,
    pub with_whom: String,
    pub first_step: String,
    pub key: String,
    /// The edit form's choice of group and question in one: "{group}|{question}".
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointDraft {
    pub group: GroupId,
    pub question: Question,
    pub text: String,
    pub taker_name: String,
    pub taker_organisation: String,
    pub with_whom: String,
    pub first_step: String,
}

impl PointForm {
    /// Checked against the groups the capturer may write in (their ids).
    pub fn parse(&self, groups: &[&str]) -> Result<PointDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let (group, question, group_field, question_field) = match self.place.split_once('|') {
            Some((g, q)) => (g, q, "place", "place"),
            None if !self.place.is_empty() => ("", "", "place", "place"),
            None => (
                self.group.as_str(),
                self.question.as_str(),
                "group",
                "question",
            ),
        };
        let group = if groups.contains(&group.trim()) {
            GroupId::parse(group.trim())
        } else {
            e.add(group_field, Problem::new(Msg::ErrChoice));
            None
        };
        let question = Question::parse(question.trim());
        if question.is_none() {
            e.add(question_field, Problem::new(Msg::ErrChoice));
        }
        let text = e.check("text", point_text(&self.text));
        let taker_name = e.check("taker_name", optional_line(&self.taker_name, 200));
        let taker_organisation = e.check(
            "taker_organisation",
            optional_line(&self.taker_organisation, 200),
        );
        let with_whom = e.check("with_whom", optional_line(&self.with_whom, 300));
        let first_step = e.check("first_step", optional_line(&self.first_step, 300));
        match (
            group,
            question,
            text,
            taker_name,
            taker_organisation,
            with_whom,
            first_step,
        ) {
            (Some(group), Some(question), Some(text), Some(a), Some(b), Some(c), Some(d))
                if e.is_empty() =>
            {
                Ok(PointDraft {
                    group,
                    question,
                    text,
                    taker_name: a,
                    taker_organisation: b,
                    with_whom: c,
                    first_step: d,
                })
            }
            _ => Err(e),
        }
    }

    /// The submission key as sent, when it can be one: a browser-made UUID or similar.
    pub fn submission_key(&self) -> Option<&str> {
        let key = self.key.trim();
        (8..=64)
            .contains(&key.len())
            .then_some(key)
            .filter(|k| k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    }
}

/// The point itself: required, line breaks kept, at most [`MAX_POINT_CHARS`].
fn point_text(input: &str) -> Result<String, Problem> {
    let text = optional_text(input, MAX_POINT_CHARS)?;
    if text.is_empty() {
        return Err(Problem::new(Msg::ErrPointEmpty));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PointForm {
        PointForm {
            group: "g1".into(),
            question: "together".into(),
            text: " Samen met de kraamzorg een warme overdracht\nbij elke zwangere. ".into(),
            taker_name: "Fatima".into(),
            taker_organisation: "Buurtteam Zuid".into(),
            with_whom: "JGZ".into(),
            first_step: "Overleg op 12 maart".into(),
            key: "0192f3a4-aaaa-7bbb-8ccc-123456789abc".into(),
            place: String::new(),
        }
    }

    #[test]
    fn a_point_keeps_its_lines_and_optional_fields() {
        let draft = form().parse(&["g1", "g2"]).unwrap();
        assert_eq!(draft.question, Question::Together);
        assert_eq!(
            draft.text,
            "Samen met de kraamzorg een warme overdracht\nbij elke zwangere."
        );
        assert_eq!(draft.taker_organisation, "Buurtteam Zuid");
        let bare = PointForm {
            taker_name: String::new(),
            taker_organisation: String::new(),
            with_whom: String::new(),
            first_step: String::new(),
            ..form()
        };
        assert!(bare.parse(&["g1"]).is_ok(), "only the text is required");
    }

    #[test]
    fn empty_long_and_foreign_points_are_refused_at_their_field() {
        let empty = PointForm {
            text: " \n ".into(),
            ..form()
        };
        let e = empty.parse(&["g1"]).unwrap_err();
        assert_eq!(e.get("text"), Some(&Problem::new(Msg::ErrPointEmpty)));

        let long = PointForm {
            text: "a".repeat(20_000),
            ..form()
        };
        let e = long.parse(&["g1"]).unwrap_err();
        assert_eq!(
            e.get("text"),
            Some(&Problem::with(Msg::ErrTooLong, MAX_POINT_CHARS))
        );

        let e = form().parse(&["g2"]).unwrap_err();
        assert!(e.get("group").is_some(), "a group of someone else");
        let odd = PointForm {
            question: "third".into(),
            ..form()
        };
        assert!(odd.parse(&["g1"]).unwrap_err().get("question").is_some());
    }

    #[test]
    fn the_edit_form_moves_a_point_to_another_group_and_question() {
        let moved = PointForm {
            place: "g2|professional".into(),
            ..form()
        };
        let draft = moved.parse(&["g1", "g2"]).unwrap();
        assert_eq!(
            (draft.group.as_str(), draft.question),
            ("g2", Question::Professional)
        );
        for bad in ["g3|professional", "g2|third", "nonsense"] {
            let f = PointForm {
                place: bad.into(),
                ..form()
            };
            assert!(
                f.parse(&["g1", "g2"]).unwrap_err().get("place").is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn markup_is_kept_as_text() {
        let f = PointForm {
            text: "<script>alert(1)</script>".into(),
            ..form()
        };
        assert_eq!(
            f.parse(&["g1"]).unwrap().text,
            "<script>alert(1)</script>",
            "stored as typed; every view escapes it"
        );
    }

    #[test]
    fn submission_keys_are_short_plain_tokens() {
        assert!(form().submission_key().is_some());
        for bad in [
            "",
            "short",
            "has space inside it",
            &"x".repeat(65),
            "a'b;--drop",
        ] {
            let f = PointForm {
                key: bad.into(),
                ..form()
            };
            assert_eq!(f.submission_key(), None, "{bad}");
        }
    }
}
