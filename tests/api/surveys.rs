//! Satisfaction surveys: a single-use, expiring link answered without logging in, and the
//! answers in the satisfaction and people reports.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::{Case, at},
};

engine_tests!(
    a_survey_link_works_once_and_its_answer_is_on_the_record,
    a_survey_needs_a_response_and_a_new_invitation_replaces_the_old_link,
    an_expired_or_unknown_link_is_refused_and_bad_scores_name_their_field,
    satisfaction_joins_the_reports_with_its_answer_counts,
);

async fn responded<'a>(app: &'a TestApp, now: &str, assignee: Option<&str>) -> Case<'a> {
    app.set_now(at(now));
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let mut case = Case {
        app,
        token,
        path: format!("/v1/complaints/{}", c["id"].as_str().unwrap()),
        version: 1,
    };
    if let Some(a) = assignee {
        case.ok("assign", json!({"assignee": a})).await;
    }
    case.ok(
        "acknowledge",
        json!({"communication": {"channel": "email"}}),
    )
    .await;
    case.ok("start_investigation", json!({})).await;
    case.ok(
        "issue_response",
        json!({"outcome": "not_upheld", "primary_cause": "NFF.EXPECTATION_GAP", "communication": {"channel": "email"}}),
    )
    .await;
    case
}

async fn invite(case: &mut Case<'_>) -> Value {
    let resp = case
        .app
        .request(
            Method::POST,
            &format!("{}/surveys", case.path),
            Some(&case.token),
        )
        .header("If-Match", format!("\"{}\"", case.version))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let etag = resp.headers().get("etag").cloned();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    case.version += 1;
    assert_eq!(
        etag.unwrap().to_str().unwrap(),
        format!("\"{}\"", case.version)
    );
    body
}

