use sea_orm::entity::prelude::*;

/// A remedy offered in a response. Money is integer minor units of `currency`, never floats.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remedies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub kind: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    /// `due`, `completed` or `declined`.
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub updated_at: DateTimeUtc,
    /// When it went out in a response; null while it is part of a proposal awaiting approval.
    pub issued_at: Option<DateTimeUtc>,
    pub settled_at: Option<DateTimeUtc>,
    pub settled_by: Option<String>,
    /// The external scheme (an ombudsman) that ordered it; null for the firm's own remedies.
    pub ordered_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
