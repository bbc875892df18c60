//! One round as a min-cost flow, with the other rounds held fixed:
//! class -> (insight, discipline, org) -> (group, discipline, org) -> (group, discipline) -> group.
//! Preference and discipline pairs are exact; organisation pairs are exact within a
//! discipline and against pinned participants, and left to local search across disciplines.

use std::collections::HashMap;

use super::cost::Placement;
use super::flow::Network;
use super::model::Instance;

/// Above this many (group, discipline, organisation) nodes the organisation layer is
/// dropped: the flow stays fast and local search spreads colleagues instead.
const ORG_NODE_LIMIT: usize = 60_000;

/// Facts about the pinned placements, computed once.
pub struct Pinned {
    /// Per round: participants who attend it and are not pinned in it.
    pub free: Vec<Vec<usize>>,
    /// Per group: capacity left after pinned participants.
    pub room: Vec<u32>,
    disc: HashMap<(usize, usize), u32>,
    org: HashMap<(usize, usize), u32>,
    /// Per round: organisations with a pinned member somewhere in that round.
    org_pinned: Vec<std::collections::HashSet<usize>>,
}

impl Pinned {
    pub fn new(inst: &Instance) -> Pinned {
        let nr = inst.rounds.len();
        let mut free = vec![Vec::new(); nr];
        let mut room: Vec<i64> = inst.groups.iter().map(|g| g.capacity as i64).collect();
        let mut disc = HashMap::new();
        let mut org = HashMap::new();
        let mut org_pinned = vec![std::collections::HashSet::new(); nr];
        for (p, part) in inst.participants.iter().enumerate() {
            for r in 0..nr {
                if !part.attends[r] {
                    continue;
                }
                match part.fixed[r] {
                    None => free[r].push(p),
                    Some(g) => {
                        room[g] -= 1;
                        if let Some(d) = part.discipline {
                            *disc.entry((g, d)).or_insert(0) += 1;
                        }
                        if let Some(o) = part.organisation {
                            *org.entry((g, o)).or_insert(0) += 1;
                            org_pinned[r].insert(o);
                        }
                    }
                }
            }
        }
        Pinned {
            free,
            // Overfull pinned groups are reported before any flow is built.
            room: room.into_iter().map(|x| x.max(0) as u32).collect(),
            disc,
            org,
            org_pinned,
        }
    }
}

/// How to treat an insight the participant already has in another round.
#[derive(Clone, Copy)]
pub enum Repeat {
    Forbid,
    Penalise(i64),
}

