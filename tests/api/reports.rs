//! Management information: a known set of complaints and every figure's exact value.

use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::{Case, at},
};

engine_tests!(
    demo_data_is_the_same_for_the_same_seed_and_feeds_the_reports,
    demo_copies_are_whole_complaints_with_intact_chains_and_the_timers_asked_due,
    volumes_outcomes_and_the_pareto_match_a_known_set_of_complaints,
    a_complaint_breached_and_then_answered_counts_as_late_with_its_response_time,
    reports_follow_the_callers_scope_and_an_empty_selection_is_all_zeros,
    the_fca_return_counts_a_known_set_by_grouping_and_cause,
    every_report_and_the_complaint_list_export_as_csv,
    reports_give_their_figures_per_period_with_group_by,
    after_a_bulk_load_postgresql_has_statistics_to_plan_with,
    dates_stored_far_off_leave_every_report_quick_and_exact,
);

async fn logged<'a>(app: &'a TestApp, token: &str, now: &str, body: Value) -> Case<'a> {
    app.set_now(at(now));
    let c = app.create(token, &body).await;
    Case {
        app,
        token: token.to_owned(),
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    }
}

async fn responded(case: &mut Case<'_>, response: Value) {
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    case.ok("issue_response", response).await;
}

/// Five complaints in November 2026: four of team north, one of south.
pub(crate) async fn known_set(app: &TestApp) {
    let north = app.agent("north");
    let mut c1 = logged(app, &north, "2026-11-02T10:00:00Z", complaint_body()).await;
    c1.ok("assign", json!({"assignee": "agent-north"})).await;
    responded(&mut c1, json!({
        "outcome": "upheld", "primary_cause": "PRC.HANDOFF",
        "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500, "currency": "GBP", "status": "completed"}],
        "communication": {"channel": "letter"},
    }))
    .await;
    let mut c2 = logged(app, &north, "2026-11-03T10:00:00Z", complaint_body()).await;
    responded(&mut c2, json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP", "communication": {"channel": "letter"}})).await;
    logged(
        app,
        &app.agent("south"),
        "2026-11-05T10:00:00Z",
        complaint_body(),
    )
    .await;
    app.set_now(at("2026-11-10T09:00:00Z"));
    c1.ok("close", json!({})).await;
    let mut vulnerable = complaint_body();
    vulnerable["vulnerability"] = json!({"drivers": ["health"]});
    let mut c3 = logged(app, &north, "2026-11-16T10:00:00Z", vulnerable).await;
    responded(&mut c3, json!({
        "outcome": "partially_upheld", "primary_cause": "PRC.HANDOFF",
        "remedies": [
            {"kind": "goodwill_payment", "amount_minor": 10000, "currency": "GBP", "status": "completed"},
            {"kind": "apology", "status": "completed"},
        ],
        "communication": {"channel": "letter"},
    }))
    .await;
    app.set_now(at("2026-11-20T09:00:00Z"));
    c3.ok("close", json!({})).await;
    logged(app, &north, "2026-11-27T10:00:00Z", complaint_body()).await;
    app.set_now(at("2026-11-30T12:00:00Z"));
}

const NOVEMBER: &str = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&team=north";

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let resp = app.get(path, token).await;
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn volumes_outcomes_and_the_pareto_match_a_known_set_of_complaints(app: TestApp) {
    known_set(&app).await;
    let analyst = app.token("analyst-1", &["analyst"], None);

    let v = get(
        &app,
        &analyst,
        &format!("/v1/reports/volumes?{NOVEMBER}&group_by=week"),
    )
    .await;
    assert_eq!(
        (v["in_scope"].as_u64(), v["received"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(v["closed"], 2);
    assert_eq!(v["open"], 2);
    // Open: one received 3 November (19 business days ago), one on Friday 27 November (1).
    assert_eq!(
        v["ageing"],
        json!([
            {"bucket": "0-3", "count": 1},
            {"bucket": "4-15", "count": 0},
            {"bucket": "16-40", "count": 1},
            {"bucket": "40+", "count": 0},
        ])
    );
    assert_eq!(
        v["series"],
        json!([
            {"period_start": "2026-11-02", "received": 2, "closed": 0, "breached": 0},
            {"period_start": "2026-11-09", "received": 0, "closed": 1, "breached": 0},
            {"period_start": "2026-11-16", "received": 1, "closed": 1, "breached": 0},
            {"period_start": "2026-11-23", "received": 1, "closed": 0, "breached": 0},
        ])
    );
    assert!(
        v["definitions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "closed")
    );
    let monthly = get(
        &app,
        &analyst,
        &format!("/v1/reports/volumes?{NOVEMBER}&group_by=month"),
    )
    .await;
    assert_eq!(
        monthly["series"],
        json!([{"period_start": "2026-11-01", "received": 4, "closed": 2, "breached": 0}])
    );

    let o = get(&app, &analyst, &format!("/v1/reports/outcomes?{NOVEMBER}")).await;
    assert_eq!(o["in_scope"], 4);
    assert_eq!(o["decided"], 3);
    assert_eq!(
        o["by_outcome"],
        json!([
            {"outcome": "upheld", "count": 1},
            {"outcome": "partially_upheld", "count": 1},
            {"outcome": "not_upheld", "count": 1},
            {"outcome": "resolved", "count": 0},
        ])
    );
    assert_eq!(o["upheld"]["numerator"], 2);
    assert_eq!(o["upheld"]["denominator"], 3);
    assert!((o["upheld"]["percent"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(o["upheld"]["robust"], false, "three cases are too few");
    assert_eq!(
        o["redress_paid"],
        json!([{"currency": "GBP", "count": 2, "sum_minor": 12500, "mean_minor": 6250.0}])
    );
    assert_eq!(
        o["redress_paid_by_kind"],
        json!([
            {"currency": "GBP", "kind": "fee_refund_or_waiver", "count": 1, "sum_minor": 2500, "mean_minor": 2500.0},
            {"currency": "GBP", "kind": "goodwill_payment", "count": 1, "sum_minor": 10000, "mean_minor": 10000.0},
        ])
    );

    let p = get(
        &app,
        &analyst,
        &format!("/v1/reports/root-causes?{NOVEMBER}"),
    )
    .await;
    assert_eq!(p["classified"], 3);
    let bars: Vec<_> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["cause"].as_str().unwrap().to_owned(),
                b["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bars,
        [
            ("PRC.HANDOFF".to_owned(), 2),
            ("NFF.EXPECTATION_GAP".to_owned(), 1)
        ]
    );
    assert_eq!(p["items"][1]["cumulative_percent"], 100.0);
    let l1 = get(
        &app,
        &analyst,
        &format!("/v1/reports/root-causes?{NOVEMBER}&level=l1"),
    )
    .await;
    assert_eq!(l1["items"][0]["cause"], "PRC");
    let upheld = get(
        &app,
        &analyst,
        &format!("/v1/reports/root-causes?{NOVEMBER}&upheld_only=true"),
    )
    .await;
    assert_eq!(upheld["classified"], 2);
    assert_eq!(
        upheld["items"],
        json!([{"cause": "PRC.HANDOFF", "count": 2, "share_percent": 100.0, "cumulative_percent": 100.0}])
    );

    let t = get(
        &app,
        &analyst,
        &format!("/v1/reports/timeliness?{NOVEMBER}"),
    )
    .await;
    assert_eq!(t["in_scope"], 4);
    assert_eq!(
        (
            t["acknowledged_in_time"]["numerator"].as_u64(),
            t["acknowledged_in_time"]["denominator"].as_u64()
        ),
        (Some(3), Some(3))
    );
    // Answered in full rather than summarily: the summary windows stopped, none met.
    assert_eq!(
        (
            t["summary_resolved_in_window"]["numerator"].as_u64(),
            t["summary_resolved_in_window"]["denominator"].as_u64()
        ),
        (Some(0), Some(3))
    );
    assert_eq!(t["summary_resolved_in_window"]["percent"], 0.0);
    assert_eq!(
        (
            t["responded_in_time"]["numerator"].as_u64(),
            t["responded_in_time"]["denominator"].as_u64()
        ),
        (Some(3), Some(3))
    );
    assert_eq!(
        (
            t["extended"]["numerator"].as_u64(),
            t["extended"]["denominator"].as_u64()
        ),
        (Some(0), Some(4))
    );
    assert_eq!(t["breaches"], 0);
    assert_eq!(t["responses"], 3);
    assert_eq!(t["median_business_days_to_response"], 0.0);

    let people = get(&app, &analyst, &format!("/v1/reports/people?{NOVEMBER}")).await;
    assert_eq!(people["min_cases"], 30);
    assert_eq!(people["teams"].as_array().unwrap().len(), 1);
    let north = &people["teams"][0];
    assert_eq!(north["key"], "north");
    assert_eq!(north["handled"], 4);
    assert_eq!(
        (
            north["on_time"]["numerator"].as_u64(),
            north["on_time"]["denominator"].as_u64()
        ),
        (Some(3), Some(3))
    );
    assert_eq!(north["on_time"]["robust"], false);
    assert_eq!(north["median_business_days_to_response"], 0.0);
    assert_eq!(
        (
            north["reopened"]["numerator"].as_u64(),
            north["reopened"]["denominator"].as_u64()
        ),
        (Some(0), Some(2))
    );
    // The handler is credited with every response they sent, not only with C1, the case
    // given to them with `assign`; the north complaint nobody has touched is nobody's.
    let handlers = people["handlers"].as_array().unwrap();
    assert_eq!(handlers.len(), 1);
    assert_eq!(handlers[0]["key"], "agent-north");
    assert_eq!(handlers[0]["handled"], 3);

    // The vulnerable customer (C3, partially upheld, answered the day it arrived) against the
    // other three (one upheld of two decided).
    let gap = get(
        &app,
        &analyst,
        &format!("/v1/reports/vulnerable-gap?{NOVEMBER}"),
    )
    .await;
    assert_eq!(gap["vulnerable"]["in_scope"], 1);
    assert_eq!(gap["others"]["in_scope"], 3);
    assert_eq!(gap["vulnerable"]["upheld"]["percent"], 100.0);
    assert_eq!(gap["others"]["upheld"]["percent"], 50.0);
    assert_eq!(gap["upheld_gap_points"], 50.0);
    assert_eq!(gap["median_days_gap"], 0.0);

    // The vulnerable customer's complaint alone.
    let vuln = get(
        &app,
        &analyst,
        &format!("/v1/reports/outcomes?{NOVEMBER}&vulnerable=true"),
    )
    .await;
    assert_eq!(vuln["in_scope"], 1);
    assert_eq!(
        vuln["by_outcome"][1],
        json!({"outcome": "partially_upheld", "count": 1})
    );
}

async fn reports_follow_the_callers_scope_and_an_empty_selection_is_all_zeros(app: TestApp) {
    known_set(&app).await;
    problem(
        app.get("/v1/reports/volumes", &app.agent("north")).await,
        403,
        "forbidden",
    )
    .await;
    // A team leader of south sees south's complaint only, whatever team is asked for.
    let south = app.token("lead-south", &["team_leader"], Some("south"));
    let v = get(
        &app,
        &south,
        "/v1/reports/volumes?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
    )
    .await;
    assert_eq!(v["received"], 1);
    let v = get(&app, &south, &format!("/v1/reports/volumes?{NOVEMBER}")).await;
    assert_eq!(v["received"], 0);
    // No data: zeros, and rates without a percentage.
    let analyst = app.token("analyst-1", &["analyst"], None);
    let o = get(
        &app,
        &analyst,
        &format!("/v1/reports/outcomes?{NOVEMBER}&product=pension"),
    )
    .await;
    assert_eq!(o["in_scope"], 0);
    assert_eq!(o["decided"], 0);
    assert!(o["upheld"].get("percent").is_none(), "{o}");
    assert_eq!(o["redress_paid"], json!([]));
    let p = get(
        &app,
        &analyst,
        &format!("/v1/reports/root-causes?{NOVEMBER}&product=pension"),
    )
    .await;
    assert_eq!(p["items"], json!([]));
    let bad = app.get("/v1/reports/volumes?group_by=year", &analyst).await;
    problem(bad, 400, "invalid_request").await;
}

async fn a_complaint_breached_and_then_answered_counts_as_late_with_its_response_time(
    app: TestApp,
) {
    let agent = app.agent("north");
    let mut late = logged(&app, &agent, "2026-11-02T10:00:00Z", complaint_body()).await;
    // Ten days on: the acknowledgement target (5 business days) and the summary window have
    // passed: the sweeper has marked the target missed and the window lapsed.
    app.set_now(at("2026-11-12T10:00:00Z"));
    recourse::service::jobs::sweeper::sweep_once(&app.state, 100)
        .await
        .unwrap();
    // The sweeper's events moved the version on.
    let current = get(&app, &agent, &late.path).await;
    late.version = current["version"].as_i64().unwrap();
    responded(&mut late, json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP", "communication": {"channel": "email"}})).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let t = get(
        &app,
        &analyst,
        &format!("/v1/reports/timeliness?{NOVEMBER}"),
    )
    .await;
    assert_eq!(
        (
            t["acknowledged_in_time"]["numerator"].as_u64(),
            t["acknowledged_in_time"]["denominator"].as_u64()
        ),
        (Some(0), Some(1))
    );
    assert_eq!(
        (
            t["summary_resolved_in_window"]["numerator"].as_u64(),
            t["summary_resolved_in_window"]["denominator"].as_u64()
        ),
        (Some(0), Some(1))
    );
    // The eight weeks were still running: the final response was in time.
    assert_eq!(
        (
            t["responded_in_time"]["numerator"].as_u64(),
            t["responded_in_time"]["denominator"].as_u64()
        ),
        (Some(1), Some(1))
    );
    // Neither is a breach: the acknowledgement target is the organisation's own (missed), and
    // the summary-resolution window is an option that lapsed. No deadline passed.
    assert_eq!(t["breaches"], 0);
    assert_eq!(t["regulatory_breaches"], 0);
    assert_eq!(t["missed_targets"], 1);
    assert_eq!(t["lapsed_windows"], 1);
    let v = get(&app, &analyst, &format!("/v1/reports/volumes?{NOVEMBER}")).await;
    assert_eq!(v["breached"], 0);
    let in_series: u64 = v["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["breached"].as_u64().unwrap())
        .sum();
    assert_eq!(in_series, 0);
    // 3, 4, 5, 6, 9, 10, 11 and 12 November.
    assert_eq!(t["median_business_days_to_response"], 8.0);
    assert_eq!(t["p90_business_days_to_response"], 8.0);

    // The complainant goes to the ombudsman, who upholds what we did not; then it is reopened.
    late.ok("refer", json!({"scheme": "financial_ombudsman_service"}))
        .await;
    late.ok("record_referral_outcome", json!({"decision": "upheld"}))
        .await;
    let f = get(&app, &analyst, &format!("/v1/reports/flow?{NOVEMBER}")).await;
    let pair = |r: &Value| {
        (
            r["numerator"].as_u64().unwrap(),
            r["denominator"].as_u64().unwrap(),
        )
    };
    assert_eq!(pair(&f["closed_at_stage1"]), (1, 1));
    assert_eq!(pair(&f["escalated"]), (0, 1));
    assert_eq!(pair(&f["referred"]), (1, 1));
    assert_eq!(pair(&f["overturned"]), (1, 1));
    assert_eq!(pair(&f["reopened"]), (0, 1));
    late.token = app.token("lead-north", &["team_leader"], Some("north"));
    late.ok("reopen", json!({"reason": "Ombudsman direction"}))
        .await;
    let f = get(&app, &analyst, &format!("/v1/reports/flow?{NOVEMBER}")).await;
    assert_eq!(pair(&f["reopened"]), (1, 1));
    assert_eq!(pair(&f["closed_at_stage1"]), (0, 0));
}

async fn demo_data_is_the_same_for_the_same_seed_and_feeds_the_reports(app: TestApp) {
    let until = at("2026-11-23T12:00:00Z");
    let report = recourse::seed::seed(&app.state, 60, 7, until)
        .await
        .unwrap();
    assert_eq!(report.complaints, 60);
    assert!(
        report.responded > 0 && report.closed > 0 && report.classified > 0,
        "{report:?}"
    );
    let again = TestApp::sqlite().await;
    let same = recourse::seed::seed(&again.state, 60, 7, until)
        .await
        .unwrap();
    assert_eq!(same, report);
    let other = TestApp::sqlite().await;
    let different = recourse::seed::seed(&other.state, 60, 8, until)
        .await
        .unwrap();
    assert_ne!(different, report);

    let analyst = app.token("analyst-1", &["analyst"], None);
    for path in [
        "/v1/reports/outcomes",
        "/v1/reports/root-causes",
        "/v1/reports/volumes?group_by=month",
    ] {
        let a = get(&app, &analyst, path).await;
        let b = get(&again, &analyst, path).await;
        assert_eq!(a, b, "{path}");
    }
    let v = get(&app, &analyst, "/v1/reports/volumes").await;
    assert_eq!(v["received"], 60);
    assert_eq!(v["closed"].as_u64(), Some(u64::from(report.closed)));
}

async fn demo_copies_are_whole_complaints_with_intact_chains_and_the_timers_asked_due(
    app: TestApp,
) {
    use recourse::{seed as demo, seed::copies as demo_copies, service::jobs::sweeper::sweep_once};
    let until = at("2026-11-23T12:00:00Z");
    // Sixty, so that some are still open with a running timer to copy as due.
    demo::seed(&app.state, 60, 7, until).await.unwrap();
    // The seeding ends with a sweep: nothing of the templates is left due.
    assert_eq!(
        sweep_once(&app.state, 1000).await.unwrap().timers_checked,
        0
    );
    let plan = demo_copies::CopyPlan {
        copies: 80,
        spread_weeks: 10,
        due: 5,
        first_customer: 60,
    };
    let written = demo_copies::copy(&app.state, plan, 7, until).await.unwrap();
    assert_eq!(written, 80);

    let admin = app.token("admin-1", &["admin"], None);
    let list = get(&app, &admin, "/v1/complaints?limit=200").await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 140);
    let references: std::collections::BTreeSet<&str> = items
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(references.len(), 140, "every copy has its own reference");
    for c in items {
        let id = c["id"].as_str().unwrap();
        let verdict = get(&app, &admin, &format!("/v1/complaints/{id}/events/verify")).await;
        assert_eq!(verdict["intact"], true, "{id}: {verdict}");
    }
    // Exactly the copies asked to be due have a timer to check now.
    let swept = sweep_once(&app.state, 1000).await.unwrap();
    assert!(swept.timers_checked >= 5, "{swept:?}");
    assert_eq!(
        sweep_once(&app.state, 1000).await.unwrap().timers_checked,
        0
    );
    let v = get(&app, &admin, "/v1/reports/volumes").await;
    assert_eq!(v["received"], 140);
}

async fn the_fca_return_counts_a_known_set_by_grouping_and_cause(app: TestApp) {
    known_set(&app).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let path = |from: &str, to: &str| {
        format!("/v1/reports/returns/fca-disp?period_start={from}&period_end={to}")
    };
    let november = get(&app, &analyst, &path("2026-11-01", "2026-11-30")).await;
    assert_eq!(november["in_scope"], 5);
    assert_eq!(november["nil_return"], false);
    let totals = &november["totals"];
    assert_eq!(totals["outstanding_at_start"], 0);
    assert_eq!(totals["opened"], 5);
    // Closed: received 2 Nov, closed 10 Nov (6 business days); received 16 Nov, closed
    // 20 Nov (4). Both after three business days, within eight weeks; both upheld (one
    // partially, which the return counts as upheld).
    assert_eq!(totals["closed"], 2);
    let pair = |r: &Value| {
        (
            r["numerator"].as_u64().unwrap(),
            r["denominator"].as_u64().unwrap(),
        )
    };
    assert_eq!(pair(&totals["closed_within_3_business_days"]), (0, 2));
    assert_eq!(pair(&totals["closed_within_8_weeks"]), (2, 2));
    assert_eq!(pair(&totals["closed_after_8_weeks"]), (0, 2));
    assert_eq!(pair(&totals["upheld"]), (2, 2));
    assert_eq!(
        totals["redress_paid"],
        json!([{"currency": "GBP", "sum_minor": 12500}])
    );
    assert_eq!(november["rows"].as_array().unwrap().len(), 1);
    assert_eq!(
        november["rows"][0]["product_grouping"],
        "Banking and credit cards"
    );
    assert_eq!(
        november["rows"][0]["main_cause"],
        "Terms and disputed sums/charges"
    );
    assert_eq!(november["by_product_grouping"][0]["figures"], *totals);

    // December: the three still open are outstanding at its start.
    let december = get(&app, &analyst, &path("2026-12-01", "2026-12-31")).await;
    assert_eq!(december["totals"]["outstanding_at_start"], 3);
    assert_eq!(december["totals"]["opened"], 0);
    assert_eq!(december["totals"]["closed"], 0);
    assert_eq!(december["in_scope"], 3);

    let nil = get(&app, &analyst, &path("2025-01-01", "2025-06-30")).await;
    assert_eq!(nil["nil_return"], true);
    assert_eq!(nil["rows"], json!([]));

    let backwards = app.get(&path("2026-06-30", "2026-01-01"), &analyst).await;
    let body = problem(backwards, 422, "validation_failed").await;
    assert_eq!(body["field"], "period_end");
    let leader = app.token("leader-north", &["team_leader"], Some("north"));
    let north_only = get(&app, &leader, &path("2026-11-01", "2026-11-30")).await;
    assert_eq!(
        north_only["totals"]["opened"], 4,
        "a team leader sees their team"
    );
}

async fn csv(app: &TestApp, token: &str, path: &str, accept: Option<&str>) -> Vec<Vec<String>> {
    let mut req = app.request(reqwest::Method::GET, path, Some(token));
    if let Some(a) = accept {
        req = req.header("Accept", a);
    }
    let resp = req.send().await.unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8",
        "{path}"
    );
    let text = resp.text().await.unwrap();
    assert!(text.ends_with("\r\n"), "{path}: {text}");
    // The fixtures hold no quoted fields, so a plain split reads them.
    text.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

fn cell<'a>(table: &'a [Vec<String>], section: &str, column: &str) -> Vec<&'a str> {
    let at = table[0]
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {:?}", table[0]));
    table[1..]
        .iter()
        .filter(|r| r[0] == section)
        .map(|r| r[at].as_str())
        .collect()
}

async fn every_report_and_the_complaint_list_export_as_csv(app: TestApp) {
    known_set(&app).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let v = csv(
        &app,
        &analyst,
        &format!("/v1/reports/volumes?{NOVEMBER}&format=csv"),
        None,
    )
    .await;
    assert_eq!(v[0][0], "section");
    assert_eq!(cell(&v, "summary", "received"), ["4"]);
    assert_eq!(cell(&v, "series", "period_start").len(), 4);
    assert_eq!(cell(&v, "series", "received"), ["2", "0", "1", "1"]);
    assert_eq!(
        cell(&v, "ageing", "bucket"),
        ["0-3", "4-15", "16-40", "40+"]
    );

    let people = csv(
        &app,
        &analyst,
        &format!("/v1/reports/people?{NOVEMBER}"),
        Some("text/csv"),
    )
    .await;
    assert_eq!(cell(&people, "teams", "key"), ["north"]);
    assert_eq!(cell(&people, "teams", "handled"), ["4"]);
    assert_eq!(cell(&people, "teams", "on_time.denominator"), ["3"]);

    // Every report answers CSV; JSON stays the default.
    for report in [
        "volumes",
        "timeliness",
        "flow",
        "outcomes",
        "root-causes",
        "people",
        "satisfaction",
        "vulnerable-gap",
        "improvement",
    ] {
        let table = csv(
            &app,
            &analyst,
            &format!("/v1/reports/{report}?format=csv"),
            None,
        )
        .await;
        assert!(table.len() >= 2, "{report}: {table:?}");
        let json = app.get(&format!("/v1/reports/{report}"), &analyst).await;
        assert!(
            json.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{report}"
        );
    }
    let fca = csv(
        &app,
        &analyst,
        "/v1/reports/returns/fca-disp?period_start=2026-11-01&period_end=2026-11-30&format=csv",
        None,
    )
    .await;
    assert_eq!(cell(&fca, "summary", "totals.opened"), ["5"]);

    let list = csv(
        &app,
        &analyst,
        "/v1/complaints?team=north&limit=1&format=csv",
        None,
    )
    .await;
    assert_eq!(list[0][..3], ["id", "reference", "team"]);
    assert_eq!(
        list.len(),
        5,
        "every matching complaint, not one page: {list:?}"
    );
    assert!(list[1..].iter().all(|r| r[2] == "north"));
    let everything = list.concat().join(",");
    assert!(
        !everything.contains("jo@example.com") && !everything.contains("Jo Bloggs"),
        "contact details stay out of exports"
    );
}

async fn reports_give_their_figures_per_period_with_group_by(app: TestApp) {
    known_set(&app).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let o = get(
        &app,
        &analyst,
        &format!("/v1/reports/outcomes?{NOVEMBER}&group_by=week"),
    )
    .await;
    let series = o["series"].as_array().unwrap();
    // 1 November is a Sunday: its week starts on 26 October and is clipped to the range.
    let starts: Vec<&str> = series
        .iter()
        .map(|p| p["period_start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-10-26",
            "2026-11-02",
            "2026-11-09",
            "2026-11-16",
            "2026-11-23",
            "2026-11-30"
        ]
    );
    let in_scope: Vec<u64> = series
        .iter()
        .map(|p| p["in_scope"].as_u64().unwrap())
        .collect();
    assert_eq!(in_scope, [0, 2, 0, 1, 1, 0]);
    let decided: u64 = series.iter().map(|p| p["decided"].as_u64().unwrap()).sum();
    assert_eq!(decided, o["decided"].as_u64().unwrap());
    assert!(
        series
            .iter()
            .all(|p| p["definitions"] == json!([]) && p.get("series").is_none())
    );
    assert!(o.get("period_start").is_none());

    for report in ["timeliness", "flow", "satisfaction"] {
        let r = get(
            &app,
            &analyst,
            &format!("/v1/reports/{report}?{NOVEMBER}&group_by=month"),
        )
        .await;
        assert_eq!(r["series"][0]["period_start"], "2026-11-01", "{report}");
        assert_eq!(r["series"][0]["in_scope"], r["in_scope"], "{report}");
    }
    let t = get(
        &app,
        &analyst,
        &format!("/v1/reports/timeliness?{NOVEMBER}&group_by=week"),
    )
    .await;
    let responses: u64 = t["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["responses"].as_u64().unwrap())
        .sum();
    assert_eq!(responses, t["responses"].as_u64().unwrap());

    let open_ended = app
        .get(
            "/v1/reports/flow?from=2026-11-01T00:00:00Z&group_by=day",
            &analyst,
        )
        .await;
    let body = problem(open_ended, 422, "validation_failed").await;
    assert_eq!(body["field"], "to");
    let too_many = app
        .get(
            "/v1/reports/flow?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&group_by=day",
            &analyst,
        )
        .await;
    let body = problem(too_many, 422, "validation_failed").await;
    assert_eq!(body["field"], "group_by");
}

/// Without statistics PostgreSQL planned a million seeded complaints badly (a get 54 ms, a list
/// page 5 s), and nothing analyzes them where autovacuum is off; `recourse seed` refreshes them
/// when it is done.
async fn after_a_bulk_load_postgresql_has_statistics_to_plan_with(app: TestApp) {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    recourse::seed::seed(&app.state, 12, 7, at("2026-11-23T12:00:00Z"))
        .await
        .unwrap();
    let refreshed = app.state.db.refresh_statistics().await.unwrap();
    if app.state.db.backend() != DbBackend::Postgres {
        assert!(!refreshed, "SQLite keeps planning from the schema");
        return;
    }
    assert!(refreshed);
    let row = app
        .state
        .db
        .conn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT COUNT(*) AS n FROM pg_stats \
             WHERE schemaname = current_schema() AND tablename = 'complaints'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.try_get::<i64>("", "n").unwrap() > 0,
        "complaints was analyzed"
    );
}

/// Every report's path, with `query` after it.
fn every_report(query: &str) -> Vec<String> {
    [
        "volumes",
        "outcomes",
        "root-causes",
        "timeliness",
        "flow",
        "improvement",
        "people",
        "satisfaction",
        "vulnerable-gap",
    ]
    .iter()
    // The improvement report takes no period or team filter: it covers the whole backlog.
    .map(|r| match *r {
        "improvement" => format!("/v1/reports/{r}"),
        _ => format!("/v1/reports/{r}?{query}"),
    })
    .chain([
        "/v1/reports/returns/fca-disp?period_start=2026-11-01&period_end=2026-11-30".to_owned(),
    ])
    .collect()
}

/// Asks each report in turn; each must answer 200 within `limit`.
async fn every_report_answers_within(
    app: &TestApp,
    token: &str,
    query: &str,
    limit: std::time::Duration,
) {
    for path in every_report(query) {
        let started = std::time::Instant::now();
        let resp = tokio::time::timeout(limit, app.get(&path, token))
            .await
            .unwrap_or_else(|_| panic!("{path} took more than {limit:?}"));
        assert_eq!(resp.status(), 200, "{path}: {}", resp.text().await.unwrap());
        assert!(started.elapsed() < limit, "{path}: {:?}", started.elapsed());
    }
}

/// Dates no request can give (a response sent on 9999-12-31, a complaint received then and
/// closed, one received in 1970) stored straight into the database: every report still
/// answers at once, and a complaint's business days come out the same whether the report's
/// business-day table covers its dates or not.
async fn dates_stored_far_off_leave_every_report_quick_and_exact(app: TestApp) {
    use entity::{communication, complaint};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    let agent = app.agent("north");
    let answer = json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP", "communication": {"channel": "email"}});
    // Received Monday 2 November, answered Thursday 12 November: 8 business days.
    let mut c1 = logged(&app, &agent, "2026-11-02T10:00:00Z", complaint_body()).await;
    app.set_now(at("2026-11-12T10:00:00Z"));
    responded(&mut c1, answer.clone()).await;
    // Answered, then its response moved to the last day there is.
    let mut c2 = logged(&app, &agent, "2026-11-03T10:00:00Z", complaint_body()).await;
    responded(&mut c2, answer.clone()).await;
    // Closed in 9999 (by a clock set there: events are append-only), and its receipt moved
    // to 1970.
    let mut c3 = logged(&app, &agent, "2026-11-04T10:00:00Z", complaint_body()).await;
    responded(&mut c3, answer.clone()).await;
    app.set_now(at("9999-12-31T10:00:00Z"));
    c3.ok("close", json!({})).await;
    // Open, received (as stored) on the last day but one.
    let c4 = logged(&app, &agent, "2026-11-05T10:00:00Z", complaint_body()).await;
    let id = |c: &Case<'_>| uuid::Uuid::parse_str(c.path.rsplit('/').next().unwrap()).unwrap();
    let db = &app.state.db.conn;
    let far = at("9999-12-31T10:00:00Z");
    communication::Entity::update_many()
        .col_expr(communication::Column::SentAt, Expr::value(far))
        .filter(communication::Column::ComplaintId.eq(id(&c2)))
        .filter(communication::Column::Kind.eq("final_response"))
        .exec(db)
        .await
        .unwrap();
    complaint::Entity::update_many()
        .col_expr(
            complaint::Column::ReceivedAt,
            Expr::value(at("1970-01-01T09:00:00Z")),
        )
        .filter(complaint::Column::Id.eq(id(&c3)))
        .exec(db)
        .await
        .unwrap();
    complaint::Entity::update_many()
        .col_expr(
            complaint::Column::ReceivedAt,
            Expr::value(at("9999-12-30T10:00:00Z")),
        )
        .filter(complaint::Column::Id.eq(id(&c4)))
        .exec(db)
        .await
        .unwrap();

    app.set_now(at("2026-11-30T12:00:00Z"));
    let analyst = app.token("analyst-1", &["analyst"], None);
    let limit = std::time::Duration::from_secs(5);
    every_report_answers_within(&app, &analyst, NOVEMBER, limit).await;
    every_report_answers_within(&app, &analyst, "", limit).await;

    // c1 (8 days, in the table) and c2 (answered in 9999, outside it) were received in
    // November: the median is halfway between them, the 90th percentile c2's count.
    let t = get(
        &app,
        &analyst,
        &format!("/v1/reports/timeliness?{NOVEMBER}"),
    )
    .await;
    assert_eq!(t["responses"], 2, "{t}");
    let (median, p90) = (
        t["median_business_days_to_response"].as_f64().unwrap(),
        t["p90_business_days_to_response"].as_f64().unwrap(),
    );
    assert!(p90 > 2_000_000.0, "{t}");
    assert_eq!(2.0 * median - p90, 8.0, "{t}");
    let people = get(&app, &analyst, &format!("/v1/reports/people?{NOVEMBER}")).await;
    assert_eq!(
        people["teams"][0]["median_business_days_to_response"],
        median
    );

    // Fourteen years on, November 2026 lies outside the ten years a table covers: every
    // count is made without it, and comes out the same.
    app.set_now(at("2040-11-30T12:00:00Z"));
    every_report_answers_within(&app, &analyst, NOVEMBER, limit).await;
    let later = get(
        &app,
        &analyst,
        &format!("/v1/reports/timeliness?{NOVEMBER}"),
    )
    .await;
    assert_eq!(later["median_business_days_to_response"], median);
    assert_eq!(later["p90_business_days_to_response"], p90);
    // All time: c3, received in 1970 and answered in 2026, counts too.
    let all = get(&app, &analyst, "/v1/reports/timeliness").await;
    assert_eq!(all["responses"], 3, "{all}");
}
