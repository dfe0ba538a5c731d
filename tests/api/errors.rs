//! Every error is a problem document with a stable code, at the status the spec declares.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, problem};

engine_tests!(
    malformed_bodies_are_400_naming_the_field,
    rule_breaking_bodies_are_422_naming_the_field,
    unknown_paths_are_404_and_wrong_methods_405_with_allow,
    non_json_bodies_are_415_and_oversized_ones_413,
    bad_parameters_are_400,
    missing_and_invalid_tokens_are_401_with_a_challenge,
    a_role_without_the_permission_is_403,
    a_nul_in_a_query_filter_is_400_naming_it,
    a_nul_in_a_path_parameter_is_400_naming_it,
    a_nul_in_a_nested_body_string_is_400_naming_it,
    a_nul_in_an_array_body_string_is_400_naming_it,
    every_parameter_of_every_operation_refuses_a_nul,
);

async fn malformed_bodies_are_400_naming_the_field(app: TestApp) {
    let token = app.agent("north");
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|b| b["complainant"]["name"] = json!(42)),
            "complainant.name",
        ),
        (Box::new(|b| b["description"] = json!(true)), "description"),
        (
            Box::new(|b| b["complainant"]["email"] = json!(null)),
            "complainant.email",
        ),
        (
            Box::new(|b| b["channel"] = json!("carrier_pigeon")),
            "channel",
        ),
        (Box::new(|b| b["surprise"] = json!(1)), "surprise"),
        (
            Box::new(|b| {
                b.as_object_mut().unwrap().remove("remedy_sought");
            }),
            "remedy_sought",
        ),
        (
            Box::new(|b| b["complainant"]["email"] = json!("not-an-email")),
            "email",
        ),
        (Box::new(|b| b["description"] = json!("   ")), "description"),
        (
            Box::new(|b| b["vulnerability"] = json!({"drivers": []})),
            "drivers",
        ),
        (
            Box::new(|b| b["received_at"] = json!("yesterday")),
            "received_at",
        ),
    ];
    for (change, field) in cases {
        let mut body = complaint_body();
        change(&mut body);
        let resp = app.post("/v1/complaints", &token, &body).await;
        let p = problem(resp, 400, "invalid_request").await;
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains(field), "{field}: {detail}");
    }
    let resp = app
        .request(Method::POST, "/v1/complaints", Some(&token))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    problem(resp, 400, "invalid_request").await;
}

