//! The HTTP scenarios. Every scenario's requests are real API calls with the tokens a client
//! would hold; what a scenario needs beforehand (complaints to read or act on, a deep cursor) is
//! made first and not timed.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, AtomicUsize, Ordering},
    },
    time::Duration,
};

use anyhow::bail;
use chrono::{SecondsFormat, Utc};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    Scenario,
    load::{self, Outcome},
    server::Tokens,
};

/// The server's API as the scenarios call it.
#[derive(Debug)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    tokens: Tokens,
    /// Makes idempotency keys unique to this run.
    run: String,
    /// The list scenarios' receipt window, wide enough to hold every complaint of the run.
    received_from: String,
    received_to: String,
    /// The reports' period.
    report_from: String,
    report_to: String,
    period_start: String,
    period_end: String,
    /// Complaints this run created (201s).
    pub created: AtomicU64,
}

impl Api {
    pub fn new(base: String, tokens: Tokens) -> anyhow::Result<Api> {
        let now = Utc::now();
        let instant = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
        let day = |t: chrono::DateTime<Utc>| t.format("%Y-%m-%d").to_string();
        let tomorrow = (now + chrono::Duration::days(1))
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or(now);
        Ok(Api {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()?,
            base,
            tokens,
            run: format!("bench-{}-{}", std::process::id(), now.timestamp()),
            received_from: instant(now - chrono::Duration::days(400)),
            received_to: instant(now + chrono::Duration::days(1)),
            // The demo data spans the last 180 days.
            report_from: instant(tomorrow - chrono::Duration::days(200)),
            report_to: instant(tomorrow),
            period_start: day(now - chrono::Duration::days(181)),
            period_end: day(now),
            created: AtomicU64::new(0),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends `req`; the body of a 2xx answer, or what came back otherwise.
    async fn send(req: RequestBuilder, what: &str) -> Result<(StatusCode, bytes::Bytes), String> {
        let resp = req.send().await.map_err(|e| format!("{what}: {e}"))?;
        let status = resp.status();
        let body = resp
            .bytes()
            .await
            .map_err(|e| format!("{what}: reading the answer: {e}"))?;
        if status.is_success() {
            Ok((status, body))
        } else {
            Err(format!(
                "{what}: {status}: {}",
                String::from_utf8_lossy(body.get(..1000).unwrap_or(&body))
            ))
        }
    }

    /// Imports batch `i` of `size` historical cases; answers how many were imported. A case
    /// refused is an error: every case of the scenario is valid.
    pub async fn import(&self, i: usize, size: usize) -> Result<u64, String> {
        let cases: Vec<Value> = (i * size..(i + 1) * size)
            .map(|n| historical_case(&self.run, n))
            .collect();
        let req = self
            .http
            .post(self.url("/v1/imports/complaints/batch"))
            .bearer_auth(&self.tokens.integrator)
            .header("content-type", "application/json")
            .body(json!({"cases": cases}).to_string());
        let (_, body) = Self::send(req, "POST /v1/imports/complaints/batch").await?;
        let report: Value =
            serde_json::from_slice(&body).map_err(|e| format!("import: the report: {e}"))?;
        let count = |key: &str| report.get(key).and_then(Value::as_u64);
        if count("refused") != Some(0) {
            let first = report
                .get("results")
                .and_then(Value::as_array)
                .and_then(|r| {
                    r.iter()
                        .find(|c| c.get("status").and_then(Value::as_str) == Some("refused"))
                })
                .cloned()
                .unwrap_or(Value::Null);
            return Err(format!("import: a case was refused: {first}"));
        }
        count("imported").ok_or_else(|| "import: the report has no count".to_owned())
    }

    /// Creates teams `north` and `south` as an admin would; a team already there is fine.
    pub async fn setup_teams(&self) -> anyhow::Result<()> {
        for (id, name) in [("north", "North"), ("south", "South")] {
            let resp = self
                .http
                .post(self.url("/v1/teams"))
                .bearer_auth(&self.tokens.admin)
                .header("content-type", "application/json")
                .body(json!({"id": id, "name": name}).to_string())
                .send()
                .await?;
            let status = resp.status();
            if !(status.is_success() || status == StatusCode::CONFLICT) {
                bail!(
                    "POST /v1/teams {id}: {status}: {}",
                    resp.text().await.unwrap_or_default()
                );
            }
        }
        Ok(())
    }

    /// Logs complaint `i` of `label` with its own idempotency key; answers its id.
    pub async fn create(&self, label: &str, i: usize) -> Result<Uuid, String> {
        let body = json!({
            "complainant": {
                "name": format!("Bench Complainant {i}"),
                "email": format!("bench-{i}@example.com"),
                "customer_ref": format!("CUST-{i}"),
            },
            "channel": "phone",
            "product": "current_account",
            "category": "fees",
            "description": "I was charged an overdraft fee twice.",
            "remedy_sought": "Refund the duplicate fee.",
        });
        let req = self
            .http
            .post(self.url("/v1/complaints"))
            .bearer_auth(&self.tokens.agent)
            .header("content-type", "application/json")
            .header("idempotency-key", format!("{}-{label}-{i}", self.run))
            .body(body.to_string());
        let (status, body) = Api::send(req, "POST /v1/complaints").await?;
        if status != StatusCode::CREATED {
            return Err(format!("POST /v1/complaints: {status}, not 201"));
        }
        self.created.fetch_add(1, Ordering::Relaxed);
        serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v.get("id")?.as_str()?.parse().ok())
            .ok_or_else(|| "POST /v1/complaints: no id in the answer".to_owned())
    }

    pub async fn get(&self, id: Uuid) -> Result<(), String> {
        let req = self
            .http
            .get(self.url(&format!("/v1/complaints/{id}")))
            .bearer_auth(&self.tokens.agent);
        Api::send(req, "GET /v1/complaints/{id}").await.map(drop)
    }

    /// One page of team north's received complaints; answers the next page's cursor.
    pub async fn list(&self, limit: u32, cursor: Option<&str>) -> Result<Option<String>, String> {
        let mut path = format!(
            "/v1/complaints?team=north&state=received&received_from={}&received_to={}&limit={limit}",
            self.received_from, self.received_to
        );
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(cursor);
        }
        let req = self
            .http
            .get(self.url(&path))
            .bearer_auth(&self.tokens.agent);
        let (_, body) = Api::send(req, "GET /v1/complaints").await?;
        let page: Value = serde_json::from_slice(&body)
            .map_err(|e| format!("GET /v1/complaints: not JSON: {e}"))?;
        Ok(page
            .get("next_cursor")
            .and_then(Value::as_str)
            .map(str::to_owned))
    }

    /// Acknowledges a complaint still at version 1.
    pub async fn acknowledge(&self, id: Uuid) -> Result<(), String> {
        let req = self
            .http
            .post(self.url(&format!("/v1/complaints/{id}/actions/acknowledge")))
            .bearer_auth(&self.tokens.agent)
            .header("content-type", "application/json")
            .header("if-match", "\"1\"")
            .body(r#"{"communication":{"channel":"email"}}"#);
        Api::send(req, "POST /v1/complaints/{id}/actions/acknowledge")
            .await
            .map(drop)
    }

    pub async fn report(&self, path: &str) -> Result<(), String> {
        let req = self
            .http
            .get(self.url(path))
            .bearer_auth(&self.tokens.analyst);
        Api::send(req, path.split('?').next().unwrap_or(path))
            .await
            .map(drop)
    }

    /// Every report endpoint, with the parameters the dashboard uses.
    fn reports(&self) -> Vec<(&'static str, String)> {
        let q = format!("from={}&to={}", self.report_from, self.report_to);
        let mut out: Vec<(&'static str, String)> = [
            ("volumes", "volumes", "&group_by=week"),
            ("timeliness", "timeliness", ""),
            ("flow", "flow", ""),
            ("outcomes", "outcomes", ""),
            ("root-causes", "root-causes", ""),
            ("people", "people", ""),
            ("satisfaction", "satisfaction", ""),
            ("vulnerable-gap", "vulnerable-gap", ""),
        ]
        .into_iter()
        .map(|(label, path, extra)| (label, format!("/v1/reports/{path}?{q}{extra}")))
        .collect();
        out.push(("improvement", "/v1/reports/improvement".to_owned()));
        out.push((
            "returns/fca-disp",
            format!(
                "/v1/reports/returns/fca-disp?period_start={}&period_end={}",
                self.period_start, self.period_end
            ),
        ));
        out
    }
}

/// The sizes every scenario runs with.
#[derive(Debug, Clone)]
pub struct Plan {
    pub requests: usize,
    pub concurrency: usize,
    pub max: Duration,
    pub report_requests: usize,
    pub import_batch: usize,
    pub list_depth: usize,
    pub page_size: u32,
}

/// Creates `n` complaints, untimed, for a scenario to read or act on. The time bound applies
/// here too, so a slow server yields fewer.
async fn precreate(
    api: &Arc<Api>,
    label: &'static str,
    n: usize,
    plan: &Plan,
) -> anyhow::Result<Vec<Uuid>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    eprintln!("    (preparing {n} complaints for {label})");
    let sink = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let outcome = {
        let (api, sink) = (api.clone(), sink.clone());
        load::run(label, &[], n, plan.concurrency, plan.max, move |i| {
            let (api, sink) = (api.clone(), sink.clone());
            async move {
                let result = api.create(label, i).await.map(|id| {
                    if let Ok(mut ids) = sink.lock() {
                        ids.push(id);
                    }
                });
                (0, result)
            }
        })
        .await
    };
    if let Some(err) = outcome.first_error {
        bail!("preparing complaints for {label}: {err}");
    }
    let ids = sink.lock().map(|ids| ids.clone()).unwrap_or_default();
    Ok(ids)
}

fn announce(name: &str, n: usize, concurrency: usize) {
    eprintln!("==> {name}: {n} requests at concurrency {concurrency}");
}

/// Runs the selected scenarios in their fixed order: creates first, so that the reads have
/// complaints to find, and the actions after the lists, so that the lists' complaints are
/// still in state `received`.
pub async fn run_all(
    api: &Arc<Api>,
    plan: &Plan,
    selected: &[Scenario],
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<Outcome>> {
    let n = plan.requests;
    let c = plan.concurrency;
    let mut outcomes = Vec::new();
    // Complaints of team north still in state `received`.
    let mut received: Vec<Uuid> = Vec::new();

    if selected.contains(&Scenario::Create) {
        announce("create", n, c);
        let sink = Arc::new(Mutex::new(Vec::with_capacity(n)));
        let outcome = {
            let (api, sink) = (api.clone(), sink.clone());
            load::run("create", &[], n, c, plan.max, move |i| {
                let (api, sink) = (api.clone(), sink.clone());
                async move {
                    let result = api.create("create", i).await.map(|id| {
                        if let Ok(mut ids) = sink.lock() {
                            ids.push(id);
                        }
                    });
                    (0, result)
                }
            })
            .await
        };
        received.extend(sink.lock().map(|ids| ids.clone()).unwrap_or_default());
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::Get) || selected.contains(&Scenario::Mixed) {
        let want = n.min(200);
        if received.len() < want {
            received.extend(precreate(api, "reads", want - received.len(), plan).await?);
        }
    }

    if selected.contains(&Scenario::Get) {
        announce("get", n, c);
        let ids = Arc::new(received.clone());
        let api = api.clone();
        let outcome = load::run("get", &[], n, c, plan.max, move |i| {
            let (api, ids) = (api.clone(), ids.clone());
            async move {
                let Some(id) = load::cycled(&ids, i) else {
                    return (
                        0,
                        Err("GET /v1/complaints/{id}: no complaint to read".to_owned()),
                    );
                };
                (0, api.get(id).await)
            }
        })
        .await;
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::ListFirst) {
        announce("list_first", n, c);
        let api = api.clone();
        let limit = plan.page_size;
        let outcome = load::run("list_first", &[], n, c, plan.max, move |_| {
            let api = api.clone();
            async move { (0, api.list(limit, None).await.map(drop)) }
        })
        .await;
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::ListDeep) {
        let page_size = usize::try_from(plan.page_size).unwrap_or(usize::MAX);
        let want = plan.list_depth * page_size + 1;
        if received.len() < want {
            received.extend(precreate(api, "list_deep", want - received.len(), plan).await?);
        }
        let mut cursor: Option<String> = None;
        let mut depth = 0;
        for _ in 0..plan.list_depth {
            match api
                .list(plan.page_size, cursor.as_deref())
                .await
                .map_err(anyhow::Error::msg)?
            {
                Some(next) => {
                    cursor = Some(next);
                    depth += 1;
                }
                None => break,
            }
        }
        let note = format!(
            "list_deep: the cursor of page {} ({} complaints skipped), limit {}",
            depth + 1,
            depth * page_size,
            plan.page_size
        );
        announce("list_deep", n, c);
        let api = api.clone();
        let limit = plan.page_size;
        let cursor = Arc::new(cursor);
        let mut outcome = load::run("list_deep", &[], n, c, plan.max, move |_| {
            let (api, cursor) = (api.clone(), cursor.clone());
            async move { (0, api.list(limit, cursor.as_deref()).await.map(drop)) }
        })
        .await;
        outcome.note = Some(note);
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::Action) {
        let pool = Arc::new(precreate(api, "action", n, plan).await?);
        announce("action", pool.len(), c);
        let api = api.clone();
        let mut outcome = load::run("action", &[], pool.len(), c, plan.max, {
            let pool = pool.clone();
            move |i| {
                let (api, pool) = (api.clone(), pool.clone());
                async move {
                    match pool.get(i) {
                        Some(id) => (0, api.acknowledge(*id).await),
                        None => (0, Err("action: no complaint prepared".to_owned())),
                    }
                }
            }
        })
        .await;
        if pool.len() < n {
            outcome.note = Some(format!(
                "action: only {} complaints could be prepared within the time bound",
                pool.len()
            ));
        }
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::Reports) {
        for (label, path) in api.reports() {
            let name = format!("report {label}");
            announce(&name, plan.report_requests, 1);
            let api = api.clone();
            let path = Arc::new(path);
            let outcome = load::run(&name, &[], plan.report_requests, 1, plan.max, move |_| {
                let (api, path) = (api.clone(), path.clone());
                async move { (0, api.report(&path).await) }
            })
            .await;
            outcomes.push(outcome);
        }
        notes.push(format!(
            "reports: {} requests each, one at a time, as an analyst (all teams), from {} to {}",
            plan.report_requests, api.report_from, api.report_to
        ));
    }

    if selected.contains(&Scenario::Mixed) {
        // Two in every ten requests acknowledge a fresh complaint.
        let pool = Arc::new(precreate(api, "mixed-pool", n.div_ceil(10) * 2, plan).await?);
        let ids = Arc::new(received.clone());
        let next_action = Arc::new(AtomicUsize::new(0));
        announce("mixed", n, c);
        let api = api.clone();
        let limit = plan.page_size;
        let outcome = load::run(
            "mixed",
            &["get", "list_first", "action", "create"],
            n,
            c,
            plan.max,
            move |i| {
                let (api, ids, pool, next_action) =
                    (api.clone(), ids.clone(), pool.clone(), next_action.clone());
                async move {
                    // `i * 7 % 10` visits every slot once in ten requests, spread out.
                    let read = |api: Arc<Api>| async move {
                        if i % 2 == 0 {
                            match load::cycled(&ids, i / 2) {
                                Some(id) => (0, api.get(id).await),
                                None => (0, Err("mixed: no complaint to read".to_owned())),
                            }
                        } else {
                            (1, api.list(limit, None).await.map(drop))
                        }
                    };
                    match i * 7 % 10 {
                        0..=6 => read(api).await,
                        7 | 8 => match pool.get(next_action.fetch_add(1, Ordering::Relaxed)) {
                            Some(id) => (2, api.acknowledge(*id).await),
                            None => read(api).await,
                        },
                        _ => (3, api.create("mixed", i).await.map(drop)),
                    }
                }
            },
        )
        .await;
        outcomes.push(outcome);
    }

    if selected.contains(&Scenario::Import) {
        let batch = plan.import_batch.clamp(1, 500).min(n.max(1));
        let requests = n.div_ceil(batch);
        // One request at a time: a batch is one transaction, and writers take turns anyway.
        announce("import", requests, 1);
        let imported = Arc::new(AtomicU64::new(0));
        let outcome = {
            let (api, imported) = (api.clone(), imported.clone());
            load::run("import", &[], requests, 1, plan.max, move |i| {
                let (api, imported) = (api.clone(), imported.clone());
                async move {
                    let result = api.import(i, batch).await.map(|count| {
                        imported.fetch_add(count, Ordering::Relaxed);
                    });
                    (0, result)
                }
            })
            .await
        };
        let cases = imported.load(Ordering::Relaxed);
        notes.push(format!(
            "import: {cases} historical cases in batches of {batch}, {} cases/s (each case logged, \
             then acknowledged, investigated, and for three in four answered and closed)",
            per_second(cases, outcome.elapsed)
        ));
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[expect(
    clippy::as_conversions,
    reason = "a rate for display: counts are exact in f64 below 2^53"
)]
fn per_second(count: u64, elapsed: Duration) -> u64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 {
        (count as f64 / secs).round() as u64
    } else {
        0
    }
}

/// Historical case `i` of the import scenario: received on a day of 2024-2025, acknowledged the
/// next day and investigated; three in four answered (upheld with a paid refund, partially
/// upheld, not upheld; some after the eight-week deadline) and closed, the fourth still open.
fn historical_case(run: &str, i: usize) -> Value {
    let base = chrono::DateTime::parse_from_rfc3339("2024-01-01T09:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now());
    let minutes = i64::try_from(i.wrapping_mul(7919) % (60 * 24 * 600)).unwrap_or(0);
    let received = base + chrono::Duration::minutes(minutes);
    let at = |hours: i64| {
        (received + chrono::Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    let agent = format!("legacy-agent-{}", i % 40);
    let mut history = vec![
        json!({"action": "acknowledge", "at": at(20), "actor": agent, "channel": "email"}),
        json!({"action": "start_investigation", "at": at(21), "actor": agent}),
    ];
    let answered_in_days = 3 + i64::try_from(i % 67).unwrap_or(0);
    let response = match i % 4 {
        0 => Some(json!({
            "action": "issue_response", "at": at(24 * answered_in_days), "actor": agent,
            "outcome": "upheld", "primary_cause": "PRC.HANDOFF", "channel": "letter",
            "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500,
                          "currency": "GBP", "status": "completed"}]
        })),
        1 => Some(json!({
            "action": "issue_response", "at": at(24 * answered_in_days), "actor": agent,
            "outcome": "partially_upheld", "primary_cause": "PRC.HANDOFF", "channel": "letter"
        })),
        2 => Some(json!({
            "action": "issue_response", "at": at(24 * answered_in_days), "actor": agent,
            "outcome": "not_upheld", "channel": "letter"
        })),
        _ => None,
    };
    if let Some(response) = response {
        history.push(response);
        history.push(json!({"action": "close", "at": at(24 * 72), "actor": agent}));
    }
    json!({
        "source": {"system": "bench", "id": format!("{run}-{i}")},
        "logged_by": agent,
        "complaint": {
            "complainant": {"name": format!("Historical Complainant {i}"),
                            "customer_ref": format!("HIST-{i}")},
            "channel": "phone",
            "product": "current_account",
            "category": "fees",
            "description": "I was charged an overdraft fee twice.",
            "remedy_sought": "Refund the duplicate fee.",
            "received_at": at(0),
            "profile": "fca_disp",
            "team": "north"
        },
        "history": history
    })
}
