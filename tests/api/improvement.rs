//! Root causes and the improvement backlog over HTTP: the taxonomy, classification, the
//! recurrence rules opening exactly one item per key, and PDCA with a computed check.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::at,
};

engine_tests!(
    the_taxonomy_is_versioned_and_codes_are_deprecated_or_merged_never_deleted,
    classification_needs_a_current_code_and_every_change_is_an_event,
    five_cases_in_thirty_days_open_one_item_and_a_sixth_adds_evidence,
    twenty_concurrent_classifications_open_one_item,
    a_working_fix_is_effective_and_a_recurrence_after_closure_reopens_its_item,
    a_fix_that_does_not_work_is_not_effective_and_three_events_are_inconclusive,
    a_single_systemic_case_and_a_cause_across_products_open_items,
    evidence_outside_the_readers_scope_is_counted_not_shown,
    after_iterate_the_plan_is_revised_with_a_new_baseline_and_audited,
);

fn analyst(app: &TestApp) -> String {
    app.token("analyst-1", &["analyst"], None)
}

fn admin(app: &TestApp) -> String {
    app.token("admin-1", &["admin"], None)
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    if_match: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = app.request(method, path, Some(token)).json(&body);
    if let Some(tag) = if_match {
        req = req.header("If-Match", tag);
    }
    req.send().await.unwrap()
}

async fn ok(resp: reqwest::Response) -> Value {
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body
}

/// Logs a complaint received at `received_at` and classifies it with `cause`.
async fn classified(app: &TestApp, cause: &str, product: &str, received_at: &str) -> String {
    let agent = app.agent("north");
    let mut body = complaint_body();
    body["product"] = json!(product);
    body["received_at"] = json!(received_at);
    let c = app.create(&agent, &body).await;
    let id = c["id"].as_str().unwrap().to_owned();
    classify(app, &id, json!({"primary_cause": cause})).await;
    id
}

async fn classify(app: &TestApp, id: &str, body: Value) -> Value {
    ok(send(
        app,
        Method::PUT,
        &format!("/v1/complaints/{id}/classification"),
        &analyst(app),
        Some("*"),
        body,
    )
    .await)
    .await
}

async fn items_for(app: &TestApp, cause: &str) -> Vec<Value> {
    let page: Value = ok(app
        .get(&format!("/v1/improvements?cause={cause}"), &analyst(app))
        .await)
    .await;
    page["items"].as_array().unwrap().clone()
}

async fn evidence(app: &TestApp, item: &Value) -> Vec<Value> {
    let list: Value = ok(app
        .get(
            &format!("/v1/improvements/{}/evidence", item["id"].as_str().unwrap()),
            &analyst(app),
        )
        .await)
    .await;
    list["items"].as_array().unwrap().clone()
}

/// Takes an item action with the item's current version.
async fn item_act(app: &TestApp, item: &Value, action: &str, body: Value) -> reqwest::Response {
    let path = format!(
        "/v1/improvements/{}/actions/{action}",
        item["id"].as_str().unwrap()
    );
    let tag = format!("\"{}\"", item["version"]);
    send(app, Method::POST, &path, &analyst(app), Some(&tag), body).await
}

