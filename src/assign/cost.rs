//! The cost formula, both as a whole-assignment evaluation and as count arrays
//! that give O(1) deltas for local search.

use super::model::{Cost, Instance};

pub type Placement = Vec<Vec<Option<usize>>>;

fn pairs(n: u64) -> i64 {
    (n * n.saturating_sub(1) / 2) as i64
}

/// Cost of a complete placement, straight from the formula.
pub fn evaluate(inst: &Instance, placement: &Placement) -> Cost {
    let mut preference = 0;
    let mut disc = std::collections::HashMap::<(usize, usize), u64>::new();
    let mut org = std::collections::HashMap::<(usize, usize), u64>::new();
    for (p, rounds) in placement.iter().enumerate() {
        let part = &inst.participants[p];
        for g in rounds.iter().flatten() {
            preference += inst.pref_cost(p, inst.groups[*g].insight);
            if let Some(d) = part.discipline {
                *disc.entry((*g, d)).or_default() += 1;
            }
            if let Some(o) = part.organisation {
                *org.entry((*g, o)).or_default() += 1;
            }
        }
    }
    let discipline = inst.weights.discipline * disc.values().map(|&n| pairs(n)).sum::<i64>();
    let organisation = inst.weights.organisation * org.values().map(|&n| pairs(n)).sum::<i64>();
    Cost {
        total: preference + discipline + organisation,
        preference,
        discipline,
        organisation,
    }
}

/// Per-group occupancy by discipline and organisation. Only disciplines and
/// organisations with two or more participants get a slot: singletons never pay.
pub struct Counts {
    pub size: Vec<u32>,
    disc_of: Vec<Option<usize>>,
    org_of: Vec<Option<usize>>,
    nd: usize,
    no: usize,
    disc: Vec<u32>,
    org: Vec<u32>,
    wd: i64,
    wo: i64,
}

impl Counts {
    pub fn new(inst: &Instance) -> Counts {
        let compress = |vals: Vec<Option<usize>>, n: usize| {
            let mut freq = vec![0u32; n];
            for v in vals.iter().flatten() {
                freq[*v] += 1;
            }
            let mut map = vec![None; n];
            let mut k = 0;
            for (i, f) in freq.iter().enumerate() {
                if *f >= 2 {
                    map[i] = Some(k);
                    k += 1;
                }
            }
            (
                vals.into_iter()
                    .map(|v| v.and_then(|v| map[v]))
                    .collect::<Vec<_>>(),
                k,
            )
        };
        let (disc_of, nd) = compress(
            inst.participants.iter().map(|p| p.discipline).collect(),
            inst.disciplines.len(),
        );
        let (org_of, no) = compress(
            inst.participants.iter().map(|p| p.organisation).collect(),
            inst.organisations.len(),
        );
        let ng = inst.groups.len();
        Counts {
            size: vec![0; ng],
            disc_of,
            org_of,
            nd,
            no,
            disc: vec![0; ng * nd],
            org: vec![0; ng * no],
            wd: inst.weights.discipline,
            wo: inst.weights.organisation,
        }
    }

    /// Pair cost added by putting `p` into `g` (before doing so).
    pub fn add_delta(&self, p: usize, g: usize) -> i64 {
        let mut c = 0;
        if let Some(d) = self.disc_of[p] {
            c += self.wd * self.disc[g * self.nd + d] as i64;
        }
        if let Some(o) = self.org_of[p] {
            c += self.wo * self.org[g * self.no + o] as i64;
        }
        c
    }

    /// Pair cost removed by taking `p` out of `g` (while still in it).
    pub fn remove_delta(&self, p: usize, g: usize) -> i64 {
        let mut c = 0;
        if let Some(d) = self.disc_of[p] {
            c += self.wd * (self.disc[g * self.nd + d] as i64 - 1);
        }
        if let Some(o) = self.org_of[p] {
            c += self.wo * (self.org[g * self.no + o] as i64 - 1);
        }
        c
    }

