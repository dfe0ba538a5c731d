//! Concurrency: many clients at once against one real server, on SQLite and on PostgreSQL.
//! Writers racing with one ETag let exactly one win and the rest get 412; retries under one
//! `Idempotency-Key` create one complaint; racing classifications and hand-made items keep one
//! rule item per key; a mixed storm answers no 5xx and loses nothing. Every test counts exactly,
//! and every complaint it touches must keep an intact audit chain.
#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

#[macro_use]
#[path = "../api/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
};

use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};
use tokio::sync::Barrier;

use harness::{TestApp, complaint_body};

engine_tests!(
    sixty_four_identical_acknowledgements_with_one_etag_record_exactly_one,
    sixty_four_conflicting_actions_with_one_etag_let_exactly_one_win,
    racing_acknowledgements_that_start_timers_let_one_win_and_start_them_once,
    racing_settlements_of_one_remedy_with_one_etag_lose_with_412,
    sixteen_keys_each_sent_four_times_at_once_create_sixteen_complaints,
    hand_made_items_racing_classifications_are_all_kept_beside_one_rule_item,
    classifications_racing_across_products_open_one_item_per_product,
    two_items_merged_into_each_other_at_once_are_not_both_merged,
    verifying_a_chain_while_it_grows_never_reports_it_broken,
    a_mixed_storm_of_creates_actions_and_reads_answers_no_5xx_and_loses_nothing,
    a_report_read_while_complaints_are_logged_is_of_one_moment,
);

/// One answer, read whole.
#[derive(Debug)]
struct Answer {
    status: u16,
    content_type: String,
    etag: Option<String>,
    location: Option<String>,
    body: Value,
}

