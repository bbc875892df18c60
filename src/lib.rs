//! werkconf plans and runs werkconferenties of the Kansrijke Start programme.

pub mod assign;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod flows;
pub mod i18n;
pub mod jobs;
pub mod live;
pub mod mail;
pub mod notify;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tz;
pub mod views;
