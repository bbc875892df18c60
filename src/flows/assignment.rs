//! "Verdeel deelnemers": the solver run on the conference's confirmed registrations, its
//! groups and the pinned placements, stored as a preview for the organiser.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use serde_json::json;

use super::FlowError;
use super::effects::Effects;
use crate::assign;
use crate::db::{self, DbConnection};
use crate::domain::ids::{ConferenceId, GroupId, ProgrammeItemId, RegistrationId};
use crate::domain::registration::RegistrationStatus;
use crate::i18n::Msg;

/// How long the solver may take at most; organisers wait for the page.
pub const TIME_LIMIT_MS: u64 = 5_000;

/// How a run ended.
#[derive(Debug)]
pub enum Ran {
    Done(db::placements::Cost),
    /// Nothing to run on, or no assignment meets the rules; nothing was stored.
    Refused(Msg, Option<String>),
}

/// Runs the assignment and stores it as the preview, in one transaction.
pub fn run(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(Ran, Effects), FlowError> {
    // The solver runs outside any transaction: seconds of work must not hold the
    // database's write lock (on SQLite, every other writer of the server would wait). The
    // result is stored only if its input is still what the conference holds; else the
    // solver runs again on the new input.
    for _ in 0..RUN_ATTEMPTS {
        let input = match solver_input(conn, conference_id)? {
            Ok(input) => input,
            Err(refused) => return Ok((refused, Effects::none())),
        };
        let solved = assign::model::parse_instance(&input.to_string())
            .and_then(|inst| assign::solve::solve(&inst, TIME_LIMIT_MS).map(|sol| (inst, sol)));
        let (inst, sol) = match solved {
            Ok(found) => found,
            Err(reason) => {
                return Ok((
                    Ran::Refused(Msg::AssignImpossible, Some(reason)),
                    Effects::none(),
                ));
            }
        };
        let mut new = Vec::new();
        for (p, part) in inst.participants.iter().enumerate() {
            for (r, g) in sol.placement[p].iter().enumerate() {
                if let Some(g) = g {
                    let ids = (
                        RegistrationId::parse(&part.id),
                        ProgrammeItemId::parse(&inst.rounds[r].id),
                        GroupId::parse(&inst.groups[*g].id),
                    );
                    if let (Some(p), Some(r), Some(g)) = ids {
                        new.push((p, r, g));
                    }
                }
            }
        }
        let cost = db::placements::Cost {
            total: sol.cost.total,
            preference: sol.cost.preference,
            discipline: sol.cost.discipline,
            organisation: sol.cost.organisation,
        };
        let stored = db::write_transaction(conn, |conn| {
            db::lock_conference(conn, conference_id)?;
            if solver_input(conn, conference_id)?.ok().as_ref() != Some(&input) {
                return Ok::<_, FlowError>(false);
            }
            db::placements::store_run(conn, conference_id, &new, (cost, sol.bound), now)?;
            Ok(true)
        })?;
        if stored {
            // A preview: nobody sees it until it is published, so nothing to mail or forget.
            return Ok((Ran::Done(cost), Effects::none()));
        }
    }
    Ok((Ran::Refused(Msg::AssignBusy, None), Effects::none()))
}

/// How often a run starts again when registrations or groups changed while it solved.
const RUN_ATTEMPTS: usize = 3;

/// What the solver gets: the confirmed registrations and the groups, or why there is
/// nothing to run.
fn solver_input(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
) -> Result<Result<serde_json::Value, Ran>, FlowError> {
    let offer = db::groups::offer(conn, conference_id)?;
    let groups = db::groups::list(conn, conference_id)?;
    let people: Vec<_> = db::registrations::list(conn, conference_id)?
        .into_iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .collect();
    if people.is_empty() {
        return Ok(Err(Ran::Refused(Msg::AssignNobody, None)));
    }
    if groups.is_empty() {
        return Ok(Err(Ran::Refused(Msg::AssignNoGroups, None)));
    }
    Ok(Ok(instance_json(
        conn,
        conference_id,
        &offer,
        &groups,
        &people,
    )?))
}

/// The solver's input for the conference, with the pinned placements as `fixed`.
fn instance_json(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    offer: &db::groups::GroupOffer,
    groups: &[db::groups::Group],
    people: &[db::registrations::Registration],
) -> Result<serde_json::Value, FlowError> {
    let preferences = db::registrations::all_preferences(conn, conference_id)?;
    let attends = db::registrations::all_rounds(conn, conference_id)?;
    let pinned: Vec<_> = db::placements::list(conn, conference_id)?
        .into_iter()
        .filter(|p| p.pinned)
        .collect();
    let input = json!({
        "insights": offer.insights.iter().map(|i| json!({"id": i.id})).collect::<Vec<_>>(),
        "rounds": offer.rounds.iter().map(|r| json!({
            "id": r.id,
            "groups": groups.iter().filter(|g| g.round_id == r.id).map(|g| json!({
                "id": g.id, "insight": g.insight_id, "capacity": g.capacity,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "participants": people.iter().map(|p| {
            let fixed: serde_json::Map<String, serde_json::Value> = pinned
                .iter()
                .filter(|x| x.registration_id == p.id)
                .map(|x| (x.round_id.to_string(), json!(x.group_id)))
                .collect();
            json!({
                "id": p.id,
                "discipline": p.discipline,
                "organisation": p.organisation,
                "preferences": preferences.get(&p.id).cloned().unwrap_or_default(),
                "rounds": attends.get(&p.id).cloned().unwrap_or_default(),
                "fixed": fixed,
            })
        }).collect::<Vec<_>>(),
    });
    Ok(input)
}

pub use crate::domain::assignment::MoveCheck;

fn cost_of(c: assign::model::Cost) -> db::placements::Cost {
    db::placements::Cost {
        total: c.total,
        preference: c.preference,
        discipline: c.discipline,
        organisation: c.organisation,
    }
}

/// Checks a move of `registration` in `round` to `group` against the hard rules and prices
/// it. None when that participant has no placement in that round (or the group is not
/// the conference's).
pub fn check_move(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<Option<MoveCheck>, FlowError> {
    let offer = db::groups::offer(conn, conference_id)?;
    let groups = db::groups::list(conn, conference_id)?;
    let people: Vec<_> = db::registrations::list(conn, conference_id)?
        .into_iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .collect();
    let input = instance_json(conn, conference_id, &offer, &groups, &people)?;
    let Ok(inst) = assign::model::parse_instance(&input.to_string()) else {
        return Ok(None);
    };
    let person = |id: &str| inst.participants.iter().position(|x| x.id == id);
    let round_at = |id: &str| inst.rounds.iter().position(|x| x.id == id);
    let group_at = |id: &str| inst.groups.iter().position(|x| x.id == id);
    let mut placement = inst.empty_placement();
    for p in db::placements::list(conn, conference_id)? {
        let at = (
            person(p.registration_id.as_str()),
            round_at(p.round_id.as_str()),
            group_at(p.group_id.as_str()),
        );
        if let (Some(pi), Some(ri), Some(gi)) = at {
            placement[pi][ri] = Some(gi);
        }
    }
    let at = (
        person(registration.as_str()),
        round_at(round.as_str()),
        group_at(group.as_str()),
    );
    let (Some(p), Some(r), Some(g)) = at else {
        return Ok(None);
    };
    if placement[p][r].is_none() {
        return Ok(None);
    }
    let target = &inst.groups[g];
    let taken = placement
        .iter()
        .enumerate()
        .filter(|(q, rounds)| *q != p && rounds[r] == Some(g))
        .count();
    let repeats = placement[p].iter().enumerate().any(|(other, at)| {
        other != r && at.is_some_and(|x| inst.groups[x].insight == target.insight)
    });
    let refused = if target.round != r {
        Some(Msg::ErrChoice)
    } else if taken as u32 >= target.capacity {
        Some(Msg::AssignGroupFull)
    } else if repeats {
        Some(Msg::AssignInsightTwice)
    } else {
        None
    };
    let before = cost_of(assign::cost::evaluate(&inst, &placement));
    let mut moved = placement.clone();
    moved[p][r] = Some(g);
    let after = cost_of(assign::cost::evaluate(&inst, &moved));
    Ok(Some(MoveCheck {
        refused,
        before,
        after,
    }))
}

/// Moves the placement when the rules allow it (checked again under the conference's
/// lock) and pins it. None when there is no such placement; the refusal otherwise.
pub fn apply_move(
    conn: &mut DbConnection,
    conference_id: &ConferenceId,
    registration: &RegistrationId,
    round: &ProgrammeItemId,
    group: &GroupId,
) -> Result<Option<Result<(), Msg>>, FlowError> {
    db::write_transaction(conn, |conn| {
        db::lock_conference(conn, conference_id)?;
        let Some(check) = check_move(conn, conference_id, registration, round, group)? else {
            return Ok(None);
        };
        if let Some(refused) = check.refused {
            return Ok(Some(Err(refused)));
        }
        db::placements::move_to(conn, conference_id, registration, round, group)?;
        Ok(Some(Ok(())))
    })
}

/// How publishing went.
#[derive(Debug)]
pub enum Published {
    /// Mailed this many participants their (changed) programme, and this many
    /// facilitators their (changed) groups.
    Mailed {
        participants: usize,
        facilitators: usize,
    },
    Refused(Msg),
}

/// The sessions of one participant's programme, in the order of the day.
pub fn sessions(
    lang: crate::i18n::Lang,
    places: &[(ProgrammeItemId, GroupId)],
    read: &db::groups::GroupOffer,
    groups: &[db::groups::Group],
) -> Vec<crate::notify::Session> {
    let mut out: Vec<(NaiveDateTime, crate::notify::Session)> = places
        .iter()
        .filter_map(|(round_id, group_id)| {
            let group = groups.iter().find(|g| g.id == *group_id)?;
            let round = read.rounds.iter().find(|r| r.id == *round_id)?;
            let insight = read.insights.iter().find(|i| i.id == group.insight_id)?;
            Some((
                round.starts_at,
                crate::notify::Session {
                    round: round.title.clone(),
                    when: format!(
                        "{}–{}",
                        lang.time(round.starts_at),
                        lang.time(round.ends_at)
                    ),
                    room: group.room.clone(),
                    insight: insight.title.clone(),
                    question_professional: insight.question_professional.clone(),
                    question_together: insight.question_together.clone(),
                },
            ))
        })
        .collect();
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, s)| s).collect()
}

/// Publishes the assignment: every participant whose programme is new or changed since the
/// last publication gets it by mail, with their calendar invite updated (same UID, a
/// higher SEQUENCE) to carry it. One transaction; the mail goes after the commit.
pub fn publish(
    conn: &mut DbConnection,
    mailer: &super::Mailer,
    conference_id: &ConferenceId,
    now: NaiveDateTime,
) -> Result<(Published, Effects), FlowError> {
    db::write_transaction(conn, |conn| {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok((Published::Refused(Msg::AssignNotRun), Effects::none()));
        };
        if db::placements::run(conn, conference_id)?.is_none() {
            return Ok((Published::Refused(Msg::AssignNotRun), Effects::none()));
        }
        let placements = db::placements::list(conn, conference_id)?;
        let offer = db::groups::offer(conn, conference_id)?;
        let groups = db::groups::list(conn, conference_id)?;
        let changed: Vec<&RegistrationId> = {
            let marked = republish(&groups);
            let mut ids: Vec<&RegistrationId> = placements
                .iter()
                .filter(|p| stale(p, &marked))
                .map(|p| &p.registration_id)
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let people = db::registrations::list(conn, conference_id)?;
        let mut messages = Vec::new();
        if !changed.is_empty() {
            let sequence = db::conferences::bump_calendar_sequence(conn, conference_id)?;
            let mut scope = super::registration::Scope::load(conn, &conference)?;
            scope.texts.calendar_sequence = sequence;
            // Indexed once: at 2,000 people a scan per person adds up.
            let confirmed: std::collections::HashMap<
                &RegistrationId,
                &db::registrations::Registration,
            > = people
                .iter()
                .filter(|r| r.status() == RegistrationStatus::Confirmed)
                .map(|r| (&r.id, r))
                .collect();
            let mut places_of: std::collections::HashMap<
                &RegistrationId,
                Vec<(ProgrammeItemId, GroupId)>,
            > = std::collections::HashMap::new();
            for p in &placements {
                places_of
                    .entry(&p.registration_id)
                    .or_default()
                    .push((p.round_id.clone(), p.group_id.clone()));
            }
            for who in changed {
                let (Some(r), Some(places)) = (confirmed.get(who), places_of.get(who)) else {
                    continue;
                };
                messages.push(programme_mail(
                    mailer, &scope, r, places, &offer, &groups, now,
                )?);
            }
        }
        let participants = messages.len();
        messages.extend(facilitator_mails(
            conn,
            mailer,
            &conference,
            &placements,
            &people,
            &offer,
            &groups,
        )?);
        let facilitators = messages.len() - participants;
        crate::mail::enqueue_all(conn, &messages, now)?;
        db::placements::mark_published(conn, conference_id, now)?;
        db::groups::clear_republish(conn, conference_id)?;
        Ok((
            Published::Mailed {
                participants,
                facilitators,
            },
            Effects::mail(),
        ))
    })
}

/// Whether a placement differs from what its participant was told: another group, or
/// their group has changed since (a new room).
fn stale(p: &db::placements::Placement, republish: &HashSet<&GroupId>) -> bool {
    p.published_group_id.as_ref() != Some(&p.group_id) || republish.contains(&p.group_id)
}

/// The groups marked to be told again.
fn republish(groups: &[db::groups::Group]) -> HashSet<&GroupId> {
    groups
        .iter()
        .filter(|g| g.republish)
        .map(|g| &g.id)
        .collect()
}

/// Every facilitator whose groups changed since the last publication, or who has no link
/// yet, gets their groups by mail with their personal link; each group is given its
/// facilitator's link (none when it has no facilitator's email).
fn facilitator_mails(
    conn: &mut DbConnection,
    mailer: &super::Mailer,
    conference: &db::conferences::Conference,
    placements: &[db::placements::Placement],
    people: &[db::registrations::Registration],
    offer: &db::groups::GroupOffer,
    groups: &[db::groups::Group],
) -> Result<Vec<crate::mail::Prepared>, FlowError> {
    use std::collections::BTreeMap;
    let marked = republish(groups);
    let touched: HashSet<&GroupId> = placements
        .iter()
        .filter(|p| stale(p, &marked))
        .flat_map(|p| [Some(&p.group_id), p.published_group_id.as_ref()])
        .flatten()
        .collect();
    let mut theirs: BTreeMap<String, Vec<&db::groups::Group>> = BTreeMap::new();
    let mut tokens = Vec::new();
    for g in groups {
        match g.facilitator_email.trim() {
            "" => tokens.push((g.id.clone(), None)),
            email => theirs.entry(email.to_lowercase()).or_default().push(g),
        }
    }
    let lang = crate::i18n::Lang::Nl;
    let mut messages = Vec::new();
    for (email, led) in theirs {
        let token = mailer.links.facilitator_token(&conference.id, &email);
        let hash = crate::auth::token_hash(&token);
        let link = mailer.facilitator_url(&token);
        let fresh = led
            .iter()
            .any(|g| g.facilitator_token.as_deref() != Some(hash.as_str()));
        tokens.extend(led.iter().map(|g| (g.id.clone(), Some(hash.clone()))));
        if !fresh && !led.iter().any(|g| touched.contains(&g.id)) {
            continue;
        }
        let sessions: Vec<crate::notify::FacilitatorGroup> = led
            .iter()
            .filter_map(|g| {
                let session =
                    sessions(lang, &[(g.round_id.clone(), g.id.clone())], offer, groups).pop()?;
                Some(crate::notify::FacilitatorGroup {
                    session,
                    people: db::read::facilitator::seated(&g.id, placements, people, false),
                })
            })
            .collect();
        let name = led[0].facilitator_name.trim();
        let composed = crate::notify::facilitator(
            lang,
            conference,
            if name.is_empty() { &email } else { name },
            &sessions,
            &link,
        );
        let message = crate::mail::Email {
            to_name: name.to_owned(),
            to_email: led[0].facilitator_email.trim().to_owned(),
            reply_to: Some(conference.contact_email.clone()),
            subject: composed.subject,
            text: composed.text,
            html: composed.html,
            calendar: None,
        };
        messages.push(crate::mail::prepare(
            &mailer.from,
            &message,
            "facilitator",
            Some(&conference.id),
            None,
        )?);
    }
    db::groups::set_facilitator_tokens(conn, &conference.id, &tokens)?;
    Ok(messages)
}

/// A participant's programme as last published (what their mail said), in the order of
/// the day; empty before publishing.
pub fn published_programme(
    conn: &mut DbConnection,
    registration: &db::registrations::Registration,
) -> Result<Vec<crate::notify::Session>, FlowError> {
    let placed: Vec<(ProgrammeItemId, GroupId)> =
        db::placements::list(conn, &registration.conference_id)?
            .into_iter()
            .filter(|p| p.registration_id == registration.id)
            .filter_map(|p| p.published_group_id.map(|g| (p.round_id, g)))
            .collect();
    if placed.is_empty() {
        return Ok(Vec::new());
    }
    let offer = db::groups::offer(conn, &registration.conference_id)?;
    let groups = db::groups::list(conn, &registration.conference_id)?;
    let lang = crate::i18n::Lang::parse(&registration.lang).unwrap_or_default();
    Ok(sessions(lang, &placed, &offer, &groups))
}

/// The programme mail of one participant, with their invite updated to carry it.
fn programme_mail(
    mailer: &super::Mailer,
    scope: &super::registration::Scope,
    r: &db::registrations::Registration,
    places: &[(ProgrammeItemId, GroupId)],
    offer: &db::groups::GroupOffer,
    groups: &[db::groups::Group],
    now: NaiveDateTime,
) -> Result<crate::mail::Prepared, FlowError> {
    use crate::calendar::{self, Method, Party};
    let conference = &scope.conference;
    let lang = crate::i18n::Lang::parse(&r.lang).unwrap_or_default();
    let sessions = sessions(lang, places, offer, groups);
    let link = mailer.manage_link(&r.id);
    let ctx = crate::notify::Context {
        conference,
        texts: &scope.texts,
        registration: r,
        manage_link: &link,
        waiting_position: None,
        preferences: &[],
    };
    let composed = ctx.programme(&sessions);
    let mut event =
        super::registration::event(mailer, conference, r, scope.texts.calendar_sequence);
    event.description = composed.text.clone();
    let organizer = Party {
        name: conference.title.clone(),
        email: conference.contact_email.clone(),
    };
    let attendee = Party {
        name: r.name.clone(),
        email: r.email.clone(),
    };
    let invite = calendar::invite(Method::Request, &event, &organizer, &attendee, now);
    let email = crate::mail::Email {
        to_name: r.name.clone(),
        to_email: r.email.clone(),
        reply_to: Some(conference.contact_email.clone()),
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: Some((Method::Request, invite)),
    };
    Ok(crate::mail::prepare(
        &mailer.from,
        &email,
        "programme",
        Some(&conference.id),
        None,
    )?)
}

/// After publishing, a participant who gets a place (registered late, or moved up from
/// the waiting list) is placed in a free seat of each round they attend, nobody already
/// published being moved, and mailed their programme. The best free seat: an insight they
/// ranked highest, not one they meet in another round, then the emptiest group. A round
/// with no free seat stays open for the organiser. Runs inside the caller's transaction.
pub fn place_late(
    conn: &mut DbConnection,
    mailer: &super::Mailer,
    conference_id: &ConferenceId,
    people: &[db::registrations::Registration],
    now: NaiveDateTime,
) -> Result<usize, FlowError> {
    // Who waits costs nothing here: not even a query.
    let people: Vec<_> = people
        .iter()
        .filter(|r| r.status() == RegistrationStatus::Confirmed)
        .collect();
    if people.is_empty() {
        return Ok(0);
    }
    let published =
        db::placements::run(conn, conference_id)?.is_some_and(|run| run.published_at.is_some());
    if !published {
        return Ok(0);
    }
    let offer = db::groups::offer(conn, conference_id)?;
    let groups = db::groups::list(conn, conference_id)?;
    let mut placements = db::placements::list(conn, conference_id)?;
    let Some(conference) = db::conferences::find(conn, conference_id)? else {
        return Ok(0);
    };
    let scope = super::registration::Scope::load(conn, &conference)?;
    let mut messages = Vec::new();
    for r in people {
        if placements.iter().any(|p| p.registration_id == r.id) {
            continue;
        }
        let wanted = db::registrations::preferences(conn, &r.id)?;
        let attends = db::registrations::rounds(conn, &r.id)?;
        let mut mine: Vec<(ProgrammeItemId, GroupId)> = Vec::new();
        for round in offer.rounds.iter().filter(|x| attends.contains(&x.id)) {
            let used: Vec<&crate::domain::ids::InsightId> = mine
                .iter()
                .filter_map(|(_, g)| groups.iter().find(|x| x.id == *g).map(|x| &x.insight_id))
                .collect();
            let best = groups
                .iter()
                .filter(|g| g.round_id == round.id && !used.contains(&&g.insight_id))
                .map(|g| {
                    let taken = placements.iter().filter(|p| p.group_id == g.id).count();
                    let rank = wanted.iter().position(|i| *i == g.insight_id).unwrap_or(99);
                    (g, taken, rank)
                })
                .filter(|(g, taken, _)| (*taken as i32) < g.capacity)
                .min_by_key(|(_, taken, rank)| (*rank, *taken));
            if let Some((g, _, _)) = best {
                db::placements::add_published(conn, conference_id, &r.id, &round.id, &g.id)?;
                placements.push(db::placements::Placement {
                    registration_id: r.id.clone(),
                    round_id: round.id.clone(),
                    group_id: g.id.clone(),
                    conference_id: conference_id.clone(),
                    pinned: true,
                    published_group_id: Some(g.id.clone()),
                });
                mine.push((round.id.clone(), g.id.clone()));
            }
        }
        if !mine.is_empty() {
            messages.push(programme_mail(
                mailer, &scope, r, &mine, &offer, &groups, now,
            )?);
        }
    }
    crate::mail::enqueue_all(conn, &messages, now)?;
    Ok(messages.len())
}
