//! Two `recourse serve` replicas (the real binary) on one PostgreSQL database, with no load
//! balancer: each test alternates its requests between replica A and replica B, and both run
//! every background worker (deadline sweeper, scheduled recurrence rules, webhook delivery) at
//! short intervals. What one replica does, the other must see; what both workers do, must happen
//! once: each breach and escalation raised once, one improvement item per root cause, each
//! webhook event delivered once, and one winner among writes racing with the same ETag.
//!
//! Each test runs on a database of its own beside `TEST_DATABASE_URL`'s, dropped at the end;
//! without `TEST_DATABASE_URL` the tests are skipped, except under `CI=true`, where they fail.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

// `lifecycle` uses the rest of it (SQLite stores, signals).
#[allow(dead_code)]
#[path = "../lifecycle/process.rs"]
mod process;

use std::{
    collections::{BTreeMap, BTreeSet},
    future::Future,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::future::join_all;
use poem::{
    EndpointExt, Request, Route, handler, http::StatusCode, listener::TcpAcceptor, post, web::Data,
};
use reqwest::Method;
use serde_json::{Value, json};

use process::{Server, Store, http};

/// The whole test, replicas' start-up included, fails rather than hangs past this.
const TEST_LIMIT: Duration = Duration::from_secs(50);
/// How long background work may take to reach a state the test waits for.
const WAIT_LIMIT: Duration = Duration::from_secs(20);
/// How long a state must hold before it counts as settled: several passes of every worker on
/// both replicas (a sweep every 200 ms, a recurrence run every 500 ms, a webhook pass every
/// 50 ms), so a duplicate one of them would raise has had its chance to show.
const QUIET: Duration = Duration::from_millis(1500);
/// Far enough in the past that every deadline of a complaint received then has passed.
const LONG_AGO: &str = "2025-01-06T10:00:00Z";

/// Both replicas' settings: every worker on, at intervals short enough to race each other.
const REPLICA_ENV: &[(&str, &str)] = &[
    ("RECOURSE_SWEEP_INTERVAL", "200ms"),
    ("RECOURSE_RECURRENCE_INTERVAL", "500ms"),
    ("RECOURSE_WEBHOOK_POLL", "50ms"),
    ("RECOURSE_WEBHOOK_ALLOW_PRIVATE", "true"),
    ("RECOURSE_WEBHOOK_RETRY_BASE", "100ms"),
    // The test alternates a handful of callers over two replicas: load, not abuse.
    ("RECOURSE_RATE_LIMIT_PER_SECOND", "0"),
    // Two tests at once run four replicas on one PostgreSQL (100 connections by default).
    ("RECOURSE_DB_POOL_SIZE", "8"),
    // The delivery worker reports each pass at debug: the report counts who delivered what.
    (
        "RUST_LOG",
        "info,recourse::service::integration::delivery=debug,sqlx=warn,sea_orm=warn",
    ),
];

macro_rules! replica_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let started = Instant::now();
                if let Some(replicas) = Replicas::start().await {
                    tokio::time::timeout(TEST_LIMIT, $name::run(replicas))
                        .await
                        .expect("the test ran past its time limit");
                    eprintln!(
                        "{}: {:.1} s in all",
                        stringify!($name),
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        )*
    };
}

replica_tests!(
    two_sweepers_raise_each_breach_and_each_escalation_exactly_once,
    racing_classifications_on_two_replicas_open_one_improvement_item_with_each_complaint_once,
    each_webhook_event_reaches_the_receiver_exactly_once_though_both_replicas_deliver,
    an_etag_read_on_one_replica_holds_on_the_other_and_of_two_racing_writes_one_wins,
);

// ---------------------------------------------------------------------------------------------
// Two replicas and the requests alternated between them.

/// Replica A and replica B on one fresh database. Fields drop in order: the servers are
/// killed before the database is dropped.
struct Replicas {
    servers: [Server; 2],
    /// Held for its drop, which drops the database.
    _store: Store,
    http: reqwest::Client,
    agent: String,
    leader: String,
    analyst: String,
    admin: String,
}

/// One answer, read whole.
#[derive(Debug)]
struct Answer {
    status: u16,
    etag: Option<String>,
    body: Value,
}

const NAMES: [&str; 2] = ["A", "B"];

