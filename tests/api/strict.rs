//! The API says exactly what it accepts: an undeclared query parameter, a repeated JSON key
//! or a malformed `If-Match` is refused, and every 400 names its field by the name the spec
//! publishes (`id`, `state`, `If-Match`, `complainant.email`, `five_whys[1].because`), in
//! words about the value rather than the Rust type that refused it.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, problem};

engine_tests!(
    undeclared_query_parameters_are_400_naming_them,
    repeated_json_keys_are_400_naming_their_path,
    a_malformed_if_match_is_400_and_a_missing_one_428_naming_the_resource,
    parameter_errors_name_the_published_parameter,
    body_errors_name_nested_fields_by_their_full_path,
);

async fn undeclared_query_parameters_are_400_naming_them(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    // Today's misspelt filter returned every complaint.
    let p = problem(
        app.get("/v1/complaints?stat=closed", &agent).await,
        400,
        "invalid_request",
    )
    .await;
    assert_eq!(p["field"], "stat", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("`state`"),
        "the accepted ones are listed: {p}"
    );
    for path in [
        format!("/v1/complaints/{id}?verbose=1"),
        format!("/v1/complaints/{id}/actions?x="),
    ] {
        let p = problem(app.get(&path, &agent).await, 400, "invalid_request").await;
        assert!(p["field"] == "verbose" || p["field"] == "x", "{path}: {p}");
    }
    let resp = app
        .request(Method::POST, "/v1/complaints?dry_run=true", Some(&agent))
        .json(&complaint_body())
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "dry_run", "{p}");
    let resp = app
        .request(Method::HEAD, "/v1/complaints?stat=closed", Some(&agent))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
    // Declared parameters still work, under HEAD too.
    let page: Value = app
        .get("/v1/complaints?state=received&limit=5", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    let resp = app
        .request(Method::HEAD, "/v1/complaints?limit=5", Some(&agent))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // Outside the API proper nothing changes.
    for path in [
        "/healthz?probe=lb",
        "/readyz?probe=lb",
        "/metrics?scrape=1",
        "/docs?x=1",
        "/openapi.json?v=2",
        "/dashboard?tab=queue",
    ] {
        let resp = app.request(Method::GET, path, None).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
    }
}

async fn repeated_json_keys_are_400_naming_their_path(app: TestApp) {
    let agent = app.agent("north");
    let raw = |body: &str| {
        app.request(Method::POST, "/v1/complaints", Some(&agent))
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
    };
    let body = complaint_body().to_string();
    let cases = [
        (
            body.replacen(
                "\"description\":",
                "\"description\": \"first\", \"description\":",
                1,
            ),
            "description",
        ),
        (
            body.replacen(
                "\"email\":",
                "\"email\": \"one@example.com\", \"email\":",
                1,
            ),
            "complainant.email",
        ),
    ];
    for (text, field) in cases {
        assert_ne!(text, body);
        let p = problem(raw(&text).await.unwrap(), 400, "invalid_request").await;
        assert_eq!(p["field"], field, "{p}");
        assert!(
            p["detail"].as_str().unwrap().contains("more than once"),
            "{p}"
        );
    }
    // Nothing was stored.
    let page: Value = app
        .get("/v1/complaints", &agent)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 0, "{page}");

    // Inside an array, on another operation.
    let c = app.create(&agent, &complaint_body()).await;
    let analyst = app.token("analyst-1", &["analyst"], None);
    let text = r#"{"primary_cause": "PRC.HANDOFF", "five_whys": [
        {"why": "Why twice?", "because": "Lost refund"},
        {"why": "Why lost?", "because": "Queue", "because": "Dropped"}]}"#;
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
        .header("content-type", "application/json")
        .body(text)
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "five_whys[1].because", "{p}");

    // A large body passes.
    let mut big = complaint_body();
    big["description"] = json!("x".repeat(19_000));
    let text = big
        .to_string()
        .replacen('{', &format!("{{{}", " ".repeat(40_000)), 1);
    let resp = raw(&text).await.unwrap();
    assert_eq!(resp.status(), 201, "{}", resp.text().await.unwrap());
}

