//! What the server benchmarks share: starting the real `werkconf serve --demo` and
//! reading figures off it. Included by `#[path]` in each benchmark that uses it.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};

/// A free port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The key personal links are made with, the same for the server and the benchmark (so
/// that it can open participants' links).
pub const LINK_KEY: &str = "6265e7c8d0a4b1f2c3e4d5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f80";

/// The release server with the demo, its data in `dir`; `stdout` takes what it prints
/// (the demo's links). `WERKCONF_BENCH_BIN` runs another build of werkconf instead (to
/// compare two builds with one benchmark).
pub fn start_server(dir: &std::path::Path, db_url: &str, port: u16, stdout: Stdio) -> Child {
    let bin = std::env::var("WERKCONF_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_werkconf").to_owned());
    Command::new(bin)
        .args(["serve", "--demo"])
        .env("WERKCONF__SERVER__LINK_KEY", LINK_KEY)
        .env("WERKCONF__DATABASE__URL", db_url)
        .env("WERKCONF__SERVER__PORT", port.to_string())
        .env("WERKCONF__SERVER__DATA_DIR", dir)
        .env("WERKCONF__MAIL__FILE_DIR", dir.join("mail"))
        .env("WERKCONF__LOG__LEVEL", "warn")
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("start werkconf")
}

/// The quoted value after `marker` in a page (a form field's value).
pub fn value_after(body: &str, marker: &str) -> Option<String> {
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

/// The p-th percentile of sorted microseconds, in milliseconds.
pub fn percentile(sorted_micros: &[u64], p: f64) -> f64 {
    if sorted_micros.is_empty() {
        return 0.0;
    }
    let idx = ((p / 100.0) * (sorted_micros.len() - 1) as f64).round() as usize;
    sorted_micros[idx] as f64 / 1000.0
}

fn status_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// VmRSS: what the process has resident now.
pub fn rss_kib(pid: u32) -> u64 {
    status_kib(pid, "VmRSS:")
}

/// VmHWM: the most memory the process ever had resident.
pub fn peak_rss_kib(pid: u32) -> u64 {
    status_kib(pid, "VmHWM:")
}
