//! Where an imported complaint came from: the system it was handled in, its id there, and when
//! it was imported. A case is imported once per source id: the unique index makes a second
//! import of the same case find the first rather than duplicate it, on both engines (a native
//! complaint has neither, and NULLs never collide).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Complaints {
    Table,
    SourceSystem,
    SourceId,
    ImportedAt,
}

const INDEX: &str = "ux_complaints_source";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            ColumnDef::new(Complaints::SourceSystem)
                .string_len(100)
                .null()
                .to_owned(),
            ColumnDef::new(Complaints::SourceId)
                .string_len(200)
                .null()
                .to_owned(),
            ColumnDef::new(Complaints::ImportedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Complaints::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Complaints::Table)
                    .col(Complaints::SourceSystem)
                    .col(Complaints::SourceId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(Complaints::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Complaints::ImportedAt,
            Complaints::SourceId,
            Complaints::SourceSystem,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Complaints::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
