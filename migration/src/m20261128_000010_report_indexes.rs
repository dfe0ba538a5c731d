//! An index for the reports' per-complaint questions ("was it ever closed? reopened?"), so they
//! are answered from the index without reading the events' data.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ComplaintEvents {
    Table,
    ComplaintId,
    Kind,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_complaint_events_complaint_kind")
                    .table(ComplaintEvents::Table)
                    .col(ComplaintEvents::ComplaintId)
                    .col(ComplaintEvents::Kind)
                    .to_owned(),
            )
            .await
    }
}
