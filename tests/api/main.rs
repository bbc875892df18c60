//! One test binary for the HTTP-level tests: every test starts the real app on a free port
//! with a fresh database (SQLite, or PostgreSQL when WERKCONF_TEST_DATABASE_URL is set).

mod access;
mod account;
mod assign_cli;
mod cli;
mod conferences;
mod defects;
mod helpers;
mod insights;
mod jobs;
mod mail;
mod messages;
mod participants;
mod public;
mod registrar;
mod registration;
mod registration_mail;
mod schema;
mod texts;
