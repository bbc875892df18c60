//! The hub of live events: what committed changes tell the walls. Flows return
//! [`LiveEvent`]s among their effects; after the commit they reach the hub, and from there
//! every wall stream of this process.
//!
//! With PostgreSQL, events travel through the database instead: a flow sends them with
//! NOTIFY inside its transaction (so they go out exactly when it commits), and every
//! werkconf process on that database hears them and feeds its own hub. The hub is then
//! told so ([`Hub::listen_to`]) and drops what its own process hands it directly,
//! which would otherwise arrive twice. With SQLite (one process) the direct path is all.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::domain::ids::ConferenceId;
use crate::domain::live::{LiveEvent, LiveKind};

/// How many frames a slow stream may fall behind before it is told to reload. (Each
/// frame is kept until this many newer ones went out, so this bounds memory too.)
const BACKLOG: usize = 1_024;
/// How many events the renderer may fall behind.
const EVENTS: usize = 4_096;

/// One message for the walls of one conference, rendered once for all their streams:
/// the whole server-sent event, ready to write (cloning it shares the bytes).
#[derive(Debug, Clone)]
pub struct WallMessage {
    pub conference: ConferenceId,
    /// For the walls in this language only (None: for all).
    pub lang: Option<crate::i18n::Lang>,
    pub frame: actix_web::web::Bytes,
}

impl WallMessage {
    /// An event named `event` ("point", "removed") with one line of JSON as its data.
    pub fn new(conference: ConferenceId, event: &str, data: &str) -> WallMessage {
        WallMessage {
            conference,
            lang: None,
            frame: format!("event: {event}\ndata: {data}\n\n").into(),
        }
    }

    /// The same, for the walls in `lang` only.
    pub fn in_lang(self, lang: crate::i18n::Lang) -> WallMessage {
        WallMessage {
            lang: Some(lang),
            ..self
        }
    }

