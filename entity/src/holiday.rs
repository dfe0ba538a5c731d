use sea_orm::entity::prelude::*;

/// One date of a holiday calendar. Inactive rows are dates an admin removed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "holidays")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub calendar: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub date: Date,
    pub active: bool,
    /// `seed` (from the jurisdiction's rules) or `admin`.
    pub source: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
