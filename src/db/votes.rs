//! The conference's dot vote: its settings and state, the participants' ballots and their
//! dots, the results kept when it closed, and the codes mailed to vote without a link.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{ballots, dots, registrations, vote_codes, vote_results, votes};
use super::{DbConnection, DbError};
use crate::domain::ids::{ActionPointId, ConferenceId, RegistrationId};
use crate::domain::vote::{Domain, Domains, Tally, VoteSettings, VoteState};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = votes)]
pub struct Vote {
    pub conference_id: ConferenceId,
    pub dots: i32,
    pub per_point: i32,
    pub hide_results: bool,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

impl Vote {
    pub fn state(&self) -> VoteState {
        VoteState::of(self.opened_at, self.closed_at)
    }

    pub fn settings(&self) -> VoteSettings {
        VoteSettings {
            dots: self.dots.max(1) as u32,
            per_point: self.per_point.max(1) as u32,
            hide_results: self.hide_results,
        }
    }
}

/// The conference's vote, if one was ever opened.
pub fn find(conn: &mut DbConnection, conference: &ConferenceId) -> Result<Option<Vote>, DbError> {
    Ok(votes::table
        .find(conference)
        .select(Vote::as_select())
        .first(conn)
        .optional()?)
}

/// Opens the vote with these settings; opening a closed vote again lets the ballots as
/// they were change again, and forgets the results kept at closing.
pub fn open(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    settings: &VoteSettings,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let values = (
        votes::dots.eq(settings.dots as i32),
        votes::per_point.eq(settings.per_point as i32),
        votes::hide_results.eq(settings.hide_results),
        votes::opened_at.eq(Some(now)),
        votes::closed_at.eq(None::<NaiveDateTime>),
        votes::updated_at.eq(now),
    );
    let n = diesel::update(votes::table.find(conference))
        .set(values)
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(votes::table)
            .values((votes::conference_id.eq(conference), values))
            .execute(conn)?;
    }
    diesel::delete(vote_results::table.filter(vote_results::conference_id.eq(conference)))
        .execute(conn)?;
    Ok(())
}

/// Closes the vote and keeps its results with the points (`tallies`, as counted now).
pub fn close(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    tallies: &HashMap<ActionPointId, Tally>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(votes::table.find(conference))
        .set((votes::closed_at.eq(Some(now)), votes::updated_at.eq(now)))
        .execute(conn)?;
    diesel::delete(vote_results::table.filter(vote_results::conference_id.eq(conference)))
        .execute(conn)?;
    // One row at a time: MultiConnection has no multi-row insert, and a conference has
    // a few hundred points at most.
    for (point, t) in tallies {
        insert_result(conn, conference, point, t)?;
    }
    Ok(())
}

fn insert_result(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    point: &ActionPointId,
    t: &Tally,
) -> Result<(), DbError> {
    diesel::insert_into(vote_results::table)
        .values((
            vote_results::action_point_id.eq(point),
            vote_results::conference_id.eq(conference),
            vote_results::dots.eq(t.dots as i32),
            vote_results::medical.eq(t.by_domain[0] as i32),
            vote_results::social.eq(t.by_domain[1] as i32),
            vote_results::parents.eq(t.by_domain[2] as i32),
            vote_results::others.eq(t.by_domain[3] as i32),
            vote_results::voters.eq(t.voters as i32),
        ))
        .execute(conn)?;
    Ok(())
}

/// The results kept when the vote closed, per point.
pub fn results(
    conn: &mut DbConnection,
    conference: &ConferenceId,
) -> Result<HashMap<ActionPointId, Tally>, DbError> {
    let rows: Vec<(ActionPointId, i32, i32, i32, i32, i32, i32)> = vote_results::table
        .filter(vote_results::conference_id.eq(conference))
        .select((
            vote_results::action_point_id,
            vote_results::dots,
            vote_results::medical,
            vote_results::social,
            vote_results::parents,
            vote_results::others,
            vote_results::voters,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, dots, m, s, p, o, voters)| {
            let n = |x: i32| x.max(0) as u32;
            (
                id,
                Tally {
                    dots: n(dots),
                    by_domain: [n(m), n(s), n(p), n(o)],
                    voters: n(voters),
                },
            )
        })
        .collect())
}

/// The dots as they stand, per point, with the voters' domains; and how many people
/// have at least one dot on a point.
pub fn tallies(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    domains: &Domains,
) -> Result<(HashMap<ActionPointId, Tally>, usize), DbError> {
    let rows: Vec<(ActionPointId, RegistrationId, i32, String)> = dots::table
        .inner_join(registrations::table)
        .filter(dots::conference_id.eq(conference))
        .select((
            dots::action_point_id,
            dots::registration_id,
            dots::count,
            registrations::discipline,
        ))
        .load(conn)?;
    let mut tallies: HashMap<ActionPointId, Tally> = HashMap::new();
    let mut voters = std::collections::HashSet::new();
    let mut memo: HashMap<String, Domain> = HashMap::new();
    for (point, voter, count, discipline) in rows {
        let domain = *memo.entry(discipline).or_insert_with_key(|d| domains.of(d));
        tallies
            .entry(point)
            .or_default()
            .add(domain, count.max(0) as u32);
        voters.insert(voter);
    }
    Ok((tallies, voters.len()))
}