    /// Whether a wall of `conference` in `lang` gets it.
    pub fn is_for(&self, conference: &ConferenceId, lang: crate::i18n::Lang) -> bool {
        self.conference == *conference && self.lang.is_none_or(|l| l == lang)
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
                events: broadcast::channel(EVENTS).0,
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
    ///
    /// Events that queued up while one was rendered go as one batch, in which an event
    /// repeated (a point changed twice) is rendered once, at its last place: it reads the
    /// state as it is now anyway. A batch's messages for one conference go out as one
    /// frame, so a stream wakes once per batch, not once per event. The vote's ranking is
    /// rendered at most every [`VOTES_EVERY`] per conference: hundreds of ballots a second
    /// would otherwise send hundreds of rankings to every screen.
    pub fn render_with(&self, render: impl Fn(&LiveEvent) -> Vec<WallMessage> + Send + 'static) {
        let rx = self.events();
        let hub = Arc::downgrade(&self.inner);
        let spawned = std::thread::Builder::new()
            .name("werkconf-wall".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_time()
                    .build()
                {
                    Ok(r) => r,
                    Err(e) => return tracing::error!("cannot start the wall renderer: {e}"),
                };
                runtime.block_on(render_loop(rx, hub, render));
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

/// The vote's ranking goes to the walls at most this often per conference.
pub const VOTES_EVERY: Duration = Duration::from_millis(500);

/// Which rankings may go now: per conference, when its ranking last went and whether
/// one waits to go (see [`VOTES_EVERY`]). Time is handed in, so it is tested without
/// waiting.
#[derive(Debug, Default)]
struct VoteGate {
    conferences: HashMap<ConferenceId, (Instant, bool)>,
}

impl VoteGate {
    /// Whether the ranking of `conference` may go now; if not, it waits its turn.
    fn admit(&mut self, conference: &ConferenceId, now: Instant) -> bool {
        match self.conferences.get_mut(conference) {
            Some((last, waiting)) if now < *last + VOTES_EVERY => {
                *waiting = true;
                false
            }
            _ => {
                self.conferences.insert(conference.clone(), (now, false));
                true
            }
        }
    }

    /// The conferences whose waiting ranking may go now (and so goes).
    fn due(&mut self, now: Instant) -> Vec<ConferenceId> {
        let mut due = Vec::new();
        for (conference, (last, waiting)) in self.conferences.iter_mut() {
            if *waiting && now >= *last + VOTES_EVERY {
                (*last, *waiting) = (now, false);
                due.push(conference.clone());
            }
        }
        self.conferences
            .retain(|_, (last, waiting)| *waiting || now < *last + VOTES_EVERY);
        due
    }

    /// When the next waiting ranking may go.
    fn next(&self) -> Option<Instant> {
        self.conferences
            .values()
            .filter(|(_, waiting)| *waiting)
            .map(|(at, _)| *at + VOTES_EVERY)
            .min()
    }
}

/// A batch's messages, one frame per conference and language (in the order of their
/// first message); a message for all languages goes into the frame of each.
fn joined(messages: Vec<WallMessage>) -> Vec<WallMessage> {
    use crate::i18n::Lang;
    let mut frames: Vec<(ConferenceId, Lang, Vec<u8>)> = Vec::new();
    for message in messages {
        let langs = message.lang.map_or(Lang::ALL.to_vec(), |l| vec![l]);
        for lang in langs {
            match frames
                .iter_mut()
                .find(|(c, l, _)| *c == message.conference && *l == lang)
            {
                Some((_, _, frame)) => frame.extend_from_slice(&message.frame),
                None => frames.push((message.conference.clone(), lang, message.frame.to_vec())),
            }
        }
    }
    frames
        .into_iter()
        .map(|(conference, lang, frame)| WallMessage {
            conference,
            lang: Some(lang),
            frame: frame.into(),
        })
        .collect()
}

/// The renderer's loop (see [`Hub::render_with`]).
async fn render_loop(
    mut rx: broadcast::Receiver<LiveEvent>,
    hub: Weak<Inner>,
    render: impl Fn(&LiveEvent) -> Vec<WallMessage>,
) {
    let mut gate = VoteGate::default();
    loop {
        let received = match gate.next() {
            Some(due) => tokio::time::timeout_at(due.into(), rx.recv()).await.ok(),
            None => Some(rx.recv().await),
        };
        let mut batch = Vec::new();
        match received {
            Some(Ok(event)) => batch.push(event),
            // Fell behind: the next events still come; a stream that missed some is told
            // to reload on its own channel.
            Some(Err(broadcast::error::RecvError::Lagged(_))) => continue,
            Some(Err(broadcast::error::RecvError::Closed)) => return,
            // A ranking's wait is over.
            None => {}
        }
        while let Ok(event) = rx.try_recv() {
            batch.push(event);
        }
        let now = Instant::now();
        let mut events: Vec<LiveEvent> = once_each(batch)
            .into_iter()
            .filter(|e| e.kind != LiveKind::Votes || gate.admit(&e.conference, now))
            .collect();
        events.extend(
            gate.due(now)
                .iter()
                .map(|c| LiveEvent::whole(c, LiveKind::Votes)),
        );
        let frames = joined(events.iter().flat_map(&render).collect());
        let Some(inner) = hub.upgrade() else { return };
        for frame in frames {
            let _ = inner.wall.send(frame);
        }
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
    fn rankings_go_at_most_every_half_second_and_the_last_one_always_goes() {
        let (a, b) = (ConferenceId::generate(), ConferenceId::generate());
        let t0 = Instant::now();
        let mut gate = VoteGate::default();
        assert!(gate.admit(&a, t0), "the first goes at once");
        assert!(gate.admit(&b, t0), "each conference has its own turn");
        assert!(!gate.admit(&a, t0 + Duration::from_millis(100)));
        assert!(!gate.admit(&a, t0 + Duration::from_millis(200)));
        assert_eq!(gate.next(), Some(t0 + VOTES_EVERY));
        assert!(gate.due(t0 + Duration::from_millis(499)).is_empty());
        assert_eq!(
            gate.due(t0 + VOTES_EVERY),
            vec![a.clone()],
            "once, for both"
        );
        assert_eq!(gate.next(), None);
        assert!(gate.due(t0 + VOTES_EVERY * 3).is_empty());
        assert!(gate.admit(&a, t0 + VOTES_EVERY * 3));
    }

    #[test]
    fn a_batch_goes_as_one_frame_per_conference() {
        let (a, b) = (ConferenceId::generate(), ConferenceId::generate());
        use crate::i18n::Lang;
        let frames = joined(vec![
            WallMessage::new(a.clone(), "point", "1").in_lang(Lang::Nl),
            WallMessage::new(a.clone(), "point", "one").in_lang(Lang::En),
            WallMessage::new(b.clone(), "point", "2").in_lang(Lang::Nl),
            WallMessage::new(a.clone(), "removed", "3"),
        ]);
        assert_eq!(frames.len(), 3, "a in Dutch and English, b in Dutch");
        assert!(frames[0].is_for(&a, Lang::Nl) && !frames[0].is_for(&a, Lang::En));
        assert_eq!(
            &frames[0].frame[..],
            b"event: point\ndata: 1\n\nevent: removed\ndata: 3\n\n"
        );
        assert!(frames[1].is_for(&a, Lang::En));
        assert_eq!(
            &frames[1].frame[..],
            b"event: point\ndata: one\n\nevent: removed\ndata: 3\n\n"
        );
        assert_eq!(&frames[2].frame[..], b"event: point\ndata: 2\n\n");
        assert!(!frames[2].is_for(&b, Lang::En));
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
