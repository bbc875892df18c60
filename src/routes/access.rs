//! Who may do what, checked once per request, before any handler runs ([`guard`]):
//!
//! - every unsafe method (anything but GET and HEAD) must come from this site (its
//!   `Origin`, or failing that its `Referer`, if the browser sent one) and carry the
//!   session's form token (the form field `csrf`, or the `X-CSRF-Token` header);
//! - each audience of the route table ([`super::table::ROUTES`]) has its guard: an
//!   organiser must be logged in; a participant's link must name a registration, which
//!   is read here once and handed to the handler ([`Participant`]);
//! - a login that has ended (logged out, everywhere, or expired) counts as none;
//! - pages of organisers and participants are never stored by a browser or proxy.
//!
//! The one exception to a refused token is the public registration form: someone whose
//! session expired while typing gets the form back with what they typed, not an error
//! page (see [`TokenCheck`]).

use std::future::{Ready, ready};

use actix_session::SessionExt;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError, web};

use super::error::AppError;
use super::table::audience_of;
use crate::auth::{SESSION_CSRF, current_organiser};
use crate::db::conferences::Conference;
use crate::db::registrations::Registration;
use crate::domain::ids::ConferenceId;
use crate::state::AppState;

/// Hands a handler what [`guard`] found for its audience and left in the request. A
/// route of another audience never asks for it; were it to, the link is unknown.
macro_rules! from_guard {
    ($what:ident) => {
        impl FromRequest for $what {
            type Error = AppError;
            type Future = Ready<Result<$what, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(
                    req.extensions()
                        .get::<$what>()
                        .cloned()
                        .ok_or(AppError::UnknownLink),
                )
            }
        }
    };
}

/// Who a route is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone.
    Public,
    /// Someone holding a participant's personal link (`/r/{token}`).
    Participant,
    /// A logged-in organiser (`/beheer`).
    Organiser,
    /// Someone holding a facilitator's personal link (`/f/{token}`).
    Facilitator,
    /// A participant at a group's table, holding its link (`/c/{slug}/g/{code}`): may add
    /// action points to that group.
    Table,
    /// The plenary wall (`/c/{slug}/wall`): a logged-in organiser, or the screen that
    /// holds the conference's wall link (`?k=...`).
    Wall,
    /// A pilot's owner, holding its link (`/p/{token}`): posts progress and evaluations
    /// on that pilot.
    PilotOwner,
}

/// The pilot whose owner's link was opened, read once by [`guard`].
#[derive(Debug, Clone)]
pub struct PilotOwner(pub crate::db::pilots::Pilot);

from_guard!(PilotOwner);

/// The conference whose wall is asked for, read once by [`guard`].
#[derive(Debug, Clone)]
pub struct Wall {
    pub conference: Conference,
    /// The wall link's key when the wall was opened with one (carried on to its stream).
    pub key: Option<String>,
}

from_guard!(Wall);

/// The group whose table link was opened, read once by [`guard`].
#[derive(Debug, Clone)]
pub struct TableGroup(pub crate::db::groups::Group);

from_guard!(TableGroup);

/// Whether an unsafe request carried the session's form token; the middleware refuses
/// it otherwise, except on the routes that show their form again instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenCheck {
    pub ok: bool,
}

/// Routes that answer a stale form token with the form itself, keeping what was typed.
const FORGIVING: &[&str] = &["/c/{slug}/aanmelden"];

/// The groups a facilitator's link opens (never empty), read once by [`guard`].
#[derive(Debug, Clone)]
pub struct Facilitator(pub Vec<crate::db::groups::Group>);

from_guard!(Facilitator);

/// The participant behind a personal link, read once by [`guard`].
#[derive(Debug, Clone)]
pub struct Participant(pub Registration);

from_guard!(Participant);

/// The conference an organiser's page is below (`/beheer/conferenties/{id}/...`), read
/// once for the request; every finder below it takes its id, so a row of another
/// conference is never read. Asks for a login first.
pub struct ConferenceScope(pub Conference);

impl FromRequest for ConferenceScope {
    type Error = AppError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let logged_in = current_organiser(&req.get_session()).is_some();
        let next = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let id = req.match_info().get("id").and_then(ConferenceId::parse);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            if !logged_in {
                return Err(AppError::LoginRequired { next });
            }
            let (Some(id), Some(state)) = (id, state) else {
                return Err(AppError::NotFound);
            };
            state
                .db
                .run(move |conn| crate::db::conferences::find(conn, &id))
                .await?
                .map(ConferenceScope)
                .ok_or(AppError::NotFound)
        })
    }
}

