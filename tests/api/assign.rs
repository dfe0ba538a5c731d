//! What a refused `assign` tells the caller: nothing about who exists outside the complaint's
//! team. A user of another team and an id nobody holds get the same answer. And what a caller
//! with two roles may do: whatever one of them may do alone.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body};

engine_tests!(
    an_unknown_assignee_and_one_of_another_team_get_the_same_answer,
    an_agent_who_is_also_a_team_leader_reassigns_as_the_team_leader,
);

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

/// An agent may only take an unassigned complaint for themselves; a team leader reassigns. A
/// token with both roles acts in the role that allows the action, as either role alone would,
/// and the trail records that role (it was refused with 409 `reassign`, acting as the agent).
async fn an_agent_who_is_also_a_team_leader_reassigns_as_the_team_leader(app: TestApp) {
    let both = app.token("lead-agent-south", &["agent", "team_leader"], Some("south"));
    let agent = app.token("agent-only-south", &["agent"], Some("south"));
    let south = app.create(&app.agent("south"), &complaint_body()).await;
    let id = south["id"].as_str().unwrap();
    let assign = |token: String| {
        app.request(
            Method::POST,
            &format!("/v1/complaints/{id}/actions/assign"),
            Some(&token),
        )
        .header("If-Match", "*")
        .json(&json!({"assignee": "agent-south"}))
        .send()
    };
    let refused = assign(agent.clone()).await.unwrap();
    assert_eq!(refused.status(), 409);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["reason"], "reassign", "{body}");

    let listed = app
        .get(&format!("/v1/complaints/{id}/actions"), &both)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "assign" && a["available"] == true),
        "{listed}"
    );
    let done = assign(both.clone()).await.unwrap();
    assert_eq!(done.status(), 200);
    let events: Value = app
        .get(&format!("/v1/complaints/{id}/events"), &both)
        .await
        .json()
        .await
        .unwrap();
    let last = events["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "complaint.assign", "{last}");
    assert_eq!(last["actor_role"], "team_leader", "{last}");
}
