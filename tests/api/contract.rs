//! The published contract: the committed spec equals the generated one, and the service
//! serves it, its docs, and its operational endpoints.

use serde_json::Value;

use crate::harness::TestApp;

#[test]
fn the_committed_spec_matches_the_code() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .expect("openapi/openapi.json is missing");
    let generated = format!("{}\n", recourse::api::spec_json());
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date with the code. Regenerate it with:\n\n    \
         cargo run --quiet -- openapi > openapi/openapi.json\n\nand commit it (the Rust client in \
         openapi/client rebuilds from it)."
    );
}

#[test]
fn every_operation_has_an_id_a_summary_and_documented_responses() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id} is not snake_case"
            );
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} has no summary"
            );
            for (status, resp) in op["responses"].as_object().unwrap() {
                assert!(
                    resp["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{id} {status} is undocumented"
                );
            }
            if op.get("security").is_some() {
                assert!(
                    op["responses"].get("401").is_some(),
                    "{id} does not declare 401"
                );
            }
        }
    }
}

/// Every object a request body can contain refuses unknown fields on the server, so the spec
/// must say `additionalProperties: false` for each, or clients and fuzzers are misled.
#[test]
fn every_request_object_is_closed_in_the_spec() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let mut pending: Vec<String> = Vec::new();
    let collect_refs = |v: &Value, out: &mut Vec<String>| {
        let text = v.to_string();
        for part in text.split("#/components/schemas/").skip(1) {
            out.push(part.split('"').next().unwrap().to_owned());
        }
    };
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            if let Some(body) = op.get("requestBody") {
                collect_refs(body, &mut pending);
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let schema = &schemas[&name];
        if schema["type"] == "object" {
            assert_eq!(
                schema["additionalProperties"],
                Value::Bool(false),
                "{name} is not closed"
            );
        }
        collect_refs(schema, &mut pending);
    }
    assert!(
        seen.contains("NewComplainant") && seen.contains("VulnerabilityInput"),
        "{seen:?}"
    );
}

engine_tests!(the_service_serves_its_spec_docs_health_and_metrics);

async fn the_service_serves_its_spec_docs_health_and_metrics(app: TestApp) {
    let get = |path: &str| app.http.get(format!("{}{path}", app.base)).send();
    let spec: Value = get("/openapi.json").await.unwrap().json().await.unwrap();
    assert_eq!(
        spec,
        serde_json::from_str::<Value>(&recourse::api::spec_json()).unwrap()
    );
    let docs = get("/docs").await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
    let health: Value = get("/healthz").await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    let ready = get("/readyz").await.unwrap();
    assert_eq!(ready.status(), 200);
    app.get("/v1/me", &app.agent("north")).await;
    let metrics = get("/metrics").await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains(
            "recourse_http_requests_total{operation=\"get_me\",method=\"GET\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("recourse_http_request_duration_seconds_bucket{operation=\"readyz\""));
}
