//! Remedies beyond the firm's own response: what an ombudsman orders, settled before the case
//! closes and counted apart in the reports, and the four-eyes threshold, which looks at the
//! total a complainant is given in a currency however the payment is split.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::{Case, at, investigating, new_case},
};

engine_tests!(
    a_payment_split_below_the_threshold_still_needs_a_second_pair_of_eyes,
    each_currency_is_totalled_on_its_own_against_the_threshold,
    an_ombudsman_decision_records_the_remedies_it_orders_and_the_case_closes_once_they_are_paid,
    ordered_remedies_are_checked_like_the_firms_own,
    reports_count_ombudsman_decisions_and_ordered_redress_apart_from_the_firms_own,
);

fn leader(app: &TestApp, sub: &str) -> String {
    app.token(sub, &["team_leader"], Some("north"))
}

fn payments(amounts: &[(i64, &str)]) -> Value {
    amounts
        .iter()
        .map(|(amount, currency)| {
            json!({"kind": "financial_loss_compensation", "amount_minor": amount, "currency": currency})
        })
        .collect()
}

async fn remedies(case: &Case<'_>) -> Vec<Value> {
    let list: Value = case
        .app
        .get(&format!("{}/remedies", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    list["items"].as_array().unwrap().clone()
}

/// Settles a remedy of the case as completed.
async fn settle(case: &mut Case<'_>, remedy: &Value) {
    let resp = case
        .app
        .request(
            Method::POST,
            &format!(
                "{}/remedies/{}/settle",
                case.path,
                remedy["id"].as_str().unwrap()
            ),
            Some(&case.token),
        )
        .header("If-Match", format!("\"{}\"", case.version))
        .json(&json!({"status": "completed", "note": "Paid"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    case.version += 1;
}

async fn a_payment_split_below_the_threshold_still_needs_a_second_pair_of_eyes(app: TestApp) {
    // The threshold is 50,000: ten payments of 50,000 are 500,000 to one complainant.
    let mut case = new_case(&app).await;
    // The agent's acknowledgement made them the case's handler.
    investigating(&mut case).await;
    let split = payments(&[(50_000, "GBP"); 10]);
    let p = problem(
        case.act(
            "issue_response",
            json!({
                "outcome": "upheld",
                "primary_cause": "SYS.OUTAGE",
                "remedies": split,
                "communication": {"channel": "letter"},
            }),
        )
        .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "approval_required", "{p}");

    // Proposed instead, it waits for a team leader other than the handler.
    let c = case
        .ok(
            "propose_response",
            json!({"outcome": "upheld", "primary_cause": "SYS.OUTAGE", "remedies": split}),
        )
        .await;
    assert_eq!(c["state"], "pending_approval");
    let handler = case.token.clone();
    case.token = app.token("agent-north", &["team_leader"], Some("north"));
    let p = problem(
        case.act("approve_response", json!({})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "four_eyes");
    case.token = leader(&app, "lead-north");
    case.ok("approve_response", json!({})).await;
    case.token = handler;
    let c = case
        .ok(
            "issue_response",
            json!({"outcome": "upheld", "communication": {"channel": "letter"}}),
        )
        .await;
    assert_eq!(c["state"], "responded");
    assert_eq!(remedies(&case).await.len(), 10);
}

async fn each_currency_is_totalled_on_its_own_against_the_threshold(app: TestApp) {
    let respond = |list: &[(i64, &str)]| {
        json!({
            "outcome": "upheld",
            "primary_cause": "SYS.OUTAGE",
            "remedies": payments(list),
            "communication": {"channel": "letter"},
        })
    };
    // 50,000 in pounds and 45,000 in euros: neither total is above the threshold, and pounds
    // and euros are never added together.
    let mut case = new_case(&app).await;
    investigating(&mut case).await;
    let c = case
        .ok(
            "issue_response",
            respond(&[(30_000, "GBP"), (45_000, "EUR"), (20_000, "GBP")]),
        )
        .await;
    assert_eq!(c["state"], "responded");

    // One minor unit more in pounds is above it, though no single payment is.
    let mut case = new_case(&app).await;
    investigating(&mut case).await;
    let p = problem(
        case.act(
            "issue_response",
            respond(&[(30_000, "GBP"), (45_000, "EUR"), (20_001, "GBP")]),
        )
        .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "approval_required", "{p}");
}

/// A case answered `not_upheld` by the firm and referred to the Financial Ombudsman Service.
async fn referred(app: &TestApp) -> Case<'_> {
    let mut case = new_case(app).await;
    investigating(&mut case).await;
    case.ok(
        "issue_response",
        json!({"outcome": "not_upheld", "communication": {"channel": "letter"}}),
    )
    .await;
    app.set_now(at("2027-02-01T09:00:00Z"));
    case.ok(
        "refer",
        json!({"scheme": "financial_ombudsman_service", "reference": "FOS-1"}),
    )
    .await;
    case
}

async fn an_ombudsman_decision_records_the_remedies_it_orders_and_the_case_closes_once_they_are_paid(
    app: TestApp,
) {
    let mut case = referred(&app).await;
    app.set_now(at("2027-05-17T09:00:00Z"));
    let c = case
        .ok(
            "record_referral_outcome",
            json!({
                "decision": "upheld",
                "decided_at": "2027-05-10T12:00:00Z",
                "remedies": [
                    {"kind": "financial_loss_compensation", "amount_minor": 12_000, "currency": "GBP"},
                    {"kind": "distress_inconvenience_payment", "amount_minor": 15_000, "currency": "GBP", "description": "For the trouble caused"},
                    {"kind": "apology", "status": "completed"},
                ],
            }),
        )
        .await;
    // The firm's finding stays as it was, beside the ombudsman's; the case waits for the
    // ordered payments.
    assert_eq!(c["outcome"], "not_upheld");
    assert_eq!(c["referral"]["decision"], "upheld");
    assert_eq!(c["state"], "referred");
    let items = remedies(&case).await;
    assert_eq!(items.len(), 3, "{items:?}");
    for r in &items {
        assert_eq!(r["ordered_by"], "financial_ombudsman_service", "{r}");
        assert_eq!(r["issued_at"], "2027-05-10T12:00:00+00:00", "{r}");
    }
    assert_eq!(items[1]["description"], "For the trouble caused");
    let due: Vec<&Value> = items.iter().filter(|r| r["status"] == "due").collect();
    assert_eq!(due.len(), 2);

    // The scheme decides once.
    let p = problem(
        case.act("record_referral_outcome", json!({"decision": "not_upheld"}))
            .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "referral_decided", "{p}");
    // Ordered remedies are settled before closing, as the firm's own are.
    let p = problem(case.act("close", json!({})).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "remedies_unsettled");
    let actions: Value = app
        .get(&format!("{}/actions", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        actions["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["action"] != "close"),
        "{actions}"
    );
    for r in due {
        settle(&mut case, r).await;
    }
    let c = case.ok("close", json!({"note": "Paid as ordered"})).await;
    assert_eq!(c["state"], "closed");
    assert_eq!(c["outcome"], "not_upheld");

    // A decision that orders nothing still closes the case at once.
    let mut other = referred(&app).await;
    let c = other
        .ok("record_referral_outcome", json!({"decision": "not_upheld"}))
        .await;
    assert_eq!(c["state"], "closed");
    assert!(remedies(&other).await.is_empty());
    // A referred case without a decision does not close.
    let mut waiting = referred(&app).await;
    let p = problem(waiting.act("close", json!({})).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "outcome_required");
}

async fn ordered_remedies_are_checked_like_the_firms_own(app: TestApp) {
    let mut case = referred(&app).await;
    let p = problem(
        case.act(
            "record_referral_outcome",
            json!({"decision": "upheld", "remedies": [{"kind": "interest", "amount_minor": 500}]}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "remedies[0]", "{p}");
    let resp = case
        .act(
            "record_referral_outcome",
            json!({"decision": "upheld", "remedies": [{"kind": "interest", "amount_minor": -1, "currency": "GBP"}]}),
        )
        .await;
    assert_eq!(resp.status(), 400);
    // Nothing was recorded by the refused attempts.
    assert!(remedies(&case).await.is_empty());
    assert_eq!(case.version, 5);
}

async fn reports_count_ombudsman_decisions_and_ordered_redress_apart_from_the_firms_own(
    app: TestApp,
) {
    let analyst = app.token("analyst-1", &["analyst"], None);
    let get = |path: String| {
        let app = &app;
        let analyst = analyst.clone();
        async move {
            let resp = app.get(&path, &analyst).await;
            assert_eq!(resp.status(), 200, "{path}");
            resp.json::<Value>().await.unwrap()
        }
    };
    // Received 23 November: the firm upholds and pays 2,500 itself.
    let mut own = new_case(&app).await;
    investigating(&mut own).await;
    own.ok(
        "issue_response",
        json!({
            "outcome": "upheld", "primary_cause": "SYS.OUTAGE",
            "remedies": [{"kind": "goodwill_payment", "amount_minor": 2_500, "currency": "GBP", "status": "completed"}],
            "communication": {"channel": "letter"},
        }),
    )
    .await;
    own.ok("close", json!({})).await;

    // Received the same day: the firm pays 1,000 but does not uphold; the ombudsman upholds
    // on 25 November and orders 12,000, paid and closed on 2 December.
    let mut body = complaint_body();
    body["description"] = json!("Second complaint");
    let created = app.create(&own.token, &body).await;
    let mut fos = Case {
        app: &app,
        token: own.token.clone(),
        path: format!("/v1/complaints/{}", created["id"].as_str().unwrap()),
        version: 1,
    };
    investigating(&mut fos).await;
    fos.ok(
        "issue_response",
        json!({
            "outcome": "not_upheld",
            "remedies": [{"kind": "goodwill_payment", "amount_minor": 1_000, "currency": "GBP", "status": "completed"}],
            "communication": {"channel": "letter"},
        }),
    )
    .await;
    app.set_now(at("2026-11-24T09:00:00Z"));
    fos.ok("refer", json!({"scheme": "financial_ombudsman_service"}))
        .await;
    app.set_now(at("2026-11-25T09:00:00Z"));
    fos.ok(
        "record_referral_outcome",
        json!({"decision": "upheld", "remedies": [{"kind": "financial_loss_compensation", "amount_minor": 12_000, "currency": "GBP"}]}),
    )
    .await;

    let november = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
    let o = get(format!("/v1/reports/outcomes?{november}")).await;
    assert_eq!(
        o["by_outcome"],
        json!([
            {"outcome": "upheld", "count": 1},
            {"outcome": "partially_upheld", "count": 0},
            {"outcome": "not_upheld", "count": 1},
            {"outcome": "resolved", "count": 0},
        ])
    );
    assert_eq!(o["referral_decided"], 1);
    assert_eq!(
        o["by_referral_outcome"],
        json!([
            {"outcome": "upheld", "count": 1},
            {"outcome": "partially_upheld", "count": 0},
            {"outcome": "not_upheld", "count": 0},
            {"outcome": "settled", "count": 0},
            {"outcome": "withdrawn", "count": 0},
        ])
    );
    assert_eq!(
        o["redress_paid"],
        json!([{"currency": "GBP", "count": 2, "sum_minor": 3_500, "mean_minor": 1_750.0}])
    );
    // Ordered but not paid yet.
    assert_eq!(o["ombudsman_redress_paid"], json!([]));

    // The decision left a payment due: November's return does not count the case closed.
    let fca = |from: &str, to: &str| {
        format!("/v1/reports/returns/fca-disp?period_start={from}&period_end={to}")
    };
    let r = get(fca("2026-11-01", "2026-11-30")).await;
    assert_eq!(r["totals"]["closed"], 1, "{r}");
    assert_eq!(
        r["totals"]["redress_paid"],
        json!([{"currency": "GBP", "sum_minor": 2_500}])
    );
    let v = get(format!("/v1/reports/volumes?{november}")).await;
    assert_eq!(v["closed"], 1, "{v}");

    app.set_now(at("2026-12-02T09:00:00Z"));
    let due = remedies(&fos)
        .await
        .into_iter()
        .find(|r| r["status"] == "due")
        .unwrap();
    settle(&mut fos, &due).await;
    fos.ok("close", json!({})).await;

    let o = get(format!("/v1/reports/outcomes?{november}")).await;
    assert_eq!(
        o["redress_paid"],
        json!([{"currency": "GBP", "count": 2, "sum_minor": 3_500, "mean_minor": 1_750.0}])
    );
    assert_eq!(
        o["ombudsman_redress_paid"],
        json!([{"currency": "GBP", "count": 1, "sum_minor": 12_000, "mean_minor": 12_000.0}])
    );
    // December's return counts the closing, with what the firm paid on the complaint: its
    // own goodwill and what the ombudsman ordered.
    let r = get(fca("2026-12-01", "2026-12-31")).await;
    assert_eq!(r["totals"]["closed"], 1, "{r}");
    assert_eq!(
        r["totals"]["redress_paid"],
        json!([{"currency": "GBP", "sum_minor": 13_000}])
    );
    let r = get(fca("2026-11-01", "2026-11-30")).await;
    assert_eq!(r["totals"]["closed"], 1, "{r}");
}
