//! The raw baseline: the rows a complaint's intake writes, and the reads of `GET
//! /v1/complaints/{id}`, issued as hand-written SQL through sqlx, on a fresh database with the
//! same schema, the same pool size and the same durability as the server's. The gap between
//! the API's figures and these is what the service costs on top of the database.
//!
//! `raw_create` is one transaction per complaint, as the API's intake: claim the idempotency
//! key, check the team, take the next reference number, insert the complaint, its first audit
//! event (SHA-256 hashed), its outbox event and its three FCA DISP timers, then record the
//! complaint's id on the idempotency key. Left out: the holiday-calendar read the API does to compute
//! the due dates (the raw rows take fixed offsets), the request's canonical-JSON hash, and
//! everything outside the database (HTTP, JSON parsing and validation, the token check). On
//! SQLite the writers take turns through one in-process gate, as the server's do.
//!
//! `raw_get` reads a complaint by id and its timers, the two queries the API's read makes.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use recourse::{db::Db, state::Clock};
use sea_orm::sqlx::{self, PgPool, Row, SqlitePool};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;
use uuid::Uuid;

use crate::load::{self, Outcome};

enum Pool {
    Sqlite {
        pool: SqlitePool,
        gate: Arc<Mutex<()>>,
    },
    Postgres(PgPool),
}

const INSERT_KEY: &str = "INSERT INTO idempotency_keys \
    (principal_id, key, operation, request_hash, status, resource_id, created_at) \
    VALUES ($1, $2, 'create_complaint', $3, 0, NULL, $4)";
const SELECT_TEAM: &str = "SELECT id FROM teams WHERE id = $1";
const NEXT_REFERENCE: &str = "INSERT INTO reference_counters (year, last) VALUES ($1, 1) \
    ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last";
const INSERT_COMPLAINT: &str = "INSERT INTO complaints \
    (id, reference, team_id, created_by, state, stage, profile, channel, product, category, \
     description, remedy_sought, complainant_name, complainant_email, customer_ref, vulnerable, \
     received_at, created_at, updated_at, version, event_count, last_event_hash, rca_pending, \
     approved) \
    VALUES ($1, $2, 'north', $3, 'received', 1, 'fca_disp', 'phone', 'current_account', 'fees', \
     $4, $5, $6, $7, $8, $9, $10, $10, $10, 1, 1, $11, $12, $12)";
const INSERT_EVENT: &str = "INSERT INTO complaint_events \
    (id, complaint_id, seq, kind, actor_id, actor_role, occurred_at, data, prev_hash, hash) \
    VALUES ($1, $2, 1, 'complaint.created', $3, 'agent', $4, $5, $6, $7)";
const INSERT_OUTBOX: &str = "INSERT INTO outbox \
    (id, event_type, occurred_at, payload, dispatch_token, dispatched_at) \
    VALUES ($1, 'complaint.created', $2, $3, NULL, NULL)";
const INSERT_TIMER: &str = "INSERT INTO complaint_timers \
    (id, complaint_id, name, stage, regulatory, state, started_at, due_at, warn_at, \
     warnings_raised, next_check_at, version) \
    VALUES ($1, $2, $3, NULL, $4, 'running', $5, $6, $7, 0, $8, 1)";
const UPDATE_KEY: &str = "UPDATE idempotency_keys SET status = 201, resource_id = $1 \
    WHERE principal_id = $2 AND key = $3";
const SELECT_COMPLAINT: &str = "SELECT * FROM complaints WHERE id = $1";
const SELECT_TIMERS: &str = "SELECT * FROM complaint_timers WHERE complaint_id = $1 ORDER BY id";

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const ACTOR: &str = "bench-agent";

/// Everything one intake writes, made before the transaction starts.
struct Intake {
    id: Uuid,
    key: String,
    request_hash: String,
    now: DateTime<Utc>,
    name: String,
    email: String,
    customer_ref: String,
    event_id: Uuid,
    outbox_id: Uuid,
    timers: Vec<Timer>,
}

/// One running timer row.
struct Timer {
    id: Uuid,
    name: &'static str,
    regulatory: bool,
    due_at: DateTime<Utc>,
    warn_at: Value,
    next_check_at: DateTime<Utc>,
}

