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
    /// Set by regulation (a deadline or a window), not by the organisation.
    pub regulatory: bool,
    /// `deadline` (missing it is a breach), `target` (missing it is a missed target) or
    /// `window` (an option that lapses).
    pub kind: String,
    /// `running`, `paused`, `met`, `breached` (a deadline), `missed` (a target), `lapsed` (a
    /// window) or `stopped`.
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
    /// When a deadline was breached, a target missed or a window lapsed: the (extended) due
    /// instant that passed, whenever it was noticed.
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
    /// The due instant was computed past the holidays the calendar knows.
    pub beyond_calendar: bool,
    pub version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
