//! Importing complaints handled in another system: each case's history is replayed through the
//! live procedure at its original instants and by its original people, refused as a whole
//! (naming the entry) where the procedure would refuse it, raises nothing for what happened
//! before the import, and an open case goes on under the live procedure like any other.

use recourse::service::{integration::delivery::Worker, jobs::sweeper::sweep_once};
use reqwest::header::HeaderMap;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem, webhook_config},
    procedure::{Case, at, timer},
};

engine_tests!(
    a_closed_case_imports_with_its_timers_and_counts_in_the_reports_as_computed_by_hand,
    histories_the_procedure_refuses_are_422_naming_the_entry_and_write_nothing,
    a_batch_imports_every_case_but_the_one_refused_and_says_why,
    importing_the_same_source_again_changes_nothing,
    imports_of_the_same_case_at_once_make_one_complaint,
    a_deadline_breached_before_the_import_raises_no_escalation_webhook_or_outbox_row,
    an_imported_open_case_breaches_live_like_a_case_logged_here,
    the_audit_chain_of_an_imported_case_verifies_with_each_events_instant_and_actor,
    an_integrator_reads_what_it_imported_and_an_agent_cannot_import,
);

const SINGLE: &str = "/v1/imports/complaints";
const BATCH: &str = "/v1/imports/complaints/batch";
/// When the imports below are made, unless a test says otherwise.
const IMPORTED_AT: &str = "2026-12-01T10:00:00Z";

/// The integrator that imports, `crm`.
fn crm(app: &TestApp) -> String {
    app.token("crm", &["integrator"], None)
}

fn analyst(app: &TestApp) -> String {
    app.token("analyst-1", &["analyst"], None)
}

/// A north case of `legacy-crm`, logged there by m.jones, received at `received_at` under the
/// FCA's DISP rules.
fn case(source_id: &str, received_at: &str, history: Value) -> Value {
    let mut complaint = complaint_body();
    complaint["team"] = json!("north");
    complaint["profile"] = json!("fca_disp");
    complaint["received_at"] = json!(received_at);
    json!({
        "source": {"system": "legacy-crm", "id": source_id},
        "logged_by": "m.jones",
        "complaint": complaint,
        "history": history,
    })
}

/// One entry of a history: `action` at `at` by `actor`, with the action's own `fields`.
fn entry(action: &str, at: &str, actor: &str, fields: Value) -> Value {
    let mut e = json!({"action": action, "at": at, "actor": actor});
    for (k, v) in fields.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

fn fee_refund(status: &str) -> Value {
    json!({"kind": "fee_refund_or_waiver", "amount_minor": 2500, "currency": "GBP", "status": status})
}

/// Received on Monday 5 January 2026 at 10:00 (GMT), acknowledged on the Wednesday, given to
/// j.smith by their team leader, answered on Tuesday 20 January (upheld, the fee refunded) and
/// closed the day after.
fn closed_history() -> Value {
    json!([
        entry(
            "acknowledge",
            "2026-01-07T09:00:00Z",
            "j.smith",
            json!({"channel": "email", "summary": "Acknowledged; reference given."})
        ),
        entry(
            "assign",
            "2026-01-07T09:30:00Z",
            "t.lead",
            json!({"role": "team_leader", "assignee": "j.smith"})
        ),
        entry(
            "start_investigation",
            "2026-01-07T10:00:00Z",
            "j.smith",
            json!({})
        ),
        entry(
            "issue_response",
            "2026-01-20T15:00:00Z",
            "j.smith",
            json!({
                "outcome": "upheld",
                "primary_cause": "PRC.HANDOFF",
                "remedies": [fee_refund("completed")],
                "channel": "letter",
                "summary": "Final response: upheld, the fee refunded.",
            })
        ),
        entry(
            "close",
            "2026-01-21T09:00:00Z",
            "j.smith",
            json!({"note": "Refund paid."})
        ),
    ])
}

/// Posts `body` to `path` as `token`: status, headers and JSON.
async fn send(app: &TestApp, path: &str, token: &str, body: &Value) -> (u16, HeaderMap, Value) {
    let resp = app.post(path, token, body).await;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, headers, resp.json().await.unwrap())
}

