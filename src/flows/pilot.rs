//! Pilots: made from action points (or from scratch), moved along their statuses with a
//! reason, followed by their owner through a personal link (progress and evaluations),
//! with organisers' notes in the same timeline.

use chrono::{NaiveDate, NaiveDateTime};

use super::effects::Effects;
use super::{FlowError, Mailer};
use crate::db::pilots::{self, Pilot};
use crate::db::{self, DbConnection};
use crate::domain::FieldErrors;
use crate::domain::action_point::PointStatus;
use crate::domain::ids::{ActionPointId, ConferenceId, PilotId};
use crate::domain::pilot::{
    Decision, MoveForm, PilotDraft, PilotForm, PilotStatus, UpdateDraft, UpdateForm, UpdateKind,
};
use crate::domain::{Problem, time};
use crate::i18n::{Lang, Msg};

/// What pilots are checked against: the configured lists.
pub struct Lists<'a> {
    pub action_lines: &'a [String],
    pub municipalities: &'a [String],
}

/// Today in Amsterdam, for the dates people give.
pub fn today(now: NaiveDateTime) -> NaiveDate {
    time::to_local(now).date_naive()
}

/// The mail that gives the owner their link.
fn owner_mail(
    mailer: &Mailer,
    id: &PilotId,
    draft: &PilotDraft,
    conference: Option<&ConferenceId>,
) -> Result<crate::mail::Prepared, FlowError> {
    let lang = Lang::Nl;
    let link = mailer.pilot_link(id, &draft.owner_email);
    let composed = crate::notify::pilot_owner(lang, &draft.title, &draft.owner_name, &link);
    let email = crate::mail::Email {
        to_name: draft.owner_name.clone(),
        to_email: draft.owner_email.clone(),
        reply_to: None,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: None,
    };
    Ok(crate::mail::prepare(
        &mailer.from,
        &email,
        "pilot-owner",
        conference,
        None,
    )?)
}

/// Makes a pilot of `points` (listed points of `conference`, none of them in a pilot
/// yet) or from scratch; the points are marked "wordt pilot" and the owner gets their
/// link by mail.
#[allow(clippy::too_many_arguments)]
pub fn create(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference: Option<&ConferenceId>,
    points: &[ActionPointId],
    form: &PilotForm,
    lists: &Lists,
    author: &str,
    now: NaiveDateTime,
) -> Result<(Result<PilotId, FieldErrors>, Effects), FlowError> {
    let parsed = form.parse(lists.action_lines, lists.municipalities, today(now), None);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    if !points.is_empty() {
        let listed = match conference {
            Some(c) => db::action_points::list(conn, c)?,
            None => Vec::new(),
        };
        if !points.iter().all(|p| listed.iter().any(|l| l.id == *p)) {
            errors.add("points", Problem::new(Msg::ErrChoice));
        } else if !pilots::pilots_of_points(conn, points)?.is_empty() {
            errors.add("points", Problem::new(Msg::ErrPointTaken));
        }
    }
    let draft = match parsed {
        Ok(draft) if errors.is_empty() => draft,
        _ => return Ok((Err(errors), Effects::none())),
    };
    let id = PilotId::generate();
    let message = owner_mail(mailer, &id, &draft, conference)?;
    let token = mailer.links.pilot_token(&id, &draft.owner_email);
    let stored = db::write_transaction(conn, |conn| {
        pilots::insert(conn, &id, conference, &draft, &token, points, now)?;
        if let Some(c) = conference {
            for p in points {
                db::action_points::set_status(conn, c, p, PointStatus::Pilot, now)?;
            }
        }
        let made = UpdateDraft {
            kind: UpdateKind::Note,
            did: Lang::Nl.tf(Msg::PilotMadeFrom, &[&points.len().to_string()]),
            expected: String::new(),
            happened: String::new(),
            learned: String::new(),
            decision: None,
            next_evaluation_on: None,
        };
        pilots::add_update(conn, &id, author, &made, None, None, now)?;
        crate::mail::enqueue_all(conn, std::slice::from_ref(&message), now)?;
        Ok::<_, FlowError>(())
    });
    match stored {
        Ok(()) => Ok((Ok(id), Effects::mail())),
        // A point taken by a pilot made meanwhile.
        Err(FlowError::Db(db::DbError::Query(e))) if db::is_unique_violation(&e) => {
            let mut errors = FieldErrors::default();
            errors.add("points", Problem::new(Msg::ErrPointTaken));
            Ok((Err(errors), Effects::none()))
        }
        Err(e) => Err(e),
    }
}

