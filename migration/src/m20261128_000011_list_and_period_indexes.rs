//! Indexes for the two questions that grow with the stored data at a million complaints:
//! a team's queue in one state (the list's commonest filter, read newest first), and the events
//! of one kind in a period (the closings counted by the volumes report), and the deadlines
//! breached in a period.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Complaints {
    Table,
    TeamId,
    State,
    ReceivedAt,
    Id,
}

#[derive(DeriveIden)]
enum ComplaintEvents {
    Table,
    Kind,
    OccurredAt,
    ComplaintId,
}

#[derive(DeriveIden)]
enum ComplaintTimers {
    Table,
    BreachedAt,
    ComplaintId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // `WHERE team_id = ? AND state = ? AND received_at in a range ORDER BY received_at
        // DESC, id DESC`: one index range, already in the page's order, with no row read that
        // the page does not return.
        manager
            .create_index(
                Index::create()
                    .name("ix_complaints_team_state")
                    .table(Complaints::Table)
                    .col(Complaints::TeamId)
                    .col(Complaints::State)
                    .col(Complaints::ReceivedAt)
                    .col(Complaints::Id)
                    .to_owned(),
            )
            .await?;
        // `WHERE kind IN (...) AND occurred_at in a period`, with the complaint at hand for
        // the join to the complaints in scope.
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_events_kind_occurred")
                    .table(ComplaintEvents::Table)
                    .col(ComplaintEvents::Kind)
                    .col(ComplaintEvents::OccurredAt)
                    .col(ComplaintEvents::ComplaintId)
                    .to_owned(),
            )
            .await?;
        // Partial: only breached timers are ever asked for by the instant of the breach, and
        // they are few beside the running and met ones.
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_timers_breached")
                    .table(ComplaintTimers::Table)
                    .col(ComplaintTimers::BreachedAt)
                    .col(ComplaintTimers::ComplaintId)
                    .and_where(Expr::col(ComplaintTimers::BreachedAt).is_not_null())
                    .to_owned(),
            )
            .await
    }
}
