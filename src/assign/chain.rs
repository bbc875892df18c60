//! Repairs repeated insights with ejection chains across rounds.
//!
//! Per round, the groups on one insight form a cell. Moving a free participant from
//! cell `u` to cell `v` puts one person too many in `v`; someone there moves on, and so
//! on, until a cell with a spare place is reached (the start cell counts: its first
//! mover left a place). A move may give the mover an insight they hold in another
//! round; they then leave it there, which opens a second chain in that round that must
//! close on its own. Re-solving one round by flow cannot find such two-round changes,
//! and tight instances (no spare place at all) need them.

use std::collections::HashMap;

use super::cost::Placement;
use super::model::Instance;

/// One move of a chain: `person` goes from cell `from` to cell `to` (insights).
#[derive(Clone, Copy, Debug)]
struct Step {
    person: usize,
    from: usize,
    to: usize,
}

/// How a breadth-first search reached a cell.
#[derive(Clone, Debug)]
struct Arc {
    from: usize,
    person: usize,
    /// For a move that clashes with the mover's other round: that round and its chain.
    second: Option<(usize, Vec<Step>)>,
}

pub struct Repair<'a> {
    inst: &'a Instance,
    pub placement: Placement,
    /// Participants per group, pinned ones included.
    load: Vec<u32>,
    /// `cells[r][i]`: groups of round `r` on insight `i`.
    cells: Vec<Vec<Vec<usize>>>,
    /// `members[r][i]`: free participants in cell (r, i), in participant order.
    members: Vec<Vec<Vec<usize>>>,
    /// Plain search trees per (round, start cell), valid until the placement changes.
    trees: HashMap<(usize, usize), Vec<Option<Arc>>>,
    /// Cell expansions done; bounds the work deterministically.
    pub work: u64,
}

