use chrono::NaiveDateTime;
use serde::Deserialize;

use super::email::Email;
use super::ids::text_enum;
use super::{FieldErrors, Problem, optional_line, optional_text, required_line, slug, time};
use crate::i18n::Msg;

pub const MAX_CAPACITY: i32 = 100_000;

text_enum! {
    /// Where a conference is in its life.
    pub enum Status {
        /// Being prepared; not visible to the public.
        Concept = "concept",
        /// Public, and registration is possible within the window.
        Open = "open",
        /// Public, registration closed.
        Closed = "closed",
        /// Held.
        Finished = "finished",
    }
}

impl Status {
    pub fn label(self) -> Msg {
        match self {
            Status::Concept => Msg::StatusConcept,
            Status::Open => Msg::StatusOpen,
            Status::Closed => Msg::StatusClosed,
            Status::Finished => Msg::StatusFinished,
        }
    }
}

/// The conference form as typed; every field a string so that what the user typed can be
/// shown again next to its error.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConferenceForm {
    pub title: String,
    pub slug: String,
    pub description: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: String,
    pub registration_opens_at: String,
    pub registration_closes_at: String,
    pub contact_email: String,
    pub status: String,
}

/// A conference that passed every rule; times in UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct ConferenceDraft {
    pub title: String,
    /// None: derive from the title (new) or keep the current one (edit).
    pub slug: Option<String>,
    pub description: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub capacity: i32,
    pub registration_opens_at: Option<NaiveDateTime>,
    pub registration_closes_at: Option<NaiveDateTime>,
    pub contact_email: String,
    pub status: Status,
}

impl ConferenceForm {
    pub fn parse(&self) -> Result<ConferenceDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check("title", required_line(&self.title, 200));
        let slug = if self.slug.trim().is_empty() {
            Some(None)
        } else {
            e.check("slug", slug::parse(&self.slug).map(Some))
        };
        let description = e.check("description", optional_text(&self.description, 10_000));
        let venue_name = e.check("venue_name", optional_line(&self.venue_name, 200));
        let venue_address = e.check("venue_address", optional_text(&self.venue_address, 500));
        let starts_at = e.check("starts_at", time::parse_local(&self.starts_at));
        let ends_at = e.check("ends_at", time::parse_local(&self.ends_at));
        let capacity = e.check("capacity", parse_capacity(&self.capacity));
        let opens = e.check(
            "registration_opens_at",
            time::parse_optional_local(&self.registration_opens_at),
        );
        let closes = e.check(
            "registration_closes_at",
            time::parse_optional_local(&self.registration_closes_at),
        );
        let contact_email = e.check(
            "contact_email",
            Email::parse(&self.contact_email).map(Email::into_string),
        );
        let status = e.check(
            "status",
            Status::parse(self.status.trim()).ok_or(Problem::new(Msg::ErrChoice)),
        );

        if let (Some(start), Some(end)) = (starts_at, ends_at)
            && end <= start
        {
            e.add("ends_at", Problem::new(Msg::ErrEndBeforeStart));
        }
        if let (Some(Some(close)), Some(start)) = (closes, starts_at)
            && close > start
        {
            e.add(
                "registration_closes_at",
                Problem::new(Msg::ErrClosesAfterStart),
            );
        }
        if let (Some(Some(open)), Some(Some(close))) = (opens, closes)
            && close <= open
        {
            e.add(
                "registration_closes_at",
                Problem::new(Msg::ErrClosesBeforeOpens),
            );
        }
        if let (Some(Some(open)), Some(start)) = (opens, starts_at)
            && open >= start
        {
            e.add(
                "registration_opens_at",
                Problem::new(Msg::ErrOpensAfterStart),
            );
        }

        match (
            title,
            slug,
            description,
            venue_name,
            venue_address,
            starts_at,
            ends_at,
            capacity,
            opens,
            closes,
            contact_email,
            status,
        ) {
            (
                Some(title),
                Some(slug),
                Some(description),
                Some(venue_name),
                Some(venue_address),
                Some(starts_at),
                Some(ends_at),
                Some(capacity),
                Some(registration_opens_at),
                Some(registration_closes_at),
                Some(contact_email),
                Some(status),
            ) if e.is_empty() => Ok(ConferenceDraft {
                title,
                slug,
                description,
                venue_name,
                venue_address,
                starts_at,
                ends_at,
                capacity,
                registration_opens_at,
                registration_closes_at,
                contact_email,
                status,
            }),
            _ => Err(e),
        }
    }

    /// The form showing a stored conference, for editing.
    /// An empty form with the defaults a new conference starts from.
    pub fn new_defaults(contact_email: &str) -> ConferenceForm {
        ConferenceForm {
            capacity: "80".to_owned(),
            contact_email: contact_email.to_owned(),
            status: Status::Concept.as_str().to_owned(),
            ..ConferenceForm::default()
        }
    }
}

/// A number of places from 1 to `max`.
pub fn parse_places(input: &str, max: i32) -> Result<i32, Problem> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Problem::new(Msg::ErrRequired));
    }
    match input.parse::<i64>() {
        Ok(n) if (1..=i64::from(max)).contains(&n) => Ok(n as i32),
        Ok(_) => Err(Problem::with(Msg::ErrCapacityRange, max)),
        Err(_) => Err(Problem::new(Msg::ErrWholeNumber)),
    }
}

fn parse_capacity(input: &str) -> Result<i32, Problem> {
    parse_places(input, MAX_CAPACITY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ConferenceForm {
        ConferenceForm {
            title: "Werkconferentie Kansrijke Start".into(),
            starts_at: "2027-03-11T09:00".into(),
            ends_at: "2027-03-11T16:30".into(),
            capacity: "120".into(),
            registration_opens_at: "2027-01-10T09:00".into(),
            registration_closes_at: "2027-03-04T23:59".into(),
            contact_email: "kansrijkestart@ggdru.nl".into(),
            status: "open".into(),
            ..ConferenceForm::default()
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let d = valid().parse().expect("valid");
        assert_eq!(d.capacity, 120);
        assert_eq!(d.slug, None);
        assert_eq!(d.status, Status::Open);
        assert_eq!(d.starts_at.to_string(), "2027-03-11 08:00:00");
    }

    #[test]
    fn end_before_start_is_refused_at_the_end_field() {
        let f = ConferenceForm {
            ends_at: "2027-03-11T08:00".into(),
            ..valid()
        };
        let e = f.parse().unwrap_err();
        assert_eq!(
            e.get("ends_at"),
            Some(&Problem::new(Msg::ErrEndBeforeStart))
        );
    }

    #[test]
    fn registration_may_not_close_after_the_start() {
        let f = ConferenceForm {
            registration_closes_at: "2027-03-12T10:00".into(),
            ..valid()
        };
        let e = f.parse().unwrap_err();
        assert_eq!(
            e.get("registration_closes_at"),
            Some(&Problem::new(Msg::ErrClosesAfterStart))
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let f = ConferenceForm {
            title: " ".into(),
            slug: "Met Spaties".into(),
            capacity: "-3".into(),
            contact_email: "geen-mail".into(),
            status: "weg".into(),
            starts_at: "gisteren".into(),
            ..valid()
        };
        let e = f.parse().unwrap_err();
        for field in [
            "title",
            "slug",
            "capacity",
            "contact_email",
            "status",
            "starts_at",
        ] {
            assert!(e.get(field).is_some(), "{field} not reported");
        }
    }
}
