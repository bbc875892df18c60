//! The plenary wall, `/c/{slug}/wall`: the page as it stands, and its stream of changes
//! (server-sent events). Every change is read and rendered once per process
//! ([`render`], run by the hub's renderer) and sent to all its streams.

use std::convert::Infallible;
use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use maud::Markup;
use tokio::sync::broadcast::error::RecvError;

use crate::db::Db;
use crate::db::read::wall::{self, Shown, WallRead};
use crate::domain::live::{LiveEvent, LiveKind};
use crate::live::WallMessage;
use crate::routes::access::Wall;
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::{self, Ctx};

/// A comment line this often keeps proxies and phones from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `?alleen=vastgezet`: only the pinned points.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct WallQuery {
    pub alleen: String,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    Wall { conference, key }: Wall,
    query: web::Query<WallQuery>,
) -> Result<Markup, AppError> {
    let events = match &key {
        Some(k) => format!("/c/{}/wall/events?k={k}", conference.slug),
        None => format!("/c/{}/wall/events", conference.slug),
    };
    let shown = Shown {
        only_pinned: query.alleen == "vastgezet",
        ..Shown::WALL
    };
    let read = state
        .db
        .run(move |conn| WallRead::load(conn, conference, shown))
        .await?;
    Ok(views::wall::wall(&ctx, &read, &events))
}

/// The stream: `point` (added or changed: its markup and list), `removed`, and `reload`
/// when this stream fell too far behind to trust.
pub async fn events(state: web::Data<AppState>, Wall { conference, .. }: Wall) -> HttpResponse {
    let rx = state.hub.wall();
    let id = conference.id;
    let stream = futures_util::stream::unfold((rx, true), move |(mut rx, first)| {
        let id = id.clone();
        async move {
            if first {
                // Reconnect after two seconds when the connection drops.
                return Some((
                    Ok::<_, Infallible>(Bytes::from_static(b"retry: 2000\n\n")),
                    (rx, false),
                ));
            }
            loop {
                match tokio::time::timeout(KEEP_ALIVE, rx.recv()).await {
                    Err(_) => return Some((Ok(Bytes::from_static(b": -\n\n")), (rx, false))),
                    Ok(Ok(m)) if m.conference == id => return Some((Ok(m.frame), (rx, false))),
                    Ok(Ok(_)) => {}
                    Ok(Err(RecvError::Lagged(_))) => {
                        let text = Bytes::from_static(b"event: reload\ndata: {}\n\n");
                        return Some((Ok(text), (rx, false)));
                    }
                    Ok(Err(RecvError::Closed)) => return None,
                }
            }
        }
    });
    HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream)
}

/// What the walls of this process get for one event (run once per event by the hub).
pub fn render(db: &Db, event: &LiveEvent) -> Vec<WallMessage> {
    let removed = || {
        let data = views::wall::removed_event(event.point.as_str());
        WallMessage::new(event.conference.clone(), "removed", &data)
    };
    match event.kind {
        LiveKind::Removed => vec![removed()],
        LiveKind::Point => {
            let (conference, point) = (event.conference.clone(), event.point.clone());
            match db.run_sync(move |conn| wall::point(conn, &conference, &point)) {
                Ok(Some((point, insight))) => {
                    let data = views::wall::point_event(&point, &insight);
                    vec![WallMessage::new(event.conference.clone(), "point", &data)]
                }
                // Deleted before it could be shown.
                Ok(None) => vec![removed()],
                Err(e) => {
                    tracing::warn!("wall: cannot read point {}: {e}", event.point);
                    Vec::new()
                }
            }
        }
    }
}
