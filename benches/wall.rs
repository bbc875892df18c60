//! Load benchmark of the live wall and the vote: starts the real `werkconf serve --demo`,
//! adds BENCH_VOTERS (300) confirmed participants and opens the vote, connects
//! BENCH_STREAMS (1,000) wall streams, then at once has 30 facilitator phones capture
//! BENCH_POINTS (10) points each and every voter put three dots and change them once.
//! Reports the time from sending a capture (its commit happens before the answer) to its
//! arrival on every stream, p50/p99 over all deliveries and over the last stream per
//! point, the capture requests' p50/p99, vote submissions per second with their p50/p99,
//! and the server's peak resident memory.
//!
//!     cargo bench --bench wall
//!     BENCH_STREAMS=200 BENCH_POINTS=5 cargo bench --bench wall
//!     BENCH_VOTE_SPREAD_MS=10000 cargo bench --bench wall    # 300 voters over 10 s
//!     WERKCONF_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres \
//!         cargo bench --bench wall                       # PostgreSQL (a fresh database)
//!

use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Child, Stdio};

#[path = "server.rs"]
mod server;
use server::{LINK_KEY, free_port, peak_rss_kib, percentile, rss_kib, start_server, value_after};
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
    let voters = env_or("BENCH_VOTERS", 300);
    // 0: every voter at once; else their first ballots spread evenly over this long.
    let spread_ms = env_or("BENCH_VOTE_SPREAD_MS", 0) as u64;
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
    let ballots = add_voters(&db_url, voters);
    let wall = path(&wall);
    let events = wall.replacen("/wall?", "/wall/events?", 1);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (deliveries, last, posts, rss_connected, votes) = runtime.block_on(async {
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

        // Every voter has their ballot open (its form token, version and points).
        let mut ready = Vec::new();
        for (k, ballot) in ballots.iter().enumerate() {
            let (url, k) = (format!("{base}{ballot}"), k);
            ready.push(tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .cookie_store(true)
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .unwrap();
                let page = client.get(&url).send().await.unwrap().text().await.unwrap();
                let token = value_after(&page, "name=\"csrf\" value=\"").unwrap();
                let points: Vec<String> = page
                    .split("name=\"p-")
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next().map(str::to_owned))
                    .collect();
                assert!(points.len() >= 3, "a ballot with points");
                (client, url, token, points, k)
            }));
        }
        let mut opened = Vec::new();
        for r in ready {
            opened.push(r.await.unwrap());
        }
        let vote_start = Instant::now();
        let mut casting = Vec::new();
        for (client, url, token, points, k) in opened {
            let offset = Duration::from_millis(spread_ms * k as u64 / voters.max(1) as u64);
            casting.push(tokio::spawn(async move {
                tokio::time::sleep(offset).await;
                let mut latencies = Vec::new();
                // Three dots, then changed once (the second with the new version).
                for round in 0..2usize {
                    let version = round.to_string();
                    let mut fields = vec![
                        ("csrf".to_owned(), token.clone()),
                        ("version".to_owned(), version),
                    ];
                    for d in 0..3 {
                        let p = &points[(k * 7 + d * 5 + round * 3) % points.len()];
                        fields.push((format!("p-{p}"), "1".to_owned()));
                    }
                    fields.dedup();
                    let t = Instant::now();
                    let res = client.post(&url).form(&fields).send().await.unwrap();
                    assert_eq!(res.status(), 303, "vote {k}/{round} stored");
                    latencies.push(t.elapsed().as_micros() as u64);
                }
                latencies
            }));
        }

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
        let mut votes = Vec::new();
        for voter in casting {
            votes.extend(voter.await.unwrap());
        }
        let vote_seconds = vote_start.elapsed().as_secs_f64();
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
            (votes, vote_seconds),
        )
    });
    let (mut votes, vote_seconds) = votes;
    votes.sort_unstable();
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
        "votes: {voters} voters (spread over {spread_ms} ms), {} submissions in {:.2} s ({:.0}/s, with the captures running), p50 {:.1} ms, p99 {:.1} ms",
        votes.len(),
        vote_seconds,
        votes.len() as f64 / vote_seconds.max(1e-9),
        percentile(&votes, 50.0),
        percentile(&votes, 99.0)
    );
    println!(
        "server resident memory: {:.1} MiB with the streams connected, peak {:.1} MiB",
        rss_connected as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}

/// Adds `n` confirmed participants of several disciplines to the demo conference and
/// opens its vote again (three dots, one per point); their ballot paths.
fn add_voters(db_url: &str, n: usize) -> Vec<String> {
    use werkconf::db::{self, DbError};
    use werkconf::domain::registration::{Line, RegistrationDraft};
    let mut settings = werkconf::config::Settings::defaults();
    settings.database.url = db_url.to_owned();
    let database = db::Db::from_settings(&settings.database).unwrap();
    let links = werkconf::auth::LinkKey::new(hex::decode(LINK_KEY).unwrap()).unwrap();
    let disciplines = settings.lists.disciplines.clone();
    let now = werkconf::clock::Clock::system().now();
    let ids = database
        .run_sync(|conn| {
            let c = db::conferences::find_by_slug(conn, "kansrijke-start-utrecht")?.unwrap();
            let (places, last_seq) = db::registrations::places(conn, &c.id)?;
            let mut line = Line {
                capacity: i32::MAX,
                places,
                last_seq,
            };
            let new: Vec<_> = (0..n)
                .map(|k| {
                    let draft = RegistrationDraft {
                        name: format!("Stemmer {k}"),
                        email: None,
                        organisation: "Bench".into(),
                        discipline: disciplines[k % disciplines.len()].clone(),
                        municipality: "Utrecht".into(),
                        preferences: Vec::new(),
                        rounds: Vec::new(),
                        diet: String::new(),
                        accessibility: String::new(),
                    };
                    let email = format!("stemmer{k}@example.org");
                    db::registrations::make(&c.id, &mut line, &email, &draft, "nl", now, &links)
                })
                .collect();
            db::registrations::insert_all(conn, &new)?;
            let form = werkconf::domain::vote::VoteForm::from_settings(&Default::default());
            let (opened, _) =
                werkconf::flows::vote::open(conn, &c.id, &form, now).map_err(|e| {
                    DbError::Query(diesel::result::Error::QueryBuilderError(
                        e.to_string().into(),
                    ))
                })?;
            opened.expect("the vote's default settings are valid");
            Ok::<_, DbError>(
                new.into_iter()
                    .map(|r| r.registration.id)
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap();
    ids.iter()
        .map(|id| format!("/r/{}/stemmen", links.registration_token(id)))
        .collect()
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
