//! Breakout assignment: places participants into insight groups per round,
//! minimising the cost in `shared/assignment-format.md` under its hard constraints.

pub mod chain;
pub mod cli;
pub mod cost;
pub mod exact;
pub mod flow;
pub mod local;
pub mod model;
pub mod roundflow;
pub mod solve;

#[cfg(test)]
mod tests;
