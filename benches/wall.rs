//! Load benchmark of the live wall: starts the real `werkconf serve --demo`, connects
//! BENCH_STREAMS (1,000) wall streams, then has 30 facilitator phones capture
//! BENCH_POINTS (10) points each at once. Reports the time from sending a capture (its
//! commit happens before the answer) to its arrival on every stream, p50/p99 over all
//! deliveries and over the last stream per point, the capture requests' p50/p99, and the
//! server's peak resident memory.
//!
//!     cargo bench --bench wall
//!     BENCH_STREAMS=200 BENCH_POINTS=5 cargo bench --bench wall
//!     WERKCONF_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres \
//!         cargo bench --bench wall                       # PostgreSQL (a fresh database)
//!
//! (Voting load joins this benchmark with the vote.)

use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Child, Stdio};

#[path = "server.rs"]
mod server;
use server::{free_port, peak_rss_kib, percentile, rss_kib, start_server, value_after};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PHONES: usize = 30;

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let streams = env_or("BENCH_STREAMS", 1000);
    let per_phone = env_or("BENCH_POINTS", 10);
    let total = PHONES * per_phone;
    let dir = std::env::temp_dir().join(format!("werkconf-wall-{}", uuid::Uuid::new_v4()));
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
    let mut server = start_server(&dir, &db_url, port, Stdio::piped());
    let (facilitators, wall) = links_printed(&mut server);
    let base = format!("http://127.0.0.1:{port}");
    let up = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < up, "werkconf did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The printed links carry the configured base URL; only their paths are used.
    let path = |url: &str| {
        let after = url.split_once("://").map_or(url, |(_, rest)| rest);
        after
            .find('/')
            .map_or(String::new(), |at| after[at..].to_owned())
    };
    let facilitators: Vec<String> = facilitators.iter().map(|l| path(l)).collect();
    let wall = path(&wall);
    let events = wall.replacen("/wall?", "/wall/events?", 1);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (deliveries, last, posts, rss_connected) = runtime.block_on(async {
        let connected = Arc::new(AtomicUsize::new(0));
        let mut listeners = Vec::new();
        for _ in 0..streams {
            let (url, connected) = (format!("{base}{events}"), connected.clone());
            listeners.push(tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut res = client.get(&url).send().await.unwrap();
                assert_eq!(res.status(), 200);
                let mut seen: HashMap<usize, Instant> = HashMap::new();
                let mut text = String::new();
                let mut first = true;
                let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
                while seen.len() < total {
                    let chunk = tokio::time::timeout_at(deadline, res.chunk())
                        .await
                        .expect("every point arrives within two minutes")
                        .unwrap()
                        .unwrap_or_else(|| {
                            panic!("stream closed after {text:?} ({} seen)", seen.len())
                        });
                    let now = Instant::now();
                    if first {
                        first = false;
                        connected.fetch_add(1, Ordering::SeqCst);
                    }
                    text.push_str(&String::from_utf8_lossy(&chunk));
                    // Complete events only; the rest waits for the next chunk.
                    while let Some(end) = text.find("\n\n") {
                        let event: String = text.drain(..end + 2).collect();
                        if let Some(n) = event
                            .split("Bench-punt ")
                            .nth(1)
                            .and_then(|rest| rest.split('<').next())
                            .and_then(|n| n.parse::<usize>().ok())
                        {
                            seen.entry(n).or_insert(now);
                        }
                    }
                }
                seen
            }));
        }
        while connected.load(Ordering::SeqCst) < streams {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let rss_connected = rss_kib(server.id());

        let sent: Arc<Mutex<HashMap<usize, Instant>>> = Arc::default();
        let mut phones = Vec::new();
        for phone in 0..PHONES {
            let link = facilitators[phone % facilitators.len()].clone();
            let (base, sent) = (base.clone(), sent.clone());
            phones.push(tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let page = client
                    .get(format!("{base}{link}"))
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let token = value_after(&page, "name=\"csrf\" value=\"").unwrap();
                let group = value_after(&page, "name=\"group\" value=\"").unwrap();
                let mut latencies = Vec::new();
                for k in 0..per_phone {
                    let n = phone * per_phone + k;
                    let key = uuid::Uuid::new_v4().to_string();
                    let text = format!("Bench-punt {n}");
                    let fields = [
                        ("csrf", token.as_str()),
                        ("group", group.as_str()),
                        ("question", "together"),
                        ("text", text.as_str()),
                        ("key", key.as_str()),
                    ];
                    let t = Instant::now();
                    sent.lock().unwrap().insert(n, t);
                    let res = client
                        .post(format!("{base}{link}/punten"))
                        .form(&fields)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(res.status(), 303, "point {n} stored");
                    latencies.push(t.elapsed().as_micros() as u64);
                }
                latencies
            }));
        }
        let mut posts = Vec::new();
        for phone in phones {
            posts.extend(phone.await.unwrap());
        }
        let sent = sent.lock().unwrap().clone();
        let mut deliveries = Vec::with_capacity(total * streams);
        let mut last: HashMap<usize, u64> = HashMap::new();
        for listener in listeners {
            for (n, at) in listener.await.unwrap() {
                let micros = at.duration_since(sent[&n]).as_micros() as u64;
                deliveries.push(micros);
                let worst = last.entry(n).or_default();
                *worst = (*worst).max(micros);
            }
        }
        (
            deliveries,
            last.into_values().collect::<Vec<_>>(),
            posts,
            rss_connected,
        )
    });
    let peak = peak_rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let (mut deliveries, mut last, mut posts) = (deliveries, last, posts);
    deliveries.sort_unstable();
    last.sort_unstable();
    posts.sort_unstable();
    println!("engine {engine}, {streams} wall streams, {PHONES} phones x {per_phone} points");
    println!(
        "capture to stream: {} deliveries, p50 {:.1} ms, p99 {:.1} ms; to the last stream per point: p50 {:.1} ms, p99 {:.1} ms",
        deliveries.len(),
        percentile(&deliveries, 50.0),
        percentile(&deliveries, 99.0),
        percentile(&last, 50.0),
        percentile(&last, 99.0)
    );
    println!(
        "capture requests: {} , p50 {:.1} ms, p99 {:.1} ms",
        posts.len(),
        percentile(&posts, 50.0),
        percentile(&posts, 99.0)
    );
    println!(
        "server resident memory: {:.1} MiB with the streams connected, peak {:.1} MiB",
        rss_connected as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}

/// The facilitators' links and the wall link the demo prints on start; returns once the
/// server listens (it prints them just before).
fn links_printed(server: &mut Child) -> (Vec<String>, String) {
    let mut lines = std::io::BufReader::new(server.stdout.take().unwrap()).lines();
    let mut facilitators = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("Gespreksleider ") {
            facilitators.push(line.rsplit(' ').next().unwrap().to_owned());
        } else if let Some(wall) = line.strip_prefix("Wall (scherm in de zaal): ") {
            // Keep reading what else it prints, so a full pipe never stops the server.
            std::thread::spawn(move || lines.for_each(drop));
            return (facilitators, wall.to_owned());
        }
    }
    panic!("the demo printed no wall link");
}