/// Changes a pilot's fields. A new owner gets a new link (the old one stops working) by
/// mail; a moved evaluation date raises the invite's sequence.
pub fn edit(
    conn: &mut DbConnection,
    mailer: &Mailer,
    pilot: &Pilot,
    form: &PilotForm,
    lists: &Lists,
    now: NaiveDateTime,
) -> Result<(Result<(), FieldErrors>, Effects), FlowError> {
    let draft = match form.parse(
        lists.action_lines,
        lists.municipalities,
        today(now),
        pilot.next_evaluation_on,
    ) {
        Ok(d) => d,
        Err(e) => return Ok((Err(e), Effects::none())),
    };
    let new_owner = !draft.owner_email.eq_ignore_ascii_case(&pilot.owner_email);
    let moved = draft.next_evaluation_on != pilot.next_evaluation_on;
    let message = if new_owner {
        Some(owner_mail(
            mailer,
            &pilot.id,
            &draft,
            pilot.conference_id.as_ref(),
        )?)
    } else {
        None
    };
    let token = mailer.links.pilot_token(&pilot.id, &draft.owner_email);
    // The owner holds an invite for the old date: it moves now (SEQUENCE + 1), not only
    // at the reminder before the new date.
    let follow = pilots::follow(conn, &pilot.id)?;
    let invited = follow.as_ref().is_some_and(|f| f.reminded_for.is_some());
    let update = match (moved && invited, draft.next_evaluation_on, &follow) {
        (true, Some(date), Some(f)) if !pilot.status.is_ended() => {
            let moved_pilot = Pilot {
                owner_name: draft.owner_name.clone(),
                owner_email: draft.owner_email.clone(),
                title: draft.title.clone(),
                ..pilot.clone()
            };
            Some((
                reminder(mailer, &moved_pilot, f.sequence + 1, date, now)?,
                date,
            ))
        }
        _ => None,
    };
    db::write_transaction(conn, |conn| {
        pilots::update(conn, &pilot.id, &draft)?;
        pilots::set_follow(conn, &pilot.id, &token, draft.show_owner, moved, now)?;
        if let Some(m) = &message {
            crate::mail::enqueue_all(conn, std::slice::from_ref(m), now)?;
        }
        // The reminder before the new date still comes, with the same SEQUENCE.
        if let Some((m, _)) = &update {
            crate::mail::enqueue_all(conn, std::slice::from_ref(m), now)?;
        }
        Ok::<_, FlowError>(())
    })?;
    let effects = if new_owner || update.is_some() {
        Effects::mail()
    } else {
        Effects::none()
    };
    Ok((Ok(()), effects))
}

/// Moves a pilot's status, with the reason, recorded in its timeline.
pub fn move_status(
    conn: &mut DbConnection,
    pilot: &Pilot,
    form: &MoveForm,
    author: &str,
    now: NaiveDateTime,
) -> Result<Result<PilotStatus, FieldErrors>, FlowError> {
    let (to, reason) = match form.parse(pilot.status) {
        Ok(m) => m,
        Err(e) => return Ok(Err(e)),
    };
    let moved = db::write_transaction(conn, |conn| {
        if !pilots::set_status(conn, &pilot.id, pilot.status, to)? {
            return Ok(false);
        }
        pilots::add_update(
            conn,
            &pilot.id,
            author,
            &moving(reason),
            Some((pilot.status, to)),
            None,
            now,
        )?;
        Ok::<_, db::DbError>(true)
    })?;
    if moved {
        Ok(Ok(to))
    } else {
        // Moved by someone else meanwhile: the move is checked against that status.
        let mut e = FieldErrors::default();
        e.add("to", Problem::new(Msg::ErrPilotMove));
        Ok(Err(e))
    }
}

