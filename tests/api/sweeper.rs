//! The deadline sweeper: each warning and breach is raised once, as an event on the case,
//! however many sweepers run.

use recourse::service::jobs::sweeper::sweep_once;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body};

engine_tests!(
    warnings_and_a_lapse_are_raised_once_each_and_a_lapsed_window_is_no_breach,
    two_sweepers_at_once_raise_each_breach_exactly_once,
    lists_filter_by_breach_due_date_timer_state_and_stage,
    a_breached_regulatory_deadline_is_escalated_to_the_team,
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

async fn warnings_and_a_lapse_are_raised_once_each_and_a_lapsed_window_is_no_breach(app: TestApp) {
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
    // Past the window: it lapses, with no stale three-quarter warning. The summary-resolution
    // window is an option (DISP 1.5), not a deadline: nothing is breached or escalated.
    app.set_now(at("2026-11-27T00:00:00Z"));
    let late = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((late.warnings, late.lapsed, late.breaches), (0, 1, 0));
    assert_eq!(sweep_once(&app.state, 100).await.unwrap().lapsed, 0);

    let read: Value = app.get(&path, &token).await.json().await.unwrap();
    let src = read["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "summary_resolution")
        .unwrap()
        .clone();
    assert_eq!(src["state"], "lapsed");
    assert_eq!(src["kind"], "window");
    // Stamped with the instant the window closed (close of business), not when it was noticed.
    assert_eq!(src["breached_at"], "2026-11-26T17:00:00+00:00");
    // Created (1), the warning's sweep (2), the lapse's sweep (3): one version per write,
    // however many events the write appends.
    assert_eq!(
        read["version"], 3,
        "each sweep that raises events is a new version"
    );
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
            ("timer.lapsed", "system"),
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
    // Long after every timer: each of the 45 (3 per complaint) passes once: the final-response
    // deadline breaches, the acknowledgement target is missed, the window lapses.
    app.set_now(at("2027-06-01T00:00:00Z"));
    let (a, b) = tokio::join!(sweep_once(&app.state, 1000), sweep_once(&app.state, 1000));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.timers_checked + b.timers_checked, 45, "{a:?} {b:?}");
    assert_eq!(
        (
            a.breaches + b.breaches,
            a.missed + b.missed,
            a.lapsed + b.lapsed
        ),
        (15, 15, 15),
        "{a:?} {b:?}"
    );
    assert_eq!(count_events(&app, "timer.breached").await, 15);
    assert_eq!(count_events(&app, "timer.missed").await, 15);
    assert_eq!(count_events(&app, "timer.lapsed").await, 15);
    assert_eq!(count_events(&app, "escalation.raised").await, 15);
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
    // A's eight weeks ended on 18 January; B's run to 21 January. Both acknowledgement targets
    // were missed and both summary-resolution windows lapsed long before: neither is a breach.
    app.set_now(at("2027-01-20T00:00:00Z"));
    let swept = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((swept.breaches, swept.missed, swept.lapsed), (1, 2, 2));
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
    assert_eq!(refs("timer_state=running").await, vec![b.clone()]);
    assert_eq!(refs("timer_state=missed").await, vec![a.clone(), b.clone()]);
    assert_eq!(refs("timer_state=lapsed").await, vec![a.clone(), b.clone()]);
    // B's final response (21 January) is the only running timer due before 22 January.
    assert_eq!(
        refs("due_before=2027-01-22T00:00:00Z").await,
        vec![b.clone()]
    );
    assert_eq!(refs("stage=1").await, vec![a.clone(), b.clone()]);
    assert!(refs("stage=2").await.is_empty());
}

async fn a_breached_regulatory_deadline_is_escalated_to_the_team(app: TestApp) {
    let north = app.agent("north");
    let south = app.agent("south");
    app.set_now(at("2026-11-23T10:00:00Z"));
    let c = app.create(&north, &complaint_body()).await;
    app.create(&south, &complaint_body()).await;
    // Past the eight weeks: the final-response deadline is breached and escalated; the missed
    // acknowledgement target and the lapsed summary-resolution window escalate nothing.
    app.set_now(at("2027-02-01T00:00:00Z"));
    let swept = sweep_once(&app.state, 100).await.unwrap();
    assert_eq!((swept.breaches, swept.missed, swept.lapsed), (2, 2, 2));

    let leader = app.token("lead-north", &["team_leader"], Some("north"));
    let page: Value = app
        .get("/v1/escalations", &leader)
        .await
        .json()
        .await
        .unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "a team leader sees their own team's escalations: {page}"
    );
    assert_eq!(items[0]["complaint_id"], c["id"]);
    assert_eq!(items[0]["timer"], "final_response");
    assert_eq!(items[0]["level"], 1);
    assert_eq!(items[0]["raised_at"], "2027-02-01T00:00:00+00:00");
    let analyst = app.token("analyst-1", &["analyst"], None);
    let all: Value = app
        .get("/v1/escalations?limit=1", &analyst)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 1);
    let cursor = all["next_cursor"].as_str().unwrap();
    let rest: Value = app
        .get(
            &format!("/v1/escalations?limit=1&cursor={cursor}"),
            &analyst,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert!(rest.get("next_cursor").is_none());
    crate::harness::problem(app.get("/v1/escalations", &north).await, 403, "forbidden").await;
    // The escalation is on the case's own trail too.
    let events: Value = app
        .get(
            &format!("/v1/complaints/{}/events", c["id"].as_str().unwrap()),
            &north,
        )
        .await
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "complaint.created",
            "timer.lapsed",
            "timer.missed",
            "timer.breached",
            "escalation.raised"
        ]
    );
}

