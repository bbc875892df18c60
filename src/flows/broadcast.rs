use crate::db::conferences::Conference;
use crate::db::registrations::Registration;
use crate::db::{self, DbConnection};
use crate::domain::template::{self, Values};
use crate::i18n::{Lang, Msg};
use crate::mail::{self, Email};
use crate::notify::{Block, Composed};

use super::effects::Effects;
use super::{FlowError, Mailer};

/// One organiser's message for one participant, placeholders filled in.
pub fn compose(
    mailer: &Mailer,
    conference: &Conference,
    registration: &Registration,
    subject: &str,
    body: &str,
) -> Composed {
    let lang = Lang::parse(&registration.lang).unwrap_or_default();
    let link = mailer.manage_link(&registration.id);
    let date = lang.span(conference.starts_at, conference.ends_at);
    let status = lang.t(registration.status().label()).to_lowercase();
    let values = Values {
        name: &registration.name,
        conference: &conference.title,
        date: &date,
        venue: &conference.venue_name,
        status: &status,
        manage_link: &link,
    };
    Composed::new(
        lang,
        template::fill(subject, &values),
        &[
            Block::Text(template::fill(body, &values)),
            Block::Link(lang.t(Msg::MailManageLink).to_owned(), link.clone()),
        ],
    )
}

/// An organiser's message as written, with the batch id its preview gave it.
#[derive(Debug, Clone)]
pub struct Message {
    pub subject: String,
    pub body: String,
    pub batch: String,
}

/// Queues the message for every recipient as one batch, whose progress the organiser
/// follows. The batch id comes with the preview, so sending the same form twice (a
/// double click, a resubmit) sends nothing the second time.
pub fn send(
    conn: &mut DbConnection,
    mailer: &Mailer,
    conference: &Conference,
    recipients: &[Registration],
    message: &Message,
    now: chrono::NaiveDateTime,
) -> Result<Effects, FlowError> {
    let Message {
        subject,
        body,
        batch,
    } = message;
    db::write_transaction(conn, |conn| {
        // One sender per conference at a time: two simultaneous submissions of the same
        // form must not both find the batch unsent (PostgreSQL; SQLite's writer lock
        // serialises them already).
        db::lock_conference(conn, &conference.id)?;
        if db::outbox::counts_for_batch(conn, Some(conference.id.as_str()), batch)?.total() > 0 {
            return Ok(Effects::none());
        }
        for r in recipients {
            let composed = compose(mailer, conference, r, subject, body);
            let email = Email {
                to_name: r.name.clone(),
                to_email: r.email.clone(),
                reply_to: Some(conference.contact_email.clone()),
                subject: composed.subject,
                text: composed.text,
                html: composed.html,
                calendar: None,
            };
            mail::enqueue(
                conn,
                &mailer.from,
                &email,
                "broadcast",
                Some(&conference.id),
                Some(batch),
                now,
            )?;
        }
        Ok::<_, FlowError>(Effects::mail())
    })
}
