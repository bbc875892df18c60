//! Outgoing mail: formatted into the outbox inside the transaction of the change that
//! causes it, delivered by a background [`worker::Worker`] through a [`transport::Transport`].

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

pub mod message;
pub mod outbox;
pub mod transport;
pub mod worker;

pub use message::{Email, format};
pub use outbox::{Prepared, enqueue, enqueue_all, prepare};

/// Wakes the mail worker. A handler calls [`Waker::wake`] after the transaction that
/// queued mail has committed, so the mail goes out now instead of at the next poll.
#[derive(Clone, Default)]
pub struct Waker(Arc<(Mutex<WakeState>, Condvar)>);

#[derive(Default)]
struct WakeState {
    woken: bool,
    stopped: bool,
}

impl Waker {
    pub fn new() -> Waker {
        Waker::default()
    }

    pub fn wake(&self) {
        let (state, signal) = &*self.0;
        state.lock().unwrap_or_else(|e| e.into_inner()).woken = true;
        signal.notify_all();
    }

    pub(crate) fn stop(&self) {
        let (state, signal) = &*self.0;
        state.lock().unwrap_or_else(|e| e.into_inner()).stopped = true;
        signal.notify_all();
    }

    pub(crate) fn is_stopped(&self) -> bool {
        self.0.0.lock().unwrap_or_else(|e| e.into_inner()).stopped
    }

    /// Sleeps until woken, stopped or `timeout` has passed.
    pub(crate) fn wait(&self, timeout: Duration) {
        let (state, signal) = &*self.0;
        let guard = state.lock().unwrap_or_else(|e| e.into_inner());
        let (mut guard, _) = signal
            .wait_timeout_while(guard, timeout, |s| !s.woken && !s.stopped)
            .unwrap_or_else(|e| e.into_inner());
        guard.woken = false;
    }
}
