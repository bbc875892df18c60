//! The `werkconf assign` command without its I/O: JSON text in, JSON text out.

use super::model::{OutAssignment, Output, parse_instance};
use super::solve::solve;

/// Used when `--time-limit-ms` is absent; most instances stop well before it.
pub const DEFAULT_TIME_LIMIT_MS: u64 = 5_000;

/// Returns the output JSON, or one line saying why there is none (exit 2).
pub fn run(input_json: &str, time_limit_ms: Option<u64>) -> Result<String, String> {
    let inst = parse_instance(input_json)?;
    let sol = solve(&inst, time_limit_ms.unwrap_or(DEFAULT_TIME_LIMIT_MS))?;
    let mut assignments = Vec::new();
    for (p, part) in inst.participants.iter().enumerate() {
        for (r, g) in sol.placement[p].iter().enumerate() {
            if let Some(g) = g {
                assignments.push(OutAssignment {
                    participant: &part.id,
                    round: &inst.rounds[r].id,
                    group: &inst.groups[*g].id,
                });
            }
        }
    }
    let out = Output {
        assignments,
        cost: sol.cost,
    };
    let mut text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}
