//! The real `recourse` binary as a child process, over a SQLite file database (WAL) and over
//! PostgreSQL: a SIGKILL under load loses no write that was answered as done, and SIGTERM lets
//! in-flight requests finish and exits 0.
//!
//! PostgreSQL tests run when `TEST_DATABASE_URL` is set (required under `CI=true`), each in a
//! database of its own that is dropped at the end.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

mod process;

use std::{
    collections::{BTreeMap, BTreeSet},
    future::Future,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use futures::{StreamExt, stream};
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

use process::{Engine, Server, Store, describe, http};

/// Concurrent callers during load, each with a token of its own.
const CLIENTS: usize = 16;
/// No test may run longer than this: a hung server or client fails the test instead.
const TEST_LIMIT: Duration = Duration::from_secs(240);

/// Declares each listed `async fn(Store)` as `sqlite::name` and `postgres::name`.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::bounded(super::$name(super::Store::sqlite())).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(store) = super::Store::postgres().await {
                        super::bounded(super::$name(store)).await
                    }
                }
            )*
        }
    };
}

on_both_engines!(
    every_answered_write_survives_a_sigkill_under_load,
    sigterm_lets_in_flight_requests_finish_and_exits_zero,
    an_idle_server_exits_zero_promptly_on_sigterm,
);

async fn bounded(test: impl Future<Output = ()>) {
    tokio::time::timeout(TEST_LIMIT, test)
        .await
        .expect("the test ran past its time limit");
}

// ---------------------------------------------------------------------------------------------
// Load: callers creating complaints and acknowledging them, and what they were told.

/// Callers' tokens: `agent-{i}` of team north.
fn callers(store: &Store) -> Vec<String> {
    (0..CLIENTS)
        .map(|i| store.token(&format!("agent-{i}"), "agent", Some("north")))
        .collect()
}