fn moving(reason: String) -> UpdateDraft {
    UpdateDraft {
        kind: UpdateKind::Move,
        did: reason,
        expected: String::new(),
        happened: String::new(),
        learned: String::new(),
        decision: None,
        next_evaluation_on: None,
    }
}

/// Posts an update to a pilot's timeline: progress or an evaluation by the owner
/// (`allowed`), or an organiser's note. An evaluation sets the next date and, for a
/// running pilot, carries out its decision: through "evalueren" back to "lopend"
/// (doorgaan, bijsturen), or to "gestopt" or "opgeschaald".
pub fn post_update(
    conn: &mut DbConnection,
    pilot: &Pilot,
    form: &UpdateForm,
    allowed: &[UpdateKind],
    author: &str,
    now: NaiveDateTime,
) -> Result<Result<(), FieldErrors>, FlowError> {
    let draft = match form.parse(allowed, today(now)) {
        Ok(d) => d,
        Err(e) => return Ok(Err(e)),
    };
    if draft.kind == UpdateKind::Evaluation && pilot.status.is_ended() {
        let mut e = FieldErrors::default();
        e.add("kind", Problem::new(Msg::ErrPilotEnded));
        return Ok(Err(e));
    }
    db::write_transaction(conn, |conn| {
        let due = (draft.kind == UpdateKind::Evaluation)
            .then_some(pilot.next_evaluation_on)
            .flatten();
        pilots::add_update(conn, &pilot.id, author, &draft, None, due, now)?;
        if draft.kind != UpdateKind::Evaluation {
            return Ok::<_, db::DbError>(());
        }
        pilots::set_next_evaluation(conn, &pilot.id, draft.next_evaluation_on)?;
        let Some(decision) = draft.decision else {
            return Ok(());
        };
        let target = match decision {
            Decision::Continue | Decision::Adjust => PilotStatus::Running,
            Decision::Stop => PilotStatus::Stopped,
            Decision::ScaleUp => PilotStatus::ScaledUp,
        };
        let reason = Lang::Nl.tf(Msg::PilotEvaluationMove, &[Lang::Nl.t(decision.label())]);
        let mut at = pilot.status;
        if at == PilotStatus::Running {
            pilots::set_status(conn, &pilot.id, at, PilotStatus::Evaluating)?;
            pilots::add_update(
                conn,
                &pilot.id,
                author,
                &moving(reason.clone()),
                Some((at, PilotStatus::Evaluating)),
                None,
                now,
            )?;
            at = PilotStatus::Evaluating;
        }
        if at == PilotStatus::Evaluating && at.may_become(target) {
            pilots::set_status(conn, &pilot.id, at, target)?;
            pilots::add_update(
                conn,
                &pilot.id,
                author,
                &moving(reason),
                Some((at, target)),
                None,
                now,
            )?;
        }
        Ok(())
    })?;
    Ok(Ok(()))
}

