//! The exchange format (`shared/assignment-format.md`) and its validation into
//! an indexed [`Instance`] that the solver works on.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Number;

/// Weights are non-negative integers up to this bound: integer costs keep the
/// flow exact and deterministic, and the bound keeps every sum far from i64 overflow.
pub const MAX_WEIGHT: i64 = 1_000_000;
/// Same reasoning for capacities; no venue has a table this large.
pub const MAX_CAPACITY: i64 = 1_000_000;

#[derive(Deserialize)]
struct RawInstance {
    insights: Vec<RawInsight>,
    rounds: Vec<RawRound>,
    participants: Vec<RawParticipant>,
    #[serde(default)]
    weights: Option<RawWeights>,
}

#[derive(Deserialize)]
struct RawInsight {
    id: String,
}

#[derive(Deserialize)]
struct RawRound {
    id: String,
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
struct RawGroup {
    id: String,
    insight: String,
    capacity: Number,
}

#[derive(Deserialize)]
struct RawParticipant {
    id: String,
    #[serde(default)]
    discipline: Option<String>,
    #[serde(default)]
    organisation: Option<String>,
    #[serde(default)]
    preferences: Vec<String>,
    #[serde(default)]
    rounds: Option<Vec<String>>,
    #[serde(default)]
    fixed: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
struct RawWeights {
    rank: Option<Vec<Number>>,
    unranked: Option<Number>,
    same_discipline_pair: Option<Number>,
    same_organisation_pair: Option<Number>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weights {
    pub rank: Vec<i64>,
    pub unranked: i64,
    pub discipline: i64,
    pub organisation: i64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            rank: vec![0, 2, 5],
            unranked: 12,
            discipline: 1,
            organisation: 3,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Round {
    pub id: String,
    pub groups: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: String,
    pub round: usize,
    pub insight: usize,
    pub capacity: u32,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub id: String,
    /// Index into `Instance::disciplines`; `None` for absent or "" (never counts).
    pub discipline: Option<usize>,
    pub organisation: Option<usize>,
    pub preferences: Vec<usize>,
    /// Per round index: does this participant attend it.
    pub attends: Vec<bool>,
    /// Per round index: the pinned group, if any.
    pub fixed: Vec<Option<usize>>,
}

/// A validated instance: every reference resolved to an index.
#[derive(Debug, Clone)]
pub struct Instance {
    pub insights: Vec<String>,
    pub rounds: Vec<Round>,
    pub groups: Vec<Group>,
    pub participants: Vec<Participant>,
    pub disciplines: Vec<String>,
    pub organisations: Vec<String>,
    pub weights: Weights,
    /// `pref[p * insights + i]`: preference cost of insight `i` for participant `p`.
    pref: Vec<i64>,
}

impl Instance {
    pub fn pref_cost(&self, p: usize, insight: usize) -> i64 {
        self.pref[p * self.insights.len() + insight]
    }

    /// Placement as `group[p][r]`, `None` where `p` does not attend `r` (or is not placed yet).
    pub fn empty_placement(&self) -> Vec<Vec<Option<usize>>> {
        vec![vec![None; self.rounds.len()]; self.participants.len()]
    }
}

#[derive(Serialize)]
pub struct OutAssignment<'a> {
    pub participant: &'a str,
    pub round: &'a str,
    pub group: &'a str,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cost {
    pub total: i64,
    pub preference: i64,
    pub discipline: i64,
    pub organisation: i64,
}

#[derive(Serialize)]
pub struct Output<'a> {
    pub assignments: Vec<OutAssignment<'a>>,
    pub cost: Cost,
}

fn weight(n: &Number, what: &str) -> Result<i64, String> {
    // Accept 2 and 2.0 alike: JSON does not distinguish them for most writers.
    let v = match n.as_i64() {
        Some(v) => Some(v),
        None => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() <= MAX_WEIGHT as f64 * 2.0)
            .map(|f| f as i64),
    };
    match v {
        Some(v) if (0..=MAX_WEIGHT).contains(&v) => Ok(v),
        _ => Err(format!(
            "{what} must be an integer from 0 to {MAX_WEIGHT}, got {n}"
        )),
    }
}

fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, kind: &str) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("duplicate {kind} id {id:?}"));
        }
    }
    Ok(())
}

fn intern(
    map: &mut HashMap<String, usize>,
    list: &mut Vec<String>,
    value: Option<String>,
) -> Option<usize> {
    let v = value.filter(|s| !s.is_empty())?;
    if let Some(&i) = map.get(&v) {
        return Some(i);
    }
    list.push(v.clone());
    map.insert(v, list.len() - 1);
    Some(list.len() - 1)
}

