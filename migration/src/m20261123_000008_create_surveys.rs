//! Satisfaction surveys: one row per invitation sent after a response, holding only a hash of
//! its link token, and the complainant's answer once given.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Surveys {
    Table,
    Id,
    ComplaintId,
    TokenHash,
    CreatedAt,
    CreatedBy,
    ExpiresAt,
    SupersededAt,
    AnsweredAt,
    OutcomeScore,
    HandlingScore,
    Comment,
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
                    .table(Surveys::Table)
                    .col(pk_uuid(Surveys::Id))
                    .col(uuid(Surveys::ComplaintId))
                    .col(string_len(Surveys::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(Surveys::CreatedAt))
                    .col(string_len(Surveys::CreatedBy, 255))
                    .col(timestamp_with_time_zone(Surveys::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Surveys::SupersededAt))
                    .col(timestamp_with_time_zone_null(Surveys::AnsweredAt))
                    .col(small_integer_null(Surveys::OutcomeScore))
                    .col(small_integer_null(Surveys::HandlingScore))
                    .col(text_null(Surveys::Comment))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Surveys::Table, Surveys::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_surveys_complaint")
                    .table(Surveys::Table)
                    .col(Surveys::ComplaintId)
                    .to_owned(),
            )
            .await
    }
}
