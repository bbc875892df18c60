//! What must happen once a change has committed: wake the mail worker for the mail it
//! queued, forget the public pages it changed, wake the job runner for a job it planned.
//! A flow returns these with its result; [`Effector::apply`] is the one place that carries
//! them out, for handlers, the registrar and background jobs alike. A change that touches
//! nothing public (a capture, a vote, a participant's own details) forgets nothing.

use std::sync::Arc;

use crate::cache::PublicCache;
use crate::domain::ids::ConferenceId;
use crate::domain::live::LiveEvent;
use crate::live::Hub;
use crate::mail::Waker;

#[must_use = "apply the effects after the commit"]
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Effects {
    /// Mail was queued.
    pub mail: bool,
    /// A background job became due.
    pub jobs: bool,
    /// Conferences (by id) whose public pages or registration form changed.
    pub forget: Vec<ConferenceId>,
    /// What the walls must show (see [`crate::live`]).
    pub live: Vec<LiveEvent>,
}

impl Effects {
    pub fn none() -> Effects {
        Effects::default()
    }

    pub fn mail() -> Effects {
        Effects {
            mail: true,
            ..Effects::default()
        }
    }

    pub fn jobs() -> Effects {
        Effects {
            jobs: true,
            ..Effects::default()
        }
    }

    /// The conference's public pages changed.
    pub fn forget(conference_id: &ConferenceId) -> Effects {
        Effects {
            forget: vec![conference_id.to_owned()],
            ..Effects::default()
        }
    }

    /// Something for the walls.
    pub fn live(event: LiveEvent) -> Effects {
        Effects {
            live: vec![event],
            ..Effects::default()
        }
    }

    /// Both sets of effects.
    pub fn and(mut self, other: Effects) -> Effects {
        self.live.extend(other.live);
        self.mail |= other.mail;
        self.jobs |= other.jobs;
        for id in other.forget {
            if !self.forget.contains(&id) {
                self.forget.push(id);
            }
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        *self == Effects::default()
    }
}

/// Carries out [`Effects`]; cheap to clone.
#[derive(Clone)]
pub struct Effector {
    mail: Waker,
    jobs: Waker,
    cache: Arc<PublicCache>,
    hub: Hub,
}

impl Effector {
    pub fn new(mail: Waker, jobs: Waker, cache: Arc<PublicCache>, hub: Hub) -> Effector {
        Effector {
            mail,
            jobs,
            cache,
            hub,
        }
    }

    /// Call after the commit, never before: a woken worker must find the mail.
    pub fn apply(&self, effects: Effects) {
        if !effects.forget.is_empty() {
            // The cache's generation is one for all conferences: forgetting one forgets
            // all, which costs one read per page and keeps the rule simple.
            self.cache.invalidate();
        }
        if effects.mail {
            self.mail.wake();
        }
        if effects.jobs {
            self.jobs.wake();
        }
        for event in effects.live {
            self.hub.committed(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effects_combine_without_repeating_a_conference() {
        let a = ConferenceId::generate();
        let e = Effects::mail()
            .and(Effects::forget(&a))
            .and(Effects::forget(&a))
            .and(Effects::none());
        assert!(e.mail && !e.jobs);
        assert_eq!(e.forget, vec![a]);
        assert!(Effects::none().is_empty());
    }

    #[test]
    fn only_a_change_to_public_pages_empties_the_cache() {
        let cache = Arc::new(PublicCache::default());
        let effector = Effector::new(Waker::new(), Waker::new(), cache.clone(), Hub::new());
        let before = cache.generation();
        effector.apply(Effects::mail());
        assert_eq!(cache.generation(), before, "mail alone forgets nothing");
        effector.apply(Effects::forget(&ConferenceId::generate()));
        assert_ne!(cache.generation(), before);
    }
}