/// Places every free participant of round `r`, with the flow's cost (a lower bound on
/// that round's cost beyond pinned-only terms); `None` when the flow cannot place all
/// (only possible with `Repeat::Forbid`).
pub fn solve_round(
    inst: &Instance,
    pinned: &Pinned,
    r: usize,
    placement: &Placement,
    repeat: Repeat,
) -> Option<(Vec<(usize, usize)>, i64)> {
    let free = &pinned.free[r];
    if free.is_empty() {
        return Some((Vec::new(), 0));
    }
    let w = &inst.weights;
    let nd = inst.disciplines.len();
    let groups: Vec<usize> = inst.rounds[r]
        .groups
        .iter()
        .copied()
        .filter(|&g| pinned.room[g] > 0)
        .collect();
    // Insights offered in this round, in first-group order.
    let mut insights: Vec<usize> = Vec::new();
    let mut by_insight: HashMap<usize, Vec<usize>> = HashMap::new();
    for &g in &groups {
        let i = inst.groups[g].insight;
        by_insight.entry(i).or_insert_with(|| {
            insights.push(i);
            Vec::new()
        });
        by_insight.get_mut(&i).unwrap().push(g);
    }

    // Organisation key: only where it can cost something inside the flow.
    let mut do_count: HashMap<(usize, usize), u32> = HashMap::new();
    for &p in free {
        let part = &inst.participants[p];
        if let (Some(d), Some(o)) = (part.discipline, part.organisation) {
            *do_count.entry((d, o)).or_insert(0) += 1;
        }
    }
    let disc_ix = |p: usize| inst.participants[p].discipline.unwrap_or(nd);
    let org_key = |p: usize| -> Option<usize> {
        let part = &inst.participants[p];
        let o = part.organisation?;
        let many = part.discipline.is_some_and(|d| do_count[&(d, o)] >= 2);
        (w.organisation > 0 && (many || pinned.org_pinned[r].contains(&o))).then_some(o)
    };
    let mut keys: Vec<Option<usize>> = free.iter().map(|&p| org_key(p)).collect();
    let combos: std::collections::HashSet<(usize, usize)> = free
        .iter()
        .zip(&keys)
        .filter_map(|(&p, k)| k.map(|o| (disc_ix(p), o)))
        .collect();
    if combos.len() * groups.len() > ORG_NODE_LIMIT {
        keys.iter_mut().for_each(|k| *k = None);
    }

    let mut net = Network::new(2);
    let (s, t) = (0, 1);
    let mut group_node = HashMap::new();
    for &g in &groups {
        let v = net.add_node();
        group_node.insert(g, v);
        net.add_arc(v, t, pinned.room[g] as i64, 0);
    }
    let mut gd_node: HashMap<(usize, usize), usize> = HashMap::new();
    let mut gdo_node: HashMap<(usize, usize, usize), usize> = HashMap::new();
    let mut ido_node: HashMap<(usize, usize, Option<usize>), usize> = HashMap::new();
    // (node, group, arc) for every arc that decides a group.
    let mut ido_arcs: Vec<(usize, usize, usize)> = Vec::new();
    let mut ido_members: Vec<Vec<usize>> = Vec::new();

    let mut class_ix: HashMap<(usize, Option<usize>, Vec<i64>), usize> = HashMap::new();
    let mut classes: Vec<Vec<usize>> = Vec::new();
    let mut class_cost: Vec<Vec<i64>> = Vec::new();
    let mut class_key: Vec<(usize, Option<usize>)> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    for (&p, &ok) in free.iter().zip(&keys) {
        taken.clear();
        taken.extend(
            placement[p]
                .iter()
                .enumerate()
                .filter(|&(s, g)| s != r && g.is_some())
                .map(|(_, g)| inst.groups[g.unwrap()].insight),
        );
        let costs: Vec<i64> = insights
            .iter()
            .map(|&i| {
                let c = inst.pref_cost(p, i);
                match (taken.contains(&i), repeat) {
                    (false, _) => c,
                    (true, Repeat::Forbid) => -1,
                    (true, Repeat::Penalise(m)) => c + m,
                }
            })
            .collect();
        let key = (disc_ix(p), ok, costs);
        let c = *class_ix.entry(key.clone()).or_insert_with(|| {
            classes.push(Vec::new());
            class_cost.push(key.2);
            class_key.push((key.0, key.1));
            classes.len() - 1
        });
        classes[c].push(p);
    }

    let mut class_arcs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); classes.len()];
    for c in 0..classes.len() {
        let cv = net.add_node();
        let n = classes[c].len() as i64;
        net.add_arc(s, cv, n, 0);
        let (d, ok) = class_key[c];
        for (k, &i) in insights.iter().enumerate() {
            let cost = class_cost[c][k];
            if cost < 0 {
                continue;
            }
            let x = match ido_node.get(&(i, d, ok)) {
                Some(&x) => x,
                None => {
                    let x = net.add_node();
                    ido_node.insert((i, d, ok), x);
                    ido_members.resize(net.node_count(), Vec::new());
                    for &g in &by_insight[&i] {
                        let room = pinned.room[g] as i64;
                        let gd = *gd_node.entry((g, d)).or_insert_with(|| {
                            let v = net.add_node();
                            let (base, step) = if d < nd {
                                let f = pinned.disc.get(&(g, d)).copied().unwrap_or(0) as i64;
                                (f * w.discipline, w.discipline)
                            } else {
                                (0, 0)
                            };
                            net.add_convex_arc(v, group_node[&g], room, base, step);
                            v
                        });
                        let target = match ok {
                            None => gd,
                            Some(o) => *gdo_node.entry((g, d, o)).or_insert_with(|| {
                                let v = net.add_node();
                                let f = pinned.org.get(&(g, o)).copied().unwrap_or(0) as i64;
                                net.add_convex_arc(v, gd, room, f * w.organisation, w.organisation);
                                v
                            }),
                        };
                        let a = net.add_arc(x, target, room, 0);
                        ido_arcs.push((x, g, a));
                    }
                    x
                }
            };
            let a = net.add_arc(cv, x, n, cost);
            class_arcs[c].push((x, a));
        }
    }
    ido_members.resize(net.node_count(), Vec::new());

    let want = free.len() as i64;
    if net.min_cost_flow(s, t, want) < want {
        return None;
    }

    for (c, arcs) in class_arcs.iter().enumerate() {
        let mut next = 0;
        for &(x, a) in arcs {
            let f = net.flow(a) as usize;
            ido_members[x].extend_from_slice(&classes[c][next..next + f]);
            next += f;
        }
    }
    // Deal each node's members to its groups, colleagues to the table with fewest of them.
    let mut quota: HashMap<(usize, usize), usize> = HashMap::new();
    let mut node_groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(x, g, a) in &ido_arcs {
        let f = net.flow(a) as usize;
        if f > 0 {
            *quota.entry((x, g)).or_insert(0) += f;
            node_groups.entry(x).or_default().push(g);
        }
    }
    let mut org_at: HashMap<(usize, usize), u32> = pinned.org.clone();
    let mut out = Vec::with_capacity(free.len());
    let mut nodes: Vec<usize> = node_groups.keys().copied().collect();
    nodes.sort_unstable();
    for x in nodes {
        let gs = &node_groups[&x];
        let mut members = std::mem::take(&mut ido_members[x]);
        members.sort_by_key(|&p| (inst.participants[p].organisation, p));
        for p in members {
            let o = inst.participants[p].organisation;
            let g = *gs
                .iter()
                .filter(|&&g| quota[&(x, g)] > 0)
                .min_by_key(|&&g| o.map_or(0, |o| org_at.get(&(g, o)).copied().unwrap_or(0)))
                .expect("flow conservation gives every member a group");
            *quota.get_mut(&(x, g)).unwrap() -= 1;
            if let Some(o) = o {
                *org_at.entry((g, o)).or_insert(0) += 1;
            }
            out.push((p, g));
        }
    }
    Some((out, net.cost()))
}
