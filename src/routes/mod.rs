//! HTTP routes, one module per area. Handlers extract, call domain and db, render.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use actix_web::{HttpResponse, web};
use maud::Markup;

pub mod account;
pub mod beheer;
pub mod error;
pub mod extract;
pub mod public;
pub mod registration;

/// The public registration form's route.
pub const REGISTRATION_FORM: &str = "/c/{slug}/aanmelden";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(public::home))
        .route("/healthz", web::get().to(public::healthz))
        .route("/static/werkconf.css", web::get().to(stylesheet))
        .route("/static/werkconf.js", web::get().to(script))
        .route("/taal/{lang}", web::get().to(public::switch_language))
        .route("/c/{slug}", web::get().to(public::conference))
        .route(REGISTRATION_FORM, web::get().to(registration::form))
        .route(REGISTRATION_FORM, web::post().to(registration::submit))
        .route("/c/{slug}/aangemeld", web::get().to(registration::thanks))
        .route("/c/{slug}/privacy", web::get().to(registration::privacy))
        .route("/c/{slug}/agenda.ics", web::get().to(registration::feed))
        .route(
            "/r/{token}/agenda.ics",
            web::get().to(registration::participant_ics),
        )
        .route("/r/{token}", web::get().to(registration::manage))
        .route("/r/{token}", web::post().to(registration::change))
        .route(
            "/r/{token}/annuleren",
            web::get().to(registration::cancel_form),
        )
        .route("/r/{token}/annuleren", web::post().to(registration::cancel))
        .route("/login", web::get().to(account::login_form))
        .route("/login", web::post().to(account::login))
        .route("/logout", web::post().to(account::logout))
        .route("/logout/overal", web::post().to(account::logout_everywhere))
        .configure(beheer::configure);
}

/// A page with a status other than 200, such as a form shown again with its errors (422).
pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// Post/redirect/get: after a change, the browser loads the result with a GET.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish()
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        // The URL carries the sheet's hash, so it may be kept for a year.
        .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(crate::views::layout::CSS)
}

async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(crate::views::layout::JS)
}

pub async fn not_found() -> HttpResponse {
    HttpResponse::NotFound().finish()
}