/// Makes each caller known to the server, so that the load measures complaints alone.
async fn introduce(server: &Server, tokens: &[String]) {
    let http = http();
    for token in tokens {
        let resp = http
            .get(format!("{}/v1/me", server.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{}", server.log_tail());
    }
}

/// Complaint `n` of `caller`: every text field is unique, so a mix-up shows.
fn complaint(caller: usize, n: usize) -> Value {
    json!({
        "complainant": {
            "name": format!("Caller {caller} Person {n}"),
            "email": format!("c{caller}.n{n}@example.com"),
            "customer_ref": format!("LC-{caller}-{n}"),
        },
        "channel": "phone",
        "product": "current_account",
        "category": "fees",
        "description": format!("Charged twice (caller {caller}, complaint {n})."),
        "remedy_sought": format!("Refund the duplicate fee {n}."),
    })
}

/// A complaint whose create was answered 201.
#[derive(Debug, Clone)]
struct Created {
    caller: usize,
    key: String,
    body: Value,
    id: String,
    reference: String,
}

/// What the callers were told.
#[derive(Debug, Default)]
struct Ledger {
    created: Vec<Created>,
    /// Complaints whose acknowledgement was answered 2xx.
    acknowledged: BTreeSet<String>,
    /// Answers other than the success expected, and requests left unanswered while the
    /// server was meant to be up: each is a defect.
    unexpected: Vec<String>,
    /// Requests that got no answer once the server was going down.
    unanswered: usize,
    /// What the first few of them saw.
    unanswered_samples: Vec<String>,
}

/// The load's shared switches.
#[derive(Debug, Default)]
struct Switches {
    /// Set just before the server is signalled: from then on a request may go unanswered.
    going_down: AtomicBool,
    /// Set to end the load.
    stop: AtomicBool,
    /// Requests sent and not yet answered.
    in_flight: AtomicUsize,
}

struct Load {
    ledger: Arc<Mutex<Ledger>>,
    switches: Arc<Switches>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    /// Starts one task per caller: each creates a complaint with an `Idempotency-Key`, then
    /// acknowledges it with `If-Match`, over and over.
    fn start(server: &Server, tokens: &[String]) -> Load {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let switches = Arc::new(Switches::default());
        let http = http();
        let tasks = tokens
            .iter()
            .enumerate()
            .map(|(caller, token)| {
                tokio::spawn(caller_loop(
                    http.clone(),
                    server.base.clone(),
                    caller,
                    token.clone(),
                    ledger.clone(),
                    switches.clone(),
                ))
            })
            .collect();
        Load {
            ledger,
            switches,
            tasks,
        }
    }

    /// Lets the load run for `at_least`, and on past it (up to 20 s) until `creates` creates
    /// and one acknowledgement have been answered, so that a slow machine still gets a test.
    async fn run_for(&self, at_least: Duration, creates: usize) {
        let started = Instant::now();
        tokio::time::sleep(at_least).await;
        while started.elapsed() < Duration::from_secs(20) {
            let enough = {
                let ledger = self.ledger.lock().unwrap();
                ledger.created.len() >= creates && !ledger.acknowledged.is_empty()
            };
            if enough {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for every caller to give up (they stop at their first unanswered request once
    /// the server is going down) and returns what they were told.
    async fn finish(self) -> Ledger {
        let deadline = tokio::time::sleep(Duration::from_secs(30));
        tokio::pin!(deadline);
        let mut tasks = futures::future::join_all(self.tasks);
        tokio::select! {
            results = &mut tasks => {
                for r in results {
                    r.unwrap();
                }
            }
            () = &mut deadline => {
                self.switches.stop.store(true, Ordering::SeqCst);
                panic!("the callers did not finish within 30 s");
            }
        }
        std::mem::take(&mut *self.ledger.lock().unwrap())
    }
}

/// Sends `req`, counting it in flight until it is answered in full.
async fn exchange(
    switches: &Switches,
    req: reqwest::RequestBuilder,
) -> Result<(u16, Value), String> {
    switches.in_flight.fetch_add(1, Ordering::SeqCst);
    let answer = async {
        let resp = req.send().await.map_err(|e| format!("{e:?}"))?;
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| format!("{e:?}"))?;
        let json = serde_json::from_slice(&body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
        Ok((status, json))
    }
    .await;
    switches.in_flight.fetch_sub(1, Ordering::SeqCst);
    answer
}

async fn caller_loop(
    http: reqwest::Client,
    base: String,
    caller: usize,
    token: String,
    ledger: Arc<Mutex<Ledger>>,
    switches: Arc<Switches>,
) {
    // An unanswered request is a defect while the server is up; once it is going down it
    // means the server is gone, and this caller stops.
    let unanswered = |what: &str, err: String| -> bool {
        let mut ledger = ledger.lock().unwrap();
        if switches.going_down.load(Ordering::SeqCst) {
            ledger.unanswered += 1;
            if ledger.unanswered_samples.len() < 3 {
                ledger.unanswered_samples.push(format!("{what}: {err}"));
            }
            true
        } else {
            ledger
                .unexpected
                .push(format!("{what}: no answer while the server was up: {err}"));
            false
        }
    };
    let mut n = 0;
    while !switches.stop.load(Ordering::SeqCst) {
        n += 1;
        let key = format!("lifecycle-{caller}-{n}");
        let body = complaint(caller, n);
        let create = http
            .post(format!("{base}/v1/complaints"))
            .bearer_auth(&token)
            .header("Idempotency-Key", &key)
            .json(&body);
        let c = match exchange(&switches, create).await {
            Ok((201, c)) => c,
            Ok((status, answer)) => {
                let mut ledger = ledger.lock().unwrap();
                ledger
                    .unexpected
                    .push(format!("create {key}: {status} {answer}"));
                continue;
            }
            Err(err) => {
                if unanswered(&format!("create {key}"), err) {
                    return;
                }
                continue;
            }
        };
        let (Some(id), Some(reference)) = (c["id"].as_str(), c["reference"].as_str()) else {
            let mut ledger = ledger.lock().unwrap();
            ledger
                .unexpected
                .push(format!("create {key}: 201 without id or reference: {c}"));
            continue;
        };
        let created = Created {
            caller,
            key: key.clone(),
            body,
            id: id.to_owned(),
            reference: reference.to_owned(),
        };
        let mismatch = field_mismatches(&created, &c);
        {
            let mut ledger = ledger.lock().unwrap();
            ledger.unexpected.extend(mismatch);
            ledger.created.push(created);
        }
        let acknowledge = http
            .post(format!("{base}/v1/complaints/{id}/actions/acknowledge"))
            .bearer_auth(&token)
            .header("If-Match", "\"1\"")
            .json(&json!({"communication": {"channel": "email"}}));
        match exchange(&switches, acknowledge).await {
            Ok((200..=299, _)) => {
                ledger.lock().unwrap().acknowledged.insert(id.to_owned());
            }
            Ok((status, answer)) => {
                let mut ledger = ledger.lock().unwrap();
                ledger
                    .unexpected
                    .push(format!("acknowledge {id}: {status} {answer}"));
            }
            Err(err) => {
                if unanswered(&format!("acknowledge {id}"), err) {
                    return;
                }
            }
        }
    }
}

/// Where `c` (a complaint as the API shows it) differs from what `created` was logged with.
fn field_mismatches(created: &Created, c: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    for (field, sent) in created.body.as_object().unwrap() {
        if &c[field] != sent {
            wrong.push(format!(
                "{} ({}): {field} is {} but was logged as {sent}",
                created.id, created.key, c[field]
            ));
        }
    }
    let expected = [
        ("id", json!(created.id)),
        ("reference", json!(created.reference)),
        ("team", json!("north")),
        ("created_by", json!(format!("agent-{}", created.caller))),
    ];
    for (field, value) in expected {
        if c[field] != value {
            wrong.push(format!(
                "{} ({}): {field} is {} but should be {value}",
                created.id, created.key, c[field]
            ));
        }
    }
    wrong
}

// ---------------------------------------------------------------------------------------------
// After a restart: everything the callers were told is still true.

async fn get_json(http: &reqwest::Client, url: String, token: &str) -> Result<Value, String> {
    let resp = http
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| format!("GET {url}: {e}"))?;
    let status = resp.status().as_u16();
    let body: Value = resp
        .json()
        .await
        .map_err(|e| format!("GET {url}: {status}, body unreadable: {e}"))?;
    if status == 200 {
        Ok(body)
    } else {
        Err(format!("GET {url}: {status} {body}"))
    }
}

/// Checks one answered create on the restarted server; returns what is wrong.
async fn check_created(
    http: &reqwest::Client,
    base: &str,
    tokens: &[String],
    created: &Created,
    acknowledged: bool,
) -> Vec<String> {
    let token = &tokens[created.caller];
    let path = format!("{base}/v1/complaints/{}", created.id);
    let c = match get_json(http, path.clone(), token).await {
        Ok(c) => c,
        Err(err) => return vec![format!("lost complaint {}: {err}", created.key)],
    };
    let mut wrong = field_mismatches(created, &c);
    let state = c["state"].as_str().unwrap_or_default();
    if acknowledged && (state != "acknowledged" || c["version"] != 2) {
        wrong.push(format!(
            "{}: acknowledgement answered 200 is lost: state {state}, version {}",
            created.id, c["version"]
        ));
    } else if !matches!(state, "received" | "acknowledged") {
        wrong.push(format!("{}: unexpected state {state}", created.id));
    }
    match check_chain(http, base, token, &created.id).await {
        Ok(kinds) => {
            let shows_ack = kinds.iter().any(|k| k == "complaint.acknowledge");
            if kinds.first().map(String::as_str) != Some("complaint.created")
                || shows_ack != (state == "acknowledged")
            {
                wrong.push(format!(
                    "{}: events {kinds:?} do not match state {state}",
                    created.id
                ));
            }
        }
        Err(err) => wrong.push(err),
    }
    // The retry a client would make after a crash returns the original, not a duplicate.
    let replay = http
        .post(format!("{base}/v1/complaints"))
        .bearer_auth(token)
        .header("Idempotency-Key", &created.key)
        .json(&created.body)
        .send()
        .await;
    match replay {
        Ok(resp) => {
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            if status != 201 || body["id"] != created.id || body["reference"] != created.reference {
                wrong.push(format!(
                    "replaying {} gave {status} {} {} instead of {} {}",
                    created.key, body["id"], body["reference"], created.id, created.reference
                ));
            }
        }
        Err(err) => wrong.push(format!("replaying {}: {err}", created.key)),
    }
    wrong
}

/// Verifies a complaint's audit chain; returns its event kinds in chain order.
async fn check_chain(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    id: &str,
) -> Result<Vec<String>, String> {
    let path = format!("{base}/v1/complaints/{id}");
    let events = get_json(http, format!("{path}/events?limit=200"), token).await?;
    let kinds: Vec<String> = events["items"]
        .as_array()
        .ok_or_else(|| format!("{id}: events without items: {events}"))?
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_owned())
        .collect();
    let verdict = get_json(http, format!("{path}/events/verify"), token).await?;
    if verdict["intact"] != true || verdict["events_checked"] != kinds.len() {
        return Err(format!(
            "{id}: broken chain with events {kinds:?}: {verdict}"
        ));
    }
    Ok(kinds)
}

/// Every complaint in the store, as `(id, reference)`, newest first.
async fn all_complaints(http: &reqwest::Client, base: &str, token: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{base}/v1/complaints?limit=200");
        if let Some(cursor) = &cursor {
            url.push_str(&format!("&cursor={cursor}"));
        }
        let page = get_json(http, url, token).await.unwrap();
        for c in page["items"].as_array().unwrap() {
            all.push((
                c["id"].as_str().unwrap().to_owned(),
                c["reference"].as_str().unwrap().to_owned(),
            ));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return all,
        }
    }
}

/// On the restarted `server`: every answered create is there as logged, every answered
/// acknowledgement holds, every chain verifies, retries do not duplicate, and the store holds
/// at most one complaint per caller beyond those answered (the one in flight at the end).
async fn check_everything_answered_survived(server: &Server, tokens: &[String], ledger: &Ledger) {
    let http = http();
    let base = server.base.as_str();
    let started = Instant::now();
    let wrong: Vec<String> = stream::iter(&ledger.created)
        .map(|created| {
            let acknowledged = ledger.acknowledged.contains(&created.id);
            check_created(&http, base, tokens, created, acknowledged)
        })
        .buffer_unordered(8)
        .flat_map(stream::iter)
        .collect()
        .await;
    assert!(
        wrong.is_empty(),
        "{} problems after the restart, e.g.:\n{}\n{}",
        wrong.len(),
        wrong[..wrong.len().min(20)].join("\n"),
        server.log_tail()
    );

    let stored = all_complaints(&http, base, &tokens[0]).await;
    let answered: BTreeMap<&str, &str> = ledger
        .created
        .iter()
        .map(|c| (c.id.as_str(), c.reference.as_str()))
        .collect();
    let references: BTreeSet<&str> = stored.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        references.len(),
        stored.len(),
        "a reference was issued twice"
    );
    assert!(
        stored.len() <= answered.len() + CLIENTS,
        "{} complaints stored for {} answered creates from {CLIENTS} callers: duplicates",
        stored.len(),
        answered.len()
    );
    // Complaints whose create was in flight at the end: whole, if there at all.
    let unanswered: Vec<&str> = stored
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| !answered.contains_key(id))
        .collect();
    for id in &unanswered {
        check_chain(&http, base, &tokens[0], id).await.unwrap();
    }

    // Numbering carries on past everything issued before the restart.
    let resp = http
        .post(format!("{base}/v1/complaints"))
        .bearer_auth(&tokens[0])
        .json(&complaint(0, 0))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201, "{}", server.log_tail());
    let fresh: Value = resp.json().await.unwrap();
    let reference = fresh["reference"].as_str().unwrap();
    assert!(
        !references.contains(reference),
        "the restarted server reissued {reference}"
    );
    eprintln!(
        "  checked {} answered complaints ({} acknowledged) and {} unanswered ones \
         after the restart in {:.1} s",
        answered.len(),
        ledger.acknowledged.len(),
        unanswered.len(),
        started.elapsed().as_secs_f64()
    );
}

