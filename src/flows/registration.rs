use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDateTime;

use crate::cache::Generation;
use crate::calendar::{self, Method, Party};
use crate::db::conferences::{Conference, ConferenceTexts};
use crate::db::insights::Insight;
use crate::db::registrations::{self, Cancellation, Registered, Registration};
use crate::db::{self, DbConnection};
use crate::domain::ids::{ConferenceId, InsightId, ProgrammeItemId, RegistrationId};
use crate::domain::programme::ItemKind;
use crate::domain::registration::{RegistrationDraft, RegistrationStatus, may_send_link_again};
use crate::i18n::Msg;
use crate::mail::{self, Email};
use crate::notify::{self, Composed};

use super::effects::Effects;
use super::{FlowError, Mailer};

/// Which message a participant gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// After registering: confirmed or on the waiting list.
    Confirmation,
    /// Registered again with the same address.
    LinkAgain,
    /// Moved up from the waiting list.
    Promoted,
    Cancelled,
    /// The organiser changed time or venue.
    Changed,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::LinkAgain => "link-again",
            Kind::Promoted => "promotion",
            Kind::Cancelled => "cancellation",
            Kind::Changed => "update",
        }
    }
}

/// The calendar event of one participant's registration. The UID carries the arrival
/// number, so registering again after a cancellation is a new event, not a revived one.
pub fn event(
    mailer: &Mailer,
    conference: &Conference,
    registration: &Registration,
    sequence: i32,
) -> calendar::Event {
    let lang = crate::i18n::Lang::parse(&registration.lang).unwrap_or_default();
    calendar::Event {
        uid: format!("{}-{}@werkconf", registration.id, registration.seq),
        sequence: sequence.max(0) as u32,
        summary: conference.title.clone(),
        description: format!(
            "{}: {}",
            lang.t(crate::i18n::Msg::MailManageLink),
            mailer.manage_link(&registration.id)
        ),
        location: conference.location(),
        starts_at: conference.starts_at,
        ends_at: conference.ends_at,
        url: Some(mailer.public_link(&conference.slug)),
        status_cancelled: false,
    }
}

/// What every message about one conference needs, loaded once per change.
pub struct Scope {
    pub conference: Conference,
    pub texts: ConferenceTexts,
    pub insights: Vec<Insight>,
}

impl Scope {
    pub fn load(conn: &mut DbConnection, conference: &Conference) -> Result<Scope, FlowError> {
        Ok(Scope {
            texts: db::conferences::texts(conn, &conference.id)?,
            insights: db::insights::list(conn, &conference.id)?,
            conference: conference.clone(),
        })
    }
}

/// Queues one message about a registration, with the invite (or its cancellation) where
/// the participant holds, or held, a place.
pub fn send(
    conn: &mut DbConnection,
    mailer: &Mailer,
    scope: &Scope,
    registration: &Registration,
    kind: Kind,
    had_place: bool,
    now: NaiveDateTime,
) -> Result<(), FlowError> {
    let preference_ids = registrations::preferences(conn, &registration.id)?;
    let waiting_position = match registration.status() {
        RegistrationStatus::Waiting => Some(registrations::waiting_position(conn, registration)?),
        _ => None,
    };
    let about = About {
        registration,
        preference_ids: &preference_ids,
        waiting_position,
    };
    let message = compose(mailer, scope, &about, kind, had_place, now)?;
    mail::enqueue_all(conn, std::slice::from_ref(&message), now)?;
    Ok(())
}

/// A registration as its mail tells of it.
struct About<'a> {
    registration: &'a Registration,
    /// The preferred insight ids, most wanted first.
    preference_ids: &'a [InsightId],
    waiting_position: Option<i64>,
}

