use crate::calendar::{self, Method, Party};
use crate::db::conferences::{Conference, ConferenceTexts};
use crate::db::insights::Insight;
use crate::db::registrations::{self, Cancellation, Registered, Registration};
use crate::db::{self, DbConnection};
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
    send_with(conn, mailer, scope, registration, kind, had_place, None)
}

/// [`send`], with the registration's preferred insight ids when the caller has them at
/// hand (a registration just made), which saves a query under the conference's lock.
fn send_with(
    conn: &mut DbConnection,
    mailer: &Mailer,
    scope: &Scope,
    registration: &Registration,
    kind: Kind,
    had_place: bool,
    preference_ids: Option<&[String]>,
) -> Result<(), FlowError> {
    let (conference, texts) = (&scope.conference, &scope.texts);
    let preference_ids = match preference_ids {
        Some(ids) => ids.to_vec(),
        None => registrations::preferences(conn, &registration.id)?,
    };
    let preferences: Vec<String> = preference_ids
        .iter()
        .filter_map(|id| scope.insights.iter().find(|i| i.id == *id))
        .map(|i| i.title.clone())
        .collect();
    let waiting_position = match registration.status() {
        RegistrationStatus::Waiting => Some(registrations::waiting_position(conn, registration)?),
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
}

/// Who is registering: the public goes through the registration window; an organiser
/// adding someone by hand does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Participant,
    Organiser,
}

/// Registers a participant (or finds their existing registration) and queues the mail that
/// tells them so: the confirmation, or their link again, with no difference on the page.
/// The conference is read again under its lock, so capacity, window, time and venue are the
/// ones in force when the registration is stored.
pub fn register(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference_id: &str,
    email: &str,
    draft: &RegistrationDraft,
    lang: &str,
    by: By,
) -> Result<Outcome, FlowError> {
    // Insight titles only label the mail; read them before taking the lock.
    let insights = db::insights::list(conn, conference_id)?;
    db::write_transaction(conn, |conn| {
        let Some(conference) = db::conferences::find_locked(conn, conference_id)? else {
            return Ok(Outcome::Closed(Msg::RegistrationClosed));
        };
        if by == By::Participant
            && let Err(reason) = conference.registration_window(db::now())
        {
            return Ok(Outcome::Closed(reason));
        }
        let scope = Scope {
            texts: db::conferences::texts(conn, conference_id)?,
            insights,
            conference,
        };
        let conference = &scope.conference;
        let outcome = registrations::register(
            conn,
            &conference.id,
            conference.capacity,
            email,
            draft,
            lang,
        )?;
        match &outcome {
            Registered::New(r) => send_with(
                conn,
                mailer,
                &scope,
                r,
                Kind::Confirmation,
                false,
                Some(&draft.preferences),
            )?,
            Registered::Existing(r) => send(conn, mailer, &scope, r, Kind::LinkAgain, false)?,
        }
        Ok(Outcome::Done(Box::new(outcome)))
    })
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
