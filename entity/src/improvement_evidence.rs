use sea_orm::entity::prelude::*;

/// A complaint that matched the rule behind an improvement item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "improvement_evidence")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub complaint_id: Uuid,
    pub rule: String,
    /// The rule's parameters when it matched.
    pub params: Json,
    #[sea_orm(column_type = "Text")]
    pub explanation: String,
    pub matched_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
