//! The sweeper's question, "running timers whose next check has come, soonest first", as one
//! index range. With an index on `next_check_at` alone beside `(state, due_at)`, SQLite took
//! the state index, read every running timer and sorted them, once per batch: the pass grew
//! with the open cases stored rather than with the timers due.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ComplaintTimers {
    Table,
    State,
    NextCheckAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `WHERE state = 'running' AND next_check_at <= ? ORDER BY next_check_at LIMIT n`:
        // `SEARCH complaint_timers USING INDEX ix_complaint_timers_state_check (state=? AND
        // next_check_at<?)`, with no sort step.
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_timers_state_check")
                    .table(ComplaintTimers::Table)
                    .col(ComplaintTimers::State)
                    .col(ComplaintTimers::NextCheckAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_complaint_timers_next_check")
                    .table(ComplaintTimers::Table)
                    .to_owned(),
            )
            .await
    }
}
