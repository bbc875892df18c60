use serde::Deserialize;

use super::{FieldErrors, optional_text, required_line};

pub const QUESTION_PROFESSIONAL: &str = "Wat kan jij morgen anders doen als professional?";
pub const QUESTION_TOGETHER: &str = "Wat kunnen we samen anders doen?";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InsightForm {
    pub title: String,
    pub description: String,
    pub question_professional: String,
    pub question_together: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightDraft {
    pub title: String,
    pub description: String,
    pub question_professional: String,
    pub question_together: String,
}

impl InsightForm {
    /// A new insight starts with the two guiding questions of every werkconferentie.
    pub fn new_defaults() -> InsightForm {
        InsightForm {
            question_professional: QUESTION_PROFESSIONAL.to_owned(),
            question_together: QUESTION_TOGETHER.to_owned(),
            ..InsightForm::default()
        }
    }

    pub fn parse(&self) -> Result<InsightDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check("title", required_line(&self.title, 200));
        let description = e.check("description", optional_text(&self.description, 5_000));
        let qp = e.check(
            "question_professional",
            required_line(&self.question_professional, 300),
        );
        let qt = e.check(
            "question_together",
            required_line(&self.question_together, 300),
        );
        match (title, description, qp, qt) {
            (
                Some(title),
                Some(description),
                Some(question_professional),
                Some(question_together),
            ) => Ok(InsightDraft {
                title,
                description,
                question_professional,
                question_together,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_insights_carry_the_two_questions() {
        let mut f = InsightForm::new_defaults();
        f.title = "Vertrouwen in eigen kracht".into();
        let d = f.parse().unwrap();
        assert_eq!(d.question_professional, QUESTION_PROFESSIONAL);
        assert_eq!(d.question_together, QUESTION_TOGETHER);
    }

    #[test]
    fn questions_may_not_be_emptied() {
        let f = InsightForm {
            title: "x".into(),
            ..InsightForm::default()
        };
        let e = f.parse().unwrap_err();
        assert!(e.get("question_professional").is_some());
        assert!(e.get("question_together").is_some());
    }
}
