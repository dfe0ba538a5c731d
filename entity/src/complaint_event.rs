use sea_orm::entity::prelude::*;

/// One append-only, hash-chained audit event of a complaint.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    /// 1-based position in the complaint's chain.
    pub seq: i64,
    pub kind: String,
    pub actor_id: String,
    pub actor_role: String,
    pub occurred_at: DateTimeUtc,
    /// Before/after summary of the change.
    pub data: Json,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
