//! Escalations raised by the procedure (a breached regulatory deadline, for now), listed for
//! team leaders and analysts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Escalations {
    Table,
    Id,
    ComplaintId,
    TeamId,
    Timer,
    Level,
    Reason,
    RaisedAt,
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
                    .table(Escalations::Table)
                    .col(pk_uuid(Escalations::Id))
                    .col(uuid(Escalations::ComplaintId))
                    .col(string_len(Escalations::TeamId, 64))
                    .col(string_len_null(Escalations::Timer, 64))
                    .col(small_integer(Escalations::Level))
                    .col(text(Escalations::Reason))
                    .col(timestamp_with_time_zone(Escalations::RaisedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Escalations::Table, Escalations::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, lead) in [
            ("ix_escalations_raised", None),
            ("ix_escalations_team", Some(Escalations::TeamId)),
        ] {
            let mut index = Index::create();
            index.name(name).table(Escalations::Table);
            if let Some(lead) = lead {
                index.col(lead);
            }
            index.col(Escalations::RaisedAt).col(Escalations::Id);
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }
}
