//! The work queue (`sort=next_due`): every open case, the most overdue first, then by next due
//! instant, those with nothing to watch last; paged by cursor; filtered to the overdue or to
//! what falls due within some business days. And the timers a complaint shows from its first
//! answer on, with their due dates on the profile's local calendar.

use recourse::service::jobs::sweeper::sweep_once;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body},
    procedure::{Case, at},
};

engine_tests!(
    the_work_queue_keeps_every_open_case_the_most_overdue_first,
    the_work_queue_pages_by_cursor_through_overdue_and_unwatched_cases,
    lists_filter_to_the_overdue_and_to_what_is_due_within_business_days,
    a_new_complaint_shows_its_timers_with_local_due_dates,
);

/// Logs a complaint received at `received` (the clock stays where it is); returns its id.
async fn received(app: &TestApp, token: &str, received: &str) -> String {
    let mut body = complaint_body();
    body["received_at"] = json!(received);
    let c = app.create(token, &body).await;
    c["id"].as_str().unwrap().to_owned()
}

/// The ids of a list page, and its next cursor.
async fn page(app: &TestApp, token: &str, query: &str) -> (Vec<String>, Option<String>) {
    let resp = app.get(&format!("/v1/complaints?{query}"), token).await;
    assert_eq!(resp.status(), 200, "{query}");
    let body: Value = resp.json().await.unwrap();
    let ids = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, body["next_cursor"].as_str().map(str::to_owned))
}

/// The cases of the queue tests, named by what they are at 10 December 2026.
struct Cases {
    /// Received 1 September; every deadline and target breached or missed by the sweeper.
    oldest_breached: String,
    /// Received 15 September; likewise.
    breached: String,
    /// Received 1 October, logged after the sweep: its timers still run, past due.
    past_due_unswept: String,
    /// Received 9 December: nothing due yet.
    fresh: String,
    /// Open, with no timer at all.
    unwatched: String,
    /// Open, with no timer either.
    unwatched_too: String,
    /// Withdrawn: no longer work.
    withdrawn: String,
}

async fn cases(app: &TestApp) -> (String, Cases) {
    let token = app.agent("north");
    app.set_now(at("2026-11-20T10:00:00Z"));
    let oldest_breached = received(app, &token, "2026-09-01T10:00:00Z").await;
    let breached = received(app, &token, "2026-09-15T10:00:00Z").await;
    sweep_once(&app.state, 100).await.unwrap();
    let past_due_unswept = received(app, &token, "2026-10-01T10:00:00Z").await;
    app.set_now(at("2026-12-10T10:00:00Z"));
    let fresh = received(app, &token, "2026-12-09T10:00:00Z").await;
    let mut unwatched = Vec::new();
    for _ in 0..2 {
        let id = received(app, &token, "2026-12-08T10:00:00Z").await;
        entity::complaint_timer::Entity::delete_many()
            .filter(
                entity::complaint_timer::Column::ComplaintId.eq(id.parse::<uuid::Uuid>().unwrap()),
            )
            .exec(&app.state.db.conn)
            .await
            .unwrap();
        unwatched.push(id);
    }
    unwatched.sort();
    let withdrawn = received(app, &token, "2026-12-09T11:00:00Z").await;
    let mut case = Case {
        app,
        token: token.clone(),
        path: format!("/v1/complaints/{withdrawn}"),
        version: 1,
    };
    case.ok("withdraw", json!({"reason": "Resolved with the branch"}))
        .await;
    let [unwatched, unwatched_too] = <[String; 2]>::try_from(unwatched).unwrap();
    (
        token,
        Cases {
            oldest_breached,
            breached,
            past_due_unswept,
            fresh,
            unwatched,
            unwatched_too,
            withdrawn,
        },
    )
}

