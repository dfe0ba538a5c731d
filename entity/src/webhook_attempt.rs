use sea_orm::entity::prelude::*;

/// One try at posting a delivery: the answer's status (none when no answer came), how long it
/// took, and the start of the answer's body or the transport error.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub delivery_id: Uuid,
    pub number: i32,
    pub attempted_at: DateTimeUtc,
    pub status: Option<i32>,
    pub latency_ms: i64,
    pub response_excerpt: Option<String>,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
