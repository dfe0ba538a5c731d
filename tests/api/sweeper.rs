//! The deadline sweeper: each warning and breach is raised once, as an event on the case,
//! however many sweepers run.

use recourse::service::sweeper::sweep_once;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body};

engine_tests!(
    warnings_and_the_breach_are_raised_once_each,
    two_sweepers_at_once_raise_each_breach_exactly_once,
    lists_filter_by_breach_due_date_timer_state_and_stage,
);

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

async fn count_events(app: &TestApp, kind: &str) -> i64 {
    let row = app
        .state
        .db
        .conn
        .query_one_raw(Statement::from_string(
            app.state.db.backend(),
            format!("SELECT COUNT(*) AS n FROM complaint_events WHERE kind = '{kind}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn warnings_and_the_breach_are_raised_once_each(app: TestApp) {
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let mut body = complaint_body();
    body["received_at"] = json!("2026-11-23T10:00:00Z");
    let c = app.create(&token, &body).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());

    // Nothing is due yet.
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().timers_checked, 0);
    // Past half of the summary-resolution window (due 26 Nov 17:00).
    app.set_now(at("2026-11-25T12:00:00Z"));
    let first = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((first.warnings, first.breaches), (1, 0));
    let again = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((again.warnings, again.breaches), (0, 0));
    // Past the deadline: the breach, with no stale three-quarter warning.
    app.set_now(at("2026-11-27T00:00:00Z"));
    let late = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((late.warnings, late.breaches), (0, 1));
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 0);

    let read: Value = app.get(&path, &token).await.json().await.unwrap();
    let src = read["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "summary_resolution")
        .unwrap()
        .clone();
    assert_eq!(src["state"], "breached");
    assert_eq!(src["breached_at"], "2026-11-27T00:00:00+00:00");
    assert_eq!(read["version"], 3, "each sweeper event is a new version");
    let events: Value = app
        .get(&format!("{path}/events"), &token)
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<(&str, &str)> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap(),
                e["actor_role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("complaint.created", "agent"),
            ("timer.warning", "system"),
            ("timer.breached", "system")
        ]
    );
    assert_eq!(events["items"][2]["data"]["timer"], "summary_resolution");
    let verdict: Value = app
        .get(&format!("{path}/events/verify"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verdict["intact"], true);
}

async fn two_sweepers_at_once_raise_each_breach_exactly_once(app: TestApp) {
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    for _ in 0..15 {
        app.create(&token, &complaint_body()).await;
    }
    // Long after every deadline: each of the 45 timers (3 per complaint) breaches.
    app.set_now(at("2027-06-01T00:00:00Z"));
    let (a, b) = tokio::join!(sweep_once(&app.state, 1000), sweep_once(&app.state, 1000));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.breaches + b.breaches, 45, "{a:?} {b:?}");
    assert_eq!(count_events(&app, "timer.breached").await, 45);
    assert_eq!(count_events(&app, "timer.warning").await, 0);
    assert_eq!(
        sweep_once(&app.state, 1000).await.unwrap().timers_checked,
        0
    );
}

async fn lists_filter_by_breach_due_date_timer_state_and_stage(app: TestApp) {
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let a = app.create(&token, &complaint_body()).await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    app.set_now(at("2026-11-26T09:00:00Z"));
    let b = app.create(&token, &complaint_body()).await["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    // A's summary-resolution window closed on 26 November at 17:00; B's runs to 1 December.
    app.set_now(at("2026-11-27T00:00:00Z"));
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().breaches, 1);
    let refs = |query: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let page: Value = app
                .get(&format!("/v1/complaints?{query}"), &token)
                .await
                .json()
                .await
                .unwrap();
            let mut refs: Vec<String> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["reference"].as_str().unwrap().to_owned())
                .collect();
            refs.sort();
            refs
        }
    };
    assert_eq!(refs("breached=true").await, vec![a.clone()]);
    assert_eq!(refs("breached=false").await, vec![b.clone()]);
    assert_eq!(refs("timer_state=breached").await, vec![a.clone()]);
    assert_eq!(
        refs("timer_state=running").await,
        vec![a.clone(), b.clone()]
    );
    // A's acknowledgement target (30 November) is the only running timer due before December.
    assert_eq!(
        refs("due_before=2026-12-01T00:00:00Z").await,
        vec![a.clone()]
    );
    assert_eq!(refs("stage=1").await, vec![a.clone(), b.clone()]);
    assert!(refs("stage=2").await.is_empty());
}
