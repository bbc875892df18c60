//! `cargo bench --bench assign`: realistic generated instances (fixed seeds), wall time,
//! cost and its parts, and a lower bound on the optimum with the gap.
//!
//! Lower bound = max of the two valid bounds the app's preview reports too
//! (`assign::solve::lower_bound`):
//! A. per round, the round's min-cost flow with no other rounds (no-repeat rule ignored;
//!    organisation pairs counted only within a discipline, or not at all on big rounds);
//! B. preference bound with the no-repeat rule (each participant gets distinct insights,
//!    per-insight capacity summed over rounds) + per round the least discipline pairs
//!    + per round the least organisation pairs, each minimised on its own.

use std::time::Instant;

use serde_json::json;
use werkconf::assign::local::Rng;
use werkconf::assign::model::parse_instance;
use werkconf::assign::solve::{round_flow_bound, solve, term_bound};

const DISCIPLINES: [&str; 17] = [
    "verloskundige",
    "kraamzorg",
    "jeugdgezondheidszorg (JGZ)",
    "buurtteam / sociaal wijkteam",
    "huisarts",
    "gemeente",
    "ervaringsdeskundige / ouder",
    "gynaecoloog",
    "kinderarts",
    "GGD",
    "jeugdhulp",
    "welzijnswerk",
    "schuldhulpverlening",
    "GGZ",
    "zorgverzekeraar",
    "onderwijs / kinderopvang",
    "lactatiekundige",
];

/// Index drawn with weight 1/(k+1)^s: skewed popularity and organisation sizes.
fn zipf(rng: &mut Rng, n: usize, s: f64) -> usize {
    let total: f64 = (0..n).map(|k| 1.0 / ((k + 1) as f64).powf(s)).sum();
    let mut x = (rng.next_u64() as f64 / u64::MAX as f64) * total;
    for k in 0..n {
        x -= 1.0 / ((k + 1) as f64).powf(s);
        if x <= 0.0 {
            return k;
        }
    }
    n - 1
}

fn generate(np: usize, nr: usize, ni: usize, table: u32, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let norg = (np / 8).max(3);
    let org_disc: Vec<usize> = (0..norg)
        .map(|_| zipf(&mut rng, DISCIPLINES.len(), 0.6))
        .collect();
    let mut participants = Vec::new();
    let mut attend = vec![0usize; nr];
    for p in 0..np {
        let o = zipf(&mut rng, norg, 1.0);
        let d = if rng.below(10) < 7 {
            org_disc[o]
        } else {
            zipf(&mut rng, DISCIPLINES.len(), 0.6)
        };
        let mut prefs = Vec::new();
        let want = [3, 3, 3, 3, 2, 4, 5, 1, 0][rng.below(9)];
        while prefs.len() < want.min(ni) {
            let i = format!("i{}", zipf(&mut rng, ni, 0.8));
            if !prefs.contains(&i) {
                prefs.push(i);
            }
        }
        let rounds: Vec<usize> = if rng.below(100) < 85 {
            (0..nr).collect()
        } else {
            let skip = rng.below(nr);
            (0..nr)
                .filter(|&r| r != skip && (rng.below(3) != 0))
                .collect()
        };
        for &r in &rounds {
            attend[r] += 1;
        }
        let mut v = json!({
            "id": format!("p{p}"),
            "discipline": DISCIPLINES[d],
            "preferences": prefs,
            "rounds": rounds.iter().map(|r| format!("r{r}")).collect::<Vec<_>>(),
        });
        if rng.below(20) != 0 {
            v["organisation"] = json!(format!("Organisatie {o}"));
        }
        participants.push(v);
    }
    // Tables per insight follow popularity, about 12% spare places per round.
    let pop: Vec<f64> = (0..ni).map(|k| 1.0 / ((k + 1) as f64).powf(0.8)).collect();
    let total_pop: f64 = pop.iter().sum();
    let rounds: Vec<_> = (0..nr)
        .map(|r| {
            let tables = ((attend[r] as f64 * 1.12) / table as f64).ceil() as usize;
            let mut groups = Vec::new();
            for (i, w) in pop.iter().enumerate() {
                let n = ((tables as f64 * w / total_pop).round() as usize).max(1);
                for k in 0..n {
                    groups.push(json!({"id": format!("r{r}-i{i}-{k}"), "insight": format!("i{i}"), "capacity": table}));
                }
            }
            json!({"id": format!("r{r}"), "groups": groups})
        })
        .collect();
    let insights: Vec<_> = (0..ni).map(|i| json!({"id": format!("i{i}")})).collect();
    json!({"insights": insights, "rounds": rounds, "participants": participants}).to_string()
}

