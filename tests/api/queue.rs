//! The timers a complaint shows from its first answer on, with their due dates on the
//! profile's local calendar.

use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body},
    procedure::at,
};

engine_tests!(a_new_complaint_shows_its_timers_with_local_due_dates,);

async fn a_new_complaint_shows_its_timers_with_local_due_dates(app: TestApp) {
    let token = app.agent("north");
    // Monday 23 November 2026, 10:00 in New York.
    app.set_now(at("2026-11-23T15:00:00Z"));
    let mut body = complaint_body();
    body["profile"] = json!("cfpb");
    let resp = app.post("/v1/complaints", &token, &body).await;
    assert_eq!(resp.status(), 201);
    let created: Value = resp.json().await.unwrap();
    let timers = created["timers"].as_array().expect("timers on create");
    assert!(!timers.is_empty(), "{created}");
    let got = app
        .get(
            &format!("/v1/complaints/{}", created["id"].as_str().unwrap()),
            &token,
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(created["timers"], got["timers"]);
    let mut day_before = 0;
    for t in timers {
        let due = at(t["due_at"].as_str().unwrap());
        let local = &t["due_local"];
        assert_eq!(local["time_zone"], "America/New_York", "{t}");
        let ny = due.with_timezone(&chrono_tz::America::New_York);
        assert_eq!(
            local["date"],
            ny.date_naive().to_string(),
            "{t}: the local date"
        );
        assert_eq!(
            local["time"].as_str().unwrap()[..8],
            ny.time().format("%H:%M:%S").to_string(),
            "{t}"
        );
        if ny.date_naive() < due.date_naive() {
            day_before += 1;
        }
    }
    // A deadline at the end of a day in New York falls on the next day in UTC.
    assert!(day_before > 0, "{created}");
}
