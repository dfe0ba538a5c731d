use sea_orm::entity::prelude::*;

/// The remembered outcome of a create made with an `Idempotency-Key`: which resource it
/// made, never a copy of it (a replay reloads the resource under the caller's scope). Kept
/// for the configured retention period, then purged.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub principal_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub operation: String,
    /// SHA-256 of the canonical request body.
    pub request_hash: String,
    pub status: i16,
    /// The resource made; absent only while the create that claimed the key is under way.
    pub resource_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
