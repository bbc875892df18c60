//! A breakout group: one insight in one breakout round, in a room, with a capacity and a
//! facilitator (gespreksleider).

use serde::Deserialize;

use super::conference::parse_places;
use super::email::Email;
use super::ids::{InsightId, ProgrammeItemId};
use super::{FieldErrors, Problem, optional_line, required_line};
use crate::i18n::Msg;

/// More than this does not fit around tables in one room.
pub const MAX_GROUP_PLACES: i32 = 200;

/// The group form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub round: String,
    pub insight: String,
    pub room: String,
    pub capacity: String,
    pub facilitator_name: String,
    pub facilitator_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupDraft {
    pub round: ProgrammeItemId,
    pub insight: InsightId,
    pub room: String,
    pub capacity: i32,
    pub facilitator_name: String,
    /// Empty until the organiser knows who leads the group.
    pub facilitator_email: String,
}

impl GroupForm {
    /// Checked against the conference's breakout rounds and insights (their ids).
    pub fn parse(&self, rounds: &[&str], insights: &[&str]) -> Result<GroupDraft, FieldErrors> {
        let mut e = FieldErrors::default();
        let chosen = |value: &str, offered: &[&str]| -> Result<String, Problem> {
            let value = value.trim();
            if value.is_empty() {
                Err(Problem::new(Msg::ErrRequired))
            } else if offered.contains(&value) {
                Ok(value.to_owned())
            } else {
                Err(Problem::new(Msg::ErrChoice))
            }
        };
        let round = e
            .check("round", chosen(&self.round, rounds))
            .and_then(|r| ProgrammeItemId::parse(&r));
        let insight = e
            .check("insight", chosen(&self.insight, insights))
            .and_then(|i| InsightId::parse(&i));
        let room = e.check("room", required_line(&self.room, 200));
        let capacity = e.check("capacity", parse_places(&self.capacity, MAX_GROUP_PLACES));
        let facilitator_name = e.check(
            "facilitator_name",
            optional_line(&self.facilitator_name, 200),
        );
        let facilitator_email = e.check(
            "facilitator_email",
            if self.facilitator_email.trim().is_empty() {
                Ok(String::new())
            } else {
                Email::parse(&self.facilitator_email).map(|m| m.as_str().to_owned())
            },
        );
        match (
            round,
            insight,
            room,
            capacity,
            facilitator_name,
            facilitator_email,
        ) {
            (Some(round), Some(insight), Some(room), Some(capacity), Some(name), Some(email))
                if e.is_empty() =>
            {
                Ok(GroupDraft {
                    round,
                    insight,
                    room,
                    capacity,
                    facilitator_name: name,
                    facilitator_email: email,
                })
            }
            _ => Err(e),
        }
    }
}

/// Two groups of one round in one room would sit on each other's laps.
pub fn same_room(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A round's places against the confirmed participants who attend it: short by how many,
/// if short.
pub fn places_short(places: i64, attending: i64) -> Option<i64> {
    (attending > places).then_some(attending - places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> GroupForm {
        GroupForm {
            round: "r1".into(),
            insight: "i1".into(),
            room: " Zaal 2.14 ".into(),
            capacity: "12".into(),
            facilitator_name: "Fatima El Amrani".into(),
            facilitator_email: "fatima@example.org".into(),
        }
    }

    #[test]
    fn a_group_names_an_offered_round_and_insight_a_room_and_its_places() {
        let d = form().parse(&["r1"], &["i1"]).unwrap();
        assert_eq!((d.room.as_str(), d.capacity), ("Zaal 2.14", 12));
        let e = GroupForm {
            round: "r9".into(),
            insight: String::new(),
            capacity: "0".into(),
            facilitator_email: "geen adres".into(),
            ..form()
        }
        .parse(&["r1"], &["i1"])
        .unwrap_err();
        for field in ["round", "insight", "capacity", "facilitator_email"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        let e = GroupForm {
            capacity: "-3".into(),
            ..form()
        }
        .parse(&["r1"], &["i1"])
        .unwrap_err();
        assert!(e.get("capacity").is_some());
    }

    #[test]
    fn rooms_are_the_same_whatever_the_case_and_spaces_and_short_places_are_counted() {
        assert!(same_room("Zaal 2.14", " zaal 2.14"));
        assert!(!same_room("Zaal 2.14", "Zaal 2.15"));
        assert_eq!(places_short(36, 40), Some(4));
        assert_eq!(places_short(40, 40), None);
    }
}