impl Replicas {
    /// Starts both replicas at once on a fresh, empty database; `None` when PostgreSQL is not
    /// configured. Both migrate at start-up: one holds the migration lock and migrates, the
    /// other waits for it and finds nothing left to do (before the lock, one of the two exited
    /// with a duplicate key in PostgreSQL's catalog).
    async fn start() -> Option<Replicas> {
        let store = Store::postgres().await?;
        let started = Instant::now();
        let (a, b) = tokio::join!(
            Server::start(&store, "replica-a", REPLICA_ENV),
            Server::start(&store, "replica-b", REPLICA_ENV),
        );
        eprintln!(
            "  both replicas ready in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        let replicas = Replicas {
            servers: [a, b],
            agent: store.token("agent-north", "agent", Some("north")),
            leader: store.token("lead-north", "team_leader", Some("north")),
            analyst: store.token("analyst-1", "analyst", None),
            admin: store.token("admin-1", "admin", None),
            _store: store,
            http: http(),
        };
        // Each caller signs in on both replicas, so either may name them (an assignee must
        // have signed in).
        for (i, token) in [&replicas.agent, &replicas.leader, &replicas.analyst]
            .into_iter()
            .enumerate()
        {
            for on in [i, i + 1] {
                replicas
                    .ok(on, Method::GET, "/v1/me", token, None, None)
                    .await;
            }
        }
        Some(replicas)
    }

    fn server(&self, on: usize) -> &Server {
        &self.servers[on % 2]
    }

    /// Both replicas' recent logs, for failure messages.
    fn logs(&self) -> String {
        format!(
            "{}\n{}",
            self.servers[0].log_tail(),
            self.servers[1].log_tail()
        )
    }

    /// Sends a request to replica `on % 2` (0 is A, 1 is B).
    async fn send(
        &self,
        on: usize,
        method: Method,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let url = format!("{}{path}", self.server(on).base);
        let mut req = self.http.request(method.clone(), &url).bearer_auth(token);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req.send().await.unwrap_or_else(|e| {
            panic!(
                "{method} {path} on replica {}: no answer: {e}\n{}",
                NAMES[on % 2],
                self.logs()
            )
        });
        let status = resp.status().as_u16();
        let etag = resp
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        let text = resp.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer { status, etag, body }
    }

    /// Sends a request that must succeed; returns the answer.
    async fn ok(
        &self,
        on: usize,
        method: Method,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let answer = self
            .send(on, method.clone(), path, token, if_match, body)
            .await;
        assert!(
            (200..300).contains(&answer.status),
            "{method} {path} on replica {}: {} {}\n{}",
            NAMES[on % 2],
            answer.status,
            answer.body,
            self.logs()
        );
        answer
    }

    async fn get(&self, on: usize, path: &str, token: &str) -> Value {
        self.ok(on, Method::GET, path, token, None, None).await.body
    }

