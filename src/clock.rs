//! The time as the application sees it. Rules and flows take `now` from here rather than
//! from the system, so that a test can move time forward (past a deadline, to a reminder's
//! due moment) instead of waiting for it.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDateTime, Timelike};

/// The system clock, or a hand-set one that only moves when told to. Cheap to clone; a
/// clone of a hand-set clock moves with it.
#[derive(Clone, Default)]
pub struct Clock {
    manual: Option<Arc<Mutex<NaiveDateTime>>>,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.manual {
            None => f.write_str("Clock(system)"),
            Some(_) => write!(f, "Clock(manual, {})", self.precise_now()),
        }
    }
}

impl Clock {
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock standing at `at` (UTC) until [`Clock::set`] or [`Clock::advance`] moves it.
    pub fn manual(at: NaiveDateTime) -> Clock {
        Clock {
            manual: Some(Arc::new(Mutex::new(at))),
        }
    }

    /// Now in UTC, to the millisecond: for ordering and for waits shorter than a second.
    pub fn precise_now(&self) -> NaiveDateTime {
        let now = match &self.manual {
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
            None => chrono::Utc::now().naive_utc(),
        };
        now.with_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000)
            .unwrap_or(now)
    }

    /// Now in UTC without sub-second digits, as both engines store it alike.
    pub fn now(&self) -> NaiveDateTime {
        let now = self.precise_now();
        now.with_nanosecond(0).unwrap_or(now)
    }

    pub fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// Sets a hand-set clock; the system clock cannot be set.
    pub fn set(&self, at: NaiveDateTime) {
        let manual = self
            .manual
            .as_ref()
            .expect("only a manual clock can be set");
        *manual.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    /// Moves a hand-set clock forward (or back, with a negative duration).
    pub fn advance(&self, by: chrono::Duration) {
        let manual = self
            .manual
            .as_ref()
            .expect("only a manual clock can be moved");
        let mut at = manual.lock().unwrap_or_else(|e| e.into_inner());
        *at += by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_its_clones_move_with_it() {
        let start = chrono::NaiveDate::from_ymd_opt(2027, 3, 11)
            .and_then(|d| d.and_hms_milli_opt(9, 0, 0, 250))
            .unwrap();
        let clock = Clock::manual(start);
        let seen_by_app = clock.clone();
        assert_eq!(seen_by_app.precise_now(), start);
        assert_eq!(seen_by_app.now().to_string(), "2027-03-11 09:00:00");
        clock.advance(chrono::Duration::days(2));
        assert_eq!(seen_by_app.now().to_string(), "2027-03-13 09:00:00");
    }

    #[test]
    fn the_system_clock_runs() {
        let clock = Clock::system();
        let before = chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1);
        assert!(clock.now() >= before);
        assert!(!clock.is_manual());
    }
}
