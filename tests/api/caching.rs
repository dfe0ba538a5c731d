//! The API's answers carry personal data (complaints, complainants, vulnerability details) or
//! depend on who asks: every one, errors included, tells caches not to store it. The docs, the
//! spec and the dashboard's files stay cacheable.

use reqwest::Method;
use serde_json::json;

use crate::harness::{TestApp, complaint_body};

engine_tests!(api_answers_tell_caches_not_to_store_them);

async fn api_answers_tell_caches_not_to_store_them(app: TestApp) {
    let agent = app.agent("north");
    let mut body = complaint_body();
    body["vulnerability"] = json!({"drivers": ["health"], "notes": "Recently bereaved"});
    let created = app.post("/v1/complaints", &agent, &body).await;
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["cache-control"], "no-store");
    let c: serde_json::Value = created.json().await.unwrap();
    let id = c["id"].as_str().unwrap();

    let auditor = app.token("audit-1", &["auditor"], None);
    for (path, token, status) in [
        (format!("/v1/complaints/{id}/vulnerability"), &agent, 200),
        (format!("/v1/complaints/{id}/vulnerability"), &auditor, 200),
        (
            format!("/v1/complaints/{id}/vulnerability/reads"),
            &auditor,
            200,
        ),
        (format!("/v1/complaints/{id}"), &agent, 200),
        (format!("/v1/complaints/{id}/events"), &agent, 200),
        ("/v1/complaints".to_owned(), &agent, 200),
        ("/v1/complaints?format=csv".to_owned(), &agent, 200),
        ("/v1/me".to_owned(), &agent, 200),
        (
            format!("/v1/complaints/{}", uuid::Uuid::now_v7()),
            &agent,
            404,
        ),
        ("/v1/complaints?limit=0".to_owned(), &agent, 400),
    ] {
        let resp = app.get(&path, token).await;
        assert_eq!(resp.status(), status, "{path}");
        assert_eq!(
            resp.headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
    }
    let anonymous = app
        .request(Method::GET, &format!("/v1/complaints/{id}"), None)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(anonymous.headers()["cache-control"], "no-store");

    for path in ["/openapi.json", "/healthz"] {
        let resp = app.request(Method::GET, path, None).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        assert!(resp.headers().get("cache-control").is_none(), "{path}");
    }
}