async fn rule_breaking_bodies_are_422_naming_the_field(app: TestApp) {
    let token = app.agent("north");
    let mut no_contact = complaint_body();
    no_contact["complainant"] = json!({"name": "Jo"});
    let mut future = complaint_body();
    future["received_at"] = json!("2999-01-01T00:00:00Z");
    let mut ancient = complaint_body();
    ancient["received_at"] = json!("1969-07-20T20:17:00Z");
    for (body, field) in [
        (no_contact, "complainant"),
        (future, "received_at"),
        (ancient, "received_at"),
    ] {
        let p = problem(
            app.post("/v1/complaints", &token, &body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(p["field"], field, "{p}");
    }
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let p = problem(
        app.patch(
            &path,
            &token,
            Some("\"1\""),
            &json!({"received_at": "2999-01-01T00:00:00Z"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "received_at");
    let agent_without_team = app.token("drifter", &["agent"], None);
    let p = problem(
        app.post("/v1/complaints", &agent_without_team, &complaint_body())
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(p["field"], "team");
}

async fn unknown_paths_are_404_and_wrong_methods_405_with_allow(app: TestApp) {
    let token = app.agent("north");
    problem(app.get("/v1/nothing-here", &token).await, 404, "not_found").await;
    problem(
        app.get(&format!("/v1/complaints/{}", uuid::Uuid::now_v7()), &token)
            .await,
        404,
        "not_found",
    )
    .await;
    let resp = app
        .request(Method::DELETE, "/v1/complaints", Some(&token))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "GET, HEAD, POST");
    problem(resp, 405, "method_not_allowed").await;
    let resp = app
        .request(
            Method::PUT,
            &format!("/v1/complaints/{}", uuid::Uuid::now_v7()),
            Some(&token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["allow"], "GET, HEAD, PATCH");
    problem(resp, 405, "method_not_allowed").await;
}

async fn non_json_bodies_are_415_and_oversized_ones_413(app: TestApp) {
    let token = app.agent("north");
    let resp = app
        .request(Method::POST, "/v1/complaints", Some(&token))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    problem(resp, 415, "unsupported_media_type").await;
    let mut body = complaint_body();
    body["description"] = json!("x".repeat(recourse::config::DEFAULT_MAX_BODY_BYTES + 1));
    problem(
        app.post("/v1/complaints", &token, &body).await,
        413,
        "payload_too_large",
    )
    .await;
    // Also without a declared length (chunked transfer).
    let bytes = serde_json::to_vec(&body).unwrap();
    let stream = futures::stream::iter(
        bytes
            .chunks(8192)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let resp = app
        .request(Method::POST, "/v1/complaints", Some(&token))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    problem(resp, 413, "payload_too_large").await;
}

async fn bad_parameters_are_400(app: TestApp) {
    let token = app.agent("north");
    for path in [
        "/v1/complaints?limit=0",
        "/v1/complaints?limit=201",
        "/v1/complaints?state=lost",
        "/v1/complaints?cursor=short",
        "/v1/complaints?received_from=monday",
        "/v1/complaints/not-a-uuid",
    ] {
        problem(app.get(path, &token).await, 400, "invalid_request").await;
    }
}

async fn missing_and_invalid_tokens_are_401_with_a_challenge(app: TestApp) {
    for token in [None, Some("not-a-jwt")] {
        let resp = app
            .request(Method::GET, "/v1/complaints", token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()["www-authenticate"], "Bearer");
        problem(resp, 401, "unauthenticated").await;
    }
}

async fn a_role_without_the_permission_is_403(app: TestApp) {
    let auditor = app.token("audit-1", &["auditor"], None);
    problem(
        app.post("/v1/complaints", &auditor, &complaint_body())
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.post(
            "/v1/teams",
            &auditor,
            &json!({"id": "west", "name": "West"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// U+0000: PostgreSQL refuses it in text, SQLite stores it. Both engines answer 400 naming the
// field, before any handler runs.

async fn a_nul_in_a_query_filter_is_400_naming_it(app: TestApp) {
    let agent = app.agent("north");
    app.create(&agent, &complaint_body()).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    for (path, token, field) in [
        ("/v1/complaints?q=fee%00", &agent, "q"),
        (
            "/v1/complaints?product=current%00account",
            &agent,
            "product",
        ),
        ("/v1/complaints?assignee=%00", &agent, "assignee"),
        ("/v1/complaints?format=csv&q=%00", &agent, "q"),
        ("/v1/improvements?owner=jo%00", &analyst, "owner"),
        ("/v1/reports/people?agent=%00", &analyst, "agent"),
        ("/v1/reports/volumes?product=x%00y", &analyst, "product"),
        ("/v1/categories?product=%00", &analyst, "product"),
    ] {
        let p = problem(app.get(path, token).await, 400, "invalid_request").await;
        assert_eq!(p["field"], field, "{path}: {p}");
        assert!(p["detail"].as_str().unwrap().contains("NUL"), "{p}");
    }
}

async fn a_nul_in_a_path_parameter_is_400_naming_it(app: TestApp) {
    let agent = app.agent("north");
    let p = problem(
        app.get("/v1/complaints/abc%00", &agent).await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "id", "{p}");
    let token = format!("{}%00", "a".repeat(40));
    let resp = app
        .request(Method::POST, &format!("/v1/feedback/{token}"), None)
        .json(&json!({"outcome_score": 5}))
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "token", "{p}");
}

async fn a_nul_in_a_nested_body_string_is_400_naming_it(app: TestApp) {
    let agent = app.agent("north");
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|b| b["description"] = json!("charged\u{0} twice")),
            "description",
        ),
        (
            Box::new(|b| b["complainant"]["name"] = json!("Jo\u{0}")),
            "complainant.name",
        ),
        (
            Box::new(|b| {
                b["vulnerability"] = json!({"drivers": ["health"], "notes": "\u{0}"});
            }),
            "vulnerability.notes",
        ),
        (
            Box::new(|b| b["complainant"]["nick\u{0}name"] = json!("Jo")),
            "complainant",
        ),
    ];
    for (change, field) in cases {
        let mut body = complaint_body();
        change(&mut body);
        let p = problem(
            app.post("/v1/complaints", &agent, &body).await,
            400,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], field, "{p}");
    }
    // Nothing was stored.
    let page: Value = app
        .get("/v1/complaints", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "{page}");
    // A correction too.
    let c = app.create(&agent, &complaint_body()).await;
    let p = problem(
        app.patch(
            &format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
            &agent,
            Some("\"1\""),
            &json!({"complainant": {"customer_ref": "CUST\u{0}"}}),
        )
        .await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "complainant.customer_ref", "{p}");
}

async fn a_nul_in_an_array_body_string_is_400_naming_it(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let body = json!({
        "primary_cause": "PRC.HANDOFF",
        "five_whys": [
            {"why": "Why was the fee charged twice?", "because": "The refund was lost"},
            {"why": "Why was it lost?", "because": "The queue\u{0} dropped it"},
        ],
    });
    let resp = app
        .request(
            Method::PUT,
            &format!(
                "/v1/complaints/{}/classification",
                c["id"].as_str().unwrap()
            ),
            Some(&analyst),
        )
        .header("If-Match", "*")
        .json(&body)
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "five_whys[1].because", "{p}");
}

/// Every query and path parameter the spec declares, on every operation: a NUL in it is 400
/// naming it, whatever the parameter's type and whether or not the handler would validate it.
async fn every_parameter_of_every_operation_refuses_a_nul(app: TestApp) {
    let token = app.token("all-1", &["agent", "admin", "analyst"], Some("north"));
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let mut checked = 0;
    for (template, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method: Method = method.to_uppercase().parse().unwrap();
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            // A path with every parameter filled in plausibly.
            let filled = |with_nul: Option<&str>| {
                let mut path = template.clone();
                for p in params.iter().filter(|p| p["in"] == "path") {
                    let name = p["name"].as_str().unwrap();
                    let value = if Some(name) == with_nul {
                        "a%00b".to_owned()
                    } else {
                        uuid::Uuid::now_v7().to_string()
                    };
                    path = path.replace(&format!("{{{name}}}"), &value);
                }
                path
            };
            for p in &params {
                let name = p["name"].as_str().unwrap();
                let path = match p["in"].as_str().unwrap() {
                    "path" => filled(Some(name)),
                    "query" => format!("{}?{name}=x%00", filled(None)),
                    _ => continue,
                };
                let resp = app
                    .request(method.clone(), &path, Some(&token))
                    .send()
                    .await
                    .unwrap();
                let p = problem(resp, 400, "invalid_request").await;
                assert_eq!(p["field"], name, "{method} {path}: {p}");
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} parameters");
}
