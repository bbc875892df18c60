//! HTTP routes, one module per area. Handlers extract, call domain and db, render.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use maud::Markup;

pub mod access;
pub mod account;
pub mod beheer;
pub mod error;
pub mod extract;
pub mod facilitator;
pub mod pilot;
pub mod public;
pub mod registration;
pub mod table;
pub mod vote;
pub mod wall;

pub use table::configure;

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
