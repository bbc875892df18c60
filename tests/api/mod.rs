//! The HTTP-level tests: every test starts the real app on a free port
//! with a fresh database (SQLite, or PostgreSQL when WERKCONF_TEST_DATABASE_URL is set).

pub mod access;
pub mod account;
pub mod assign_cli;
pub mod assignment;
pub mod capture;
pub mod cli;
pub mod conferences;
pub mod defects;
pub mod demo;
pub mod groups;
pub mod insights;
pub mod jobs;
pub mod mail;
pub mod messages;
pub mod participants;
pub mod pilots;
pub mod public;
pub mod registrar;
pub mod registration;
pub mod registration_mail;
pub mod schema;
pub mod texts;
pub mod vote;
pub mod wall;
