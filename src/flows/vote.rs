//! The plenary dot vote: the organiser opens and closes it; a participant with a
//! confirmed place puts their dots and may change them until it closes. Someone without
//! their link at hand asks for a code by email (through the conference's QR code).

use chrono::{Duration, NaiveDateTime};
use rand::Rng;

use super::effects::Effects;
use super::{FlowError, Mailer};
use crate::auth::{same_hash, token_hash};
use crate::db::conferences::Conference;
use crate::db::registrations::Registration;
use crate::db::votes::{self, Vote};
use crate::db::{self, DbConnection};
use crate::domain::action_point::PointStatus;
use crate::domain::ids::{ConferenceId, RegistrationId};
use crate::domain::live::{LiveEvent, LiveKind};
use crate::domain::registration::RegistrationStatus;
use crate::domain::vote::{BallotForm, Domains, VoteForm, VoteState};
use crate::domain::{FieldErrors, Problem};
use crate::i18n::{Lang, Msg};

/// How long a mailed code holds.
pub const CODE_MINUTES: i64 = 30;
/// Wrong tries before a code holds no more.
pub const CODE_TRIES: i32 = 5;
/// A new code goes at most this often to one person.
pub const CODE_INTERVAL_SECONDS: i64 = 60;

/// Makes one change and tells the walls in the same transaction.
fn told<T>(
    conn: &mut DbConnection,
    event: LiveEvent,
    change: impl FnOnce(&mut DbConnection) -> Result<T, db::DbError>,
) -> Result<(T, Effects), FlowError> {
    let done = db::write_transaction(conn, |conn| {
        let done = change(conn)?;
        db::live::notify(conn, &event)?;
        Ok::<_, db::DbError>(done)
    })?;
    Ok((done, Effects::live(event)))
}

/// Opens the vote (again) with the settings of the form.
pub fn open(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    form: &VoteForm,
    now: NaiveDateTime,
) -> Result<(Result<(), FieldErrors>, Effects), FlowError> {
    let settings = match form.parse() {
        Ok(s) => s,
        Err(e) => return Ok((Err(e), Effects::none())),
    };
    let ((), effects) = told(
        conn,
        LiveEvent::whole(conference, LiveKind::Reload),
        |conn| votes::open(conn, conference, &settings, now),
    )?;
    Ok((Ok(()), effects))
}

/// Closes the vote and keeps the ranking as it stands. False when no vote was open.
pub fn close(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    domains: &Domains,
    now: NaiveDateTime,
) -> Result<(bool, Effects), FlowError> {
    let (closed, effects) = told(
        conn,
        LiveEvent::whole(conference, LiveKind::Reload),
        |conn| {
            let open = votes::find(conn, conference)?.map(|v| v.state()) == Some(VoteState::Open);
            if open {
                let (tallies, _) = votes::tallies(conn, conference, domains)?;
                votes::close(conn, conference, &tallies, now)?;
            }
            Ok(open)
        },
    )?;
    Ok(if closed {
        (true, effects)
    } else {
        (false, Effects::none())
    })
}

/// The vote as a participant may take part in it: open, and they hold a place.
fn ballot_box(
    conn: &mut DbConnection,
    voter: &Registration,
) -> Result<Result<Vote, Problem>, FlowError> {
    if voter.status() != RegistrationStatus::Confirmed {
        return Ok(Err(Problem::new(Msg::ErrVoteNotConfirmed)));
    }
    let vote = votes::find(conn, &voter.conference_id)?;
    Ok(match vote {
        Some(v) if v.state() == VoteState::Open => Ok(v),
        Some(v) if v.state() == VoteState::Closed => Err(Problem::new(Msg::ErrVoteClosed)),
        _ => Err(Problem::new(Msg::ErrVoteNotOpen)),
    })
}

