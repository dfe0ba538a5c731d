use sea_orm::entity::prelude::*;

/// One append-only audit record of a write that is not about a single complaint (teams now;
/// configuration such as the cause taxonomy later).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub occurred_at: DateTimeUtc,
    pub actor_id: String,
    pub actor_role: String,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: String,
    /// Before/after summary of the change.
    pub data: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
