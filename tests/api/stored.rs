//! Stored vocabularies: every column that holds one refuses any other value in the database
//! itself (a CHECK constraint on PostgreSQL, insert and update triggers on SQLite), and a value
//! stored around that guard is an internal error when read, never a plausible default.

use chrono::Utc;
use entity::{communication, complaint, complaint_timer, improvement, remedy};
use migration::{KnownValues, known_values};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use crate::harness::{Engine, TestApp, complaint_body, problem};

engine_tests!(
    every_vocabulary_column_refuses_an_unknown_value_on_insert,
    every_vocabulary_column_refuses_an_unknown_value_on_update,
    a_value_stored_around_the_guard_is_an_internal_error_not_a_default,
);

/// The columns that may be null, and so accept null.
const NULLABLE: [&str; 4] = [
    "complaints.referral_scheme",
    "complaints.referral_outcome",
    "complaint_timers.stage",
    "improvements.held_from",
];

/// One row of every table with a constrained column, all holding known values.
struct Rows {
    complaint: complaint::Model,
    timer: complaint_timer::Model,
    remedy: remedy::Model,
    communication: communication::Model,
    improvement: improvement::Model,
}

/// Inserts `row` straight into its table, around the service.
async fn insert<A>(db: &DatabaseConnection, row: A) -> Result<(), DbErr>
where
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
{
    A::Entity::insert(row.reset_all())
        .exec_without_returning(db)
        .await
        .map(drop)
}

