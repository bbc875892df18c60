//! The breakout assignment as the organiser weighs it: its cost in parts, and what a
//! move of one participant would do.

use crate::i18n::Msg;

/// The cost of an assignment (see `shared/assignment-format.md`), in its parts; lower is
/// better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cost {
    pub total: i64,
    pub preference: i64,
    pub discipline: i64,
    pub organisation: i64,
}

/// What moving one placement would do: whether the rules allow it, and the cost before
/// and after.
#[derive(Debug, Clone)]
pub struct MoveCheck {
    pub refused: Option<Msg>,
    pub before: Cost,
    pub after: Cost,
}