impl Intake {
    fn new(i: usize) -> Intake {
        let now = Utc::now();
        let day = chrono::Duration::days(1);
        let timer = |name, regulatory, due: DateTime<Utc>| {
            let warn = now + (due - now) / 2;
            Timer {
                id: Uuid::now_v7(),
                name,
                regulatory,
                due_at: due,
                warn_at: json!([warn.to_rfc3339()]),
                next_check_at: warn,
            }
        };
        Intake {
            id: Uuid::now_v7(),
            key: format!("raw-{i}"),
            request_hash: hex::encode(Sha256::digest(format!("raw request {i}").as_bytes())),
            now,
            name: format!("Bench Complainant {i}"),
            email: format!("bench-{i}@example.com"),
            customer_ref: format!("CUST-{i}"),
            event_id: Uuid::now_v7(),
            outbox_id: Uuid::now_v7(),
            timers: vec![
                timer("acknowledgement", false, now + day * 7),
                timer("summary_resolution", true, now + day * 5),
                timer("final_response", true, now + day * 56),
            ],
        }
    }

    fn summary(&self, reference: &str) -> Value {
        json!({
            "after": {
                "reference": reference, "team": "north", "state": "received",
                "profile": "fca_disp", "channel": "phone", "product": "current_account",
                "category": "fees", "description": DESCRIPTION, "remedy_sought": REMEDY,
                "complainant_name": self.name, "complainant_email": self.email,
                "complainant_phone": null, "customer_ref": self.customer_ref,
                "vulnerability": null, "received_at": self.now.to_rfc3339(),
            },
            "timers": self.timers.iter()
                .map(|t| json!({"name": t.name, "due_at": t.due_at.to_rfc3339()}))
                .collect::<Vec<_>>(),
        })
    }
}

const DESCRIPTION: &str = "I was charged an overdraft fee twice.";
const REMEDY: &str = "Refund the duplicate fee.";

/// The intake transaction, written once for both engines' transaction types.
macro_rules! intake_tx {
    ($tx:ident, $r:ident) => {{
        sqlx::query(INSERT_KEY)
            .bind(ACTOR)
            .bind(&$r.key)
            .bind(&$r.request_hash)
            .bind($r.now)
            .execute(&mut *$tx)
            .await?;
        let team: Option<(String,)> = sqlx::query_as(SELECT_TEAM)
            .bind("north")
            .fetch_optional(&mut *$tx)
            .await?;
        if team.is_none() {
            return Err(sqlx::Error::RowNotFound);
        }
        let (number,): (i64,) = sqlx::query_as(NEXT_REFERENCE)
            .bind(chrono::Datelike::year(&$r.now))
            .fetch_one(&mut *$tx)
            .await?;
        let reference = format!("CMP-{}-{number:06}", chrono::Datelike::year(&$r.now));
        let data = $r.summary(&reference);
        let hash = hex::encode(Sha256::digest(
            format!("{GENESIS}{}", data).as_bytes(),
        ));
        sqlx::query(INSERT_COMPLAINT)
            .bind($r.id)
            .bind(&reference)
            .bind(ACTOR)
            .bind(DESCRIPTION)
            .bind(REMEDY)
            .bind(&$r.name)
            .bind(&$r.email)
            .bind(&$r.customer_ref)
            .bind(false)
            .bind($r.now)
            .bind(&hash)
            .bind(false)
            .execute(&mut *$tx)
            .await?;
        sqlx::query(INSERT_EVENT)
            .bind($r.event_id)
            .bind($r.id)
            .bind(ACTOR)
            .bind($r.now)
            .bind(&data)
            .bind(GENESIS)
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
        let payload = json!({
            "id": $r.outbox_id, "type": "complaint.created", "timestamp": $r.now.to_rfc3339(),
            "data": {"complaint_id": $r.id, "reference": reference, "state": "received",
                     "stage": 1, "team": "north"},
        });
        sqlx::query(INSERT_OUTBOX)
            .bind($r.outbox_id)
            .bind($r.now)
            .bind(&payload)
            .execute(&mut *$tx)
            .await?;
        for t in &$r.timers {
            sqlx::query(INSERT_TIMER)
                .bind(t.id)
                .bind($r.id)
                .bind(t.name)
                .bind(t.regulatory)
                .bind($r.now)
                .bind(t.due_at)
                .bind(&t.warn_at)
                .bind(t.next_check_at)
                .execute(&mut *$tx)
                .await?;
        }
        sqlx::query(UPDATE_KEY)
            .bind($r.id)
            .bind(ACTOR)
            .bind(&$r.key)
            .execute(&mut *$tx)
            .await?;
    }};
}

