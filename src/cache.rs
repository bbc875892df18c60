//! What the public pages show of a conference, kept in memory: the conference page and the
//! registration form are what everyone opens when registration opens, and they change
//! only when an organiser changes something.
//!
//! Correctness rests on a generation number. Every change that may alter what is kept
//! (any POST other than the public form's, which goes through the registrar) empties the
//! cache and raises the generation after its commit. A reader notes the generation before
//! it reads the database and may keep what it read only if the generation is still the
//! same, so a read that overlapped a change is never kept. The number of confirmed places
//! is kept beside it: the registrar sets it after each commit, with the generation it
//! noted before its transaction. Entries also expire after a few seconds, a safety net
//! for changes made outside this process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::domain::ids::ConferenceId;
use crate::domain::programme::ItemKind;

const TTL: Duration = Duration::from_secs(5);

/// A conference as its public pages show it.
#[derive(Debug)]
pub struct Published {
    pub conference: Conference,
    pub insights: Vec<Insight>,
    pub programme: Vec<ProgrammeItem>,
    /// The breakout rounds of the programme, which the form offers.
    pub rounds: Vec<ProgrammeItem>,
}

impl Published {
    pub fn new(
        conference: Conference,
        insights: Vec<Insight>,
        programme: Vec<ProgrammeItem>,
    ) -> Published {
        let rounds = programme
            .iter()
            .filter(|i| i.kind() == ItemKind::Round)
            .cloned()
            .collect();
        Published {
            conference,
            insights,
            programme,
            rounds,
        }
    }
}

/// Which state of the database a reader saw; see the module's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation(u64);

#[derive(Default)]
pub struct PublicCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    /// By slug.
    pages: HashMap<String, (Instant, Arc<Published>)>,
    /// Confirmed registrations, by conference id.
    confirmed: HashMap<ConferenceId, (Instant, i64)>,
}

fn fresh(at: Instant) -> bool {
    at.elapsed() < TTL
}

impl PublicCache {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The map stays consistent whatever panicked while holding it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Note this before reading from the database what you mean to keep.
    pub fn generation(&self) -> Generation {
        Generation(self.lock().generation)
    }

    /// Forgets everything; call after committing a change.
    pub fn invalidate(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.pages.clear();
        inner.confirmed.clear();
    }

    /// The conference behind `slug` with its number of confirmed places, when both are
    /// known and fresh.
    pub fn get(&self, slug: &str) -> Option<(Arc<Published>, i64)> {
        let inner = self.lock();
        let (at, page) = inner.pages.get(slug)?;
        let (counted_at, confirmed) = inner.confirmed.get(&page.conference.id)?;
        (fresh(*at) && fresh(*counted_at)).then(|| (page.clone(), *confirmed))
    }

    /// Keeps what a reader loaded, unless something changed since `seen`. A number of
    /// places the registrar set meanwhile is newer, and stays.
    pub fn keep(&self, seen: Generation, slug: &str, page: Arc<Published>, confirmed: i64) {
        let mut inner = self.lock();
        if inner.generation != seen.0 {
            return;
        }
        let now = Instant::now();
        let id = page.conference.id.clone();
        inner.pages.insert(slug.to_owned(), (now, page));
        match inner.confirmed.get(&id) {
            Some((at, _)) if fresh(*at) => {}
            _ => {
                inner.confirmed.insert(id, (now, confirmed));
            }
        }
    }

    /// The registrar's count after its commit, from a transaction begun at `seen`.
    pub fn set_confirmed(&self, seen: Generation, conference_id: &ConferenceId, confirmed: i64) {
        let mut inner = self.lock();
        if inner.generation == seen.0 {
            inner
                .confirmed
                .insert(conference_id.to_owned(), (Instant::now(), confirmed));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c1() -> ConferenceId {
        ConferenceId::parse("c1").unwrap()
    }

    fn page(id: &str) -> Arc<Published> {
        let at = chrono::NaiveDate::from_ymd_opt(2083, 3, 11)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        Arc::new(Published::new(
            Conference {
                id: ConferenceId::parse(id).unwrap(),
                slug: "kansrijke-start".into(),
                title: "Werkconferentie".into(),
                description: String::new(),
                venue_name: String::new(),
                venue_address: String::new(),
                starts_at: at,
                ends_at: at,
                capacity: 40,
                registration_opens_at: None,
                registration_closes_at: None,
                contact_email: "kansrijkestart@example.org".into(),
                status: crate::domain::conference::Status::Open,
                archived_at: None,
                created_at: at,
                updated_at: at,
            },
            Vec::new(),
            Vec::new(),
        ))
    }

    #[test]
    fn keeps_what_was_read_while_nothing_changed() {
        let cache = PublicCache::default();
        assert!(cache.get("kansrijke-start").is_none());
        let seen = cache.generation();
        cache.keep(seen, "kansrijke-start", page("c1"), 12);
        let (kept, confirmed) = cache.get("kansrijke-start").unwrap();
        assert_eq!((kept.conference.id.as_str(), confirmed), ("c1", 12));
    }

    #[test]
    fn a_read_that_overlapped_a_change_is_not_kept() {
        let cache = PublicCache::default();
        let seen = cache.generation();
        cache.invalidate();
        cache.keep(seen, "kansrijke-start", page("c1"), 12);
        assert!(cache.get("kansrijke-start").is_none());
    }

    #[test]
    fn a_change_forgets_everything() {
        let cache = PublicCache::default();
        cache.keep(cache.generation(), "kansrijke-start", page("c1"), 12);
        cache.invalidate();
        assert!(cache.get("kansrijke-start").is_none());
    }

    #[test]
    fn the_registrars_count_wins_over_an_older_read() {
        let cache = PublicCache::default();
        let reader = cache.generation();
        // The registrar commits and counts 13 while the reader still holds its 12.
        cache.set_confirmed(cache.generation(), &c1(), 13);
        cache.keep(reader, "kansrijke-start", page("c1"), 12);
        assert_eq!(cache.get("kansrijke-start").unwrap().1, 13);
        // A later count replaces it.
        cache.set_confirmed(cache.generation(), &c1(), 14);
        assert_eq!(cache.get("kansrijke-start").unwrap().1, 14);
    }

    #[test]
    fn a_count_from_before_a_change_is_dropped() {
        let cache = PublicCache::default();
        cache.keep(cache.generation(), "kansrijke-start", page("c1"), 12);
        let registrar = cache.generation();
        // A cancellation commits and forgets; the registrar's count predates it.
        cache.invalidate();
        cache.set_confirmed(registrar, &c1(), 13);
        cache.keep(cache.generation(), "kansrijke-start", page("c1"), 11);
        assert_eq!(cache.get("kansrijke-start").unwrap().1, 11);
    }
}
