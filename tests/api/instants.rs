//! Every instant a client gives is bounded: not before the event it follows, not after now
//! (give or take a minute's clock skew), planned dates within a horizon, report periods and
//! holidays within their ranges. A refusal is a 422 naming the field.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::TestApp,
    procedure::{Case, at, new_case, timer},
};

engine_tests!(
    letters_referrals_and_decisions_are_dated_between_what_they_follow_and_now,
    an_extension_is_dated_after_the_timer_started_and_within_the_horizon,
    a_corrected_receipt_stays_before_what_followed_it,
    report_periods_lie_between_1970_and_a_year_ahead,
    holidays_previews_and_improvement_dates_are_bounded,
    an_escalation_is_dated_by_its_receipt_and_stage_two_runs_from_it,
);

/// Asserts a 422 `validation_failed` naming `field`, and returns its detail.
async fn refused(resp: reqwest::Response, field: &str) -> String {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 422, "{field}: {body}");
    assert_eq!(body["code"], "validation_failed", "{body}");
    assert_eq!(body["field"], field, "{body}");
    body["detail"].as_str().unwrap().to_owned()
}

fn letter(sent_at: &str) -> Value {
    json!({"communication": {"channel": "email", "sent_at": sent_at}})
}

async fn letters_referrals_and_decisions_are_dated_between_what_they_follow_and_now(app: TestApp) {
    // Received 23 November 2026 at 10:00, which is also now.
    let mut case = new_case(&app).await;
    let detail = refused(
        case.act("acknowledge", letter("9999-12-31T00:00:00Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    assert!(detail.contains("after now"), "{detail}");
    let detail = refused(
        case.act("acknowledge", letter("2026-11-22T10:00:00Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    assert!(
        detail.contains("before the complaint's receipt"),
        "{detail}"
    );
    refused(
        case.act("acknowledge", letter("2026-11-23T10:01:30Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    // Within the minute of clock skew allowed.
    case.ok("acknowledge", letter("2026-11-23T10:00:30Z")).await;
    case.ok("start_investigation", json!({})).await;

    app.set_now(at("2026-11-30T10:00:00Z"));
    let response = |sent_at: &str| {
        json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP",
               "communication": {"channel": "letter", "sent_at": sent_at}})
    };
    let detail = refused(
        case.act("issue_response", response("2026-11-23T10:00:10Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    assert!(detail.contains("before the acknowledgement"), "{detail}");
    refused(
        case.act("issue_response", response("2027-01-01T00:00:00Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    case.ok("issue_response", response("2026-11-27T15:00:00Z"))
        .await;

    let refer = |referred_at: &str| json!({"scheme": "financial_ombudsman_service", "referred_at": referred_at});
    let detail = refused(
        case.act("refer", refer("2026-11-26T09:00:00Z")).await,
        "referred_at",
    )
    .await;
    assert!(detail.contains("before the response"), "{detail}");
    refused(
        case.act("refer", refer("9999-12-31T00:00:00Z")).await,
        "referred_at",
    )
    .await;
    case.ok("refer", refer("2026-11-28T09:00:00Z")).await;

    let decide = |decided_at: &str| json!({"decision": "not_upheld", "decided_at": decided_at});
    let detail = refused(
        case.act("record_referral_outcome", decide("2026-11-27T09:00:00Z"))
            .await,
        "decided_at",
    )
    .await;
    assert!(detail.contains("before the referral"), "{detail}");
    refused(
        case.act("record_referral_outcome", decide("9999-12-31T00:00:00Z"))
            .await,
        "decided_at",
    )
    .await;
    let c = case
        .ok("record_referral_outcome", decide("2026-11-29T09:00:00Z"))
        .await;
    assert_eq!(c["state"], "closed");
}

async fn an_extension_is_dated_after_the_timer_started_and_within_the_horizon(app: TestApp) {
    // Housing Ombudsman: stage 1 extendable with a notice; the internal profile's target
    // without one and without a cap.
    for profile in ["housing_ombudsman", "internal"] {
        let agent = app.agent("north");
        app.set_now(at("2026-11-23T10:00:00Z"));
        let mut body = crate::harness::complaint_body();
        body["profile"] = json!(profile);
        let c = app.create(&agent, &body).await;
        let mut case = Case {
            app: &app,
            token: agent,
            path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
            version: 1,
        };
        app.set_now(at("2026-11-23T11:00:00Z"));
        case.ok(
            "acknowledge",
            json!({"communication": {"channel": "email"}}),
        )
        .await;
        case.ok("start_investigation", json!({})).await;
        case.token = app.token("lead-north", &["team_leader"], Some("north"));
        app.set_now(at("2026-12-03T09:00:00Z"));
        let extend = |new_due_at: &str, notice_sent_at: &str| {
            json!({"timer": "stage1_response", "new_due_at": new_due_at, "reason": "Contractor report outstanding",
                   "notice": {"channel": "email", "sent_at": notice_sent_at}})
        };
        let detail = refused(
            case.act(
                "extend",
                extend("9999-12-31T00:00:00Z", "2026-12-02T09:00:00Z"),
            )
            .await,
            "new_due_at",
        )
        .await;
        assert!(detail.contains("planning horizon"), "{profile}: {detail}");
        let detail = refused(
            case.act(
                "extend",
                extend("2026-12-14T17:00:00Z", "2026-11-20T09:00:00Z"),
            )
            .await,
            "notice.sent_at",
        )
        .await;
        assert!(detail.contains("before the"), "{profile}: {detail}");
        refused(
            case.act(
                "extend",
                extend("2026-12-14T17:00:00Z", "9999-12-31T00:00:00Z"),
            )
            .await,
            "notice.sent_at",
        )
        .await;
        let c = case
            .ok(
                "extend",
                extend("2026-12-14T17:00:00Z", "2026-12-02T09:00:00Z"),
            )
            .await;
        assert_eq!(c["state"], "investigating", "{profile}");
    }
}

async fn a_corrected_receipt_stays_before_what_followed_it(app: TestApp) {
    let mut case = new_case(&app).await;
    app.set_now(at("2026-11-24T10:00:00Z"));
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    app.set_now(at("2026-11-25T10:00:00Z"));
    let patch = |received_at: &str| json!({"received_at": received_at});
    let tag = format!("\"{}\"", case.version);
    let detail = refused(
        app.patch(
            &case.path,
            &case.token,
            Some(&tag),
            &patch("2026-11-24T12:00:00Z"),
        )
        .await,
        "received_at",
    )
    .await;
    assert!(detail.contains("after the acknowledgement"), "{detail}");
    refused(
        app.patch(
            &case.path,
            &case.token,
            Some(&tag),
            &patch("9999-12-31T00:00:00Z"),
        )
        .await,
        "received_at",
    )
    .await;
    let resp = app
        .patch(
            &case.path,
            &case.token,
            Some(&tag),
            &patch("2026-11-23T09:00:00Z"),
        )
        .await;
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap());
}

async fn report_periods_lie_between_1970_and_a_year_ahead(app: TestApp) {
    app.set_now(at("2026-11-30T12:00:00Z"));
    let analyst = app.token("analyst-1", &["analyst"], None);
    for report in [
        "volumes",
        "outcomes",
        "root-causes",
        "timeliness",
        "flow",
        "people",
        "satisfaction",
        "vulnerable-gap",
    ] {
        let path = |query: &str| format!("/v1/reports/{report}?{query}");
        refused(
            app.get(&path("from=1900-01-01T00:00:00Z"), &analyst).await,
            "from",
        )
        .await;
        refused(
            app.get(&path("to=9999-12-31T00:00:00Z"), &analyst).await,
            "to",
        )
        .await;
        refused(
            app.get(
                &path("from=2026-11-01T00:00:00Z&to=2026-10-01T00:00:00Z"),
                &analyst,
            )
            .await,
            "to",
        )
        .await;
        let resp = app
            .get(
                &path("from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"),
                &analyst,
            )
            .await;
        assert_eq!(resp.status(), 200, "{report}");
    }
    let fca = |start: &str, end: &str| {
        format!("/v1/reports/returns/fca-disp?period_start={start}&period_end={end}")
    };
    refused(
        app.get(&fca("9999-01-01", "9999-12-31"), &analyst).await,
        "period_start",
    )
    .await;
    refused(
        app.get(&fca("1969-06-01", "1969-12-31"), &analyst).await,
        "period_start",
    )
    .await;
}

async fn holidays_previews_and_improvement_dates_are_bounded(app: TestApp) {
    app.set_now(at("2026-11-30T12:00:00Z"));
    let admin = app.token("admin-1", &["admin"], None);
    let holiday = |date: &str| format!("/v1/calendars/uk-england-wales/holidays/{date}");
    for method in [Method::PUT, Method::DELETE] {
        for date in ["9999-12-31", "1969-12-25", "2037-01-01"] {
            let resp = app
                .request(method.clone(), &holiday(date), Some(&admin))
                .send()
                .await
                .unwrap();
            refused(resp, "date").await;
        }
    }
    let resp = app
        .request(Method::PUT, &holiday("2036-12-29"), Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let agent = app.agent("north");
    let preview = |query: &str| format!("/v1/profiles/fca_disp/deadlines?{query}");
    refused(
        app.get(&preview("received_at=9999-12-31T00:00:00Z"), &agent)
            .await,
        "received_at",
    )
    .await;
    refused(
        app.get(
            &preview("received_at=2026-11-30T09:00:00Z&acknowledged_at=2026-11-29T09:00:00Z"),
            &agent,
        )
        .await,
        "acknowledged_at",
    )
    .await;
    let resp = app
        .get(
            &preview("received_at=2026-12-07T09:00:00Z&acknowledged_at=2026-12-08T09:00:00Z"),
            &agent,
        )
        .await;
    assert_eq!(resp.status(), 200);

    // An improvement item taken to `do`, with each dated step tried out of bounds first.
    let analyst = app.token("analyst-1", &["analyst"], None);
    let resp = app
        .post(
            "/v1/improvements",
            &analyst,
            &json!({"title": "Retries charge twice", "cause": "PRC.DELAY"}),
        )
        .await;
    let mut item: Value = resp.json().await.unwrap();
    let act = |item: &Value, action: &str, body: Value| {
        app.request(
            Method::POST,
            &format!(
                "/v1/improvements/{}/actions/{action}",
                item["id"].as_str().unwrap()
            ),
            Some(&analyst),
        )
        .header("If-Match", format!("\"{}\"", item["version"]))
        .json(&body)
        .send()
    };
    let next = |resp: reqwest::Response| async move {
        let status = resp.status();
        let body: Value = resp.json().await.unwrap();
        assert_eq!(status, 200, "{body}");
        body
    };
    item = next(
        act(
            &item,
            "triage",
            json!({"priority": "high", "owner": "analyst-1"}),
        )
        .await
        .unwrap(),
    )
    .await;
    let plan = |to: &str| {
        json!({"problem_statement": "Customers are charged twice", "others_affected": "unknown",
               "baseline_from": "2026-01-01", "baseline_to": to,
               "target_reduction_pct": 40, "measurement_days": 30})
    };
    refused(
        act(&item, "plan", plan("9999-12-31")).await.unwrap(),
        "baseline_to",
    )
    .await;
    item = next(act(&item, "plan", plan("2026-07-01")).await.unwrap()).await;
    let start = |due_on: &str| {
        json!({"tasks": [
            {"description": "Make retries idempotent", "owner": "dev-lead", "due_on": "2027-01-31"},
            {"description": "Refund the doubles", "owner": "ops-lead", "due_on": due_on},
        ]})
    };
    refused(
        act(&item, "start", start("9999-12-31")).await.unwrap(),
        "tasks[1].due_on",
    )
    .await;
    item = next(act(&item, "start", start("2027-03-31")).await.unwrap()).await;
    let live = |at: &str| json!({"went_live_at": at});
    refused(
        act(&item, "go_live", live("9999-12-31T00:00:00Z"))
            .await
            .unwrap(),
        "went_live_at",
    )
    .await;
    let detail = refused(
        act(&item, "go_live", live("2026-06-15T00:00:00Z"))
            .await
            .unwrap(),
        "went_live_at",
    )
    .await;
    assert!(detail.contains("baseline"), "{detail}");
    item = next(
        act(&item, "go_live", live("2026-11-02T00:00:00Z"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(item["went_live_at"], "2026-11-02T00:00:00+00:00");
}

async fn an_escalation_is_dated_by_its_receipt_and_stage_two_runs_from_it(app: TestApp) {
    let agent = app.token("handler-1", &["agent"], Some("north"));
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = crate::harness::complaint_body();
    body["profile"] = json!("housing_ombudsman");
    let c = app.create(&agent, &body).await;
    let mut case = Case {
        app: &app,
        token: agent,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    };
    case.ok("assign", json!({"assignee": "handler-1"})).await;
    app.set_now(at("2026-11-25T10:00:00Z"));
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    app.set_now(at("2026-11-25T12:00:00Z"));
    case.ok(
        "issue_response",
        json!({"outcome": "not_upheld", "communication": {"channel": "letter", "sent_at": "2026-11-25T11:30:00Z"}}),
    )
    .await;

    // Monday 21 December: the request arrived on Friday 18th.
    app.set_now(at("2026-12-21T10:00:00Z"));
    let escalate = |received_at: &str| json!({"received_at": received_at});
    let detail = refused(
        case.act("escalate", escalate("2026-11-25T11:00:00Z")).await,
        "received_at",
    )
    .await;
    assert!(detail.contains("before the response"), "{detail}");
    let detail = refused(
        case.act("escalate", escalate("2026-12-21T10:02:00Z")).await,
        "received_at",
    )
    .await;
    assert!(detail.contains("after now"), "{detail}");
    let c = case.ok("escalate", escalate("2026-12-18T09:00:00Z")).await;
    assert_eq!(c["state"], "escalated");
    assert_eq!(
        at(c["escalation_received_at"].as_str().unwrap()),
        at("2026-12-18T09:00:00Z")
    );
    let ack = timer(&c, "stage2_acknowledgement");
    assert_eq!(
        at(ack["started_at"].as_str().unwrap()),
        at("2026-12-18T09:00:00Z"),
        "{ack}"
    );
    // Escalated on the 21st it would be due on 30 December; from the 18th it is due sooner.
    assert!(
        at(ack["due_at"].as_str().unwrap()) < at("2026-12-30T23:59:59Z"),
        "{ack}"
    );
    // Its acknowledgement cannot predate the request.
    case.token = app.token("lead-north", &["team_leader"], Some("north"));
    let detail = refused(
        case.act("acknowledge", letter("2026-12-17T09:00:00Z"))
            .await,
        "communication.sent_at",
    )
    .await;
    assert!(detail.contains("before the escalation"), "{detail}");
}