/// SQLite plans without statistics, so the plan does not depend on the data: it must be one
/// range of the `(state, next_check_at)` index, already in order, and a key lookup of each
/// timer's complaint. With `next_check_at` indexed alone, SQLite read every running timer
/// through the state index and sorted them, once per batch, and a pass grew with the open
/// cases stored.
#[tokio::test]
async fn on_sqlite_a_sweep_reads_the_due_timers_as_one_ordered_index_range() {
    use sea_orm::QueryTrait;
    let app = TestApp::sqlite().await;
    let backend = app.state.db.backend();
    let query = recourse::service::jobs::sweeper::due_timers(at("2026-11-23T10:00:00Z"), 256)
        .build(backend);
    let plan = app
        .state
        .db
        .conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!("EXPLAIN QUERY PLAN {}", query.sql),
            query.values.map(|v| v.0).unwrap_or_default(),
        ))
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", "detail").unwrap())
        .collect::<Vec<_>>();
    assert_eq!(
        plan,
        [
            "SEARCH complaint_timers USING INDEX ix_complaint_timers_state_check (state=? AND next_check_at<?)",
            "SEARCH complaints USING COVERING INDEX sqlite_autoindex_complaints_1 (id=?)",
        ],
        "the sweeper's plan changed"
    );
}

/// Every writer of a complaint locks its row before its timers, so a sweeper claims each due
/// timer with its complaint. A transaction holding one claimed timer holds the whole
/// complaint: a concurrent sweep checks every other complaint's timers and none of that one's,
/// which it leaves for the pass after, and no timer is checked twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgresql_a_sweep_passes_over_only_the_complaints_another_transaction_holds() {
    use sea_orm::TransactionTrait;
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    let token = app.agent("north");
    app.set_now(at("2026-11-23T10:00:00Z"));
    for _ in 0..3 {
        app.create(&token, &complaint_body()).await;
    }
    let now = at("2027-06-01T00:00:00Z");
    app.set_now(now);
    let held = app.state.db.conn.begin().await.unwrap();
    let claimed = recourse::service::jobs::sweeper::due_timers(now, 1)
        .all(&held)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let report = sweep_once(&app.state, 1000).await.unwrap();
    // Each complaint's three timers pass: its deadline breaches, its target is missed, its
    // window lapses.
    assert_eq!(
        (report.timers_checked, report.breaches),
        (6, 2),
        "the two complaints not held, three timers each, and none of the held one's"
    );
    held.rollback().await.unwrap();
    let report = sweep_once(&app.state, 1000).await.unwrap();
    assert_eq!((report.timers_checked, report.breaches), (3, 1));
    assert_eq!(count_events(&app, "timer.breached").await, 3);
    assert_eq!(
        sweep_once(&app.state, 1000).await.unwrap().timers_checked,
        0
    );
}
