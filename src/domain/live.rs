//! What changed, told live to the walls of a conference: which conference, what kind of
//! change, and which action point (if it is about one). Small enough to travel through the database (as the
//! payload of a PostgreSQL NOTIFY) between werkconf processes on one database.

use super::ids::{ActionPointId, ConferenceId, text_enum};

text_enum! {
    /// What happened to an action point.
    pub enum LiveKind {
        /// Added, or changed: show it as it is now.
        Point = "point",
        /// Deleted (or merged into another): take it off the wall.
        Removed = "removed",
        /// The dots of the vote changed.
        Votes = "votes",
        /// The wall changed as a whole (the vote opened or closed): load it again.
        Reload = "reload",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    pub conference: ConferenceId,
    pub kind: LiveKind,
    pub point: Option<ActionPointId>,
}

impl LiveEvent {
    pub fn point(conference: &ConferenceId, point: &ActionPointId) -> LiveEvent {
        LiveEvent {
            conference: conference.clone(),
            kind: LiveKind::Point,
            point: Some(point.clone()),
        }
    }

    pub fn removed(conference: &ConferenceId, point: &ActionPointId) -> LiveEvent {
        LiveEvent {
            kind: LiveKind::Removed,
            ..LiveEvent::point(conference, point)
        }
    }

    /// About the conference as a whole (votes, reload).
    pub fn whole(conference: &ConferenceId, kind: LiveKind) -> LiveEvent {
        LiveEvent {
            conference: conference.clone(),
            kind,
            point: None,
        }
    }

    /// As sent through the database: "conference kind point" ("-" for no point).
    pub fn payload(&self) -> String {
        let point = self.point.as_ref().map_or("-", |p| p.as_str());
        format!("{} {} {point}", self.conference, self.kind.as_str())
    }

    /// Read back from [`LiveEvent::payload`]; None for anything else.
    pub fn parse(payload: &str) -> Option<LiveEvent> {
        let mut parts = payload.split(' ');
        let event = LiveEvent {
            conference: ConferenceId::parse(parts.next()?)?,
            kind: LiveKind::parse(parts.next()?)?,
            point: match parts.next()? {
                "-" => None,
                p => Some(ActionPointId::parse(p)?),
            },
        };
        parts.next().is_none().then_some(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_survives_its_trip_through_the_database() {
        let e = LiveEvent::removed(&ConferenceId::generate(), &ActionPointId::generate());
        assert_eq!(LiveEvent::parse(&e.payload()), Some(e));
        let v = LiveEvent::whole(&ConferenceId::generate(), LiveKind::Votes);
        assert_eq!(LiveEvent::parse(&v.payload()), Some(v));
        for bad in ["", "a b", "a point b c", "a shouted b"] {
            assert_eq!(LiveEvent::parse(bad), None, "{bad}");
        }
    }
}
