//! Read models: what a page shows, joined from several tables in one go.

pub mod assignment;
pub mod facilitator;
pub mod pilots;
pub mod roster;
pub mod vote;
pub mod wall;
