//! Holiday calendars over HTTP: holidays past the seeded years come from the jurisdiction's
//! rules, admins' additions and removals still apply there, and a deadline counted into a year
//! whose one-off holidays are not known yet says so.

use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body},
    procedure::at,
};

engine_tests!(
    a_deadline_counted_past_the_known_holidays_is_marked_beyond_calendar,
    admins_add_and_remove_dates_past_the_seeded_years,
);

/// The named timer of a complaint.
fn timer<'a>(c: &'a Value, name: &str) -> &'a Value {
    c["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no {name} timer in {c}"))
}

/// Logs an FCA complaint received at `received_at` and reads it back, timers and all.
async fn received(app: &TestApp, received_at: &str) -> Value {
    let mut body = complaint_body();
    body["received_at"] = json!(received_at);
    let token = app.agent("north");
    let c = app.create(&token, &body).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    app.get(&path, &token).await.json().await.unwrap()
}

async fn a_deadline_counted_past_the_known_holidays_is_marked_beyond_calendar(app: TestApp) {
    app.set_now(at("2030-12-30T12:00:00Z"));
    // Monday 30 December 2030: three business days on is past New Year's Day 2031, a holiday
    // by rule though no year after 2030 was seeded.
    let c = received(&app, "2030-12-30T09:00:00Z").await;
    let src = timer(&c, "summary_resolution");
    assert!(
        src["due_at"]
            .as_str()
            .unwrap()
            .starts_with("2031-01-03T17:00:00"),
        "{src}"
    );
    assert_eq!(src["beyond_calendar"], true, "{src}");
    let ack = timer(&c, "acknowledgement");
    assert!(
        ack["due_at"]
            .as_str()
            .unwrap()
            .starts_with("2031-01-07T23:59:59"),
        "{ack}"
    );
    assert_eq!(ack["beyond_calendar"], true, "{ack}");
    // Eight weeks are counted without the holiday calendar: nothing unknown can move them.
    assert_eq!(timer(&c, "final_response")["beyond_calendar"], false, "{c}");
    // Within the known years nothing is marked.
    let c = received(&app, "2030-11-04T09:00:00Z").await;
    for t in c["timers"].as_array().unwrap() {
        assert_eq!(t["beyond_calendar"], false, "{t}");
    }

    // The deadline preview says the same.
    let preview: Value = app
        .get(
            "/v1/profiles/fca_disp/deadlines?received_at=2030-12-30T09:00:00Z",
            &app.agent("north"),
        )
        .await
        .json()
        .await
        .unwrap();
    let src = timer(&preview, "summary_resolution");
    assert_eq!(src["beyond_calendar"], true, "{preview}");
    assert!(
        src["due_at"]
            .as_str()
            .unwrap()
            .starts_with("2031-01-03T17:00:00"),
        "{src}"
    );
}

async fn admins_add_and_remove_dates_past_the_seeded_years(app: TestApp) {
    app.set_now(at("2030-12-30T12:00:00Z"));
    let admin = app.token("admin-1", &["admin"], None);
    let holiday = |date: &str| format!("/v1/calendars/uk-england-wales/holidays/{date}");
    let src_due = |c: Value| {
        timer(&c, "summary_resolution")["due_at"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // Removing New Year's Day 2031, which only the rules give, makes it a business day.
    let resp = app
        .request(Method::DELETE, &holiday("2031-01-01"), Some(&admin))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.status());
    let due = src_due(received(&app, "2030-12-30T09:00:00Z").await);
    assert!(due.starts_with("2031-01-02T17:00:00"), "{due}");

    // An added date is skipped.
    let resp = app
        .request(Method::PUT, &holiday("2031-01-02"), Some(&admin))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.status());
    let due = src_due(received(&app, "2030-12-30T09:00:00Z").await);
    assert!(due.starts_with("2031-01-03T17:00:00"), "{due}");
}