/// The one check of every request; see the module's description.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody + 'static>>, actix_web::Error> {
    end_stale_login(&req).await;
    let audience = audience_of(req.path());
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let pattern = req.match_pattern();
        if !same_origin(&req) {
            return Ok(refuse(req, AppError::ForeignOrigin));
        }
        let ok = match token_matches(&mut req).await {
            Ok(ok) => ok,
            // A body too large (or broken) for any form: its own answer (413, 400).
            Err(e) => {
                let res = e.error_response();
                return Ok(req.into_response(res).map_into_right_body());
            }
        };
        let forgiving = pattern.as_deref().is_some_and(|p| FORGIVING.contains(&p));
        if !ok && !forgiving {
            return Ok(refuse(req, AppError::Csrf));
        }
        req.extensions_mut().insert(TokenCheck { ok });
    }
    match audience {
        Audience::Public => {}
        Audience::Organiser => {
            if current_organiser(&req.get_session()).is_none() {
                let next = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                return Ok(refuse(req, AppError::LoginRequired { next }));
            }
        }
        Audience::Participant => {
            // `/r/{token}` and below.
            let Some((token, state)) = link_of(&req) else {
                return Ok(refuse(req, AppError::UnknownLink));
            };
            let found = state
                .db
                .run(move |conn| crate::db::registrations::find_by_token(conn, &token))
                .await;
            match found {
                Ok(Some(registration)) => {
                    req.extensions_mut().insert(Participant(registration));
                }
                Ok(None) => {
                    // The page that says what to do about a link that does not work.
                    let ctx = crate::views::Ctx::from_request(req.request());
                    let page = super::html(
                        actix_web::http::StatusCode::NOT_FOUND,
                        crate::views::registration::unknown_link(&ctx),
                    );
                    let mut res = req.into_response(page).map_into_right_body();
                    res.headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    return Ok(res);
                }
                Err(e) => return Ok(refuse(req, AppError::Db(e))),
            }
        }
        Audience::Table => {
            let mut parts = req.path().split('/').skip(2);
            let (slug, code) = (
                parts.next().unwrap_or_default().to_owned(),
                parts.nth(1).unwrap_or_default().to_owned(),
            );
            let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
                return Ok(refuse(req, AppError::NotFound));
            };
            let found = state
                .db
                .run(move |conn| {
                    let Some(c) = crate::db::conferences::find_by_slug(conn, &slug)? else {
                        return Ok(Vec::new());
                    };
                    crate::db::groups::list(conn, &c.id)
                })
                .await;
            let groups = match found {
                Ok(groups) => groups,
                Err(e) => return Ok(refuse(req, AppError::Db(e))),
            };
            let links = &state.mailer.links;
            let group = groups
                .into_iter()
                .find(|g| constant_time_eq(links.table_code(&g.id).as_bytes(), code.as_bytes()));
            match group {
                Some(group) => {
                    req.extensions_mut().insert(TableGroup(group));
                }
                None => return Ok(refuse(req, AppError::UnknownLink)),
            }
        }
        Audience::Wall => {
            let slug = req.path().split('/').nth(2).unwrap_or_default().to_owned();
            let key = req
                .query_string()
                .split('&')
                .find_map(|kv| kv.strip_prefix("k="))
                .map(str::to_owned);
            let logged_in = current_organiser(&req.get_session()).is_some();
            let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
                return Ok(refuse(req, AppError::NotFound));
            };
            let found = state
                .db
                .run(move |conn| crate::db::conferences::find_by_slug(conn, &slug))
                .await;
            let conference = match found {
                Ok(Some(c)) => c,
                Ok(None) => return Ok(refuse(req, AppError::NotFound)),
                Err(e) => return Ok(refuse(req, AppError::Db(e))),
            };
            let opens = key.as_deref().is_some_and(|k| {
                constant_time_eq(
                    k.as_bytes(),
                    state.mailer.links.wall_token(&conference.id).as_bytes(),
                )
            });
            if !opens && !logged_in {
                if key.is_some() {
                    return Ok(refuse(req, AppError::UnknownLink));
                }
                let next = req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default();
                return Ok(refuse(req, AppError::LoginRequired { next }));
            }
            req.extensions_mut().insert(Wall {
                conference,
                key: key.filter(|_| opens),
            });
        }
        Audience::PilotOwner => {
            // `/p/{token}` and below.
            let Some((token, state)) = link_of(&req) else {
                return Ok(refuse(req, AppError::UnknownLink));
            };
            let found = state
                .db
                .run(move |conn| crate::db::pilots::find_by_token(conn, &token))
                .await;
            match found {
                Ok(Some(pilot)) => {
                    req.extensions_mut().insert(PilotOwner(pilot));
                }
                Ok(None) => return Ok(refuse(req, AppError::UnknownLink)),
                Err(e) => return Ok(refuse(req, AppError::Db(e))),
            }
        }
        Audience::Facilitator => {
            // `/f/{token}` and below.
            let Some((token, state)) = link_of(&req) else {
                return Ok(refuse(req, AppError::UnknownLink));
            };
            let found = state
                .db
                .run(move |conn| crate::db::groups::by_facilitator_token(conn, &token))
                .await;
            match found {
                Ok(groups) if !groups.is_empty() => {
                    req.extensions_mut().insert(Facilitator(groups));
                }
                Ok(_) => return Ok(refuse(req, AppError::UnknownLink)),
                Err(e) => return Ok(refuse(req, AppError::Db(e))),
            }
        }
    }
    let mut res = next.call(req).await?;
    if audience != Audience::Public || res.request().path() == "/login" {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res.map_into_left_body())
}