/// Workers busy during the load: a sweep every second and webhook polling, so that a crash or
/// a shutdown catches them mid-pass too.
const BUSY_WORKERS: [(&str, &str); 2] = [
    ("RECOURSE_SWEEP_INTERVAL", "1s"),
    ("RECOURSE_WEBHOOK_POLL", "200ms"),
];

// ---------------------------------------------------------------------------------------------
// The tests.

async fn every_answered_write_survives_a_sigkill_under_load(store: Store) {
    let tokens = callers(&store);
    let mut server = Server::start(&store, "before-kill", &BUSY_WORKERS).await;
    introduce(&server, &tokens).await;

    let load = Load::start(&server, &tokens);
    let loaded = Instant::now();
    load.run_for(Duration::from_millis(1500), CLIENTS).await;
    let loaded = loaded.elapsed();
    load.switches.going_down.store(true, Ordering::SeqCst);
    let in_flight = load.switches.in_flight.load(Ordering::SeqCst);
    server.sigkill();
    load.switches.stop.store(true, Ordering::SeqCst);
    // The crash is real and the store is in WAL mode: the log is left for recovery to replay.
    if store.engine == Engine::Sqlite {
        assert!(store.dir.path().join("recourse.db-wal").exists());
    }
    let ledger = load.finish().await;
    eprintln!(
        "{}: {} creates and {} acknowledgements answered in {:.1} s; SIGKILL with \
         {in_flight} requests in flight ({} went unanswered, e.g. {:?})",
        store.label(),
        ledger.created.len(),
        ledger.acknowledged.len(),
        loaded.as_secs_f64(),
        ledger.unanswered,
        ledger.unanswered_samples,
    );
    assert!(
        ledger.unexpected.is_empty(),
        "{} unexpected answers under load, e.g.:\n{}\n{}",
        ledger.unexpected.len(),
        ledger.unexpected[..ledger.unexpected.len().min(20)].join("\n"),
        server.log_tail()
    );
    assert!(in_flight > 0, "the kill was meant to land mid-request");
    assert!(
        ledger.created.len() >= CLIENTS && !ledger.acknowledged.is_empty(),
        "too little load to prove anything: {} creates, {} acknowledgements",
        ledger.created.len(),
        ledger.acknowledged.len()
    );
    drop(server);

    let started = Instant::now();
    let server = Server::start(&store, "after-kill", &[]).await;
    eprintln!(
        "  restarted and ready in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    check_everything_answered_survived(&server, &tokens, &ledger).await;
}

/// A create sent up to half its body: the server has begun it and waits for the rest, so it is
/// in flight for as long as the test likes.
struct HalfSent {
    caller: usize,
    key: String,
    body: Value,
    stream: TcpStream,
    rest: Vec<u8>,
}

impl HalfSent {
    async fn send(server: &Server, caller: usize, token: &str) -> HalfSent {
        let key = format!("half-sent-{caller}");
        let body = complaint(caller, 1_000_000);
        let payload = serde_json::to_vec(&body).unwrap();
        let head = format!(
            "POST /v1/complaints HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\n\
             Idempotency-Key: {key}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            server.addr,
            payload.len()
        );
        let mut stream = TcpStream::connect(&server.addr).await.unwrap();
        let half = payload.len() / 2;
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&payload[..half]).await.unwrap();
        stream.flush().await.unwrap();
        HalfSent {
            caller,
            key,
            body,
            stream,
            rest: payload[half..].to_vec(),
        }
    }

    /// Sends the rest of the body and reads the answer.
    async fn finish(mut self) -> Result<Created, String> {
        let key = self.key.clone();
        let exchange = async {
            self.stream
                .write_all(&self.rest)
                .await
                .map_err(|e| format!("sending the rest: {e}"))?;
            let mut raw = Vec::new();
            self.stream
                .read_to_end(&mut raw)
                .await
                .map_err(|e| format!("reading the answer: {e}"))?;
            parse_response(&raw)
        };
        let (status, c) = tokio::time::timeout(Duration::from_secs(15), exchange)
            .await
            .map_err(|_| format!("{key}: no answer within 15 s"))?
            .map_err(|e| format!("{key}: {e}"))?;
        if status != 201 {
            return Err(format!("{key}: {status} {c}"));
        }
        let created = Created {
            caller: self.caller,
            key: self.key,
            body: self.body,
            id: c["id"].as_str().unwrap_or_default().to_owned(),
            reference: c["reference"].as_str().unwrap_or_default().to_owned(),
        };
        match field_mismatches(&created, &c).as_slice() {
            [] => Ok(created),
            wrong => Err(wrong.join("\n")),
        }
    }
}