/// Parses and validates the input JSON; the error names the offending item.
pub fn parse_instance(json: &str) -> Result<Instance, String> {
    let raw: RawInstance =
        serde_json::from_str(json).map_err(|e| format!("malformed input: {e}"))?;

    check_unique(raw.insights.iter().map(|i| i.id.as_str()), "insight")?;
    check_unique(raw.rounds.iter().map(|r| r.id.as_str()), "round")?;
    check_unique(
        raw.rounds
            .iter()
            .flat_map(|r| r.groups.iter().map(|g| g.id.as_str())),
        "group",
    )?;
    check_unique(
        raw.participants.iter().map(|p| p.id.as_str()),
        "participant",
    )?;

    let insights: Vec<String> = raw.insights.into_iter().map(|i| i.id).collect();
    let insight_ix: HashMap<&str, usize> = insights
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();

    let mut rounds = Vec::new();
    let mut groups = Vec::new();
    for (r, raw_round) in raw.rounds.into_iter().enumerate() {
        let mut members = Vec::new();
        for g in raw_round.groups {
            let insight = *insight_ix
                .get(g.insight.as_str())
                .ok_or_else(|| format!("group {:?} names unknown insight {:?}", g.id, g.insight))?;
            let capacity = match g.capacity.as_i64() {
                Some(c) if c < 0 => {
                    return Err(format!("group {:?} has negative capacity {c}", g.id));
                }
                Some(c) if c <= MAX_CAPACITY => c as u32,
                _ => {
                    return Err(format!(
                        "group {:?} capacity must be an integer from 0 to {MAX_CAPACITY}, got {}",
                        g.id, g.capacity
                    ));
                }
            };
            members.push(groups.len());
            groups.push(Group {
                id: g.id,
                round: r,
                insight,
                capacity,
            });
        }
        rounds.push(Round {
            id: raw_round.id,
            groups: members,
        });
    }
    let round_ix: HashMap<&str, usize> = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let group_ix: HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();

    let weights = match raw.weights {
        None => Weights::default(),
        Some(w) => {
            let d = Weights::default();
            Weights {
                rank: match w.rank {
                    None => d.rank,
                    Some(v) => v
                        .iter()
                        .enumerate()
                        .map(|(k, n)| weight(n, &format!("weights.rank[{k}]")))
                        .collect::<Result<_, _>>()?,
                },
                unranked: match w.unranked {
                    None => d.unranked,
                    Some(n) => weight(&n, "weights.unranked")?,
                },
                discipline: match w.same_discipline_pair {
                    None => d.discipline,
                    Some(n) => weight(&n, "weights.same_discipline_pair")?,
                },
                organisation: match w.same_organisation_pair {
                    None => d.organisation,
                    Some(n) => weight(&n, "weights.same_organisation_pair")?,
                },
            }
        }
    };

    let (mut disciplines, mut disc_ix) = (Vec::new(), HashMap::new());
    let (mut organisations, mut org_ix) = (Vec::new(), HashMap::new());
    let nr = rounds.len();
    let mut participants = Vec::with_capacity(raw.participants.len());
    for rp in raw.participants {
        let id = rp.id;
        let mut preferences = Vec::with_capacity(rp.preferences.len());
        for pref in &rp.preferences {
            let i = *insight_ix
                .get(pref.as_str())
                .ok_or_else(|| format!("participant {id:?} prefers unknown insight {pref:?}"))?;
            if preferences.contains(&i) {
                return Err(format!("participant {id:?} lists insight {pref:?} twice"));
            }
            preferences.push(i);
        }
        let attends = match &rp.rounds {
            None => vec![true; nr],
            Some(list) => {
                let mut a = vec![false; nr];
                for rid in list {
                    let r = *round_ix.get(rid.as_str()).ok_or_else(|| {
                        format!("participant {id:?} attends unknown round {rid:?}")
                    })?;
                    if a[r] {
                        return Err(format!("participant {id:?} lists round {rid:?} twice"));
                    }
                    a[r] = true;
                }
                a
            }
        };
        let mut fixed = vec![None; nr];
        for (rid, gid) in rp.fixed.iter().flatten() {
            let r = *round_ix.get(rid.as_str()).ok_or_else(|| {
                format!("participant {id:?} has a fixed placement in unknown round {rid:?}")
            })?;
            let g = *group_ix.get(gid.as_str()).ok_or_else(|| {
                format!("participant {id:?} has a fixed placement in unknown group {gid:?}")
            })?;
            if !attends[r] {
                return Err(format!(
                    "participant {id:?} has a fixed placement in round {rid:?}, which they do not attend"
                ));
            }
            if groups[g].round != r {
                return Err(format!(
                    "participant {id:?} is fixed in round {rid:?} to group {gid:?} of round {:?}",
                    rounds[groups[g].round].id
                ));
            }
            fixed[r] = Some(g);
        }
        participants.push(Participant {
            discipline: intern(&mut disc_ix, &mut disciplines, rp.discipline),
            organisation: intern(&mut org_ix, &mut organisations, rp.organisation),
            id,
            preferences,
            attends,
            fixed,
        });
    }

    let ni = insights.len();
    let mut pref = vec![weights.unranked; participants.len() * ni];
    for (p, part) in participants.iter().enumerate() {
        for (k, &i) in part.preferences.iter().enumerate() {
            pref[p * ni + i] = weights.rank.get(k).copied().unwrap_or(weights.unranked);
        }
    }

    Ok(Instance {
        insights,
        rounds,
        groups,
        participants,
        disciplines,
        organisations,
        weights,
        pref,
    })
}
