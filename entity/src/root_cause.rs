use sea_orm::entity::prelude::*;

/// A root-cause code `L1.L2`. Never deleted: deprecated, or merged into a surviving code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "root_causes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// The L1 group, e.g. `PRC`.
    pub group: String,
    pub label: String,
    #[sea_orm(column_type = "Text")]
    pub definition: String,
    /// `active`, `deprecated` or `merged`.
    pub status: String,
    pub merged_into: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
