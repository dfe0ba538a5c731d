//! Intake, reading, listing and correcting complaints.

use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, problem};

engine_tests!(
    a_complaint_is_logged_with_a_reference_location_and_etag,
    an_agent_cannot_see_another_teams_complaints,
    listing_filters_combine_and_pages_are_stable,
    a_correction_needs_the_current_etag_and_bumps_the_version,
    an_empty_correction_changes_nothing,
    an_idempotent_retry_returns_the_original_complaint,
    concurrent_retries_with_one_key_create_exactly_one_complaint,
    concurrent_writers_that_fail_lose_only_their_own_work,
    integrators_name_the_team_and_see_only_their_own_complaints,
    references_are_sequential_and_unique,
    received_at_defaults_to_the_moment_of_logging_and_numbering_restarts_each_year,
    intake_starts_the_profiles_timers_and_a_corrected_receipt_re_times_them,
);

async fn a_complaint_is_logged_with_a_reference_location_and_etag(app: TestApp) {
    let token = app.agent("north");
    let mut body = complaint_body();
    body["vulnerability"] =
        json!({"drivers": ["health", "life_events"], "notes": "Recently bereaved"});
    body["received_at"] = json!("2026-01-05T09:30:00Z");
    let resp = app.post("/v1/complaints", &token, &body).await;
    assert_eq!(resp.status(), 201);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let etag = resp.headers()["etag"].to_str().unwrap().to_owned();
    let c: Value = resp.json().await.unwrap();
    assert_eq!(
        location,
        format!("/v1/complaints/{}", c["id"].as_str().unwrap())
    );
    assert_eq!(etag, "\"1\"");
    assert_eq!(c["state"], "received");
    assert_eq!(c["stage"], 1);
    assert_eq!(c["team"], "north");
    assert_eq!(c["profile"], "fca_disp");
    assert_eq!(c["created_by"], "agent-north");
    assert_eq!(c["vulnerable"], true);
    // The details are read on their own, and recorded (tests/api/vulnerability.rs).
    assert!(c.get("vulnerability").is_none(), "{c}");
    assert!(!c.to_string().contains("bereaved"), "{c}");
    assert_eq!(c["received_at"], "2026-01-05T09:30:00+00:00");
    let reference = c["reference"].as_str().unwrap();
    assert!(
        reference.starts_with(&format!("CMP-{}-", &c["created_at"].as_str().unwrap()[..4]))
            && reference.len() == "CMP-2026-000001".len(),
        "{reference}"
    );
    // Absent optional fields are left out, never sent as null.
    assert!(c.get("assignee").is_none());
    assert!(!c.to_string().contains("null"), "{c}");

    let resp = app.get(&location, &token).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"1\"");
    let read: Value = resp.json().await.unwrap();
    // The create answer shows the complaint as a read does, timers included.
    assert_eq!(read, c);
    assert_eq!(read["timers"].as_array().unwrap().len(), 3, "{read}");
}

async fn an_agent_cannot_see_another_teams_complaints(app: TestApp) {
    let north = app.agent("north");
    let south = app.agent("south");
    let c = app.create(&north, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    problem(app.get(&path, &south).await, 404, "not_found").await;
    problem(
        app.get(&format!("{path}/events"), &south).await,
        404,
        "not_found",
    )
    .await;
    problem(
        app.patch(&path, &south, Some("\"1\""), &json!({"product": "loan"}))
            .await,
        404,
        "not_found",
    )
    .await;
    let page: Value = app
        .get("/v1/complaints", &south)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"], json!([]));
    let page: Value = app
        .get("/v1/complaints?team=north", &south)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"], json!([]));
    // A team leader of north sees it; an auditor sees everything.
    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    assert_eq!(app.get(&path, &leader).await.status(), 200);
    let auditor = app.token("audit-1", &["auditor"], None);
    assert_eq!(app.get(&path, &auditor).await.status(), 200);
}

/// The ids of every page of `/v1/complaints?{query}`, following the cursors to the end.
async fn ids_across_pages(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/complaints?{query}&cursor={c}"),
            None => format!("/v1/complaints?{query}"),
        };
        let page: Value = app.get(&path, token).await.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match page.get("next_cursor") {
            Some(c) => cursor = Some(c.as_str().unwrap().to_owned()),
            None => return seen,
        }
    }
}

