//! The plenary dot vote: every participant gets N dots (default 3) and may put at most M
//! (default 1) on one action point, and may change them until the organiser closes the
//! vote. Also the domains a vote is broken down by (medical, social, parents and experts
//! by experience, others), derived from the configurable disciplines.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::ids::{ActionPointId, text_enum};
use super::{FieldErrors, Problem};
use crate::i18n::Msg;

pub const DEFAULT_DOTS: u32 = 3;
pub const DEFAULT_PER_POINT: u32 = 1;
/// More dots than this turns choosing into scattering.
pub const MAX_DOTS: u32 = 20;

/// How a vote is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteSettings {
    /// Dots per participant.
    pub dots: u32,
    /// At most this many on one point.
    pub per_point: u32,
    /// The ranking is shown only once the vote is closed.
    pub hide_results: bool,
}

impl Default for VoteSettings {
    fn default() -> Self {
        VoteSettings {
            dots: DEFAULT_DOTS,
            per_point: DEFAULT_PER_POINT,
            hide_results: false,
        }
    }
}

/// The organiser's form to open a vote, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct VoteForm {
    pub dots: String,
    pub per_point: String,
    /// A checkbox: present when ticked.
    pub hide_results: String,
}

impl VoteForm {
    pub fn from_settings(s: &VoteSettings) -> VoteForm {
        VoteForm {
            dots: s.dots.to_string(),
            per_point: s.per_point.to_string(),
            hide_results: if s.hide_results {
                "1".into()
            } else {
                String::new()
            },
        }
    }

    pub fn parse(&self) -> Result<VoteSettings, FieldErrors> {
        let mut e = FieldErrors::default();
        let dots = match self.dots.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_DOTS).contains(&n) => Some(n),
            _ => {
                e.add("dots", Problem::with(Msg::ErrVoteDots, MAX_DOTS));
                None
            }
        };
        let per_point = match (self.per_point.trim().parse::<u32>(), dots) {
            (Ok(m), Some(n)) if (1..=n).contains(&m) => Some(m),
            (Ok(m), None) if m >= 1 => Some(m),
            _ => {
                e.add(
                    "per_point",
                    Problem::with(Msg::ErrVotePerPoint, dots.unwrap_or(MAX_DOTS)),
                );
                None
            }
        };
        match (dots, per_point) {
            (Some(dots), Some(per_point)) if e.is_empty() => Ok(VoteSettings {
                dots,
                per_point,
                hide_results: !self.hide_results.is_empty(),
            }),
            _ => Err(e),
        }
    }
}

/// Where a vote stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteState {
    /// Not opened yet (or never held).
    NotOpen,
    Open,
    Closed,
}

impl VoteState {
    pub fn of(opened_at: Option<NaiveDateTime>, closed_at: Option<NaiveDateTime>) -> VoteState {
        match (opened_at, closed_at) {
            (_, Some(_)) => VoteState::Closed,
            (Some(_), None) => VoteState::Open,
            (None, None) => VoteState::NotOpen,
        }
    }
}

/// A participant's ballot as sent: the version of the ballot the form was shown with, and
/// per point (`p-{id}`) the dots put on it (a number, or "1" from a ticked checkbox).
#[derive(Debug, Clone, Default)]
pub struct BallotForm {
    pub version: String,
    pub dots: BTreeMap<String, String>,
}

impl BallotForm {
    /// From the fields of the posted form, whatever else they hold.
    pub fn from_fields(fields: &[(String, String)]) -> BallotForm {
        let mut form = BallotForm::default();
        for (k, v) in fields {
            if k == "version" {
                form.version = v.clone();
            } else if let Some(id) = k.strip_prefix("p-") {
                // A checkbox with a hidden 0 before it sends both: the last one counts.
                form.dots.insert(id.to_owned(), v.clone());
            }
        }
        form
    }

