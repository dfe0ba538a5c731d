use sea_orm::entity::prelude::*;

/// A complaint as logged and corrected; the procedure's state lives here too.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Human reference such as `CMP-2026-000123`; unique and never reused.
    #[sea_orm(unique)]
    pub reference: String,
    pub team_id: String,
    /// `sub` of whoever logged it.
    pub created_by: String,
    pub assignee_id: Option<String>,
    pub state: String,
    pub stage: i16,
    pub profile: String,
    pub channel: String,
    pub product: String,
    pub category: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "Text")]
    pub remedy_sought: String,
    pub complainant_name: String,
    pub complainant_email: Option<String>,
    pub complainant_phone: Option<String>,
    pub customer_ref: Option<String>,
    /// True when any vulnerability driver is recorded; kept as a column for reporting.
    pub vulnerable: bool,
    /// `{drivers: [...], notes?}`: sensitive personal data.
    pub vulnerability: Option<Json>,
    pub received_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Optimistic-concurrency version; the ETag is derived from it.
    pub version: i64,
    /// Number of audit events, i.e. the sequence number of the newest one.
    pub event_count: i64,
    /// Hash of the newest audit event: the head of the chain.
    pub last_event_hash: String,
    /// `upheld`, `partially_upheld`, `not_upheld` or `resolved`, once decided.
    pub outcome: Option<String>,
    /// Primary root-cause code (`L1.L2`), as given.
    pub primary_cause: Option<String>,
    /// Responded with root-cause analysis still to do.
    pub rca_pending: bool,
    /// Who handled stage 1 (set when the stage-1 response goes out).
    pub stage1_handler: Option<String>,
    /// A team leader approved the response now pending.
    pub approved: bool,
    pub acknowledged_at: Option<DateTimeUtc>,
    /// When the latest response (a stage's, the final one or a summary resolution) was sent.
    pub responded_at: Option<DateTimeUtc>,
    /// Who sent it: the handler the people report credits.
    pub responded_by: Option<String>,
    /// When the case was escalated to stage 2 (the escalation request's receipt).
    pub escalated_at: Option<DateTimeUtc>,
    /// When the case reached an end state (closed, withdrawn, out of scope, transferred).
    pub closed_at: Option<DateTimeUtc>,
    pub escalation_received_at: Option<DateTimeUtc>,
    pub escalation_acknowledged_at: Option<DateTimeUtc>,
    /// The ombudsman or external scheme the complaint was referred to.
    pub referral_scheme: Option<String>,
    pub referral_reference: Option<String>,
    pub referred_at: Option<DateTimeUtc>,
    /// The scheme's decision: `upheld`, `partially_upheld`, `not_upheld`, `settled`, `withdrawn`.
    pub referral_outcome: Option<String>,
    pub referral_outcome_at: Option<DateTimeUtc>,
    /// The organisation the complaint was transferred to.
    pub transferred_to: Option<String>,
    /// The system an imported complaint was handled in before Recourse; `None` if logged here.
    pub source_system: Option<String>,
    /// The complaint's id in `source_system`.
    pub source_id: Option<String>,
    /// When the complaint was imported.
    pub imported_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
