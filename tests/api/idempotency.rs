//! The `Idempotency-Key` store: it remembers which complaint a key created, not a copy of it;
//! a replay reloads the complaint under the caller's scope as it stands now; keys expire after
//! the retention period and are purged.

use chrono::Duration;
use reqwest::Method;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};
use serde_json::{Value, json};

use crate::{
    harness::{TestApp, complaint_body, problem},
    procedure::at,
};

engine_tests!(
    a_replay_after_a_change_of_team_answers_like_an_unseen_complaint,
    a_replay_shows_the_complaint_as_it_is_now,
    an_expired_key_is_new_again,
    expired_keys_are_purged,
    the_store_keeps_no_copy_of_the_complaint,
);

async fn post(app: &TestApp, token: &str, key: &str, body: &Value) -> reqwest::Response {
    app.request(Method::POST, "/v1/complaints", Some(token))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn created(resp: reqwest::Response) -> Value {
    let status = resp.status();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body
}

async fn count_complaints(app: &TestApp) -> u64 {
    entity::complaint::Entity::find()
        .count(&app.state.db.conn)
        .await
        .unwrap()
}

async fn a_replay_after_a_change_of_team_answers_like_an_unseen_complaint(app: TestApp) {
    let in_north = app.token("alice", &["agent"], Some("north"));
    let first = created(post(&app, &in_north, "move-1", &complaint_body()).await).await;
    let id = first["id"].as_str().unwrap();

    // Alice moves to south: the same retry must not show her north's complaint, and it
    // answers exactly as north's complaint does when read directly.
    let in_south = app.token("alice", &["agent"], Some("south"));
    let direct = problem(
        app.get(&format!("/v1/complaints/{id}"), &in_south).await,
        404,
        "not_found",
    )
    .await;
    let replay = problem(
        post(&app, &in_south, "move-1", &complaint_body()).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(replay, direct);
    assert!(!replay.to_string().contains(id), "{replay}");
    assert_eq!(
        count_complaints(&app).await,
        1,
        "the replay created nothing"
    );

    // Back in north, the retry is a replay again.
    let again = created(post(&app, &in_north, "move-1", &complaint_body()).await).await;
    assert_eq!(again["id"], first["id"]);
}

async fn a_replay_shows_the_complaint_as_it_is_now(app: TestApp) {
    let token = app.agent("north");
    let first = created(post(&app, &token, "now-1", &complaint_body()).await).await;
    let id = first["id"].as_str().unwrap();
    let changed = app
        .patch(
            &format!("/v1/complaints/{id}"),
            &token,
            Some("\"1\""),
            &json!({"product": "loan"}),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let resp = post(&app, &token, "now-1", &complaint_body()).await;
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["etag"], "\"2\"");
    assert_eq!(
        resp.headers()["location"].to_str().unwrap(),
        format!("/v1/complaints/{id}")
    );
    let replay: Value = resp.json().await.unwrap();
    assert_eq!(replay["id"], first["id"]);
    assert_eq!(replay["product"], "loan");
    assert_eq!(replay["version"], 2);
}

async fn an_expired_key_is_new_again(app: TestApp) {
    let t0 = at("2026-11-23T10:00:00Z");
    app.set_now(t0);
    let token = app.agent("north");
    let first = created(post(&app, &token, "day-1", &complaint_body()).await).await;

    // Within the retention period (24 hours by default) the key replays.
    app.set_now(t0 + Duration::hours(24) - Duration::seconds(1));
    let replay = created(post(&app, &token, "day-1", &complaint_body()).await).await;
    assert_eq!(replay["id"], first["id"]);

    // After it, the key is new again: the same body logs a new complaint, and a different
    // body under it is no reuse.
    app.set_now(t0 + Duration::hours(24) + Duration::seconds(1));
    let fresh = created(post(&app, &token, "day-1", &complaint_body()).await).await;
    assert_ne!(fresh["id"], first["id"]);
    let replay = created(post(&app, &token, "day-1", &complaint_body()).await).await;
    assert_eq!(replay["id"], fresh["id"], "the new use of the key replays");
    assert_eq!(count_complaints(&app).await, 2);
}

async fn expired_keys_are_purged(app: TestApp) {
    let t0 = at("2026-11-23T10:00:00Z");
    app.set_now(t0);
    let token = app.agent("north");
    let first = created(post(&app, &token, "day-1", &complaint_body()).await).await;
    app.set_now(t0 + Duration::hours(23));
    let later = created(post(&app, &token, "day-2", &complaint_body()).await).await;
    let stored = || async {
        let mut keys: Vec<(String, String)> = entity::idempotency_key::Entity::find()
            .all(&app.state.db.conn)
            .await
            .unwrap()
            .into_iter()
            .map(|k| (k.key, k.resource_id.unwrap().to_string()))
            .collect();
        keys.sort();
        keys
    };
    let id = |c: &Value| c["id"].as_str().unwrap().to_owned();
    let purge = || async {
        recourse::service::cases::idempotency::purge_expired(&app.state)
            .await
            .unwrap()
    };

    // Nothing has expired yet.
    app.set_now(t0 + Duration::hours(24) - Duration::seconds(1));
    assert_eq!(purge().await, 0);
    // The purge removes what has expired and nothing else.
    app.set_now(t0 + Duration::hours(24) + Duration::seconds(1));
    assert_eq!(purge().await, 1);
    assert_eq!(stored().await, vec![("day-2".to_owned(), id(&later))]);
    app.set_now(t0 + Duration::hours(48));
    assert_eq!(purge().await, 1);
    assert!(stored().await.is_empty());
    let _ = first;
}

async fn the_store_keeps_no_copy_of_the_complaint(app: TestApp) {
    let token = app.agent("north");
    let mut body = complaint_body();
    body["vulnerability"] = json!({"drivers": ["health"], "notes": "Recently bereaved"});
    let first = created(post(&app, &token, "vuln-1", &body).await).await;
    let key = entity::idempotency_key::Entity::find()
        .one(&app.state.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        key.resource_id.map(|id| id.to_string()).as_deref(),
        first["id"].as_str()
    );
    // No column of the table holds the response any more.
    let backend = app.state.db.backend();
    let read = app
        .state
        .db
        .conn
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT response FROM idempotency_keys",
        ))
        .await;
    assert!(read.is_err(), "the response column is still there");
    let replay = created(post(&app, &token, "vuln-1", &body).await).await;
    assert_eq!(replay, first);
}

