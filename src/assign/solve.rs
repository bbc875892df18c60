//! The whole solve: infeasibility checks, round-by-round flows, re-solving each round
//! with the others held, local search, and an exact search where the instance is small
//! or the heuristics could not meet the no-repeat rule.

use super::chain::Repair;
use super::cost::{Placement, evaluate};
use super::exact::{self, Exact};
use super::flow::Network;
use super::local::{Rng, Search};
use super::model::{Cost, Instance};
use super::roundflow::{Pinned, Repeat, solve_round};

/// Price of one repeated insight while repairing: above any realistic cost difference.
const PENALTY: i64 = 1 << 36;
/// Local search steps per millisecond of time limit; a step budget rather than the
/// clock keeps the output identical from run to run.
const STEPS_PER_MS: u64 = 4_000;
/// Instances with at most this many free slots get an exact search for the optimum.
const EXACT_SLOTS: usize = 24;
const EXACT_NODES: u64 = 3_000_000;
/// Node budget for proving (in)feasibility of the no-repeat rule.
const FEASIBILITY_NODES: u64 = 20_000_000;
/// Up to this many free slots, whole rounds are re-solved by flow around local search.
const RESOLVE_SLOTS: u64 = 3_000;
/// Cell expansions the chain repair may spend per free slot (plus a floor).
const CHAIN_WORK_PER_SLOT: u64 = 200;
/// Simulated annealing after the descent, up to `ANNEAL_SLOTS` free slots (about 350
/// people in 3 rounds), where an exact MIP still proves the optimum within minutes: many
/// moves per slot, up to about two seconds in all, enough to reach that optimum on every
/// instance of the benchmark's small shapes. Larger instances skip it: there the descent
/// and flows already land within about 0.1% of the lower bound, three million annealing
/// moves gained hundredths of a percent, and 2,000 people must stay under a second.
/// Temperatures are in cost units (a rank step costs 2 to 7, a pair 1 or 3). The README's
/// "Solver quality" has the runs behind these numbers.
const ANNEAL_SLOTS: u64 = 1_000;
const ANNEAL_STEPS_PER_SLOT: u64 = 200_000;
const ANNEAL_STEPS_MAX: u64 = 24_000_000;
const ANNEAL_HOT: f64 = 2.0;
const ANNEAL_COLD: f64 = 0.1;
/// Penalty once the placement meets the no-repeat rule: no cost gain can pay for a
/// repeat, whatever the weights (a few of these still fit in an i64).
const HARD: i64 = i64::MAX / 16;

pub struct Solution {
    pub placement: Placement,
    pub cost: Cost,
    /// No placement that meets the rules costs less than this; equal to the cost when
    /// the solution is proven optimal.
    pub bound: i64,
}

/// A lower bound on the cost of every placement that meets the rules, the better of two:
/// [`round_flow_bound`], and [`term_bound`].
pub fn lower_bound(inst: &Instance) -> i64 {
    round_flow_bound(inst).max(term_bound(inst))
}

