use sea_orm::entity::prelude::*;

/// A communication sent to the complainant (acknowledgement, final response, ...).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "communications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub kind: String,
    pub channel: String,
    pub sent_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub summary: Option<String>,
    pub actor_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
