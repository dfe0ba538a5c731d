//! A complaint's timers: each regulatory deadline or internal target with its due instant,
//! warning instants and state. `next_check_at` is when a running timer next needs attention
//! (its next warning, else its due instant), so the deadline sweeper reads an index range and
//! never scans closed cases.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ComplaintTimers {
    Table,
    Id,
    ComplaintId,
    Name,
    Stage,
    Regulatory,
    State,
    StartedAt,
    DueAt,
    WarnAt,
    WarningsRaised,
    NextCheckAt,
    MetAt,
    BreachedAt,
    ExtendedDueAt,
    ExtensionCapAt,
    ExtensionReason,
    ExtensionNoticeAt,
    Version,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ComplaintTimers::Table)
                    .col(pk_uuid(ComplaintTimers::Id))
                    .col(uuid(ComplaintTimers::ComplaintId))
                    .col(string_len(ComplaintTimers::Name, 64))
                    .col(small_integer_null(ComplaintTimers::Stage))
                    .col(boolean(ComplaintTimers::Regulatory))
                    .col(string_len(ComplaintTimers::State, 16))
                    .col(timestamp_with_time_zone(ComplaintTimers::StartedAt))
                    .col(timestamp_with_time_zone(ComplaintTimers::DueAt))
                    .col(json_binary(ComplaintTimers::WarnAt))
                    .col(small_integer(ComplaintTimers::WarningsRaised))
                    .col(timestamp_with_time_zone_null(ComplaintTimers::NextCheckAt))
                    .col(timestamp_with_time_zone_null(ComplaintTimers::MetAt))
                    .col(timestamp_with_time_zone_null(ComplaintTimers::BreachedAt))
                    .col(timestamp_with_time_zone_null(
                        ComplaintTimers::ExtendedDueAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        ComplaintTimers::ExtensionCapAt,
                    ))
                    .col(text_null(ComplaintTimers::ExtensionReason))
                    .col(timestamp_with_time_zone_null(
                        ComplaintTimers::ExtensionNoticeAt,
                    ))
                    .col(big_integer(ComplaintTimers::Version))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ComplaintTimers::Table, ComplaintTimers::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_complaint_timers_name")
                    .table(ComplaintTimers::Table)
                    .col(ComplaintTimers::ComplaintId)
                    .col(ComplaintTimers::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_timers_state_due")
                    .table(ComplaintTimers::Table)
                    .col(ComplaintTimers::State)
                    .col(ComplaintTimers::DueAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_timers_next_check")
                    .table(ComplaintTimers::Table)
                    .col(ComplaintTimers::NextCheckAt)
                    .to_owned(),
            )
            .await
    }
}