/// Formats one message about a registration, without touching the database.
fn compose(
    mailer: &Mailer,
    scope: &Scope,
    about: &About,
    kind: Kind,
    had_place: bool,
    now: NaiveDateTime,
) -> Result<mail::Prepared, FlowError> {
    let (conference, texts, registration) = (&scope.conference, &scope.texts, about.registration);
    let preferences: Vec<String> = about
        .preference_ids
        .iter()
        .filter_map(|id| scope.insights.iter().find(|i| i.id == *id))
        .map(|i| i.title.clone())
        .collect();
    let waiting_position = match registration.status() {
        RegistrationStatus::Waiting => about.waiting_position,
        _ => None,
    };
    let link = mailer.manage_link(&registration.id);
    let ctx = notify::Context {
        conference,
        texts,
        registration,
        manage_link: &link,
        waiting_position,
        preferences: &preferences,
    };
    let composed: Composed = match kind {
        Kind::Confirmation => ctx.confirmation(),
        Kind::LinkAgain => ctx.link_again(),
        Kind::Promoted => ctx.promoted(),
        Kind::Cancelled => ctx.cancelled(),
        Kind::Changed => ctx.changed(),
    };
    let organizer = Party {
        name: conference.title.clone(),
        email: conference.contact_email.clone(),
    };
    let attendee = Party {
        name: registration.name.clone(),
        email: registration.email.clone(),
    };
    let confirmed = registration.status() == RegistrationStatus::Confirmed;
    let invite = match kind {
        Kind::Cancelled if had_place => {
            // A cancellation must not rank below the invite it withdraws.
            let event = event(
                mailer,
                conference,
                registration,
                texts.calendar_sequence + 1,
            );
            Some((
                Method::Cancel,
                calendar::invite(Method::Cancel, &event, &organizer, &attendee, now),
            ))
        }
        Kind::Cancelled => None,
        _ if confirmed => {
            let event = event(mailer, conference, registration, texts.calendar_sequence);
            Some((
                Method::Request,
                calendar::invite(Method::Request, &event, &organizer, &attendee, now),
            ))
        }
        _ => None,
    };
    let email = Email {
        to_name: registration.name.clone(),
        to_email: registration.email.clone(),
        reply_to: Some(conference.contact_email.clone()),
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        calendar: invite,
    };
    Ok(mail::prepare(
        &mailer.from,
        &email,
        kind.as_str(),
        Some(&conference.id),
        None,
    )?)
}

/// How a registration attempt ended.
#[derive(Debug)]
pub enum Outcome {
    Done(Box<Registered>),
    /// Registration closed (or the conference went) while the form was being filled in.
    Closed(Msg),
    /// An insight or round chosen on the form was removed while it was being filled in;
    /// nothing was stored.
    Stale,
}

/// Who is registering: the public goes through the registration window; an organiser
/// adding someone by hand does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Participant,
    Organiser,
}

/// One registration to store, as the form (or an organiser) gave it.
#[derive(Debug, Clone)]
pub struct Request {
    pub conference_id: ConferenceId,
    pub email: String,
    pub draft: RegistrationDraft,
    pub lang: String,
    pub by: By,
}

/// Registers a participant (or finds their existing registration) and queues the mail that
/// tells them so: the confirmation, or their link again, with no difference on the page.
/// The conference is read again under its lock, so capacity, window, time and venue are the
/// ones in force when the registration is stored.
pub fn register(
    conn: &mut DbConnection,
    mailer: &Mailer,
    request: &Request,
    now: NaiveDateTime,
) -> Result<Outcome, FlowError> {
    let mut stored = register_all(conn, mailer, std::slice::from_ref(request), now)?;
    Ok(stored
        .outcomes
        .pop()
        .unwrap_or(Outcome::Closed(Msg::RegistrationClosed)))
}

/// What one transaction of registrations stored: an outcome per request, and the places
/// of each conference as they stand after it.
#[derive(Debug, Default)]
pub struct Stored {
    pub outcomes: Vec<Outcome>,
    pub places: Vec<(ConferenceId, registrations::Places)>,
}

/// [`register`] for several requests in one transaction, in the order given: each
/// conference is locked, read and counted once, new registrations and their mail are
/// made in memory and stored a table at a time, and there is one commit for all. Either
/// all are stored, or (on an error) none.
pub fn register_all(
    conn: &mut DbConnection,
    mailer: &Mailer,
    requests: &[Request],
    now: NaiveDateTime,
) -> Result<Stored, FlowError> {
    register_remembering(conn, mailer, requests, &mut Remembered::default(), now)
}

/// What the registrar keeps from one batch to the next: each conference's texts, insights
/// and rounds, which only organisers change. It holds while the public cache's generation,
/// raised after every organiser's change, stays the same (see [`Remembered::at`]). The
/// conference itself, its places and its registrations are read under the lock every time.
#[derive(Default)]
pub struct Remembered {
    generation: Option<Generation>,
    conferences: HashMap<ConferenceId, Offer>,
}

/// What a conference offers and says, as remembered.
#[derive(Clone)]
struct Offer {
    texts: ConferenceTexts,
    insights: Vec<Insight>,
    round_ids: Vec<ProgrammeItemId>,
}

impl Remembered {
    /// Forgets everything unless nothing changed since it was filled.
    pub fn at(&mut self, generation: Generation) {
        if self.generation != Some(generation) {
            self.conferences.clear();
            self.generation = Some(generation);
        }
    }

