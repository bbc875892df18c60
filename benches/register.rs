//! Load benchmark: starts the real `werkconf` server, registers N participants through the
//! real form flow (GET the form, POST it with its CSRF token) from 16 concurrent clients,
//! checks that exactly N registrations exist, then measures the public conference page.
//! Prints registrations per second, p50/p99 latency, page requests per second and p99, and
//! the server's peak resident memory.
//!
//!     cargo bench --bench register                       # SQLite, N = 2000
//!     BENCH_N=5000 cargo bench --bench register
//!     WERKCONF_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres \
//!         cargo bench --bench register                   # PostgreSQL (a fresh database)

use std::process::Stdio;

#[path = "server.rs"]
mod server;
use server::{free_port, peak_rss_kib, percentile, start_server, value_after};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 16;
const SLUG: &str = "kansrijke-start-utrecht";

fn main() {
    let n: usize = std::env::var("BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let page_seconds: u64 = std::env::var("BENCH_PAGE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = std::env::temp_dir().join(format!("werkconf-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let (db_url, engine) = match std::env::var("WERKCONF_BENCH_DATABASE_URL") {
        Ok(server) if !server.is_empty() => {
            let name = format!("werkconf_bench_{}", uuid::Uuid::new_v4().simple());
            (
                werkconf::db::create_postgres_database(&server, &name).unwrap(),
                "postgresql",
            )
        }
        _ => (dir.join("bench.sqlite").display().to_string(), "sqlite"),
    };
    let port = free_port();
    let mut server = start_server(&dir, &db_url, port, Stdio::null());
    let base = format!("http://127.0.0.1:{port}");
    wait_until_up(&base);

    let db = werkconf::db::Db::connect(&db_url, 1).unwrap();
    let count = || {
        let conference = db
            .run_sync(|c| werkconf::db::conferences::find_by_slug(c, SLUG))
            .unwrap()
            .expect("the demo conference");
        db.run_sync(|c| werkconf::db::registrations::list(c, &conference.id))
            .unwrap()
            .len()
    };
    let before = count();
    // The demo queues its own mail at start (confirmations, programmes, facilitator
    // links); let the mail worker send it first, so the run measures registrations only.
    let settle = Instant::now();
    while db
        .run_sync(|c| werkconf::db::outbox::counts(c, None))
        .unwrap()
        .pending()
        > 0
    {
        assert!(
            settle.elapsed() < Duration::from_secs(60),
            "the demo's mail was not sent within a minute"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (elapsed, mut latencies) = runtime.block_on(register_all(&base, n));
    assert_eq!(
        count() - before,
        n,
        "every registration is stored exactly once"
    );

    let (page_count, page_elapsed, mut page_latencies) =
        runtime.block_on(hammer_page(&base, Duration::from_secs(page_seconds)));
    let peak_kib = peak_rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    latencies.sort_unstable();
    page_latencies.sort_unstable();
    println!("engine {engine}, {CLIENTS} clients, N = {n}");
    println!(
        "registrations: {n} in {:.2} s = {:.0} per second; POST latency p50 {:.1} ms, p99 {:.1} ms",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0)
    );
    println!(
        "public page: {page_count} requests in {:.2} s = {:.0} per second; p50 {:.2} ms, p99 {:.2} ms",
        page_elapsed.as_secs_f64(),
        page_count as f64 / page_elapsed.as_secs_f64(),
        percentile(&page_latencies, 50.0),
        percentile(&page_latencies, 99.0)
    );
    println!(
        "server peak resident memory: {:.1} MiB",
        peak_kib as f64 / 1024.0
    );
}

fn wait_until_up(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(base.trim_start_matches("http://")).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("werkconf did not start");
}

fn form_fields(body: &str, n: usize) -> Vec<(String, String)> {
    let token = value_after(body, "name=\"csrf\" value=\"").expect("csrf");
    // The first insight offered (the option after "no preference").
    let insight = body
        .find("name=\"preference_1\"")
        .and_then(|at| {
            body[at..]
                .match_indices("<option value=\"")
                .nth(1)
                .map(|(i, _)| at + i)
        })
        .and_then(|at| value_after(&body[at..], "<option value=\""))
        .unwrap_or_default();
    let mut fields = vec![
        ("csrf".to_owned(), token),
        ("name".to_owned(), format!("Deelnemer {n}")),
        ("email".to_owned(), format!("deelnemer{n}@example.org")),
        ("organisation".to_owned(), format!("Organisatie {}", n % 40)),
        ("discipline".to_owned(), "verloskundige".to_owned()),
        ("municipality".to_owned(), "Utrecht".to_owned()),
        ("preference_1".to_owned(), insight),
        ("consent".to_owned(), "ja".to_owned()),
    ];
    let mut rest = body;
    while let Some(at) = rest.find("name=\"rounds\" value=\"") {
        rest = &rest[at + "name=\"rounds\" value=\"".len()..];
        let end = rest.find('"').unwrap();
        fields.push(("rounds".to_owned(), rest[..end].to_owned()));
    }
    fields
}

async fn register_all(base: &str, n: usize) -> (Duration, Vec<u64>) {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let next = next.clone();
        let base = base.to_owned();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let url = format!("{base}/c/{SLUG}/aanmelden");
            let mut latencies = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let body = client.get(&url).send().await.unwrap().text().await.unwrap();
                let fields = form_fields(&body, i);
                let t = Instant::now();
                let res = client.post(&url).form(&fields).send().await.unwrap();
                assert_eq!(res.status(), 303, "registration {i} refused");
                latencies.push(t.elapsed().as_micros() as u64);
            }
            latencies
        }));
    }
    let mut all = Vec::with_capacity(n);
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    (start.elapsed(), all)
}

async fn hammer_page(base: &str, duration: Duration) -> (usize, Duration, Vec<u64>) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        let url = format!("{base}/c/{SLUG}");
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            while start.elapsed() < duration {
                let t = Instant::now();
                let res = client.get(&url).send().await.unwrap();
                assert_eq!(res.status(), 200);
                res.bytes().await.unwrap();
                latencies.push(t.elapsed().as_micros() as u64);
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    (all.len(), start.elapsed(), all)
}
