//! The hub of live events: what committed changes tell the walls. Flows return
//! [`LiveEvent`]s among their effects; after the commit they reach the hub, and from there
//! every wall stream of this process.
//!
//! With PostgreSQL, events travel through the database instead: a flow sends them with
//! NOTIFY inside its transaction (so they go out exactly when it commits), and every
//! werkconf process on that database hears them and feeds its own hub. The hub is then
//! told so ([`Hub::listen_to`]) and drops what its own process hands it directly,
//! which would otherwise arrive twice. With SQLite (one process) the direct path is all.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};

use tokio::sync::broadcast;

use crate::domain::ids::ConferenceId;
use crate::domain::live::LiveEvent;

/// How many messages a slow stream may fall behind before it is told to reload.
const BACKLOG: usize = 4_096;

/// One message for the walls of one conference, rendered once for all their streams:
/// the whole server-sent event, ready to write (cloning it shares the bytes).
#[derive(Debug, Clone)]
pub struct WallMessage {
    pub conference: ConferenceId,
    pub frame: actix_web::web::Bytes,
}

impl WallMessage {
    /// An event named `event` ("point", "removed") with one line of JSON as its data.
    pub fn new(conference: ConferenceId, event: &str, data: &str) -> WallMessage {
        WallMessage {
            conference,
            frame: format!("event: {event}\ndata: {data}\n\n").into(),
        }
    }
}

#[derive(Clone)]
pub struct Hub {
    inner: Arc<Inner>,
}

struct Inner {
    events: broadcast::Sender<LiveEvent>,
    wall: broadcast::Sender<WallMessage>,
    from_database: AtomicBool,
}

/// The database listener's view of a hub: it lets the hub go when the process is done.
pub struct HubListener(Weak<Inner>);

impl crate::db::live::Listener for HubListener {
    fn deliver(&self, event: LiveEvent) {
        if let Some(inner) = self.0.upgrade() {
            let _ = inner.events.send(event);
        }
    }

    fn watched(&self) -> bool {
        self.0
            .upgrade()
            .is_some_and(|i| i.wall.receiver_count() > 0)
    }

    fn alive(&self) -> bool {
        self.0.strong_count() > 0
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

impl Hub {
    pub fn new() -> Hub {
        Hub {
            inner: Arc::new(Inner {
                events: broadcast::channel(BACKLOG).0,
                wall: broadcast::channel(BACKLOG).0,
                from_database: AtomicBool::new(false),
            }),
        }
    }

    /// Listens to the database when it carries events (PostgreSQL); from then on, events
    /// come from there only (see the module's description).
    pub fn listen_to(&self, db: &crate::db::Db) {
        if db.listen(HubListener(Arc::downgrade(&self.inner))) {
            self.inner.from_database.store(true, Ordering::SeqCst);
        }
    }

    /// An event this process committed.
    pub fn committed(&self, event: LiveEvent) {
        if !self.inner.from_database.load(Ordering::SeqCst) {
            // Nobody listening is fine: no wall is open.
            let _ = self.inner.events.send(event);
        }
    }

    pub fn events(&self) -> broadcast::Receiver<LiveEvent> {
        self.inner.events.subscribe()
    }

    /// Renders every event once for all wall streams of this process, on a thread of its
    /// own (reading the point from the database is blocking work), until the hub is gone.
    /// Events that queued up while one was rendered go as one batch, in which an event
    /// repeated (three votes in a row, a point changed twice) is rendered once, at its
    /// last place: it reads the state as it is now anyway.
    pub fn render_with(&self, render: impl Fn(&LiveEvent) -> Vec<WallMessage> + Send + 'static) {
        let mut rx = self.events();
        let hub = Arc::downgrade(&self.inner);
        let spawned = std::thread::Builder::new()
            .name("werkconf-wall".into())
            .spawn(move || {
                loop {
                    let first = match rx.blocking_recv() {
                        Ok(event) => event,
                        // Fell behind: the next events still come; a stream that missed
                        // some is told to reload on its own channel.
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return,
                    };
                    let mut batch = vec![first];
                    while let Ok(event) = rx.try_recv() {
                        batch.push(event);
                    }
                    for event in once_each(batch) {
                        let messages = render(&event);
                        let Some(inner) = hub.upgrade() else { return };
                        for message in messages {
                            let _ = inner.wall.send(message);
                        }
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!("cannot start the wall renderer: {e}");
        }
    }

    /// A rendered message, to every wall stream of this process.
    pub fn publish(&self, message: WallMessage) {
        let _ = self.inner.wall.send(message);
    }

    pub fn wall(&self) -> broadcast::Receiver<WallMessage> {
        self.inner.wall.subscribe()
    }
}

/// The events of a batch, each once, at its last place.
fn once_each(batch: Vec<LiveEvent>) -> Vec<LiveEvent> {
    let mut out: Vec<LiveEvent> = Vec::with_capacity(batch.len());
    for event in batch.into_iter().rev() {
        if !out.contains(&event) {
            out.push(event);
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ActionPointId;

    use crate::db::live::Listener;

    #[test]
    fn a_batch_renders_each_event_once_at_its_last_place() {
        let c = ConferenceId::generate();
        let a = ActionPointId::generate();
        let votes = LiveEvent::whole(&c, crate::domain::live::LiveKind::Votes);
        let batch = vec![
            LiveEvent::point(&c, &a),
            votes.clone(),
            LiveEvent::removed(&c, &a),
            votes.clone(),
            LiveEvent::point(&c, &a),
        ];
        assert_eq!(
            once_each(batch),
            vec![LiveEvent::removed(&c, &a), votes, LiveEvent::point(&c, &a)],
            "a point split off again after a merge ends up shown"
        );
    }

    #[test]
    fn a_hub_fed_by_the_database_drops_its_own_direct_events() {
        let hub = Hub::new();
        let mut rx = hub.events();
        let e = LiveEvent::point(&ConferenceId::generate(), &ActionPointId::generate());
        hub.committed(e.clone());
        assert_eq!(rx.try_recv().unwrap(), e);
        hub.inner.from_database.store(true, Ordering::SeqCst);
        hub.committed(e.clone());
        assert!(
            rx.try_recv().is_err(),
            "it arrives through the database instead"
        );
        let listener = HubListener(Arc::downgrade(&hub.inner));
        listener.deliver(e.clone());
        assert_eq!(rx.try_recv().unwrap(), e);
        assert!(!listener.watched(), "no wall open");
        let wall = hub.wall();
        assert!(listener.watched());
        drop((wall, rx, hub));
        assert!(!listener.alive(), "the listener stops with the process");
    }
}
