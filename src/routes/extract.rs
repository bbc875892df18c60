//! Extractors that keep handlers thin: a logged-in organiser, and a form whose CSRF token
//! has been checked.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::auth::{SESSION_CSRF, SESSION_ORGANISER, SessionOrganiser};
use crate::error::AppError;

/// The organiser who is logged in; anyone else is sent to the login page.
pub struct Organiser(pub SessionOrganiser);

impl FromRequest for Organiser {
    type Error = AppError;
    type Future = Ready<Result<Organiser, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let found = req
            .get_session()
            .get::<SessionOrganiser>(SESSION_ORGANISER)
            .ok()
            .flatten();
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
struct WithCsrf<T> {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    form: T,
}

/// A urlencoded form whose `csrf` field matches the session's token.
pub struct CsrfForm<T>(pub T);

/// For forms that carry nothing but their token (logout, archive, delete).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<CsrfForm<T>, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let form = web::Form::<WithCsrf<T>>::from_request(req, payload);
        let session = req.get_session();
        Box::pin(async move {
            let web::Form(WithCsrf { csrf, form }) = form.await?;
            let expected = session.get::<String>(SESSION_CSRF).ok().flatten();
            match expected {
                Some(expected) if constant_time_eq(expected.as_bytes(), csrf.as_bytes()) => {
                    Ok(CsrfForm(form))
                }
                _ => Err(AppError::Csrf.into()),
            }
        })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
