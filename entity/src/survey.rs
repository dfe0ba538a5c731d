use sea_orm::entity::prelude::*;

/// A satisfaction survey sent after a response: the hash of its single-use link token, when it
/// expires or was replaced by a later invitation, and the complainant's answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    /// SHA-256 of the link token, hex; the token itself is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub expires_at: DateTimeUtc,
    pub superseded_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub outcome_score: Option<i16>,
    pub handling_score: Option<i16>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
