//! Extractors that keep handlers thin: a logged-in organiser, and a form. The form token
//! and the origin of every unsafe request are checked before any handler runs, in
//! [`super::access::guard`]; these only read what it left.

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::access::TokenCheck;
use super::error::AppError;
use crate::auth::{SessionOrganiser, current_organiser};

/// The organiser who is logged in; anyone else is sent to the login page. (The route
/// table's guard has checked this already for every organiser route.)
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

/// A urlencoded form, parsed with serde_html_form so repeated fields (checkboxes) fill a
/// `Vec`. Its token was checked by the guard; a request that got here without a good one
/// (only possible on a route that forgives it) is refused.
pub struct CsrfForm<T>(pub T);

/// For forms that carry nothing but their token (logout, archive, delete).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// A form parsed whether or not its token matched, for the routes the guard lets through
/// with a stale token: when the session expired while someone was typing, they get their
/// form back, not an error page.
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
        let token_ok = req
            .extensions()
            .get::<TokenCheck>()
            .is_some_and(|check| check.ok);
        Box::pin(async move {
            let body = body.await?;
            let form = serde_html_form::from_bytes(&body).map_err(|e| {
                actix_web::error::InternalError::from_response(
                    e,
                    actix_web::HttpResponse::BadRequest().finish(),
                )
            })?;
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
