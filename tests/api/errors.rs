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
    body["description"] = json!("x".repeat(300 * 1024));
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