/// Imports `body` as a new case (201); returns the complaint.
async fn imported(app: &TestApp, token: &str, body: &Value) -> Value {
    let (status, headers, c) = send(app, SINGLE, token, body).await;
    assert_eq!(status, 201, "{c}");
    let id = c["id"].as_str().unwrap();
    assert_eq!(
        headers["location"].to_str().unwrap(),
        format!("/v1/complaints/{id}")
    );
    assert_eq!(
        headers["etag"].to_str().unwrap(),
        format!("\"{}\"", c["version"])
    );
    c
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let resp = app.get(path, token).await;
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn events(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    get(app, token, &format!("/v1/complaints/{id}/events?limit=200")).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn kinds(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["kind"].as_str().unwrap()).collect()
}

/// The integration events written to the outbox for complaint `id`, oldest first, with their
/// instants.
async fn outbox(app: &TestApp, id: &str) -> Vec<(String, chrono::DateTime<chrono::Utc>)> {
    let mut rows: Vec<_> = entity::outbox_event::Entity::find()
        .all(&app.state.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.payload["data"]["complaint_id"] == id)
        .map(|r| (r.event_type, r.occurred_at))
        .collect();
    rows.sort_by_key(|r| r.1);
    rows
}

async fn outbox_rows(app: &TestApp) -> usize {
    entity::outbox_event::Entity::find()
        .all(&app.state.db.conn)
        .await
        .unwrap()
        .len()
}

async fn escalations(app: &TestApp) -> Vec<Value> {
    get(app, &analyst(app), "/v1/escalations").await["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn pair(rate: &Value) -> (u64, u64) {
    (
        rate["numerator"].as_u64().unwrap(),
        rate["denominator"].as_u64().unwrap(),
    )
}

async fn a_closed_case_imports_with_its_timers_and_counts_in_the_reports_as_computed_by_hand(
    app: TestApp,
) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let c = imported(
        &app,
        &crm(&app),
        &case("C-1001", "2026-01-05T10:00:00Z", closed_history()),
    )
    .await;
    assert_eq!(c["state"], "closed");
    assert_eq!(c["outcome"], "upheld");
    assert_eq!(c["received_at"], "2026-01-05T10:00:00+00:00");
    assert_eq!(c["acknowledged_at"], "2026-01-07T09:00:00+00:00");
    assert_eq!(c["closed_at"], "2026-01-21T09:00:00+00:00");
    assert_eq!(c["assignee"], "j.smith");
    assert_eq!(c["created_by"], "crm");
    assert_eq!(
        c["imported"],
        json!({"system": "legacy-crm", "id": "C-1001", "imported_at": "2026-12-01T10:00:00+00:00"})
    );
    // The reference is of the year the case was received.
    assert!(
        c["reference"].as_str().unwrap().starts_with("CMP-2026-"),
        "{c}"
    );

    // Each timer as the real instants make it. Acknowledgement: 5 business days after Monday
    // 5 January is Monday 12 January, to the end of the day; met on the 7th. Summary
    // resolution: the close of business (17:00, GMT in January) of the third business day,
    // Thursday 8 January; the case was answered in full on the 20th, so the window lapsed.
    // Final response: eight weeks (56 days) after 5 January is 2 March, to the end of the day;
    // met on 20 January.
    let ack = timer(&c, "acknowledgement");
    assert_eq!(ack["state"], "met");
    assert_eq!(ack["due_at"], "2026-01-12T23:59:59.999999+00:00");
    assert_eq!(ack["met_at"], "2026-01-07T09:00:00+00:00");
    let window = timer(&c, "summary_resolution");
    assert_eq!(window["state"], "lapsed");
    assert_eq!(window["due_at"], "2026-01-08T17:00:00+00:00");
    assert_eq!(window["breached_at"], "2026-01-08T17:00:00+00:00");
    let fr = timer(&c, "final_response");
    assert_eq!(fr["state"], "met");
    assert_eq!(fr["due_at"], "2026-03-02T23:59:59.999999+00:00");
    assert_eq!(fr["met_at"], "2026-01-20T15:00:00+00:00");

    let id = c["id"].as_str().unwrap();
    let remedies = get(&app, &crm(&app), &format!("/v1/complaints/{id}/remedies")).await;
    assert_eq!(remedies["items"].as_array().unwrap().len(), 1);
    assert_eq!(remedies["items"][0]["status"], "completed");
    assert_eq!(remedies["items"][0]["amount_minor"], 2500);

    // The reports, for January 2026.
    let analyst = analyst(&app);
    let january = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&team=north";
    let t = get(&app, &analyst, &format!("/v1/reports/timeliness?{january}")).await;
    assert_eq!(t["in_scope"], 1);
    // Acknowledged in 2 business days (6 and 7 January), within the target of 5.
    assert_eq!(pair(&t["acknowledged_in_time"]), (1, 1));
    // Not resolved within the summary window: answered in full, after it.
    assert_eq!(pair(&t["summary_resolved_in_window"]), (0, 1));
    // Answered within the eight weeks, with no extension.
    assert_eq!(pair(&t["responded_in_time"]), (1, 1));
    assert_eq!(pair(&t["extended"]), (0, 1));
    assert_eq!(t["responses"], 1);
    assert_eq!(t["breaches"], 0);
    assert_eq!(t["regulatory_breaches"], 0);
    assert_eq!(t["missed_targets"], 0);
    assert_eq!(t["lapsed_windows"], 1);
    // Business days from receipt to the response: 6-9, 12-16, 19 and 20 January.
    assert_eq!(t["median_business_days_to_response"], 11.0);
    assert_eq!(t["p90_business_days_to_response"], 11.0);

    let people = get(&app, &analyst, &format!("/v1/reports/people?{january}")).await;
    assert_eq!(people["teams"].as_array().unwrap().len(), 1);
    let north = &people["teams"][0];
    assert_eq!(north["key"], "north");
    assert_eq!(north["handled"], 1);
    assert_eq!(pair(&north["on_time"]), (1, 1));
    assert_eq!(north["median_business_days_to_response"], 11.0);
    assert_eq!(pair(&north["reopened"]), (0, 1));
    // The handler credited is the person who sent the response in the old system, not the
    // integrator that imported it.
    let handlers = people["handlers"].as_array().unwrap();
    assert_eq!(handlers.len(), 1, "{people}");
    assert_eq!(handlers[0]["key"], "j.smith");
    assert_eq!(handlers[0]["handled"], 1);
    assert_eq!(pair(&handlers[0]["on_time"]), (1, 1));

    // The FCA return for January: opened and closed in it, closed on the 21st, after the
    // third business day (8 January) and within eight weeks; upheld; £25.00 redress paid.
    let fca = |from: &str, to: &str| {
        format!("/v1/reports/returns/fca-disp?period_start={from}&period_end={to}")
    };
    let r = get(&app, &analyst, &fca("2026-01-01", "2026-01-31")).await;
    assert_eq!(r["in_scope"], 1);
    assert_eq!(r["nil_return"], false);
    let totals = &r["totals"];
    assert_eq!(totals["outstanding_at_start"], 0);
    assert_eq!(totals["opened"], 1);
    assert_eq!(totals["closed"], 1);
    assert_eq!(pair(&totals["closed_within_3_business_days"]), (0, 1));
    assert_eq!(pair(&totals["closed_within_8_weeks"]), (1, 1));
    assert_eq!(pair(&totals["closed_after_8_weeks"]), (0, 1));
    assert_eq!(pair(&totals["upheld"]), (1, 1));
    assert_eq!(
        totals["redress_paid"],
        json!([{"currency": "GBP", "sum_minor": 2500}])
    );
    assert_eq!(r["rows"].as_array().unwrap().len(), 1);
    assert_eq!(r["rows"][0]["product_grouping"], "Banking and credit cards");
    assert_eq!(
        r["rows"][0]["main_cause"],
        "Terms and disputed sums/charges"
    );
    // Closed in January, it is nothing to February's return, nor to December's (imported then).
    for (from, to) in [("2026-02-01", "2026-02-28"), ("2026-12-01", "2026-12-31")] {
        let r = get(&app, &analyst, &fca(from, to)).await;
        assert_eq!(r["nil_return"], true, "{from}: {r}");
    }
}

async fn histories_the_procedure_refuses_are_422_naming_the_entry_and_write_nothing(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let received = "2026-11-02T10:00:00Z";
    let ack = || {
        entry(
            "acknowledge",
            "2026-11-03T09:00:00Z",
            "j.smith",
            json!({"channel": "email"}),
        )
    };
    let start = |at: &str| entry("start_investigation", at, "j.smith", json!({}));
    let respond = |at: &str, remedies: Value| {
        entry(
            "issue_response",
            at,
            "j.smith",
            json!({"outcome": "upheld", "primary_cause": "PRC.HANDOFF",
                   "remedies": remedies, "channel": "letter"}),
        )
    };
    // (what is wrong, the history, the field named, the procedure's reason if one)
    let cases: Vec<(&str, Value, &str, Option<&str>)> = vec![
        (
            "out of order",
            json!([
                ack(),
                start("2026-11-10T09:00:00Z"),
                respond("2026-11-09T09:00:00Z", json!([])),
            ]),
            "history[2].at",
            None,
        ),
        (
            "before the receipt",
            json!([entry(
                "acknowledge",
                "2026-11-02T09:00:00Z",
                "j.smith",
                json!({"channel": "email"})
            )]),
            "history[0].at",
            None,
        ),
        (
            "closed before any response",
            json!([
                ack(),
                start("2026-11-03T10:00:00Z"),
                entry("close", "2026-11-04T09:00:00Z", "j.smith", json!({})),
            ]),
            "history[2]",
            None,
        ),
        (
            "in the future",
            json!([ack(), start("2026-12-02T10:00:00Z")]),
            "history[1].at",
            None,
        ),
        (
            "a remedy still due at the close",
            json!([
                ack(),
                start("2026-11-03T10:00:00Z"),
                respond("2026-11-10T09:00:00Z", json!([fee_refund("due")])),
                entry("close", "2026-11-11T09:00:00Z", "j.smith", json!({})),
            ]),
            "history[3]",
            Some("remedies_unsettled"),
        ),
        (
            "a field the action does not take",
            json!([
                ack(),
                entry(
                    "start_investigation",
                    "2026-11-03T10:00:00Z",
                    "j.smith",
                    json!({"outcome": "upheld"})
                ),
            ]),
            "history[1].outcome",
            None,
        ),
        (
            "a required field missing",
            json!([
                ack(),
                start("2026-11-03T10:00:00Z"),
                entry(
                    "issue_response",
                    "2026-11-10T09:00:00Z",
                    "j.smith",
                    json!({"channel": "letter"})
                ),
            ]),
            "history[2].outcome",
            None,
        ),
        (
            "an acknowledgement without its channel",
            json!([entry(
                "acknowledge",
                "2026-11-03T09:00:00Z",
                "j.smith",
                json!({})
            )]),
            "history[0].channel",
            None,
        ),
        (
            "an agent assigning someone else",
            json!([
                ack(),
                entry(
                    "assign",
                    "2026-11-03T09:30:00Z",
                    "j.smith",
                    json!({"assignee": "k.other"})
                ),
            ]),
            "history[1]",
            None,
        ),
    ];
    for (n, (what, history, field, reason)) in cases.into_iter().enumerate() {
        let body = case(&format!("BAD-{n}"), received, history);
        let p = problem(
            app.post(SINGLE, &token, &body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["field"], field, "{what}: {p}");
        if let Some(reason) = reason {
            assert_eq!(p["reason"], reason, "{what}: {p}");
        }
    }
    // The complaint's own instant: required, and not in the future.
    let mut no_receipt = case("BAD-R", received, json!([]));
    no_receipt["complaint"]
        .as_object_mut()
        .unwrap()
        .remove("received_at");
    let p = problem(
        app.post(SINGLE, &token, &no_receipt).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "complaint.received_at", "{p}");
    let future = case("BAD-F", "2026-12-02T10:00:00Z", json!([]));
    let p = problem(
        app.post(SINGLE, &token, &future).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "complaint.received_at", "{p}");

    // Nothing of any of them was written: no complaint, no event, no outbox row, and none of
    // the people their histories named.
    let list = get(&app, &analyst(&app), "/v1/complaints").await;
    assert_eq!(list["items"], json!([]), "{list}");
    assert_eq!(
        entity::complaint_event::Entity::find()
            .all(&app.state.db.conn)
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(outbox_rows(&app).await, 0);
    let people = entity::user::Entity::find()
        .filter(entity::user::Column::Id.is_in(["j.smith", "k.other"]))
        .all(&app.state.db.conn)
        .await
        .unwrap();
    assert!(people.is_empty(), "{people:?}");
}

async fn a_batch_imports_every_case_but_the_one_refused_and_says_why(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let mut unsettled = closed_history();
    unsettled[3]["remedies"] = json!([fee_refund("due")]);
    let mut unreadable = closed_history();
    unreadable[2]["summary"] = json!("Not a thing start_investigation takes.");
    let cases = vec![
        case("B-1", "2026-01-05T10:00:00Z", closed_history()),
        // Refused by the procedure: the refund was still due when the case was closed.
        case("B-2", "2026-01-05T10:00:00Z", unsettled),
        case("B-3", "2026-02-02T10:00:00Z", json!([])),
        // Refused on reading: an entry carries a field its action does not take.
        case("B-4", "2026-01-05T10:00:00Z", unreadable),
    ];
    let (status, _, report) = send(&app, BATCH, &token, &json!({"cases": cases})).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (
            report["imported"].as_u64(),
            report["already_imported"].as_u64(),
            report["refused"].as_u64()
        ),
        (Some(2), Some(0), Some(2)),
        "{report}"
    );
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r["index"], i);
        assert_eq!(r["source_id"], format!("B-{}", i + 1));
    }
    for i in [0, 2] {
        assert_eq!(results[i]["status"], "imported", "{report}");
        assert!(results[i]["id"].is_string() && results[i]["reference"].is_string());
        assert!(results[i].get("problem").is_none());
    }
    let refused = &results[1];
    assert_eq!(refused["status"], "refused");
    assert!(refused.get("id").is_none() && refused.get("reference").is_none());
    assert_eq!(refused["problem"]["code"], "validation_failed");
    assert_eq!(refused["problem"]["status"], 422);
    assert_eq!(refused["problem"]["field"], "history[4]");
    assert!(
        refused["problem"]["detail"]
            .as_str()
            .unwrap()
            .starts_with("history[4] (close at 2026-01-21T09:00:00+00:00): "),
        "{refused}"
    );
    assert_eq!(results[3]["status"], "refused");
    assert_eq!(results[3]["problem"]["field"], "history[2].summary");

    // Exactly the two imported are there, as read one by one.
    let list = get(&app, &token, "/v1/complaints").await;
    let mut ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    let mut expected = vec![
        results[0]["id"].as_str().unwrap(),
        results[2]["id"].as_str().unwrap(),
    ];
    expected.sort_unstable();
    assert_eq!(ids, expected);
    for (i, state) in [(0, "closed"), (2, "received")] {
        let id = results[i]["id"].as_str().unwrap();
        let c = get(&app, &token, &format!("/v1/complaints/{id}")).await;
        assert_eq!(c["imported"]["id"], results[i]["source_id"]);
        assert_eq!(c["reference"], results[i]["reference"]);
        assert_eq!(c["state"], state);
    }
}

