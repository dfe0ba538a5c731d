use sea_orm::entity::prelude::*;

/// An integration event, written in the transaction of the change it describes. Its id is the
/// `webhook-id` every delivery of it carries.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_type: String,
    pub occurred_at: DateTimeUtc,
    /// The body posted to subscribers.
    pub payload: Json,
    /// The dispatcher pass that fanned the event out to subscriptions.
    pub dispatch_token: Option<Uuid>,
    pub dispatched_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
