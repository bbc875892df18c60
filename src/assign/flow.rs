//! Min-cost flow with convex arcs: primal-dual (Dijkstra with potentials, then a
//! blocking flow on the zero-reduced-cost arcs). Costs here are small integers,
//! so the number of distinct path lengths, and thus of phases, stays small.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Debug)]
struct Arc {
    from: u32,
    to: u32,
    cap: i64,
    flow: i64,
    /// The k-th unit (from 0) costs `base + k * step`; `step >= 0` keeps it convex.
    base: i64,
    step: i64,
}

pub struct Network {
    n: usize,
    arcs: Vec<Arc>,
}

const INF: i64 = i64::MAX / 4;

impl Network {
    pub fn new(n: usize) -> Network {
        Network {
            n,
            arcs: Vec::new(),
        }
    }

    pub fn add_node(&mut self) -> usize {
        self.n += 1;
        self.n - 1
    }

    pub fn node_count(&self) -> usize {
        self.n
    }

    pub fn add_arc(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        self.add_convex_arc(from, to, cap, cost, 0)
    }

    pub fn add_convex_arc(
        &mut self,
        from: usize,
        to: usize,
        cap: i64,
        base: i64,
        step: i64,
    ) -> usize {
        debug_assert!(base >= 0 && step >= 0 && cap >= 0);
        self.arcs.push(Arc {
            from: from as u32,
            to: to as u32,
            cap,
            flow: 0,
            base,
            step,
        });
        self.arcs.len() - 1
    }

    pub fn flow(&self, arc: usize) -> i64 {
        self.arcs[arc].flow
    }

    pub fn cost(&self) -> i64 {
        self.arcs
            .iter()
            .map(|a| a.flow * a.base + a.step * a.flow * (a.flow - 1) / 2)
            .sum()
    }

    /// Residual edge `2a` is arc `a` forward, `2a + 1` backward: (head, amount, cost).
    #[inline]
    fn residual(&self, e: usize) -> (usize, i64, i64) {
        let a = &self.arcs[e >> 1];
        if e & 1 == 0 {
            let left = a.cap - a.flow;
            let amount = if a.step > 0 { left.min(1) } else { left };
            (a.to as usize, amount, a.base + a.flow * a.step)
        } else {
            let amount = if a.step > 0 { a.flow.min(1) } else { a.flow };
            (
                a.from as usize,
                amount,
                -(a.base + (a.flow - 1).max(0) * a.step),
            )
        }
    }

    #[inline]
    fn push(&mut self, e: usize, amount: i64) {
        let a = &mut self.arcs[e >> 1];
        if e & 1 == 0 {
            a.flow += amount;
        } else {
            a.flow -= amount;
        }
    }

