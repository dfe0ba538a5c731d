use sea_orm::entity::prelude::*;

/// An analyst's classification of a complaint's root cause.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "classifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub complaint_id: Uuid,
    pub primary_cause: String,
    /// Contributing cause codes (JSON array of strings).
    pub contributing: Json,
    /// The five-whys chain (JSON array of `{why, because}`).
    pub five_whys: Json,
    pub potentially_systemic: bool,
    pub vulnerability_relevant: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub lessons: Option<String>,
    pub classified_by: String,
    pub classified_at: DateTimeUtc,
    /// The taxonomy version the codes were checked against.
    pub taxonomy_version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
