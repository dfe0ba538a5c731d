use sea_orm::entity::prelude::*;

/// One event on its way to one subscription: `pending` until a 2xx answer (`delivered`) or
/// until its retry window closes (`failed`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub subscription_id: Uuid,
    pub event_type: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// The worker pass holding the delivery, until `lease_until`.
    pub lease_token: Option<Uuid>,
    pub lease_until: Option<DateTimeUtc>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    /// The delivery this one replays.
    pub replay_of: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