    /// Sends up to `want` units from `s` to `t` at least cost; returns the amount sent.
    pub fn min_cost_flow(&mut self, s: usize, t: usize, want: i64) -> i64 {
        let n = self.n;
        // Residual adjacency in CSR form; the arc set is fixed from here on.
        let mut start = vec![0u32; n + 1];
        for a in &self.arcs {
            start[a.from as usize + 1] += 1;
            start[a.to as usize + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut fill = start.clone();
        let mut adj = vec![0u32; self.arcs.len() * 2];
        for (i, a) in self.arcs.iter().enumerate() {
            adj[fill[a.from as usize] as usize] = (2 * i) as u32;
            fill[a.from as usize] += 1;
            adj[fill[a.to as usize] as usize] = (2 * i + 1) as u32;
            fill[a.to as usize] += 1;
        }

        let mut pot = vec![0i64; n];
        let mut dist = vec![INF; n];
        let mut level = vec![-1i32; n];
        let mut it = vec![0u32; n];
        let mut queue = Vec::with_capacity(n);
        let mut heap = BinaryHeap::new();
        let mut sent = 0;
        while sent < want {
            // Dijkstra on reduced costs, stopping once t is settled.
            dist.fill(INF);
            dist[s] = 0;
            heap.clear();
            heap.push(Reverse((0i64, s as u32)));
            while let Some(Reverse((d, u))) = heap.pop() {
                let u = u as usize;
                if d > dist[u] {
                    continue;
                }
                if u == t {
                    break;
                }
                for &e in &adj[start[u] as usize..start[u + 1] as usize] {
                    let (v, amount, c) = self.residual(e as usize);
                    if amount <= 0 {
                        continue;
                    }
                    let nd = d + c + pot[u] - pot[v];
                    if nd < dist[v] {
                        dist[v] = nd;
                        heap.push(Reverse((nd, v as u32)));
                    }
                }
            }
            if dist[t] >= INF {
                break;
            }
            let dt = dist[t];
            for v in 0..n {
                pot[v] += dist[v].min(dt);
            }

            // Max flow on the admissible (zero reduced cost) residual graph, Dinic style.
            loop {
                level.fill(-1);
                level[s] = 0;
                queue.clear();
                queue.push(s);
                let mut qi = 0;
                while qi < queue.len() {
                    let u = queue[qi];
                    qi += 1;
                    for &e in &adj[start[u] as usize..start[u + 1] as usize] {
                        let (v, amount, c) = self.residual(e as usize);
                        if amount > 0 && level[v] < 0 && c + pot[u] - pot[v] == 0 {
                            level[v] = level[u] + 1;
                            queue.push(v);
                        }
                    }
                }
                if level[t] < 0 {
                    break;
                }
                it.copy_from_slice(&start[..n]);
                let mut path: Vec<u32> = Vec::new();
                let mut u = s;
                while sent < want {
                    if u == t {
                        let mut amount = want - sent;
                        for &e in &path {
                            amount = amount.min(self.residual(e as usize).1);
                        }
                        for &e in &path {
                            self.push(e as usize, amount);
                        }
                        sent += amount;
                        path.clear();
                        u = s;
                        continue;
                    }
                    let mut advanced = false;
                    while it[u] < start[u + 1] {
                        let e = adj[it[u] as usize] as usize;
                        let (v, amount, c) = self.residual(e);
                        if amount > 0 && level[v] == level[u] + 1 && c + pot[u] - pot[v] == 0 {
                            path.push(e as u32);
                            u = v;
                            advanced = true;
                            break;
                        }
                        it[u] += 1;
                    }
                    if !advanced {
                        // Dead end: never enter u again in this pass.
                        level[u] = -1;
                        match path.pop() {
                            None => break,
                            Some(e) => {
                                let a = &self.arcs[e as usize >> 1];
                                u = if e & 1 == 0 { a.from } else { a.to } as usize;
                                it[u] += 1;
                            }
                        }
                    }
                }
                if sent >= want {
                    break;
                }
            }
        }
        sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tiny splitmix64 so tests need no crate.
    fn rng(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[test]
    fn simple_assignment() {
        // Two workers, two jobs: the cheap diagonal costs 1 + 1.
        let mut net = Network::new(6);
        net.add_arc(0, 1, 1, 0);
        net.add_arc(0, 2, 1, 0);
        net.add_arc(1, 3, 1, 1);
        net.add_arc(1, 4, 1, 5);
        net.add_arc(2, 3, 1, 3);
        net.add_arc(2, 4, 1, 1);
        net.add_arc(3, 5, 1, 0);
        net.add_arc(4, 5, 1, 0);
        assert_eq!(net.min_cost_flow(0, 5, 10), 2);
        assert_eq!(net.cost(), 2);
    }

    #[test]
    fn convex_arc_spreads_flow() {
        // Three units over two convex arcs 0,1,2,... : best split is 2 + 1, cost 0+1+0.
        let mut net = Network::new(4);
        net.add_arc(0, 1, 3, 0);
        net.add_convex_arc(1, 2, 3, 0, 1);
        net.add_convex_arc(1, 3, 3, 0, 1);
        net.add_arc(2, 3, 3, 0);
        assert_eq!(net.min_cost_flow(0, 3, 3), 3);
        assert_eq!(net.cost(), 1);
    }

    /// Brute force over unit paths: compare against a tiny assignment problem
    /// with convex group costs enumerated exhaustively.
    #[test]
    fn random_against_brute_force() {
        let mut s = 7u64;
        for _ in 0..300 {
            let np = 1 + (rng(&mut s) % 5) as usize;
            let ng = 1 + (rng(&mut s) % 3) as usize;
            let caps: Vec<i64> = (0..ng).map(|_| (rng(&mut s) % 4) as i64).collect();
            let steps: Vec<i64> = (0..ng).map(|_| (rng(&mut s) % 3) as i64).collect();
            let cost: Vec<Vec<i64>> = (0..np)
                .map(|_| (0..ng).map(|_| (rng(&mut s) % 6) as i64).collect())
                .collect();
            // Brute force: every map participant -> group within capacity.
            let mut best: Option<i64> = None;
            let total = ng.pow(np as u32);
            for code in 0..total {
                let mut c = code;
                let mut cnt = vec![0i64; ng];
                let mut sum = 0;
                for row in &cost {
                    let g = c % ng;
                    c /= ng;
                    sum += row[g] + steps[g] * cnt[g];
                    cnt[g] += 1;
                }
                if (0..ng).all(|g| cnt[g] <= caps[g]) {
                    best = Some(best.map_or(sum, |b: i64| b.min(sum)));
                }
            }
            let (src, sink) = (np + ng, np + ng + 1);
            let mut net = Network::new(np + ng + 2);
            for (p, row) in cost.iter().enumerate() {
                net.add_arc(src, p, 1, 0);
                for (g, &c) in row.iter().enumerate() {
                    net.add_arc(p, np + g, 1, c);
                }
            }
            for g in 0..ng {
                net.add_convex_arc(np + g, sink, caps[g], 0, steps[g]);
            }
            let sent = net.min_cost_flow(src, sink, np as i64);
            match best {
                Some(b) => {
                    assert_eq!(sent, np as i64);
                    assert_eq!(net.cost(), b);
                }
                None => assert!(sent < np as i64),
            }
        }
    }
}
