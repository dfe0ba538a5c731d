//! Who handles a case and when it was handled: the first agent to work an unassigned case
//! becomes its handler, the people report credits whoever sent the response, the complaint
//! keeps its handling instants (and exports them), and a finished complaint is corrected only
//! by a team leader with a reason.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, problem};
use crate::procedure::{Case, at};

engine_tests!(
    an_agents_first_handling_action_assigns_an_unassigned_case_to_them,
    the_people_report_credits_the_handler_who_sent_the_response,
    a_complaint_keeps_when_it_was_responded_to_escalated_and_closed,
    correcting_a_finished_complaint_takes_a_team_leader_and_a_reason,
    demo_seeding_shares_the_cases_among_each_teams_handlers,
);

async fn events(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let resp = app.get(&format!("{path}/events"), token).await;
    assert_eq!(resp.status(), 200);
    let body: Value = resp.json().await.unwrap();
    body["items"].as_array().unwrap().clone()
}

async fn read(app: &TestApp, token: &str, path: &str) -> Value {
    let resp = app.get(path, token).await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
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

async fn the_people_report_credits_the_handler_who_sent_the_response(app: TestApp) {
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let assigned = app.token("handler-a", &["agent"], Some("north"));
    let responder = app.token("handler-b", &["agent"], Some("north"));
    let holder = app.token("handler-c", &["agent"], Some("north"));
    assert_eq!(app.get("/v1/me", &assigned).await.status(), 200);

    // Assigned to handler-a, but handler-b does the work and sends the response.
    let mut answered = logged(&app, &app.agent("north"), None).await;
    answered.token = leader.clone();
    answered
        .ok("assign", json!({"assignee": "handler-a"}))
        .await;
    answered.token = responder.clone();
    app.set_now(at("2026-11-23T11:00:00Z"));
    answered
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    answered.ok("start_investigation", json!({})).await;
    app.set_now(at("2026-11-25T11:00:00Z"));
    let c = answered
        .ok(
            "issue_response",
            json!({"outcome": "not_upheld", "communication": {"channel": "letter"}}),
        )
        .await;
    assert_eq!(c["assignee"], "handler-a", "{c}");
    assert_eq!(c["responded_by"], "handler-b", "{c}");

    // Not answered yet: credited to the agent who took it by acknowledging it.
    let mut open = logged(&app, &app.agent("north"), None).await;
    open.token = holder.clone();
    open.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;

    let analyst = app.token("analyst-1", &["analyst"], None);
    let people = read(
        &app,
        &analyst,
        "/v1/reports/people?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&team=north",
    )
    .await;
    let handled: Vec<(String, u64)> = people["handlers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["key"].as_str().unwrap().to_owned(),
                h["handled"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        handled,
        [("handler-b".to_owned(), 1), ("handler-c".to_owned(), 1)],
        "{people}"
    );
    let b = &people["handlers"][0];
    assert_eq!(b["median_business_days_to_response"], 2.0, "{people}");
}

async fn a_complaint_keeps_when_it_was_responded_to_escalated_and_closed(app: TestApp) {
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let first = app.token("handler-1", &["agent"], Some("north"));
    let second = app.token("handler-2", &["agent"], Some("north"));
    assert_eq!(app.get("/v1/me", &second).await.status(), 200);
    let mut case = logged(&app, &first, Some("housing_ombudsman")).await;

    app.set_now(at("2026-11-24T10:00:00Z"));
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    assert_eq!(c["acknowledged_at"], "2026-11-24T10:00:00+00:00");
    assert!(
        c["responded_at"].is_null() && c["closed_at"].is_null(),
        "{c}"
    );
    case.ok("start_investigation", json!({})).await;
    app.set_now(at("2026-11-30T15:00:00Z"));
    let c = case
        .ok(
            "issue_response",
            json!({"outcome": "not_upheld", "communication": {"channel": "letter", "sent_at": "2026-11-30T14:00:00Z"}}),
        )
        .await;
    // When the letter went, not when it was recorded.
    assert_eq!(c["responded_at"], "2026-11-30T14:00:00+00:00", "{c}");
    assert_eq!(c["responded_by"], "handler-1", "{c}");
    assert!(
        c["escalated_at"].is_null() && c["closed_at"].is_null(),
        "{c}"
    );

    app.set_now(at("2026-12-07T09:00:00Z"));
    let c = case.ok("escalate", json!({})).await;
    assert_eq!(c["escalated_at"], "2026-12-07T09:00:00+00:00", "{c}");
    assert_eq!(c["escalated_at"], c["escalation_received_at"], "{c}");
    case.token = leader.clone();
    case.ok("assign", json!({"assignee": "handler-2"})).await;
    case.token = second.clone();
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    app.set_now(at("2026-12-14T12:00:00Z"));
    let c = case
        .ok(
            "issue_response",
            json!({"outcome": "not_upheld", "communication": {"channel": "letter"}}),
        )
        .await;
    assert_eq!(c["responded_at"], "2026-12-14T12:00:00+00:00", "{c}");
    assert_eq!(c["responded_by"], "handler-2", "{c}");
    app.set_now(at("2026-12-15T12:00:00Z"));
    let c = case.ok("close", json!({})).await;
    assert_eq!(c["closed_at"], "2026-12-15T12:00:00+00:00", "{c}");

    // The list export carries the same instants.
    let resp = app
        .request(
            Method::GET,
            "/v1/complaints?team=north&format=csv",
            Some(&leader),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let column = |name: &str| {
        let i = rows[0]
            .iter()
            .position(|c| *c == name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", rows[0]));
        rows[1][i].to_owned()
    };
    assert_eq!(column("acknowledged_at"), "2026-11-24T10:00:00+00:00");
    assert_eq!(column("responded_at"), "2026-12-14T12:00:00+00:00");
    assert_eq!(column("responded_by"), "handler-2");
    assert_eq!(column("escalated_at"), "2026-12-07T09:00:00+00:00");
    assert_eq!(column("closed_at"), "2026-12-15T12:00:00+00:00");

    // Reopened, it is no longer finished.
    case.token = leader.clone();
    let c = case.ok("reopen", json!({"reason": "New evidence"})).await;
    assert!(c["closed_at"].is_null(), "{c}");
    assert_eq!(c["responded_at"], "2026-12-14T12:00:00+00:00", "{c}");

    // Every end state counts: a withdrawal finishes a case too.
    app.set_now(at("2026-12-16T09:00:00Z"));
    let mut withdrawn = logged(&app, &first, None).await;
    app.set_now(at("2026-12-16T09:30:00Z"));
    let c = withdrawn.ok("withdraw", json!({})).await;
    assert_eq!(c["closed_at"], "2026-12-16T09:30:00+00:00", "{c}");
}

async fn correcting_a_finished_complaint_takes_a_team_leader_and_a_reason(app: TestApp) {
    let agent = app.agent("north");
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let mut case = logged(&app, &agent, None).await;
    // Open, an agent corrects it without a reason.
    let resp = app
        .patch(
            &case.path,
            &agent,
            Some("\"1\""),
            &json!({"category": "payments"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    case.version = 2;
    app.set_now(at("2026-11-23T12:00:00Z"));
    let c = case
        .ok(
            "resolve_summarily",
            json!({"outcome": "resolved", "communication": {"channel": "phone"}}),
        )
        .await;
    assert_eq!(c["state"], "closed");
    let tag = format!("\"{}\"", case.version);

    // Closed, it has been reported as it stands: not the agent's to change.
    let p = problem(
        app.patch(
            &case.path,
            &agent,
            Some(&tag),
            &json!({"category": "fees", "reason": "Miscategorised"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("team leader"), "{p}");
    // A team leader gives a reason.
    let p = problem(
        app.patch(
            &case.path,
            &leader,
            Some(&tag),
            &json!({"category": "fees"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "reason", "{p}");
    let resp = app
        .patch(
            &case.path,
            &leader,
            Some(&tag),
            &json!({"category": "fees", "reason": "Miscategorised at intake"}),
        )
        .await;
    let status = resp.status();
    let c: Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{c}");
    assert_eq!(c["category"], "fees");
    let trail = events(&app, &leader, &case.path).await;
    let corrected = trail.last().unwrap();
    assert_eq!(corrected["kind"], "complaint.updated", "{corrected}");
    assert_eq!(corrected["actor_role"], "team_leader", "{corrected}");
    assert_eq!(
        corrected["data"]["reason"], "Miscategorised at intake",
        "{corrected}"
    );
    assert_eq!(
        corrected["data"]["changes"]["category"],
        json!({"before": "payments", "after": "fees"}),
        "{corrected}"
    );
}

async fn demo_seeding_shares_the_cases_among_each_teams_handlers(app: TestApp) {
    let until = at("2026-11-23T12:00:00Z");
    let report = recourse::seed::seed(&app.state, 40, 7, until)
        .await
        .unwrap();
    assert_eq!(report.complaints, 40);
    let analyst = app.token("analyst-1", &["analyst"], None);
    let people = read(&app, &analyst, "/v1/reports/people").await;
    let handlers = people["handlers"].as_array().unwrap();
    let teams = people["teams"].as_array().unwrap();
    // Several handlers a team, not one.
    assert!(handlers.len() >= 2 * teams.len(), "{people}");
    let credited: u64 = handlers
        .iter()
        .map(|h| h["handled"].as_u64().unwrap())
        .sum();
    assert_eq!(credited, 40, "every demo case has a handler: {people}");
}