    fn offer(
        &mut self,
        conn: &mut DbConnection,
        conference_id: &ConferenceId,
    ) -> Result<Offer, FlowError> {
        if let Some(offer) = self.conferences.get(conference_id) {
            return Ok(offer.clone());
        }
        let offer = Offer {
            texts: db::conferences::texts(conn, conference_id)?,
            insights: db::insights::list(conn, conference_id)?,
            round_ids: db::programme::list(conn, conference_id)?
                .into_iter()
                .filter(|i| i.kind() == ItemKind::Round)
                .map(|i| i.id)
                .collect(),
        };
        self.conferences
            .insert(conference_id.to_owned(), offer.clone());
        Ok(offer)
    }
}

/// [`register_all`], with what the previous batches read.
pub fn register_remembering(
    conn: &mut DbConnection,
    mailer: &Mailer,
    requests: &[Request],
    remembered: &mut Remembered,
    now: NaiveDateTime,
) -> Result<Stored, FlowError> {
    let mut emails: HashMap<&ConferenceId, Vec<&str>> = HashMap::new();
    for r in requests {
        emails.entry(&r.conference_id).or_default().push(&r.email);
    }
    db::write_transaction(conn, |conn| {
        let mut held: HashMap<ConferenceId, Option<Held>> = HashMap::new();
        let mut pending = Pending::default();
        let mut outcomes = Vec::with_capacity(requests.len());
        for request in requests {
            let id = &request.conference_id;
            let held = match held.entry(id.clone()) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(Held::lock(conn, id, &emails[id], remembered)?),
            };
            outcomes.push(match held {
                Some(held) => register_one(conn, mailer, held, &mut pending, request, now)?,
                None => Outcome::Closed(Msg::RegistrationClosed),
            });
        }
        pending.store(conn, now)?;
        // After publishing, who registers with a place gets free seats and a programme.
        for (id, _) in held.iter().filter(|(_, h)| h.is_some()) {
            let late: Vec<Registration> = outcomes
                .iter()
                .filter_map(|o| match o {
                    Outcome::Done(done) => match done.as_ref() {
                        Registered::New(r) if r.conference_id == *id => Some(r.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            if !late.is_empty() {
                super::assignment::place_late(conn, mailer, id, &late, now)?;
            }
        }
        let places = held
            .into_iter()
            .filter_map(|(id, held)| Some((id, held?.line.places)))
            .collect();
        Ok(Stored { outcomes, places })
    })
}

/// A conference locked for registering: what its mail needs, what its form offers, its
/// places and arrival numbers as they change, and who of this batch registered before.
struct Held {
    scope: Scope,
    round_ids: Vec<ProgrammeItemId>,
    line: registrations::Line,
    by_email: HashMap<String, Seen>,
}

/// A registration under one of the batch's addresses.
struct Seen {
    registration: Registration,
    /// Made in this batch, so not yet stored: its preferences and place in line.
    made: Option<(Vec<InsightId>, Option<i64>)>,
}

impl Held {
    fn lock(
        conn: &mut DbConnection,
        conference_id: &ConferenceId,
        emails: &[&str],
        remembered: &mut Remembered,
    ) -> Result<Option<Held>, FlowError> {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok(None);
        };
        let by_email = registrations::find_by_emails(conn, conference_id, emails)?
            .into_iter()
            .map(|r| {
                let email = r.email.clone();
                let seen = Seen {
                    registration: r,
                    made: None,
                };
                (email, seen)
            })
            .collect();
        let (places, last_seq) = registrations::places(conn, conference_id)?;
        let offer = remembered.offer(conn, conference_id)?;
        Ok(Some(Held {
            line: registrations::Line {
                capacity: conference.capacity,
                places,
                last_seq,
            },
            round_ids: offer.round_ids,
            by_email,
            scope: Scope {
                conference,
                texts: offer.texts,
                insights: offer.insights,
            },
        }))
    }

    /// Whether every insight and round on the form still exists.
    fn offers(&self, draft: &RegistrationDraft) -> bool {
        draft
            .preferences
            .iter()
            .all(|id| self.scope.insights.iter().any(|i| i.id == *id))
            && draft.rounds.iter().all(|id| self.round_ids.contains(id))
    }
}

/// Registrations and mail made in memory, stored a table at a time.
#[derive(Default)]
struct Pending {
    registrations: Vec<registrations::NewRegistration>,
    mail: Vec<mail::Prepared>,
}

impl Pending {
    fn store(&mut self, conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), FlowError> {
        let mail = crate::mail::outbox::rows(&self.mail, now);
        registrations::insert_all_with_mail(conn, &self.registrations, &mail)?;
        self.registrations.clear();
        self.mail.clear();
        Ok(())
    }
}

fn register_one(
    conn: &mut DbConnection,
    mailer: &Mailer,
    held: &mut Held,
    pending: &mut Pending,
    request: &Request,
    now: NaiveDateTime,
) -> Result<Outcome, FlowError> {
    let conference = &held.scope.conference;
    if request.by == By::Participant
        && let Err(reason) = conference.registration_window(now)
    {
        return Ok(Outcome::Closed(reason));
    }
    if !held.offers(&request.draft) {
        return Ok(Outcome::Stale);
    }
    let registered = match held.by_email.get(&request.email) {
        Some(seen)
            if seen.registration.status() != RegistrationStatus::Cancelled
                && !link_may_go_again(conn, seen, now)? =>
        {
            // Registered already, and the link went out a moment ago: the page says the
            // same, but no mail.
            Registered::Existing(seen.registration.clone())
        }
        Some(seen) if seen.registration.status() != RegistrationStatus::Cancelled => {
            // Registered already: their link again, and nothing changes.
            let r = &seen.registration;
            let (preference_ids, waiting_position) = match &seen.made {
                Some(made) => made.clone(),
                None => (
                    registrations::preferences(conn, &r.id)?,
                    match r.status() {
                        RegistrationStatus::Waiting => {
                            Some(registrations::waiting_position(conn, r)?)
                        }
                        _ => None,
                    },
                ),
            };
            let about = About {
                registration: r,
                preference_ids: &preference_ids,
                waiting_position,
            };
            let message = compose(mailer, &held.scope, &about, Kind::LinkAgain, false, now)?;
            pending.mail.push(message);
            registrations::link_sent(conn, &r.id, now)?;
            Registered::Existing(r.clone())
        }
        Some(seen) => {
            // Cancelled before, and back: the same registration, at the back of the line.
            let r = registrations::rejoin(
                conn,
                &seen.registration,
                &mut held.line,
                &request.draft,
                &request.lang,
                now,
            )?;
            Registered::New(r)
        }
        None => {
            let new = registrations::make(
                &conference.id,
                &mut held.line,
                &request.email,
                &request.draft,
                &request.lang,
                now,
                &mailer.links,
            );
            let r = new.registration.clone();
            pending.registrations.push(new);
            Registered::New(r)
        }
    };
    if let Registered::New(r) = &registered {
        // Newest in line: everyone waiting is ahead.
        let waiting_position = Some(held.line.places.waiting);
        let about = About {
            registration: r,
            preference_ids: &request.draft.preferences,
            waiting_position,
        };
        let message = compose(mailer, &held.scope, &about, Kind::Confirmation, false, now)?;
        pending.mail.push(message);
        held.by_email.insert(
            request.email.clone(),
            Seen {
                registration: r.clone(),
                made: Some((request.draft.preferences.clone(), waiting_position)),
            },
        );
    }
    Ok(Outcome::Done(Box::new(registered)))
}

/// Whether a registration's link may be mailed again now (see [`may_send_link_again`]).
/// One made in this very batch had its confirmation a moment ago.
fn link_may_go_again(
    conn: &mut DbConnection,
    seen: &Seen,
    now: NaiveDateTime,
) -> Result<bool, FlowError> {
    if seen.made.is_some() {
        return Ok(false);
    }
    let last = registrations::link_sent_at(conn, &seen.registration)?;
    Ok(may_send_link_again(Some(last), now))
}

/// Changes details and preferences through the manage link. Nothing public changes.
pub fn change(
    conn: &mut DbConnection,
    registration: &Registration,
    draft: &RegistrationDraft,
    now: NaiveDateTime,
) -> Result<Effects, FlowError> {
    db::write_transaction(conn, |conn| {
        registrations::update_details(conn, &registration.id, draft, now)?;
        Ok(Effects::none())
    })
}

/// Cancels, promotes whoever is next on the waiting list, and queues both their mails.
pub fn cancel(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference_id: &ConferenceId,
    registration_id: &RegistrationId,
    now: NaiveDateTime,
) -> Result<(Option<Cancellation>, Effects), FlowError> {
    db::write_transaction(conn, |conn| {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok((None, Effects::none()));
        };
        let Some(done) = registrations::cancel(conn, registration_id, conference.capacity, now)?
        else {
            return Ok((None, Effects::none()));
        };
        let scope = Scope::load(conn, &conference)?;
        send(
            conn,
            mailer,
            &scope,
            &done.cancelled,
            Kind::Cancelled,
            done.had_place,
            now,
        )?;
        for promoted in &done.promoted {
            send(conn, mailer, &scope, promoted, Kind::Promoted, false, now)?;
        }
        // After publishing, who moved up gets a free seat in each round and their programme.
        super::assignment::place_late(conn, mailer, conference_id, &done.promoted, now)?;
        // The places taken show on the public pages.
        let effects = Effects::mail().and(Effects::forget(conference_id));
        Ok((Some(done), effects))
    })
}
