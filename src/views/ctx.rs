//! What every page needs to know about the request: language, session, who is logged in.

use std::future::{Ready, ready};

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{FromRequest, HttpRequest};

use crate::auth::{SESSION_CSRF, SessionOrganiser, current_organiser, random_token};
use crate::i18n::{LANG_COOKIE, Lang, Msg};

const SESSION_FLASH: &str = "flash";

pub struct Ctx {
    pub lang: Lang,
    pub organiser: Option<SessionOrganiser>,
    /// Path and query of this request, to come back to after switching language.
    pub path: String,
    session: Session,
}

impl Ctx {
    pub fn from_request(req: &HttpRequest) -> Ctx {
        let session = req.get_session();
        let cookie = req.cookie(LANG_COOKIE);
        let accept = req
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ctx {
            lang: Lang::negotiate(cookie.as_ref().map(|c| c.value()), accept),
            organiser: current_organiser(&session),
            path: req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".to_owned()),
            session,
        }
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        self.lang.t(msg)
    }

    /// The session's form token, made on first use so that pages without a form set no
    /// cookie.
    pub fn csrf(&self) -> String {
        if let Ok(Some(token)) = self.session.get::<String>(SESSION_CSRF) {
            return token;
        }
        let token = random_token();
        let _ = self.session.insert(SESSION_CSRF, &token);
        token
    }

    /// A one-time notice shown on the next page ("Opgeslagen.").
    pub fn flash(&self, msg: Msg) {
        let _ = self.session.insert(SESSION_FLASH, self.t(msg));
    }

    /// A one-time notice with numbers or names in it.
    pub fn flash_text(&self, text: String) {
        let _ = self.session.insert(SESSION_FLASH, text);
    }

    pub fn take_flash(&self) -> Option<String> {
        self.session.remove_as::<String>(SESSION_FLASH)?.ok()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }
}

impl FromRequest for Ctx {
    type Error = actix_web::Error;
    type Future = Ready<Result<Ctx, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Ctx::from_request(req)))
    }
}
