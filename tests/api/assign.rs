//! What a refused `assign` tells the caller: nothing about who exists outside the complaint's
//! team. A user of another team and an id nobody holds get the same answer.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body};

engine_tests!(an_unknown_assignee_and_one_of_another_team_get_the_same_answer);

/// Status, then the problem document without the parts that may name the request.
async fn answer(app: &TestApp, token: &str, id: &str, assignee: &str) -> (u16, Value) {
    let resp = app
        .request(
            Method::POST,
            &format!("/v1/complaints/{id}/actions/assign"),
            Some(token),
        )
        .header("If-Match", "*")
        .json(&json!({"assignee": assignee}))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
    let mut body: Value = resp.json().await.unwrap();
    assert_eq!(content_type, "application/problem+json", "{body}");
    body.as_object_mut().unwrap().remove("instance");
    (status, body)
}

async fn an_unknown_assignee_and_one_of_another_team_get_the_same_answer(app: TestApp) {
    let leader = app.token("lead-south", &["team_leader"], Some("south"));
    let south = app.create(&app.agent("south"), &complaint_body()).await;
    let id = south["id"].as_str().unwrap();
    // agent-north has signed in, so the service knows the id, in another team.
    assert_eq!(app.get("/v1/me", &app.agent("north")).await.status(), 200);

    let elsewhere = answer(&app, &leader, id, "agent-north").await;
    let nobody = answer(&app, &leader, id, "agent-nowhere").await;
    assert_eq!(elsewhere, nobody, "the answers tell the two apart");
    let (status, body) = elsewhere;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "validation_failed", "{body}");
    assert_eq!(body["field"], "assignee", "{body}");

    // The complaint is untouched, and a member of its team is still assigned.
    let again = app.get(&format!("/v1/complaints/{id}"), &leader).await;
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["version"], 1, "{again}");
    let resp = app
        .request(
            Method::POST,
            &format!("/v1/complaints/{id}/actions/assign"),
            Some(&leader),
        )
        .header("If-Match", "*")
        .json(&json!({"assignee": "agent-south"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}
