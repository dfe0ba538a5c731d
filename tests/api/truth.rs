//! What is late, told the same way whoever notices: a deadline an action finds passed is a
//! breach recorded as the sweeper records one, and every open case runs on a clock.

use recourse::service::jobs::sweeper::sweep_once;
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, problem};
use crate::procedure::{at, investigating, new_case, timer};

engine_tests!(
    a_deadline_an_action_finds_passed_is_breached_as_the_sweeper_would_breach_it,
    an_internal_review_of_a_one_stage_profile_runs_on_the_internal_targets,
    responding_with_the_root_cause_analysis_pending_is_the_organisations_setting,
);

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let resp = app.get(path, token).await;
    assert_eq!(resp.status(), 200, "{path}");
    resp.json().await.unwrap()
}

async fn a_deadline_an_action_finds_passed_is_breached_as_the_sweeper_would_breach_it(
    app: TestApp,
) {
    let mut case = new_case(&app).await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    investigating(&mut case).await;
    // The eight weeks ended on 18 January; no sweep has run since. The response is late.
    app.set_now(at("2027-02-01T09:00:00Z"));
    let c = case
        .ok(
            "issue_response",
            json!({
                "outcome": "upheld",
                "primary_cause": "PRC.HANDOFF",
                "communication": {"channel": "letter"},
            }),
        )
        .await;
    let final_response = timer(&c, "final_response");
    assert_eq!(final_response["state"], "breached");
    assert_eq!(final_response["kind"], "deadline");
    // Stamped with the instant the deadline passed, not the instant it was noticed.
    assert_eq!(final_response["breached_at"], final_response["due_at"]);
    assert!(final_response.get("met_at").is_none(), "{final_response}");

    // The trail, the escalations list and the sweeper agree that it was breached once.
    let events = get(&app, &case.token, &format!("{}/events", case.path)).await;
    let kinds: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    let breached: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "timer.breached")
        .collect();
    assert_eq!(breached.len(), 1, "{kinds:?}");
    assert_eq!(breached[0]["data"]["timer"], "final_response");
    assert_eq!(breached[0]["actor_role"], "system");
    let at_breach = kinds.iter().position(|k| *k == "timer.breached").unwrap();
    assert_eq!(kinds[at_breach + 1], "escalation.raised", "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"complaint.issue_response"), "{kinds:?}");
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let escalations = get(&app, &leader, "/v1/escalations").await;
    let items = escalations["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{escalations}");
    assert_eq!(items[0]["timer"], "final_response");
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 0);

    // Volumes (by the instant a deadline passed) and timeliness (by the timers of the
    // complaints received) count the same breach.
    let analyst = app.token("analyst-1", &["analyst"], None);
    let volumes = get(
        &app,
        &analyst,
        "/v1/reports/volumes?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z",
    )
    .await;
    assert_eq!(volumes["breached"], 1, "{volumes}");
    let timeliness = get(
        &app,
        &analyst,
        "/v1/reports/timeliness?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
    )
    .await;
    assert_eq!(timeliness["breaches"], 1, "{timeliness}");
    assert_eq!(timeliness["missed_targets"], 0, "{timeliness}");
}

async fn an_internal_review_of_a_one_stage_profile_runs_on_the_internal_targets(app: TestApp) {
    let mut case = new_case(&app).await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    investigating(&mut case).await;
    app.set_now(at("2026-11-24T11:00:00Z"));
    case.ok(
        "issue_response",
        json!({
            "outcome": "not_upheld",
            "primary_cause": "PRC.HANDOFF",
            "communication": {"channel": "letter"},
        }),
    )
    .await;
    // The complainant asks for a review; a team leader opens one on this one-stage profile.
    case.token = app.token("lead-north", &["team_leader"], Some("north"));
    app.set_now(at("2026-11-25T11:00:00Z"));
    let c = case
        .ok(
            "escalate",
            json!({"reason": "The complainant disputes the finding"}),
        )
        .await;
    assert_eq!(c["state"], "escalated");
    for name in ["stage2_acknowledgement", "stage2_response"] {
        let t = timer(&c, name);
        assert_eq!(t["state"], "running", "{name}: {c}");
        assert_eq!(t["kind"], "target", "{name}");
        assert_eq!(t["stage"], 2, "{name}");
        assert_eq!(t["started_at"], "2026-11-25T11:00:00+00:00", "{name}");
    }
    // The internal profile's defaults: acknowledged in 3 business days, answered in 20.
    assert_eq!(
        timer(&c, "stage2_acknowledgement")["due_at"],
        "2026-11-30T23:59:59.999999+00:00"
    );
    // Acknowledged by a reviewer other than the stage-1 handler: the review's response target
    // still runs. Users appear once they have signed in.
    let reviewer = app.token("agent-2", &["agent"], Some("north"));
    assert_eq!(app.get("/v1/me", &reviewer).await.status(), 200);
    case.ok("assign", json!({"assignee": "agent-2"})).await;
    case.token = reviewer;
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    assert_eq!(c["stage"], 2);
    assert_eq!(timer(&c, "stage2_acknowledgement")["state"], "met");
    assert_eq!(timer(&c, "stage2_response")["state"], "running");
}

async fn responding_with_the_root_cause_analysis_pending_is_the_organisations_setting(
    app: TestApp,
) {
    let mut case = new_case(&app).await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    investigating(&mut case).await;
    let response = json!({
        "outcome": "upheld",
        "rca_pending": true,
        "communication": {"channel": "letter"},
    });
    // Off by default: an upheld finding needs its root cause.
    let refused = problem(
        case.act("issue_response", response.clone()).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(refused["reason"], "rca_pending_not_allowed");

    let admin = app.token("admin-1", &["admin"], None);
    let current = get(&app, &admin, "/v1/profiles/internal/targets").await;
    let mut targets = current["targets"].clone();
    assert_eq!(targets["rca_pending_allowed"], false);
    // `null` is not a setting: refused, naming the field.
    targets["rca_pending_allowed"] = Value::Null;
    let resp = app
        .request(Method::PUT, "/v1/profiles/internal/targets", Some(&admin))
        .json(&targets)
        .send()
        .await
        .unwrap();
    let refused = problem(resp, 400, "invalid_request").await;
    assert_eq!(refused["field"], "rca_pending_allowed", "{refused}");
    targets["rca_pending_allowed"] = json!(true);
    let resp = app
        .request(Method::PUT, "/v1/profiles/internal/targets", Some(&admin))
        .json(&targets)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let c = case.ok("issue_response", response).await;
    assert_eq!(c["state"], "responded");
    assert_eq!(c["rca_pending"], true);
}
