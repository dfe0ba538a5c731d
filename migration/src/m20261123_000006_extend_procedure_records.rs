//! What the rest of the procedure records: when a remedy was issued and settled (a proposal
//! awaiting approval is not yet issued), the referral to an ombudsman and its outcome, where a
//! complaint was transferred, when an internal target was paused, and the organisation's own
//! settings (the `internal` profile's targets, the recurrence rules).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Remedies {
    Table,
    IssuedAt,
    SettledAt,
    SettledBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    ReferralScheme,
    ReferralReference,
    ReferredAt,
    ReferralOutcome,
    ReferralOutcomeAt,
    TransferredTo,
}

#[derive(DeriveIden)]
enum ComplaintTimers {
    Table,
    PausedAt,
}

#[derive(DeriveIden)]
enum Settings {
    Table,
    Key,
    Value,
    Version,
    UpdatedAt,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let remedy_columns = [
            timestamp_with_time_zone_null(Remedies::IssuedAt),
            timestamp_with_time_zone_null(Remedies::SettledAt),
            string_len_null(Remedies::SettledBy, 255),
        ];
        for column in remedy_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Remedies::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // Remedies recorded before proposals existed were issued with their response.
        manager
            .exec_stmt(
                Query::update()
                    .table(Remedies::Table)
                    .value(Remedies::IssuedAt, Expr::col(Remedies::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        let complaint_columns = [
            string_len_null(Complaints::ReferralScheme, 32),
            string_len_null(Complaints::ReferralReference, 100),
            timestamp_with_time_zone_null(Complaints::ReferredAt),
            string_len_null(Complaints::ReferralOutcome, 32),
            timestamp_with_time_zone_null(Complaints::ReferralOutcomeAt),
            string_len_null(Complaints::TransferredTo, 255),
        ];
        for column in complaint_columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Complaints::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // An internal target pauses while the case awaits information.
        manager
            .alter_table(
                Table::alter()
                    .table(ComplaintTimers::Table)
                    .add_column(timestamp_with_time_zone_null(ComplaintTimers::PausedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Settings::Table)
                    .col(string_len(Settings::Key, 64).primary_key())
                    .col(json(Settings::Value))
                    .col(big_integer(Settings::Version))
                    .col(timestamp_with_time_zone(Settings::UpdatedAt))
                    .col(string_len(Settings::UpdatedBy, 255))
                    .to_owned(),
            )
            .await
    }
}