const NOTES: &str = "Recently bereaved, needs calls after 4pm";

/// A key stored by an earlier version, with its copy of the complaint.
async fn store_old_copy(db: &recourse::db::Db) -> uuid::Uuid {
    use migration::MigratorTrait;
    use sea_orm::sea_query::{Alias, Query};
    migration::Migrator::up(&db.conn, Some(12)).await.unwrap();
    let id = uuid::Uuid::now_v7();
    // Long enough to spill onto overflow pages, which SQLite frees whole without rewriting.
    let copy = json!({
        "id": id,
        "reference": "CMP-2026-000001",
        "description": "x".repeat(20_000),
        "vulnerability": {"notes": NOTES},
    });
    let insert = Query::insert()
        .into_table(Alias::new("idempotency_keys"))
        .columns(
            [
                "principal_id",
                "key",
                "operation",
                "request_hash",
                "status",
                "resource_id",
                "response",
                "created_at",
            ]
            .map(Alias::new),
        )
        .values_panic([
            "alice".into(),
            "old-1".into(),
            "create_complaint".into(),
            "0".repeat(64).into(),
            201i16.into(),
            id.into(),
            copy.into(),
            chrono::Utc::now().into(),
        ])
        .to_owned();
    db.conn.execute(&insert).await.unwrap();
    id
}

/// The upgrade keeps the key (it still replays) and erases the copy.
async fn upgrade_erases_stored_copies(db: &recourse::db::Db, id: uuid::Uuid) {
    use migration::MigratorTrait;
    migration::Migrator::up(&db.conn, None).await.unwrap();

    let kept = entity::idempotency_key::Entity::find()
        .all(&db.conn)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].resource_id, Some(id));
    let read = db
        .conn
        .query_all_raw(Statement::from_string(
            db.backend(),
            "SELECT response FROM idempotency_keys",
        ))
        .await;
    assert!(read.is_err(), "the response column is still there");
}

#[tokio::test]
async fn sqlite_upgrade_erases_stored_copies() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recourse.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let db = recourse::db::Db::connect(&url, 1, None).await.unwrap();
    // Whether the database's files hold the notes anywhere, freed pages included.
    let notes_on_disk = || async {
        db.conn
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
            .unwrap();
        std::fs::read_dir(dir.path()).unwrap().any(|entry| {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            bytes.windows(NOTES.len()).any(|w| w == NOTES.as_bytes())
        })
    };
    let id = store_old_copy(&db).await;
    assert!(notes_on_disk().await, "the copy was not stored as expected");
    upgrade_erases_stored_copies(&db, id).await;
    assert!(!notes_on_disk().await, "the file still holds the notes");
}

#[tokio::test]
async fn postgres_upgrade_erases_stored_copies() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "CI=true but TEST_DATABASE_URL is not set"
        );
        return;
    };
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = recourse::db::Db::connect(&url, 1, None).await.unwrap();
    admin
        .conn
        .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
        .await
        .unwrap();
    admin.conn.close().await.unwrap();
    let db = recourse::db::Db::connect(&url, 1, Some(&schema))
        .await
        .unwrap();
    let id = store_old_copy(&db).await;
    upgrade_erases_stored_copies(&db, id).await;
}
