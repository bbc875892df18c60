//! The HTTP-level tests (`tests/api/`), with the shared kit (`tests/common/`). Run alone
//! with `cargo test --test api`.

mod api;
mod common;
