//! The browser tests (`tests/browser/`), with the shared kit (`tests/common/`). Run alone
//! with `cargo test --test browser`.

mod browser;
mod common;