/// Puts a pilot on the programme of a conference ("terugkoppeling") and invites its
/// owner by mail to that conference's page. False when it was there already.
pub fn report_back(
    conn: &mut DbConnection,
    mailer: &Mailer,
    pilot: &Pilot,
    conference: &crate::db::conferences::Conference,
    author: &str,
    now: NaiveDateTime,
) -> Result<(bool, Effects), FlowError> {
    let lang = Lang::Nl;
    let link = mailer.public_link(&conference.slug);
    let composed = crate::notify::Composed::new(
        lang,
        lang.tf(Msg::MailSubjectPilotFeedback, &[&conference.title]),
        &[
            crate::notify::Block::Text(lang.tf(
                Msg::MailPilotFeedback,
                &[&pilot.owner_name, &pilot.title, &conference.title],
            )),
            crate::notify::Block::Link(lang.t(Msg::MailPilotFeedbackLink).to_owned(), link),
            crate::notify::Block::Text(lang.t(Msg::MailClosing).to_owned()),
        ],
    );
    let email = crate::mail::Email {
        to_name: pilot.owner_name.clone(),
        to_email: pilot.owner_email.clone(),
        reply_to: Some(conference.contact_email.clone()),
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: None,
    };
    let message = crate::mail::prepare(
        &mailer.from,
        &email,
        "pilot-feedback",
        Some(&conference.id),
        None,
    )?;
    let added = db::write_transaction(conn, |conn| {
        if !pilots::add_feedback(conn, &pilot.id, &conference.id, now)? {
            return Ok::<_, FlowError>(false);
        }
        let note = UpdateDraft {
            kind: UpdateKind::Note,
            did: lang.tf(Msg::PilotFeedbackAt, &[&conference.title]),
            expected: String::new(),
            happened: String::new(),
            learned: String::new(),
            decision: None,
            next_evaluation_on: None,
        };
        pilots::add_update(conn, &pilot.id, author, &note, None, None, now)?;
        crate::mail::enqueue_all(conn, std::slice::from_ref(&message), now)?;
        Ok(true)
    })?;
    Ok(if added {
        (true, Effects::mail().and(Effects::forget(&conference.id)))
    } else {
        (false, Effects::none())
    })
}

/// 08:00 in Amsterdam on `day`, in UTC (`fallback` for the hour that does not exist).
pub fn eight_on(day: NaiveDate, fallback: NaiveDateTime) -> NaiveDateTime {
    use chrono::TimeZone;
    let eight = chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&day.and_time(eight))
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(fallback)
}

/// The owner's mail before an evaluation: the date, the cycle's questions, their link,
/// and an invite for the evaluation (09:00–10:00 that day; one event per pilot, so a
/// moved date updates it with a higher `sequence`).
pub fn reminder(
    mailer: &Mailer,
    pilot: &Pilot,
    sequence: i32,
    date: NaiveDate,
    now: NaiveDateTime,
) -> Result<crate::mail::Prepared, FlowError> {
    use crate::calendar::{self, Method, Party};
    let lang = Lang::Nl;
    let link = mailer.pilot_link(&pilot.id, &pilot.owner_email);
    let day = crate::domain::pilot::day(date);
    let composed =
        crate::notify::pilot_reminder(lang, &pilot.title, &pilot.owner_name, &day, &link);
    let at = |h: i64| eight_on(date, now) + chrono::Duration::hours(h - 8);
    let event = calendar::Event {
        uid: format!("pilot-{}-evaluatie@werkconf", pilot.id),
        sequence: sequence.max(0) as u32,
        summary: lang.tf(Msg::PilotEvaluationEvent, &[&pilot.title]),
        description: link.clone(),
        location: String::new(),
        starts_at: at(9),
        ends_at: at(10),
        url: Some(link),
        status_cancelled: false,
    };
    let from = mailer
        .from
        .rsplit_once('<')
        .map_or(mailer.from.as_str(), |(_, a)| a.trim_end_matches('>'))
        .to_owned();
    let organizer = Party {
        name: "werkconf".into(),
        email: from,
    };
    let attendee = Party {
        name: pilot.owner_name.clone(),
        email: pilot.owner_email.clone(),
    };
    let invite = calendar::invite(Method::Request, &event, &organizer, &attendee, now);
    let email = crate::mail::Email {
        to_name: pilot.owner_name.clone(),
        to_email: pilot.owner_email.clone(),
        reply_to: None,
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: Some((Method::Request, invite)),
    };
    Ok(crate::mail::prepare(
        &mailer.from,
        &email,
        "pilot-reminder",
        pilot.conference_id.as_ref(),
        None,
    )?)
}
