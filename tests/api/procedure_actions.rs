//! The procedure's remaining actions over HTTP: approval of a response, remedies settled
//! before closing, extensions with and without notice, referral to an ombudsman, rejection
//! and transfer, what a caller may do now, the `internal` profile and the work queue.

use recourse::service::jobs::sweeper::sweep_once;
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::{Case, at, investigating, new_case, timer},
};

engine_tests!(
    a_large_redress_is_proposed_approved_by_another_leader_and_settled_before_closing,
    an_extension_needs_the_notice_its_profile_requires_before_the_deadline_and_within_the_cap,
    a_responded_complaint_is_referred_and_closes_with_the_ombudsman_decision,
    a_complaint_is_referred_to_every_scheme_by_its_name,
    a_team_leader_rejects_or_transfers_a_complaint_and_its_timers_stop,
    the_caller_sees_what_it_may_do_now_and_why_not,
    admins_set_the_internal_profile_targets_and_new_cases_follow_them,
    the_queue_lists_running_cases_by_next_due_instant_and_filters_by_outcome,
    an_internal_target_pauses_while_awaiting_information_and_a_regulatory_deadline_does_not,
);

fn leader(app: &TestApp) -> String {
    app.token("lead-north", &["team_leader"], Some("north"))
}

async fn case_with<'a>(app: &'a TestApp, profile: &str) -> Case<'a> {
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = complaint_body();
    body["profile"] = json!(profile);
    let c = app.create(&token, &body).await;
    Case {
        app,
        token,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    }
}