    pub fn add(&mut self, p: usize, g: usize) {
        self.size[g] += 1;
        if let Some(d) = self.disc_of[p] {
            self.disc[g * self.nd + d] += 1;
        }
        if let Some(o) = self.org_of[p] {
            self.org[g * self.no + o] += 1;
        }
    }

    pub fn remove(&mut self, p: usize, g: usize) {
        self.size[g] -= 1;
        if let Some(d) = self.disc_of[p] {
            self.disc[g * self.nd + d] -= 1;
        }
        if let Some(o) = self.org_of[p] {
            self.org[g * self.no + o] -= 1;
        }
    }

    pub fn org_count(&self, p: usize, g: usize) -> u32 {
        self.org_of[p].map_or(0, |o| self.org[g * self.no + o])
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::parse_instance;
    use super::*;

    #[test]
    fn hand_computed_example() {
        // Group a: two verloskundigen of one practice and a huisarts of it; b: one verloskundige.
        let inst = parse_instance(
            r#"{"insights":[{"id":"i1"},{"id":"i2"}],
            "rounds":[{"id":"r1","groups":[{"id":"a","insight":"i1","capacity":3},{"id":"b","insight":"i2","capacity":3}]}],
            "participants":[
             {"id":"p1","discipline":"verloskundige","organisation":"De Wieg","preferences":["i1"]},
             {"id":"p2","discipline":"verloskundige","organisation":"De Wieg","preferences":["i2","i1"]},
             {"id":"p3","discipline":"huisarts","organisation":"De Wieg","preferences":[]},
             {"id":"p4","discipline":"verloskundige","organisation":"","preferences":["i1","i2"]}]}"#,
        )
        .unwrap();
        let pl = vec![vec![Some(0)], vec![Some(0)], vec![Some(0)], vec![Some(1)]];
        // preference: 0 + 2 + 12 + 2; discipline: one pair; organisation: three pairs x 3.
        assert_eq!(
            evaluate(&inst, &pl),
            Cost {
                total: 16 + 1 + 9,
                preference: 16,
                discipline: 1,
                organisation: 9
            }
        );
    }

    #[test]
    fn custom_weights_and_rank_past_end() {
        let inst = parse_instance(
            r#"{"insights":[{"id":"a"},{"id":"b"},{"id":"c"}],
            "rounds":[{"id":"r","groups":[{"id":"g","insight":"c","capacity":5}]}],
            "participants":[
             {"id":"x","discipline":"Gemeente","preferences":["a","b","c"]},
             {"id":"y","discipline":"gemeente","preferences":["c"]},
             {"id":"z","discipline":"Gemeente"}],
            "weights":{"rank":[1,4],"same_discipline_pair":7}}"#,
        )
        .unwrap();
        let pl = vec![vec![Some(0)]; 3];
        // x ranks c third but rank has two entries: unranked 12. Case matters for disciplines.
        assert_eq!(
            evaluate(&inst, &pl),
            Cost {
                total: 12 + 1 + 12 + 7,
                preference: 25,
                discipline: 7,
                organisation: 0
            }
        );
    }

    #[test]
    fn counts_deltas_match_evaluate() {
        let inst = parse_instance(
            r#"{"insights":[{"id":"i1"}],
            "rounds":[{"id":"r1","groups":[{"id":"a","insight":"i1","capacity":9}]}],
            "participants":[
             {"id":"p1","discipline":"d","organisation":"o"},
             {"id":"p2","discipline":"d","organisation":"o"},
             {"id":"p3","discipline":"d","organisation":"q"},
             {"id":"p4","discipline":"e","organisation":"o"}]}"#,
        )
        .unwrap();
        let mut c = Counts::new(&inst);
        let mut total = 0;
        for p in 0..4 {
            total += c.add_delta(p, 0);
            c.add(p, 0);
        }
        let pl = vec![vec![Some(0)]; 4];
        let e = evaluate(&inst, &pl);
        assert_eq!(total, e.discipline + e.organisation);
        assert_eq!(c.remove_delta(0, 0), 2 + 3 * 2);
    }
}
