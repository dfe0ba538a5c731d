//! Database connection. SQLite runs in WAL mode with foreign keys and a busy timeout, and its
//! writers take turns through one in-process gate (SQLite allows one writer at a time, and a
//! deferred transaction that upgrades late would fail rather than wait). PostgreSQL needs no
//! gate: conditional updates and unique constraints serialise conflicting writers.
//!
//! On SQLite the writers that queue at the gate share a commit (group commit): each writes in
//! its own savepoint of one open transaction, and the last of a run of queued writers commits
//! it for all of them. A writer's `commit` returns only once that shared commit is durable, so
//! nothing is answered as saved before it is; a writer that fails rolls back its savepoint
//! alone. The fsync that bounds SQLite's commit rate is then paid once per run of writers
//! instead of once per writer.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use migration::{Migrator, MigratorTrait};
pub use sea_orm::sqlx::sqlite::SqliteSynchronous;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    TransactionTrait, sqlx::sqlite::SqliteJournalMode,
};
use tokio::sync::{Mutex, OwnedMutexGuard, watch};

/// The advisory lock key migrations hold on PostgreSQL ("RECOURSE" in ASCII, truncated).
const MIGRATION_LOCK: i64 = 0x5245_434F_5552_5345;

/// At most this many writers' work goes into one shared commit.
const MAX_BATCH: usize = 64;
/// How long a writer waits for the shared commit of its work before making it itself (when
/// the writers queued behind it went away without committing).
const BATCH_PATIENCE: Duration = Duration::from_millis(20);

/// A pooled connection plus, on SQLite, the writers' gate.
#[derive(Clone, Debug)]
pub struct Db {
    pub conn: DatabaseConnection,
    gate: Option<Arc<Gate>>,
}

/// SQLite's writers' gate: whoever holds `slot` may write, into the open batch.
#[derive(Debug, Default)]
struct Gate {
    slot: Arc<Mutex<Slot>>,
    /// Writers waiting for the gate: while there are any, a writer leaves the batch open for
    /// them to join instead of committing it.
    waiting: AtomicUsize,
}

#[derive(Debug, Default)]
struct Slot {
    open: Option<Batch>,
    batches: u64,
}

/// One open transaction shared by a run of writers.
#[derive(Debug)]
struct Batch {
    tx: DatabaseTransaction,
    id: u64,
    /// Writers whose work is in it, waiting for the commit.
    members: usize,
    /// The commit's outcome, once made.
    done: watch::Sender<Option<Result<(), String>>>,
}

/// Holding the gate. Dropped without [`Turn::finish`] and with nobody queued, it rolls back an
/// open batch that holds no writer's work; a batch that holds some is committed by its members
/// (see [`await_outcome`]).
#[derive(Debug)]
struct Turn {
    gate: Arc<Gate>,
    slot: Option<OwnedMutexGuard<Slot>>,
}

impl Turn {
    /// Commits the open batch (rolls it back if no writer's work is in it) and tells its
    /// members the outcome.
    async fn finish(mut self) {
        let Some(mut slot) = self.slot.take() else {
            return;
        };
        if let Some(batch) = slot.open.take() {
            let result = if batch.members == 0 {
                batch.tx.rollback().await
            } else {
                batch.tx.commit().await
            };
            if let Err(err) = &result {
                tracing::error!(error = %err, members = batch.members, "shared commit failed");
            }
            let _ = batch.done.send(Some(result.map_err(|e| e.to_string())));
        }
    }

    /// Leaves the gate with the batch open, for the writers queued behind to join.
    fn pass(mut self) {
        self.slot = None;
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        // Nothing is spawned here: a drop can happen while the runtime shuts down.
        let Some(mut slot) = self.slot.take() else {
            return;
        };
        let idle = self.gate.waiting.load(Ordering::SeqCst) == 0;
        if idle && slot.open.as_ref().is_some_and(|b| b.members == 0) {
            // Dropping the transaction queues its rollback on the connection.
            drop(slot.open.take());
        }
    }
}

