//! Communications sent to complainants and the remedies a response offers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Communications {
    Table,
    Id,
    ComplaintId,
    Kind,
    Channel,
    SentAt,
    Summary,
    ActorId,
}

#[derive(DeriveIden)]
enum Remedies {
    Table,
    Id,
    ComplaintId,
    Kind,
    AmountMinor,
    Currency,
    Status,
    Description,
    UpdatedAt,
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
                    .table(Communications::Table)
                    .col(pk_uuid(Communications::Id))
                    .col(uuid(Communications::ComplaintId))
                    .col(string_len(Communications::Kind, 32))
                    .col(string_len(Communications::Channel, 16))
                    .col(timestamp_with_time_zone(Communications::SentAt))
                    .col(text_null(Communications::Summary))
                    .col(string_len(Communications::ActorId, 255))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Communications::Table, Communications::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_communications_complaint")
                    .table(Communications::Table)
                    .col(Communications::ComplaintId)
                    .col(Communications::SentAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Remedies::Table)
                    .col(pk_uuid(Remedies::Id))
                    .col(uuid(Remedies::ComplaintId))
                    .col(string_len(Remedies::Kind, 40))
                    .col(big_integer_null(Remedies::AmountMinor))
                    .col(string_len_null(Remedies::Currency, 3))
                    .col(string_len(Remedies::Status, 16))
                    .col(text_null(Remedies::Description))
                    .col(timestamp_with_time_zone(Remedies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Remedies::Table, Remedies::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_remedies_complaint")
                    .table(Remedies::Table)
                    .col(Remedies::ComplaintId)
                    .to_owned(),
            )
            .await
    }
}
