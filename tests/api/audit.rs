//! The audit trail: every write leaves an event, events are chained, and tampering shows.

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::harness::{Engine, TestApp, complaint_body, problem};

engine_tests!(
    team_changes_are_recorded_in_the_audit_log,
    every_write_appends_a_chained_event_and_the_chain_verifies,
    the_database_refuses_to_rewrite_events,
    a_rewritten_event_breaks_verification,
    events_page_in_chain_order,
);

async fn every_write_appends_a_chained_event_and_the_chain_verifies(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    app.patch(
        &path,
        &token,
        Some("\"1\""),
        &json!({"category": "interest"}),
    )
    .await;
    app.patch(
        &path,
        &token,
        Some("\"2\""),
        &json!({"vulnerability": {"drivers": ["capability"], "notes": "Needs large print"}}),
    )
    .await;
    let events: Value = app
        .get(&format!("{path}/events"), &token)
        .await
        .json()
        .await
        .unwrap();
    let items = events["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["kind"], "complaint.created");
    assert_eq!(items[0]["prev_hash"], "0".repeat(64));
    assert_eq!(items[0]["actor"], "agent-north");
    assert_eq!(items[0]["actor_role"], "agent");
    for pair in items.windows(2) {
        assert_eq!(pair[1]["prev_hash"], pair[0]["hash"]);
        assert_eq!(pair[1]["seq"], pair[0]["seq"].as_i64().unwrap() + 1);
    }
    // Vulnerability notes are sensitive: the trail records that they changed, not what they say.
    assert!(!events.to_string().contains("large print"), "{events}");
    assert_eq!(
        items[2]["data"]["changes"]["vulnerability"]["after"],
        json!({"drivers": ["capability"], "has_notes": true})
    );

    let verdict: Value = app
        .get(&format!("{path}/events/verify"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verdict["intact"], true, "{verdict}");
    assert_eq!(verdict["events_checked"], 3);
    assert_eq!(verdict["head_hash"], items[2]["hash"]);
}

async fn the_database_refuses_to_rewrite_events(app: TestApp) {
    let token = app.agent("north");
    app.create(&token, &complaint_body()).await;
    let conn = &app.state.db.conn;
    assert!(
        conn.execute_unprepared("UPDATE complaint_events SET kind = 'forged'")
            .await
            .is_err()
    );
    assert!(
        conn.execute_unprepared("DELETE FROM complaint_events")
            .await
            .is_err()
    );
}

async fn a_rewritten_event_breaks_verification(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    app.patch(
        &path,
        &token,
        Some("\"1\""),
        &json!({"category": "interest"}),
    )
    .await;
    // Someone with direct database access lifts the guard and rewrites history.
    let conn = &app.state.db.conn;
    let forge = match app.engine {
        Engine::Sqlite => vec![
            "DROP TRIGGER complaint_events_no_update",
            "UPDATE complaint_events SET kind = 'complaint.forged' WHERE seq = 1",
        ],
        Engine::Postgres => vec![
            "ALTER TABLE complaint_events DISABLE TRIGGER complaint_events_append_only",
            "UPDATE complaint_events SET kind = 'complaint.forged' WHERE seq = 1",
        ],
    };
    for sql in forge {
        conn.execute_unprepared(sql).await.unwrap();
    }
    let verdict: Value = app
        .get(&format!("{path}/events/verify"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(verdict["intact"], false, "{verdict}");
    assert_eq!(verdict["first_broken_seq"], 1);
    assert!(
        verdict["reason"].as_str().unwrap().contains("hash"),
        "{verdict}"
    );
}

async fn events_page_in_chain_order(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    for v in 1..=4 {
        let resp = app
            .patch(
                &path,
                &token,
                Some(&format!("\"{v}\"")),
                &json!({"category": crate::harness::CURRENT_ACCOUNT_CATEGORIES[v]}),
            )
            .await;
        assert_eq!(resp.status(), 200);
    }
    let first: Value = app
        .get(&format!("{path}/events?limit=2"), &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest: Value = app
        .get(&format!("{path}/events?limit=10&cursor={cursor}"), &token)
        .await
        .json()
        .await
        .unwrap();
    let seqs: Vec<i64> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs, vec![3, 4, 5]);
    assert!(rest.get("next_cursor").is_none());
    problem(
        app.get(&format!("{path}/events?cursor=x"), &token).await,
        400,
        "invalid_request",
    )
    .await;
}

async fn team_changes_are_recorded_in_the_audit_log(app: TestApp) {
    app.team("west").await;
    let rows = app
        .state
        .db
        .conn
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.backend(),
            "SELECT kind, actor_id, actor_role, subject_id FROM audit_log",
        ))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.try_get::<String>("", "kind").unwrap(), "team.created");
    assert_eq!(row.try_get::<String>("", "actor_role").unwrap(), "admin");
    assert_eq!(row.try_get::<String>("", "subject_id").unwrap(), "west");
    assert!(
        app.state
            .db
            .conn
            .execute_unprepared("DELETE FROM audit_log")
            .await
            .is_err()
    );
}
