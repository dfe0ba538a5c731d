//! Every role against every endpoint: allowed operations succeed, the rest are 403.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, claims, complaint_body};

engine_tests!(
    every_role_gets_exactly_its_endpoints,
    a_token_whose_sub_or_name_holds_a_control_character_is_refused,
);

const ROLES: [&str; 6] = [
    "agent",
    "team_leader",
    "analyst",
    "admin",
    "auditor",
    "integrator",
];

const EVERYONE: &[&str] = &[
    "agent",
    "team_leader",
    "analyst",
    "admin",
    "auditor",
    "integrator",
];
const HANDLERS: &[&str] = &["agent", "team_leader", "integrator"];
const ADMINS: &[&str] = &["admin"];
const OVERSIGHT: &[&str] = &["team_leader", "analyst", "admin", "auditor"];

/// (operation, roles allowed). Written out independently of the code's table.
const ALLOWED: &[(&str, &[&str])] = &[
    ("create_complaint", HANDLERS),
    ("get_complaint", EVERYONE),
    ("list_complaints", EVERYONE),
    ("update_complaint", HANDLERS),
    ("list_complaint_events", EVERYONE),
    ("verify_complaint_events", EVERYONE),
    ("create_team", ADMINS),
    ("list_teams", EVERYONE),
    ("get_me", EVERYONE),
    ("list_profiles", EVERYONE),
    ("preview_deadlines", EVERYONE),
    ("list_holidays", EVERYONE),
    ("add_holiday", ADMINS),
    ("remove_holiday", ADMINS),
    ("list_escalations", OVERSIGHT),
    ("acknowledge", &["agent", "team_leader", "integrator"]),
    ("list_webhooks", ADMINS),
];