    /// Checks the ballot against the vote's rules and the points that take part (`open`).
    /// Returns the dots per point (points with none left out) and the version sent.
    pub fn parse(
        &self,
        settings: &VoteSettings,
        open: &[&str],
    ) -> Result<(Vec<(ActionPointId, u32)>, i32), Problem> {
        let version = self.version.trim().parse::<i32>().unwrap_or(0);
        let mut chosen = Vec::new();
        for (id, value) in &self.dots {
            let value = value.trim();
            let n = if value.is_empty() {
                0
            } else {
                value
                    .parse::<u32>()
                    .map_err(|_| Problem::new(Msg::ErrBallotNumber))?
            };
            if n == 0 {
                continue;
            }
            if !open.contains(&id.as_str()) {
                return Err(Problem::new(Msg::ErrBallotPoint));
            }
            if n > settings.per_point {
                return Err(Problem::with(Msg::ErrBallotPerPoint, settings.per_point));
            }
            let id = ActionPointId::parse(id).ok_or(Problem::new(Msg::ErrBallotPoint))?;
            chosen.push((id, n));
        }
        let used: u32 = chosen.iter().map(|(_, n)| n).sum();
        if used > settings.dots {
            return Err(Problem::with(Msg::ErrBallotTooMany, settings.dots));
        }
        Ok((chosen, version))
    }
}

text_enum! {
    /// The domain a discipline belongs to, for the vote's breakdown.
    pub enum Domain {
        Medical = "medical",
        Social = "social",
        /// Parents and experts by experience.
        Parents = "parents",
        Others = "others",
    }
}

/// Which disciplines make up which domain (configuration, `[lists.domains]`); a
/// discipline in none of the lists is counted under "others".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Domains {
    pub medical: Vec<String>,
    pub social: Vec<String>,
    pub parents: Vec<String>,
}

impl Domains {
    pub fn of(&self, discipline: &str) -> Domain {
        let d = discipline.trim();
        let within = |list: &[String]| list.iter().any(|x| x.trim().eq_ignore_ascii_case(d));
        if within(&self.medical) {
            Domain::Medical
        } else if within(&self.social) {
            Domain::Social
        } else if within(&self.parents) {
            Domain::Parents
        } else {
            Domain::Others
        }
    }
}

/// Dots on one point, in all and per domain (in the order of [`Domain::ALL`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub dots: u32,
    pub by_domain: [u32; 4],
    /// How many people put dots on it.
    pub voters: u32,
}

impl Tally {
    pub fn add(&mut self, domain: Domain, dots: u32) {
        self.dots += dots;
        self.voters += 1;
        let k = Domain::ALL.iter().position(|d| *d == domain).unwrap_or(3);
        self.by_domain[k] += dots;
    }

    /// How many domains carry the point.
    pub fn domains(&self) -> usize {
        self.by_domain.iter().filter(|n| **n > 0).count()
    }
}