/// Waits for the shared commit of batch `id`. A member that has waited [`BATCH_PATIENCE`]
/// makes the commit itself (the writers it left the batch open for may have gone), so every
/// batch holding work is committed.
async fn await_outcome(
    gate: Arc<Gate>,
    id: u64,
    mut done: watch::Receiver<Option<Result<(), String>>>,
) -> Result<(), DbErr> {
    loop {
        if let Some(outcome) = done.borrow_and_update().clone() {
            return outcome.map_err(DbErr::Custom);
        }
        match tokio::time::timeout(BATCH_PATIENCE, done.changed()).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => {
                return Err(DbErr::Custom(
                    "the shared commit was abandoned before it was made".to_owned(),
                ));
            }
            Err(_) => {
                let slot = gate.slot.clone().lock_owned().await;
                if slot.open.as_ref().is_some_and(|b| b.id == id) {
                    Turn {
                        gate: gate.clone(),
                        slot: Some(slot),
                    }
                    .finish()
                    .await;
                }
            }
        }
    }
}

/// Counts a writer as waiting for the gate until dropped (also when its request is cancelled).
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn new(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A write transaction. Dropping it without `commit` rolls back (on SQLite, its savepoint).
#[derive(Debug)]
pub struct WriteTx {
    // Fields drop in order: the savepoint's rollback is queued on the connection before the
    // turn is given up.
    tx: DatabaseTransaction,
    turn: Option<Turn>,
}

impl WriteTx {
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    /// Commits; on SQLite, returns once the shared commit holding this work is durable.
    pub async fn commit(self) -> Result<(), DbErr> {
        let WriteTx { tx, turn } = self;
        let Some(mut turn) = turn else {
            return tx.commit().await;
        };
        // Releases the savepoint; on failure `turn` is dropped and the batch goes on without.
        tx.commit().await?;
        let gate = turn.gate.clone();
        // A writer's turn holds the gate, with the batch it writes in open, until it commits.
        let Some(batch) = turn.slot.as_mut().and_then(|slot| slot.open.as_mut()) else {
            return Err(DbErr::Custom(
                "a writer's turn lost its batch before it committed".to_owned(),
            ));
        };
        batch.members += 1;
        let id = batch.id;
        let done = batch.done.subscribe();
        let finisher = if batch.members >= MAX_BATCH || gate.waiting.load(Ordering::SeqCst) == 0 {
            Some(turn)
        } else {
            turn.pass();
            None
        };
        // A task of its own, so that a cancelled request cannot cut a commit short or leave
        // its batch uncommitted.
        tokio::spawn(async move {
            if let Some(turn) = finisher {
                turn.finish().await;
            }
            await_outcome(gate, id, done).await
        })
        .await
        .map_err(|e| DbErr::Custom(format!("the shared commit's task failed: {e}")))?
    }
}

impl Db {
    /// Connects with the engine's settings; `schema` (PostgreSQL only) sets the search path.
    /// SQLite commits are durable (WAL with `synchronous=FULL`).
    pub async fn connect(url: &str, pool_size: u32, schema: Option<&str>) -> Result<Db, DbErr> {
        Db::connect_with(url, pool_size, schema, SqliteSynchronous::Full).await
    }

    /// [`Db::connect`] with SQLite's `synchronous` setting chosen: `Normal` (in WAL mode) keeps
    /// the database consistent but may lose the last commits on power loss, so only bulk loads
    /// of data that can be made again (demo data) use it.
    pub async fn connect_with(
        url: &str,
        pool_size: u32,
        schema: Option<&str>,
        synchronous: SqliteSynchronous,
    ) -> Result<Db, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(pool_size)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(10))
            // A connection is pinged before it is handed out only once it has sat idle long
            // enough to have been dropped by a restarted server or a proxy. Pinging every
            // checkout cost each request a round trip per statement (a wake of SQLite's worker
            // thread, a network round trip to PostgreSQL) for connections in use moments ago.
            .test_before_acquire_if_idle_for(Duration::from_secs(30))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(move |o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(synchronous)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .create_if_missing(true)
                    // Reads through a shared memory map instead of a read() per page into each
                    // connection's small private cache: reports scan whole tables.
                    .pragma("mmap_size", "2147483648")
            });
        if let Some(schema) = schema {
            options.set_schema_search_path(schema.to_owned());
        }
        let conn = Database::connect(options).await?;
        let gate = (conn.get_database_backend() == DbBackend::Sqlite).then(Arc::default);
        Ok(Db { conn, gate })
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Applies pending migrations. On PostgreSQL, replicas starting together would run the
    /// same migrations at once and collide in the catalog; a transaction-scoped advisory lock
    /// lets one migrate (in that transaction: PostgreSQL's DDL is transactional) while the
    /// others wait, and then find nothing left to do.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        if self.backend() != DbBackend::Postgres {
            return Migrator::up(&self.conn, None).await;
        }
        let tx = self.conn.begin().await?;
        sea_orm::ConnectionTrait::execute_unprepared(
            &tx,
            &format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"),
        )
        .await?;
        Migrator::up(&tx, None).await?;
        tx.commit().await
    }

    /// Brings the planner's statistics up to date after a bulk load; answers whether there was
    /// anything to do. PostgreSQL plans from statistics, and a freshly loaded table has none
    /// until autovacuum analyzes it (if autovacuum is on at all): at a million seeded
    /// complaints without them a get took 54 ms and a list page 5 s. `VACUUM` also marks the
    /// pages all-visible, so index-only scans need not visit the table. SQLite is left as it
    /// is: without `sqlite_stat1` it plans from the schema, and the plan tests hold those plans.
    pub async fn refresh_statistics(&self) -> Result<bool, DbErr> {
        if self.backend() != DbBackend::Postgres {
            return Ok(false);
        }
        // This service's tables only (those of the schema in use), not the whole database's.
        let tables: Vec<String> = sea_orm::ConnectionTrait::query_all_raw(
            &self.conn,
            sea_orm::Statement::from_string(
                DbBackend::Postgres,
                "SELECT quote_ident(tablename) AS t FROM pg_tables \
                 WHERE schemaname = current_schema() ORDER BY tablename",
            ),
        )
        .await?
        .iter()
        .map(|row| row.try_get::<String>("", "t"))
        .collect::<Result<_, _>>()?;
        if tables.is_empty() {
            return Ok(false);
        }
        let vacuum = format!("VACUUM (ANALYZE) {}", tables.join(", "));
        sea_orm::ConnectionTrait::execute_unprepared(&self.conn, &vacuum).await?;
        Ok(true)
    }

    /// Begins a read-only transaction whose statements all see one snapshot: REPEATABLE READ
    /// on PostgreSQL, where the default READ COMMITTED lets each statement see commits made
    /// after the one before it. A SQLite read transaction is a snapshot already.
    pub async fn begin_snapshot(&self) -> Result<DatabaseTransaction, DbErr> {
        match self.backend() {
            DbBackend::Postgres => {
                self.conn
                    .begin_with_config(
                        Some(sea_orm::IsolationLevel::RepeatableRead),
                        Some(sea_orm::AccessMode::ReadOnly),
                    )
                    .await
            }
            _ => self.conn.begin().await,
        }
    }

    /// Begins a write transaction; on SQLite, waits for the writers' gate and writes in a
    /// savepoint of the open batch.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let Some(gate) = &self.gate else {
            return Ok(WriteTx {
                tx: self.conn.begin().await?,
                turn: None,
            });
        };
        let slot = {
            let _waiting = Waiting::new(&gate.waiting);
            gate.slot.clone().lock_owned().await
        };
        let mut turn = Turn {
            gate: gate.clone(),
            slot: None,
        };
        let slot: &mut Slot = turn.slot.insert(slot);
        let batch: &Batch = match slot.open {
            Some(ref batch) => batch,
            None => {
                slot.batches += 1;
                slot.open.insert(Batch {
                    tx: self.conn.begin().await?,
                    id: slot.batches,
                    members: 0,
                    done: watch::channel(None).0,
                })
            }
        };
        let tx = batch.tx.begin().await?;
        Ok(WriteTx {
            tx,
            turn: Some(turn),
        })
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }
}
