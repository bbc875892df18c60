//! What a conference says to its participants: the privacy statement and the
//! confirmation mail, as the organiser's form gives them.

use serde::Deserialize;

use super::{FieldErrors, optional_text, template};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TextsForm {
    pub privacy_statement: String,
    pub confirmation_text: String,
    pub confirmation_text_en: String,
    /// "preview" shows the result without saving.
    pub action: String,
}

impl TextsForm {
    pub fn parse(&self) -> Result<(String, String, String), FieldErrors> {
        let mut e = FieldErrors::default();
        let privacy = e.check(
            "privacy_statement",
            optional_text(&self.privacy_statement, 20_000),
        );
        let nl = e.check(
            "confirmation_text",
            optional_text(&self.confirmation_text, 10_000)
                .and_then(|t| template::check(&t).map(|_| t)),
        );
        let en = e.check(
            "confirmation_text_en",
            optional_text(&self.confirmation_text_en, 10_000)
                .and_then(|t| template::check(&t).map(|_| t)),
        );
        match (privacy, nl, en) {
            (Some(p), Some(nl), Some(en)) if e.is_empty() => Ok((p, nl, en)),
            _ => Err(e),
        }
    }
}