/// Status and JSON body of a raw HTTP/1.1 response.
fn parse_response(raw: &[u8]) -> Result<(u16, Value), String> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("no complete answer: {text:?}"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status line: {head:?}"))?;
    let chunked = head.lines().any(|line| {
        let line = line.to_ascii_lowercase();
        line.starts_with("transfer-encoding:") && line.contains("chunked")
    });
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_owned()
    };
    let json = serde_json::from_str(&body).map_err(|e| format!("{status}, body {body:?}: {e}"))?;
    Ok((status, json))
}

fn dechunk(mut rest: &str) -> Result<String, String> {
    let mut out = String::new();
    loop {
        let (size, after) = rest
            .split_once("\r\n")
            .ok_or_else(|| format!("truncated chunk: {rest:?}"))?;
        let size = size.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|e| format!("chunk size: {e}"))?;
        if size == 0 {
            return Ok(out);
        }
        let chunk = after
            .get(..size)
            .ok_or_else(|| format!("truncated chunk: {after:?}"))?;
        out.push_str(chunk);
        rest = after[size..].trim_start_matches("\r\n");
    }
}

async fn sigterm_lets_in_flight_requests_finish_and_exits_zero(store: Store) {
    let tokens = callers(&store);
    let mut server = Server::start(&store, "before-term", &BUSY_WORKERS).await;
    introduce(&server, &tokens).await;

    let mut half_sent = Vec::new();
    for (caller, token) in tokens.iter().enumerate().take(4) {
        half_sent.push(HalfSent::send(&server, caller, token).await);
    }
    let load = Load::start(&server, &tokens);
    load.run_for(Duration::from_millis(500), 1).await;

    load.switches.going_down.store(true, Ordering::SeqCst);
    let in_flight = load.switches.in_flight.load(Ordering::SeqCst);
    let signalled = Instant::now();
    server.sigterm();
    // The half-sent creates go on after the signal: a graceful server waits for them.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let finished = futures::future::join_all(half_sent.into_iter().map(HalfSent::finish)).await;
    let status = server.wait_exit(Duration::from_secs(20)).await;
    let exited_after = signalled.elapsed();
    load.switches.stop.store(true, Ordering::SeqCst);
    let mut ledger = load.finish().await;
    eprintln!(
        "{}: SIGTERM with {in_flight} requests in flight and 4 half-sent; {} creates and {} \
         acknowledgements answered ({} unanswered once going down, e.g. {:?}); exit after \
         {:.2} s: {}",
        store.label(),
        ledger.created.len(),
        ledger.acknowledged.len(),
        ledger.unanswered,
        ledger.unanswered_samples,
        exited_after.as_secs_f64(),
        status.map_or("still running".to_owned(), describe),
    );

    let mut cut_off = Vec::new();
    for result in finished {
        match result {
            Ok(created) => ledger.created.push(created),
            Err(err) => cut_off.push(err),
        }
    }
    assert!(
        cut_off.is_empty(),
        "requests in flight at SIGTERM were not completed:\n{}\n{}",
        cut_off.join("\n"),
        server.log_tail()
    );
    assert!(
        ledger.unexpected.is_empty(),
        "{} answers other than success, e.g.:\n{}\n{}",
        ledger.unexpected.len(),
        ledger.unexpected[..ledger.unexpected.len().min(20)].join("\n"),
        server.log_tail()
    );
    assert_exited_cleanly(&store, &server, status, exited_after);
    drop(server);

    let server = Server::start(&store, "after-term", &[]).await;
    check_everything_answered_survived(&server, &tokens, &ledger).await;
}