    /// Every item of a paged list, following `next_cursor`, each page from the next replica.
    async fn all(&self, on: usize, path: &str, token: &str) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for page in on.. {
            let url = match &cursor {
                Some(c) => format!("{path}{sep}limit=200&cursor={c}"),
                None => format!("{path}{sep}limit=200"),
            };
            let body = self.get(page, &url, token).await;
            items.extend(body["items"].as_array().unwrap().iter().cloned());
            match body["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        items
    }

    /// Logs complaints numbered `numbers`, alternating replicas, all at once; returns their ids
    /// in order. `received_at(i)` backdates complaint `i`.
    async fn create(
        &self,
        numbers: std::ops::Range<usize>,
        received_at: impl Fn(usize) -> Option<String>,
    ) -> Vec<String> {
        let creates = numbers.map(|i| {
            let mut body = complaint(i);
            if let Some(at) = received_at(i) {
                body["received_at"] = json!(at);
            }
            async move {
                let c = self
                    .ok(
                        i,
                        Method::POST,
                        "/v1/complaints",
                        &self.agent,
                        None,
                        Some(&body),
                    )
                    .await;
                c.body["id"].as_str().unwrap().to_owned()
            }
        });
        join_all(creates).await
    }

    /// A complaint's audit trail, read from replica `on`, after checking that its hash chain
    /// verifies there.
    async fn chain(&self, on: usize, id: &str) -> Vec<Value> {
        let path = format!("/v1/complaints/{id}/events");
        let events = self.all(on, &path, &self.agent).await;
        let verdict = self.get(on, &format!("{path}/verify"), &self.agent).await;
        assert!(
            verdict["intact"] == true && verdict["events_checked"] == events.len(),
            "{id}: the audit chain does not verify on replica {}: {verdict}; events {:?}",
            NAMES[on % 2],
            kinds(&events)
        );
        events
    }

    /// Registers a webhook subscription (as admin, on replica `on`) to `types` at `url`.
    async fn subscribe(&self, on: usize, url: &str, types: &[&str]) -> String {
        let body = json!({"url": url, "event_types": types, "description": "replicas test"});
        let sub = self
            .ok(
                on,
                Method::POST,
                "/v1/webhooks",
                &self.admin,
                None,
                Some(&body),
            )
            .await;
        assert_eq!(sub.status, 201);
        sub.body["subscription"]["id"].as_str().unwrap().to_owned()
    }

    /// What each replica's log says its workers did: the sum of `field=N` over the lines
    /// containing `message`, per replica.
    fn worker_tally(&self, message: &str, field: &str) -> [u64; 2] {
        let tally = |server: &Server| {
            let log = std::fs::read_to_string(&server.log).unwrap_or_default();
            log.lines()
                .filter(|line| line.contains(message))
                .filter_map(|line| {
                    line.split_whitespace()
                        .find_map(|word| word.strip_prefix(&format!("{field}=")))
                        .and_then(|n| n.parse::<u64>().ok())
                })
                .sum()
        };
        [tally(&self.servers[0]), tally(&self.servers[1])]
    }

    /// Errors either replica logged: a background pass that failed, e.g. because the other
    /// replica's worker got in its way.
    fn logged_errors(&self) -> Vec<String> {
        self.servers
            .iter()
            .zip(NAMES)
            .flat_map(|(server, name)| {
                let log = std::fs::read_to_string(&server.log).unwrap_or_default();
                log.lines()
                    .filter(|line| line.contains(" ERROR "))
                    .map(|line| format!("replica {name}: {line}"))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn assert_no_errors_logged(&self) {
        let errors = self.logged_errors();
        assert!(
            errors.is_empty(),
            "the replicas logged {} errors:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}

/// Complaint `i`: its text fields are its own, so a mix-up shows.
fn complaint(i: usize) -> Value {
    json!({
        "complainant": {
            "name": format!("Replica Person {i}"),
            "email": format!("p{i}@example.com"),
            "customer_ref": format!("RP-{i}"),
        },
        "channel": "phone",
        "product": "current_account",
        "category": "fees",
        "description": format!("Charged twice (complaint {i})."),
        "remedy_sought": "Refund the duplicate fee.",
    })
}

/// `LONG_AGO` plus `i` minutes: received long ago, each at an instant of its own.
fn long_ago(i: usize) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(LONG_AGO).unwrap()
        + chrono::Duration::minutes(i64::try_from(i).unwrap());
    Some(at.to_rfc3339())
}

fn kinds(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default())
        .collect()
}

/// Polls `probe` until it reports done and its value stays the same for `QUIET`; gives up
/// after `WAIT_LIMIT` with the last value seen.
async fn settle<T, F, Fut>(mut probe: F) -> Result<(T, Duration), T>
where
    T: PartialEq,
    F: FnMut() -> Fut,
    Fut: Future<Output = (T, bool)>,
{
    let started = Instant::now();
    let mut last: Option<T> = None;
    let mut since = Instant::now();
    loop {
        let (seen, done) = probe().await;
        if done && last.as_ref() == Some(&seen) {
            if since.elapsed() >= QUIET {
                return Ok((seen, started.elapsed()));
            }
        } else {
            since = Instant::now();
            last = Some(seen);
        }
        if started.elapsed() > WAIT_LIMIT {
            return Err(last.unwrap());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// A webhook receiver in the test.

/// One request the receiver took.
#[derive(Clone, Debug)]
struct Received {
    /// The `webhook-id` header: the event's id, the same on every retry.
    id: String,
    body: Value,
}

/// A receiver on 127.0.0.1 that answers 200 to everything and remembers what it got.
#[derive(Clone, Debug, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    /// Starts the receiver; returns it and its URL.
    async fn start() -> (Receiver, String) {
        let receiver = Receiver::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = TcpAcceptor::from_tokio(listener).unwrap();
        let app = Route::new().at("/hook", post(hook)).data(receiver.clone());
        tokio::spawn(async move {
            let _ = poem::Server::new_with_acceptor(acceptor).run(app).await;
        });
        (receiver, format!("http://{addr}/hook"))
    }

    fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// How many times each event id arrived.
    fn per_id(&self) -> BTreeMap<String, usize> {
        let mut per_id = BTreeMap::new();
        for r in self.received() {
            *per_id.entry(r.id).or_default() += 1;
        }
        per_id
    }
}

#[handler]
async fn hook(req: &Request, body: Vec<u8>, Data(receiver): Data<&Receiver>) -> StatusCode {
    let id = req
        .headers()
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    receiver.got.lock().unwrap().push(Received { id, body });
    StatusCode::OK
}

// ---------------------------------------------------------------------------------------------
// 1. The deadline sweeper on both replicas.

mod two_sweepers_raise_each_breach_and_each_escalation_exactly_once {
    use super::*;

    /// Complaints received long ago, logged through both replicas.
    const COMPLAINTS: usize = 24;
    const WAVE: usize = 6;

    /// A complaint's timers as `(name, kind, state)`, and its events as `(kind, timer, warning
    /// number)`.
    type Seen = Vec<(Vec<(String, String, String)>, Vec<(String, String, u64)>)>;

    /// What a timer of each kind becomes when it passes, and the event that records it.
    fn passing(kind: &str) -> (&'static str, &'static str) {
        match kind {
            "deadline" => ("breached", "timer.breached"),
            "target" => ("missed", "timer.missed"),
            "window" => ("lapsed", "timer.lapsed"),
            other => panic!("unknown timer kind {other}"),
        }
    }

    pub(super) async fn run(r: Replicas) {
        // In waves, so that the sweepers (every 200 ms each) find new breaches on several
        // passes rather than all on one.
        let mut ids = Vec::new();
        for wave in (0..COMPLAINTS).step_by(WAVE) {
            ids.extend(r.create(wave..wave + WAVE, long_ago).await);
            tokio::time::sleep(Duration::from_millis(130)).await;
        }

        // Both sweepers run every 200 ms: wait until every timer is breached and nothing more
        // is raised for a while.
        let probe = || async {
            let mut seen: Seen = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let c = r.get(i, &format!("/v1/complaints/{id}"), &r.agent).await;
                let timers = c["timers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| {
                        (
                            t["name"].as_str().unwrap().to_owned(),
                            t["kind"].as_str().unwrap().to_owned(),
                            t["state"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect();
                let events = r
                    .all(i + 1, &format!("/v1/complaints/{id}/events"), &r.agent)
                    .await
                    .iter()
                    .map(|e| {
                        (
                            e["kind"].as_str().unwrap().to_owned(),
                            e["data"]["timer"].as_str().unwrap_or_default().to_owned(),
                            e["data"]["warning"].as_u64().unwrap_or_default(),
                        )
                    })
                    .collect();
                seen.push((timers, events));
            }
            let done = seen.iter().all(|(timers, _)| {
                timers
                    .iter()
                    .all(|(_, kind, state)| *state == passing(kind).0)
            });
            (seen, done)
        };
        let (seen, took) = match settle(probe).await {
            Ok(settled) => settled,
            Err(last) => panic!(
                "the timers had not all passed within {WAIT_LIMIT:?}: {last:?}\n{}",
                r.logs()
            ),
        };

        let mut problems = Vec::new();
        let (mut timers_total, mut deadlines_total) = (0, 0);
        for (id, (timers, events)) in ids.iter().zip(&seen) {
            assert!(!timers.is_empty(), "{id}: no timers to pass");
            for (name, kind, _) in timers {
                let deadline = kind == "deadline";
                timers_total += 1;
                deadlines_total += usize::from(deadline);
                let count = |kind: &str| {
                    events
                        .iter()
                        .filter(|(k, timer, _)| k == kind && timer == name)
                        .count()
                };
                let (_, event) = passing(kind);
                let passed = count(event);
                if passed != 1 {
                    problems.push(format!("{id}: {name} raised {event} {passed} times"));
                }
                // Only a breached deadline escalates to the team's leaders (docs/procedure.md:
                // "A breached deadline also raises an escalation.raised event").
                let escalated = count("escalation.raised");
                if escalated != usize::from(deadline) {
                    problems.push(format!("{id}: {name} ({kind}) escalated {escalated} times"));
                }
            }
            // Warnings the breach has overtaken need not be raised, but none may be raised
            // twice.
            let mut warnings = BTreeMap::new();
            for (kind, timer, number) in events {
                if kind == "timer.warning" {
                    *warnings.entry((timer, number)).or_insert(0) += 1;
                }
            }
            for ((timer, number), n) in warnings {
                if n > 1 {
                    problems.push(format!("{id}: {timer} raised warning {number} {n} times"));
                }
            }
        }
        assert!(
            problems.is_empty(),
            "sweeping on two replicas:\n{}\n{}",
            problems.join("\n"),
            r.logs()
        );

        // Each complaint's chain verifies on both replicas.
        for (i, id) in ids.iter().enumerate() {
            r.chain(i, id).await;
            r.chain(i + 1, id).await;
        }

        // The escalations list holds the same: one per breached deadline.
        let escalations = r.all(0, "/v1/escalations?team=north", &r.leader).await;
        let mut per_timer: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in &escalations {
            let key = (
                e["complaint_id"].as_str().unwrap().to_owned(),
                e["timer"].as_str().unwrap_or_default().to_owned(),
            );
            *per_timer.entry(key).or_default() += 1;
        }
        let doubled: Vec<_> = per_timer.iter().filter(|(_, n)| **n != 1).collect();
        assert!(doubled.is_empty(), "escalations listed twice: {doubled:?}");
        assert_eq!(
            escalations.len(),
            deadlines_total,
            "one escalation per breached deadline"
        );

        let breaches = r.worker_tally("deadline sweep", "breaches");
        let missed = r.worker_tally("deadline sweep", "missed");
        let lapsed = r.worker_tally("deadline sweep", "lapsed");
        eprintln!(
            "  {COMPLAINTS} complaints, {timers_total} timers ({deadlines_total} deadlines) \
             passed once each and settled in {:.1} s; replica A's sweeper raised {} breaches, \
             B's {}",
            took.as_secs_f64(),
            breaches[0],
            breaches[1]
        );
        assert_eq!(
            usize::try_from(breaches[0] + breaches[1]).unwrap(),
            deadlines_total,
            "the sweepers' own reports add up to more or fewer breaches than there are"
        );
        assert_eq!(
            usize::try_from(breaches.iter().chain(&missed).chain(&lapsed).sum::<u64>()).unwrap(),
            timers_total,
            "the sweepers' own reports add up to more or fewer passed timers than there are"
        );
        r.assert_no_errors_logged();
    }
}

// ---------------------------------------------------------------------------------------------
// 2. The recurrence rules, on classification and on both replicas' schedules.

mod racing_classifications_on_two_replicas_open_one_improvement_item_with_each_complaint_once {
    use super::*;

    /// Complaints per cause: more than the threshold, so some classifications race below it
    /// and some above it.
    const COMPLAINTS: usize = 12;
    /// Opened by racing classifications.
    const RACED: &str = "SYS.OUTAGE";
    /// Classified while the rule is off, then opened by the scheduled runs alone.
    const SCHEDULED: &str = "PRC.HANDOFF";

    pub(super) async fn run(r: Replicas) {
        let (receiver, url) = Receiver::start().await;
        r.subscribe(0, &url, &["improvement.created"]).await;

        // Racing classifications: every one at once, alternating replicas, with the threshold
        // rule on (set on B, read back on A).
        set_threshold(&r, 1, true).await;
        let raced = create_and_classify(&r, 0, RACED).await;
        let (raced_item, took) = one_item_with(&r, RACED, &raced).await;

        // The scheduled runs alone: classified with the rule off, so no classification opens
        // anything, then the rule is turned on and only the scheduled runs on A and B (every
        // 500 ms each) can open the item: they race each other for it.
        set_threshold(&r, 0, false).await;
        let scheduled = create_and_classify(&r, COMPLAINTS, SCHEDULED).await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(items_for(&r, 1, SCHEDULED).await, Vec::<Value>::new());
        let created_before = r.worker_tally("recurrence rules", "created");
        let evidence_before = r.worker_tally("recurrence rules", "evidence");
        set_threshold(&r, 1, true).await;
        let (scheduled_item, took_scheduled) = one_item_with(&r, SCHEDULED, &scheduled).await;
        let created = r.worker_tally("recurrence rules", "created");
        let evidence = r.worker_tally("recurrence rules", "evidence");
        let opened_by = [0, 1].map(|i| created[i] - created_before[i]);
        let added_by = [0, 1].map(|i| evidence[i] - evidence_before[i]);
        assert_eq!(
            (opened_by.iter().sum::<u64>(), added_by.iter().sum::<u64>()),
            (1, COMPLAINTS as u64),
            "the scheduled runs' own reports (items opened, evidence added) per replica: \
             {opened_by:?}, {added_by:?}"
        );

        // The scheduled runs left the raced item as it was, and opened nothing else anywhere.
        let (again, _) = one_item_with(&r, RACED, &raced).await;
        assert_eq!(again, raced_item);
        let all_items = r.all(1, "/v1/improvements", &r.analyst).await;
        assert_eq!(
            all_items.len(),
            2,
            "items opened on two replicas: {all_items:#?}"
        );

        // Each complaint names its one item, on either replica.
        for (ids, item) in [(&raced, &raced_item), (&scheduled, &scheduled_item)] {
            for (i, id) in ids.iter().enumerate() {
                let linked = r
                    .get(i, &format!("/v1/complaints/{id}/improvements"), &r.agent)
                    .await;
                let linked: Vec<&str> = linked["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|it| it["id"].as_str().unwrap())
                    .collect();
                assert_eq!(linked, [item.as_str()], "{id} links to {linked:?}");
                r.chain(i + 1, id).await;
            }
        }

        // Two items opened, so two `improvement.created` events, each delivered once.
        let deadline = Instant::now() + WAIT_LIMIT;
        while receiver.received().len() < 2 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let got = receiver.received();
        let mut opened: Vec<&str> = got
            .iter()
            .map(|g| {
                g.body["data"]["improvement_id"]
                    .as_str()
                    .unwrap_or_default()
            })
            .collect();
        opened.sort_unstable();
        let mut expected = [raced_item.as_str(), scheduled_item.as_str()];
        expected.sort_unstable();
        assert_eq!(opened, expected, "improvement.created events: {got:?}");

        eprintln!(
            "  {COMPLAINTS} racing classifications: one item, each complaint evidence once, \
             settled in {:.1} s; {COMPLAINTS} classified with the rule off: the scheduled runs \
             opened one item (A {}, B {}) with every complaint once (added by A {}, B {}), \
             settled in {:.1} s",
            took.as_secs_f64(),
            opened_by[0],
            opened_by[1],
            added_by[0],
            added_by[1],
            took_scheduled.as_secs_f64(),
        );
        r.assert_no_errors_logged();
    }

    /// Turns the threshold rule (5 in 30 days, across products; nothing else) on or off on
    /// replica `on`, and reads it back on the other: settings live in the database.
    async fn set_threshold(r: &Replicas, on: usize, enabled: bool) {
        let rules = r.get(on, "/v1/recurrence-rules", &r.admin).await;
        let mut set = rules["rules"].clone();
        for (key, value) in [
            ("threshold_enabled", json!(enabled)),
            ("min_cases", json!(5)),
            ("window_days", json!(30)),
            ("by_product", json!(false)),
            ("systemic_enabled", json!(false)),
            ("spread_enabled", json!(false)),
        ] {
            set[key] = value;
        }
        let body = Some(&set);
        r.ok(
            on,
            Method::PUT,
            "/v1/recurrence-rules",
            &r.admin,
            None,
            body,
        )
        .await;
        let read = r.get(on + 1, "/v1/recurrence-rules", &r.admin).await;
        assert_eq!(
            read["rules"], set,
            "the other replica does not see the settings"
        );
    }

    /// Logs complaints `first..first + COMPLAINTS`, received over the last half day (inside
    /// the scheduled runs' window), and classifies them all at once with `cause`, alternating
    /// replicas.
    async fn create_and_classify(r: &Replicas, first: usize, cause: &str) -> Vec<String> {
        let now = chrono::Utc::now();
        let ids = r
            .create(first..first + COMPLAINTS, |i| {
                let minutes = i64::try_from(i + 1).unwrap() * 20;
                Some((now - chrono::Duration::minutes(minutes)).to_rfc3339())
            })
            .await;
        let classify = json!({"primary_cause": cause});
        let answers = join_all(ids.iter().enumerate().map(|(i, id)| {
            let path = format!("/v1/complaints/{id}/classification");
            let classify = &classify;
            async move {
                r.send(i, Method::PUT, &path, &r.analyst, Some("*"), Some(classify))
                    .await
            }
        }))
        .await;
        let refused: Vec<_> = answers.iter().filter(|a| a.status != 200).collect();
        assert!(
            refused.is_empty(),
            "classifications refused: {refused:?}\n{}",
            r.logs()
        );
        ids
    }

    async fn items_for(r: &Replicas, on: usize, cause: &str) -> Vec<Value> {
        r.all(on, &format!("/v1/improvements?cause={cause}"), &r.analyst)
            .await
    }

    /// Waits until `cause` has one item with every complaint of `ids` as evidence, and it
    /// stays so through several scheduled runs on each replica; checks that each complaint is
    /// evidence once. Returns the item's id and how long it took.
    async fn one_item_with(r: &Replicas, cause: &str, ids: &[String]) -> (String, Duration) {
        let mut polls = 0;
        let probe = || {
            polls += 1;
            let on = polls;
            async move {
                let mut evidence = Vec::new();
                for item in items_for(r, on, cause).await {
                    let id = item["id"].as_str().unwrap();
                    let path = format!("/v1/improvements/{id}/evidence");
                    let list = r.get(on + 1, &path, &r.analyst).await;
                    let mut of_item: Vec<String> = list["items"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["complaint_id"].as_str().unwrap().to_owned())
                        .collect();
                    of_item.sort();
                    evidence.push((id.to_owned(), of_item));
                }
                let done = evidence.len() == 1 && evidence[0].1.len() >= ids.len();
                (evidence, done)
            }
        };
        let (evidence, took) = match settle(probe).await {
            Ok(settled) => settled,
            Err(last) => panic!(
                "{cause}: no single item with all {} complaints as evidence within \
                 {WAIT_LIMIT:?}: {last:?}\n{}",
                ids.len(),
                r.logs()
            ),
        };
        let (item, complaints) = evidence.into_iter().next().unwrap();
        let expected: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
        let distinct: BTreeSet<&str> = complaints.iter().map(String::as_str).collect();
        assert_eq!(
            complaints.len(),
            distinct.len(),
            "{cause}: a complaint is evidence twice: {complaints:?}"
        );
        assert_eq!(
            distinct, expected,
            "{cause}: the evidence is not the classified complaints"
        );
        (item, took)
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Webhook delivery workers on both replicas.

mod each_webhook_event_reaches_the_receiver_exactly_once_though_both_replicas_deliver {
    use super::*;

    /// Complaints logged now (then acknowledged) and long ago (then breached by the
    /// sweepers): events written by request handlers and by workers, on both replicas.
    const RECENT: usize = 16;
    const OLD: usize = 8;

    /// The webhook event an audit event stands for, by the event list in openapi/README.md.
    fn webhook_type(kind: &str) -> Option<&'static str> {
        match kind {
            "complaint.created" => Some("complaint.created"),
            "complaint.acknowledge" => Some("complaint.acknowledged"),
            "timer.warning" => Some("timer.warning"),
            "timer.breached" => Some("timer.breached"),
            "timer.missed" => Some("timer.missed"),
            "escalation.raised" => Some("escalation.raised"),
            _ => None,
        }
    }

    /// `(type, complaint, timer)`: what tells one expected event from another.
    type Key = (String, String, String);

    pub(super) async fn run(r: Replicas) {
        let (receiver, url) = Receiver::start().await;
        let sub = r
            .subscribe(
                1,
                &url,
                &[
                    "complaint.created",
                    "complaint.acknowledged",
                    "complaint.responded",
                    "complaint.closed",
                    "timer.warning",
                    "timer.breached",
                    "timer.missed",
                    "escalation.raised",
                ],
            )
            .await;

        let recent = r.create(0..RECENT, |_| None).await;
        // Each acknowledged on the other replica than the one that logged it.
        let acks = join_all(recent.iter().enumerate().map(|(i, id)| {
            let r = &r;
            let path = format!("/v1/complaints/{id}/actions/acknowledge");
            async move {
                let body = json!({"communication": {"channel": "email"}});
                r.ok(
                    i + 1,
                    Method::POST,
                    &path,
                    &r.agent,
                    Some("\"1\""),
                    Some(&body),
                )
                .await
            }
        }));
        let (_, old) = tokio::join!(acks, r.create(RECENT..RECENT + OLD, long_ago));

        // What should go out: the events on every complaint's trail, once the sweepers have
        // breached every old timer and the trails have stopped growing.
        let all: Vec<String> = recent.iter().chain(&old).cloned().collect();
        let probe = || async {
            let mut expected: BTreeMap<Key, usize> = BTreeMap::new();
            for (i, id) in all.iter().enumerate() {
                for e in r.chain(i, id).await {
                    let Some(t) = webhook_type(e["kind"].as_str().unwrap()) else {
                        continue;
                    };
                    let timer = e["data"]["timer"].as_str().unwrap_or_default().to_owned();
                    *expected
                        .entry((t.to_owned(), id.clone(), timer))
                        .or_default() += 1;
                }
            }
            let mut old_timers_breached = true;
            for (i, id) in old.iter().enumerate() {
                let c = r
                    .get(i + 1, &format!("/v1/complaints/{id}"), &r.agent)
                    .await;
                old_timers_breached &= c["timers"].as_array().unwrap().iter().all(|t| {
                    ["breached", "missed", "lapsed"].contains(&t["state"].as_str().unwrap())
                });
            }
            (expected, old_timers_breached)
        };
        let (expected, _) = match settle(probe).await {
            Ok(settled) => settled,
            Err(last) => panic!("the trails did not settle: {last:?}\n{}", r.logs()),
        };
        let count = |t: &str| {
            expected
                .iter()
                .filter(|((ty, _, _), _)| ty == t)
                .map(|(_, n)| n)
                .sum::<usize>()
        };
        assert_eq!(count("complaint.created"), RECENT + OLD);
        assert_eq!(count("complaint.acknowledged"), RECENT);
        let total: usize = expected.values().sum();

        // Wait for the receiver to have every event, then a while longer for a duplicate.
        let probe = || async {
            let per_id = receiver.per_id();
            let done = per_id.len() >= total;
            (per_id, done)
        };
        let (per_id, took) = match settle(probe).await {
            Ok(settled) => settled,
            Err(last) => panic!(
                "{} of {total} events arrived within {WAIT_LIMIT:?}\n{}",
                last.len(),
                r.logs()
            ),
        };
        let twice: Vec<_> = per_id.iter().filter(|(_, n)| **n > 1).collect();
        let got = receiver.received();
        assert!(
            twice.is_empty(),
            "{} events arrived more than once: {twice:?}; deliveries: {:?}\n{}",
            twice.len(),
            got.iter()
                .filter(|g| per_id[&g.id] > 1)
                .map(|g| &g.body)
                .collect::<Vec<_>>(),
            r.logs()
        );

        // The events that arrived are the ones the trails call for, each once.
        let mut arrived: BTreeMap<Key, usize> = BTreeMap::new();
        for g in &got {
            assert_eq!(g.body["id"], g.id.as_str(), "the body's id is the header's");
            let data = &g.body["data"];
            let key = (
                g.body["type"].as_str().unwrap_or_default().to_owned(),
                data["complaint_id"].as_str().unwrap_or_default().to_owned(),
                data["timer"].as_str().unwrap_or_default().to_owned(),
            );
            *arrived.entry(key).or_default() += 1;
        }
        let missing: Vec<_> = expected
            .iter()
            .filter(|(k, n)| arrived.get(*k) != Some(*n))
            .collect();
        let extra: Vec<_> = arrived
            .iter()
            .filter(|(k, n)| expected.get(*k) != Some(*n))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "the events that arrived differ from the trails: missing or short {missing:?}, \
             extra {extra:?}"
        );

        // The service's own record agrees: one delivery per event, delivered first time.
        let deliveries = r
            .all(0, &format!("/v1/webhooks/{sub}/deliveries"), &r.admin)
            .await;
        let listed: BTreeSet<&str> = deliveries
            .iter()
            .map(|d| d["event_id"].as_str().unwrap())
            .collect();
        assert_eq!(deliveries.len(), total, "one delivery per event");
        assert_eq!(
            listed,
            per_id.keys().map(String::as_str).collect(),
            "the deliveries listed are the events that arrived"
        );
        let unusual: Vec<&Value> = deliveries
            .iter()
            .filter(|d| d["state"] != "delivered" || d["attempts"] != 1)
            .collect();
        assert!(
            unusual.is_empty(),
            "deliveries not delivered at the first attempt: {unusual:#?}"
        );

        let delivered = r.worker_tally("webhook pass", "delivered");
        eprintln!(
            "  {total} events ({} created, {} acknowledged, {} breached, {} escalated) each \
             arrived once, settled {:.1} s after the trails; replica A delivered {}, B {}",
            count("complaint.created"),
            count("complaint.acknowledged"),
            count("timer.breached"),
            count("escalation.raised"),
            took.as_secs_f64(),
            delivered[0],
            delivered[1]
        );
        r.assert_no_errors_logged();
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The procedure's version check across replicas.

mod an_etag_read_on_one_replica_holds_on_the_other_and_of_two_racing_writes_one_wins {
    use super::*;

    /// Races, each with a fresh ETag: one race may be decided by timing alone.
    const ROUNDS: usize = 10;

    pub(super) async fn run(r: Replicas) {
        let ids = r.create(0..1, |_| None).await;
        let path = format!("/v1/complaints/{}", ids[0]);

        // An ETag read on B is good on A.
        let read = r.ok(1, Method::GET, &path, &r.agent, None, None).await;
        let tag = read.etag.clone().expect("GET gives an ETag");
        let acknowledge = json!({"communication": {"channel": "email"}});
        let acked = r
            .ok(
                0,
                Method::POST,
                &format!("{path}/actions/acknowledge"),
                &r.agent,
                Some(&tag),
                Some(&acknowledge),
            )
            .await;
        assert_eq!(acked.body["state"], "acknowledged");
        // B sees A's write at once, and refuses the ETag it gave out before it.
        let read = r.ok(1, Method::GET, &path, &r.agent, None, None).await;
        assert_eq!(read.body["state"], "acknowledged");
        assert_eq!(read.etag, acked.etag, "B's ETag is A's after A's write");
        let stale = r
            .send(
                1,
                Method::POST,
                &format!("{path}/actions/assign"),
                &r.leader,
                Some(&tag),
                Some(&json!({"assignee": "agent-north"})),
            )
            .await;
        assert_eq!(stale.status, 412, "a stale ETag on B: {}", stale.body);
        assert_eq!(stale.body["code"], "precondition_failed");

        // The same If-Match to both at once: assigning keeps the state, so only the version
        // check can refuse the second write.
        let assignees = ["agent-north", "lead-north"];
        let mut wins = [0; 2];
        for round in 0..ROUNDS {
            let read = r.ok(round, Method::GET, &path, &r.agent, None, None).await;
            let tag = read.etag.unwrap();
            let version = read.body["version"].as_i64().unwrap();
            let assign = |on: usize| {
                let r = &r;
                let tag = tag.clone();
                let path = format!("{path}/actions/assign");
                async move {
                    let body = json!({"assignee": assignees[on]});
                    r.send(on, Method::POST, &path, &r.leader, Some(&tag), Some(&body))
                        .await
                }
            };
            let (a, b) = tokio::join!(assign(0), assign(1));
            let statuses = [a.status, b.status];
            let winner = match statuses {
                [200, 412] => 0,
                [412, 200] => 1,
                _ => panic!(
                    "round {round}: one write should win and the other get 412, but A \
                     answered {} {} and B {} {}\n{}",
                    a.status,
                    a.body,
                    b.status,
                    b.body,
                    r.logs()
                ),
            };
            wins[winner] += 1;
            let loser = if winner == 0 { &b } else { &a };
            assert_eq!(loser.body["code"], "precondition_failed", "{}", loser.body);
            // What both replicas show now is the winner's write, one version on.
            for on in [0, 1] {
                let now = r.get(on, &path, &r.agent).await;
                assert_eq!(now["assignee"], assignees[winner], "round {round}");
                assert_eq!(now["version"], version + 1, "round {round}");
            }
        }

        // The trail holds the acknowledgement and one assignment per round, and verifies.
        let events = r.chain(0, &ids[0]).await;
        let assigned = kinds(&events)
            .iter()
            .filter(|k| **k == "complaint.assign")
            .count();
        assert_eq!(assigned, ROUNDS, "{:?}", kinds(&events));
        r.chain(1, &ids[0]).await;
        eprintln!(
            "  {ROUNDS} races with one ETag on both replicas: A won {}, B won {}; each loser got \
             412",
            wins[0], wins[1]
        );
        r.assert_no_errors_logged();
    }
}
