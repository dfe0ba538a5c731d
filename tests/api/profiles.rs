//! Profiles, the deadline preview and the holiday calendars behind it.

use serde_json::{Value, json};

use crate::harness::{TestApp, problem};

engine_tests!(
    profiles_list_their_timer_rules,
    the_preview_gives_fca_deadlines_for_a_receipt,
    the_preview_follows_admin_changes_to_the_calendar,
    housing_ombudsman_stage_timers_appear_once_their_events_are_known,
);

async fn profiles_list_their_timer_rules(app: TestApp) {
    let token = app.agent("north");
    let list: Value = app.get("/v1/profiles", &token).await.json().await.unwrap();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    let fca = items.iter().find(|p| p["profile"] == "fca_disp").unwrap();
    assert_eq!(fca["calendar"], "uk-england-wales");
    assert_eq!(fca["time_zone"], "Europe/London");
    assert_eq!(fca["summary_window"], "summary_resolution");
    let final_response = fca["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "final_response")
        .unwrap();
    assert_eq!(
        final_response["span"],
        json!({"amount": 8, "unit": "weeks"})
    );
    assert_eq!(final_response["regulatory"], true);
    assert_eq!(final_response["pausable"], false);
    assert_eq!(final_response["warn_fractions"], json!([0.5, 0.75]));
    let ho = items
        .iter()
        .find(|p| p["profile"] == "housing_ombudsman")
        .unwrap();
    assert_eq!(ho["max_stages"], 2);
}

async fn the_preview_gives_fca_deadlines_for_a_receipt(app: TestApp) {
    let token = app.agent("north");
    let preview: Value = app
        .get(
            "/v1/profiles/fca_disp/deadlines?received_at=2026-12-23T10:00:00Z",
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    let due = |name: &str| {
        preview["timers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap()["due_at"]
            .clone()
    };
    // Close of business on the 3rd business day: Christmas Day and the Boxing Day substitute
    // (Monday 28th) are bank holidays in England and Wales.
    assert_eq!(due("summary_resolution"), "2026-12-30T17:00:00+00:00");
    assert_eq!(due("final_response"), "2027-02-17T23:59:59.999999+00:00");
    problem(
        app.get("/v1/profiles/fca_disp/deadlines", &token).await,
        400,
        "invalid_request",
    )
    .await;
    problem(
        app.get(
            "/v1/profiles/nowhere/deadlines?received_at=2026-12-23T10:00:00Z",
            &token,
        )
        .await,
        400,
        "invalid_request",
    )
    .await;
}

async fn the_preview_follows_admin_changes_to_the_calendar(app: TestApp) {
    let admin = app.token("admin-1", &["admin"], None);
    let agent = app.agent("north");
    let summary_due = || async {
        let preview: Value = app
            .get(
                "/v1/profiles/fca_disp/deadlines?received_at=2026-11-23T10:00:00Z",
                &agent,
            )
            .await
            .json()
            .await
            .unwrap();
        preview["timers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "summary_resolution")
            .unwrap()["due_at"]
            .clone()
    };
    assert_eq!(summary_due().await, "2026-11-26T17:00:00+00:00");
    // An agent may not change calendars.
    problem(
        app.request(
            reqwest::Method::PUT,
            "/v1/calendars/uk-england-wales/holidays/2026-11-25",
            Some(&agent),
        )
        .send()
        .await
        .unwrap(),
        403,
        "forbidden",
    )
    .await;
    let added = app
        .request(
            reqwest::Method::PUT,
            "/v1/calendars/uk-england-wales/holidays/2026-11-25",
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 200);
    assert_eq!(
        added.json::<Value>().await.unwrap(),
        json!({"calendar": "uk-england-wales", "date": "2026-11-25", "active": true, "source": "admin"})
    );
    assert_eq!(summary_due().await, "2026-11-27T17:00:00+00:00");
    let removed = app
        .request(
            reqwest::Method::DELETE,
            "/v1/calendars/uk-england-wales/holidays/2026-11-25",
            Some(&admin),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 200);
    assert_eq!(summary_due().await, "2026-11-26T17:00:00+00:00");
    // Removing a seeded holiday keeps it listed as inactive.
    app.request(
        reqwest::Method::DELETE,
        "/v1/calendars/uk-england-wales/holidays/2026-12-28",
        Some(&admin),
    )
    .send()
    .await
    .unwrap();
    let list: Value = app
        .get("/v1/calendars/uk-england-wales/holidays?year=2026", &agent)
        .await
        .json()
        .await
        .unwrap();
    let dates: Vec<(&str, bool)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["date"].as_str().unwrap(), h["active"].as_bool().unwrap()))
        .collect();
    assert!(dates.contains(&("2026-12-28", false)), "{dates:?}");
    assert!(dates.contains(&("2026-12-25", true)), "{dates:?}");
    assert_eq!(dates.len(), 9, "{dates:?}");
}

async fn housing_ombudsman_stage_timers_appear_once_their_events_are_known(app: TestApp) {
    let token = app.agent("north");
    let names = |v: &Value| {
        v["timers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let only_received: Value = app
        .get(
            "/v1/profiles/housing_ombudsman/deadlines?received_at=2026-11-23T10:00:00Z",
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(names(&only_received), vec!["stage1_acknowledgement"]);
    let all: Value = app
        .get(
            "/v1/profiles/housing_ombudsman/deadlines?received_at=2026-11-23T10:00:00Z&acknowledged_at=2026-11-25T10:00:00Z&escalation_received_at=2026-12-21T10:00:00Z&escalation_acknowledged_at=2026-12-22T10:00:00Z",
            &token,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        names(&all),
        vec![
            "stage1_acknowledgement",
            "stage1_response",
            "stage2_acknowledgement",
            "stage2_response"
        ]
    );
    let stage2 = all["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "stage2_response")
        .unwrap();
    assert_eq!(stage2["due_at"], "2027-01-22T23:59:59.999999+00:00");
    assert_eq!(stage2["extension_cap"], "2027-02-19T23:59:59.999999+00:00");
}