async fn a_large_redress_is_proposed_approved_by_another_leader_and_settled_before_closing(
    app: TestApp,
) {
    let mut case = new_case(&app).await;
    investigating(&mut case).await;
    let handler = case.token.clone();
    // The handler took the case by acknowledging it, so the four-eyes rule knows whose
    // response it is.
    let c: Value = app.get(&case.path, &handler).await.json().await.unwrap();
    assert_eq!(c["assignee"], "agent-north", "{c}");
    let big = json!({
        "outcome": "upheld",
        "primary_cause": "SYS.OUTAGE",
        "remedies": [
            {"kind": "financial_loss_compensation", "amount_minor": 75_000, "currency": "GBP"},
            {"kind": "apology", "status": "completed"},
        ],
        "communication": {"channel": "letter"},
    });
    // Redress above the threshold cannot go out unapproved.
    let p = problem(
        case.act("issue_response", big.clone()).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "approval_required");

    let proposal = json!({
        "outcome": "upheld",
        "primary_cause": "SYS.OUTAGE",
        "remedies": [
            {"kind": "financial_loss_compensation", "amount_minor": 75_000, "currency": "GBP"},
            {"kind": "apology", "status": "completed"},
        ],
        "note": "Outage cost the customer two late-payment fees and a missed bill",
    });
    let c = case.ok("propose_response", proposal.clone()).await;
    assert_eq!(c["state"], "pending_approval");
    assert_eq!(c["approved"], false);
    let remedies: Value = app
        .get(&format!("{}/remedies", case.path), &handler)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(remedies["items"].as_array().unwrap().len(), 2);
    assert!(
        remedies["items"][0].get("issued_at").is_none()
            || remedies["items"][0]["issued_at"].is_null()
    );

    // Not issuable before approval; an agent cannot approve.
    let issue = json!({"outcome": "upheld", "communication": {"channel": "letter"}});
    let p = problem(
        case.act("issue_response", issue.clone()).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "approval_required");
    let p = problem(
        case.act("approve_response", json!({})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "role");

    // A team leader sends it back with a reason: the proposal's remedies are withdrawn.
    case.token = leader(&app);
    let p = problem(
        case.act("return_for_rework", json!({"reason": " "})).await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "reason", "{p}");
    let c = case
        .ok(
            "return_for_rework",
            json!({"reason": "Add the interest owed"}),
        )
        .await;
    assert_eq!(c["state"], "investigating");
    let remedies: Value = app
        .get(&format!("{}/remedies", case.path), &handler)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(remedies["items"].as_array().unwrap().len(), 0);

    case.token = handler.clone();
    case.ok("propose_response", proposal).await;
    // The handler cannot approve their own response, even as a team leader.
    let handler_lead = app.token("agent-north", &["team_leader"], Some("north"));
    case.token = handler_lead;
    let p = problem(
        case.act("approve_response", json!({})).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "four_eyes");
    case.token = leader(&app);
    let c = case.ok("approve_response", json!({"note": "Agreed"})).await;
    assert_eq!(c["approved"], true);
    assert_eq!(c["state"], "pending_approval");

    // What goes out is what was approved.
    case.token = handler.clone();
    let changed = json!({"outcome": "partially_upheld", "primary_cause": "SYS.OUTAGE", "communication": {"channel": "letter"}});
    let p = problem(
        case.act("issue_response", changed).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "differs_from_proposal");
    let more = json!({"outcome": "upheld", "remedies": [{"kind": "goodwill_payment", "amount_minor": 1, "currency": "GBP"}], "communication": {"channel": "letter"}});
    let p = problem(case.act("issue_response", more).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "differs_from_proposal");
    let c = case.ok("issue_response", issue).await;
    assert_eq!(c["state"], "responded");
    assert_eq!(c["outcome"], "upheld");
    assert_eq!(c["approved"], false, "an approval covers one response");
    assert_eq!(timer(&c, "final_response")["state"], "met");

    // The compensation is still due: the case cannot close until it is settled.
    let p = problem(case.act("close", json!({})).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "remedies_unsettled");
    let remedies: Value = app
        .get(&format!("{}/remedies", case.path), &handler)
        .await
        .json()
        .await
        .unwrap();
    let items = remedies["items"].as_array().unwrap();
    assert!(
        items.iter().all(|r| r["issued_at"].is_string()),
        "{remedies}"
    );
    let due = items.iter().find(|r| r["status"] == "due").unwrap();
    assert_eq!(due["amount_minor"], 75_000);
    let settle = format!(
        "{}/remedies/{}/settle",
        case.path,
        due["id"].as_str().unwrap()
    );
    let resp = app
        .request(Method::POST, &settle, Some(&handler))
        .json(&json!({"status": "completed", "note": "Paid, ref FP-1234"}))
        .send()
        .await
        .unwrap();
    problem(resp, 428, "precondition_required").await;
    let resp = app
        .request(Method::POST, &settle, Some(&handler))
        .header("If-Match", format!("\"{}\"", case.version))
        .json(&json!({"status": "completed", "note": "Paid, ref FP-1234"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    case.version += 1;
    assert_eq!(
        resp.headers()["etag"].to_str().unwrap(),
        format!("\"{}\"", case.version)
    );
    let settled: Value = resp.json().await.unwrap();
    assert_eq!(settled["status"], "completed");
    assert_eq!(settled["settled_by"], "agent-north");
    let again = app
        .request(Method::POST, &settle, Some(&handler))
        .header("If-Match", format!("\"{}\"", case.version))
        .json(&json!({"status": "declined"}))
        .send()
        .await
        .unwrap();
    let p = problem(again, 409, "guard_failed").await;
    assert_eq!(p["reason"], "remedy_settled");

    let c = case.ok("close", json!({"note": "Paid and accepted"})).await;
    assert_eq!(c["state"], "closed");

    let comms: Value = app
        .get(&format!("{}/communications", case.path), &handler)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<_> = comms["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["acknowledgement", "final_response"]);
    let chain: Value = app
        .get(&format!("{}/events/verify", case.path), &handler)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(chain["intact"], true);
}

async fn extend(case: &mut Case<'_>, body: Value) -> reqwest::Response {
    case.act("extend", body).await
}

async fn an_extension_needs_the_notice_its_profile_requires_before_the_deadline_and_within_the_cap(
    app: TestApp,
) {
    // Housing Ombudsman: stage 1 answered within 10 working days of acknowledgement, extendable
    // once by up to 10 more with notice.
    let mut case = case_with(&app, "housing_ombudsman").await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    investigating(&mut case).await;
    let agent = case.token.clone();
    case.token = leader(&app);
    let c: Value = app.get(&case.path, &agent).await.json().await.unwrap();
    let stage1 = timer(&c, "stage1_response");
    assert_eq!(stage1["due_at"], "2026-12-07T23:59:59.999999+00:00");
    assert_eq!(stage1["extension_cap"], "2026-12-21T23:59:59.999999+00:00");

    let notice = json!({"channel": "email", "summary": "We need until 14 December, because the contractor report is late."});
    let without = json!({"timer": "stage1_response", "new_due_at": "2026-12-14T17:00:00Z", "reason": "Contractor report outstanding"});
    let p = problem(extend(&mut case, without).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "extension_notice_required");
    let over = json!({"timer": "stage1_response", "new_due_at": "2026-12-22T12:00:00Z", "reason": "Contractor report outstanding", "notice": notice});
    let p = problem(extend(&mut case, over).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "extension_over_cap");
    let unknown = json!({"timer": "final_response", "new_due_at": "2026-12-14T17:00:00Z", "reason": "x", "notice": notice});
    let p = problem(extend(&mut case, unknown).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "extension_not_allowed");
    let earlier = json!({"timer": "stage1_response", "new_due_at": "2026-12-01T17:00:00Z", "reason": "x", "notice": notice});
    let p = problem(extend(&mut case, earlier).await, 422, "validation_failed").await;
    assert_eq!(p["field"], "new_due_at");
    // Agents cannot extend.
    case.token = agent.clone();
    let ok_body = json!({"timer": "stage1_response", "new_due_at": "2026-12-14T17:00:00Z", "reason": "Contractor report outstanding", "notice": notice});
    let p = problem(
        extend(&mut case, ok_body.clone()).await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "role");

    case.token = leader(&app);
    app.set_now(at("2026-12-03T09:00:00Z"));
    let c = case.ok("extend", ok_body).await;
    let stage1 = timer(&c, "stage1_response");
    assert_eq!(stage1["state"], "running");
    assert_eq!(
        stage1["due_at"], "2026-12-07T23:59:59.999999+00:00",
        "the original deadline stays on record"
    );
    assert_eq!(stage1["extension"]["due_at"], "2026-12-14T17:00:00+00:00");
    assert_eq!(
        stage1["extension"]["notice_sent_at"],
        "2026-12-03T09:00:00+00:00"
    );
    assert_eq!(
        stage1["extension"]["reason"],
        "Contractor report outstanding"
    );

    // Past the original deadline but inside the extension: no breach.
    app.set_now(at("2026-12-08T12:00:00Z"));
    let report = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!(report.breaches, 0);
    app.set_now(at("2026-12-14T17:00:01Z"));
    let report = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!(report.breaches, 1);
    let c: Value = app.get(&case.path, &agent).await.json().await.unwrap();
    assert_eq!(timer(&c, "stage1_response")["state"], "breached");
    let comms: Value = app
        .get(&format!("{}/communications", case.path), &agent)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        comms["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "extension_notice"),
        "{comms}"
    );

    // A notice after the deadline is too late.
    let mut late = case_with(&app, "housing_ombudsman").await;
    app.set_now(at("2026-11-23T11:00:00Z"));
    investigating(&mut late).await;
    late.token = leader(&app);
    app.set_now(at("2026-12-08T09:00:00Z"));
    let body = json!({"timer": "stage1_response", "new_due_at": "2026-12-14T17:00:00Z", "reason": "Contractor report outstanding", "notice": {"channel": "email"}});
    let p = problem(extend(&mut late, body).await, 409, "guard_failed").await;
    assert_eq!(p["reason"], "extension_notice_late");

    // An internal target is extended without a notice.
    let mut internal = case_with(&app, "internal").await;
    investigating(&mut internal).await;
    internal.token = leader(&app);
    let body = json!({"timer": "stage1_response", "new_due_at": "2027-01-15T17:00:00Z", "reason": "Waiting on a supplier"});
    let c = internal.ok("extend", body).await;
    let t = timer(&c, "stage1_response");
    assert_eq!(t["regulatory"], false);
    assert_eq!(t["extension"]["due_at"], "2027-01-15T17:00:00+00:00");
    assert!(
        t["extension"].get("notice_sent_at").is_none()
            || t["extension"]["notice_sent_at"].is_null()
    );
}

/// Every scheme's name is stored whole: on PostgreSQL the column was 32 characters, and the
/// Scottish Public Services Ombudsman's name (34) answered 500.
async fn a_complaint_is_referred_to_every_scheme_by_its_name(app: TestApp) {
    for scheme in [
        "financial_ombudsman_service",
        "scottish_public_services_ombudsman",
        "housing_ombudsman",
        "afca",
        "cfpb",
        "other",
    ] {
        let mut case = new_case(&app).await;
        investigating(&mut case).await;
        let response = json!({"outcome": "not_upheld", "communication": {"channel": "letter"}});
        case.ok("issue_response", response).await;
        let c = case.ok("refer", json!({"scheme": scheme})).await;
        assert_eq!(c["referral"]["scheme"], scheme);
    }
}

async fn a_responded_complaint_is_referred_and_closes_with_the_ombudsman_decision(app: TestApp) {
    let mut case = new_case(&app).await;
    investigating(&mut case).await;
    let response = json!({"outcome": "not_upheld", "communication": {"channel": "letter"}});
    case.ok("issue_response", response).await;
    let p = problem(
        case.act("record_referral_outcome", json!({"decision": "upheld"}))
            .await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("responded"), "{p}");
    app.set_now(at("2027-02-01T09:00:00Z"));
    let c = case
        .ok(
            "refer",
            json!({"scheme": "financial_ombudsman_service", "reference": "FOS-123-456"}),
        )
        .await;
    assert_eq!(c["state"], "referred");
    assert_eq!(c["referral"]["scheme"], "financial_ombudsman_service");
    assert_eq!(c["referral"]["reference"], "FOS-123-456");
    assert_eq!(c["referral"]["referred_at"], "2027-02-01T09:00:00+00:00");
    // The decision is recorded a week after it was made (a decision cannot be dated ahead).
    app.set_now(at("2027-05-17T09:00:00Z"));
    let c = case
        .ok(
            "record_referral_outcome",
            json!({"decision": "upheld", "decided_at": "2027-05-10T12:00:00Z", "note": "Ombudsman found the fee unfair"}),
        )
        .await;
    assert_eq!(c["state"], "closed");
    assert_eq!(c["referral"]["decision"], "upheld");
    assert_eq!(c["referral"]["decided_at"], "2027-05-10T12:00:00+00:00");
    let events: Value = app
        .get(&format!("{}/events", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<_> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(kinds.contains(&"complaint.refer".to_owned()), "{kinds:?}");
    assert!(
        kinds.contains(&"complaint.record_referral_outcome".to_owned()),
        "{kinds:?}"
    );
}

async fn a_team_leader_rejects_or_transfers_a_complaint_and_its_timers_stop(app: TestApp) {
    let mut case = new_case(&app).await;
    let p = problem(
        case.act("reject_scope", json!({"reason": "A service request"}))
            .await,
        409,
        "guard_failed",
    )
    .await;
    assert_eq!(p["reason"], "role");
    case.token = leader(&app);
    let c = case
        .ok(
            "reject_scope",
            json!({"reason": "A request to change an address, not a complaint"}),
        )
        .await;
    assert_eq!(c["state"], "not_a_complaint");
    assert!(
        c["timers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["state"] == "stopped"),
        "{c}"
    );
    // On second thoughts it was a complaint after all.
    let c = case
        .ok(
            "reopen",
            json!({"reason": "Customer says the fee is the complaint"}),
        )
        .await;
    assert_eq!(c["state"], "investigating");
    assert_eq!(timer(&c, "reopened_response_1")["state"], "running");

    let mut other = new_case(&app).await;
    other.token = leader(&app);
    let p = problem(
        other
            .act("transfer", json!({"to": "Acme Insurance", "reason": ""}))
            .await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "reason", "{p}");
    let c = other
        .ok(
            "transfer",
            json!({"to": "Acme Insurance Ltd", "reason": "The policy is underwritten by Acme"}),
        )
        .await;
    assert_eq!(c["state"], "transferred");
    assert_eq!(c["transferred_to"], "Acme Insurance Ltd");
    assert!(
        c["timers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["state"] == "stopped"),
        "{c}"
    );
    let p = problem(
        other.act("reopen", json!({"reason": "x"})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(p["detail"].is_string());
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_caller_sees_what_it_may_do_now_and_why_not(app: TestApp) {
    let mut case = new_case(&app).await;
    let path = format!("{}/actions", case.path);
    let resp = app.get(&path, &case.token).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"].to_str().unwrap(), "\"1\"");
    let list: Value = resp.json().await.unwrap();
    assert_eq!(list["state"], "received");
    assert_eq!(
        names(&list),
        ["acknowledge", "assign", "resolve_summarily", "withdraw"]
    );
    // A team leader may also reject or transfer it; the FCA final-response deadline cannot be
    // extended, so `extend` is not offered.
    let lead = leader(&app);
    let list: Value = app.get(&path, &lead).await.json().await.unwrap();
    assert_eq!(
        names(&list),
        [
            "acknowledge",
            "assign",
            "resolve_summarily",
            "withdraw",
            "reject_scope",
            "transfer"
        ]
    );

    let all: Value = app
        .get(&format!("{path}?all=true"), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len(), 19);
    let find = |name: &str| items.iter().find(|a| a["action"] == name).unwrap().clone();
    assert_eq!(find("close")["available"], false);
    assert_eq!(find("close")["reason"], "invalid_transition");
    assert_eq!(find("reject_scope")["reason"], "role");
    assert_eq!(find("acknowledge")["available"], true);
    assert!(find("acknowledge").get("reason").is_none() || find("acknowledge")["reason"].is_null());

    // Past the window, summary resolution is no longer offered, with the reason.
    app.set_now(at("2026-11-27T09:00:00Z"));
    let all: Value = app
        .get(&format!("{path}?all=true"), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let resolve = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "resolve_summarily")
        .unwrap();
    assert_eq!(resolve["reason"], "summary_window_passed");

    // An auditor may read but not act; another team's agent cannot see the case.
    let auditor = app.token("auditor-1", &["auditor"], None);
    let all: Value = app
        .get(&format!("{path}?all=true"), &auditor)
        .await
        .json()
        .await
        .unwrap();
    assert!(
        all["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["available"] == false && a["reason"] == "role")
    );
    let list: Value = app.get(&path, &auditor).await.json().await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    problem(app.get(&path, &app.agent("south")).await, 404, "not_found").await;

    // The list follows the case.
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    let list: Value = app.get(&path, &case.token).await.json().await.unwrap();
    assert_eq!(list["version"], case.version);
    assert!(names(&list).contains(&"start_investigation".to_owned()));
}

async fn admins_set_the_internal_profile_targets_and_new_cases_follow_them(app: TestApp) {
    let admin = app.token("admin-1", &["admin"], None);
    let agent = app.agent("north");
    let got: Value = app
        .get("/v1/profiles/internal/targets", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(got["version"], 0);
    assert_eq!(got["targets"]["stages"], 2);
    let targets = json!({
        "calendar": "uk-scotland",
        "stages": 1,
        "acknowledgement_business_days": 2,
        "stage1_response_business_days": 15,
        "stage2_response_business_days": 20,
    });
    let resp = app
        .request(Method::PUT, "/v1/profiles/internal/targets", Some(&agent))
        .json(&targets)
        .send()
        .await
        .unwrap();
    problem(resp, 403, "forbidden").await;
    let mut bad = targets.clone();
    bad["stages"] = json!(3);
    let resp = app
        .request(Method::PUT, "/v1/profiles/internal/targets", Some(&admin))
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    let resp = app
        .request(Method::PUT, "/v1/profiles/internal/targets", Some(&admin))
        .json(&targets)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let set: Value = resp.json().await.unwrap();
    assert_eq!(set["version"], 1);

    let profiles: Value = app.get("/v1/profiles", &agent).await.json().await.unwrap();
    let internal = profiles["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["profile"] == "internal")
        .unwrap()
        .clone();
    assert_eq!(internal["calendar"], "uk-scotland");
    assert_eq!(internal["max_stages"], 1);

    // Received Monday 23 November 2026, 10:00: acknowledgement by Wednesday, response in
    // 15 Scottish working days (St Andrew's Day, Monday 30 November, is a holiday).
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = complaint_body();
    body["profile"] = json!("internal");
    let c = app.create(&agent, &body).await;
    let c: Value = app
        .get(
            &format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
            &agent,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        timer(&c, "acknowledgement")["due_at"],
        "2026-11-25T23:59:59.999999+00:00"
    );
    assert_eq!(
        timer(&c, "final_response")["due_at"],
        "2026-12-15T23:59:59.999999+00:00"
    );
    assert_eq!(timer(&c, "final_response")["regulatory"], false);
    let preview: Value = app
        .get(
            "/v1/profiles/internal/deadlines?received_at=2026-11-23T10:00:00Z",
            &agent,
        )
        .await
        .json()
        .await
        .unwrap();
    let due = preview["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "final_response")
        .unwrap();
    assert_eq!(due["due_at"], "2026-12-15T23:59:59.999999+00:00");
}

async fn the_queue_lists_running_cases_by_next_due_instant_and_filters_by_outcome(app: TestApp) {
    let agent = app.agent("north");
    let mut ids = Vec::new();
    // Received on three days, newest first: the oldest is due soonest.
    for day in [
        "2026-11-25T10:00:00Z",
        "2026-11-23T10:00:00Z",
        "2026-11-24T10:00:00Z",
    ] {
        app.set_now(at(day));
        let c = app.create(&agent, &complaint_body()).await;
        ids.push(c["id"].as_str().unwrap().to_owned());
    }
    // One is resolved at once and leaves the queue.
    app.set_now(at("2026-11-25T11:00:00Z"));
    let mut done = Case {
        app: &app,
        token: agent.clone(),
        path: format!("/v1/complaints/{}", ids[0]),
        version: 1,
    };
    done.ok(
        "resolve_summarily",
        json!({"outcome": "resolved", "communication": {"channel": "phone"}}),
    )
    .await;

    let queue: Value = app
        .get("/v1/complaints?sort=next_due&limit=1", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["items"][0]["id"], ids[1]);
    assert_eq!(
        queue["items"][0]["next_due_at"],
        "2026-11-26T17:00:00+00:00"
    );
    let cursor = queue["next_cursor"].as_str().unwrap();
    let next: Value = app
        .get(
            &format!("/v1/complaints?sort=next_due&limit=1&cursor={cursor}"),
            &agent,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(next["items"][0]["id"], ids[2]);
    assert!(
        next.get("next_cursor").is_none() || next["next_cursor"].is_null(),
        "{next}"
    );

    let resolved: Value = app
        .get("/v1/complaints?outcome=resolved", &agent)
        .await
        .json()
        .await
        .unwrap();
    let items = resolved["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], ids[0]);
    let upheld: Value = app
        .get("/v1/complaints?outcome=upheld", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(upheld["items"].as_array().unwrap().len(), 0);
}

async fn an_internal_target_pauses_while_awaiting_information_and_a_regulatory_deadline_does_not(
    app: TestApp,
) {
    let mut internal = case_with(&app, "internal").await;
    investigating(&mut internal).await;
    let c: Value = app
        .get(&internal.path, &internal.token)
        .await
        .json()
        .await
        .unwrap();
    let before = timer(&c, "stage1_response");
    assert_eq!(before["due_at"], "2026-12-07T23:59:59.999999+00:00");
    app.set_now(at("2026-11-24T09:00:00Z"));
    let c = internal
        .ok(
            "request_information",
            json!({"what": "Photos of the damage"}),
        )
        .await;
    let paused = timer(&c, "stage1_response");
    assert_eq!(paused["state"], "paused");
    assert_eq!(paused["paused_at"], "2026-11-24T09:00:00+00:00");
    // A paused target is never swept into a breach.
    app.set_now(at("2026-12-09T09:00:00Z"));
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 0);
    let c = internal.ok("information_received", json!({})).await;
    let resumed = timer(&c, "stage1_response");
    assert_eq!(resumed["state"], "running");
    // Paused for 15 days: the target moves on by exactly that.
    assert_eq!(resumed["due_at"], "2026-12-22T23:59:59.999999+00:00");
    assert!(resumed.get("paused_at").is_none() || resumed["paused_at"].is_null());

    // The FCA's eight weeks keep running while the firm waits.
    let mut fca = new_case(&app).await;
    investigating(&mut fca).await;
    let c = fca
        .ok("request_information", json!({"what": "Bank statements"}))
        .await;
    assert_eq!(timer(&c, "final_response")["state"], "running");
}
