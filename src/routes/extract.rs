//! Extractors that keep handlers thin: a logged-in organiser, and a form whose CSRF token
//! has been checked.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::auth::{SESSION_CSRF, SessionOrganiser, current_organiser};
use crate::routes::error::AppError;

/// The organiser who is logged in; anyone else is sent to the login page.
pub struct Organiser(pub SessionOrganiser);

impl FromRequest for Organiser {
    type Error = AppError;
    type Future = Ready<Result<Organiser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let found = current_organiser(&req.get_session());
        ready(found.map(Organiser).ok_or_else(|| {
            AppError::LoginRequired {
                next: req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_default(),
            }
        }))
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// A urlencoded form whose `csrf` field matches the session's token. Parsed with
/// serde_html_form, so repeated fields (checkboxes) fill a `Vec`.
pub struct CsrfForm<T>(pub T);

/// For forms that carry nothing but their token (logout, archive, delete).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// A form parsed whether or not its token matches, for long public forms: when the
/// session expired while someone was typing, they get their form back, not an error page.
pub struct CheckedForm<T> {
    pub form: T,
    pub token_ok: bool,
}

type Checked<T> = Pin<Box<dyn Future<Output = Result<CheckedForm<T>, actix_web::Error>>>>;

impl<T: DeserializeOwned + 'static> FromRequest for CheckedForm<T> {
    type Error = actix_web::Error;
    type Future = Checked<T>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = web::Bytes::from_request(req, payload);
        let session = req.get_session();
        Box::pin(async move {
            let body = body.await?;
            let bad_request = |e: serde_html_form::de::Error| {
                actix_web::error::InternalError::from_response(
                    e,
                    actix_web::HttpResponse::BadRequest().finish(),
                )
            };
            let CsrfOnly { csrf } = serde_html_form::from_bytes(&body).map_err(bad_request)?;
            let expected = session.get::<String>(SESSION_CSRF).ok().flatten();
            let token_ok = expected
                .is_some_and(|expected| constant_time_eq(expected.as_bytes(), csrf.as_bytes()));
            let form = serde_html_form::from_bytes(&body).map_err(bad_request)?;
            Ok(CheckedForm { form, token_ok })
        })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<CsrfForm<T>, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let checked = CheckedForm::<T>::from_request(req, payload);
        Box::pin(async move {
            match checked.await? {
                CheckedForm {
                    form,
                    token_ok: true,
                } => Ok(CsrfForm(form)),
                _ => Err(AppError::Csrf.into()),
            }
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
