//! Domain rules: parsing what people type into valid values. No I/O here, so every rule
//! is reachable from a unit test without a server.

pub mod account;
pub mod action_point;
pub mod assignment;
pub mod conference;
pub mod email;
pub mod group;
pub mod ids;
pub mod insight;
pub mod live;
pub mod message;
pub mod pilot;
pub mod programme;
pub mod registration;
pub mod slug;
pub mod template;
pub mod texts;
pub mod time;
pub mod vote;

use crate::i18n::{Lang, Msg};

/// One thing wrong with one field, said in the reader's language when rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub msg: Msg,
    pub arg: Option<String>,
}

impl Problem {
    pub fn new(msg: Msg) -> Problem {
        Problem { msg, arg: None }
    }

    pub fn with(msg: Msg, arg: impl ToString) -> Problem {
        Problem {
            msg,
            arg: Some(arg.to_string()),
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        let text = self.msg.text(lang);
        match &self.arg {
            Some(arg) => text.replace("{0}", arg),
            None => text.to_owned(),
        }
    }
}

/// Problems per form field, in the order the fields were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, Problem)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, problem: Problem) {
        if self.get(field).is_none() {
            self.0.push((field, problem));
        }
    }

    pub fn get(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, p)| p)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, Problem)> {
        self.0.iter()
    }

    /// Records the outcome of one field's check and passes its value on.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(p) => {
                self.add(field, p);
                None
            }
        }
    }
}

/// Drops control characters (PostgreSQL refuses NUL, and none of them can be typed) and
/// surrounding white space; single-line text also loses its line breaks.
pub fn clean(input: &str, multiline: bool) -> String {
    let cleaned: String = input
        .chars()
        .map(|c| {
            if !multiline && (c == '\n' || c == '\r' || c == '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|&c| !c.is_control() || (multiline && matches!(c, '\n' | '\t')))
        .collect();
    cleaned.trim().to_owned()
}

/// A required single-line text of at most `max` characters.
pub fn required_line(input: &str, max: usize) -> Result<String, Problem> {
    let value = clean(input, false);
    if value.is_empty() {
        return Err(Problem::new(Msg::ErrRequired));
    }
    max_len(value, max)
}

/// An optional single-line text of at most `max` characters ("" when left empty).
pub fn optional_line(input: &str, max: usize) -> Result<String, Problem> {
    max_len(clean(input, false), max)
}

/// An optional text with line breaks of at most `max` characters.
pub fn optional_text(input: &str, max: usize) -> Result<String, Problem> {
    max_len(clean(input, true), max)
}

fn max_len(value: String, max: usize) -> Result<String, Problem> {
    let len = value.chars().count();
    if len > max {
        return Err(Problem::with(Msg::ErrTooLong, max));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_nul_and_controls_but_keeps_unicode() {
        assert_eq!(clean("  a\0b\u{7}c  ", false), "abc");
        assert_eq!(clean("Zoë 👶 <b>", false), "Zoë 👶 <b>");
        assert_eq!(clean("a\r\nb", false), "a  b");
        assert_eq!(clean("a\r\nb\n", true), "a\nb");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(required_line(&"é".repeat(10), 10).is_ok());
        assert_eq!(
            required_line(&"é".repeat(11), 10),
            Err(Problem::with(Msg::ErrTooLong, 10))
        );
        assert_eq!(
            required_line("   ", 10),
            Err(Problem::new(Msg::ErrRequired))
        );
        assert_eq!(optional_line("   ", 10), Ok(String::new()));
    }
}
