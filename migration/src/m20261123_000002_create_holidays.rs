//! Holiday calendars as data: seeded from each jurisdiction's rules at start-up, then kept by
//! admins. A removed date stays as an inactive row, so re-seeding never brings it back.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Holidays {
    Table,
    Calendar,
    Date,
    Active,
    Source,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Holidays::Table)
                    .col(string_len(Holidays::Calendar, 32))
                    .col(date(Holidays::Date))
                    .col(boolean(Holidays::Active))
                    .col(string_len(Holidays::Source, 16))
                    .col(timestamp_with_time_zone(Holidays::UpdatedAt))
                    .primary_key(Index::create().col(Holidays::Calendar).col(Holidays::Date))
                    .to_owned(),
            )
            .await
    }
}
