//! An integrator's system is often where its complaints are handled: on the complaints it
//! logged it records the handling through to closing, settles the remedies, and is refused
//! what the procedure leaves to a team leader; other complaints are out of its reach.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::{Case, at},
};

engine_tests!(
    an_integrator_handles_its_own_complaint_from_receipt_to_closure,
    an_integrator_is_refused_what_the_procedure_leaves_to_a_team_leader,
    an_integrator_cannot_reach_complaints_it_did_not_log,
);

/// A north complaint logged by the integrator `sub`, acted on with its token.
async fn logged_by<'a>(app: &'a TestApp, sub: &str) -> Case<'a> {
    app.team("north").await;
    app.set_now(at("2026-11-23T10:00:00Z"));
    let token = app.token(sub, &["integrator"], None);
    let mut body = complaint_body();
    body["team"] = json!("north");
    let c = app.create(&token, &body).await;
    Case {
        app,
        token,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    }
}

async fn remedies(case: &Case<'_>) -> Vec<Value> {
    let resp = case
        .app
        .get(&format!("{}/remedies", case.path), &case.token)
        .await;
    assert_eq!(resp.status(), 200);
    let etag = resp
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    // The list carries the complaint's version, for settling with `If-Match`.
    assert_eq!(etag, Some(format!("\"{}\"", case.version)));
    let list: Value = resp.json().await.unwrap();
    list["items"].as_array().unwrap().clone()
}

async fn settle(case: &Case<'_>, remedy: &str, token: &str) -> reqwest::Response {
    case.app
        .request(
            Method::POST,
            &format!("{}/remedies/{remedy}/settle", case.path),
            Some(token),
        )
        .header("If-Match", format!("\"{}\"", case.version))
        .json(&json!({"status": "completed", "note": "Paid by the CRM"}))
        .send()
        .await
        .unwrap()
}

async fn an_integrator_handles_its_own_complaint_from_receipt_to_closure(app: TestApp) {
    let mut case = logged_by(&app, "crm").await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    case.ok("request_information", json!({"what": "Statements"}))
        .await;
    case.ok("information_received", json!({"note": "Arrived"}))
        .await;
    app.set_now(at("2026-12-01T11:00:00Z"));
    let c = case
        .ok(
            "issue_response",
            json!({
                "outcome": "upheld",
                "primary_cause": "PRC.HANDOFF",
                "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500, "currency": "GBP", "status": "due"}],
                "communication": {"channel": "letter"},
            }),
        )
        .await;
    assert_eq!(c["state"], "responded");
    // The integrator is no handler: the response is its system's, and no one was assigned.
    assert_eq!(c["assignee"], Value::Null);

    // Closing waits for the remedy, which the integrator's system settles.
    let p = problem(case.act("close", json!({})).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "remedies_unsettled");
    let items = remedies(&case).await;
    let remedy = items[0]["id"].as_str().unwrap();
    let resp = settle(&case, remedy, &case.token).await;
    assert_eq!(resp.status(), 200);
    case.version += 1;
    let c = case.ok("close", json!({"note": "Refund paid"})).await;
    assert_eq!(c["state"], "closed");

    // The trail records each step in the integrator's role.
    let events: Value = app
        .get(&format!("{}/events", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let roles: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["actor_role"].as_str())
        // Timers that came due as the clock moved were recorded by the service itself.
        .filter(|r| *r != "system")
        .collect();
    assert!(!roles.is_empty(), "{events}");
    assert!(roles.iter().all(|r| *r == "integrator"), "{roles:?}");
}

async fn an_integrator_is_refused_what_the_procedure_leaves_to_a_team_leader(app: TestApp) {
    let mut case = logged_by(&app, "crm").await;
    // The assignee has signed in, so that the role, not an unknown assignee, refuses.
    app.get("/v1/me", &app.agent("north")).await;
    for (action, body) in [
        ("assign", json!({"assignee": "agent-north"})),
        ("reject_scope", json!({"reason": "Not a complaint"})),
    ] {
        let p = problem(case.act(action, body).await, 409, "guard_failed").await;
        assert_eq!(p["reason"], "role", "{action}: {p}");
    }
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    case.ok("propose_response", json!({"outcome": "not_upheld"}))
        .await;
    // Four eyes: a team leader approves or returns what the integrator's system proposed.
    for (action, body) in [
        ("approve_response", json!({})),
        ("return_for_rework", json!({"reason": "Redo"})),
    ] {
        let p = problem(case.act(action, body).await, 409, "guard_failed").await;
        assert_eq!(p["reason"], "role", "{action}: {p}");
    }
    let leader = app.token("leader-north", &["team_leader"], Some("north"));
    let mut as_leader = Case {
        app: &app,
        token: leader,
        path: case.path.clone(),
        version: case.version,
    };
    as_leader.ok("approve_response", json!({})).await;
    case.version = as_leader.version;
    case.ok(
        "issue_response",
        json!({"outcome": "not_upheld", "communication": {"channel": "letter"}}),
    )
    .await;
    case.ok("close", json!({})).await;
    let p = problem(
        case.act("reopen", json!({"reason": "New evidence"})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "role");

    // What it may do now says the same.
    let list: Value = app
        .get(&format!("{}/actions", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let items = list["items"].as_array().unwrap();
    assert!(
        !items
            .iter()
            .any(|a| a["action"] == "reopen" && a["available"] == true),
        "{list}"
    );
}

async fn an_integrator_cannot_reach_complaints_it_did_not_log(app: TestApp) {
    // One logged by another integrator, one by a north agent; both responded with a remedy.
    let mut theirs = logged_by(&app, "portal").await;
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let mut agents = Case {
        app: &app,
        token: agent,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    };
    let crm = app.token("crm", &["integrator"], None);
    for case in [&mut theirs, &mut agents] {
        case.ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
        case.ok("start_investigation", json!({})).await;
        case.ok(
            "issue_response",
            json!({
                "outcome": "upheld",
                "primary_cause": "PRC.HANDOFF",
                "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 100, "currency": "GBP", "status": "due"}],
                "communication": {"channel": "letter"},
            }),
        )
        .await;
        let remedy = remedies(case).await[0]["id"].as_str().unwrap().to_owned();
        // Out of scope is 404, as if the complaint did not exist.
        problem(settle(case, &remedy, &crm).await, 404, "not_found").await;
        let resp = app
            .request(
                Method::POST,
                &format!("{}/actions/close", case.path),
                Some(&crm),
            )
            .header("If-Match", format!("\"{}\"", case.version))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        problem(resp, 404, "not_found").await;
        problem(app.get(&case.path, &crm).await, 404, "not_found").await;
    }
}