async fn an_idle_server_exits_zero_promptly_on_sigterm(store: Store) {
    // The default worker intervals (a sweep every 30 s): shutdown must not wait for a tick.
    let mut server = Server::start(&store, "idle", &[]).await;
    // Let the background workers get going before the signal.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let signalled = Instant::now();
    server.sigterm();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    let took = signalled.elapsed();
    eprintln!(
        "{}: idle server exit {:.2} s after SIGTERM: {}",
        store.label(),
        took.as_secs_f64(),
        status.map_or("still running".to_owned(), describe)
    );
    assert_exited_cleanly(&store, &server, status, took);
}

/// After SIGTERM the server exited with status 0, within 5 s, and closed its database.
fn assert_exited_cleanly(
    store: &Store,
    server: &Server,
    status: Option<std::process::ExitStatus>,
    took: Duration,
) {
    let status = status.unwrap_or_else(|| {
        panic!(
            "still running {took:?} after SIGTERM:\n{}",
            server.log_tail()
        )
    });
    assert_eq!(
        status.code(),
        Some(0),
        "{} after SIGTERM:\n{}",
        describe(status),
        server.log_tail()
    );
    assert!(
        took < Duration::from_secs(5),
        "took {took:?} to exit after SIGTERM:\n{}",
        server.log_tail()
    );
    store.assert_closed_cleanly(server);
}
