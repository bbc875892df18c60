//! Local search on count arrays: moves, swaps, cross-round insight swaps and two people
//! trading places in two rounds, each priced in O(rounds); as a descent or annealed. Repeats of an insight cost `penalty` each, so the same search
//! also repairs a placement that breaks the no-repeat rule.

use super::cost::{Counts, Placement};
use super::model::Instance;

/// splitmix64: a seeded generator keeps the output a function of the input alone.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

pub struct Search<'a> {
    inst: &'a Instance,
    pub placement: Placement,
    counts: Counts,
    /// Free (not pinned) members per group, with each slot's index in that list.
    members: Vec<Vec<usize>>,
    pos: Vec<Vec<usize>>,
    free_slots: Vec<(usize, usize)>,
    /// Per round, per insight: that round's groups on the insight.
    groups_of: Vec<Vec<Vec<usize>>>,
    penalty: i64,
    pub objective: i64,
}

impl<'a> Search<'a> {
    /// `placement` must be complete; `penalty` prices one repeated insight.
    pub fn new(inst: &'a Instance, placement: Placement, penalty: i64) -> Search<'a> {
        let mut counts = Counts::new(inst);
        let nr = inst.rounds.len();
        let mut members = vec![Vec::new(); inst.groups.len()];
        let mut pos = vec![vec![usize::MAX; nr]; inst.participants.len()];
        let mut free_slots = Vec::new();
        let mut objective = 0;
        for (p, part) in inst.participants.iter().enumerate() {
            for r in 0..nr {
                if let Some(g) = placement[p][r] {
                    objective += inst.pref_cost(p, inst.groups[g].insight) + counts.add_delta(p, g);
                    counts.add(p, g);
                    if part.fixed[r].is_none() {
                        pos[p][r] = members[g].len();
                        members[g].push(p);
                        free_slots.push((p, r));
                    }
                }
            }
        }
        let mut groups_of = vec![vec![Vec::new(); inst.insights.len()]; nr];
        for (g, grp) in inst.groups.iter().enumerate() {
            groups_of[grp.round][grp.insight].push(g);
        }
        let mut s = Search {
            inst,
            placement,
            counts,
            members,
            pos,
            free_slots,
            groups_of,
            penalty,
            objective: 0,
        };
        objective += penalty * s.violations();
        s.objective = objective;
        s
    }

    /// Repeated insights summed over participants.
    pub fn violations(&self) -> i64 {
        let mut v = 0;
        for row in &self.placement {
            let ins: Vec<usize> = row
                .iter()
                .flatten()
                .map(|&g| self.inst.groups[g].insight)
                .collect();
            for (k, i) in ins.iter().enumerate() {
                if ins[..k].contains(i) {
                    v += 1;
                }
            }
        }
        v
    }

    fn others_with(&self, p: usize, r: usize, insight: usize) -> bool {
        self.placement[p]
            .iter()
            .enumerate()
            .any(|(s, g)| s != r && g.is_some_and(|g| self.inst.groups[g].insight == insight))
    }

    /// Moves free slot (p, r) to group `h`, returning the change in objective.
    fn relocate(&mut self, p: usize, r: usize, h: usize) -> i64 {
        let g = self.placement[p][r].expect("free slot is placed");
        let (a, b) = (self.inst.groups[g].insight, self.inst.groups[h].insight);
        let mut d = self.inst.pref_cost(p, b) - self.inst.pref_cost(p, a);
        if a != b {
            d += self.penalty
                * (self.others_with(p, r, b) as i64 - self.others_with(p, r, a) as i64);
        }
        d -= self.counts.remove_delta(p, g);
        self.counts.remove(p, g);
        d += self.counts.add_delta(p, h);
        self.counts.add(p, h);
        let i = self.pos[p][r];
        self.members[g].swap_remove(i);
        if let Some(&q) = self.members[g].get(i) {
            self.pos[q][r] = i;
        }
        self.pos[p][r] = self.members[h].len();
        self.members[h].push(p);
        self.placement[p][r] = Some(h);
        self.objective += d;
        d
    }

    fn room(&self, h: usize) -> bool {
        self.counts.size[h] < self.inst.groups[h].capacity
    }

    /// A target group in round r: often one on a preferred insight of p.
    fn pick_group(&self, rng: &mut Rng, p: usize, r: usize) -> usize {
        let prefs = &self.inst.participants[p].preferences;
        if !prefs.is_empty() && rng.below(2) == 0 {
            let gs = &self.groups_of[r][prefs[rng.below(prefs.len())]];
            if !gs.is_empty() {
                return gs[rng.below(gs.len())];
            }
        }
        let gs = &self.inst.rounds[r].groups;
        gs[rng.below(gs.len())]
    }

    /// Undoes relocations newest first.
    fn undo(&mut self, done: &[(usize, usize, usize)]) {
        for &(p, r, from) in done.iter().rev() {
            self.relocate(p, r, from);
        }
    }

    /// Another free round `s` of p, at random, with p's group there and the insights of
    /// `g` (p's group in round r) and of that group; None when there is none to trade.
    fn other_round(
        &self,
        rng: &mut Rng,
        p: usize,
        r: usize,
        g: usize,
    ) -> Option<(usize, usize, usize, usize)> {
        let s = rng.below(self.inst.rounds.len());
        if s == r || self.inst.participants[p].fixed[s].is_some() {
            return None;
        }
        let gs = self.placement[p][s]?;
        let (a, b) = (self.inst.groups[g].insight, self.inst.groups[gs].insight);
        (a != b).then_some((s, gs, a, b))
    }

    /// One random move, swap or cross-round swap, kept when the objective fell or did
    /// not change; true when it fell.
    fn step(&mut self, rng: &mut Rng) -> bool {
        self.try_move(rng, 0.0)
    }

    /// One random move, swap or cross-round swap. A rise of `d` is kept with probability
    /// exp(-d / temperature) (never at temperature 0); true when the objective fell.
    fn try_move(&mut self, rng: &mut Rng, temperature: f64) -> bool {
        let (p, r) = self.free_slots[rng.below(self.free_slots.len())];
        let g = self.placement[p][r].unwrap();
        let before = self.objective;
        let mut done: Vec<(usize, usize, usize)> = Vec::with_capacity(4);
        if rng.below(4) != 0 {
            let h = self.pick_group(rng, p, r);
            if h == g {
                return false;
            }
            if self.room(h) {
                self.relocate(p, r, h);
                done.push((p, r, g));
            } else {
                if self.members[h].is_empty() {
                    return false;
                }
                let q = self.members[h][rng.below(self.members[h].len())];
                self.relocate(p, r, h);
                self.relocate(q, r, g);
                done.push((p, r, g));
                done.push((q, r, h));
            }
        } else if rng.below(2) == 0 {
            // Two people trade places in two rounds at once, each keeping their insights:
            // only the mix changes, and no repeat can arise.
            let Some((s, gs, a, b)) = self.other_round(rng, p, r, g) else {
                return false;
            };
            let to_r = &self.groups_of[r][b];
            if to_r.is_empty() {
                return false;
            }
            let hr = to_r[rng.below(to_r.len())];
            let m = &self.members[hr];
            if m.is_empty() {
                return false;
            }
            let start = rng.below(m.len());
            let Some(q) = (0..m.len()).map(|k| m[(start + k) % m.len()]).find(|&q| {
                self.placement[q][s].is_some_and(|h| self.inst.groups[h].insight == a)
                    && self.inst.participants[q].fixed[s].is_none()
            }) else {
                return false;
            };
            let hs = self.placement[q][s].expect("checked above");
            self.relocate(p, r, hr);
            self.relocate(q, r, g);
            self.relocate(p, s, hs);
            self.relocate(q, s, gs);
            done.extend([(p, r, g), (q, r, hr), (p, s, gs), (q, s, hs)]);
        } else {
            // Trade insights between two rounds of p, pushing out one occupant where full.
            let Some((s, gs, a, b)) = self.other_round(rng, p, r, g) else {
                return false;
            };
            let (to_r, to_s) = (&self.groups_of[r][b], &self.groups_of[s][a]);
            if to_r.is_empty() || to_s.is_empty() {
                return false;
            }
            let hr = to_r[rng.below(to_r.len())];
            let hs = to_s[rng.below(to_s.len())];
            for (round, from, to) in [(r, g, hr), (s, gs, hs)] {
                if !self.room(to) {
                    let m = &self.members[to];
                    if m.is_empty() {
                        self.undo(&done);
                        return false;
                    }
                    let q = m[rng.below(m.len())];
                    self.relocate(q, round, from);
                    done.push((q, round, to));
                }
                self.relocate(p, round, to);
                done.push((p, round, from));
            }
        }
        let rise = self.objective - before;
        if rise <= 0 {
            return rise < 0;
        }
        // A repeat under the hard penalty rises by ~1e17: exp() of that is 0, never kept.
        let keep = temperature > 0.0
            && (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
                < (-(rise as f64) / temperature).exp();
        if !keep {
            self.undo(&done);
        }
        false
    }

    /// Simulated annealing over `steps` moves, cooling geometrically from `hot` to `cold`;
    /// a move that repeats an insight is never kept. Ends on the best placement it met.
    pub fn anneal(&mut self, rng: &mut Rng, steps: u64, hot: f64, cold: f64) {
        if self.free_slots.is_empty() || steps == 0 {
            return;
        }
        let mut best = (self.objective, self.placement.clone());
        const STAGE: u64 = 1_000;
        let stages = steps.div_ceil(STAGE);
        let factor = (cold / hot).powf(1.0 / stages as f64);
        let mut t = hot;
        for _ in 0..stages {
            for _ in 0..STAGE {
                self.try_move(rng, t);
                if self.objective < best.0 {
                    best.0 = self.objective;
                    best.1.clone_from(&self.placement);
                }
            }
            t *= factor;
        }
        if best.0 < self.objective {
            *self = Search::new(self.inst, best.1, self.penalty);
        }
    }

    /// Runs until `patience` steps in a row bring nothing or `max_steps` are spent.
    pub fn run(&mut self, rng: &mut Rng, max_steps: u64, patience: u64) -> u64 {
        if self.free_slots.is_empty() {
            return 0;
        }
        let (mut steps, mut idle) = (0, 0);
        while steps < max_steps && idle < patience {
            steps += 1;
            if self.step(rng) {
                idle = 0;
            } else {
                idle += 1;
            }
        }
        steps
    }
}
