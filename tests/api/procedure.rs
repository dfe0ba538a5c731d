//! Whole procedures driven over HTTP.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, problem};

engine_tests!(
    an_fca_complaint_goes_from_receipt_to_final_response_and_closure,
    refused_actions_say_which_rule_refused_them,
    a_withdrawn_complaint_stops_its_timers,
    a_housing_ombudsman_case_goes_to_stage_two_with_a_different_handler_and_is_reopened,
    summary_resolution_closes_a_case_only_inside_the_window,
);

pub(crate) fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

pub(crate) struct Case<'a> {
    pub app: &'a TestApp,
    pub token: String,
    pub path: String,
    pub version: i64,
}

impl Case<'_> {
    pub async fn act(&mut self, action: &str, body: Value) -> reqwest::Response {
        let resp = self
            .app
            .request(
                Method::POST,
                &format!("{}/actions/{action}", self.path),
                Some(&self.token),
            )
            .header("If-Match", format!("\"{}\"", self.version))
            .json(&body)
            .send()
            .await
            .unwrap();
        if resp.status() == 200 {
            // An action moves the version on by one for its own change, and by one more when
            // it first recorded warnings or breaches that had come due (as the sweeper would).
            let etag = resp.headers().get("etag").unwrap().to_str().unwrap();
            let version: i64 = etag.trim_matches('"').parse().unwrap();
            assert!(
                version == self.version + 1 || version == self.version + 2,
                "{action}: version {} to {version}",
                self.version
            );
            self.version = version;
        }
        resp
    }

    pub async fn ok(&mut self, action: &str, body: Value) -> Value {
        let resp = self.act(action, body).await;
        let status = resp.status();
        let etag = resp
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        let json: Value = resp.json().await.unwrap();
        assert_eq!(status, 200, "{action}: {json}");
        assert_eq!(etag, Some(format!("\"{}\"", self.version)));
        json
    }
}

pub(crate) async fn new_case<'a>(app: &'a TestApp) -> Case<'a> {
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let c = app.create(&token, &complaint_body()).await;
    Case {
        app,
        token,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    }
}

/// Acknowledged and under investigation, by the case's caller.
pub(crate) async fn investigating(case: &mut Case<'_>) {
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
}

