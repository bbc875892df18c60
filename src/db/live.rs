//! Live events through the database (PostgreSQL): a flow sends them with NOTIFY inside
//! its transaction, so they leave exactly when it commits and never for a rollback; every
//! werkconf process on the database LISTENs on one connection of its own and hands what
//! it hears on. SQLite has one process, which tells its walls directly (see `crate::live`).

use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::ManageConnection;

use super::{Db, DbConnection, DbError, Engine};
use crate::domain::live::LiveEvent;

const CHANNEL: &str = "werkconf_live";

/// How often the listener looks for notifications while walls are open, and while
/// none are. Looking is a read of the socket, not a round trip to the server.
const LOOK_OPEN: Duration = Duration::from_millis(5);
const LOOK_IDLE: Duration = Duration::from_millis(200);

/// Sends the event when the transaction commits (PostgreSQL); nothing on SQLite.
pub fn notify(conn: &mut DbConnection, event: &LiveEvent) -> Result<(), DbError> {
    if let DbConnection::Postgresql(c) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(CHANNEL)
            .bind::<diesel::sql_types::Text, _>(event.payload())
            .execute(c)?;
    }
    Ok(())
}

/// What the listener needs from the process: where heard events go, whether a wall is
/// open, and whether the process still wants them at all (it stops when not).
pub trait Listener: Send + 'static {
    fn deliver(&self, event: LiveEvent);
    /// Whether a wall is open now: the listener looks more often then.
    fn watched(&self) -> bool;
    fn alive(&self) -> bool;
}

impl Db {
    /// Starts listening (PostgreSQL only; false on SQLite, where there is nothing to hear).
    /// A lost connection is made again after a second.
    pub fn listen(&self, listener: impl Listener) -> bool {
        if self.engine != Engine::Postgres {
            return false;
        }
        let manager = self.manager.clone();
        std::thread::Builder::new()
            .name("werkconf-live".into())
            .spawn(move || {
                loop {
                    if let Ok(DbConnection::Postgresql(mut c)) = manager.connect()
                        && diesel::sql_query(format!("LISTEN {CHANNEL}"))
                            .execute(&mut c)
                            .is_ok()
                    {
                        loop {
                            let mut lost = false;
                            for heard in c.notifications_iter() {
                                match heard {
                                    Ok(n) => {
                                        if let Some(event) = LiveEvent::parse(&n.payload) {
                                            listener.deliver(event);
                                        }
                                    }
                                    Err(e) => {
                                        tracing::warn!("live events: connection lost: {e}");
                                        lost = true;
                                        break;
                                    }
                                }
                            }
                            if lost {
                                break;
                            }
                            if !listener.alive() {
                                return;
                            }
                            std::thread::sleep(if listener.watched() {
                                LOOK_OPEN
                            } else {
                                LOOK_IDLE
                            });
                        }
                    }
                    if !listener.alive() {
                        return;
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
            })
            .is_ok()
    }
}