impl<'a> Repair<'a> {
    pub fn new(inst: &'a Instance, placement: Placement) -> Repair<'a> {
        let (nr, ni) = (inst.rounds.len(), inst.insights.len());
        let mut cells = vec![vec![Vec::new(); ni]; nr];
        for (g, grp) in inst.groups.iter().enumerate() {
            cells[grp.round][grp.insight].push(g);
        }
        let mut r = Repair {
            inst,
            placement,
            load: Vec::new(),
            cells,
            members: Vec::new(),
            trees: HashMap::new(),
            work: 0,
        };
        r.rebuild();
        r
    }

    fn rebuild(&mut self) {
        let inst = self.inst;
        let (nr, ni) = (inst.rounds.len(), inst.insights.len());
        self.trees.clear();
        self.load = vec![0; inst.groups.len()];
        self.members = vec![vec![Vec::new(); ni]; nr];
        for (p, row) in self.placement.iter().enumerate() {
            for (r, g) in row.iter().enumerate() {
                if let Some(g) = *g {
                    self.load[g] += 1;
                    if inst.participants[p].fixed[r].is_none() {
                        self.members[r][inst.groups[g].insight].push(p);
                    }
                }
            }
        }
    }

    fn insight(&self, p: usize, r: usize) -> Option<usize> {
        self.placement[p][r].map(|g| self.inst.groups[g].insight)
    }

    fn room(&self, r: usize, i: usize) -> bool {
        self.cells[r][i]
            .iter()
            .any(|&g| self.load[g] < self.inst.groups[g].capacity)
    }

    /// How many of `p`'s insights already occur in an earlier round.
    fn repeats_of(&self, p: usize) -> usize {
        let ins: Vec<usize> = (0..self.inst.rounds.len())
            .filter_map(|r| self.insight(p, r))
            .collect();
        (0..ins.len())
            .filter(|&k| ins[..k].contains(&ins[k]))
            .count()
    }

    /// May `p` hold `v` in round `r`, with round `alt.0` holding `alt.1` instead of
    /// its current insight?
    fn allowed(&self, p: usize, r: usize, v: usize, alt: Option<(usize, usize)>) -> bool {
        (0..self.inst.rounds.len()).filter(|&t| t != r).all(|t| {
            let held = match alt {
                Some((s, i)) if s == t => Some(i),
                _ => self.insight(p, t),
            };
            held != Some(v)
        })
    }

    /// Breadth-first search over the cells of round `r` from `start`. With `first`, only
    /// that person leaves `start` (and moves nowhere else), and the search stops at the
    /// first cell that ends a chain; without it, it maps every reachable cell. `nested`
    /// lets a move clash with the mover's other round when a chain there removes it.
    fn bfs(
        &mut self,
        r: usize,
        start: usize,
        first: Option<usize>,
        nested: bool,
    ) -> (Vec<Option<Arc>>, Option<usize>) {
        let ni = self.inst.insights.len();
        let mut parent: Vec<Option<Arc>> = vec![None; ni];
        let mut seen = vec![false; ni];
        seen[start] = true;
        let mut queue = vec![start];
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head];
            head += 1;
            self.work += 1;
            let movers = match first {
                Some(p) if u == start => vec![p],
                _ => self.members[r][u].clone(),
            };
            for q in movers {
                if u != start && Some(q) == first {
                    continue;
                }
                for v in 0..ni {
                    let closes = first.is_some() && v == start && u != start;
                    if self.cells[r][v].is_empty() || v == u || (seen[v] && !closes) {
                        continue;
                    }
                    let second = if self.allowed(q, r, v, None) {
                        None
                    } else if nested {
                        match self.second_chain(q, r, v) {
                            Some(x) => Some(x),
                            None => continue,
                        }
                    } else {
                        continue;
                    };
                    let arc = Arc {
                        from: u,
                        person: q,
                        second,
                    };
                    if first.is_some() && (closes || self.room(r, v)) {
                        parent[v] = Some(arc);
                        return (parent, Some(v));
                    }
                    seen[v] = true;
                    parent[v] = Some(arc);
                    queue.push(v);
                }
            }
        }
        (parent, None)
    }

    /// `q` takes `v` in round `r` but holds `v` in one other round `s`: a chain in `s`
    /// that moves `q` off `v` to an insight they may hold, as round and steps.
    fn second_chain(&mut self, q: usize, r: usize, v: usize) -> Option<(usize, Vec<Step>)> {
        let nr = self.inst.rounds.len();
        let clashes: Vec<usize> = (0..nr)
            .filter(|&s| s != r && self.insight(q, s) == Some(v))
            .collect();
        let &[s] = clashes.as_slice() else {
            return None;
        };
        if self.inst.participants[q].fixed[s].is_some() {
            return None;
        }
        let ni = self.inst.insights.len();
        for w in 0..ni {
            if w == v || self.cells[s][w].is_empty() || !self.allowed(q, s, w, Some((r, v))) {
                continue;
            }
            let mut steps = vec![Step {
                person: q,
                from: v,
                to: w,
            }];
            if self.room(s, w) {
                return Some((s, steps));
            }
            if !self.trees.contains_key(&(s, w)) {
                let (tree, _) = self.bfs(s, w, None, false);
                self.trees.insert((s, w), tree);
            }
            let tree = &self.trees[&(s, w)];
            // End where q left a place, else at any reachable cell with room.
            let end = if tree[v].is_some() {
                Some(v)
            } else {
                (0..ni).find(|&c| tree[c].is_some() && self.room(s, c))
            };
            let Some(end) = end else { continue };
            steps.extend(trace(tree, w, end));
            return Some((s, steps));
        }
        None
    }

    /// Moves a chain's people in round `r`, if it still fits the placement (chains in one
    /// round found independently may overlap). Group loads change only at the chain's
    /// ends: its first group loses one, its last group (with room) gains one.
    fn apply(&mut self, r: usize, steps: &[Step]) -> bool {
        let inst = self.inst;
        let mut vacated = Vec::with_capacity(steps.len());
        for s in steps {
            match self.placement[s.person][r] {
                Some(g) if inst.groups[g].insight == s.from => vacated.push(g),
                _ => return false,
            }
        }
        let last = steps.last().expect("a chain has a step");
        let end = if inst.groups[vacated[0]].insight == last.to {
            vacated[0]
        } else {
            match self.cells[r][last.to]
                .iter()
                .find(|&&g| self.load[g] < inst.groups[g].capacity)
            {
                Some(&g) => g,
                None => return false,
            }
        };
        for (k, s) in steps.iter().enumerate() {
            let g = vacated.get(k + 1).copied().unwrap_or(end);
            self.placement[s.person][r] = Some(g);
        }
        self.load[vacated[0]] -= 1;
        self.load[end] += 1;
        true
    }

    /// Tries to remove one repeat of `p`; keeps the change only when the people it
    /// touches have fewer repeats in total afterwards.
    fn fix(&mut self, p: usize, nested: bool) -> bool {
        let inst = self.inst;
        let nr = inst.rounds.len();
        for r in 0..nr {
            let Some(a) = self.insight(p, r) else {
                continue;
            };
            let repeated = (0..nr).any(|s| s != r && self.insight(p, s) == Some(a));
            if !repeated || inst.participants[p].fixed[r].is_some() {
                continue;
            }
            let (parent, Some(end)) = self.bfs(r, a, Some(p), nested) else {
                continue;
            };
            let main = trace(&parent, a, end);
            let mut chains = vec![(r, main.clone())];
            // Second chains hang off the arcs of the main path.
            let mut c = end;
            loop {
                let arc = parent[c].as_ref().expect("path cells have a parent");
                if let Some((s, st)) = &arc.second {
                    chains.push((*s, st.clone()));
                }
                if arc.from == a {
                    break;
                }
                c = arc.from;
            }
            let mut touched: Vec<usize> = chains
                .iter()
                .flat_map(|(_, st)| st.iter().map(|s| s.person))
                .collect();
            touched.sort_unstable();
            touched.dedup();
            let before: usize = touched.iter().map(|&q| self.repeats_of(q)).sum();
            let saved: Vec<Vec<Option<usize>>> =
                touched.iter().map(|&q| self.placement[q].clone()).collect();
            let saved_load = self.load.clone();
            let mut ok = true;
            for (s, st) in &chains {
                ok &= self.apply(*s, st);
            }
            let after: usize = touched.iter().map(|&q| self.repeats_of(q)).sum();
            if ok && after < before {
                self.rebuild();
                return true;
            }
            for (k, &q) in touched.iter().enumerate() {
                self.placement[q] = saved[k].clone();
            }
            self.load = saved_load;
        }
        false
    }

    /// Removes repeats until none are left or `max_work` cell expansions are spent;
    /// returns whether the placement is free of repeats.
    pub fn run(&mut self, max_work: u64) -> bool {
        loop {
            let bad: Vec<usize> = (0..self.placement.len())
                .filter(|&p| self.repeats_of(p) > 0)
                .collect();
            if bad.is_empty() {
                return true;
            }
            let mut progress = false;
            for nested in [false, true] {
                for &p in &bad {
                    if self.work >= max_work {
                        return false;
                    }
                    if self.repeats_of(p) > 0 && self.fix(p, nested) {
                        progress = true;
                    }
                }
                if progress {
                    break;
                }
            }
            if !progress {
                return false;
            }
        }
    }
}

/// The steps from `start` to `end` along a search's parent arcs.
fn trace(parent: &[Option<Arc>], start: usize, end: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut c = end;
    loop {
        let arc = parent[c].as_ref().expect("path cells have a parent");
        steps.push(Step {
            person: arc.person,
            from: arc.from,
            to: c,
        });
        if arc.from == start {
            break;
        }
        c = arc.from;
    }
    steps.reverse();
    steps
}