async fn rows(app: &TestApp) -> Rows {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let id = Uuid::parse_str(c["id"].as_str().unwrap()).unwrap();
    let db = &app.state.db.conn;
    let complaint = complaint::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let timer = complaint_timer::Entity::find()
        .filter(complaint_timer::Column::ComplaintId.eq(id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let remedy = remedy::Model {
        id: Uuid::new_v4(),
        complaint_id: id,
        kind: "apology".into(),
        amount_minor: None,
        currency: None,
        status: "due".into(),
        description: None,
        updated_at: now,
        issued_at: None,
        settled_at: None,
        settled_by: None,
        ordered_by: None,
    };
    let communication = communication::Model {
        id: Uuid::new_v4(),
        complaint_id: id,
        kind: "acknowledgement".into(),
        channel: "email".into(),
        sent_at: now,
        summary: None,
        actor_id: "agent".into(),
    };
    let improvement = improvement::Model {
        id: Uuid::new_v4(),
        title: "Duplicate overdraft fees".into(),
        description: None,
        state: "proposed".into(),
        held_from: None,
        source: "manual".into(),
        rule: None,
        rule_key: None,
        open_key: None,
        cause: None,
        product: None,
        priority: None,
        owner: None,
        plan: None,
        went_live_at: None,
        change_reference: None,
        check_result: None,
        verdict: None,
        standardisation: None,
        merged_into: None,
        iteration: 1,
        created_by: "analyst".into(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    insert(db, remedy.clone().into_active_model())
        .await
        .unwrap();
    insert(db, communication.clone().into_active_model())
        .await
        .unwrap();
    insert(db, improvement.clone().into_active_model())
        .await
        .unwrap();
    Rows {
        complaint,
        timer,
        remedy,
        communication,
        improvement,
    }
}

/// Inserts a copy of `rows`' row of `k.table` (fresh id and unique keys) with `k.column` set
/// to `value`.
async fn insert_copy(
    db: &DatabaseConnection,
    rows: &Rows,
    k: &KnownValues,
    value: Option<&str>,
) -> Result<(), DbErr> {
    let fresh = Uuid::new_v4();
    let text = || value.map(str::to_owned);
    let number = || value.map(|v| v.parse::<i16>().unwrap());
    let column = (k.table, k.column);
    match k.table {
        "complaints" => {
            let mut m = rows.complaint.clone();
            m.id = fresh;
            m.reference = format!("CMP-T-{:016x}", fresh.as_u64_pair().0);
            match k.column {
                "state" => m.state = text().unwrap(),
                "stage" => m.stage = number().unwrap(),
                "profile" => m.profile = text().unwrap(),
                "channel" => m.channel = text().unwrap(),
                "referral_scheme" => m.referral_scheme = text(),
                "referral_outcome" => m.referral_outcome = text(),
                _ => panic!("no test for {column:?}"),
            }
            insert(db, m.into_active_model()).await
        }
        "complaint_timers" => {
            let mut m = rows.timer.clone();
            m.id = fresh;
            m.name = format!("test_{}", fresh.simple());
            match k.column {
                "state" => m.state = text().unwrap(),
                "kind" => m.kind = text().unwrap(),
                "stage" => m.stage = number(),
                _ => panic!("no test for {column:?}"),
            }
            insert(db, m.into_active_model()).await
        }
        "remedies" => {
            let mut m = rows.remedy.clone();
            m.id = fresh;
            match k.column {
                "kind" => m.kind = text().unwrap(),
                "status" => m.status = text().unwrap(),
                _ => panic!("no test for {column:?}"),
            }
            insert(db, m.into_active_model()).await
        }
        "communications" => {
            let mut m = rows.communication.clone();
            m.id = fresh;
            match k.column {
                "kind" => m.kind = text().unwrap(),
                "channel" => m.channel = text().unwrap(),
                _ => panic!("no test for {column:?}"),
            }
            insert(db, m.into_active_model()).await
        }
        "improvements" => {
            let mut m = rows.improvement.clone();
            m.id = fresh;
            match k.column {
                "state" => m.state = text().unwrap(),
                "held_from" => m.held_from = text(),
                _ => panic!("no test for {column:?}"),
            }
            insert(db, m.into_active_model()).await
        }
        _ => panic!("no test for {column:?}"),
    }
}

/// A value no vocabulary has: a word, or a stage there is not.
fn unknown(k: &KnownValues) -> &'static str {
    if k.numeric { "3" } else { "unheard_of" }
}

/// `value` as an SQL literal of `k.column`.
fn literal(k: &KnownValues, value: &str) -> String {
    if k.numeric {
        value.to_owned()
    } else {
        format!("'{value}'")
    }
}

/// The database's refusal names the column: the SQLite trigger's message, or the PostgreSQL
/// constraint.
fn assert_refused(engine: Engine, err: &DbErr, k: &KnownValues) {
    let (table, column) = (k.table, k.column);
    let expected = match engine {
        Engine::Sqlite => format!("{table}.{column}: unknown value"),
        Engine::Postgres => format!("{table}_{column}_known"),
    };
    assert!(
        err.to_string().contains(&expected),
        "{table}.{column}: {err}"
    );
}

async fn every_vocabulary_column_refuses_an_unknown_value_on_insert(app: TestApp) {
    let rows = rows(&app).await;
    let db = &app.state.db.conn;
    for k in &known_values() {
        let name = format!("{}.{}", k.table, k.column);
        // The same copy with a known value goes in: only the value is at fault below. (That
        // the lists are the domain's is checked in `service::stored`.)
        let value = k.values[0];
        insert_copy(db, &rows, k, Some(value))
            .await
            .unwrap_or_else(|e| panic!("{name} = {value}: {e}"));
        if NULLABLE.contains(&name.as_str()) {
            insert_copy(db, &rows, k, None)
                .await
                .unwrap_or_else(|e| panic!("{name} = null: {e}"));
        }
        let err = insert_copy(db, &rows, k, Some(unknown(k)))
            .await
            .expect_err(&name);
        assert_refused(app.engine, &err, k);
    }
}

async fn every_vocabulary_column_refuses_an_unknown_value_on_update(app: TestApp) {
    let _rows = rows(&app).await;
    let db = &app.state.db.conn;
    for k in &known_values() {
        let (table, column) = (k.table, k.column);
        let sql = format!("UPDATE {table} SET {column} = {}", literal(k, unknown(k)));
        let err = db.execute_unprepared(&sql).await.expect_err(&sql);
        assert_refused(app.engine, &err, k);
        // Only the value was at fault: a known one goes in.
        let sql = format!("UPDATE {table} SET {column} = {}", literal(k, k.values[0]));
        db.execute_unprepared(&sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

async fn a_value_stored_around_the_guard_is_an_internal_error_not_a_default(app: TestApp) {
    let token = app.agent("north");
    let c = app.create(&token, &complaint_body()).await;
    let path = format!("/v1/complaints/{}", c["id"].as_str().unwrap());
    assert_eq!(app.get(&path, &token).await.status(), 200);
    let db = &app.state.db.conn;
    // Someone with direct database access lifts the guard and stores what no vocabulary has.
    let lift = |table: &str, column: &str| match app.engine {
        Engine::Sqlite => format!("DROP TRIGGER {table}_{column}_known_update"),
        Engine::Postgres => format!("ALTER TABLE {table} DROP CONSTRAINT {table}_{column}_known"),
    };
    for sql in [
        lift("complaint_timers", "state"),
        "UPDATE complaint_timers SET state = 'late'".to_owned(),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
    // The complaint's timers are part of its read: no timer is shown as running instead.
    problem(app.get(&path, &token).await, 500, "internal").await;

    for sql in [
        "UPDATE complaint_timers SET state = 'running'".to_owned(),
        lift("complaints", "state"),
        "UPDATE complaints SET state = 'archived'".to_owned(),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
    // Not read as `received`, in a read, a list, or what may be done next.
    problem(app.get(&path, &token).await, 500, "internal").await;
    problem(app.get("/v1/complaints", &token).await, 500, "internal").await;
    problem(
        app.get(&format!("{path}/actions"), &token).await,
        500,
        "internal",
    )
    .await;
}
