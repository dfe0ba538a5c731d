//! Database connection. SQLite runs in WAL mode with foreign keys and a busy timeout, and its
//! writers take turns through one in-process gate (SQLite allows one writer at a time, and a
//! deferred transaction that upgrades late would fail rather than wait). PostgreSQL needs no
//! gate: conditional updates and unique constraints serialise conflicting writers.

use std::{sync::Arc, time::Duration};

use migration::{Migrator, MigratorTrait};
pub use sea_orm::sqlx::sqlite::SqliteSynchronous;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    TransactionTrait, sqlx::sqlite::SqliteJournalMode,
};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// A pooled connection plus, on SQLite, the writers' gate.
#[derive(Clone, Debug)]
pub struct Db {
    pub conn: DatabaseConnection,
    write_gate: Option<Arc<Mutex<()>>>,
}

/// A write transaction. Dropping it without `commit` rolls back.
#[derive(Debug)]
pub struct WriteTx {
    tx: DatabaseTransaction,
    _turn: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.tx.commit().await
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
        let write_gate =
            (conn.get_database_backend() == DbBackend::Sqlite).then(|| Arc::new(Mutex::new(())));
        Ok(Db { conn, write_gate })
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.conn, None).await
    }

    /// Begins a write transaction, waiting for the writers' gate on SQLite.
    pub async fn begin_write(&self) -> Result<WriteTx, DbErr> {
        let turn = match &self.write_gate {
            Some(gate) => Some(gate.clone().lock_owned().await),
            None => None,
        };
        Ok(WriteTx {
            tx: self.conn.begin().await?,
            _turn: turn,
        })
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }
}
