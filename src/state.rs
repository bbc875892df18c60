//! What every handler shares: the database, settings, clock and the services that act
//! after a commit.

use std::sync::Arc;

use crate::auth::LoginLimiter;
use crate::cache::PublicCache;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::flows::effects::{Effector, Effects};
use crate::flows::{Mailer, registrar::Registrar};

pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    pub limiter: LoginLimiter,
    pub mailer: Mailer,
    /// Stores registrations, and applies their effects after each commit.
    pub registrar: Registrar,
    /// What the public pages show; emptied by [`Effects::forget`].
    pub cache: Arc<PublicCache>,
    pub effector: Effector,
    /// Live events for the walls.
    pub hub: crate::live::Hub,
}

impl AppState {
    /// Carries out what a committed change asks for (see [`Effects`]).
    pub fn apply(&self, effects: Effects) {
        self.effector.apply(effects);
    }

    /// Now, from the application's clock.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }
}
