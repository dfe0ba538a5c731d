//! Who handles a case and when it was handled: the first agent to work an unassigned case
//! becomes its handler, the people report credits whoever sent the response, the complaint
//! keeps its handling instants (and exports them), and a finished complaint is corrected only
//! by a team leader with a reason.

use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body};
use crate::procedure::{Case, at};

engine_tests!(an_agents_first_handling_action_assigns_an_unassigned_case_to_them,);

async fn events(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let resp = app.get(&format!("{path}/events"), token).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

/// A case logged by `token` at 10:00 on Monday 23 November 2026.
async fn logged<'a>(app: &'a TestApp, token: &str, profile: Option<&str>) -> Case<'a> {
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = complaint_body();
    if let Some(p) = profile {
        body["profile"] = json!(p);
    }
    let c = app.create(token, &body).await;
    Case {
        app,
        token: token.to_owned(),
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    }
}

async fn an_agents_first_handling_action_assigns_an_unassigned_case_to_them(app: TestApp) {
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let first = app.token("handler-1", &["agent"], Some("north"));
    let second = app.token("handler-2", &["agent"], Some("north"));
    let mut case = logged(&app, &app.agent("north"), None).await;

    // A team leader acknowledging in triage leaves the case for an agent to take.
    case.token = leader.clone();
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    assert!(c["assignee"].is_null(), "{c}");

    // The first agent to work it is its handler, and the trail says so in that event.
    case.token = first.clone();
    let c = case.ok("start_investigation", json!({})).await;
    assert_eq!(c["assignee"], "handler-1", "{c}");
    let trail = events(&app, &leader, &case.path).await;
    let started = trail.last().unwrap();
    assert_eq!(
        started["kind"], "complaint.start_investigation",
        "{started}"
    );
    assert_eq!(started["actor"], "handler-1", "{started}");
    assert_eq!(started["data"]["assigned"], "handler-1", "{started}");

    // Another agent working it later takes nothing over.
    case.token = second.clone();
    let c = case
        .ok("request_information", json!({"what": "Statements"}))
        .await;
    assert_eq!(c["assignee"], "handler-1", "{c}");
    let trail = events(&app, &leader, &case.path).await;
    let asked = trail.last().unwrap();
    assert!(asked["data"].get("assigned").is_none(), "{asked}");
}
