use sea_orm::entity::prelude::*;

/// An integrator's webhook: where to post which event types, and the signing secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub url: String,
    /// Event type names, as a JSON array of strings.
    pub event_types: Json,
    pub description: String,
    /// `whsec_` and the base64 signing key. Shown once at creation, never returned again.
    pub secret: String,
    pub active: bool,
    /// Failed attempts in a row, across all of the subscription's deliveries.
    pub failure_run: i32,
    pub disabled_at: Option<DateTimeUtc>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
