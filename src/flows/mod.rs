//! What happens when people act: the database change and the mail it causes, together in
//! one transaction, so that neither exists without the other. After the commit the caller
//! wakes the mail worker.

use crate::auth::LinkKey;
use crate::config::Settings;
use crate::db::DbError;
use crate::domain::ids::RegistrationId;
use crate::mail::outbox::EnqueueError;

pub mod assignment;
pub mod broadcast;
pub mod capture;
pub mod conference;
pub mod copy;
pub mod effects;
pub mod pilot;
pub mod registrar;
pub mod registration;
pub mod vote;

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Mail(#[from] EnqueueError),
}

impl From<diesel::result::Error> for FlowError {
    fn from(e: diesel::result::Error) -> Self {
        FlowError::Db(e.into())
    }
}

/// What composing mail needs from the configuration.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub from: String,
    pub base_url: String,
    /// What personal links are derived from.
    pub links: LinkKey,
}

impl Mailer {
    pub fn new(settings: &Settings, links: LinkKey) -> Mailer {
        Mailer {
            from: settings.mail.from.clone(),
            base_url: settings.base_url().to_owned(),
            links,
        }
    }

    /// The token of a registration's personal link (what `/r/{token}` takes).
    pub fn participant_token(&self, id: &RegistrationId) -> String {
        self.links.registration_token(id)
    }

    /// The registration's personal page, as a full URL for mail.
    pub fn manage_link(&self, id: &RegistrationId) -> String {
        format!("{}/r/{}", self.base_url, self.participant_token(id))
    }

    /// A facilitator's personal link: their groups at this conference.
    pub fn facilitator_link(
        &self,
        conference: &crate::domain::ids::ConferenceId,
        email: &str,
    ) -> String {
        self.facilitator_url(&self.links.facilitator_token(conference, email))
    }

    /// The facilitator's link for a token already derived.
    pub fn facilitator_url(&self, token: &str) -> String {
        format!("{}/f/{token}", self.base_url)
    }

    /// The link for the screen in the plenary room: the conference's wall with its key.
    pub fn wall_link(&self, conference: &crate::domain::ids::ConferenceId, slug: &str) -> String {
        format!(
            "{}/c/{slug}/wall?k={}",
            self.base_url,
            self.links.wall_token(conference)
        )
    }

    pub fn public_link(&self, slug: &str) -> String {
        format!("{}/c/{slug}", self.base_url)
    }

    /// A pilot owner's link, as a full URL for mail.
    pub fn pilot_link(&self, pilot: &crate::domain::ids::PilotId, owner_email: &str) -> String {
        format!(
            "{}/p/{}",
            self.base_url,
            self.links.pilot_token(pilot, owner_email)
        )
    }
}
