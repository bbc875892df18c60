//! What happens when people act: the database change and the mail it causes, together in
//! one transaction, so that neither exists without the other. After the commit the caller
//! wakes the mail worker.

use crate::config::Settings;
use crate::db::DbError;
use crate::mail::outbox::EnqueueError;

pub mod broadcast;
pub mod conference;
pub mod effects;
pub mod registrar;
pub mod registration;

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
}

impl Mailer {
    pub fn new(settings: &Settings) -> Mailer {
        Mailer {
            from: settings.mail.from.clone(),
            base_url: settings.base_url().to_owned(),
        }
    }

    pub fn manage_link(&self, token: &str) -> String {
        format!("{}/r/{token}", self.base_url)
    }

    pub fn public_link(&self, slug: &str) -> String {
        format!("{}/c/{slug}", self.base_url)
    }
}
