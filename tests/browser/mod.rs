//! Browser tests: the real app on a free port with a fresh database, driven through
//! Debian's Chromium by chromedriver, clicking and typing as a person would. Every step is
//! screenshotted to `tests/screenshots/<journey>/` and checked with axe-core (WCAG 2.1 A
//! and AA). Without Chromium, chromedriver or `node_modules/axe-core` every test says it is
//! skipped; under CI=true it fails instead. Run alone with `cargo test --test browser`.

pub mod facilitator;
pub mod harness;
pub mod keyboard;
pub mod organiser;
pub mod participant;
pub mod pilots;
pub mod seed;
pub mod vote;