/// A participant's ballot: its version (0 before the first) and dots per point.
pub fn ballot(
    conn: &mut DbConnection,
    registration: &RegistrationId,
) -> Result<(i32, Vec<(ActionPointId, i32)>), DbError> {
    let version = ballots::table
        .find(registration)
        .select(ballots::version)
        .first::<i32>(conn)
        .optional()?
        .unwrap_or(0);
    let dots = dots::table
        .filter(dots::registration_id.eq(registration))
        .select((dots::action_point_id, dots::count))
        .load(conn)?;
    Ok((version, dots))
}

/// Replaces a ballot, if it still has the version the voter saw (`seen`): false when it
/// changed meanwhile (another tab, a replayed request), and nothing is stored.
pub fn replace_ballot(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    registration: &RegistrationId,
    seen: i32,
    chosen: &[(ActionPointId, u32)],
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = diesel::update(
        ballots::table
            .find(registration)
            .filter(ballots::version.eq(seen)),
    )
    .set((ballots::version.eq(seen + 1), ballots::updated_at.eq(now)))
    .execute(conn)?;
    if n == 0 {
        if seen != 0 {
            return Ok(false);
        }
        let exists = ballots::table
            .find(registration)
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if exists {
            return Ok(false);
        }
        // The first ballot; a second first one racing it fails on the key, as stale. In
        // a savepoint, so that PostgreSQL's transaction survives the failed insert.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(ballots::table)
                .values((
                    ballots::registration_id.eq(registration),
                    ballots::conference_id.eq(conference),
                    ballots::version.eq(1),
                    ballots::updated_at.eq(now),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => {}
            Err(e) if super::is_unique_violation(&e) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
    }
    diesel::delete(dots::table.filter(dots::registration_id.eq(registration))).execute(conn)?;
    let rows: Vec<_> = chosen
        .iter()
        .map(|(point, count)| {
            (
                dots::registration_id.eq(registration),
                dots::action_point_id.eq(point),
                dots::conference_id.eq(conference),
                dots::count.eq(*count as i32),
            )
        })
        .collect();
    if !rows.is_empty() {
        super::insert_many!(conn, dots::table, rows)?;
    }
    Ok(true)
}

/// Moves the dots (and kept results) of a point merged into another onto that one.
pub fn move_dots(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    from: &ActionPointId,
    to: &ActionPointId,
) -> Result<(), DbError> {
    let moved: Vec<(RegistrationId, i32)> = dots::table
        .filter(dots::conference_id.eq(conference))
        .filter(dots::action_point_id.eq(from))
        .select((dots::registration_id, dots::count))
        .load(conn)?;
    for (voter, count) in moved {
        let n = diesel::update(
            dots::table
                .filter(dots::registration_id.eq(&voter))
                .filter(dots::action_point_id.eq(to)),
        )
        .set(dots::count.eq(dots::count + count))
        .execute(conn)?;
        if n == 0 {
            diesel::insert_into(dots::table)
                .values((
                    dots::registration_id.eq(&voter),
                    dots::action_point_id.eq(to),
                    dots::conference_id.eq(conference),
                    dots::count.eq(count),
                ))
                .execute(conn)?;
        }
    }
    diesel::delete(
        dots::table
            .filter(dots::conference_id.eq(conference))
            .filter(dots::action_point_id.eq(from)),
    )
    .execute(conn)?;
    let kept = results(conn, conference)?;
    if let Some(f) = kept.get(from) {
        let mut sum = kept.get(to).copied().unwrap_or_default();
        sum.dots += f.dots;
        sum.voters += f.voters;
        for k in 0..4 {
            sum.by_domain[k] += f.by_domain[k];
        }
        diesel::delete(
            vote_results::table.filter(vote_results::action_point_id.eq_any([from, to])),
        )
        .execute(conn)?;
        insert_result(conn, conference, to, &sum)?;
    }
    Ok(())
}

/// A code mailed to vote with: its hash, when it was sent, until when it holds, and how
/// many wrong tries it had.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = vote_codes)]
pub struct VoteCode {
    pub registration_id: RegistrationId,
    pub code_hash: String,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub failures: i32,
}

pub fn code(
    conn: &mut DbConnection,
    registration: &RegistrationId,
) -> Result<Option<VoteCode>, DbError> {
    Ok(vote_codes::table
        .find(registration)
        .select(VoteCode::as_select())
        .first(conn)
        .optional()?)
}

/// Stores a new code (hashed), replacing the one before.
pub fn set_code(
    conn: &mut DbConnection,
    registration: &RegistrationId,
    code_hash: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::delete(vote_codes::table.find(registration)).execute(conn)?;
    diesel::insert_into(vote_codes::table)
        .values((
            vote_codes::registration_id.eq(registration),
            vote_codes::code_hash.eq(code_hash),
            vote_codes::sent_at.eq(now),
            vote_codes::expires_at.eq(expires_at),
            vote_codes::failures.eq(0),
        ))
        .execute(conn)?;
    Ok(())
}

/// One more wrong try at a code.
pub fn code_failed(conn: &mut DbConnection, registration: &RegistrationId) -> Result<(), DbError> {
    diesel::update(vote_codes::table.find(registration))
        .set(vote_codes::failures.eq(vote_codes::failures + 1))
        .execute(conn)?;
    Ok(())
}

/// A code used: it holds no more.
pub fn code_used(conn: &mut DbConnection, registration: &RegistrationId) -> Result<(), DbError> {
    diesel::delete(vote_codes::table.find(registration)).execute(conn)?;
    Ok(())
}
