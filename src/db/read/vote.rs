//! The vote as the wall, the ballot and the harvest show it: its settings and state, the
//! dots per point (live while it is open, as kept once it closed) and how many voted.

use std::collections::HashMap;

use crate::db::action_points::ActionPoint;
use crate::db::votes::{self, Vote};
use crate::db::{DbConnection, DbError};
use crate::domain::ids::{ActionPointId, ConferenceId};
use crate::domain::vote::{Domains, Tally, VoteState, rank};

#[derive(Debug, Clone, Default)]
pub struct VoteRead {
    pub vote: Option<Vote>,
    pub tallies: HashMap<ActionPointId, Tally>,
    /// People with at least one dot on a point.
    pub voters: usize,
}

impl VoteRead {
    pub fn load(
        conn: &mut DbConnection,
        conference: &ConferenceId,
        domains: &Domains,
    ) -> Result<VoteRead, DbError> {
        let vote = votes::find(conn, conference)?;
        let Some(v) = &vote else {
            return Ok(VoteRead::default());
        };
        let (live, voters) = votes::tallies(conn, conference, domains)?;
        let tallies = match v.state() {
            VoteState::Closed => votes::results(conn, conference)?,
            _ => live,
        };
        Ok(VoteRead {
            vote,
            tallies,
            voters,
        })
    }

    pub fn state(&self) -> VoteState {
        self.vote.as_ref().map_or(VoteState::NotOpen, |v| v.state())
    }

    /// Whether the dots may be shown: once a vote was held, unless they stay hidden
    /// until it closes.
    pub fn visible(&self) -> bool {
        match (&self.vote, self.state()) {
            (Some(_), VoteState::Closed) => true,
            (Some(v), VoteState::Open) => !v.hide_results,
            _ => false,
        }
    }

    pub fn tally(&self, point: &ActionPointId) -> Tally {
        self.tallies.get(point).copied().unwrap_or_default()
    }

    /// The points with dots, most first (ties in the order given).
    pub fn ranking<'a>(&self, points: &[&'a ActionPoint]) -> Vec<(&'a ActionPoint, Tally)> {
        rank(
            points
                .iter()
                .map(|p| (*p, self.tally(&p.id)))
                .filter(|(_, t)| t.dots > 0)
                .collect(),
        )
    }
}
