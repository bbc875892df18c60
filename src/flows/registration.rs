use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::calendar::{self, Method, Party};
use crate::db::conferences::{Conference, ConferenceTexts};
use crate::db::insights::Insight;
use crate::db::registrations::{self, Cancellation, Registered, Registration};
use crate::db::{self, DbConnection};
use crate::domain::programme::ItemKind;
use crate::domain::registration::{RegistrationDraft, RegistrationStatus};
use crate::i18n::Msg;
use crate::mail::{self, Email};
use crate::notify::{self, Composed};

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
            mailer.manage_link(&registration.token)
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
) -> Result<(), FlowError> {
    send_with(
        conn,
        mailer,
        scope,
        registration,
        kind,
        had_place,
        Known::default(),
    )
}

/// What the caller of [`send_with`] knows already about a registration just made, which
/// saves queries under the conference's lock.
#[derive(Default)]
struct Known<'a> {
    /// The preferred insight ids, most wanted first.
    preference_ids: Option<&'a [String]>,
    waiting_position: Option<i64>,
}

fn send_with(
    conn: &mut DbConnection,
    mailer: &Mailer,
    scope: &Scope,
    registration: &Registration,
    kind: Kind,
    had_place: bool,
    known: Known,
) -> Result<(), FlowError> {
    let (conference, texts) = (&scope.conference, &scope.texts);
    let preference_ids = match known.preference_ids {
        Some(ids) => ids.to_vec(),
        None => registrations::preferences(conn, &registration.id)?,
    };
    let preferences: Vec<String> = preference_ids
        .iter()
        .filter_map(|id| scope.insights.iter().find(|i| i.id == *id))
        .map(|i| i.title.clone())
        .collect();
    let waiting_position = match (registration.status(), known.waiting_position) {
        (RegistrationStatus::Waiting, Some(position)) => Some(position),
        (RegistrationStatus::Waiting, None) => {
            Some(registrations::waiting_position(conn, registration)?)
        }
        _ => None,
    };
    let link = mailer.manage_link(&registration.token);
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
                calendar::invite(Method::Cancel, &event, &organizer, &attendee, db::now()),
            ))
        }
        Kind::Cancelled => None,
        _ if confirmed => {
            let event = event(mailer, conference, registration, texts.calendar_sequence);
            Some((
                Method::Request,
                calendar::invite(Method::Request, &event, &organizer, &attendee, db::now()),
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
    mail::enqueue(
        conn,
        &mailer.from,
        &email,
        kind.as_str(),
        Some(&conference.id),
        None,
    )?;
    Ok(())
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
    pub conference_id: String,
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
) -> Result<Outcome, FlowError> {
    let mut stored = register_all(conn, mailer, std::slice::from_ref(request))?;
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
    pub places: Vec<(String, registrations::Places)>,
}

/// [`register`] for several requests in one transaction, in the order given: each
/// conference is locked, read and counted once, and there is one commit for all. Either
/// all are stored, or (on an error) none.
pub fn register_all(
    conn: &mut DbConnection,
    mailer: &Mailer,
    requests: &[Request],
) -> Result<Stored, FlowError> {
    db::write_transaction(conn, |conn| {
        let mut held: HashMap<String, Option<Held>> = HashMap::new();
        let outcomes = requests
            .iter()
            .map(|request| {
                let held = match held.entry(request.conference_id.clone()) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => e.insert(Held::lock(conn, &request.conference_id)?),
                };
                match held {
                    Some(held) => register_one(conn, mailer, held, request),
                    None => Ok(Outcome::Closed(Msg::RegistrationClosed)),
                }
            })
            .collect::<Result<_, FlowError>>()?;
        let places = held
            .into_iter()
            .filter_map(|(id, held)| Some((id, held?.places)))
            .collect();
        Ok(Stored { outcomes, places })
    })
}

/// A conference locked for registering: what its mail needs, what its form offers, and
/// its places as they change.
struct Held {
    scope: Scope,
    round_ids: Vec<String>,
    places: registrations::Places,
}

impl Held {
    fn lock(conn: &mut DbConnection, conference_id: &str) -> Result<Option<Held>, FlowError> {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok(None);
        };
        let round_ids = db::programme::list(conn, conference_id)?
            .into_iter()
            .filter(|i| i.kind() == ItemKind::Round)
            .map(|i| i.id)
            .collect();
        Ok(Some(Held {
            places: registrations::places(conn, conference_id)?,
            round_ids,
            scope: Scope::load(conn, &conference)?,
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

fn register_one(
    conn: &mut DbConnection,
    mailer: &Mailer,
    held: &mut Held,
    request: &Request,
) -> Result<Outcome, FlowError> {
    let conference = &held.scope.conference;
    if request.by == By::Participant
        && let Err(reason) = conference.registration_window(db::now())
    {
        return Ok(Outcome::Closed(reason));
    }
    if !held.offers(&request.draft) {
        return Ok(Outcome::Stale);
    }
    let outcome = registrations::register(
        conn,
        &conference.id,
        conference.capacity,
        &mut held.places,
        &request.email,
        &request.draft,
        &request.lang,
    )?;
    match &outcome {
        Registered::New(r) => send_with(
            conn,
            mailer,
            &held.scope,
            r,
            Kind::Confirmation,
            false,
            Known {
                preference_ids: Some(&request.draft.preferences),
                // Newest in line: everyone waiting is ahead.
                waiting_position: Some(held.places.waiting),
            },
        )?,
        Registered::Existing(r) => send(conn, mailer, &held.scope, r, Kind::LinkAgain, false)?,
    }
    Ok(Outcome::Done(Box::new(outcome)))
}

/// Changes details and preferences through the manage link.
pub fn change(
    conn: &mut DbConnection,
    registration: &Registration,
    draft: &RegistrationDraft,
) -> Result<(), FlowError> {
    db::write_transaction(conn, |conn| {
        registrations::update_details(conn, &registration.id, draft).map_err(FlowError::from)
    })
}

/// Cancels, promotes whoever is next on the waiting list, and queues both their mails.
pub fn cancel(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference_id: &str,
    registration_id: &str,
) -> Result<Option<Cancellation>, FlowError> {
    db::write_transaction(conn, |conn| {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok(None);
        };
        let Some(done) = registrations::cancel(conn, registration_id, conference.capacity)? else {
            return Ok(None);
        };
        let scope = Scope::load(conn, &conference)?;
        send(
            conn,
            mailer,
            &scope,
            &done.cancelled,
            Kind::Cancelled,
            done.had_place,
        )?;
        for promoted in &done.promoted {
            send(conn, mailer, &scope, promoted, Kind::Promoted, false)?;
        }
        Ok(Some(done))
    })
}