/// Each cost term bounded on its own. Preference: every participant meets a different
/// insight in each round they attend (pinned ones as pinned), and an insight seats no
/// more than its groups' places: a flow over all rounds at once, which forgets only in
/// which round an insight is met. Pairs: per round, each discipline and organisation
/// spread as evenly as the round's groups allow.
pub fn term_bound(inst: &Instance) -> i64 {
    let nr = inst.rounds.len();
    let pinned = Pinned::new(inst);
    let mut preference = 0;
    let mut classes: std::collections::BTreeMap<(Vec<i64>, usize), i64> = Default::default();
    let mut wanted = 0i64;
    for (p, part) in inst.participants.iter().enumerate() {
        let mut used: Vec<usize> = Vec::new();
        let mut free = 0;
        for r in 0..nr {
            if !part.attends[r] {
                continue;
            }
            match part.fixed[r] {
                Some(g) => {
                    let i = inst.groups[g].insight;
                    preference += inst.pref_cost(p, i);
                    used.push(i);
                }
                None => free += 1,
            }
        }
        if free == 0 {
            continue;
        }
        let offered: Vec<bool> = (0..inst.insights.len())
            .map(|i| {
                !used.contains(&i)
                    && (0..nr).any(|r| {
                        part.attends[r]
                            && part.fixed[r].is_none()
                            && inst.rounds[r]
                                .groups
                                .iter()
                                .any(|&g| inst.groups[g].insight == i)
                    })
            })
            .collect();
        let costs: Vec<i64> = (0..inst.insights.len())
            .map(|i| if offered[i] { inst.pref_cost(p, i) } else { -1 })
            .collect();
        *classes.entry((costs, free)).or_default() += 1;
        wanted += free as i64;
    }
    // All rounds at once: each participant takes as many different insights as they have
    // free rounds, each insight at most as often as its groups have places left.
    let mut net = Network::new(2);
    let (s, t) = (0, 1);
    let mut left = vec![0i64; inst.insights.len()];
    for (g, group) in inst.groups.iter().enumerate() {
        left[group.insight] += i64::from(pinned.room[g]);
    }
    let insight_node: Vec<usize> = left
        .iter()
        .map(|&cap| {
            let v = net.add_node();
            net.add_arc(v, t, cap, 0);
            v
        })
        .collect();
    for ((costs, free), n) in &classes {
        let v = net.add_node();
        net.add_arc(s, v, *free as i64 * n, 0);
        for (i, &c) in costs.iter().enumerate() {
            if c >= 0 {
                net.add_arc(v, insight_node[i], *n, c);
            }
        }
    }
    if net.min_cost_flow(s, t, wanted) == wanted {
        preference += net.cost();
    } else {
        // No placement meets the rules; the solver reports that, not this bound.
        return 0;
    }
    let mut pairs = 0;
    for r in 0..nr {
        pairs += spread_bound(
            inst,
            r,
            |p| inst.participants[p].discipline,
            inst.disciplines.len(),
            inst.weights.discipline,
        );
        pairs += spread_bound(
            inst,
            r,
            |p| inst.participants[p].organisation,
            inst.organisations.len(),
            inst.weights.organisation,
        );
    }
    preference + pairs
}

/// The least pair cost of one round when only `key` (discipline or organisation)
/// matters: everyone who attends, spread over the round's groups within their places.
fn spread_bound(
    inst: &Instance,
    r: usize,
    key: impl Fn(usize) -> Option<usize>,
    nkeys: usize,
    w: i64,
) -> i64 {
    let groups = &inst.rounds[r].groups;
    let mut count = vec![0i64; nkeys];
    let mut loose = 0;
    for (p, part) in inst.participants.iter().enumerate() {
        if part.attends[r] {
            match key(p) {
                Some(k) => count[k] += 1,
                None => loose += 1,
            }
        }
    }
    let (s, t) = (0, 1);
    let mut net = Network::new(2 + nkeys + 1 + groups.len());
    let gnode = |j: usize| 3 + nkeys + j;
    for (k, &c) in count.iter().enumerate() {
        net.add_arc(s, 2 + k, c, 0);
        for (j, &g) in groups.iter().enumerate() {
            net.add_convex_arc(2 + k, gnode(j), i64::from(inst.groups[g].capacity), 0, w);
        }
    }
    net.add_arc(s, 2 + nkeys, loose, 0);
    for (j, &g) in groups.iter().enumerate() {
        let cap = i64::from(inst.groups[g].capacity);
        net.add_arc(2 + nkeys, gnode(j), cap, 0);
        net.add_arc(gnode(j), t, cap, 0);
    }
    let want = count.iter().sum::<i64>() + loose;
    if net.min_cost_flow(s, t, want) < want {
        // More people than places: the solver refuses the instance before any bound.
        return 0;
    }
    net.cost()
}

/// Each round solved on its own as a flow (the no-repeat rule kept only against pinned
/// places, organisation pairs across disciplines left out), plus what the pinned places
/// cost among themselves. Every cost term belongs to one round, so the rounds' minima add
/// up to a bound.
pub fn round_flow_bound(inst: &Instance) -> i64 {
    let pinned = Pinned::new(inst);
    let mut fixed = inst.empty_placement();
    for (p, part) in inst.participants.iter().enumerate() {
        for (r, g) in part.fixed.iter().enumerate() {
            fixed[p][r] = *g;
        }
    }
    let mut bound = evaluate(inst, &fixed).total;
    for r in 0..inst.rounds.len() {
        let round = solve_round(inst, &pinned, r, &fixed, Repeat::Forbid)
            .or_else(|| solve_round(inst, &pinned, r, &fixed, Repeat::Penalise(0)));
        bound += round.map_or(0, |(_, cost)| cost);
    }
    bound
}