async fn listing_filters_combine_and_pages_are_stable(app: TestApp) {
    let token = app.agent("north");
    let mut ids = Vec::new();
    for i in 0..7 {
        let mut body = complaint_body();
        body["received_at"] = json!(format!("2026-03-0{}T10:00:00Z", i + 1));
        body["channel"] = json!(if i % 2 == 0 { "email" } else { "phone" });
        body["product"] = json!(if i < 4 { "mortgage" } else { "loan" });
        body["complainant"]["name"] = json!(format!("Person {i}"));
        ids.push(
            app.create(&token, &body).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // Newest received first, across pages of 3, with no repeats or gaps.
    let seen = ids_across_pages(&app, &token, "limit=3").await;
    let mut expected = ids.clone();
    expected.reverse();
    assert_eq!(seen, expected);

    // Pages within a period, one item each, then a cursor from beyond the period's end: the
    // period bounds every page either way.
    let period = "received_from=2026-03-02T00:00:00Z&received_to=2026-03-05T00:00:00Z";
    let seen = ids_across_pages(&app, &token, &format!("{period}&limit=1")).await;
    assert_eq!(seen, [ids[3].as_str(), &ids[2], &ids[1]]);
    let first: Value = app
        .get("/v1/complaints?limit=1", &token)
        .await
        .json()
        .await
        .unwrap();
    let beyond = first["next_cursor"].as_str().unwrap();
    let page: Value = app
        .get(&format!("/v1/complaints?{period}&cursor={beyond}"), &token)
        .await
        .json()
        .await
        .unwrap();
    let items: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(items, [ids[3].as_str(), &ids[2], &ids[1]]);

    let count = |v: Value| v["items"].as_array().unwrap().len();
    let get = |q: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            app.get(&format!("/v1/complaints?{q}"), &token)
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(count(get("channel=email").await), 4);
    assert_eq!(count(get("product=mortgage").await), 4);
    assert_eq!(count(get("product=mortgage&channel=email").await), 2);
    assert_eq!(
        count(get("received_from=2026-03-03T00:00:00Z&received_to=2026-03-05T00:00:00Z").await),
        2
    );
    assert_eq!(count(get("state=received").await), 7);
    assert_eq!(count(get("state=closed").await), 0);
    assert_eq!(count(get("q=PERSON%203").await), 1);
    assert_eq!(count(get("q=cust-42").await), 7);
    assert_eq!(
        count(get("q=100%25").await),
        0,
        "LIKE wildcards in the search text are literal"
    );
    let reference = get("q=person%205").await["items"][0]["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_ref = app
        .get(&format!("/v1/complaints?q={reference}"), &token)
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(count(by_ref), 1);
}

async fn a_correction_needs_the_current_etag_and_bumps_the_version(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let patch = json!({"product": "savings", "complainant": {"phone": "+44 20 7946 0000"}});
    problem(
        app.patch(&path, &token, None, &patch).await,
        428,
        "precondition_required",
    )
    .await;
    problem(
        app.patch(&path, &token, Some("\"7\""), &patch).await,
        412,
        "precondition_failed",
    )
    .await;
    let resp = app.patch(&path, &token, Some("\"1\""), &patch).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["etag"], "\"2\"");
    let updated: Value = resp.json().await.unwrap();
    assert_eq!(updated["product"], "savings");
    assert_eq!(updated["complainant"]["phone"], "+44 20 7946 0000");
    assert_eq!(updated["complainant"]["email"], "jo@example.com");
    assert_eq!(updated["version"], 2);
    // The old ETag is now stale.
    problem(
        app.patch(&path, &token, Some("\"1\""), &json!({"product": "loan"}))
            .await,
        412,
        "precondition_failed",
    )
    .await;
    let events: Value = app
        .get(&format!("{path}/events"), &token)
        .await
        .json()
        .await
        .unwrap();
    let last = &events["items"][1];
    assert_eq!(last["kind"], "complaint.updated");
    assert_eq!(
        last["data"]["changes"]["product"],
        json!({"before": "current_account", "after": "savings"})
    );
}

async fn an_empty_correction_changes_nothing(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    for patch in [json!({}), json!({"product": "current_account"})] {
        let resp = app.patch(&path, &token, Some("\"1\""), &patch).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["etag"], "\"1\"");
    }
    let events: Value = app
        .get(&format!("{path}/events"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(events["items"].as_array().unwrap().len(), 1);
}

async fn an_idempotent_retry_returns_the_original_complaint(app: TestApp) {
    let token = app.agent("north");
    let send = |body: Value, key: &'static str| {
        let req = app
            .request(reqwest::Method::POST, "/v1/complaints", Some(&token))
            .header("Idempotency-Key", key)
            .json(&body);
        async move { req.send().await.unwrap() }
    };
    let first = send(complaint_body(), "retry-1").await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send(complaint_body(), "retry-1").await;
    assert_eq!(again.status(), 201);
    assert_eq!(
        again.headers()["location"].to_str().unwrap(),
        format!("/v1/complaints/{}", first["id"].as_str().unwrap())
    );
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    let mut different = complaint_body();
    different["product"] = json!("loan");
    problem(
        send(different, "retry-1").await,
        409,
        "idempotency_key_reused",
    )
    .await;
    // Keys belong to the caller: another caller's same key is a new request.
    let other = app.token("agent-2", &["agent"], Some("north"));
    let resp = app
        .request(reqwest::Method::POST, "/v1/complaints", Some(&other))
        .header("Idempotency-Key", "retry-1")
        .json(&complaint_body())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let page: Value = app
        .get("/v1/complaints", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
}

async fn concurrent_retries_with_one_key_create_exactly_one_complaint(app: TestApp) {
    let token = app.agent("north");
    // Record the caller first so every retry races on the complaint alone.
    assert_eq!(app.get("/v1/me", &token).await.status(), 200);
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let req = app
            .request(reqwest::Method::POST, "/v1/complaints", Some(&token))
            .header("Idempotency-Key", "storm-1")
            .json(&complaint_body());
        tasks.push(tokio::spawn(async move {
            let resp = req.send().await.unwrap();
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 201, "{body}");
        ids.insert(body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    let page: Value = app
        .get("/v1/complaints", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

/// On SQLite concurrent writers share commits: each writes in a savepoint of one transaction.
/// A writer refused midway (an unknown team is found inside the transaction) must roll back
/// its own work only, and every writer answered 201 must find its complaint stored whole.
async fn concurrent_writers_that_fail_lose_only_their_own_work(app: TestApp) {
    app.team("north").await;
    let crm = app.token("crm", &["integrator"], None);
    let mut tasks = Vec::new();
    for i in 0..48 {
        let mut body = complaint_body();
        body["team"] = json!(if i % 6 == 5 { "nowhere" } else { "north" });
        body["description"] = json!(format!("writer {i}"));
        let req = app
            .request(reqwest::Method::POST, "/v1/complaints", Some(&crm))
            .json(&body);
        tasks.push(tokio::spawn(async move {
            let resp = req.send().await.unwrap();
            (resp.status().as_u16(), resp.json::<Value>().await.unwrap())
        }));
    }
    let mut created = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        let (status, body) = task.await.unwrap();
        if i % 6 == 5 {
            assert_eq!(status, 422, "{body}");
            assert_eq!(body["field"], "team");
        } else {
            assert_eq!(status, 201, "{body}");
            assert_eq!(body["description"], format!("writer {i}"));
            created.push(body["id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(created.len(), 40);
    for id in &created {
        let resp = app
            .get(&format!("/v1/complaints/{id}/events/verify"), &crm)
            .await;
        assert_eq!(resp.status(), 200);
        let verdict: Value = resp.json().await.unwrap();
        assert_eq!(verdict["intact"], true, "{verdict}");
    }
    let page: Value = app
        .get("/v1/complaints?limit=100", &crm)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 40);
}

async fn integrators_name_the_team_and_see_only_their_own_complaints(app: TestApp) {
    app.team("north").await;
    let crm = app.token("crm", &["integrator"], None);
    let portal = app.token("portal", &["integrator"], None);
    let resp = app.post("/v1/complaints", &crm, &complaint_body()).await;
    let body = problem(resp, 422, "validation_failed").await;
    assert_eq!(body["field"], "team");
    let mut body = complaint_body();
    body["team"] = json!("nowhere");
    let body = problem(
        app.post("/v1/complaints", &crm, &body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(body["field"], "team");
    let mut body = complaint_body();
    body["team"] = json!("north");
    let c = app.create(&crm, &body).await;
    assert_eq!(c["team"], "north");
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    assert_eq!(app.get(&path, &crm).await.status(), 200);
    problem(app.get(&path, &portal).await, 404, "not_found").await;
    // An agent may not log for another team.
    let mut body = complaint_body();
    body["team"] = json!("south");
    problem(
        app.post("/v1/complaints", &app.agent("north"), &body).await,
        403,
        "forbidden",
    )
    .await;
}

async fn references_are_sequential_and_unique(app: TestApp) {
    let token = app.agent("north");
    let mut numbers = Vec::new();
    for _ in 0..3 {
        let c = app.create(&token, &complaint_body()).await;
        let reference = c["reference"].as_str().unwrap().to_owned();
        numbers.push(
            reference
                .rsplit('-')
                .next()
                .unwrap()
                .parse::<u32>()
                .unwrap(),
        );
    }
    assert_eq!(numbers, vec![1, 2, 3]);
}

async fn received_at_defaults_to_the_moment_of_logging_and_numbering_restarts_each_year(
    app: TestApp,
) {
    let token = app.agent("north");
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    app.set_now(at("2027-12-31T23:59:58.123456Z"));
    let last_of_2027 = app.create(&token, &complaint_body()).await;
    assert_eq!(last_of_2027["reference"], "CMP-2027-000001");
    assert_eq!(
        last_of_2027["received_at"],
        "2027-12-31T23:59:58.123456+00:00"
    );
    assert_eq!(last_of_2027["created_at"], last_of_2027["received_at"]);
    app.set_now(at("2028-01-01T00:00:01Z"));
    let first_of_2028 = app.create(&token, &complaint_body()).await;
    assert_eq!(first_of_2028["reference"], "CMP-2028-000001");
    app.set_now(at("2028-01-01T00:00:02Z"));
    assert_eq!(
        app.create(&token, &complaint_body()).await["reference"],
        "CMP-2028-000002"
    );
}

async fn intake_starts_the_profiles_timers_and_a_corrected_receipt_re_times_them(app: TestApp) {
    let token = app.agent("north");
    let mut body = complaint_body();
    body["received_at"] = json!("2026-11-23T10:00:00Z");
    let c = app.create(&token, &body).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    let read: Value = app.get(&path, &token).await.json().await.unwrap();
    let timer = |v: &Value, name: &str| {
        v["timers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .cloned()
            .unwrap()
    };
    let src = timer(&read, "summary_resolution");
    assert_eq!(src["state"], "running");
    assert_eq!(src["regulatory"], true);
    assert_eq!(src["started_at"], "2026-11-23T10:00:00+00:00");
    assert_eq!(src["due_at"], "2026-11-26T17:00:00+00:00");
    assert_eq!(src["warn_at"].as_array().unwrap().len(), 2);
    assert_eq!(
        timer(&read, "final_response")["due_at"],
        "2027-01-18T23:59:59.999999+00:00"
    );
    assert_eq!(timer(&read, "acknowledgement")["regulatory"], false);
    // The audit trail records the deadlines promised at intake.
    let events: Value = app
        .get(&format!("{path}/events"), &token)
        .await
        .json()
        .await
        .unwrap();
    let recorded = &events["items"][0]["data"]["timers"];
    assert!(
        recorded
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "final_response"
                && t["due_at"] == "2027-01-18T23:59:59.999999+00:00"),
        "{recorded}"
    );

    // The letter was in fact received on the Friday before: every running timer moves.
    let resp = app
        .patch(
            &path,
            &token,
            Some("\"1\""),
            &json!({"received_at": "2026-11-20T10:00:00Z"}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let read: Value = app.get(&path, &token).await.json().await.unwrap();
    assert_eq!(
        timer(&read, "summary_resolution")["due_at"],
        "2026-11-25T17:00:00+00:00"
    );
    assert_eq!(
        timer(&read, "final_response")["due_at"],
        "2027-01-15T23:59:59.999999+00:00"
    );
    assert_eq!(
        timer(&read, "final_response")["started_at"],
        "2026-11-20T10:00:00+00:00"
    );
}
