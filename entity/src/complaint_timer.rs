use sea_orm::entity::prelude::*;

/// One timer of a complaint: a regulatory deadline or an internal target.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_timers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub complaint_id: Uuid,
    /// The profile's timer name, e.g. `final_response`.
    pub name: String,
    pub stage: Option<i16>,
    pub regulatory: bool,
    /// `running`, `paused`, `met`, `breached` or `stopped`.
    pub state: String,
    pub started_at: DateTimeUtc,
    /// The deadline as the rules set it; an extension never moves it (a pause of an internal
    /// target moves it on by the pause).
    pub due_at: DateTimeUtc,
    /// Warning instants (JSON array of RFC 3339 strings).
    pub warn_at: Json,
    /// How many of the warnings have been raised.
    pub warnings_raised: i16,
    /// When the sweeper next needs to look at it; null once it is no longer running.
    pub next_check_at: Option<DateTimeUtc>,
    pub met_at: Option<DateTimeUtc>,
    pub breached_at: Option<DateTimeUtc>,
    /// The promised date after an extension.
    pub extended_due_at: Option<DateTimeUtc>,
    /// The latest an extension may promise, where the profile caps it.
    pub extension_cap_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub extension_reason: Option<String>,
    pub extension_notice_at: Option<DateTimeUtc>,
    /// Since when an internal target has been paused (the case awaits information).
    pub paused_at: Option<DateTimeUtc>,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