/// Points by their dots, most first; ties keep the order given (the order of capture).
pub fn rank<T>(mut points: Vec<(T, Tally)>) -> Vec<(T, Tally)> {
    points.sort_by_key(|p| std::cmp::Reverse(p.1.dots));
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(version: &str, dots: &[(&str, &str)]) -> BallotForm {
        let mut fields = vec![("version".to_owned(), version.to_owned())];
        fields.extend(
            dots.iter()
                .map(|(k, v)| (format!("p-{k}"), (*v).to_owned())),
        );
        fields.push(("csrf".into(), "x".into()));
        BallotForm::from_fields(&fields)
    }

    const A: &str = "0192f3a4-aaaa-7bbb-8ccc-000000000001";
    const B: &str = "0192f3a4-aaaa-7bbb-8ccc-000000000002";
    const C: &str = "0192f3a4-aaaa-7bbb-8ccc-000000000003";
    const D: &str = "0192f3a4-aaaa-7bbb-8ccc-000000000004";

    #[test]
    fn the_defaults_are_three_dots_one_per_point() {
        let s = VoteForm::from_settings(&VoteSettings::default())
            .parse()
            .unwrap();
        assert_eq!((s.dots, s.per_point, s.hide_results), (3, 1, false));
        let s = VoteForm {
            dots: " 5 ".into(),
            per_point: "2".into(),
            hide_results: "1".into(),
        }
        .parse()
        .unwrap();
        assert_eq!((s.dots, s.per_point, s.hide_results), (5, 2, true));
    }

    #[test]
    fn settings_out_of_range_are_refused_at_their_field() {
        for (dots, per, field) in [
            ("0", "1", "dots"),
            ("21", "1", "dots"),
            ("drie", "1", "dots"),
            ("3", "4", "per_point"),
            ("3", "0", "per_point"),
            ("3", "", "per_point"),
        ] {
            let e = VoteForm {
                dots: dots.into(),
                per_point: per.into(),
                hide_results: String::new(),
            }
            .parse()
            .unwrap_err();
            assert!(e.get(field).is_some(), "{dots} {per}: {field}");
        }
    }

    #[test]
    fn a_ballot_within_the_rules_is_counted() {
        let s = VoteSettings {
            dots: 3,
            per_point: 2,
            hide_results: false,
        };
        let (dots, version) = ballot("4", &[(A, "2"), (B, "0"), (C, "1"), (D, "")])
            .parse(&s, &[A, B, C, D])
            .unwrap();
        assert_eq!(version, 4);
        assert_eq!(
            dots.iter()
                .map(|(id, n)| (id.as_str(), *n))
                .collect::<Vec<_>>(),
            vec![(A, 2), (C, 1)]
        );
        // An empty ballot takes every dot back.
        assert!(ballot("5", &[]).parse(&s, &[A]).unwrap().0.is_empty());
    }

    #[test]
    fn dots_beyond_the_rules_are_refused() {
        let s = VoteSettings::default();
        let too_many = ballot("1", &[(A, "1"), (B, "1"), (C, "1"), (D, "1")]);
        assert_eq!(
            too_many.parse(&s, &[A, B, C, D]).unwrap_err(),
            Problem::with(Msg::ErrBallotTooMany, 3)
        );
        assert_eq!(
            ballot("1", &[(A, "2")]).parse(&s, &[A]).unwrap_err(),
            Problem::with(Msg::ErrBallotPerPoint, 1)
        );
        assert_eq!(
            ballot("1", &[(A, "1")]).parse(&s, &[B]).unwrap_err(),
            Problem::new(Msg::ErrBallotPoint),
            "a point that does not take part (hidden, merged, of another conference)"
        );
        for odd in ["-1", "1.5", "een"] {
            assert_eq!(
                ballot("1", &[(A, odd)]).parse(&s, &[A]).unwrap_err(),
                Problem::new(Msg::ErrBallotNumber),
                "{odd}"
            );
        }
    }

    #[test]
    fn the_state_follows_opening_and_closing() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 3, 11)
            .unwrap()
            .and_hms_opt(14, 0, 0);
        assert_eq!(VoteState::of(None, None), VoteState::NotOpen);
        assert_eq!(VoteState::of(t, None), VoteState::Open);
        assert_eq!(VoteState::of(t, t), VoteState::Closed);
    }

    #[test]
    fn disciplines_fall_into_domains_and_the_rest_is_others() {
        let d = Domains {
            medical: vec!["verloskundige".into(), "huisarts".into()],
            social: vec!["buurtteam / sociaal wijkteam".into()],
            parents: vec!["ervaringsdeskundige / ouder".into()],
        };
        assert_eq!(d.of("Huisarts "), Domain::Medical);
        assert_eq!(d.of("buurtteam / sociaal wijkteam"), Domain::Social);
        assert_eq!(d.of("ervaringsdeskundige / ouder"), Domain::Parents);
        assert_eq!(d.of("zorgverzekeraar"), Domain::Others);
        assert_eq!(d.of(""), Domain::Others);
    }

    #[test]
    fn a_tally_counts_dots_voters_and_domains_and_ranks_by_dots() {
        let mut a = Tally::default();
        a.add(Domain::Medical, 2);
        a.add(Domain::Parents, 1);
        assert_eq!((a.dots, a.voters, a.domains()), (3, 2, 2));
        assert_eq!(a.by_domain, [2, 0, 1, 0]);
        let mut b = Tally::default();
        b.add(Domain::Social, 1);
        let ranked = rank(vec![("b", b), ("a", a), ("c", Tally::default())]);
        assert_eq!(
            ranked.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
    }
}