async fn importing_the_same_source_again_changes_nothing(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let body = case("C-2002", "2026-01-05T10:00:00Z", closed_history());
    let first = imported(&app, &token, &body).await;
    let id = first["id"].as_str().unwrap();
    let trail = events(&app, &token, id).await;

    // Later, the same source id again: the complaint as it is, unchanged, whatever the history
    // sent this time.
    app.set_now(at("2026-12-02T10:00:00Z"));
    let mut again = body.clone();
    again["history"] = json!([]);
    for resend in [&body, &again] {
        let (status, headers, c) = send(&app, SINGLE, &token, resend).await;
        assert_eq!(status, 200, "{c}");
        assert!(headers.get("location").is_none());
        assert_eq!(
            headers["etag"].to_str().unwrap(),
            format!("\"{}\"", first["version"])
        );
        assert_eq!(c["id"], first["id"]);
        assert_eq!(c["version"], first["version"]);
        assert_eq!(c["state"], "closed");
        assert_eq!(
            c["imported"]["imported_at"], "2026-12-01T10:00:00+00:00",
            "the first import's instant"
        );
    }
    assert_eq!(events(&app, &token, id).await, trail);

    // In a batch: already imported, beside a new case.
    let (status, _, report) = send(
        &app,
        BATCH,
        &token,
        &json!({"cases": [body, case("C-2003", "2026-11-30T10:00:00Z", json!([]))]}),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(
        (
            report["imported"].as_u64(),
            report["already_imported"].as_u64(),
            report["refused"].as_u64()
        ),
        (Some(1), Some(1), Some(0)),
        "{report}"
    );
    assert_eq!(report["results"][0]["status"], "already_imported");
    assert_eq!(report["results"][0]["id"], first["id"]);
    assert_eq!(report["results"][0]["reference"], first["reference"]);
    assert_eq!(report["results"][1]["status"], "imported");
    assert_eq!(events(&app, &token, id).await, trail);
    let list = get(&app, &token, "/v1/complaints").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);

    // A case twice in one batch is imported once: the second finds the first.
    let twice = case("C-2004", "2026-11-30T10:00:00Z", json!([]));
    let (status, _, report) = send(
        &app,
        BATCH,
        &token,
        &json!({"cases": [twice.clone(), twice]}),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["results"][0]["status"], "imported", "{report}");
    assert_eq!(
        report["results"][1]["status"], "already_imported",
        "{report}"
    );
    assert_eq!(report["results"][0]["id"], report["results"][1]["id"]);
    let list = get(&app, &token, "/v1/complaints").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 3);

    // Another importer is told the source id is taken, and no more.
    let other = app.token("crm-2", &["integrator"], None);
    let p = problem(app.post(SINGLE, &other, &body).await, 409, "already_exists").await;
    assert_eq!(p["field"], "source.id");
    // An admin reaches every complaint, so finds the case as it is.
    let admin = app.token("admin-1", &["admin"], None);
    let (status, _, c) = send(&app, SINGLE, &admin, &body).await;
    assert_eq!(status, 200, "{c}");
    assert_eq!(c["id"], first["id"]);
    assert_eq!(events(&app, &token, id).await, trail);
}

