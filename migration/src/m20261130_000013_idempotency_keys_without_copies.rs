//! Idempotency keys remember which complaint they created, not a copy of it. The copy was a
//! second, unlogged store of the complainant's details, vulnerability notes included, kept
//! for as long as the key; a replay now reloads the complaint (under the caller's scope) by
//! `resource_id`, which every stored key already has. The copies already stored are
//! overwritten before the column goes, and keys get an index on `created_at` for the purge
//! of expired ones.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{DbBackend, Statement},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Response,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // One transaction on SQLite too, so that the pragmas below apply to the connection that
    // makes the changes.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let sqlite = manager.get_database_backend() == DbBackend::Sqlite;
        // SQLite leaves deleted content in freed pages unless told to zero it.
        let secure_before = if sqlite {
            let row = db
                .query_one_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "PRAGMA secure_delete",
                ))
                .await?;
            let before = match row {
                Some(row) => row.try_get_by_index::<i32>(0)?,
                None => 0,
            };
            db.execute_unprepared("PRAGMA secure_delete = ON").await?;
            Some(before)
        } else {
            None
        };
        // Overwritten first: PostgreSQL's DROP COLUMN only hides the column, and the values
        // would stay in the rows until each was next written. The old row versions this
        // leaves are reclaimed by (auto)vacuum.
        db.execute_unprepared("UPDATE idempotency_keys SET response = '{}'")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdempotencyKeys::Table)
                    .drop_column(IdempotencyKeys::Response)
                    .to_owned(),
            )
            .await?;
        // `DELETE ... WHERE created_at < ?`: the purge reads only the expired keys.
        manager
            .create_index(
                Index::create()
                    .name("ix_idempotency_keys_created_at")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::CreatedAt)
                    .to_owned(),
            )
            .await?;
        if let Some(before) = secure_before {
            db.execute_unprepared(&format!("PRAGMA secure_delete = {before}"))
                .await?;
        }
        Ok(())
    }
}