async fn answer(req: RequestBuilder) -> Answer {
    let resp = req.send().await.unwrap();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (content_type, etag, location) =
        (header("content-type"), header("etag"), header("location"));
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    Answer {
        status,
        content_type: content_type.unwrap_or_default(),
        etag,
        location,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// Sends every request at once: each is its own task and waits at a barrier until all are
/// ready, so they reach the server together. Answers come back in the requests' order.
async fn all_at_once(requests: Vec<RequestBuilder>) -> Vec<Answer> {
    let barrier = Arc::new(Barrier::new(requests.len()));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|req| {
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                answer(req).await
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(tasks.len());
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// How many answers had each status and problem code: the message when a count is wrong.
fn tally(answers: &[Answer]) -> BTreeMap<(u16, String), usize> {
    let mut counts = BTreeMap::new();
    for a in answers {
        let code = a.body["code"].as_str().unwrap_or("").to_owned();
        *counts.entry((a.status, code)).or_insert(0) += 1;
    }
    counts
}

/// A lost race: 412 `precondition_failed` as a problem document.
fn is_stale(a: &Answer) -> bool {
    a.status == 412
        && a.content_type == "application/problem+json"
        && a.body["code"] == "precondition_failed"
        && a.body["status"] == 412
}

/// Asserts exactly one answer is a 200 and every other a 412 `precondition_failed`; returns
/// the winner's index.
fn one_winner_and_the_rest_stale(answers: &[Answer]) -> usize {
    let odd: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.status != 200 && !is_stale(a))
        .collect();
    assert!(
        odd.is_empty(),
        "every loser must get 412 precondition_failed; tally {:?}; first odd answer: {:?}",
        tally(answers),
        odd[0]
    );
    let winners: Vec<usize> = (0..answers.len())
        .filter(|&i| answers[i].status == 200)
        .collect();
    assert_eq!(winners.len(), 1, "exactly one winner; {:?}", tally(answers));
    winners[0]
}

fn leader(app: &TestApp) -> String {
    app.token("lead-north", &["team_leader"], Some("north"))
}

fn analyst(app: &TestApp) -> String {
    app.token("analyst-1", &["analyst"], None)
}

fn admin(app: &TestApp) -> String {
    app.token("admin-1", &["admin"], None)
}

async fn json_ok(app: &TestApp, path: &str, token: &str) -> Value {
    let a = answer(app.request(Method::GET, path, Some(token))).await;
    assert_eq!(a.status, 200, "GET {path}: {}", a.body);
    a.body
}

/// A complaint's whole audit trail (one page of up to 200 events).
async fn events_of(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let page = json_ok(app, &format!("/v1/complaints/{id}/events?limit=200"), token).await;
    assert!(page.get("next_cursor").is_none(), "{page}");
    page["items"].as_array().unwrap().clone()
}

/// Asserts the complaint's chain verifies over exactly `events` events.
async fn assert_intact(app: &TestApp, token: &str, id: &str, events: usize) {
    let verdict = json_ok(app, &format!("/v1/complaints/{id}/events/verify"), token).await;
    assert_eq!(verdict["intact"], true, "{id}: {verdict}");
    assert_eq!(verdict["events_checked"], events, "{id}: {verdict}");
}

/// Asserts that a race on version `from` left exactly one more event, of `kind`, moved the
/// version by exactly one, and kept the chain intact.
async fn exactly_one_more_event(app: &TestApp, token: &str, id: &str, from: i64, kind: &str) {
    let c = answer(app.request(Method::GET, &format!("/v1/complaints/{id}"), Some(token))).await;
    assert_eq!(c.status, 200);
    assert_eq!(c.body["version"], from + 1, "{}", c.body);
    assert_eq!(
        c.etag.as_deref(),
        Some(format!("\"{}\"", from + 1).as_str())
    );
    let events = events_of(app, token, id).await;
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.len() as i64, from + 1, "{kinds:?}");
    assert_eq!(kinds.last(), Some(&kind), "{kinds:?}");
    assert_intact(app, token, id, events.len()).await;
}

/// The complaint's timers by name, failing on a name that appears twice.
async fn timers_by_name(app: &TestApp, token: &str, id: &str) -> BTreeMap<String, Value> {
    let c = json_ok(app, &format!("/v1/complaints/{id}"), token).await;
    let mut timers = BTreeMap::new();
    for t in c["timers"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap().to_owned();
        assert!(
            timers.insert(name, t.clone()).is_none(),
            "a timer twice: {c}"
        );
    }
    timers
}

fn action(
    app: &TestApp,
    token: &str,
    id: &str,
    name: &str,
    tag: &str,
    body: &Value,
) -> RequestBuilder {
    app.request(
        Method::POST,
        &format!("/v1/complaints/{id}/actions/{name}"),
        Some(token),
    )
    .header("If-Match", tag)
    .json(body)
}

fn acknowledgement() -> Value {
    json!({"communication": {"channel": "email"}})
}

async fn sixty_four_identical_acknowledgements_with_one_etag_record_exactly_one(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    let requests = (0..64)
        .map(|_| action(&app, &agent, id, "acknowledge", "\"1\"", &acknowledgement()))
        .collect();
    let answers = all_at_once(requests).await;
    let won = &answers[one_winner_and_the_rest_stale(&answers)];
    assert_eq!(won.body["state"], "acknowledged");
    assert_eq!(won.etag.as_deref(), Some("\"2\""));
    exactly_one_more_event(&app, &agent, id, 1, "complaint.acknowledge").await;
    // The acknowledgement went out once and met its target once.
    let comms = json_ok(&app, &format!("/v1/complaints/{id}/communications"), &agent).await;
    let kinds: Vec<&str> = comms["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["acknowledgement"]);
    let timers = timers_by_name(&app, &agent, id).await;
    assert_eq!(timers.len(), 3, "{timers:?}");
    assert_eq!(timers["acknowledgement"]["state"], "met");
}

async fn sixty_four_conflicting_actions_with_one_etag_let_exactly_one_win(app: TestApp) {
    let agent = app.agent("north");
    let lead = leader(&app);
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    // Four actions each valid from `received`, sixteen of each, interleaved; the leader's
    // first requests also race to record the leader.
    let choices = [
        ("acknowledge", &agent, acknowledgement(), "acknowledged"),
        (
            "withdraw",
            &agent,
            json!({"reason": "Sorted at the branch"}),
            "withdrawn",
        ),
        (
            "assign",
            &agent,
            json!({"assignee": "agent-north"}),
            "received",
        ),
        (
            "reject_scope",
            &lead,
            json!({"reason": "A service request"}),
            "not_a_complaint",
        ),
    ];
    let requests = (0..64)
        .map(|i| {
            let (name, token, body, _) = &choices[i % 4];
            action(&app, token, id, name, "\"1\"", body)
        })
        .collect();
    let answers = all_at_once(requests).await;
    let won = one_winner_and_the_rest_stale(&answers);
    let (name, _, _, state) = &choices[won % 4];
    assert_eq!(answers[won].body["state"], *state, "{}", answers[won].body);
    exactly_one_more_event(&app, &agent, id, 1, &format!("complaint.{name}")).await;
}

/// The Housing Ombudsman profile starts `stage1_response` on acknowledgement: the losers of
/// the race must not try to start it a second time.
async fn racing_acknowledgements_that_start_timers_let_one_win_and_start_them_once(app: TestApp) {
    let agent = app.agent("north");
    let mut body = complaint_body();
    body["profile"] = json!("housing_ombudsman");
    // The window is the winner's commit: a race on each of four cases gives it four chances.
    for _ in 0..4 {
        let c = app.create(&agent, &body).await;
        let id = c["id"].as_str().unwrap();
        let before = timers_by_name(&app, &agent, id).await;
        assert!(!before.contains_key("stage1_response"), "{before:?}");
        let requests = (0..64)
            .map(|_| action(&app, &agent, id, "acknowledge", "\"1\"", &acknowledgement()))
            .collect();
        let answers = all_at_once(requests).await;
        one_winner_and_the_rest_stale(&answers);
        exactly_one_more_event(&app, &agent, id, 1, "complaint.acknowledge").await;
        let timers = timers_by_name(&app, &agent, id).await;
        assert_eq!(timers["stage1_response"]["state"], "running", "{timers:?}");
        assert_eq!(timers.len(), before.len() + 1, "{timers:?}");
    }
}

/// Settling a remedy takes the complaint's `If-Match`: racers holding the same ETag lose on
/// that precondition (412), whichever engine, not on the remedy's own state (409).
async fn racing_settlements_of_one_remedy_with_one_etag_lose_with_412(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    let due = json!({"kind": "goodwill_payment", "amount_minor": 1000, "currency": "GBP", "status": "due"});
    let steps = [
        ("acknowledge", acknowledgement()),
        ("start_investigation", json!({})),
        (
            "issue_response",
            json!({
                "outcome": "not_upheld",
                "remedies": vec![due; 4],
                "communication": {"channel": "email"},
            }),
        ),
    ];
    for (version, (name, body)) in (1..).zip(steps) {
        let tag = format!("\"{version}\"");
        let a = answer(action(&app, &agent, id, name, &tag, &body)).await;
        assert_eq!(a.status, 200, "{name}: {}", a.body);
    }
    let remedies = json_ok(&app, &format!("/v1/complaints/{id}/remedies"), &agent).await;
    let remedies = remedies["items"].as_array().unwrap().clone();
    assert_eq!(remedies.len(), 4);
    // One race per remedy, each with the ETag the previous settlement left.
    for (version, remedy) in (4..).zip(&remedies) {
        let remedy = remedy["id"].as_str().unwrap();
        let settle = format!("/v1/complaints/{id}/remedies/{remedy}/settle");
        let requests = (0..64usize)
            .map(|i| {
                let status = if i.is_multiple_of(2) {
                    "completed"
                } else {
                    "declined"
                };
                app.request(Method::POST, &settle, Some(&agent))
                    .header("If-Match", format!("\"{version}\""))
                    .json(&json!({"status": status}))
            })
            .collect();
        let answers = all_at_once(requests).await;
        let won = one_winner_and_the_rest_stale(&answers);
        let settled_as = if won.is_multiple_of(2) {
            "completed"
        } else {
            "declined"
        };
        assert_eq!(answers[won].body["status"], settled_as);
        exactly_one_more_event(&app, &agent, id, version, "complaint.remedy_settled").await;
        let now = json_ok(&app, &format!("/v1/complaints/{id}/remedies"), &agent).await;
        let row = now["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == remedy)
            .unwrap();
        assert_eq!(row["status"], settled_as, "{now}");
    }
}

async fn sixteen_keys_each_sent_four_times_at_once_create_sixteen_complaints(app: TestApp) {
    let token = app.agent("north");
    // Record the caller first, so the race is over the keys alone.
    assert_eq!(app.get("/v1/me", &token).await.status(), 200);
    let key_of = |i: usize| i % 16;
    let requests = (0..64)
        .map(|i| {
            let mut body = complaint_body();
            body["description"] = json!(format!("complaint under key {}", key_of(i)));
            app.request(Method::POST, "/v1/complaints", Some(&token))
                .header("Idempotency-Key", format!("burst-{}", key_of(i)))
                .json(&body)
        })
        .collect();
    let answers = all_at_once(requests).await;
    // A replay answers as the original did: 201, the same complaint, the same Location.
    assert!(
        answers.iter().all(|a| a.status == 201),
        "{:?}",
        tally(&answers)
    );
    let mut by_key: BTreeMap<usize, Vec<&Answer>> = BTreeMap::new();
    for (i, a) in answers.iter().enumerate() {
        by_key.entry(key_of(i)).or_default().push(a);
    }
    let mut ids = BTreeSet::new();
    let mut references = BTreeSet::new();
    for (key, list) in &by_key {
        let first = list[0];
        assert_eq!(
            first.body["description"],
            format!("complaint under key {key}")
        );
        for a in list {
            assert_eq!(a.body, first.body, "key {key}");
            assert_eq!(a.location, first.location, "key {key}");
        }
        ids.insert(first.body["id"].as_str().unwrap().to_owned());
        references.insert(first.body["reference"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 16);
    // Numbers are taken only by complaints that commit: 1 to 16, no gaps, no repeats.
    let year = &answers[0].body["created_at"].as_str().unwrap()[..4];
    let expected: BTreeSet<String> = (1..=16).map(|n| format!("CMP-{year}-{n:06}")).collect();
    assert_eq!(references, expected);
    let page = json_ok(&app, "/v1/complaints?limit=200", &token).await;
    let listed: BTreeSet<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, ids);
    for id in &ids {
        assert_eq!(events_of(&app, &token, id).await.len(), 1);
        assert_intact(&app, &token, id, 1).await;
    }
}

/// Logs `n` complaints of `product` received on consecutive days of November 2026.
async fn logged(app: &TestApp, product: &str, n: usize) -> Vec<String> {
    let agent = app.agent("north");
    let mut ids = Vec::new();
    for day in 1..=n {
        let mut body = complaint_body();
        body["product"] = json!(product);
        body["received_at"] = json!(format!("2026-11-{day:02}T10:00:00Z"));
        ids.push(
            app.create(&agent, &body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    ids
}

fn classify(app: &TestApp, id: &str, cause: &str) -> RequestBuilder {
    app.request(
        Method::PUT,
        &format!("/v1/complaints/{id}/classification"),
        Some(&analyst(app)),
    )
    .header("If-Match", "*")
    .json(&json!({"primary_cause": cause}))
}

async fn items_for(app: &TestApp, cause: &str) -> Vec<Value> {
    let page = json_ok(
        app,
        &format!("/v1/improvements?cause={cause}&limit=200"),
        &analyst(app),
    )
    .await;
    assert!(page.get("next_cursor").is_none(), "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn evidence_count(app: &TestApp, item: &Value) -> usize {
    let path = format!("/v1/improvements/{}/evidence", item["id"].as_str().unwrap());
    let list = json_ok(app, &path, &analyst(app)).await;
    list["items"].as_array().unwrap().len()
}

async fn run_rules(app: &TestApp) {
    let a = answer(
        app.request(
            Method::POST,
            "/v1/recurrence-rules/run",
            Some(&analyst(app)),
        )
        .json(&json!({})),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
}

/// Hand-made items carry no rule key and the API takes no `Idempotency-Key` for them, so each
/// POST is its own item; racing the classifications that open the rule's item for the same
/// cause, they must all be kept and must not split or hide that one item.
async fn hand_made_items_racing_classifications_are_all_kept_beside_one_rule_item(app: TestApp) {
    app.set_now(procedure_at("2026-11-23T10:00:00Z"));
    let ids = logged(&app, "current_account", 20).await;
    let token = analyst(&app);
    let mut requests: Vec<RequestBuilder> = ids
        .iter()
        .map(|id| classify(&app, id, "SYS.OUTAGE"))
        .collect();
    let manual = json!({
        "title": "Outage follow-up from the branch audit",
        "cause": "SYS.OUTAGE",
        "complaints": [ids[0]],
    });
    requests.extend((0..32).map(|_| {
        app.request(Method::POST, "/v1/improvements", Some(&token))
            .json(&manual)
    }));
    let answers = all_at_once(requests).await;
    let (classified, created) = answers.split_at(20);
    assert!(
        classified.iter().all(|a| a.status == 200),
        "{:?}",
        tally(classified)
    );
    assert!(
        created.iter().all(|a| a.status == 201),
        "{:?}",
        tally(created)
    );
    let made: BTreeSet<&str> = created
        .iter()
        .map(|a| a.body["id"].as_str().unwrap())
        .collect();
    assert_eq!(made.len(), 32);

    run_rules(&app).await;
    let items = items_for(&app, "SYS.OUTAGE").await;
    let (rule, hand): (Vec<&Value>, Vec<&Value>) =
        items.iter().partition(|i| i["source"] == "rule");
    assert_eq!(rule.len(), 1, "one open rule item per key: {items:?}");
    assert_eq!(evidence_count(&app, rule[0]).await, 20);
    let listed: BTreeSet<&str> = hand.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(listed, made);
    for item in hand {
        assert_eq!(item["evidence_count"], 1, "{item}");
        assert_eq!(item["state"], "proposed");
    }
}

async fn classifications_racing_across_products_open_one_item_per_product(app: TestApp) {
    app.set_now(procedure_at("2026-11-23T10:00:00Z"));
    // Count per product, and leave the cross-product rule out so each key is one product.
    let rules = json_ok(&app, "/v1/recurrence-rules", &admin(&app)).await;
    let mut set = rules["rules"].clone();
    set["by_product"] = json!(true);
    set["spread_enabled"] = json!(false);
    let a = answer(
        app.request(Method::PUT, "/v1/recurrence-rules", Some(&admin(&app)))
            .json(&set),
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let mut ids = logged(&app, "mortgage", 12).await;
    ids.extend(logged(&app, "loan", 12).await);
    let requests = ids
        .iter()
        .map(|id| classify(&app, id, "PRC.HANDOFF"))
        .collect();
    let answers = all_at_once(requests).await;
    assert!(
        answers.iter().all(|a| a.status == 200),
        "{:?}",
        tally(&answers)
    );

    let items = items_for(&app, "PRC.HANDOFF").await;
    let products: Vec<&str> = items
        .iter()
        .map(|i| i["product"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(items.len(), 2, "one item per product: {products:?}");
    // The scheduled run adds what the racing evaluations could not yet see.
    run_rules(&app).await;
    let mut items = items_for(&app, "PRC.HANDOFF").await;
    items.sort_by_key(|i| i["product"].as_str().unwrap().to_owned());
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["product"], "loan");
    assert_eq!(items[1]["product"], "mortgage");
    for item in &items {
        assert_eq!(item["source"], "rule");
        assert_eq!(evidence_count(&app, item).await, 12, "{item}");
    }
}

/// Merging needs another *open* item. Two items merged into each other at the same moment
/// each see the other open: at most one of the pair may end up merged, or both vanish from
/// the backlog pointing at each other.
async fn two_items_merged_into_each_other_at_once_are_not_both_merged(app: TestApp) {
    let token = analyst(&app);
    let mut pairs = Vec::new();
    for n in 0..16 {
        let mut pair = Vec::new();
        for side in ["a", "b"] {
            let a = answer(
                app.request(Method::POST, "/v1/improvements", Some(&token))
                    .json(&json!({"title": format!("Duplicate report {n}{side}")})),
            )
            .await;
            assert_eq!(a.status, 201, "{}", a.body);
            pair.push(a.body["id"].as_str().unwrap().to_owned());
        }
        pairs.push(pair);
    }
    let requests = pairs
        .iter()
        .flat_map(|p| [(&p[0], &p[1]), (&p[1], &p[0])])
        .map(|(from, into)| {
            app.request(
                Method::POST,
                &format!("/v1/improvements/{from}/actions/merge"),
                Some(&token),
            )
            .header("If-Match", "\"1\"")
            .json(&json!({"into": into}))
        })
        .collect();
    let answers = all_at_once(requests).await;
    let mut both_merged = Vec::new();
    for (n, pair) in answers.chunks(2).enumerate() {
        let wins = pair.iter().filter(|a| a.status == 200).count();
        if wins == 2 {
            both_merged.push(n);
            continue;
        }
        assert_eq!(wins, 1, "pair {n}: {:?}", tally(pair));
        let lost = pair.iter().find(|a| a.status != 200).unwrap();
        assert_eq!(lost.status, 409, "pair {n}: {}", lost.body);
        assert_eq!(
            lost.body["reason"], "merge_target",
            "pair {n}: {}",
            lost.body
        );
    }
    assert!(
        both_merged.is_empty(),
        "pairs whose items were each merged into the other: {both_merged:?} of 16"
    );
    for (n, p) in pairs.iter().enumerate() {
        let mut states = Vec::new();
        for id in p {
            states.push(
                json_ok(&app, &format!("/v1/improvements/{id}"), &token).await["state"].clone(),
            );
        }
        states.sort_by_key(|s| s.as_str().unwrap().to_owned());
        assert_eq!(states, ["merged", "proposed"], "pair {n}");
    }
}

/// Verifies the complaint's chain again and again while `writing` holds; returns how many
/// verifications were made and the verdicts that were not intact.
async fn verify_while(
    app: &TestApp,
    token: &str,
    id: &str,
    writing: &AtomicBool,
) -> (usize, Vec<Value>) {
    let path = format!("/v1/complaints/{id}/events/verify");
    let mut broken = Vec::new();
    let mut checked = 0;
    while writing.load(Ordering::SeqCst) {
        let a = answer(app.request(Method::GET, &path, Some(token))).await;
        assert_eq!(a.status, 200, "{}", a.body);
        checked += 1;
        if a.body["intact"] != true {
            broken.push(a.body);
        }
    }
    (checked, broken)
}

/// Verification reads the complaint and its events together: while writers append, every
/// verdict must still be intact (a head read before an append and events read after it would
/// look broken).
async fn verifying_a_chain_while_it_grows_never_reports_it_broken(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/complaints/{id}");
    let writing = AtomicBool::new(true);
    let writer = async {
        // Forty corrections, one after another, each with the ETag it just got back.
        let mut tag = "\"1\"".to_owned();
        for n in 0..40 {
            let a = answer(
                app.request(Method::PATCH, &path, Some(&agent))
                    .header("If-Match", &tag)
                    .json(&json!({"description": format!("correction {n}")})),
            )
            .await;
            assert_eq!(a.status, 200, "{}", a.body);
            tag = a.etag.unwrap();
        }
        writing.store(false, Ordering::SeqCst);
    };
    let readers = (0..8).map(|_| verify_while(&app, &agent, &id, &writing));
    let (_, verdicts) = tokio::join!(writer, futures::future::join_all(readers));
    let checked: usize = verdicts.iter().map(|(n, _)| n).sum();
    let broken: Vec<&Value> = verdicts.iter().flat_map(|(_, b)| b).collect();
    assert!(
        broken.is_empty(),
        "{} of {checked} verifications during writes said broken; first: {}",
        broken.len(),
        broken[0]
    );
    assert_intact(&app, &agent, &id, 41).await;
}

/// The figures of one report that come from different queries and must agree while every
/// complaint is open and has one response timer: the differences found (empty when they
/// agree).
fn disagreements(path: &str, r: &Value) -> Vec<String> {
    let n = |v: &Value| v.as_u64().unwrap();
    let mut out = Vec::new();
    let mut differ = |what: &str, a: u64, b: u64| {
        if a != b {
            out.push(format!("{path}: {what} {a} against {b}"));
        }
    };
    if path.contains("timeliness") {
        // Complaints counted, against their response timers counted.
        differ(
            "in_scope against response timers",
            n(&r["in_scope"]),
            n(&r["extended"]["denominator"]),
        );
    } else if path.contains("people") {
        let handled: u64 = r["teams"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| n(&t["handled"]))
            .sum();
        differ(
            "in_scope against the teams' handled",
            n(&r["in_scope"]),
            handled,
        );
    } else {
        // Received (by day) against open now: nothing has been closed.
        differ("received against open", n(&r["received"]), n(&r["open"]));
        let ageing: u64 = r["ageing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| n(&b["count"]))
            .sum();
        differ(
            "received against the ageing buckets",
            n(&r["received"]),
            ageing,
        );
    }
    out
}

/// A report's figures come from several queries; each report reads them all in one snapshot,
/// so while writers log complaints (each with its timers, in one transaction) the figures of
/// one answer always agree with each other.
async fn a_report_read_while_complaints_are_logged_is_of_one_moment(app: TestApp) {
    let analyst = analyst(&app);
    let writing = AtomicBool::new(true);
    let writers = async {
        let logged = (0..4).map(|_| async {
            let agent = app.agent("north");
            for _ in 0..40 {
                app.create(&agent, &complaint_body()).await;
            }
        });
        futures::future::join_all(logged).await;
        writing.store(false, Ordering::SeqCst);
    };
    let reader = |path: &'static str| {
        let (app, analyst, writing) = (&app, &analyst, &writing);
        async move {
            let mut seen = Vec::new();
            let mut reads = 0;
            while writing.load(Ordering::SeqCst) {
                let r = json_ok(app, path, analyst).await;
                reads += 1;
                seen.extend(disagreements(path, &r));
            }
            (reads, seen)
        }
    };
    let readers = [
        "/v1/reports/timeliness",
        "/v1/reports/people",
        "/v1/reports/volumes",
    ]
    .map(reader);
    let (_, results) = tokio::join!(writers, futures::future::join_all(readers));
    let reads: usize = results.iter().map(|(n, _)| n).sum();
    let seen: Vec<&String> = results.iter().flat_map(|(_, s)| s).collect();
    assert!(
        reads >= 6,
        "only {reads} reports were read during the writes"
    );
    assert!(
        seen.is_empty(),
        "{} of {reads} reports mixed two moments; first: {}",
        seen.len(),
        seen[0]
    );
    // Once the writes are over, every figure counts all 160.
    let t = json_ok(&app, "/v1/reports/timeliness", &analyst).await;
    assert_eq!(t["in_scope"], 160);
    assert!(disagreements("/v1/reports/timeliness", &t).is_empty());
}

/// What one storm client did and saw.
#[derive(Debug, Default)]
struct Client {
    /// Every answer: what was asked, its status and body.
    answers: Vec<(String, u16, Value)>,
    created: Vec<String>,
    /// (seed index, event kind) of each action that succeeded.
    acted: Vec<(usize, String)>,
    /// Seed index of each correction that succeeded.
    corrected: Vec<usize>,
    /// Verdicts of verifications made during the storm.
    verdicts: Vec<Value>,
}

impl Client {
    async fn send(&mut self, what: String, req: RequestBuilder) -> Answer {
        let a = answer(req).await;
        self.answers.push((what, a.status, a.body.clone()));
        a
    }
}

/// The next step of the procedure from `state`, among those that loop without end.
fn next_step(state: &str) -> Option<(&'static str, Value)> {
    match state {
        "received" => Some(("acknowledge", acknowledgement())),
        "acknowledged" => Some(("start_investigation", json!({}))),
        "investigating" => Some(("request_information", json!({"what": "Bank statements"}))),
        "awaiting_information" => Some(("information_received", json!({}))),
        _ => None,
    }
}

/// Five steps of one storm client, each a different kind of work on a seed complaint.
async fn storm_client(app: &TestApp, i: usize, seeds: &[String]) -> Client {
    // A principal of its own, first seen in the storm: recording callers races too.
    let token = app.token(&format!("storm-{i}"), &["agent"], Some("north"));
    let mut me = Client::default();
    for step in 0..5 {
        let seed = (i * 5 + step) % seeds.len();
        let path = format!("/v1/complaints/{}", seeds[seed]);
        match (i + step) % 5 {
            0 => {
                let mut body = complaint_body();
                body["description"] = json!(format!("storm {i}"));
                let mut req = app
                    .request(Method::POST, "/v1/complaints", Some(&token))
                    .json(&body);
                if i.is_multiple_of(2) {
                    req = req.header("Idempotency-Key", format!("storm-{i}"));
                }
                let a = me.send("create".into(), req).await;
                if a.status == 201 {
                    me.created.push(a.body["id"].as_str().unwrap().to_owned());
                }
            }
            1 => {
                let c = me
                    .send(
                        "read before acting".into(),
                        app.request(Method::GET, &path, Some(&token)),
                    )
                    .await;
                let Some((name, body)) = next_step(c.body["state"].as_str().unwrap_or("")) else {
                    continue;
                };
                let tag = c.etag.unwrap_or_default();
                let req = app
                    .request(
                        Method::POST,
                        &format!("{path}/actions/{name}"),
                        Some(&token),
                    )
                    .header("If-Match", tag)
                    .json(&body);
                if me.send(format!("action {name}"), req).await.status == 200 {
                    me.acted.push((seed, format!("complaint.{name}")));
                }
            }
            2 => {
                let c = me
                    .send(
                        "read before correcting".into(),
                        app.request(Method::GET, &path, Some(&token)),
                    )
                    .await;
                let req = app
                    .request(Method::PATCH, &path, Some(&token))
                    .header("If-Match", c.etag.unwrap_or_default())
                    .json(
                        &json!({"description": format!("corrected by storm {i} at step {step}")}),
                    );
                if me.send("correct".into(), req).await.status == 200 {
                    me.corrected.push(seed);
                }
            }
            3 => {
                me.send(
                    "list".into(),
                    app.request(Method::GET, "/v1/complaints?limit=50", Some(&token)),
                )
                .await;
                me.send(
                    "events".into(),
                    app.request(Method::GET, &format!("{path}/events"), Some(&token)),
                )
                .await;
                let v = me
                    .send(
                        "verify".into(),
                        app.request(Method::GET, &format!("{path}/events/verify"), Some(&token)),
                    )
                    .await;
                me.verdicts.push(v.body);
            }
            _ => {
                me.send(
                    "available actions".into(),
                    app.request(Method::GET, &format!("{path}/actions"), Some(&token)),
                )
                .await;
                me.send(
                    "communications".into(),
                    app.request(Method::GET, &format!("{path}/communications"), Some(&token)),
                )
                .await;
            }
        }
    }
    me
}

async fn a_mixed_storm_of_creates_actions_and_reads_answers_no_5xx_and_loses_nothing(app: TestApp) {
    let agent = app.agent("north");
    let mut seeds = Vec::new();
    for _ in 0..8 {
        seeds.push(
            app.create(&agent, &complaint_body()).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let clients = futures::future::join_all((0..64).map(|i| storm_client(&app, i, &seeds))).await;

    let answers: Vec<&(String, u16, Value)> = clients.iter().flat_map(|c| &c.answers).collect();
    let failed: Vec<_> = answers.iter().filter(|(_, s, _)| *s >= 500).collect();
    assert!(
        failed.is_empty(),
        "{} of {} answers were 5xx; first few: {:?}",
        failed.len(),
        answers.len(),
        &failed[..failed.len().min(3)]
    );
    // Each kind of request may end only as the API documents for a race.
    for (what, status, body) in &answers {
        let allowed: &[u16] = match what.as_str() {
            "create" => &[201],
            "correct" => &[200, 412],
            w if w.starts_with("action ") => &[200, 412],
            _ => &[200],
        };
        assert!(allowed.contains(status), "{what}: {status} {body}");
    }

    // Every client created once: all 64 are stored, with the 8 seeds and nothing else.
    let created: BTreeSet<&String> = clients.iter().flat_map(|c| &c.created).collect();
    assert_eq!(created.len(), 64);
    let page = json_ok(&app, "/v1/complaints?limit=200", &agent).await;
    let listed: BTreeSet<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = created
        .iter()
        .map(|s| s.as_str())
        .chain(seeds.iter().map(String::as_str))
        .collect();
    assert_eq!(listed, expected);
    for id in &created {
        assert_intact(&app, &agent, id, 1).await;
    }

    // Each seed holds one event per write that succeeded: none lost, none doubled.
    for (n, id) in seeds.iter().enumerate() {
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        wanted.insert("complaint.created".into(), 1);
        for c in &clients {
            for (_, kind) in c.acted.iter().filter(|(s, _)| *s == n) {
                *wanted.entry(kind.clone()).or_insert(0) += 1;
            }
            let corrections = c.corrected.iter().filter(|s| **s == n).count();
            if corrections > 0 {
                *wanted.entry("complaint.updated".into()).or_insert(0) += corrections;
            }
        }
        let events = events_of(&app, &agent, id).await;
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for e in &events {
            *seen
                .entry(e["kind"].as_str().unwrap().to_owned())
                .or_insert(0) += 1;
        }
        assert_eq!(seen, wanted, "seed {n}");
        let c = json_ok(&app, &format!("/v1/complaints/{id}"), &agent).await;
        assert_eq!(c["version"], events.len(), "seed {n}");
        assert_intact(&app, &agent, id, events.len()).await;
    }

    // Verifications made while the seeds were being written must not have seen them broken.
    let verdicts: Vec<&Value> = clients.iter().flat_map(|c| &c.verdicts).collect();
    let broken: Vec<&&Value> = verdicts.iter().filter(|v| v["intact"] != true).collect();
    assert!(
        broken.is_empty(),
        "{} of {} verifications during the storm said broken; first: {}",
        broken.len(),
        verdicts.len(),
        broken[0]
    );
}

fn procedure_at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}