fn q(s: &str) -> String {
    format!("{s:?}")
}

/// Hard-constraint breaches that no search can repair.
fn check(inst: &Instance, pinned: &Pinned) -> Result<(), String> {
    let mut load = vec![0u32; inst.groups.len()];
    for (p, part) in inst.participants.iter().enumerate() {
        let fixed: Vec<(usize, usize)> = part
            .fixed
            .iter()
            .enumerate()
            .filter_map(|(r, g)| g.map(|g| (r, g)))
            .collect();
        for (k, &(r, g)) in fixed.iter().enumerate() {
            load[g] += 1;
            if let Some(&(r0, _)) = fixed[..k]
                .iter()
                .find(|&&(_, h)| inst.groups[h].insight == inst.groups[g].insight)
            {
                return Err(format!(
                    "participant {} is fixed to insight {} in both round {} and round {}, breaking the no-repeat rule",
                    q(&inst.participants[p].id),
                    q(&inst.insights[inst.groups[g].insight]),
                    q(&inst.rounds[r0].id),
                    q(&inst.rounds[r].id)
                ));
            }
        }
    }
    for (g, grp) in inst.groups.iter().enumerate() {
        if load[g] > grp.capacity {
            return Err(format!(
                "fixed placements put {} participants in group {} of capacity {}",
                load[g],
                q(&grp.id),
                grp.capacity
            ));
        }
    }
    for (r, round) in inst.rounds.iter().enumerate() {
        let attend = inst.participants.iter().filter(|p| p.attends[r]).count() as u64;
        let places: u64 = round
            .groups
            .iter()
            .map(|&g| inst.groups[g].capacity as u64)
            .sum();
        if attend > places {
            return Err(format!(
                "round {} lacks {} place{}: {} participants attend and its groups hold {}",
                q(&round.id),
                attend - places,
                if attend - places == 1 { "" } else { "s" },
                attend,
                places
            ));
        }
    }
    // Per participant: can their free rounds get distinct insights at all (a matching)?
    for part in &inst.participants {
        let taken: Vec<usize> = part
            .fixed
            .iter()
            .flatten()
            .map(|&g| inst.groups[g].insight)
            .collect();
        let rounds: Vec<usize> = (0..inst.rounds.len())
            .filter(|&r| part.attends[r] && part.fixed[r].is_none())
            .collect();
        let options: Vec<Vec<usize>> = rounds
            .iter()
            .map(|&r| {
                let mut v: Vec<usize> = inst.rounds[r]
                    .groups
                    .iter()
                    .filter(|&&g| pinned.room[g] > 0 && !taken.contains(&inst.groups[g].insight))
                    .map(|&g| inst.groups[g].insight)
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let matched = max_matching(&options);
        if matched < rounds.len() {
            return Err(format!(
                "no-repeat rule cannot be met although every round has room: participant {} has {} rounds to fill but can get only {} different insights there",
                q(&part.id),
                rounds.len(),
                matched
            ));
        }
    }
    distinct_places(inst, pinned)
}

/// Across all rounds each participant needs distinct insights, and insight `i` has only
/// its free places over all rounds: when even that relaxed flow falls short, no placement exists.
fn distinct_places(inst: &Instance, pinned: &Pinned) -> Result<(), String> {
    let (np, ni) = (inst.participants.len(), inst.insights.len());
    let mut net = Network::new(2 + np + ni);
    let (s, t) = (0, 1);
    let mut want = 0;
    for (p, part) in inst.participants.iter().enumerate() {
        let taken: Vec<usize> = part
            .fixed
            .iter()
            .flatten()
            .map(|&g| inst.groups[g].insight)
            .collect();
        let free = (0..inst.rounds.len())
            .filter(|&r| part.attends[r] && part.fixed[r].is_none())
            .count() as i64;
        want += free;
        net.add_arc(s, 2 + p, free, 0);
        let mut offered = vec![false; ni];
        for (r, round) in inst.rounds.iter().enumerate() {
            if part.attends[r] && part.fixed[r].is_none() {
                for &g in &round.groups {
                    offered[inst.groups[g].insight] |= pinned.room[g] > 0;
                }
            }
        }
        for i in (0..ni).filter(|&i| offered[i] && !taken.contains(&i)) {
            net.add_arc(2 + p, 2 + np + i, 1, 0);
        }
    }
    let mut room = vec![0i64; ni];
    for (g, grp) in inst.groups.iter().enumerate() {
        room[grp.insight] += pinned.room[g] as i64;
    }
    for (i, &c) in room.iter().enumerate() {
        net.add_arc(2 + np + i, t, c, 0);
    }
    let got = net.min_cost_flow(s, t, want);
    if got < want {
        return Err(format!(
            "no-repeat rule cannot be met although every round has room: {want} placements need distinct insights per participant, but the insights' places over all rounds allow only {got}"
        ));
    }
    Ok(())
}

/// Kuhn's augmenting paths; sizes here are a handful of rounds.
fn max_matching(options: &[Vec<usize>]) -> usize {
    fn augment(
        k: usize,
        options: &[Vec<usize>],
        owner: &mut std::collections::HashMap<usize, usize>,
        seen: &mut Vec<usize>,
    ) -> bool {
        for &i in &options[k] {
            if seen.contains(&i) {
                continue;
            }
            seen.push(i);
            match owner.get(&i).copied() {
                Some(j) if !augment(j, options, owner, seen) => {}
                _ => {
                    owner.insert(i, k);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = std::collections::HashMap::new();
    (0..options.len())
        .filter(|&k| augment(k, options, &mut owner, &mut Vec::new()))
        .count()
}

fn violations(inst: &Instance, placement: &Placement) -> i64 {
    let mut v = 0;
    for row in placement {
        let ins: Vec<usize> = row
            .iter()
            .flatten()
            .map(|&g| inst.groups[g].insight)
            .collect();
        v += (0..ins.len())
            .filter(|&k| ins[..k].contains(&ins[k]))
            .count() as i64;
    }
    v
}

fn objective(inst: &Instance, placement: &Placement) -> i64 {
    evaluate(inst, placement).total + PENALTY * violations(inst, placement)
}

/// Re-solves every round with the others held, keeping only improvements.
fn resolve_rounds(inst: &Instance, pinned: &Pinned, placement: &mut Placement) -> bool {
    let mut best = objective(inst, placement);
    let mut improved = false;
    for r in 0..inst.rounds.len() {
        let repeat = if violations(inst, placement) == 0 {
            Repeat::Forbid
        } else {
            Repeat::Penalise(PENALTY)
        };
        let Some((moves, _)) = solve_round(inst, pinned, r, placement, repeat) else {
            continue;
        };
        let mut candidate = placement.clone();
        for (p, g) in moves {
            candidate[p][r] = Some(g);
        }
        let c = objective(inst, &candidate);
        if c < best {
            best = c;
            *placement = candidate;
            improved = true;
        }
    }
    improved
}

/// Removes repeats by chains of moves across rounds; leaves the placement as good as
/// it got when it cannot.
fn chain_repair(inst: &Instance, placement: Placement, slots: u64) -> Placement {
    let mut repair = Repair::new(inst, placement);
    repair.run(CHAIN_WORK_PER_SLOT * slots + 20_000);
    repair.placement
}

/// Local search that may not add repeats once there are none.
fn local_search(
    inst: &Instance,
    placement: Placement,
    rng: &mut Rng,
    budget: u64,
    patience: u64,
) -> (Placement, u64) {
    let penalty = if violations(inst, &placement) == 0 {
        HARD
    } else {
        PENALTY
    };
    let mut search = Search::new(inst, placement, penalty);
    let used = search.run(rng, budget, patience);
    (search.placement, used)
}

/// `time_limit_ms` sets a work budget, not a clock: the output must depend on the input
/// alone, never on how busy the machine is.
pub fn solve(inst: &Instance, time_limit_ms: u64) -> Result<Solution, String> {
    let pinned = Pinned::new(inst);
    check(inst, &pinned)?;

    let mut placement = inst.empty_placement();
    for (p, part) in inst.participants.iter().enumerate() {
        for (r, g) in part.fixed.iter().enumerate() {
            placement[p][r] = *g;
        }
    }
    for r in 0..inst.rounds.len() {
        let moves = solve_round(inst, &pinned, r, &placement, Repeat::Forbid)
            .or_else(|| solve_round(inst, &pinned, r, &placement, Repeat::Penalise(PENALTY)))
            .expect("a round with room can always be filled when repeats are allowed")
            .0;
        for (p, g) in moves {
            placement[p][r] = Some(g);
        }
    }
    let slots: u64 = pinned.free.iter().map(|f| f.len() as u64).sum();
    if violations(inst, &placement) > 0 {
        placement = chain_repair(inst, placement, slots);
    }
    // On big instances re-solving gains little over local search but costs whole flows;
    // it is still needed there to repair repeats the chains left.
    let small = slots <= RESOLVE_SLOTS;
    for _ in 0..6 {
        if !(small || violations(inst, &placement) > 0)
            || !resolve_rounds(inst, &pinned, &mut placement)
        {
            break;
        }
    }

    let mut rng = Rng::new(0x5EED_0F3E_4CC0);
    let budget = time_limit_ms.saturating_mul(STEPS_PER_MS);
    let (found, used) = local_search(inst, placement, &mut rng, budget, 40 * slots + 2_000);
    placement = found;
    // Tiny instances go to the exact search below instead.
    if violations(inst, &placement) == 0 && (EXACT_SLOTS as u64 + 1..=ANNEAL_SLOTS).contains(&slots)
    {
        let steps = (ANNEAL_STEPS_PER_SLOT * slots).min(ANNEAL_STEPS_MAX);
        let mut search = Search::new(inst, placement, HARD);
        search.anneal(
            &mut rng,
            steps.min(budget.saturating_sub(used)),
            ANNEAL_HOT,
            ANNEAL_COLD,
        );
        placement = search.placement;
    }
    // One more flow pass on what local search left, then a short polish.
    if small && resolve_rounds(inst, &pinned, &mut placement) {
        let left = budget.saturating_sub(used);
        placement = local_search(inst, placement, &mut rng, left, 20 * slots + 2_000).0;
    }

    if violations(inst, &placement) > 0 {
        placement = chain_repair(inst, placement, slots);
    }
    if violations(inst, &placement) > 0 {
        match exact::search(inst, None, FEASIBILITY_NODES) {
            Exact::Found { placement: found, .. } => {
                placement = local_search(inst, found, &mut rng, budget, 40 * slots + 2_000).0;
            }
            Exact::Infeasible => {
                return Err("no-repeat rule cannot be met although every round has room (no placement exists)".into())
            }
            Exact::GaveUp => {
                return Err("no placement found that meets the no-repeat rule although every round has room (search limit reached)".into())
            }
        }
    }
    let mut proven = false;
    if pinned.free.iter().map(Vec::len).sum::<usize>() <= EXACT_SLOTS {
        let current = evaluate(inst, &placement).total;
        if let Exact::Found {
            placement: found,
            proven: finished,
            ..
        } = exact::search(inst, Some((placement.clone(), current)), EXACT_NODES)
        {
            placement = found;
            proven = finished;
        }
    }

    verify(inst, &placement)?;
    let cost = evaluate(inst, &placement);
    let bound = if proven {
        cost.total
    } else {
        lower_bound(inst).min(cost.total)
    };
    Ok(Solution {
        placement,
        cost,
        bound,
    })
}

/// Last line of defence: every hard constraint, checked on the final placement.
pub fn verify(inst: &Instance, placement: &Placement) -> Result<(), String> {
    let mut load = vec![0u32; inst.groups.len()];
    for (p, part) in inst.participants.iter().enumerate() {
        for (r, &g) in placement[p].iter().enumerate() {
            let ok = match (part.attends[r], g) {
                (true, Some(g)) => {
                    load[g] += 1;
                    inst.groups[g].round == r && part.fixed[r].is_none_or(|f| f == g)
                }
                (false, None) => true,
                _ => false,
            };
            if !ok {
                return Err(format!(
                    "internal error: bad placement of participant {}",
                    q(&part.id)
                ));
            }
        }
    }
    if violations(inst, placement) > 0 {
        return Err("internal error: an insight repeats".into());
    }
    match inst
        .groups
        .iter()
        .zip(&load)
        .find(|(g, l)| **l > g.capacity)
    {
        Some((g, _)) => Err(format!("internal error: group {} over capacity", q(&g.id))),
        None => Ok(()),
    }
}