/// A client that retries an import it saw time out may send it again while the first is still
/// being written: one complaint is made, and every request answers it.
async fn imports_of_the_same_case_at_once_make_one_complaint(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let body = case("C-2100", "2026-01-05T10:00:00Z", closed_history());
    let answers =
        futures::future::join_all((0..4).map(|_| send(&app, SINGLE, &token, &body))).await;
    let mut statuses: Vec<u16> = answers.iter().map(|(s, _, _)| *s).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 201], "{answers:?}");
    let id = &answers[0].2["id"];
    assert!(
        answers.iter().all(|(_, _, c)| c["id"] == *id),
        "{answers:?}"
    );

    // The same in batches: one imports the case, the others find it.
    let batch = json!({"cases": [case("C-2101", "2026-01-05T10:00:00Z", closed_history())]});
    let reports =
        futures::future::join_all((0..3).map(|_| send(&app, BATCH, &token, &batch))).await;
    let mut outcomes: Vec<&str> = reports
        .iter()
        .map(|(status, _, r)| {
            assert_eq!(*status, 200, "{r}");
            r["results"][0]["status"].as_str().unwrap()
        })
        .collect();
    outcomes.sort_unstable();
    assert_eq!(
        outcomes,
        ["already_imported", "already_imported", "imported"],
        "{reports:?}"
    );
    let id = &reports[0].2["results"][0]["id"];
    assert!(reports.iter().all(|(_, _, r)| r["results"][0]["id"] == *id));
    let list = get(&app, &token, "/v1/complaints").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