async fn a_malformed_if_match_is_400_and_a_missing_one_428_naming_the_resource(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let change = json!({"description": "Charged three times, in fact."});
    for tag in ["1", "\"1", "\"1\", 2", "v1"] {
        let p = problem(
            app.patch(&path, &agent, Some(tag), &change).await,
            400,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], "If-Match", "{tag}: {p}");
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains("If-Match: \"3\""), "{tag}: {detail}");
    }
    // Well formed but not the current version: 412, as before.
    for tag in ["\"7\"", "W/\"1\"", "\"x\""] {
        problem(
            app.patch(&path, &agent, Some(tag), &change).await,
            412,
            "precondition_failed",
        )
        .await;
    }
    let p = problem(
        app.patch(&path, &agent, None, &change).await,
        428,
        "precondition_required",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("complaint"), "{p}");
    let resp = app
        .request(Method::PATCH, &path, Some(&agent))
        .header("If-Match", "\"9\"")
        .header("If-Match", "\"1\"")
        .json(&change)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "several lines are one list");

    // An improvement item's operations speak of the item.
    let analyst = app.token("analyst-1", &["analyst"], None);
    let item: Value = app
        .post(
            "/v1/improvements",
            &analyst,
            &json!({"title": "Refund hand-offs", "cause": "PRC.HANDOFF", "description": "Audit"}),
        )
        .await
        .json()
        .await
        .unwrap();
    let triage = format!(
        "/v1/improvements/{}/actions/triage",
        item["id"].as_str().unwrap()
    );
    let triage_body = json!({"priority": "high", "owner": "analyst-1"});
    let p = problem(
        app.post(&triage, &analyst, &triage_body).await,
        428,
        "precondition_required",
    )
    .await;
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("improvement item"), "{detail}");
    assert!(!detail.contains("complaint"), "{detail}");
    let resp = app
        .request(Method::POST, &triage, Some(&analyst))
        .header("If-Match", "2")
        .json(&triage_body)
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "If-Match", "{p}");

    // The spec makes the header a required argument of every operation that takes it.
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let mut declared = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["name"] == "If-Match" {
                    assert_eq!(p["required"], true, "{method} {path}");
                    declared += 1;
                }
            }
        }
    }
    assert!(declared > 30, "only {declared}");
}

async fn parameter_errors_name_the_published_parameter(app: TestApp) {
    let agent = app.agent("north");
    let c = app.create(&agent, &complaint_body()).await;
    let id = c["id"].as_str().unwrap();
    let admin = app.token("admin-1", &["admin", "analyst"], None);
    let cases: Vec<(Method, String, &str, &str)> = vec![
        (
            Method::GET,
            "/v1/complaints/not-a-uuid".into(),
            "id",
            "`id` must be a UUID",
        ),
        (
            Method::POST,
            format!("/v1/complaints/{id}/remedies/nope/settle"),
            "remedy_id",
            "`remedy_id` must be a UUID",
        ),
        (
            Method::GET,
            "/v1/complaints?state=lost".into(),
            "state",
            "must be one of: ",
        ),
        (
            Method::GET,
            "/v1/complaints?limit=0".into(),
            "limit",
            "`limit` must be a whole number from 1 to 200",
        ),
        (
            Method::GET,
            "/v1/complaints?received_from=monday".into(),
            "received_from",
            "RFC 3339",
        ),
        (
            Method::GET,
            "/v1/profiles/nope/deadlines?received_at=2026-01-05T09:00:00Z".into(),
            "profile",
            "fca_disp",
        ),
        (
            Method::GET,
            "/v1/profiles/fca_disp/deadlines".into(),
            "received_at",
            "`received_at` is required",
        ),
    ];
    for (method, path, field, words) in cases {
        let resp = app
            .request(method.clone(), &path, Some(&admin))
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        let p = problem(resp, 400, "invalid_request").await;
        assert_eq!(p["field"], field, "{method} {path}: {p}");
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains(words), "{method} {path}: {detail}");
        for leak in ["param0", "param1", "string_uuid", "failed to parse"] {
            assert!(!detail.contains(leak), "{method} {path}: {detail}");
        }
    }
    // A header parameter.
    let resp = app
        .request(Method::POST, "/v1/complaints", Some(&agent))
        .header("Idempotency-Key", "has spaces in it")
        .json(&complaint_body())
        .send()
        .await
        .unwrap();
    let p = problem(resp, 400, "invalid_request").await;
    assert_eq!(p["field"], "Idempotency-Key", "{p}");
}

async fn body_errors_name_nested_fields_by_their_full_path(app: TestApp) {
    let agent = app.agent("north");
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|b| b["complainant"]["email"] = json!("not-an-email")),
            "complainant.email",
            "`complainant.email` must match",
        ),
        (
            Box::new(|b| b["complainant"]["email"] = json!(format!("{}@x.io", "a".repeat(260)))),
            "complainant.email",
            "`complainant.email` must be at most 254 characters",
        ),
        (
            Box::new(|b| b["vulnerability"] = json!({"drivers": []})),
            "vulnerability.drivers",
            "at least 1 item",
        ),
        (
            Box::new(|b| b["vulnerability"] = json!({"drivers": ["health", 3]})),
            "vulnerability.drivers[1]",
            "must be",
        ),
        (
            Box::new(|b| b["channel"] = json!("pigeon")),
            "channel",
            "must be one of: ",
        ),
        (
            Box::new(|b| {
                let o = b.as_object_mut().unwrap();
                o.remove("product");
                o.remove("category");
                o["complainant"].as_object_mut().unwrap().remove("name");
            }),
            "product",
            "`product`, `category` and `complainant.name` are required",
        ),
    ];
    for (change, field, words) in cases {
        let mut body = complaint_body();
        change(&mut body);
        let p = problem(
            app.post("/v1/complaints", &agent, &body).await,
            400,
            "invalid_request",
        )
        .await;
        assert_eq!(p["field"], field, "{p}");
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains(words), "{field}: {detail}");
        assert!(!detail.contains("failed to parse"), "{detail}");
    }
}
