use diesel::prelude::*;

use super::schema::{insights, registration_preferences};
use super::{DbConnection, DbError};
use crate::domain::ids::{ConferenceId, InsightId, RegistrationId};
use crate::domain::insight::{InsightDraft, InsightForm};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = insights)]
pub struct Insight {
    pub id: InsightId,
    pub conference_id: ConferenceId,
    pub position: i32,
    pub title: String,
    pub description: String,
    pub question_professional: String,
    pub question_together: String,
    pub created_at: chrono::NaiveDateTime,
}

pub fn list(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Vec<Insight>, DbError> {
    Ok(insights::table
        .filter(insights::conference_id.eq(conference_id))
        .select(Insight::as_select())
        .order((insights::position.asc(), insights::created_at.asc()))
        .load(conn)?)
}

pub fn find(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &InsightId,
) -> Result<Option<Insight>, DbError> {
    Ok(insights::table
        .filter(insights::conference_id.eq(conference_id))
        .filter(insights::id.eq(id))
        .select(Insight::as_select())
        .first(conn)
        .optional()?)
}

/// Adds the insight at the end of the conference's list.
pub fn create(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    draft: &InsightDraft,
    now: chrono::NaiveDateTime,
) -> Result<InsightId, DbError> {
    super::write_transaction(conn, |conn| {
        // One at a time per conference, so that simultaneous additions on PostgreSQL
        // cannot read the same last position.
        super::lock_conference(conn, conference_id)?;
        let last: Option<i32> = insights::table
            .filter(insights::conference_id.eq(conference_id))
            .select(diesel::dsl::max(insights::position))
            .first(conn)?;
        let id = InsightId::generate();
        diesel::insert_into(insights::table)
            .values((
                insights::id.eq(&id),
                insights::conference_id.eq(conference_id),
                insights::position.eq(last.unwrap_or(0) + 1),
                insights::title.eq(&draft.title),
                insights::description.eq(&draft.description),
                insights::question_professional.eq(&draft.question_professional),
                insights::question_together.eq(&draft.question_together),
                insights::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(id)
    })
}

pub fn update(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &InsightId,
    draft: &InsightDraft,
) -> Result<bool, DbError> {
    // Through the writer queue, like every write (see `write_transaction`).
    let n = super::write_transaction(conn, |conn| {
        diesel::update(
            insights::table
                .filter(insights::conference_id.eq(conference_id))
                .filter(insights::id.eq(id)),
        )
        .set((
            insights::title.eq(&draft.title),
            insights::description.eq(&draft.description),
            insights::question_professional.eq(&draft.question_professional),
            insights::question_together.eq(&draft.question_together),
        ))
        .execute(conn)
    })?;
    Ok(n == 1)
}

pub fn delete(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &InsightId,
) -> Result<bool, DbError> {
    super::write_transaction(conn, |conn| {
        let affected: Vec<RegistrationId> = registration_preferences::table
            .filter(registration_preferences::insight_id.eq(id))
            .select(registration_preferences::registration_id)
            .load(conn)?;
        // The database removes the choices of it with it.
        let n = diesel::delete(
            insights::table
                .filter(insights::conference_id.eq(conference_id))
                .filter(insights::id.eq(id)),
        )
        .execute(conn)?;
        // Whoever ranked it keeps the rest of their ranking, without a gap: 1, 3 becomes
        // 1, 2.
        for registration in affected {
            let ranks: Vec<i32> = registration_preferences::table
                .filter(registration_preferences::registration_id.eq(&registration))
                .order(registration_preferences::rank.asc())
                .select(registration_preferences::rank)
                .load(conn)?;
            for (want, rank) in (1..).zip(ranks) {
                if rank != want {
                    diesel::update(
                        registration_preferences::table
                            .filter(registration_preferences::registration_id.eq(&registration))
                            .filter(registration_preferences::rank.eq(rank)),
                    )
                    .set(registration_preferences::rank.eq(want))
                    .execute(conn)?;
                }
            }
        }
        Ok::<_, DbError>(n == 1)
    })
}

/// The names of the participants (not cancelled) who ranked the insight, in arrival order.
pub fn chosen_by(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &InsightId,
) -> Result<Vec<String>, DbError> {
    use super::schema::registrations;
    Ok(registration_preferences::table
        .inner_join(registrations::table)
        .filter(registrations::conference_id.eq(conference_id))
        .filter(registration_preferences::insight_id.eq(id))
        .filter(
            registrations::status
                .ne(crate::domain::registration::RegistrationStatus::Cancelled.as_str()),
        )
        .order(registrations::seq.asc())
        .select(registrations::name)
        .load(conn)?)
}

/// Swaps the insight with its neighbour above (`up`) or below; false when there is none.
pub fn shift(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    id: &InsightId,
    up: bool,
) -> Result<bool, DbError> {
    super::write_transaction(conn, |conn| {
        super::lock_conference(conn, conference_id)?;
        let all = list(conn, conference_id)?;
        let Some(at) = all.iter().position(|i| i.id == *id) else {
            return Ok(false);
        };
        let other = if up { at.checked_sub(1) } else { Some(at + 1) };
        let Some(other) = other.filter(|&o| o < all.len()) else {
            return Ok(false);
        };
        // Renumber the whole list so equal or missing positions cannot make a swap a no-op.
        let mut order: Vec<&Insight> = all.iter().collect();
        order.swap(at, other);
        for (n, insight) in order.iter().enumerate() {
            diesel::update(insights::table.find(&insight.id))
                .set(insights::position.eq(n as i32 + 1))
                .execute(conn)?;
        }
        Ok(true)
    })
}

impl Insight {
    /// The text of one of its two guiding questions.
    pub fn question(&self, question: crate::domain::action_point::Question) -> &str {
        use crate::domain::action_point::Question;
        match question {
            Question::Professional => &self.question_professional,
            Question::Together => &self.question_together,
        }
    }

    pub fn to_form(&self) -> InsightForm {
        let i = self;
        InsightForm {
            title: i.title.clone(),
            description: i.description.clone(),
            question_professional: i.question_professional.clone(),
            question_together: i.question_together.clone(),
        }
    }
}
