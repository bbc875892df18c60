//! HTML: one base layout and shared components in maud; one module per area.

pub mod assignment;
pub mod beheer;
pub mod components;
pub mod ctx;
pub mod errors;
pub mod facilitator;
pub mod groups;
pub mod layout;
pub mod messages;
pub mod participants;
pub mod pilots;
pub mod points;
pub mod public;
pub mod registration;
pub mod texts;
pub mod vote;
pub mod wall;

pub use ctx::Ctx;
pub use layout::page;
