//! Depth-first branch and bound over (participant, round) slots. Proves optimality on
//! small instances and decides feasibility where the heuristics found no placement.

use super::cost::{Counts, Placement};
use super::model::Instance;

pub enum Exact {
    /// Best placement found; `proven` when the search finished.
    Found {
        placement: Placement,
        cost: i64,
        proven: bool,
    },
    /// The search finished without any placement: truly infeasible.
    Infeasible,
    GaveUp,
}

struct Bnb<'a> {
    inst: &'a Instance,
    slots: Vec<(usize, usize)>,
    /// `tail[k]`: least preference cost still to come from slot k on.
    tail: Vec<i64>,
    counts: Counts,
    placement: Placement,
    best: Option<(Placement, i64)>,
    nodes: u64,
    limit: u64,
}

impl Bnb<'_> {
    fn dfs(&mut self, k: usize, cost: i64) -> bool {
        self.nodes += 1;
        if self.nodes > self.limit {
            return false;
        }
        if let Some((_, b)) = &self.best
            && cost + self.tail[k] >= *b
        {
            return true;
        }
        if k == self.slots.len() {
            self.best = Some((self.placement.clone(), cost));
            return true;
        }
        let (p, r) = self.slots[k];
        let inst = self.inst;
        let mut options: Vec<(i64, usize)> = inst.rounds[r]
            .groups
            .iter()
            .filter(|&&g| {
                let i = inst.groups[g].insight;
                self.counts.size[g] < inst.groups[g].capacity
                    && !self.placement[p]
                        .iter()
                        .any(|h| h.is_some_and(|h| inst.groups[h].insight == i))
            })
            .map(|&g| {
                (
                    inst.pref_cost(p, inst.groups[g].insight) + self.counts.add_delta(p, g),
                    g,
                )
            })
            .collect();
        options.sort_unstable();
        for (d, g) in options {
            self.counts.add(p, g);
            self.placement[p][r] = Some(g);
            let ok = self.dfs(k + 1, cost + d);
            self.placement[p][r] = None;
            self.counts.remove(p, g);
            if !ok {
                return false;
            }
        }
        true
    }
}

/// `incumbent` (a complete valid placement and its cost) only sharpens pruning.
pub fn search(inst: &Instance, incumbent: Option<(Placement, i64)>, limit: u64) -> Exact {
    let mut counts = Counts::new(inst);
    let mut placement = inst.empty_placement();
    let mut slots = Vec::new();
    let mut cost = 0;
    for (p, part) in inst.participants.iter().enumerate() {
        for (r, &fixed) in part.fixed.iter().enumerate() {
            if !part.attends[r] {
                continue;
            }
            match fixed {
                Some(g) => {
                    cost += inst.pref_cost(p, inst.groups[g].insight) + counts.add_delta(p, g);
                    counts.add(p, g);
                    placement[p][r] = Some(g);
                }
                None => slots.push((p, r)),
            }
        }
    }
    let mut tail = vec![0; slots.len() + 1];
    for k in (0..slots.len()).rev() {
        let (p, r) = slots[k];
        let least = inst.rounds[r]
            .groups
            .iter()
            .map(|&g| inst.pref_cost(p, inst.groups[g].insight))
            .min()
            .unwrap_or(0);
        tail[k] = tail[k + 1] + least;
    }
    let had_incumbent = incumbent.is_some();
    let mut bnb = Bnb {
        inst,
        slots,
        tail,
        counts,
        placement,
        best: incumbent,
        nodes: 0,
        limit,
    };
    let finished = bnb.dfs(0, cost);
    match (bnb.best, finished) {
        (Some((placement, cost)), proven) => Exact::Found {
            placement,
            cost,
            proven,
        },
        (None, true) if !had_incumbent => Exact::Infeasible,
        _ => Exact::GaveUp,
    }
}
