//! Webhooks end to end: real receivers on 127.0.0.1, real signatures, retries, restarts, two
//! workers on one database, and refused targets.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use base64::{Engine, engine::general_purpose::STANDARD as B64};
use hmac::{Hmac, Mac};
use poem::{
    EndpointExt, Request, Route, handler,
    http::StatusCode,
    listener::TcpAcceptor,
    post,
    web::{Data, Path},
};
use recourse::{
    config::WebhookConfig,
    domain::integration::webhooks::TargetPolicy,
    service::integration::delivery::{Lookup, Worker},
};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::harness::{TestApp, complaint_body, problem, webhook_config};

engine_tests!(
    a_receiver_verifies_the_signature_of_each_event,
    a_receiver_that_fails_five_times_gets_the_event_exactly_once_more,
    a_delivery_cut_off_by_a_restart_is_made_after_it,
    two_workers_deliver_each_event_once,
    refused_targets_and_roles_are_answered_cleanly,
    a_subscription_that_keeps_failing_is_turned_off_until_turned_back_on,
    deliveries_can_be_replayed_one_at_a_time_or_by_range,
    a_refused_action_sends_no_event_and_an_accepted_one_sends_one,
    a_name_that_resolves_to_loopback_at_delivery_is_refused_and_not_retried,
    an_ipv4_address_inside_an_ipv6_target_is_held_to_the_ipv4_rules,
    a_receiver_answering_a_nul_is_recorded_with_its_answer,
);

/// The real binary, killed (SIGKILL) while a receiver holds its delivery, delivers the event
/// after it is started again on the same database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_delivery_delivers_the_event_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let env = |cmd: &mut std::process::Command| {
        cmd.current_dir(dir.path())
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/r.db?mode=rwc", dir.path().display()),
            )
            .env("RECOURSE_BIND", format!("127.0.0.1:{port}"))
            .env("RECOURSE_JWT_SECRET_FILE", dir.path().join("secret"))
            .env_remove("RECOURSE_JWT_SECRET")
            .env("RECOURSE_WEBHOOK_POLL", "50ms")
            .env("RECOURSE_WEBHOOK_LEASE", "1s")
            .env("RECOURSE_WEBHOOK_TIMEOUT", "2s")
            .env("RECOURSE_WEBHOOK_RETRY_BASE", "100ms")
            .env("RECOURSE_WEBHOOK_ALLOW_PRIVATE", "true")
            .env("RECOURSE_SWEEP_INTERVAL", "0s")
            .env("RECOURSE_RECURRENCE_INTERVAL", "0s")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
    };
    let token = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recourse"));
        env(&mut cmd);
        cmd.stdout(std::process::Stdio::piped());
        let out = cmd.arg("token").args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let admin = token(&["--sub", "admin-1", "--role", "admin"]);
    let agent = token(&["--sub", "agent-1", "--role", "agent", "--team", "north"]);
    let serve = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recourse"));
        env(&mut cmd);
        cmd.arg("serve").spawn().unwrap()
    };
    let http = {
        recourse::install_tls_provider();
        reqwest::Client::new()
    };
    let wait_up = || async {
        for _ in 0..200 {
            if http.get(format!("{base}/healthz")).send().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not start");
    };

    let (receiver, url) = Receiver::start(&[Behaviour::Hang]).await;
    let mut server = serve();
    wait_up().await;
    let post = |path: &str, token: &str, body: Value| {
        http.post(format!("{base}{path}"))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let resp = post("/v1/teams", &admin, json!({"id": "north", "name": "North"}))
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let resp = post(
        "/v1/webhooks",
        &admin,
        json!({"url": url, "event_types": ["complaint.created"]}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 201);
    let sub: Value = resp.json().await.unwrap();
    let sub = sub["subscription"]["id"].as_str().unwrap().to_owned();
    let resp = post("/v1/complaints", &agent, complaint_body())
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);

    let started = Instant::now();
    while receiver.received().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no delivery began"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();

    let mut server = serve();
    wait_up().await;
    let started = Instant::now();
    while receiver.answered_ok().is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "not delivered after the restart"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].id, got[1].id, "the same event, by its id");
    // The answer is recorded just after it arrives.
    let mut state = Value::Null;
    for _ in 0..100 {
        let listed: Value = http
            .get(format!("{base}/v1/webhooks/{sub}/deliveries"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        state = listed["items"][0]["state"].clone();
        if state == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(state, "delivered");
    server.kill().unwrap();
    server.wait().unwrap();
}

/// What the receiver does with its next request.
#[derive(Clone, Copy, Debug)]
enum Behaviour {
    Answer(u16),
    /// Never answers (the worker's lease or timeout runs out first).
    Hang,
}

#[derive(Clone, Debug)]
struct Received {
    id: String,
    timestamp: String,
    signature: String,
    body: Vec<u8>,
    answered: Option<u16>,
}

#[derive(Clone, Default)]
struct Receiver {
    log: Arc<Mutex<Vec<Received>>>,
    script: Arc<Mutex<VecDeque<Behaviour>>>,
}

impl Receiver {
    /// Starts a receiver on 127.0.0.1; requests beyond the script are answered 200.
    async fn start(script: &[Behaviour]) -> (Receiver, String) {
        let receiver = Receiver {
            log: Arc::default(),
            script: Arc::new(Mutex::new(script.iter().copied().collect())),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = TcpAcceptor::from_tokio(listener).unwrap();
        let app = Route::new()
            .at("/hooks/:name", post(hook))
            .data(receiver.clone());
        tokio::spawn(async move {
            let _ = poem::Server::new_with_acceptor(acceptor).run(app).await;
        });
        (receiver, format!("http://{addr}/hooks/crm"))
    }

    fn received(&self) -> Vec<Received> {
        self.log.lock().unwrap().clone()
    }

    fn answered_ok(&self) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|r| r.answered.is_some_and(|s| (200..300).contains(&s)))
            .collect()
    }
}

#[handler]
async fn hook(
    req: &Request,
    Path(_name): Path<String>,
    body: Vec<u8>,
    Data(receiver): Data<&Receiver>,
) -> StatusCode {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let behaviour = receiver
        .script
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Behaviour::Answer(200));
    let answered = match behaviour {
        Behaviour::Answer(status) => Some(status),
        Behaviour::Hang => None,
    };
    receiver.log.lock().unwrap().push(Received {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body,
        answered,
    });
    match behaviour {
        Behaviour::Answer(status) => StatusCode::from_u16(status).unwrap(),
        Behaviour::Hang => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            StatusCode::OK
        }
    }
}