async fn answer(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    // No bearer token: the link is the credential.
    app.request(Method::POST, &format!("/v1/feedback/{token}"), None)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn a_survey_link_works_once_and_its_answer_is_on_the_record(app: TestApp) {
    let mut case = responded(&app, "2026-11-02T10:00:00Z", None).await;
    let invitation = invite(&mut case).await;
    let token = invitation["token"].as_str().unwrap();
    assert_eq!(token.len(), 43);
    assert_eq!(invitation["answer_path"], format!("/v1/feedback/{token}"));
    assert_eq!(invitation["expires_at"], "2026-12-02T10:00:00+00:00");

    let first = answer(
        &app,
        token,
        json!({"outcome_score": 2, "handling_score": 4, "comment": "Quick, but I still disagree."}),
    )
    .await;
    assert_eq!(first.status(), 204);
    let again = answer(
        &app,
        token,
        json!({"outcome_score": 5, "handling_score": 5}),
    )
    .await;
    problem(again, 409, "survey_answered").await;

    let list: Value = app
        .get(&format!("{}/surveys", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let item = &list["items"][0];
    assert_eq!(item["status"], "answered");
    assert_eq!(
        (
            item["outcome_score"].as_i64(),
            item["handling_score"].as_i64()
        ),
        (Some(2), Some(4)),
        "the second answer did not overwrite the first"
    );
    assert_eq!(item["comment"], "Quick, but I still disagree.");
    assert!(item.get("token").is_none(), "the token is shown only once");

    // The answer is an event of the complaint's chain; the comment's words are not copied in.
    let events: Value = app
        .get(&format!("{}/events", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let events = events["items"].as_array().unwrap();
    let invited = events
        .iter()
        .find(|e| e["kind"] == "complaint.survey_invited")
        .unwrap();
    assert!(!invited.to_string().contains(token), "{invited}");
    let received = events
        .iter()
        .find(|e| e["kind"] == "complaint.feedback_received")
        .unwrap();
    assert_eq!(received["actor_role"], "complainant", "{received}");
    assert_eq!(received["data"]["comment"], true);
    assert!(!received.to_string().contains("disagree"), "{received}");
    let verify: Value = app
        .get(&format!("{}/events/verify", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verify["intact"], true, "{verify}");
}

async fn a_survey_needs_a_response_and_a_new_invitation_replaces_the_old_link(app: TestApp) {
    app.set_now(at("2026-11-02T10:00:00Z"));
    let agent = app.agent("north");
    let fresh = app.create(&agent, &complaint_body()).await;
    let resp = app
        .request(
            Method::POST,
            &format!("/v1/complaints/{}/surveys", fresh["id"].as_str().unwrap()),
            Some(&agent),
        )
        .header("If-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    let body = problem(resp, 409, "guard_failed").await;
    assert_eq!(body["reason"], "response_required");

    let mut case = responded(&app, "2026-11-02T10:00:00Z", None).await;
    let old = invite(&mut case).await;
    let new = invite(&mut case).await;
    let refused = answer(
        &app,
        old["token"].as_str().unwrap(),
        json!({"outcome_score": 3, "handling_score": 3}),
    )
    .await;
    problem(refused, 410, "survey_expired").await;
    let ok = answer(
        &app,
        new["token"].as_str().unwrap(),
        json!({"outcome_score": 3, "handling_score": 3}),
    )
    .await;
    assert_eq!(ok.status(), 204);
    let list: Value = app
        .get(&format!("{}/surveys", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    let statuses: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["answered", "replaced"]);

    // Another team's agent cannot see or create them.
    let south = app.agent("south");
    let resp = app.get(&format!("{}/surveys", case.path), &south).await;
    problem(resp, 404, "not_found").await;
}

async fn an_expired_or_unknown_link_is_refused_and_bad_scores_name_their_field(app: TestApp) {
    let mut case = responded(&app, "2026-11-02T10:00:00Z", None).await;
    let invitation = invite(&mut case).await;
    let token = invitation["token"].as_str().unwrap().to_owned();

    let out_of_range = answer(
        &app,
        &token,
        json!({"outcome_score": 6, "handling_score": 3}),
    )
    .await;
    let body = problem(out_of_range, 400, "invalid_request").await;
    assert!(
        body["detail"].as_str().unwrap().contains("outcome_score"),
        "{body}"
    );
    let extra = answer(
        &app,
        &token,
        json!({"outcome_score": 3, "handling_score": 3, "name": "x"}),
    )
    .await;
    problem(extra, 400, "invalid_request").await;

    let unknown = answer(
        &app,
        &"A".repeat(43),
        json!({"outcome_score": 3, "handling_score": 3}),
    )
    .await;
    problem(unknown, 404, "not_found").await;

    app.set_now(at("2026-12-02T10:00:00Z"));
    let late = answer(
        &app,
        &token,
        json!({"outcome_score": 3, "handling_score": 3}),
    )
    .await;
    problem(late, 410, "survey_expired").await;
    let list: Value = app
        .get(&format!("{}/surveys", case.path), &case.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"][0]["status"], "expired");
}

async fn satisfaction_joins_the_reports_with_its_answer_counts(app: TestApp) {
    let analyst = app.token("analyst-1", &["analyst"], None);
    let range = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
    let empty: Value = app
        .get(&format!("/v1/reports/satisfaction?{range}"), &analyst)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty["invited"], 0);
    assert!(empty["outcome"].get("mean").is_none(), "{empty}");
    assert_eq!(empty["outcome"]["count"], 0);

    let scores = [(1, 5), (4, 4), (5, 3)];
    for (n, (outcome, handling)) in scores.iter().enumerate() {
        let mut case = responded(
            &app,
            &format!("2026-11-0{}T10:00:00Z", n + 2),
            Some("agent-north"),
        )
        .await;
        let invitation = invite(&mut case).await;
        let resp = answer(
            &app,
            invitation["token"].as_str().unwrap(),
            json!({"outcome_score": outcome, "handling_score": handling}),
        )
        .await;
        assert_eq!(resp.status(), 204);
    }
    // One more invitation still open, and one that expires unanswered.
    let mut open = responded(&app, "2026-11-09T10:00:00Z", None).await;
    invite(&mut open).await;
    let mut lapsed = responded(&app, "2026-11-10T10:00:00Z", None).await;
    invite(&mut lapsed).await;
    app.set_now(at("2026-12-10T12:00:00Z"));
    let mut open_again = Case {
        version: open.version,
        ..open
    };
    invite(&mut open_again).await;

    let s: Value = app
        .get(&format!("/v1/reports/satisfaction?{range}"), &analyst)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["in_scope"], 5);
    assert_eq!(s["invited"], 6);
    // Answered 3; closed without answer: the lapsed one and the replaced one; one still open.
    assert_eq!(
        (
            s["response_rate"]["numerator"].as_u64(),
            s["response_rate"]["denominator"].as_u64()
        ),
        (Some(3), Some(5))
    );
    assert_eq!(s["outcome"]["count"], 3);
    assert_eq!(s["outcome"]["mean"], 10.0 / 3.0);
    assert_eq!(s["handling"]["mean"], 4.0);
    assert_eq!(s["outcome"]["robust"], false);
    assert_eq!(
        s["outcome_scores"],
        json!([
            {"score": 1, "count": 1}, {"score": 2, "count": 0}, {"score": 3, "count": 0},
            {"score": 4, "count": 1}, {"score": 5, "count": 1},
        ])
    );

    let agent_only: Value = app
        .get(
            &format!("/v1/reports/satisfaction?{range}&agent=agent-north"),
            &analyst,
        )
        .await
        .json()
        .await
        .unwrap();
    // Assigned or not, agent-north took all five by acknowledging them.
    assert_eq!(agent_only["in_scope"], 5);
    assert_eq!(agent_only["invited"], 6);

    let people: Value = app
        .get(&format!("/v1/reports/people?{range}"), &analyst)
        .await
        .json()
        .await
        .unwrap();
    let handler = &people["handlers"][0];
    assert_eq!(handler["key"], "agent-north");
    assert_eq!(handler["satisfaction_handling"]["count"], 3);
    assert_eq!(handler["satisfaction_handling"]["mean"], 4.0);
    let team = &people["teams"][0];
    assert_eq!(team["key"], "north");
    assert_eq!(team["satisfaction_outcome"]["count"], 3);
}
