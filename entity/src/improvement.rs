use sea_orm::entity::prelude::*;

/// An improvement item on the continuous-improvement backlog (PDCA).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "improvements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub description: Option<String>,
    pub state: String,
    /// The state it was put on hold from.
    pub held_from: Option<String>,
    /// `rule` or `manual`.
    pub source: String,
    /// The recurrence rule that opened it.
    pub rule: Option<String>,
    /// Cause x product the rules keep it under.
    pub rule_key: Option<String>,
    /// `rule_key` while the item is open, null once it is finished: unique, so a key has at
    /// most one open item.
    pub open_key: Option<String>,
    pub cause: Option<String>,
    pub product: Option<String>,
    pub priority: Option<String>,
    pub owner: Option<String>,
    /// The plan (problem statement, others affected, baseline, target, measurement window).
    pub plan: Option<Json>,
    pub went_live_at: Option<DateTimeUtc>,
    pub change_reference: Option<String>,
    /// Every number behind the last check.
    pub check_result: Option<Json>,
    pub verdict: Option<String>,
    pub standardisation: Option<Json>,
    pub merged_into: Option<Uuid>,
    pub iteration: i32,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