async fn a_deadline_breached_before_the_import_raises_no_escalation_webhook_or_outbox_row(
    app: TestApp,
) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let admin = app.token("admin-1", &["admin"], None);
    // A subscriber to everything a breach could send. Nothing listens at the address: a
    // delivery would be queued all the same, and is what is looked for.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (status, _, hook) = send(
        &app,
        "/v1/webhooks",
        &admin,
        &json!({
            "url": format!("http://127.0.0.1:{port}/hook"),
            "event_types": ["complaint.created", "complaint.acknowledged", "complaint.responded",
                            "complaint.closed", "timer.warning", "timer.breached",
                            "timer.missed", "escalation.raised"],
        }),
    )
    .await;
    assert_eq!(status, 201, "{hook}");
    let hook = hook["subscription"]["id"].as_str().unwrap().to_owned();
    let token = crm(&app);

    // Answered on Tuesday 10 March 2026, after the eight weeks that ended on 2 March: the
    // final-response deadline was breached on 2 March at the end of the day.
    let late = imported(
        &app,
        &token,
        &case(
            "C-3001",
            "2026-01-05T10:00:00Z",
            json!([
                entry(
                    "acknowledge",
                    "2026-01-06T09:00:00Z",
                    "j.smith",
                    json!({"channel": "email"})
                ),
                entry(
                    "start_investigation",
                    "2026-01-06T10:00:00Z",
                    "j.smith",
                    json!({})
                ),
                entry(
                    "issue_response",
                    "2026-03-10T15:00:00Z",
                    "j.smith",
                    json!({
                        "outcome": "not_upheld",
                        "primary_cause": "NFF.EXPECTATION_GAP",
                        "channel": "letter",
                    })
                ),
                entry("close", "2026-03-11T09:00:00Z", "j.smith", json!({})),
            ]),
        ),
    )
    .await;
    let fr = timer(&late, "final_response");
    assert_eq!(fr["state"], "breached");
    assert_eq!(fr["breached_at"], "2026-03-02T23:59:59.999999+00:00");
    // And one still open, never answered: breached on 2 March too, noticed by the import.
    let open = imported(
        &app,
        &token,
        &case(
            "C-3002",
            "2026-01-05T10:00:00Z",
            json!([
                entry(
                    "acknowledge",
                    "2026-01-06T09:00:00Z",
                    "j.smith",
                    json!({"channel": "email"})
                ),
                entry(
                    "start_investigation",
                    "2026-01-06T10:00:00Z",
                    "j.smith",
                    json!({})
                ),
            ]),
        ),
    )
    .await;
    assert_eq!(open["state"], "investigating");
    let fr = timer(&open, "final_response");
    assert_eq!(fr["state"], "breached");
    assert_eq!(fr["breached_at"], "2026-03-02T23:59:59.999999+00:00");

    for c in [&late, &open] {
        let id = c["id"].as_str().unwrap();
        let trail = events(&app, &token, id).await;
        let breached: Vec<&Value> = trail
            .iter()
            .filter(|e| e["kind"] == "timer.breached")
            .collect();
        assert_eq!(breached.len(), 1, "{}", c["imported"]["id"]);
        assert_eq!(
            breached[0]["occurred_at"],
            "2026-03-02T23:59:59.999999+00:00"
        );
        assert_eq!(breached[0]["actor_role"], "system");
        assert_eq!(breached[0]["data"]["timer"], "final_response");
        assert_eq!(breached[0]["data"]["imported"], true);
        assert!(
            !kinds(&trail).contains(&"escalation.raised"),
            "{:?}",
            kinds(&trail)
        );
        // Every event but the import's own is marked as imported.
        let (last, history) = trail.split_last().unwrap();
        assert_eq!(last["kind"], "complaint.imported");
        assert!(last["data"].get("imported").is_none(), "{last}");
        for e in history {
            assert_eq!(e["data"]["imported"], true, "{e}");
        }
    }

    // The sweeper finds nothing left to raise on them, now or later.
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 0);
    app.set_now(at("2027-06-01T00:00:00Z"));
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 0);
    assert!(escalations(&app).await.is_empty());
    assert_eq!(outbox_rows(&app).await, 0);
    let worker = Worker::new(&webhook_config()).unwrap();
    worker.pass(&app.state).await.unwrap();
    let deliveries = get(&app, &admin, &format!("/v1/webhooks/{hook}/deliveries")).await;
    assert_eq!(deliveries["items"], json!([]), "{deliveries}");
    // Nor did the sweeps write anything to the open case.
    let now = get(
        &app,
        &token,
        &format!("/v1/complaints/{}", open["id"].as_str().unwrap()),
    )
    .await;
    assert_eq!(now["version"], open["version"]);

    // The same subscription does hear of a case logged here: it was listening all along.
    let native = app.create(&app.agent("north"), &complaint_body()).await;
    worker.pass(&app.state).await.unwrap();
    let deliveries = get(&app, &admin, &format!("/v1/webhooks/{hook}/deliveries")).await;
    assert_eq!(
        deliveries["items"].as_array().unwrap().len(),
        1,
        "{deliveries}"
    );
    assert_eq!(outbox(&app, native["id"].as_str().unwrap()).await.len(), 1);
}