/// Stores a participant's ballot, replacing the one before. Refused with a Dutch
/// message when the vote is not open, the ballot breaks its rules, or the ballot
/// changed since the form was shown (unless it is the very ballot stored: a resend).
pub fn cast(
    conn: &mut DbConnection,
    voter: &Registration,
    form: &BallotForm,
    now: NaiveDateTime,
) -> Result<(Result<(), Problem>, Effects), FlowError> {
    let vote = match ballot_box(conn, voter)? {
        Ok(v) => v,
        Err(p) => return Ok((Err(p), Effects::none())),
    };
    let points = db::action_points::list(conn, &voter.conference_id)?;
    let open: Vec<&str> = points
        .iter()
        .filter(|p| !p.hidden)
        .map(|p| p.id.as_str())
        .collect();
    let (chosen, seen) = match form.parse(&vote.settings(), &open) {
        Ok(c) => c,
        Err(p) => return Ok((Err(p), Effects::none())),
    };
    let conference = voter.conference_id.clone();
    let (stored, effects) = told(
        conn,
        LiveEvent::whole(&conference, LiveKind::Votes),
        |conn| {
            // Checked again inside the transaction: the vote may have closed meanwhile.
            if votes::find(conn, &conference)?.map(|v| v.state()) != Some(VoteState::Open) {
                return Ok(Err(Problem::new(Msg::ErrVoteClosed)));
            }
            if votes::replace_ballot(conn, &conference, &voter.id, seen, &chosen, now)? {
                return Ok(Ok(true));
            }
            let (_, mut stored) = votes::ballot(conn, &voter.id)?;
            let mut sent: Vec<_> = chosen.iter().map(|(p, n)| (p.clone(), *n as i32)).collect();
            stored.sort();
            sent.sort();
            Ok(if stored == sent {
                Ok(false)
            } else {
                Err(Problem::new(Msg::ErrBallotStale))
            })
        },
    )?;
    Ok(match stored {
        Ok(true) => (Ok(()), effects),
        Ok(false) => (Ok(()), Effects::none()),
        Err(p) => (Err(p), Effects::none()),
    })
}

/// Mails a code to vote with to the confirmed participant of the conference with this
/// address, at most once a minute. Says nothing of whether there is one.
pub fn request_code(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference: &Conference,
    email: &str,
    now: NaiveDateTime,
) -> Result<Effects, FlowError> {
    let Some(voter) = confirmed_by_email(conn, &conference.id, email)? else {
        return Ok(Effects::none());
    };
    if let Some(c) = votes::code(conn, &voter.id)?
        && now - c.sent_at < Duration::seconds(CODE_INTERVAL_SECONDS)
    {
        return Ok(Effects::none());
    }
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let lang = Lang::parse(&voter.lang).unwrap_or_default();
    let link = format!("{}/stemmen", mailer.manage_link(&voter.id));
    let composed = crate::notify::vote_code(lang, conference, &voter.name, &code, &link);
    let message = crate::mail::Email {
        to_name: voter.name.clone(),
        to_email: voter.email.clone(),
        reply_to: Some(conference.contact_email.clone()),
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: None,
    };
    let prepared = crate::mail::prepare(
        &mailer.from,
        &message,
        "vote-code",
        Some(&conference.id),
        None,
    )?;
    db::write_transaction(conn, |conn| {
        votes::set_code(
            conn,
            &voter.id,
            &token_hash(&code),
            now,
            now + Duration::minutes(CODE_MINUTES),
        )?;
        crate::mail::enqueue_all(conn, std::slice::from_ref(&prepared), now)?;
        Ok::<_, FlowError>(())
    })?;
    Ok(Effects::mail())
}

/// The participant whose mailed code this is, when it still holds; a wrong code counts
/// as a try.
pub fn redeem_code(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    email: &str,
    code: &str,
    now: NaiveDateTime,
) -> Result<Option<RegistrationId>, FlowError> {
    let Some(voter) = confirmed_by_email(conn, conference, email)? else {
        return Ok(None);
    };
    db::write_transaction(conn, |conn| {
        let Some(stored) = votes::code(conn, &voter.id)? else {
            return Ok(None);
        };
        if stored.expires_at <= now || stored.failures >= CODE_TRIES {
            return Ok(None);
        }
        if !same_hash(&stored.code_hash, &token_hash(code.trim())) {
            votes::code_failed(conn, &voter.id)?;
            return Ok(None);
        }
        votes::code_used(conn, &voter.id)?;
        Ok::<_, FlowError>(Some(voter.id.clone()))
    })
}

fn confirmed_by_email(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    email: &str,
) -> Result<Option<Registration>, FlowError> {
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Ok(None);
    }
    Ok(
        db::registrations::find_by_emails(conn, conference, &[email.as_str()])?
            .into_iter()
            .find(|r| r.status() == RegistrationStatus::Confirmed),
    )
}

/// Sets what becomes of a point (the harvest). False when there is no such point.
pub fn set_status(
    conn: &mut DbConnection,
    conference: &ConferenceId,
    id: &crate::domain::ids::ActionPointId,
    status: PointStatus,
    now: NaiveDateTime,
) -> Result<bool, FlowError> {
    Ok(db::action_points::set_status(
        conn, conference, id, status, now,
    )?)
}
