//! Webhooks: subscriptions, the outbox of integration events (written in the same transaction
//! as the change each describes), one delivery per event and subscription, and every attempt.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WebhookSubscriptions {
    Table,
    Id,
    Url,
    EventTypes,
    Description,
    Secret,
    Active,
    FailureRun,
    DisabledAt,
    DisabledReason,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    EventType,
    OccurredAt,
    Payload,
    DispatchToken,
    DispatchedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    EventId,
    SubscriptionId,
    EventType,
    State,
    Attempts,
    NextAttemptAt,
    LeaseToken,
    LeaseUntil,
    LastStatus,
    LastError,
    CreatedAt,
    FinishedAt,
    ReplayOf,
}

#[derive(DeriveIden)]
enum WebhookAttempts {
    Table,
    Id,
    DeliveryId,
    Number,
    AttemptedAt,
    Status,
    LatencyMs,
    ResponseExcerpt,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WebhookSubscriptions::Table)
                    .col(pk_uuid(WebhookSubscriptions::Id))
                    .col(string_len(WebhookSubscriptions::Url, 2048))
                    .col(json_binary(WebhookSubscriptions::EventTypes))
                    .col(string_len(WebhookSubscriptions::Description, 500))
                    .col(string_len(WebhookSubscriptions::Secret, 100))
                    .col(boolean(WebhookSubscriptions::Active))
                    .col(integer(WebhookSubscriptions::FailureRun))
                    .col(timestamp_with_time_zone_null(
                        WebhookSubscriptions::DisabledAt,
                    ))
                    .col(string_len_null(WebhookSubscriptions::DisabledReason, 500))
                    .col(timestamp_with_time_zone(WebhookSubscriptions::CreatedAt))
                    .col(string_len(WebhookSubscriptions::CreatedBy, 255))
                    .col(timestamp_with_time_zone(WebhookSubscriptions::UpdatedAt))
                    .col(big_integer(WebhookSubscriptions::Version))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(pk_uuid(Outbox::Id))
                    .col(string_len(Outbox::EventType, 64))
                    .col(timestamp_with_time_zone(Outbox::OccurredAt))
                    .col(json_binary(Outbox::Payload))
                    .col(uuid_null(Outbox::DispatchToken))
                    .col(timestamp_with_time_zone_null(Outbox::DispatchedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_dispatch")
                    .table(Outbox::Table)
                    .col(Outbox::DispatchedAt)
                    .col(Outbox::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_occurred")
                    .table(Outbox::Table)
                    .col(Outbox::OccurredAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(pk_uuid(WebhookDeliveries::Id))
                    .col(uuid(WebhookDeliveries::EventId))
                    .col(uuid(WebhookDeliveries::SubscriptionId))
                    .col(string_len(WebhookDeliveries::EventType, 64))
                    .col(string_len(WebhookDeliveries::State, 16))
                    .col(integer(WebhookDeliveries::Attempts))
                    .col(timestamp_with_time_zone(WebhookDeliveries::NextAttemptAt))
                    .col(uuid_null(WebhookDeliveries::LeaseToken))
                    .col(timestamp_with_time_zone_null(WebhookDeliveries::LeaseUntil))
                    .col(integer_null(WebhookDeliveries::LastStatus))
                    .col(string_len_null(WebhookDeliveries::LastError, 500))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .col(timestamp_with_time_zone_null(WebhookDeliveries::FinishedAt))
                    .col(uuid_null(WebhookDeliveries::ReplayOf))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::EventId)
                            .to(Outbox::Table, Outbox::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::SubscriptionId)
                            .to(WebhookSubscriptions::Table, WebhookSubscriptions::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_deliveries_due")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::State)
                    .col(WebhookDeliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_deliveries_subscription")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::SubscriptionId)
                    .col(WebhookDeliveries::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookAttempts::Table)
                    .col(pk_uuid(WebhookAttempts::Id))
                    .col(uuid(WebhookAttempts::DeliveryId))
                    .col(integer(WebhookAttempts::Number))
                    .col(timestamp_with_time_zone(WebhookAttempts::AttemptedAt))
                    .col(integer_null(WebhookAttempts::Status))
                    .col(big_integer(WebhookAttempts::LatencyMs))
                    .col(string_len_null(WebhookAttempts::ResponseExcerpt, 1024))
                    .col(string_len_null(WebhookAttempts::Error, 500))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookAttempts::Table, WebhookAttempts::DeliveryId)
                            .to(WebhookDeliveries::Table, WebhookDeliveries::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_attempts_delivery")
                    .table(WebhookAttempts::Table)
                    .col(WebhookAttempts::DeliveryId)
                    .col(WebhookAttempts::Number)
                    .to_owned(),
            )
            .await
    }
}