async fn an_imported_open_case_breaches_live_like_a_case_logged_here(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    // Received on Monday 16 November 2026, acknowledged and under investigation since the
    // 17th: its eight weeks run to 11 January 2027, to the end of the day.
    let c = imported(
        &app,
        &token,
        &case(
            "C-4001",
            "2026-11-16T10:00:00Z",
            json!([
                entry(
                    "acknowledge",
                    "2026-11-17T09:00:00Z",
                    "j.smith",
                    json!({"channel": "email"})
                ),
                entry(
                    "start_investigation",
                    "2026-11-17T10:00:00Z",
                    "j.smith",
                    json!({})
                ),
            ]),
        ),
    )
    .await;
    assert_eq!(c["state"], "investigating");
    let fr = timer(&c, "final_response");
    assert_eq!(fr["state"], "running");
    assert_eq!(fr["due_at"], "2027-01-11T23:59:59.999999+00:00");
    let id = c["id"].as_str().unwrap().to_owned();
    // The import raised nothing.
    assert!(outbox(&app, &id).await.is_empty());

    // The same complaint logged here, by north's agent, on the day of the import.
    let agent = app.agent("north");
    let mut body = complaint_body();
    body["received_at"] = json!("2026-11-16T10:00:00Z");
    let native = app.create(&agent, &body).await;
    let native_id = native["id"].as_str().unwrap().to_owned();
    let mut native_case = Case {
        app: &app,
        token: agent.clone(),
        path: format!("/v1/complaints/{native_id}"),
        version: native["version"].as_i64().unwrap(),
    };
    native_case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    native_case.ok("start_investigation", json!({})).await;
    assert_eq!(
        timer(
            &get(&app, &agent, &native_case.path).await,
            "final_response"
        )["due_at"],
        fr["due_at"]
    );

    // A live action on the imported case, with the ETag the import answered.
    let mut imported_case = Case {
        app: &app,
        token: token.clone(),
        path: format!("/v1/complaints/{id}"),
        version: c["version"].as_i64().unwrap(),
    };
    let after = imported_case
        .ok(
            "request_information",
            json!({"what": "The statement showing both fees."}),
        )
        .await;
    assert_eq!(after["state"], "awaiting_information");
    assert_eq!(after["version"], c["version"].as_i64().unwrap() + 1);
    let trail = events(&app, &token, &id).await;
    let live = trail.last().unwrap();
    assert_eq!(live["kind"], "complaint.request_information");
    assert_eq!(live["actor"], "crm");
    assert_eq!(live["occurred_at"], "2026-12-01T10:00:00+00:00");
    assert!(live["data"].get("imported").is_none(), "{live}");
    imported_case
        .ok("information_received", json!({"note": "Arrived by post."}))
        .await;
    native_case
        .ok(
            "request_information",
            json!({"what": "The statement showing both fees."}),
        )
        .await;
    native_case
        .ok("information_received", json!({"note": "Arrived by post."}))
        .await;

    // Past the due instant, the sweeper breaches and escalates both alike.
    let swept_at = at("2027-01-12T09:00:00Z");
    app.set_now(swept_at);
    let swept = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!(swept.breaches, 2, "{swept:?}");
    let c = get(&app, &token, &format!("/v1/complaints/{id}")).await;
    let fr = timer(&c, "final_response");
    assert_eq!(fr["state"], "breached");
    assert_eq!(fr["breached_at"], "2027-01-11T23:59:59.999999+00:00");
    let trail = events(&app, &token, &id).await;
    let tail: Vec<(&str, &str, &str)> = trail[trail.len() - 2..]
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["actor_role"].as_str().unwrap(),
                e["occurred_at"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            ("timer.breached", "system", "2027-01-12T09:00:00+00:00"),
            ("escalation.raised", "system", "2027-01-12T09:00:00+00:00"),
        ]
    );
    for e in &trail[trail.len() - 2..] {
        assert!(e["data"].get("imported").is_none(), "{e}");
    }
    let raised = escalations(&app).await;
    let mut by_complaint: Vec<(&str, &str, &str)> = raised
        .iter()
        .map(|e| {
            (
                e["complaint_id"].as_str().unwrap(),
                e["timer"].as_str().unwrap(),
                e["raised_at"].as_str().unwrap(),
            )
        })
        .collect();
    by_complaint.sort_unstable();
    let mut expected = vec![
        (id.as_str(), "final_response", "2027-01-12T09:00:00+00:00"),
        (
            native_id.as_str(),
            "final_response",
            "2027-01-12T09:00:00+00:00",
        ),
    ];
    expected.sort_unstable();
    assert_eq!(by_complaint, expected);
    // The outbox holds the same integration events of the sweep for each.
    let swept_rows = |rows: Vec<(String, chrono::DateTime<chrono::Utc>)>| -> Vec<String> {
        rows.into_iter()
            .filter(|(_, t)| *t == swept_at)
            .map(|(kind, _)| kind)
            .collect()
    };
    let imported_rows = swept_rows(outbox(&app, &id).await);
    assert!(
        imported_rows.contains(&"timer.breached".to_owned())
            && imported_rows.contains(&"escalation.raised".to_owned()),
        "{imported_rows:?}"
    );
    assert_eq!(imported_rows, swept_rows(outbox(&app, &native_id).await));
    // Before the sweep, the imported case had raised nothing: only the sweep's rows are its.
    assert_eq!(outbox(&app, &id).await.len(), imported_rows.len());
}