async fn the_work_queue_keeps_every_open_case_the_most_overdue_first(app: TestApp) {
    let (token, c) = cases(&app).await;
    let resp = app
        .get("/v1/complaints?sort=next_due&limit=50", &token)
        .await;
    let body: Value = resp.json().await.unwrap();
    let items = body["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|c| c["id"].as_str().unwrap()).collect();
    // Cases whose deadlines have all passed are still open work, first of all; the withdrawn
    // case is not work.
    assert_eq!(
        ids,
        [
            &c.oldest_breached,
            &c.breached,
            &c.past_due_unswept,
            &c.fresh,
            &c.unwatched,
            &c.unwatched_too,
        ],
        "{body}"
    );
    assert!(!ids.contains(&c.withdrawn.as_str()));
    // The overdue say since when; the rest do not.
    let since = |i: usize| items[i]["overdue_since"].as_str().map(at);
    assert!(since(0).unwrap() < since(1).unwrap(), "{body}");
    assert!(since(2).unwrap() < at("2026-12-10T10:00:00Z"), "{body}");
    for i in 3..6 {
        assert_eq!(since(i), None, "{body}");
    }
    // Nothing runs on a breached case or on one without timers; the fresh one is due ahead.
    assert!(items[0].get("next_due_at").is_none(), "{body}");
    assert!(items[4].get("next_due_at").is_none(), "{body}");
    assert!(
        at(items[3]["next_due_at"].as_str().unwrap()) > at("2026-12-10T10:00:00Z"),
        "{body}"
    );
}

async fn the_work_queue_pages_by_cursor_through_overdue_and_unwatched_cases(app: TestApp) {
    let (token, c) = cases(&app).await;
    let expected = [
        c.oldest_breached,
        c.breached,
        c.past_due_unswept,
        c.fresh,
        c.unwatched,
        c.unwatched_too,
    ];
    for limit in [1, 2, 4] {
        let mut seen = Vec::new();
        let mut query = format!("sort=next_due&limit={limit}");
        loop {
            let (ids, next) = page(&app, &token, &query).await;
            assert!(ids.len() <= limit, "{query}");
            seen.extend(ids);
            match next {
                Some(cursor) => query = format!("sort=next_due&limit={limit}&cursor={cursor}"),
                None => break,
            }
            assert!(seen.len() <= expected.len(), "limit {limit}: {seen:?}");
        }
        assert_eq!(seen, expected, "limit {limit}");
    }
}

async fn lists_filter_to_the_overdue_and_to_what_is_due_within_business_days(app: TestApp) {
    let (token, c) = cases(&app).await;
    let (ids, _) = page(&app, &token, "sort=next_due&overdue=true").await;
    assert_eq!(
        ids,
        [
            c.oldest_breached.clone(),
            c.breached.clone(),
            c.past_due_unswept.clone()
        ]
    );
    let (mut ids, _) = page(&app, &token, "overdue=false").await;
    ids.sort();
    let mut others = vec![
        c.fresh.clone(),
        c.unwatched.clone(),
        c.unwatched_too.clone(),
        c.withdrawn.clone(),
    ];
    others.sort();
    assert_eq!(ids, others);

    // The fresh case's nearest deadline or target, on the England and Wales calendar.
    let fresh = app
        .get(&format!("/v1/complaints/{}", c.fresh), &token)
        .await
        .json::<Value>()
        .await
        .unwrap();
    let nearest = fresh["timers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["state"] == "running" && t["kind"] != "window")
        .map(|t| t["due_local"]["date"].as_str().unwrap().to_owned())
        .min()
        .unwrap();
    // Thursday 10 December: 0 business days reach the end of today, 1 the end of Friday, 2
    // the end of Monday 14th (the weekend skipped), and so on.
    let reach = [
        "2026-12-10",
        "2026-12-11",
        "2026-12-14",
        "2026-12-15",
        "2026-12-16",
        "2026-12-17",
    ];
    for (n, last) in reach.iter().enumerate() {
        let (ids, _) = page(&app, &token, &format!("due_within={n}")).await;
        let within = nearest.as_str() <= *last;
        assert_eq!(
            ids,
            if within {
                vec![c.fresh.clone()]
            } else {
                vec![]
            },
            "due_within={n}, nearest due {nearest}"
        );
    }
    // Within a year every running deadline or target is; none past due is (those are
    // overdue), nor any case without one.
    assert!(
        reach.iter().any(|last| nearest.as_str() <= *last),
        "{nearest}"
    );
    let (ids, _) = page(&app, &token, "due_within=250").await;
    assert_eq!(ids, [c.fresh.as_str()]);
    let resp = app.get("/v1/complaints?due_within=-1", &token).await;
    assert_eq!(resp.status(), 400);
}

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
