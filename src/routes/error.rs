//! What a handler can fail with. The person sees a plain page in their language (rendered
//! by the error-page middleware from the status); the log gets the cause, without personal
//! data.

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, ResponseError};

use crate::db::DbError;
use crate::views::layout::encode;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    LoginRequired { next: String },
    #[error("form token missing or wrong")]
    Csrf,
    #[error("unsafe request from another site")]
    ForeignOrigin,
    #[error("no registration behind this link")]
    UnknownLink,
    #[error("{}", redact(.0))]
    Db(#[from] DbError),
    #[error("{0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<crate::flows::FlowError> for AppError {
    fn from(e: crate::flows::FlowError) -> Self {
        match e {
            crate::flows::FlowError::Db(e) => AppError::Db(e),
            crate::flows::FlowError::Mail(e) => AppError::Internal(e.into()),
        }
    }
}

/// A database error without the values in it: PostgreSQL's messages quote the row
/// ("Key (email)=(...) already exists"), which may be personal data.
fn redact(e: &DbError) -> String {
    match e {
        DbError::Query(diesel::result::Error::DatabaseError(kind, info)) => format!(
            "database error {kind:?} (table {:?}, constraint {:?})",
            info.table_name(),
            info.constraint_name()
        ),
        other => other.to_string(),
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::LoginRequired { .. } => StatusCode::SEE_OTHER,
            AppError::Csrf | AppError::ForeignOrigin => StatusCode::FORBIDDEN,
            AppError::UnknownLink => StatusCode::NOT_FOUND,
            AppError::Db(DbError::Pool(_) | DbError::Connect(_) | DbError::Unavailable) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::LoginRequired { next } => HttpResponse::SeeOther()
                .insert_header((LOCATION, format!("/login?next={}", encode(next))))
                .finish(),
            AppError::Db(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                HttpResponse::build(self.status_code()).finish()
            }
            _ => HttpResponse::build(self.status_code()).finish(),
        }
    }
}