async fn the_audit_chain_of_an_imported_case_verifies_with_each_events_instant_and_actor(
    app: TestApp,
) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let history = json!([
        entry(
            "acknowledge",
            "2026-11-03T09:00:00Z",
            "j.smith",
            json!({"channel": "email"})
        ),
        entry(
            "assign",
            "2026-11-03T09:30:00Z",
            "t.lead",
            json!({"role": "team_leader", "assignee": "j.smith"})
        ),
        entry(
            "start_investigation",
            "2026-11-03T10:00:00Z",
            "j.smith",
            json!({})
        ),
        entry(
            "request_information",
            "2026-11-04T10:00:00Z",
            "j.smith",
            json!({"what": "The statement showing both fees."})
        ),
        entry(
            "information_received",
            "2026-11-06T11:00:00Z",
            "j.smith",
            json!({})
        ),
        entry(
            "propose_response",
            "2026-11-09T12:00:00Z",
            "j.smith",
            json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP"})
        ),
        entry(
            "approve_response",
            "2026-11-09T16:00:00Z",
            "t.lead",
            json!({"role": "team_leader"})
        ),
        entry(
            "issue_response",
            "2026-11-10T09:00:00Z",
            "j.smith",
            json!({
                "outcome": "not_upheld",
                "primary_cause": "NFF.EXPECTATION_GAP",
                "channel": "letter",
            })
        ),
        entry("close", "2026-11-11T09:00:00Z", "j.smith", json!({})),
    ]);
    let c = imported(
        &app,
        &token,
        &case("C-5001", "2026-11-02T10:00:00Z", history.clone()),
    )
    .await;
    assert_eq!(c["state"], "closed");
    let id = c["id"].as_str().unwrap();

    let verdict = get(&app, &token, &format!("/v1/complaints/{id}/events/verify")).await;
    assert_eq!(verdict["intact"], true, "{verdict}");
    let trail = events(&app, &token, id).await;

    // The receipt, by the person who logged it there.
    let created = &trail[0];
    assert_eq!(created["kind"], "complaint.created");
    assert_eq!(created["actor"], "m.jones");
    assert_eq!(created["actor_role"], "agent");
    assert_eq!(created["occurred_at"], "2026-11-02T10:00:00+00:00");
    assert_eq!(created["data"]["imported"], true);
    // Each recorded action, in order, at its instant, by its person in their role; between
    // them only what the service itself recorded as it came due.
    let actions: Vec<&Value> = trail[1..]
        .iter()
        .filter(|e| e["actor_role"] != "system" && e["kind"] != "complaint.imported")
        .collect();
    let history = history.as_array().unwrap();
    assert_eq!(actions.len(), history.len(), "{:?}", kinds(&trail));
    for (e, h) in actions.iter().zip(history) {
        let what = h["action"].as_str().unwrap();
        assert_eq!(e["kind"], format!("complaint.{what}"));
        assert_eq!(e["actor"], h["actor"], "{what}");
        let role = if h["role"] == "team_leader" {
            "team_leader"
        } else {
            "agent"
        };
        assert_eq!(e["actor_role"], role, "{what}");
        assert_eq!(
            at(e["occurred_at"].as_str().unwrap()),
            at(h["at"].as_str().unwrap()),
            "{what}"
        );
        assert_eq!(e["data"]["imported"], true, "{what}");
    }
    // The chain's instants never go back.
    for w in trail.windows(2) {
        assert!(
            at(w[0]["occurred_at"].as_str().unwrap()) <= at(w[1]["occurred_at"].as_str().unwrap()),
            "{} then {}",
            w[0]["kind"],
            w[1]["kind"]
        );
    }
    // Last, the import itself: by the importer, now, not marked imported.
    let last = trail.last().unwrap();
    assert_eq!(last["kind"], "complaint.imported");
    assert_eq!(last["actor"], "crm");
    assert_eq!(last["actor_role"], "integrator");
    assert_eq!(last["occurred_at"], "2026-12-01T10:00:00+00:00");
    assert_eq!(
        last["data"],
        json!({"source_system": "legacy-crm", "source_id": "C-5001", "logged_by": "m.jones"})
    );
    assert_eq!(c["responded_by"], "j.smith");
    assert_eq!(c["assignee"], "j.smith");
}

