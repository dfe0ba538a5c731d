use sea_orm::entity::prelude::*;

/// An escalation raised on a complaint, e.g. when a regulatory deadline is breached.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    /// The complaint's team, for scoping lists.
    pub team_id: String,
    /// The timer that caused it, if one did.
    pub timer: Option<String>,
    /// 1 = team leader; higher levels reach further up.
    pub level: i16,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub raised_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