async fn every_role_gets_exactly_its_endpoints(app: TestApp) {
    app.team("north").await;
    // The complaint every role looks at: north's, logged by the integrator under test, so
    // that it is in scope for every role.
    let token_for = |role: &str| match role {
        "integrator" => app.token("crm", &[role], None),
        "agent" | "team_leader" => app.token(&format!("{role}-1"), &[role], Some("north")),
        _ => app.token(&format!("{role}-1"), &[role], None),
    };
    let mut body = complaint_body();
    body["team"] = json!("north");
    let complaint = app.create(&token_for("integrator"), &body).await;
    let id = complaint["id"].as_str().unwrap().to_owned();

    for (n, role) in ROLES.iter().enumerate() {
        let token = token_for(role);
        let mut create_body = complaint_body();
        if *role == "integrator" || !["agent", "team_leader"].contains(role) {
            create_body["team"] = json!("north");
        }
        let requests: Vec<(&str, reqwest::RequestBuilder)> = vec![
            (
                "create_complaint",
                app.request(Method::POST, "/v1/complaints", Some(&token))
                    .json(&create_body),
            ),
            (
                "get_complaint",
                app.request(Method::GET, &format!("/v1/complaints/{id}"), Some(&token)),
            ),
            (
                "list_complaints",
                app.request(Method::GET, "/v1/complaints", Some(&token)),
            ),
            (
                "update_complaint",
                app.request(Method::PATCH, &format!("/v1/complaints/{id}"), Some(&token))
                    .header("If-Match", "*")
                    .json(&json!({
                        "category": crate::harness::CURRENT_ACCOUNT_CATEGORIES
                            [n % crate::harness::CURRENT_ACCOUNT_CATEGORIES.len()]
                    })),
            ),
            (
                "list_complaint_events",
                app.request(
                    Method::GET,
                    &format!("/v1/complaints/{id}/events"),
                    Some(&token),
                ),
            ),
            (
                "verify_complaint_events",
                app.request(
                    Method::GET,
                    &format!("/v1/complaints/{id}/events/verify"),
                    Some(&token),
                ),
            ),
            (
                "create_team",
                app.request(Method::POST, "/v1/teams", Some(&token))
                    .json(&json!({"id": format!("team-{n}"), "name": "T"})),
            ),
            (
                "list_teams",
                app.request(Method::GET, "/v1/teams", Some(&token)),
            ),
            ("get_me", app.request(Method::GET, "/v1/me", Some(&token))),
            (
                "acknowledge",
                app.request(
                    Method::POST,
                    &format!("/v1/complaints/{id}/actions/acknowledge"),
                    Some(&token),
                )
                .header("If-Match", "*")
                .json(&json!({"communication": {"channel": "email"}})),
            ),
            (
                "list_escalations",
                app.request(Method::GET, "/v1/escalations", Some(&token)),
            ),
            (
                "list_profiles",
                app.request(Method::GET, "/v1/profiles", Some(&token)),
            ),
            (
                "preview_deadlines",
                app.request(
                    Method::GET,
                    "/v1/profiles/fca_disp/deadlines?received_at=2026-11-23T10:00:00Z",
                    Some(&token),
                ),
            ),
            (
                "list_holidays",
                app.request(
                    Method::GET,
                    "/v1/calendars/uk-scotland/holidays",
                    Some(&token),
                ),
            ),
            (
                "add_holiday",
                app.request(
                    Method::PUT,
                    "/v1/calendars/us-federal/holidays/2026-11-27",
                    Some(&token),
                ),
            ),
            (
                "remove_holiday",
                app.request(
                    Method::DELETE,
                    "/v1/calendars/us-federal/holidays/2026-11-27",
                    Some(&token),
                ),
            ),
            (
                "list_webhooks",
                app.request(Method::GET, "/v1/webhooks", Some(&token)),
            ),
        ];
        assert_eq!(requests.len(), ALLOWED.len());
        for (operation, request) in requests {
            let resp = request.send().await.unwrap();
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            let allowed = ALLOWED
                .iter()
                .find(|(op, _)| *op == operation)
                .unwrap()
                .1
                .contains(role);
            if allowed && operation == "acknowledge" {
                // The first allowed role acknowledges; the procedure refuses the repeats (409),
                // which is the state machine speaking, not the permission table.
                assert!(
                    status == 200 || body["code"] == "invalid_transition",
                    "{role} {operation}: {status} {body}"
                );
            } else if allowed {
                assert!(
                    (200..300).contains(&status),
                    "{role} {operation}: expected success, got {status} {body}"
                );
            } else {
                assert_eq!(status, 403, "{role} {operation}: expected 403, got {body}");
                assert_eq!(body["code"], "forbidden");
            }
        }
    }
}

/// The subject and name are stored (the user directory, the audit trail): a NUL, which
/// PostgreSQL refuses in text, once broke every request of such a token with a 500, `/v1/me`
/// included. It is refused as a bad token, alike on both engines.
async fn a_token_whose_sub_or_name_holds_a_control_character_is_refused(app: TestApp) {
    let mut nul_sub = claims("agent\u{0}north", &["agent"], Some("north"));
    nul_sub.name = Some("Agent North".into());
    let nul_name = {
        let mut c = claims("agent-north", &["agent"], Some("north"));
        c.name = Some("Agent\u{0}North".into());
        c
    };
    let newline_sub = claims("agent\nnorth", &["agent"], Some("north"));
    for (label, c) in [
        ("NUL in sub", nul_sub),
        ("NUL in name", nul_name),
        ("newline in sub", newline_sub),
    ] {
        let token = app.sign(c);
        for (method, path) in [(Method::GET, "/v1/me"), (Method::GET, "/v1/complaints")] {
            let resp = app
                .request(method, path, Some(&token))
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or(Value::Null);
            assert_eq!(status, 401, "{label} {path}: {body}");
            assert_eq!(body["code"], "unauthenticated", "{label}: {body}");
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("control character"),
                "{label}: {body}"
            );
        }
    }
    // The same caller with clean claims is served.
    let token = app.token("agent-north", &["agent"], Some("north"));
    let resp = app
        .request(Method::GET, "/v1/me", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}