async fn an_integrator_reads_what_it_imported_and_an_agent_cannot_import(app: TestApp) {
    app.team("north").await;
    app.set_now(at(IMPORTED_AT));
    let token = crm(&app);
    let body = case(
        "C-6001",
        "2026-11-02T10:00:00Z",
        closed_history_in_november(),
    );
    let c = imported(&app, &token, &body).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let read = get(&app, &token, &path).await;
    assert_eq!(read["created_by"], "crm");
    assert_eq!(read["imported"]["id"], "C-6001");
    let list = get(&app, &token, "/v1/complaints").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    // Another integrator does not reach it; north's agent does, as a north complaint.
    let other = app.token("crm-2", &["integrator"], None);
    problem(app.get(&path, &other).await, 404, "not_found").await;
    assert_eq!(get(&app, &app.agent("north"), &path).await["id"], c["id"]);

    // Neither an agent nor a team leader may import, one case or a batch.
    let mut own = case("C-6002", "2026-11-02T10:00:00Z", json!([]));
    own["complaint"].as_object_mut().unwrap().remove("team");
    for refused in [
        app.agent("north"),
        app.token("lead-north", &["team_leader"], Some("north")),
        analyst(&app),
    ] {
        problem(app.post(SINGLE, &refused, &own).await, 403, "forbidden").await;
        problem(
            app.post(BATCH, &refused, &json!({"cases": [own.clone()]}))
                .await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_eq!(
        get(&app, &analyst(&app), "/v1/complaints").await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // An integrator, like an admin, names the team.
    let p = problem(
        app.post(SINGLE, &token, &own).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "complaint.team");
}

/// [`closed_history`], ten months on: received on 2 November 2026.
fn closed_history_in_november() -> Value {
    json!([
        entry(
            "acknowledge",
            "2026-11-03T09:00:00Z",
            "j.smith",
            json!({"channel": "email"})
        ),
        entry(
            "start_investigation",
            "2026-11-03T10:00:00Z",
            "j.smith",
            json!({})
        ),
        entry(
            "issue_response",
            "2026-11-10T09:00:00Z",
            "j.smith",
            json!({
                "outcome": "upheld",
                "primary_cause": "PRC.HANDOFF",
                "remedies": [fee_refund("completed")],
                "channel": "letter",
            })
        ),
        entry("close", "2026-11-11T09:00:00Z", "j.smith", json!({})),
    ])
}