impl Pool {
    async fn create(&self, i: usize) -> Result<Uuid, sqlx::Error> {
        let r = Intake::new(i);
        match self {
            Pool::Sqlite { pool, gate } => {
                let _turn = gate.lock().await;
                let mut tx = pool.begin().await?;
                intake_tx!(tx, r);
                tx.commit().await?;
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                intake_tx!(tx, r);
                tx.commit().await?;
            }
        }
        Ok(r.id)
    }

    async fn get(&self, id: Uuid) -> Result<(), sqlx::Error> {
        let reference: String = match self {
            Pool::Sqlite { pool, .. } => {
                let row = sqlx::query(SELECT_COMPLAINT)
                    .bind(id)
                    .fetch_one(pool)
                    .await?;
                let _timers = sqlx::query(SELECT_TIMERS).bind(id).fetch_all(pool).await?;
                row.try_get("reference")?
            }
            Pool::Postgres(pool) => {
                let row = sqlx::query(SELECT_COMPLAINT)
                    .bind(id)
                    .fetch_one(pool)
                    .await?;
                let _timers = sqlx::query(SELECT_TIMERS).bind(id).fetch_all(pool).await?;
                row.try_get("reference")?
            }
        };
        if reference.is_empty() {
            return Err(sqlx::Error::RowNotFound);
        }
        Ok(())
    }
}

/// Runs `raw_create` then `raw_get` over the complaints it made.
pub async fn run(
    url: &str,
    pool_size: u32,
    requests: usize,
    concurrency: usize,
    max: Duration,
) -> anyhow::Result<Vec<Outcome>> {
    let db = Db::connect(url, pool_size, None).await?;
    recourse::prepare_database(&db, &Clock::System).await?;
    let now = Utc::now();
    let team = "INSERT INTO teams (id, name, created_at, updated_at, version) \
        VALUES ('north', 'North', $1, $1, 1)";
    let pool = Arc::new(match db.backend() {
        sea_orm::DbBackend::Sqlite => {
            let pool = db.conn.get_sqlite_connection_pool().clone();
            sqlx::query(team).bind(now).execute(&pool).await?;
            Pool::Sqlite {
                pool,
                gate: Arc::new(Mutex::new(())),
            }
        }
        _ => {
            let pool = db.conn.get_postgres_connection_pool().clone();
            sqlx::query(team).bind(now).execute(&pool).await?;
            Pool::Postgres(pool)
        }
    });

    eprintln!("==> raw_create: {requests} transactions at concurrency {concurrency}");
    let ids = Arc::new(std::sync::Mutex::new(Vec::with_capacity(requests)));
    let create = {
        let (pool, ids) = (pool.clone(), ids.clone());
        load::run("raw_create", &[], requests, concurrency, max, move |i| {
            let (pool, ids) = (pool.clone(), ids.clone());
            async move {
                let result = match pool.create(i).await {
                    Ok(id) => {
                        if let Ok(mut ids) = ids.lock() {
                            ids.push(id);
                        }
                        Ok(())
                    }
                    Err(err) => Err(format!("raw intake: {err}")),
                };
                (0, result)
            }
        })
        .await
    };
    let ids = Arc::new(ids.lock().map(|ids| ids.clone()).unwrap_or_default());
    anyhow::ensure!(
        !ids.is_empty(),
        "raw_create stored nothing: {}",
        create.first_error.clone().unwrap_or_default()
    );

    eprintln!("==> raw_get: {requests} reads at concurrency {concurrency}");
    let get = {
        let pool = pool.clone();
        load::run("raw_get", &[], requests, concurrency, max, move |i| {
            let (pool, ids) = (pool.clone(), ids.clone());
            async move {
                let Some(id) = load::cycled(&ids, i) else {
                    return (0, Err("raw read: no row to read".to_owned()));
                };
                (0, pool.get(id).await.map_err(|e| format!("raw read: {e}")))
            }
        })
        .await
    };
    drop(pool);
    let _ = db.conn.close().await;
    Ok(vec![create, get])
}