async fn the_taxonomy_is_versioned_and_codes_are_deprecated_or_merged_never_deleted(app: TestApp) {
    let agent = app.agent("north");
    let list: Value = ok(app.get("/v1/root-causes", &agent).await).await;
    assert_eq!(list["groups"].as_array().unwrap().len(), 10);
    let codes = list["items"].as_array().unwrap();
    assert!(
        codes
            .iter()
            .any(|c| c["code"] == "PRC.HANDOFF" && c["group"] == "PRC")
    );
    let v0 = list["version"].as_i64().unwrap();

    let new = json!({"code": "SYS.BATCH_JOB", "label": "Batch job failure", "definition": "An overnight batch job failed or ran late."});
    problem(
        send(
            &app,
            Method::POST,
            "/v1/root-causes",
            &agent,
            None,
            new.clone(),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let added: Value = ok(send(
        &app,
        Method::POST,
        "/v1/root-causes",
        &admin(&app),
        None,
        new.clone(),
    )
    .await)
    .await;
    assert_eq!(added["version"], v0 + 1);
    assert_eq!(added["root_cause"]["status"], "active");
    problem(
        send(
            &app,
            Method::POST,
            "/v1/root-causes",
            &admin(&app),
            None,
            new,
        )
        .await,
        409,
        "already_exists",
    )
    .await;
    let p = problem(
        send(
            &app,
            Method::POST,
            "/v1/root-causes",
            &admin(&app),
            None,
            json!({"code": "XYZ.THING", "label": "x", "definition": "y"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "code");

    let renamed: Value = ok(send(
        &app,
        Method::PATCH,
        "/v1/root-causes/SYS.BATCH_JOB",
        &admin(&app),
        None,
        json!({"label": "Batch processing"}),
    )
    .await)
    .await;
    assert_eq!(renamed["root_cause"]["label"], "Batch processing");
    assert_eq!(renamed["version"], v0 + 2);

    // Deprecated: kept, refused for new classifications.
    let dep: Value = ok(send(
        &app,
        Method::POST,
        "/v1/root-causes/PEO.SUPERVISION/deprecate",
        &admin(&app),
        None,
        json!({}),
    )
    .await)
    .await;
    assert_eq!(dep["root_cause"]["status"], "deprecated");
    // Merged: history follows the survivor.
    let merged: Value = ok(send(
        &app,
        Method::POST,
        "/v1/root-causes/SYS.BATCH_JOB/merge",
        &admin(&app),
        None,
        json!({"into": "SYS.DEFECT"}),
    )
    .await)
    .await;
    assert_eq!(merged["root_cause"]["status"], "merged");
    assert_eq!(merged["root_cause"]["merged_into"], "SYS.DEFECT");
    assert_eq!(merged["version"], v0 + 4);
    let p = problem(
        send(
            &app,
            Method::POST,
            "/v1/root-causes/PRC.DELAY/merge",
            &admin(&app),
            None,
            json!({"into": "PEO.SUPERVISION"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "into");
    problem(
        send(
            &app,
            Method::POST,
            "/v1/root-causes/PRC.NOPE/deprecate",
            &admin(&app),
            None,
            json!({}),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let list: Value = ok(app.get("/v1/root-causes", &agent).await).await;
    assert_eq!(list["version"], v0 + 4);
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "SYS.BATCH_JOB"),
        "never deleted"
    );

    // Categories are a separate list.
    let cat: Value = ok(send(
        &app,
        Method::PUT,
        "/v1/categories/current_account/fees",
        &admin(&app),
        None,
        json!({"label": "Fees and charges"}),
    )
    .await)
    .await;
    assert_eq!(cat["active"], true);
    let cats: Value = ok(app
        .get("/v1/categories?product=current_account", &agent)
        .await)
    .await;
    let items = cats["items"].as_array().unwrap();
    assert!(
        items.iter().all(|c| c["product"] == "current_account"),
        "{cats}"
    );
    assert!(
        items
            .iter()
            .any(|c| c["code"] == "fees" && c["label"] == "Fees and charges"),
        "{cats}"
    );

    // After a merge, the surviving code's counts include the merged code's history.
    app.set_now(at("2026-11-23T10:00:00Z"));
    for d in ["01", "02", "03"] {
        classified(
            &app,
            "TPY.CONTRACTOR_QUALITY",
            "home_insurance",
            &format!("2026-11-{d}T10:00:00Z"),
        )
        .await;
    }
    let into = json!({"into": "TPY.SUPPLIER_PERFORMANCE"});
    ok(send(
        &app,
        Method::POST,
        "/v1/root-causes/TPY.CONTRACTOR_QUALITY/merge",
        &admin(&app),
        None,
        into,
    )
    .await)
    .await;
    for d in ["04", "05"] {
        classified(
            &app,
            "TPY.SUPPLIER_PERFORMANCE",
            "home_insurance",
            &format!("2026-11-{d}T10:00:00Z"),
        )
        .await;
    }
    let items = items_for(&app, "TPY.SUPPLIER_PERFORMANCE").await;
    assert_eq!(items.len(), 1);
    assert_eq!(evidence(&app, &items[0]).await.len(), 5);
}

async fn classification_needs_a_current_code_and_every_change_is_an_event(app: TestApp) {
    let agent = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    let path = format!("/v1/complaints/{id}/classification");
    let body = json!({
        "primary_cause": "PRC.HANDOFF",
        "contributing": ["COM.NOT_UPDATED"],
        "five_whys": [
            {"why": "Why was the fee charged twice?", "because": "The refund team never received the case"},
            {"why": "Why not?", "because": "The handoff queue drops cases with no account number"},
        ],
        "vulnerability_relevant": true,
        "lessons": "Validate the queue input",
    });
    problem(
        send(
            &app,
            Method::PUT,
            &path,
            &agent,
            Some("\"1\""),
            body.clone(),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        send(&app, Method::PUT, &path, &analyst(&app), None, body.clone()).await,
        428,
        "precondition_required",
    )
    .await;
    problem(
        send(
            &app,
            Method::PUT,
            &path,
            &analyst(&app),
            Some("\"9\""),
            body.clone(),
        )
        .await,
        412,
        "precondition_failed",
    )
    .await;
    let mut unknown = body.clone();
    unknown["primary_cause"] = json!("PRC.NOT_A_CODE");
    let p = problem(
        send(
            &app,
            Method::PUT,
            &path,
            &analyst(&app),
            Some("\"1\""),
            unknown,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "primary_cause");
    let mut same = body.clone();
    same["contributing"] = json!(["PRC.HANDOFF"]);
    let p = problem(
        send(
            &app,
            Method::PUT,
            &path,
            &analyst(&app),
            Some("\"1\""),
            same,
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "contributing[0]");

    let resp = send(
        &app,
        Method::PUT,
        &path,
        &analyst(&app),
        Some("\"1\""),
        body,
    )
    .await;
    assert_eq!(resp.headers()["etag"].to_str().unwrap(), "\"2\"");
    let k: Value = ok(resp).await;
    assert_eq!(k["primary_cause"], "PRC.HANDOFF");
    assert_eq!(k["five_whys"].as_array().unwrap().len(), 2);
    assert_eq!(k["vulnerability_relevant"], true);
    let read: Value = ok(app.get(&path, &agent).await).await;
    assert_eq!(read["contributing"], json!(["COM.NOT_UPDATED"]));
    let complaint: Value = ok(app.get(&format!("/v1/complaints/{id}"), &agent).await).await;
    assert_eq!(complaint["primary_cause"], "PRC.HANDOFF");

    // A deprecated code is refused; a merged one names its survivor.
    ok(send(
        &app,
        Method::POST,
        "/v1/root-causes/COM.UNCLEAR/deprecate",
        &admin(&app),
        None,
        json!({}),
    )
    .await)
    .await;
    ok(send(
        &app,
        Method::POST,
        "/v1/root-causes/PRC.DOCUMENTATION/merge",
        &admin(&app),
        None,
        json!({"into": "PRC.DESIGN"}),
    )
    .await)
    .await;
    let p = problem(
        send(
            &app,
            Method::PUT,
            &path,
            &analyst(&app),
            Some("*"),
            json!({"primary_cause": "COM.UNCLEAR"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("deprecated"), "{p}");
    let p = problem(
        send(
            &app,
            Method::PUT,
            &path,
            &analyst(&app),
            Some("*"),
            json!({"primary_cause": "PRC.DOCUMENTATION"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("PRC.DESIGN"), "{p}");
    // The procedure's guards check codes too.
    let mut case = crate::procedure::Case {
        app: &app,
        token: agent.clone(),
        path: format!("/v1/complaints/{id}"),
        version: 2,
    };
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    let p = problem(
        case.act("issue_response", json!({"outcome": "upheld", "primary_cause": "COM.UNCLEAR", "communication": {"channel": "letter"}})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "primary_cause");
    case.ok("issue_response", json!({"outcome": "upheld", "primary_cause": "PRC.HANDOFF", "communication": {"channel": "letter"}})).await;
    case.ok("close", json!({})).await;

    // Reclassified after closure, by a team leader of the team.
    let lead = app.token("lead-north", &["team_leader"], Some("north"));
    let k: Value = ok(send(
        &app,
        Method::PUT,
        &path,
        &lead,
        Some("*"),
        json!({"primary_cause": "SYS.DEFECT"}),
    )
    .await)
    .await;
    assert_eq!(k["classified_by"], "lead-north");
    let events: Value = ok(app
        .get(&format!("/v1/complaints/{id}/events"), &agent)
        .await)
    .await;
    let kinds: Vec<_> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        kinds.contains(&"complaint.classified".to_owned()),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&"complaint.reclassified".to_owned()),
        "{kinds:?}"
    );
    let chain: Value = ok(app
        .get(&format!("/v1/complaints/{id}/events/verify"), &agent)
        .await)
    .await;
    assert_eq!(chain["intact"], true);
}

async fn five_cases_in_thirty_days_open_one_item_and_a_sixth_adds_evidence(app: TestApp) {
    app.set_now(at("2026-11-23T10:00:00Z"));
    for day in ["2026-10-01", "2026-10-08", "2026-10-15", "2026-10-22"] {
        classified(
            &app,
            "PRC.HANDOFF",
            "current_account",
            &format!("{day}T10:00:00Z"),
        )
        .await;
    }
    assert!(
        items_for(&app, "PRC.HANDOFF").await.is_empty(),
        "four are not enough"
    );
    // One outside the window does not count.
    classified(
        &app,
        "PRC.HANDOFF",
        "current_account",
        "2026-11-20T10:00:00Z",
    )
    .await;
    assert!(
        items_for(&app, "PRC.HANDOFF").await.is_empty(),
        "the fifth is 50 days after the first"
    );
    let fifth = classified(
        &app,
        "PRC.HANDOFF",
        "current_account",
        "2026-10-29T10:00:00Z",
    )
    .await;
    let items = items_for(&app, "PRC.HANDOFF").await;
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert_eq!(item["state"], "proposed");
    assert_eq!(item["rule"], "threshold");
    assert_eq!(item["source"], "rule");
    assert_eq!(item["evidence_count"], 5);
    let ev = evidence(&app, item).await;
    assert_eq!(ev.len(), 5);
    assert!(ev.iter().any(|e| e["complaint_id"] == fifth.as_str()));
    assert_eq!(ev[0]["rule"], "threshold");
    assert_eq!(ev[0]["parameters"]["parameters"]["min_cases"], 5);
    assert_eq!(ev[0]["parameters"]["parameters"]["window_days"], 30);
    assert!(
        ev[0]["explanation"]
            .as_str()
            .unwrap()
            .contains("PRC.HANDOFF")
    );

    let sixth = classified(
        &app,
        "PRC.HANDOFF",
        "current_account",
        "2026-10-30T10:00:00Z",
    )
    .await;
    let items = items_for(&app, "PRC.HANDOFF").await;
    assert_eq!(items.len(), 1, "never a second item for the key");
    assert_eq!(items[0]["evidence_count"], 6);
    // The complaint shows its item.
    let linked: Value = ok(app
        .get(
            &format!("/v1/complaints/{sixth}/improvements"),
            &app.agent("north"),
        )
        .await)
    .await;
    assert_eq!(linked["items"][0]["id"], items[0]["id"]);
    // The scheduled run finds nothing new.
    app.set_now(at("2026-11-01T00:00:00Z"));
    let run: Value = ok(send(
        &app,
        Method::POST,
        "/v1/recurrence-rules/run",
        &analyst(&app),
        None,
        json!({}),
    )
    .await)
    .await;
    assert_eq!(run["items_created"], 0);
    assert_eq!(run["evidence_added"], 0);
    assert_eq!(items_for(&app, "PRC.HANDOFF").await.len(), 1);
}

async fn twenty_concurrent_classifications_open_one_item(app: TestApp) {
    app.set_now(at("2026-11-23T10:00:00Z"));
    let agent = app.agent("north");
    let mut ids = Vec::new();
    for i in 0..20 {
        let mut body = complaint_body();
        body["received_at"] = json!(format!("2026-11-{:02}T10:00:00Z", i + 1));
        let c = app.create(&agent, &body).await;
        ids.push(c["id"].as_str().unwrap().to_owned());
    }
    let token = analyst(&app);
    let calls = ids.iter().map(|id| {
        let app = &app;
        let token = token.clone();
        async move {
            send(
                app,
                Method::PUT,
                &format!("/v1/complaints/{id}/classification"),
                &token,
                Some("*"),
                json!({"primary_cause": "SYS.OUTAGE"}),
            )
            .await
            .status()
        }
    });
    let statuses = futures::future::join_all(calls).await;
    assert!(statuses.iter().all(|s| s.as_u16() == 200), "{statuses:?}");
    let items = items_for(&app, "SYS.OUTAGE").await;
    assert_eq!(items.len(), 1, "one open item per key");
    // The scheduled run completes the evidence racing classifications could not see.
    ok(send(
        &app,
        Method::POST,
        "/v1/recurrence-rules/run",
        &analyst(&app),
        None,
        json!({}),
    )
    .await)
    .await;
    let items = items_for(&app, "SYS.OUTAGE").await;
    assert_eq!(items.len(), 1);
    assert_eq!(evidence(&app, &items[0]).await.len(), 20);
}

/// Walks an item from `proposed` to `do` with a baseline of January 2026 and go-live on
/// 1 February, measuring February (30 days, no lag).
async fn into_do(app: &TestApp, item: Value) -> Value {
    let item = ok(item_act(
        app,
        &item,
        "triage",
        json!({"priority": "high", "owner": "analyst-1"}),
    )
    .await)
    .await;
    let plan = json!({
        "problem_statement": "Customers are charged twice when a payment is retried",
        "others_affected": "yes",
        "others_affected_note": "Every customer whose payment was retried since the release",
        "baseline_from": "2026-01-01",
        "baseline_to": "2026-01-31",
        "target_reduction_pct": 40,
        "measurement_days": 30,
        "lag_days": 0,
    });
    let item = ok(item_act(app, &item, "plan", plan).await).await;
    assert_eq!(item["state"], "plan");
    assert_eq!(item["plan"]["others_affected"], "yes");
    let item = ok(item_act(app, &item, "start", json!({"tasks": [{"description": "Make retries idempotent", "owner": "dev-lead", "due_on": "2026-01-30"}]})).await).await;
    assert_eq!(item["state"], "do");
    ok(item_act(
        app,
        &item,
        "go_live",
        json!({"went_live_at": "2026-02-01T00:00:00Z", "change_reference": "release 4.2"}),
    )
    .await)
    .await
}

async fn a_working_fix_is_effective_and_a_recurrence_after_closure_reopens_its_item(app: TestApp) {
    app.set_now(at("2026-03-05T00:00:00Z"));
    // Twenty in January: the rule opens the item.
    for i in 0..20 {
        classified(
            &app,
            "SYS.DEFECT",
            "current_account",
            &format!("2026-01-{:02}T10:00:00Z", i + 2),
        )
        .await;
    }
    let items = items_for(&app, "SYS.DEFECT").await;
    assert_eq!(items.len(), 1);
    let item = items[0].clone();
    // Check before go-live is refused with the rule.
    let p = problem(
        item_act(&app, &item, "check", json!({})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(p["detail"].is_string());
    let item = into_do(&app, item).await;
    // Three in February after the fix.
    for day in ["05", "12", "20"] {
        classified(
            &app,
            "SYS.DEFECT",
            "current_account",
            &format!("2026-02-{day}T10:00:00Z"),
        )
        .await;
    }
    // The measurement window (1 February + 30 days) has not ended on 2 March.
    app.set_now(at("2026-03-02T12:00:00Z"));
    let p = problem(
        item_act(&app, &item, "check", json!({})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "measurement_not_over");
    app.set_now(at("2026-03-05T00:00:00Z"));
    let item = ok(item_act(&app, &item, "check", json!({})).await).await;
    assert_eq!(item["state"], "check");
    assert_eq!(item["verdict"], "effective");
    let check = &item["check"];
    assert_eq!(check["baseline_count"], 20);
    assert_eq!(check["post_count"], 3);
    assert_eq!(check["baseline_days"], 30.0);
    assert!(check["p_value"].as_f64().unwrap() < 0.001, "{check}");
    let item = ok(item_act(&app, &item, "act", json!({"control": "Retry idempotency key checked in CI", "training": "Payments team briefed"})).await).await;
    assert_eq!(item["state"], "act");
    let item = ok(item_act(&app, &item, "close", json!({"note": "Verified"})).await).await;
    assert_eq!(item["state"], "closed");

    // It comes back in April: five within 30 days reopens the item to plan.
    app.set_now(at("2026-04-30T00:00:00Z"));
    for day in ["10", "11", "12", "13"] {
        classified(
            &app,
            "SYS.DEFECT",
            "current_account",
            &format!("2026-04-{day}T10:00:00Z"),
        )
        .await;
    }
    let again: Value = ok(app
        .get(
            &format!("/v1/improvements/{}", item["id"].as_str().unwrap()),
            &analyst(&app),
        )
        .await)
    .await;
    assert_eq!(
        again["state"], "closed",
        "four since the fix are not a recurrence"
    );
    classified(
        &app,
        "SYS.DEFECT",
        "current_account",
        "2026-04-14T10:00:00Z",
    )
    .await;
    let items = items_for(&app, "SYS.DEFECT").await;
    assert_eq!(
        items.len(),
        1,
        "the closed item is reopened, not duplicated"
    );
    assert_eq!(items[0]["state"], "plan");
    assert_eq!(items[0]["iteration"], 2);
    let ev = evidence(&app, &items[0]).await;
    assert!(ev.iter().any(|e| e["rule"] == "post_fix"), "{ev:?}");
}

async fn a_fix_that_does_not_work_is_not_effective_and_three_events_are_inconclusive(app: TestApp) {
    app.set_now(at("2026-03-05T00:00:00Z"));
    for i in 0..12 {
        classified(
            &app,
            "PRC.DELAY",
            "savings",
            &format!("2026-01-{:02}T10:00:00Z", i + 2),
        )
        .await;
    }
    for i in 0..11 {
        classified(
            &app,
            "PRC.DELAY",
            "savings",
            &format!("2026-02-{:02}T10:00:00Z", i + 2),
        )
        .await;
    }
    for day in ["03", "10", "17"] {
        classified(
            &app,
            "COM.INFO_MISSING",
            "savings",
            &format!("2026-01-{day}T10:00:00Z"),
        )
        .await;
    }
    // Items opened by hand, from an audit.
    let manual = |cause: &str| json!({"title": format!("Audit finding on {cause}"), "cause": cause, "description": "Internal audit Q1"});
    let resp = send(
        &app,
        Method::POST,
        "/v1/improvements",
        &app.agent("north"),
        None,
        manual("PRC.DELAY"),
    )
    .await;
    problem(resp, 403, "forbidden").await;
    let resp = send(
        &app,
        Method::POST,
        "/v1/improvements",
        &analyst(&app),
        None,
        manual("PRC.DELAY"),
    )
    .await;
    assert_eq!(resp.status(), 201);
    assert!(
        resp.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/v1/improvements/")
    );
    let delay: Value = resp.json().await.unwrap();
    assert_eq!(delay["source"], "manual");
    let info: Value = ok(send(
        &app,
        Method::POST,
        "/v1/improvements",
        &analyst(&app),
        None,
        manual("COM.INFO_MISSING"),
    )
    .await)
    .await;

    let delay = into_do(&app, delay).await;
    let delay = ok(item_act(&app, &delay, "check", json!({})).await).await;
    assert_eq!(delay["verdict"], "not_effective", "{}", delay["check"]);
    assert_eq!(delay["check"]["baseline_count"], 12);
    assert_eq!(delay["check"]["post_count"], 11);
    // Not effective: not standardised, but iterated back to plan.
    let p = problem(
        item_act(&app, &delay, "act", json!({"note": "done"})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "not_effective");
    let delay = ok(item_act(
        &app,
        &delay,
        "iterate",
        json!({"reason": "Retries were not the whole story"}),
    )
    .await)
    .await;
    assert_eq!(delay["state"], "plan");
    assert_eq!(delay["iteration"], 2);

    let info = into_do(&app, info).await;
    let info = ok(item_act(&app, &info, "check", json!({})).await).await;
    assert_eq!(info["verdict"], "inconclusive");
    assert_eq!(info["check"]["baseline_count"], 3);
    assert_eq!(info["check"]["min_baseline_events"], 10);

    // A stale version is refused; overdue tasks show in the list.
    let p = problem(
        send(
            &app,
            Method::POST,
            &format!(
                "/v1/improvements/{}/actions/hold",
                info["id"].as_str().unwrap()
            ),
            &analyst(&app),
            Some("\"1\""),
            json!({"reason": "x"}),
        )
        .await,
        412,
        "precondition_failed",
    )
    .await;
    assert!(p["detail"].is_string());
    let overdue: Value = ok(app
        .get("/v1/improvements?overdue=true", &analyst(&app))
        .await)
    .await;
    assert!(
        overdue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == info["id"])
    );
    let by_state: Value = ok(app
        .get("/v1/improvements?state=check", &analyst(&app))
        .await)
    .await;
    assert!(
        by_state["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["state"] == "check")
    );
    let held = ok(item_act(
        &app,
        &info,
        "hold",
        json!({"reason": "Waiting for more data"}),
    )
    .await)
    .await;
    assert_eq!(held["state"], "on_hold");
    let resumed = ok(item_act(&app, &held, "resume", json!({})).await).await;
    assert_eq!(resumed["state"], "check");

    // The backlog in figures: the rule's own item for PRC.DELAY, one iterated, one checked.
    let report: Value = ok(app.get("/v1/reports/improvement", &analyst(&app)).await).await;
    let count = |state: &str| {
        report["by_state"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["state"] == state)
            .map(|s| s["count"].as_u64().unwrap())
    };
    assert_eq!(
        (
            count("proposed"),
            count("plan"),
            count("check"),
            count("closed")
        ),
        (Some(1), Some(1), Some(1), Some(0))
    );
    assert_eq!(report["overdue_tasks"], 2);
    assert_eq!(report["effective"]["numerator"], 0);
    assert_eq!(
        report["effective"]["denominator"], 1,
        "the iterated item's verdict was cleared"
    );
}

async fn a_single_systemic_case_and_a_cause_across_products_open_items(app: TestApp) {
    app.set_now(at("2026-11-23T10:00:00Z"));
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    classify(
        &app,
        id,
        json!({"primary_cause": "PRD.TERMS", "potentially_systemic": true}),
    )
    .await;
    let items = items_for(&app, "PRD.TERMS").await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["rule"], "systemic");
    assert_eq!(items[0]["evidence_count"], 1);

    classified(&app, "COM.EXPECTATION", "mortgage", "2026-11-02T10:00:00Z").await;
    assert!(items_for(&app, "COM.EXPECTATION").await.is_empty());
    classified(&app, "COM.EXPECTATION", "savings", "2026-11-09T10:00:00Z").await;
    let items = items_for(&app, "COM.EXPECTATION").await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["rule"], "spread");

    // Admins tune the rules; the change is versioned.
    let rules: Value = ok(app.get("/v1/recurrence-rules", &agent).await).await;
    assert_eq!(rules["version"], 0);
    assert_eq!(rules["rules"]["min_cases"], 5);
    let mut set = rules["rules"].clone();
    set["spread_enabled"] = json!(false);
    problem(
        send(
            &app,
            Method::PUT,
            "/v1/recurrence-rules",
            &analyst(&app),
            None,
            set.clone(),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    let after: Value = ok(send(
        &app,
        Method::PUT,
        "/v1/recurrence-rules",
        &admin(&app),
        None,
        set,
    )
    .await)
    .await;
    assert_eq!(after["version"], 1);
    classified(
        &app,
        "COM.INFO_INCORRECT",
        "mortgage",
        "2026-11-02T10:00:00Z",
    )
    .await;
    classified(
        &app,
        "COM.INFO_INCORRECT",
        "savings",
        "2026-11-03T10:00:00Z",
    )
    .await;
    assert!(
        items_for(&app, "COM.INFO_INCORRECT").await.is_empty(),
        "spread is off"
    );
}

/// Evidence is read under the reader's scope: a team leader sees their team's complaints
/// among an item's evidence and only a count of the others, which answer 404 to them anyway.
async fn evidence_outside_the_readers_scope_is_counted_not_shown(app: TestApp) {
    app.set_now(at("2026-11-23T10:00:00Z"));
    let log = |team: &'static str, product: &'static str| {
        let app = &app;
        async move {
            let mut body = complaint_body();
            body["product"] = json!(product);
            body["received_at"] = json!("2026-11-02T10:00:00Z");
            let c = app.create(&app.agent(team), &body).await;
            c["id"].as_str().unwrap().to_owned()
        }
    };
    // The same cause across two products, one complaint per team: the spread rule opens an
    // item holding both.
    let north = log("north", "mortgage").await;
    let south = log("south", "savings").await;
    for id in [&north, &south] {
        classify(&app, id, json!({"primary_cause": "COM.EXPECTATION"})).await;
    }
    let items = items_for(&app, "COM.EXPECTATION").await;
    assert_eq!(items.len(), 1, "{items:?}");
    let item = items[0]["id"].as_str().unwrap().to_owned();
    // A hand-made item naming the north complaint only.
    let manual: Value = ok(send(
        &app,
        Method::POST,
        "/v1/improvements",
        &analyst(&app),
        None,
        json!({"title": "Mortgage letters", "complaints": [north]}),
    )
    .await)
    .await;
    let manual = manual["id"].as_str().unwrap().to_owned();

    let south_leader = app.token("lead-south", &["team_leader"], Some("south"));
    let no_team_leader = app.token("lead-none", &["team_leader"], None);
    let read = |token: String, item: String| {
        let app = &app;
        async move {
            ok(app
                .get(&format!("/v1/improvements/{item}/evidence"), &token)
                .await)
            .await
        }
    };

    // The north complaint is hidden from south's leader, directly and through the evidence.
    let direct = app
        .get(&format!("/v1/complaints/{north}"), &south_leader)
        .await;
    assert_eq!(direct.status(), 404);
    let seen = read(south_leader.clone(), item.clone()).await;
    let listed: Vec<&str> = seen["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["complaint_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![south.as_str()], "{seen}");
    assert_eq!(seen["out_of_scope"], 1, "{seen}");
    let text = seen.to_string();
    assert!(
        !text.contains(&north) && !text.contains("mortgage"),
        "{seen}"
    );

    let seen = read(south_leader.clone(), manual.clone()).await;
    assert_eq!(seen["items"], json!([]), "{seen}");
    assert_eq!(seen["out_of_scope"], 1, "{seen}");
    assert!(!seen.to_string().contains(&north), "{seen}");

    // A team leader whose token names no team sees no complaint at all.
    let seen = read(no_team_leader, item.clone()).await;
    assert_eq!(seen["items"], json!([]), "{seen}");
    assert_eq!(seen["out_of_scope"], 2, "{seen}");

    // The analyst sees everything; the item's evidence count is the whole count for anyone.
    let seen = read(analyst(&app), item.clone()).await;
    assert_eq!(seen["items"].as_array().unwrap().len(), 2, "{seen}");
    assert_eq!(seen["out_of_scope"], 0, "{seen}");
    let got: Value = ok(app
        .get(&format!("/v1/improvements/{item}"), &south_leader)
        .await)
    .await;
    assert_eq!(got["evidence_count"], 2, "{got}");
}

async fn after_iterate_the_plan_is_revised_with_a_new_baseline_and_audited(app: TestApp) {
    app.set_now(at("2026-04-10T00:00:00Z"));
    let item: Value = ok(send(
        &app,
        Method::POST,
        "/v1/improvements",
        &analyst(&app),
        None,
        json!({"title": "Audit finding on PRC.DELAY", "cause": "PRC.DELAY", "description": "Internal audit Q1"}),
    )
    .await)
    .await;
    let item = into_do(&app, item).await;
    let item = ok(item_act(&app, &item, "check", json!({})).await).await;
    assert_eq!(item["state"], "check");
    let item = ok(item_act(
        &app,
        &item,
        "iterate",
        json!({"reason": "Too few complaints to tell"}),
    )
    .await)
    .await;
    assert_eq!(item["state"], "plan");
    assert_eq!(item["iteration"], 2);

    // The next round plans against a new baseline, target and windows.
    let revised = json!({
        "problem_statement": "Customers are charged twice when a payment is retried",
        "others_affected": "unknown",
        "baseline_from": "2026-02-01",
        "baseline_to": "2026-03-01",
        "target_reduction_pct": 25,
        "measurement_days": 21,
        "lag_days": 7,
    });
    // A revision is checked like a first plan, naming the field at fault.
    let mut backwards = revised.clone();
    backwards["baseline_to"] = json!("2026-01-15");
    let p = problem(
        item_act(&app, &item, "plan", backwards).await,
        422,
        "validation_failed",
    )
    .await;
    assert!(p.to_string().contains("baseline_to"), "{p}");
    let item = ok(item_act(&app, &item, "plan", revised).await).await;
    assert_eq!(item["state"], "plan", "{item}");
    assert_eq!(item["iteration"], 2);
    assert_eq!(item["plan"]["baseline_from"], "2026-02-01", "{item}");
    assert_eq!(item["plan"]["baseline_to"], "2026-03-01", "{item}");
    assert_eq!(item["plan"]["target_reduction_pct"], 25, "{item}");
    assert_eq!(item["plan"]["measurement_days"], 21, "{item}");
    assert_eq!(item["plan"]["lag_days"], 7, "{item}");

    // The trail keeps both plans: the revision names the one it replaced.
    let rows = app
        .state
        .db
        .conn
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.backend(),
            format!(
                "SELECT data FROM audit_log WHERE kind = 'improvement.plan' AND subject_id = '{}' ORDER BY occurred_at, id",
                item["id"].as_str().unwrap()
            ),
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    let data: Value = rows[1].try_get("", "data").unwrap();
    assert_eq!(data["from"], "plan", "{data}");
    assert_eq!(data["to"], "plan", "{data}");
    assert_eq!(data["before"]["baseline_from"], "2026-01-01", "{data}");
    assert_eq!(data["plan"]["baseline_from"], "2026-02-01", "{data}");

    // Once the next round's work starts, the plan stands: iterate to change it.
    let item = ok(item_act(&app, &item, "start", json!({"tasks": [{"description": "Add a retry key", "owner": "dev-lead", "due_on": "2026-04-30"}]})).await).await;
    assert_eq!(item["state"], "do");
    problem(
        item_act(
            &app,
            &item,
            "plan",
            json!({
                "problem_statement": "Another",
                "others_affected": "no",
                "baseline_from": "2026-02-01",
                "baseline_to": "2026-03-01",
                "target_reduction_pct": 10,
                "measurement_days": 14,
                "lag_days": 0,
            }),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
}