/// The receiver's side of the Standard Webhooks scheme, written independently of the service.
fn verify(secret: &str, r: &Received) -> bool {
    let key = B64.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.", r.id, r.timestamp).as_bytes());
    mac.update(&r.body);
    let expected = format!("v1,{}", B64.encode(mac.finalize().into_bytes()));
    r.signature.split(' ').any(|s| s == expected)
}

fn admin(app: &TestApp) -> String {
    app.token("admin-1", &["admin"], None)
}

/// Registers a subscription to `types` at `url`; returns (id, secret).
async fn subscribe(app: &TestApp, url: &str, types: &[&str]) -> (String, String) {
    let resp = app
        .post(
            "/v1/webhooks",
            &admin(app),
            &json!({"url": url, "event_types": types, "description": "CRM"}),
        )
        .await;
    assert_eq!(resp.status(), 201);
    let body: Value = resp.json().await.unwrap();
    (
        body["subscription"]["id"].as_str().unwrap().to_owned(),
        body["secret"].as_str().unwrap().to_owned(),
    )
}

/// Runs worker passes until `done` holds, failing after ten seconds.
async fn deliver_until(app: &TestApp, worker: &Worker, done: impl Fn() -> bool) {
    let started = Instant::now();
    loop {
        worker.pass(&app.state).await.unwrap();
        if done() {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "condition not reached in 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn worker(config: &WebhookConfig) -> Worker {
    Worker::new(config).unwrap()
}

async fn deliveries(app: &TestApp, sub: &str) -> Vec<Value> {
    let resp = app
        .get(&format!("/v1/webhooks/{sub}/deliveries"), &admin(app))
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

async fn a_receiver_verifies_the_signature_of_each_event(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    let (sub, secret) =
        subscribe(&app, &url, &["complaint.created", "complaint.acknowledged"]).await;
    let agent = app.agent("north");
    let complaint = app.create(&agent, &complaint_body()).await;
    let id = complaint["id"].as_str().unwrap();
    let ack = app
        .request(
            reqwest::Method::POST,
            &format!("/v1/complaints/{id}/actions/acknowledge"),
            Some(&agent),
        )
        .header("If-Match", "\"1\"")
        .json(&json!({"communication": {"channel": "email"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(ack.status(), 200);

    let w = worker(&webhook_config());
    deliver_until(&app, &w, || receiver.received().len() >= 2).await;
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    let mut types = Vec::new();
    for r in &got {
        assert!(verify(&secret, r), "signature does not verify: {r:?}");
        let at: i64 = r.timestamp.parse().unwrap();
        assert!((chrono::Utc::now().timestamp() - at).abs() < 60);
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(body["id"], r.id.as_str());
        assert_eq!(body["data"]["complaint_id"], id);
        assert_eq!(body["data"]["reference"], complaint["reference"]);
        // Identifiers only: the complainant's details stay behind the API.
        let text = String::from_utf8_lossy(&r.body);
        assert!(!text.contains(complaint["complainant"]["name"].as_str().unwrap()));
        types.push(body["type"].as_str().unwrap().to_owned());
    }
    types.sort();
    assert_eq!(types, ["complaint.acknowledged", "complaint.created"]);

    // A tampered body no longer verifies.
    let mut forged = got[0].clone();
    forged.body = forged.body.iter().rev().copied().collect();
    assert!(!verify(&secret, &forged));

    let listed = deliveries(&app, &sub).await;
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|d| d["state"] == "delivered"));
    // The subscription's secret is not shown again.
    let resp = app.get(&format!("/v1/webhooks/{sub}"), &admin(&app)).await;
    let body: Value = resp.json().await.unwrap();
    assert!(body.get("secret").is_none(), "{body}");
    assert!(!body.to_string().contains(&secret));
}

async fn a_receiver_that_fails_five_times_gets_the_event_exactly_once_more(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[Behaviour::Answer(500); 5]).await;
    let (sub, secret) = subscribe(&app, &url, &["complaint.created"]).await;
    app.create(&app.agent("north"), &complaint_body()).await;

    let w = worker(&webhook_config());
    deliver_until(&app, &w, || !receiver.answered_ok().is_empty()).await;
    // More passes after success deliver nothing more.
    for _ in 0..5 {
        w.pass(&app.state).await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let got = receiver.received();
    assert_eq!(got.len(), 6, "five failures and one success");
    assert_eq!(receiver.answered_ok().len(), 1);
    assert!(got.iter().all(|r| r.id == got[0].id), "one event id");
    assert!(got.iter().all(|r| verify(&secret, r)));

    let listed = deliveries(&app, &sub).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["state"], "delivered");
    assert_eq!(listed[0]["attempts"], 6);
    let detail: Value = app
        .get(
            &format!(
                "/v1/webhooks/{sub}/deliveries/{}",
                listed[0]["id"].as_str().unwrap()
            ),
            &admin(&app),
        )
        .await
        .json()
        .await
        .unwrap();
    let statuses: Vec<i64> = detail["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_i64().unwrap())
        .collect();
    assert_eq!(statuses, [500, 500, 500, 500, 500, 200]);
    assert_eq!(detail["attempts"][0]["error"], "answered 500");
    // Success clears the subscription's run of failures.
    let sub: Value = app
        .get(&format!("/v1/webhooks/{sub}"), &admin(&app))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sub["failure_run"], 0);
    assert_eq!(sub["active"], true);
}

async fn a_delivery_cut_off_by_a_restart_is_made_after_it(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[Behaviour::Hang]).await;
    let (sub, _) = subscribe(&app, &url, &["complaint.created"]).await;
    app.create(&app.agent("north"), &complaint_body()).await;

    // The first worker takes the delivery and is stopped while the receiver has it.
    let config = webhook_config();
    let first = {
        let state = app.state.clone();
        let config = config.clone();
        tokio::spawn(async move {
            let w = Worker::new(&config).unwrap();
            loop {
                let _ = w.pass(&state).await;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    while receiver.received().is_empty() {
        assert!(started.elapsed() < Duration::from_secs(10));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.abort();
    let _ = first.await;
    let pending = deliveries(&app, &sub).await;
    assert_eq!(pending[0]["state"], "pending");

    // A new worker, as after a restart, picks it up once the dead one's lease has run out.
    let second = worker(&config);
    deliver_until(&app, &second, || !receiver.answered_ok().is_empty()).await;
    let got = receiver.received();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].id, got[1].id);
    let done = deliveries(&app, &sub).await;
    assert_eq!(done.len(), 1);
    assert_eq!(done[0]["state"], "delivered");
}

async fn two_workers_deliver_each_event_once(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    let (sub, _) = subscribe(&app, &url, &["complaint.created"]).await;
    let agent = app.agent("north");
    const N: usize = 40;
    for _ in 0..N {
        app.create(&agent, &complaint_body()).await;
    }
    let config = webhook_config();
    let run = |state: recourse::state::AppState| {
        let config = config.clone();
        tokio::spawn(async move {
            let w = Worker::new(&config).unwrap();
            for _ in 0..50 {
                w.pass(&state).await.unwrap();
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    let (a, b) = (run(app.state.clone()), run(app.state.clone()));
    a.await.unwrap();
    b.await.unwrap();

    let got = receiver.received();
    let mut per_id: HashMap<String, usize> = HashMap::new();
    for r in &got {
        *per_id.entry(r.id.clone()).or_default() += 1;
    }
    assert_eq!(per_id.len(), N, "every event delivered");
    assert!(
        per_id.values().all(|n| *n == 1),
        "an event was delivered twice: {per_id:?}"
    );
    let listed = deliveries(&app, &sub).await;
    assert_eq!(listed.len(), N);
    assert!(listed.iter().all(|d| d["attempts"] == 1));
}

async fn refused_targets_and_roles_are_answered_cleanly(app: TestApp) {
    let admin = admin(&app);
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/hook",
        "http://metadata.google.internal/computeMetadata/v1/",
        "ftp://hooks.example.com/",
        "https://user:pass@hooks.example.com/",
        "not a url",
    ] {
        let resp = app
            .post(
                "/v1/webhooks",
                &admin,
                &json!({"url": url, "event_types": ["complaint.created"]}),
            )
            .await;
        let body = problem(resp, 422, "validation_failed").await;
        assert_eq!(body["field"], "url", "{url}: {body}");
    }
    let resp = app
        .post(
            "/v1/webhooks",
            &admin,
            &json!({"url": "https://hooks.example.com/", "event_types": []}),
        )
        .await;
    assert!(matches!(resp.status().as_u16(), 400 | 422));
    let resp = app
        .post(
            "/v1/webhooks",
            &admin,
            &json!({"url": "https://hooks.example.com/", "event_types": ["complaint.deleted"]}),
        )
        .await;
    assert_eq!(resp.status(), 400);
    let agent = app.agent("north");
    let resp = app
        .post(
            "/v1/webhooks",
            &agent,
            &json!({"url": "https://hooks.example.com/", "event_types": ["complaint.created"]}),
        )
        .await;
    problem(resp, 403, "forbidden").await;

    // Without the allowance, loopback and private targets are refused too; the check runs
    // again at delivery time, so a subscription made under a looser setting gets nowhere.
    let strict = WebhookConfig {
        targets: Default::default(),
        ..webhook_config()
    };
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    let (sub, _) = subscribe(&app, &url, &["complaint.created"]).await;
    app.create(&app.agent("north"), &complaint_body()).await;
    let w = worker(&strict);
    w.pass(&app.state).await.unwrap();
    assert!(receiver.received().is_empty());
    let listed = deliveries(&app, &sub).await;
    let error = listed[0]["last_error"].as_str().unwrap();
    assert!(error.contains("loopback"), "{error}");
}

async fn a_subscription_that_keeps_failing_is_turned_off_until_turned_back_on(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[Behaviour::Answer(503); 3]).await;
    let (sub, _) = subscribe(&app, &url, &["complaint.created"]).await;
    app.create(&app.agent("north"), &complaint_body()).await;
    let config = WebhookConfig {
        disable_after: 3,
        ..webhook_config()
    };
    let w = worker(&config);
    deliver_until(&app, &w, || receiver.received().len() >= 3).await;
    for _ in 0..5 {
        w.pass(&app.state).await.unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    assert_eq!(
        receiver.received().len(),
        3,
        "nothing is sent while it is off"
    );
    let resp = app.get(&format!("/v1/webhooks/{sub}"), &admin(&app)).await;
    let etag = resp.headers()["etag"].to_str().unwrap().to_owned();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["active"], false);
    assert_eq!(body["failure_run"], 3);
    assert!(body["disabled_reason"].as_str().unwrap().contains('3'));

    let resp = app
        .patch(
            &format!("/v1/webhooks/{sub}"),
            &admin(&app),
            Some(&etag),
            &json!({"active": true}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["active"], true);
    assert_eq!(body["failure_run"], 0);
    assert!(body.get("disabled_at").is_none());
    // The pending delivery goes out once the subscription is on again.
    deliver_until(&app, &w, || !receiver.answered_ok().is_empty()).await;

    // A stale ETag is refused.
    let resp = app
        .patch(
            &format!("/v1/webhooks/{sub}"),
            &admin(&app),
            Some(&etag),
            &json!({"active": false}),
        )
        .await;
    problem(resp, 412, "precondition_failed").await;
}

async fn deliveries_can_be_replayed_one_at_a_time_or_by_range(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    let (sub, _) = subscribe(&app, &url, &["complaint.created"]).await;
    let agent = app.agent("north");
    app.create(&agent, &complaint_body()).await;
    app.create(&agent, &complaint_body()).await;
    let w = worker(&webhook_config());
    deliver_until(&app, &w, || receiver.received().len() >= 2).await;

    let listed = deliveries(&app, &sub).await;
    let first = listed[0]["id"].as_str().unwrap();
    let resp = app
        .post(
            &format!("/v1/webhooks/{sub}/deliveries/{first}/replay"),
            &admin(&app),
            &json!(null),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let replay: Value = resp.json().await.unwrap();
    assert_eq!(replay["replay_of"], first);
    assert_eq!(replay["event_id"], listed[0]["event_id"]);
    deliver_until(&app, &w, || receiver.received().len() >= 3).await;
    assert_eq!(
        receiver.received()[2].id,
        listed[0]["event_id"].as_str().unwrap()
    );

    let now = chrono::Utc::now();
    let resp = app
        .post(
            &format!("/v1/webhooks/{sub}/replay"),
            &admin(&app),
            &json!({"from": now - chrono::Duration::days(1), "to": now + chrono::Duration::days(1)}),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["queued"], 2);
    deliver_until(&app, &w, || receiver.received().len() >= 5).await;

    let resp = app
        .post(
            &format!("/v1/webhooks/{sub}/replay"),
            &admin(&app),
            &json!({"from": now, "to": now - chrono::Duration::days(1)}),
        )
        .await;
    let body = problem(resp, 422, "validation_failed").await;
    assert_eq!(body["field"], "to");
    let missing = uuid::Uuid::new_v4();
    let resp = app
        .post(
            &format!("/v1/webhooks/{sub}/deliveries/{missing}/replay"),
            &admin(&app),
            &json!(null),
        )
        .await;
    problem(resp, 404, "not_found").await;
}

async fn a_refused_action_sends_no_event_and_an_accepted_one_sends_one(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    subscribe(&app, &url, &["complaint.acknowledged"]).await;
    let agent = app.agent("north");
    let complaint = app.create(&agent, &complaint_body()).await;
    let id = complaint["id"].as_str().unwrap();
    let acknowledge = |tag: &'static str| {
        app.request(
            reqwest::Method::POST,
            &format!("/v1/complaints/{id}/actions/acknowledge"),
            Some(&agent),
        )
        .header("If-Match", tag)
        .json(&json!({"communication": {"channel": "email"}}))
        .send()
    };
    // A stale If-Match refuses the action: no change, so no event.
    assert_eq!(acknowledge("\"7\"").await.unwrap().status(), 412);
    let w = worker(&webhook_config());
    for _ in 0..3 {
        w.pass(&app.state).await.unwrap();
    }
    assert!(receiver.received().is_empty());
    // The same action accepted sends its event once, and a repeat refused by the procedure
    // (already acknowledged) sends nothing more.
    assert_eq!(acknowledge("\"1\"").await.unwrap().status(), 200);
    assert_eq!(acknowledge("*").await.unwrap().status(), 409);
    deliver_until(&app, &w, || !receiver.received().is_empty()).await;
    for _ in 0..3 {
        w.pass(&app.state).await.unwrap();
    }
    let got = receiver.received();
    assert_eq!(got.len(), 1);
    let body: Value = serde_json::from_slice(&got[0].body).unwrap();
    assert_eq!(body["type"], "complaint.acknowledged");
    assert_eq!(body["data"]["state"], "acknowledged");
}

/// A lookup that answers `name` with `addrs` and fails every other name, counting its calls.
fn lookup_for(name: &'static str, addrs: Vec<std::net::IpAddr>) -> (Lookup, Arc<Mutex<u32>>) {
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    let lookup: Lookup = Arc::new(move |host: String| {
        *counter.lock().unwrap() += 1;
        let answer = if host == name {
            Ok(addrs.clone())
        } else {
            Err(std::io::Error::other(format!("unknown name {host}")))
        };
        Box::pin(async move { answer })
    });
    (lookup, calls)
}

async fn a_name_that_resolves_to_loopback_at_delivery_is_refused_and_not_retried(app: TestApp) {
    app.team("north").await;
    let (receiver, url) = Receiver::start(&[]).await;
    // The receiver's port under a name: registration does not resolve it (it may point
    // elsewhere then), delivery does.
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap();
    let named = format!("http://hooks.rebind.test:{port}/hooks/crm");
    let (sub, _) = subscribe(&app, &named, &["complaint.created"]).await;
    app.create(&app.agent("north"), &complaint_body()).await;

    let loopback = vec![
        std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::Ipv4Addr::LOCALHOST.to_ipv6_mapped().into(),
    ];
    let strict = WebhookConfig {
        targets: TargetPolicy::default(),
        ..webhook_config()
    };
    let (lookup, calls) = lookup_for("hooks.rebind.test", loopback.clone());
    let w = Worker::with_lookup(&strict, lookup).unwrap();
    w.pass(&app.state).await.unwrap();
    assert_eq!(
        *calls.lock().unwrap(),
        1,
        "the name was resolved at delivery"
    );
    let listed = deliveries(&app, &sub).await;
    assert_eq!(listed.len(), 1);
    // Refused by policy: failed at once with the reason, not retried as if transient.
    assert_eq!(listed[0]["state"], "failed", "{}", listed[0]);
    assert_eq!(listed[0]["attempts"], 1);
    let error = listed[0]["last_error"].as_str().unwrap();
    assert!(
        error.contains("target refused") && error.contains("hooks.rebind.test resolves to"),
        "{error}"
    );
    assert!(error.contains("loopback"), "{error}");
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        w.pass(&app.state).await.unwrap();
    }
    assert_eq!(
        *calls.lock().unwrap(),
        1,
        "a refused delivery is not tried again"
    );
    assert!(receiver.received().is_empty());
    assert_eq!(deliveries(&app, &sub).await[0]["attempts"], 1);

    // The same name and lookup reach the receiver where loopback is allowed, so the refusal
    // above was the address check's, not a lookup that went nowhere.
    let id = listed[0]["id"].as_str().unwrap();
    let resp = app
        .post(
            &format!("/v1/webhooks/{sub}/deliveries/{id}/replay"),
            &admin(&app),
            &json!(null),
        )
        .await;
    assert_eq!(resp.status(), 202);
    let (lookup, _) = lookup_for("hooks.rebind.test", loopback);
    let open = Worker::with_lookup(&webhook_config(), lookup).unwrap();
    deliver_until(&app, &open, || !receiver.answered_ok().is_empty()).await;
}

async fn an_ipv4_address_inside_an_ipv6_target_is_held_to_the_ipv4_rules(app: TestApp) {
    // The test configuration allows private targets, so these carry link-local and
    // unspecified addresses, which no configuration short of allow_link_local opens.
    for url in [
        "http://[::169.254.169.254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://[::ffff:0:169.254.169.254]/",
        "http://[64:ff9b::169.254.169.254]/",
        "http://[64:ff9b:1::169.254.169.254]/",
        "http://[2002:a9fe:a9fe::1]/",
        "http://[2001:0:a9fe:a9fe::1]/",
        "http://[2001:0:808:808::5601:5601]/",
        "http://[::ffff:0.0.0.0]/",
        "http://[64:ff9b::0.0.0.0]/",
    ] {
        let resp = app
            .post(
                "/v1/webhooks",
                &admin(&app),
                &json!({"url": url, "event_types": ["complaint.created"]}),
            )
            .await;
        let body = problem(resp, 422, "validation_failed").await;
        assert_eq!(body["field"], "url", "{url}: {body}");
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("carries the IPv4 address"),
            "{url}: {body}"
        );
    }
    // A public IPv4 address inside one is a public target.
    let resp = app
        .post(
            "/v1/webhooks",
            &admin(&app),
            &json!({"url": "https://[2002:808:808::1]/hook", "event_types": ["complaint.created"]}),
        )
        .await;
    assert_eq!(resp.status(), 201);
}

/// Under the default policy, every way of writing a loopback or private address is refused
/// at registration. The check runs before the database is touched, so one engine proves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn by_default_loopback_and_private_targets_are_refused_however_written() {
    let app = TestApp::sqlite_with(|c| c.webhooks.targets = TargetPolicy::default()).await;
    for url in [
        "http://[::127.0.0.1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::ffff:7f00:1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://[64:ff9b::127.0.0.1]/hook",
        "http://[64:ff9b::192.168.0.1]/hook",
        "http://[64:ff9b:1::8.8.8.8]/hook",
        "http://[2002:7f00:1::1]/hook",
        "http://[2002:c0a8:1::1]/hook",
        "http://[2001:0:7f00:1::1]/hook",
        "http://[fec0::1]/hook",
        "http://2130706433/hook",
        "http://198.18.0.1/hook",
        "http://localhost:8080/hook",
        "http://api.localhost/hook",
    ] {
        let resp = app
            .post(
                "/v1/webhooks",
                &admin(&app),
                &json!({"url": url, "event_types": ["complaint.created"]}),
            )
            .await;
        let body = problem(resp, 422, "validation_failed").await;
        assert_eq!(body["field"], "url", "{url}: {body}");
    }
    // Changing a subscription's URL is held to the same check.
    let (sub, _) = subscribe(&app, "https://hooks.example.com/x", &["complaint.created"]).await;
    let resp = app.get(&format!("/v1/webhooks/{sub}"), &admin(&app)).await;
    let etag = resp.headers()["etag"].to_str().unwrap().to_owned();
    let resp = app
        .patch(
            &format!("/v1/webhooks/{sub}"),
            &admin(&app),
            Some(&etag),
            &json!({"url": "http://[::ffff:127.0.0.1]/hook"}),
        )
        .await;
    let body = problem(resp, 422, "validation_failed").await;
    assert_eq!(body["field"], "url");
}

/// The real binary with a proxy in its environment (HTTP_PROXY, as a host's egress settings
/// may have it): the worker still resolves and checks the target itself instead of handing
/// the request to the proxy, which would connect wherever the name leads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deliveries_do_not_go_through_a_proxy_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    // A stand-in proxy: any request it receives is one the worker handed over.
    let (proxy, proxy_url) = Receiver::start(&[]).await;
    let proxy_addr = proxy_url.trim_end_matches("/hooks/crm").to_owned();
    let env = |cmd: &mut std::process::Command| {
        cmd.current_dir(dir.path())
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/r.db?mode=rwc", dir.path().display()),
            )
            .env("RECOURSE_BIND", format!("127.0.0.1:{port}"))
            .env("RECOURSE_JWT_SECRET_FILE", dir.path().join("secret"))
            .env_remove("RECOURSE_JWT_SECRET")
            .env("RECOURSE_WEBHOOK_POLL", "50ms")
            .env("RECOURSE_WEBHOOK_TIMEOUT", "2s")
            .env_remove("RECOURSE_WEBHOOK_ALLOW_PRIVATE")
            .env("HTTP_PROXY", &proxy_addr)
            .env("HTTPS_PROXY", &proxy_addr)
            .env("ALL_PROXY", &proxy_addr)
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .env("RECOURSE_SWEEP_INTERVAL", "0s")
            .env("RECOURSE_RECURRENCE_INTERVAL", "0s")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
    };
    let token = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recourse"));
        env(&mut cmd);
        cmd.stdout(std::process::Stdio::piped());
        let out = cmd.arg("token").args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let admin = token(&["--sub", "admin-1", "--role", "admin"]);
    let agent = token(&["--sub", "agent-1", "--role", "agent", "--team", "north"]);
    let mut server = {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recourse"));
        env(&mut cmd);
        cmd.arg("serve").spawn().unwrap()
    };
    // The test's own client must not use the proxy either.
    let http = {
        recourse::install_tls_provider();
        reqwest::Client::builder().no_proxy().build().unwrap()
    };
    let mut up = false;
    for _ in 0..200 {
        if http.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "the server did not start");
    let post = |path: &str, token: &str, body: Value| {
        http.post(format!("{base}{path}"))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let resp = post("/v1/teams", &admin, json!({"id": "north", "name": "North"}));
    assert_eq!(resp.await.unwrap().status(), 201);
    // `.invalid` never resolves (RFC 6761), so only a proxy could deliver this.
    let resp = post(
        "/v1/webhooks",
        &admin,
        json!({"url": "http://hooks.invalid/hooks/crm", "event_types": ["complaint.created"]}),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 201);
    let sub: Value = resp.json().await.unwrap();
    let sub = sub["subscription"]["id"].as_str().unwrap().to_owned();
    let resp = post("/v1/complaints", &agent, complaint_body());
    assert_eq!(resp.await.unwrap().status(), 201);

    let mut delivery = Value::Null;
    for _ in 0..200 {
        let listed: Value = http
            .get(format!("{base}/v1/webhooks/{sub}/deliveries"))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        delivery = listed["items"][0].clone();
        if delivery["attempts"].as_i64().unwrap_or(0) >= 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(
        delivery["attempts"].as_i64().unwrap_or(0) >= 1,
        "{delivery}"
    );
    assert!(
        proxy.received().is_empty(),
        "the delivery went through the proxy"
    );
    assert_ne!(delivery["state"], "delivered", "{delivery}");
}

#[handler]
async fn nul_answer() -> &'static str {
    "accepted\0by the receiver"
}

/// A receiver's answer is stored as an excerpt; one with a NUL in it (which PostgreSQL refuses
/// in text) is recorded with the NUL replaced, and the delivery counts as made.
async fn a_receiver_answering_a_nul_is_recorded_with_its_answer(app: TestApp) {
    app.team("north").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let acceptor = TcpAcceptor::from_tokio(listener).unwrap();
    tokio::spawn(async move {
        let app = Route::new().at("/hooks/crm", post(nul_answer));
        let _ = poem::Server::new_with_acceptor(acceptor).run(app).await;
    });
    let (sub, _) = subscribe(
        &app,
        &format!("http://{addr}/hooks/crm"),
        &["complaint.created"],
    )
    .await;
    app.create(&app.agent("north"), &complaint_body()).await;
    let w = worker(&webhook_config());
    let started = Instant::now();
    let listed = loop {
        w.pass(&app.state).await.unwrap();
        let listed = deliveries(&app, &sub).await;
        if listed.first().is_some_and(|d| d["state"] == "delivered") {
            break listed;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{listed:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let detail: Value = app
        .get(
            &format!(
                "/v1/webhooks/{sub}/deliveries/{}",
                listed[0]["id"].as_str().unwrap()
            ),
            &admin(&app),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["attempts"].as_array().unwrap().len(), 1, "{detail}");
    assert_eq!(
        detail["attempts"][0]["response_excerpt"], "accepted\u{FFFD}by the receiver",
        "{detail}"
    );
}