/// The token of a personal link (`/r/{token}`, `/f/{token}`), with what to look it up in.
fn link_of(req: &ServiceRequest) -> Option<(String, web::Data<AppState>)> {
    let token = req.path().split('/').nth(2).unwrap_or_default().to_owned();
    Some((token, req.app_data::<web::Data<AppState>>().cloned()?))
}

/// A session cookie naming an organiser's login that has ended (logged out, on this device
/// or everywhere) or expired counts as logged out from here on. Requests without a login
/// cost nothing.
async fn end_stale_login(req: &ServiceRequest) {
    let session = req.get_session();
    let claimed = session
        .get::<crate::auth::SessionOrganiser>(crate::auth::SESSION_ORGANISER)
        .ok()
        .flatten();
    if let Some(claimed) = claimed
        && let Some(state) = req.app_data::<web::Data<AppState>>()
    {
        let now = state.now();
        let live = state
            .db
            .run(move |conn| crate::db::organisers::session_is_live(conn, &claimed.session, now))
            .await
            // Without a database nothing works anyway; refuse rather than trust.
            .unwrap_or(false);
        if !live {
            session.remove(crate::auth::SESSION_ORGANISER);
        }
    }
}

fn refuse<B>(req: ServiceRequest, error: AppError) -> ServiceResponse<EitherBody<B>> {
    let res: HttpResponse = error.error_response();
    let mut res = req.into_response(res).map_into_right_body();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Whether the browser says the request comes from this site. A request without
/// `Origin` and `Referer` (not a browser, or one that hides both) passes here; the form
/// token still has to match.
fn same_origin(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let Some(claimed) = claimed else {
        return true;
    };
    if claimed == "null" {
        return false;
    }
    let origin_of = |url: &str| -> Option<String> {
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split(['/', '?', '#']).next()?;
        Some(format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            host.to_ascii_lowercase()
        ))
    };
    let Some(claimed) = origin_of(claimed) else {
        return false;
    };
    let info = req.connection_info();
    let served = format!("{}://{}", info.scheme(), info.host()).to_ascii_lowercase();
    let configured = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| origin_of(s.settings.base_url()));
    claimed == served || Some(&claimed) == configured.as_ref()
}

/// Whether the request carries the session's form token. Reads a urlencoded body (and
/// puts it back for the handler); a header does for other requests. An error when the
/// body cannot be read (too large, cut off).
async fn token_matches(req: &mut ServiceRequest) -> Result<bool, actix_web::Error> {
    let expected = req.get_session().get::<String>(SESSION_CSRF).ok().flatten();
    let header = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let sent = match header {
        Some(header) => Some(header),
        None if is_form(req) => {
            let body = req.extract::<Bytes>().await?;
            let token = csrf_field(&body);
            req.set_payload(Payload::from(body));
            token
        }
        None => None,
    };
    Ok(match (expected, sent) {
        (Some(expected), Some(sent)) => constant_time_eq(expected.as_bytes(), sent.as_bytes()),
        _ => false,
    })
}

fn is_form(req: &ServiceRequest) -> bool {
    req.content_type()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// The `csrf` field of a urlencoded body, found without parsing the rest of the form.
fn csrf_field(body: &[u8]) -> Option<String> {
    form_urlencoded::parse(body)
        .find(|(name, _)| name == "csrf")
        .map(|(_, value)| value.into_owned())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}
