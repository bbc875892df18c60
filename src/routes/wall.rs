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
use crate::domain::FieldErrors;
use crate::domain::ids::ActionPointId;
use crate::domain::live::{LiveEvent, LiveKind};
use crate::domain::vote::{Domains, VoteForm};
use crate::i18n::Lang;
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
    let join_url = format!("{}/c/{}/stemmen", state.mailer.base_url, conference.slug);
    let organiser = key.is_none();
    let events = match &key {
        Some(k) => format!("/c/{}/wall/events?k={k}", conference.slug),
        None => format!("/c/{}/wall/events", conference.slug),
    };
    let shown = Shown {
        only_pinned: query.alleen == "vastgezet",
        ..Shown::WALL
    };
    let domains = state.settings.lists.domains.clone();
    let read = state
        .db
        .run(move |conn| WallRead::load(conn, conference, shown, &domains))
        .await?;
    // The organiser's buttons, with the settings of the last vote (or the defaults).
    let controls = organiser.then(|| {
        let settings = read
            .votes
            .vote
            .as_ref()
            .map(|v| v.settings())
            .unwrap_or_default();
        let form = VoteForm::from_settings(&settings);
        views::vote::controls(
            &ctx,
            &read.conference.id,
            &read,
            &form,
            &FieldErrors::default(),
            "wall",
        )
    });
    let extra = views::wall::WallExtra { join_url, controls };
    Ok(views::wall::wall(&ctx, &read, &events, &extra))
}

/// The stream: `point` (added or changed: its markup and list), `removed`, and `reload`
/// when this stream fell too far behind to trust.
pub async fn events(
    ctx: Ctx,
    state: web::Data<AppState>,
    Wall { conference, .. }: Wall,
) -> HttpResponse {
    let rx = state.hub.wall();
    let (id, lang) = (conference.id, ctx.lang);
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
                    Ok(Ok(m)) if m.is_for(&id, lang) => return Some((Ok(m.frame), (rx, false))),
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
pub fn render(db: &Db, domains: &Domains, event: &LiveEvent) -> Vec<WallMessage> {
    let conference = event.conference.clone();
    let message = |name: &str, data: &str| vec![WallMessage::new(conference.clone(), name, data)];
    let removed = |id: &ActionPointId| message("removed", &views::wall::removed_event(id.as_str()));
    let read = match (event.kind, &event.point) {
        (LiveKind::Reload, _) => return message("reload", "{}"),
        (LiveKind::Removed, Some(id)) => return removed(id),
        (LiveKind::Point, Some(id)) => {
            let (c, at) = (conference.clone(), id.clone());
            db.run_sync(move |conn| wall::point(conn, &c, &at))
                .map(|found| match found {
                    Some((p, i, n)) => Lang::ALL
                        .iter()
                        .map(|lang| {
                            WallMessage::new(
                                conference.clone(),
                                "point",
                                &views::wall::point_event(&p, &i, n, *lang),
                            )
                            .in_lang(*lang)
                        })
                        .collect(),
                    // Deleted or merged before it could be shown.
                    None => removed(id),
                })
        }
        (LiveKind::Votes, _) => {
            let (c, domains) = (conference.clone(), domains.clone());
            db.run_sync(move |conn| {
                let Some(c) = crate::db::conferences::find(conn, &c)? else {
                    return Ok(Vec::new());
                };
                let read = WallRead::load(conn, c, Shown::WALL, &domains)?;
                Ok::<_, crate::db::DbError>(
                    Lang::ALL
                        .iter()
                        .map(|lang| (*lang, views::wall::votes_event(&read, *lang)))
                        .collect::<Vec<_>>(),
                )
            })
            .map(|data| {
                data.iter()
                    .map(|(lang, d)| {
                        WallMessage::new(conference.clone(), "votes", d).in_lang(*lang)
                    })
                    .collect()
            })
        }
        (_, None) => return Vec::new(),
    };
    read.unwrap_or_else(|e| {
        tracing::warn!("wall: cannot read {:?}: {e}", event);
        Vec::new()
    })
}