pub(crate) fn timer(c: &Value, name: &str) -> Value {
    c["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .cloned()
        .unwrap_or(Value::Null)
}

async fn an_fca_complaint_goes_from_receipt_to_final_response_and_closure(app: TestApp) {
    let mut case = new_case(&app).await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    assert_eq!(c["state"], "acknowledged");
    assert_eq!(c["acknowledged_at"], "2026-11-23T11:00:00+00:00");
    assert_eq!(timer(&c, "acknowledgement")["state"], "met");
    assert_eq!(timer(&c, "final_response")["state"], "running");
    case.ok("start_investigation", json!({})).await;
    let c = case
        .ok(
            "request_information",
            json!({"what": "Bank statements for October"}),
        )
        .await;
    assert_eq!(c["state"], "awaiting_information");
    case.ok(
        "information_received",
        json!({"note": "Statements arrived by post"}),
    )
    .await;

    app.set_now(at("2026-12-10T15:00:00Z"));
    let response = json!({
        "outcome": "upheld",
        "primary_cause": "PRC.HANDOFF",
        "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500, "currency": "GBP", "status": "completed"}],
        "communication": {"channel": "letter", "summary": "Final response: upheld, fee refunded."},
    });
    let c = case.ok("issue_response", response).await;
    assert_eq!(c["state"], "responded");
    assert_eq!(c["outcome"], "upheld");
    assert_eq!(c["primary_cause"], "PRC.HANDOFF");
    let final_response = timer(&c, "final_response");
    assert_eq!(final_response["state"], "met");
    assert_eq!(final_response["met_at"], "2026-12-10T15:00:00+00:00");
    // The window closed on 26 November, before the response: it lapsed (noticed by the
    // response itself, as the sweeper would have), and nothing was breached.
    let window = timer(&c, "summary_resolution");
    assert_eq!(window["state"], "lapsed");
    assert_eq!(window["kind"], "window");

    let c = case.ok("close", json!({"note": "Customer accepted"})).await;
    assert_eq!(c["state"], "closed");
    assert!(
        c["timers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["state"] != "running"),
        "{c}"
    );

    let events: Value = app
        .get(&format!("{}/events", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "complaint.created",
            "complaint.acknowledge",
            "complaint.start_investigation",
            "complaint.request_information",
            "complaint.information_received",
            // Recorded by the response, which found the window closed.
            "timer.lapsed",
            "complaint.issue_response",
            "complaint.close",
        ]
    );
    let issued = &events["items"][6]["data"];
    assert_eq!(issued["from"], "investigating");
    assert_eq!(issued["to"], "responded");
    assert_eq!(issued["communication"]["kind"], "final_response");
    assert_eq!(issued["remedies"][0]["amount_minor"], 2500);
    let verdict: Value = app
        .get(&format!("{}/events/verify", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verdict["intact"], true);
}

async fn refused_actions_say_which_rule_refused_them(app: TestApp) {
    let mut case = new_case(&app).await;
    let p = problem(
        case.act("close", json!({})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(
        p["detail"].as_str().unwrap().contains("from received"),
        "{p}"
    );
    let auditor = app.token("audit-1", &["auditor"], None);
    let resp = app
        .request(
            Method::POST,
            &format!("{}/actions/acknowledge", case.path),
            Some(&auditor),
        )
        .header("If-Match", "\"1\"")
        .json(&json!({"communication": {"channel": "email"}}))
        .send()
        .await
        .unwrap();
    problem(resp, 403, "forbidden").await;
    let resp = app
        .request(
            Method::POST,
            &format!("{}/actions/acknowledge", case.path),
            Some(&case.token),
        )
        .json(&json!({"communication": {"channel": "email"}}))
        .send()
        .await
        .unwrap();
    problem(resp, 428, "precondition_required").await;
    case.version = 9;
    problem(
        case.act(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await,
        412,
        "precondition_failed",
    )
    .await;
    case.version = 1;
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "phone"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;

    let respond = |outcome: &str, cause: Option<&str>, remedies: Value| {
        let mut body = json!({"outcome": outcome, "remedies": remedies, "communication": {"channel": "email"}});
        if let Some(cause) = cause {
            body["primary_cause"] = json!(cause);
        }
        body
    };
    let p = problem(
        case.act("issue_response", respond("upheld", None, json!([])))
            .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "root_cause_required");
    let big = json!([{"kind": "distress_inconvenience_payment", "amount_minor": 60000, "currency": "GBP"}]);
    let p = problem(
        case.act(
            "issue_response",
            respond("upheld", Some("PEO.KNOWLEDGE"), big),
        )
        .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "approval_required");
    let half = json!([{"kind": "goodwill_payment", "amount_minor": 1000}]);
    let p = problem(
        case.act("issue_response", respond("not_upheld", None, half))
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "remedies[0]");
    // A response with a remedy still due cannot be closed until it is settled.
    let due = json!([{"kind": "apology"}, {"kind": "goodwill_payment", "amount_minor": 1000, "currency": "GBP", "status": "due"}]);
    case.ok("issue_response", respond("not_upheld", None, due))
        .await;
    let p = problem(case.act("close", json!({})).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "remedies_unsettled");
}

async fn a_withdrawn_complaint_stops_its_timers(app: TestApp) {
    let mut case = new_case(&app).await;
    let c = case
        .ok("withdraw", json!({"reason": "Resolved with the branch"}))
        .await;
    assert_eq!(c["state"], "withdrawn");
    assert!(
        c["timers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["state"] == "stopped"),
        "{c}"
    );
    app.set_now(at("2027-06-01T00:00:00Z"));
    let swept = recourse::service::jobs::sweeper::sweep_once(&app.state, 100)
        .await
        .unwrap();
    assert_eq!(swept.timers_checked, 0);
    problem(
        case.act(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
}

async fn a_housing_ombudsman_case_goes_to_stage_two_with_a_different_handler_and_is_reopened(
    app: TestApp,
) {
    let first = app.token("handler-1", &["agent"], Some("north"));
    let second = app.token("handler-2", &["agent"], Some("north"));
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    // Both handlers have signed in, so they can be assigned.
    app.get("/v1/me", &second).await;
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = complaint_body();
    body["profile"] = json!("housing_ombudsman");
    let c = app.create(&first, &body).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let mut case = Case {
        app: &app,
        token: first.clone(),
        path: path.clone(),
        version: 1,
    };

    case.ok("assign", json!({"assignee": "handler-1"})).await;
    app.set_now(at("2026-11-25T10:00:00Z"));
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    // Stage 1 response runs from the acknowledgement: 10 working days.
    assert_eq!(timer(&c, "stage1_acknowledgement")["state"], "met");
    assert_eq!(
        timer(&c, "stage1_response")["due_at"],
        "2026-12-09T23:59:59.999999+00:00"
    );
    case.ok("start_investigation", json!({})).await;
    let c = case
        .ok(
            "issue_response",
            json!({"outcome": "not_upheld", "communication": {"channel": "letter"}}),
        )
        .await;
    assert_eq!(timer(&c, "stage1_response")["state"], "met");

    app.set_now(at("2026-12-21T10:00:00Z"));
    let c = case.ok("escalate", json!({})).await;
    assert_eq!(c["state"], "escalated");
    assert_eq!(
        timer(&c, "stage2_acknowledgement")["due_at"],
        "2026-12-30T23:59:59.999999+00:00"
    );
    // The stage-1 handler cannot take stage 2.
    let p = problem(
        case.act(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "stage2_handler");
    case.token = leader.clone();
    case.ok("assign", json!({"assignee": "handler-2"})).await;
    case.token = second.clone();
    app.set_now(at("2026-12-22T10:00:00Z"));
    let c = case
        .ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
    assert_eq!(c["stage"], 2);
    assert_eq!(timer(&c, "stage2_acknowledgement")["state"], "met");
    assert_eq!(
        timer(&c, "stage2_response")["due_at"],
        "2027-01-22T23:59:59.999999+00:00"
    );
    case.ok("start_investigation", json!({})).await;
    let c = case
        .ok(
            "issue_response",
            json!({"outcome": "partially_upheld", "primary_cause": "COM.UNCLEAR", "communication": {"channel": "letter"}}),
        )
        .await;
    assert_eq!(timer(&c, "stage2_response")["state"], "met");
    case.ok("close", json!({})).await;

    // Only a team leader reopens, with a reason; the regulatory timers stay as they were.
    let p = problem(
        case.act("reopen", json!({"reason": "New evidence"})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "role");
    case.token = leader;
    let c = case
        .ok(
            "reopen",
            json!({"reason": "New evidence from the contractor"}),
        )
        .await;
    assert_eq!(c["state"], "investigating");
    assert_eq!(c["stage"], 2);
    // The regulatory timers keep their history; only the internal reopen target runs.
    let running: Vec<_> = c["timers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["state"] == "running")
        .collect();
    assert_eq!(running.len(), 1, "{c}");
    assert_eq!(running[0]["name"], "reopened_response_1");
    assert_eq!(running[0]["regulatory"], false);
    assert!(
        c["timers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["regulatory"] == true)
            .all(|t| t["state"] != "running"),
        "{c}"
    );
    let events: Value = app
        .get(&format!("{path}/events/verify"), &second)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(events["intact"], true);
}

async fn summary_resolution_closes_a_case_only_inside_the_window(app: TestApp) {
    let resolve = json!({"outcome": "resolved", "communication": {"channel": "phone", "summary": "Summary resolution communication"}});
    // Received Monday 10:00: the window closes on Thursday at 17:00.
    let mut late = new_case(&app).await;
    app.set_now(at("2026-11-26T17:00:01Z"));
    let p = problem(
        late.act("resolve_summarily", resolve.clone()).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "summary_window_passed");

    let mut in_time = new_case(&app).await;
    app.set_now(at("2026-11-26T16:30:00Z"));
    let c = in_time.ok("resolve_summarily", resolve).await;
    assert_eq!(c["state"], "closed");
    assert_eq!(c["outcome"], "resolved");
    let window = timer(&c, "summary_resolution");
    assert_eq!(window["state"], "met");
    assert_eq!(window["met_at"], "2026-11-26T16:30:00+00:00");
    assert_eq!(timer(&c, "final_response")["state"], "stopped");
}
