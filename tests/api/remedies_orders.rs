//! Remedies beyond a single payment: the four-eyes threshold looks at the total a
//! complainant is given in a currency, however the payment is split.

use serde_json::{Value, json};

use crate::{
    harness::{TestApp, problem},
    procedure::{Case, new_case},
};

engine_tests!(
    a_payment_split_below_the_threshold_still_needs_a_second_pair_of_eyes,
    each_currency_is_totalled_on_its_own_against_the_threshold,
);

fn leader(app: &TestApp, sub: &str) -> String {
    app.token(sub, &["team_leader"], Some("north"))
}

async fn investigating(case: &mut Case<'_>) {
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
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

async fn a_payment_split_below_the_threshold_still_needs_a_second_pair_of_eyes(app: TestApp) {
    // The threshold is 50,000: ten payments of 50,000 are 500,000 to one complainant.
    let mut case = new_case(&app).await;
    investigating(&mut case).await;
    case.ok("assign", json!({"assignee": "agent-north"})).await;
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
