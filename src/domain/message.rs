//! An organiser's message to participants, as the form gives it.

use serde::Deserialize;

use super::registration::ParticipantFilter;
use super::{FieldErrors, Problem, required_line, template};
use crate::i18n::Msg;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub subject: String,
    pub body: String,
    /// "" means everyone with a place or on the waiting list.
    pub status: String,
    pub discipline: String,
    pub municipality: String,
    pub insight: String,
    /// "preview" or "send".
    pub action: String,
    /// Made with the preview; the same batch is never sent twice.
    pub batch: String,
}

impl MessageForm {
    pub fn filter(&self) -> ParticipantFilter {
        ParticipantFilter {
            q: String::new(),
            status: self.status.clone(),
            discipline: self.discipline.clone(),
            municipality: self.municipality.clone(),
            insight: self.insight.clone(),
        }
    }

    pub fn parse(&self) -> Result<(String, String), FieldErrors> {
        let mut e = FieldErrors::default();
        let subject = e.check(
            "subject",
            required_line(&self.subject, 200).and_then(|t| template::check(&t).map(|_| t)),
        );
        let body = e.check(
            "body",
            super::optional_text(&self.body, 20_000).and_then(|t| {
                if t.is_empty() {
                    Err(Problem::new(Msg::ErrRequired))
                } else {
                    template::check(&t).map(|_| t)
                }
            }),
        );
        match (subject, body) {
            (Some(s), Some(b)) if e.is_empty() => Ok((s, b)),
            _ => Err(e),
        }
    }
}