/// The same people, with tables sized to a hidden placement that gives everyone distinct
/// insights by popularity: capacity equals attendance in every round, not one spare place.
fn generate_tight(np: usize, nr: usize, ni: usize, table: u32, seed: u64) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&generate(np, nr, ni, table, seed)).unwrap();
    let mut rng = Rng::new(seed ^ 0x7167_4854);
    let mut load = vec![vec![0u32; ni]; nr];
    for p in v["participants"].as_array().unwrap() {
        let mut used = Vec::new();
        for r in p["rounds"].as_array().unwrap() {
            let r: usize = r.as_str().unwrap()[1..].parse().unwrap();
            let i = loop {
                let i = zipf(&mut rng, ni, 0.8);
                if !used.contains(&i) {
                    break i;
                }
            };
            used.push(i);
            load[r][i] += 1;
        }
    }
    let rounds: Vec<_> = (0..nr)
        .map(|r| {
            let mut groups = Vec::new();
            for (i, &n) in load[r].iter().enumerate() {
                // Split the load over tables of about `table`, sizes differing by one.
                let k = n.div_ceil(table).max(1);
                for j in 0..k {
                    let cap = n / k + u32::from(j < n % k);
                    groups.push(json!({"id": format!("r{r}-i{i}-{j}"), "insight": format!("i{i}"), "capacity": cap}));
                }
            }
            json!({"id": format!("r{r}"), "groups": groups})
        })
        .collect();
    v["rounds"] = json!(rounds);
    v.to_string()
}

/// (people, rounds, insights, table size, tight, seed). The first rows are the issue's
/// shapes (40 people in 2 rounds on 5 insights, 300 in 3 on 10), several seeds each, small
/// enough for the exact oracle (`scripts/assign_oracle.py`) to prove the optimum.
const INSTANCES: [(usize, usize, usize, u32, bool, u64); 13] = [
    (40, 2, 5, 10, false, 1),
    (40, 2, 5, 10, false, 2),
    (40, 2, 5, 10, false, 3),
    (40, 2, 5, 10, true, 4),
    (300, 3, 10, 12, false, 1),
    (300, 3, 10, 12, false, 2),
    (300, 3, 10, 12, true, 3),
    (40, 3, 6, 7, false, 2064),
    (300, 3, 8, 12, false, 2324),
    (2000, 3, 12, 25, false, 4024),
    (10000, 3, 20, 25, false, 12024),
    (2000, 3, 12, 25, true, 4024),
    (1000, 3, 12, 20, false, 7),
];

fn main() {
    // ASSIGN_INSTANCES=DIR writes each instance and the solver's cost there, for the oracle.
    let dir = std::env::var_os("ASSIGN_INSTANCES").map(std::path::PathBuf::from);
    // ASSIGN_ONLY=TEXT runs only the instances whose name contains TEXT.
    let only = std::env::var("ASSIGN_ONLY").unwrap_or_default();
    println!(
        "{:<18} {:>5} {:>9} {:>7} {:>8} {:>6} {:>5} {:>5} {:>8} {:>8} {:>6}",
        "instance",
        "groups",
        "time_ms",
        "lb_ms",
        "total",
        "pref",
        "disc",
        "org",
        "lb_A",
        "lb_B",
        "gap%"
    );
    // ASSIGN_SEEDS=N runs the two small shapes with N seeds each, open and tight.
    let list: Vec<_> = match std::env::var("ASSIGN_SEEDS")
        .ok()
        .and_then(|n| n.parse::<u64>().ok())
    {
        Some(n) => (100..100 + n)
            .flat_map(|seed| {
                [(40, 2, 5, 10), (40, 3, 6, 7)]
                    .into_iter()
                    .flat_map(move |(np, nr, ni, t)| {
                        [(np, nr, ni, t, false, seed), (np, nr, ni, t, true, seed)]
                    })
            })
            .collect(),
        None => INSTANCES.to_vec(),
    };
    for (np, nr, ni, table, tight, seed) in list {
        let json = if tight {
            generate_tight(np, nr, ni, table, seed)
        } else {
            generate(np, nr, ni, table, seed)
        };
        let name = format!(
            "{np}p-{nr}r-{ni}i-s{seed}{}",
            if tight { "-tight" } else { "" }
        );
        if !name.contains(&only) {
            continue;
        }
        let inst = parse_instance(&json).expect("valid instance");
        let start = Instant::now();
        let sol = solve(&inst, 10_000).expect("feasible");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        // The bound alone (solve computes it too, inside `time_ms`).
        let start = Instant::now();
        let (a, b) = (round_flow_bound(&inst), term_bound(&inst));
        let lb_ms = start.elapsed().as_secs_f64() * 1000.0;
        assert!(
            sol.bound >= a.max(b).min(sol.cost.total),
            "the solver reports this bound"
        );
        let lb = sol.bound;
        let c = sol.cost;
        let gap = if lb > 0 {
            100.0 * (c.total - lb) as f64 / lb as f64
        } else {
            0.0
        };
        println!(
            "{:<18} {:>5} {:>9.1} {:>7.1} {:>8} {:>6} {:>5} {:>5} {:>8} {:>8} {:>6.2}{}",
            name,
            inst.groups.len(),
            ms,
            lb_ms,
            c.total,
            c.preference,
            c.discipline,
            c.organisation,
            a,
            b,
            gap,
            if sol.bound == c.total { "  proven" } else { "" }
        );
        if let Some(dir) = &dir {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{name}.json")), &json).unwrap();
            std::fs::write(dir.join(format!("{name}.cost")), c.total.to_string()).unwrap();
        }
    }
}
