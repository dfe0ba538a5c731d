//! Complaints: intake, corrections, reads, lists, timers and the audit trail.

use super::*;
use crate::error::ApiError;
use crate::service::stored::{stored, stored_number, stored_opt};

/// Who complained and how to reach them.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewComplainant {
    /// Full name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub name: StrictString,
    /// Email address.
    #[oai(validator(
        max_length = 254,
        pattern = r"^[^@\t\n\r ]+@[^@\t\n\r ]+\.[^@\t\n\r ]+$"
    ))]
    pub email: NoNull<StrictString>,
    /// Phone number, digits with optional leading `+`, spaces, dots, dashes and brackets.
    #[oai(validator(max_length = 40, pattern = r"^\+?[0-9][0-9 ().\-]{3,38}[0-9]$"))]
    pub phone: NoNull<StrictString>,
    /// The organisation's own customer reference.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub customer_ref: NoNull<StrictString>,
}

/// Vulnerability to record with the complaint. Sensitive personal data: visible only to
/// those who can read the complaint, never logged, and summarised in the audit trail
/// without the notes.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct VulnerabilityInput {
    /// One or more drivers, each once.
    #[oai(validator(min_items = 1, max_items = 4, unique_items))]
    pub drivers: Vec<VulnerabilityDriver>,
    /// What the handler needs to know to support the customer.
    #[oai(validator(max_length = 2000))]
    pub notes: NoNull<StrictString>,
}

impl From<VulnerabilityInput> for DomainVulnerability {
    fn from(v: VulnerabilityInput) -> Self {
        DomainVulnerability {
            drivers: v.drivers.into_iter().map(Into::into).collect(),
            notes: v.notes.into_option().map(StrictString::into_inner),
        }
    }
}

/// A complaint to log.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewComplaint {
    /// Who complained; give at least one of `email`, `phone` or `customer_ref`.
    pub complainant: NewComplainant,
    /// How the complaint arrived.
    pub channel: Channel,
    /// The product or service complained about: a product of the catalogue with an active
    /// category (`GET /v1/categories`).
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub product: StrictString,
    /// What the complaint is about: an active category of the product in the catalogue.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub category: StrictString,
    /// The complaint in the complainant's terms, up to 100,000 characters (a long letter or
    /// a transcript).
    #[oai(validator(min_length = 1, max_length = 100000, pattern = r"[^\t\n\r ]"))]
    pub description: StrictString,
    /// What the complainant wants done, up to 100,000 characters.
    #[oai(validator(min_length = 1, max_length = 100000, pattern = r"[^\t\n\r ]"))]
    pub remedy_sought: StrictString,
    /// When the organisation received the complaint (defaults to now; not in the future).
    /// Regulatory deadlines run from this instant.
    pub received_at: NoNull<DateTime<Utc>>,
    /// Vulnerability, if the complainant disclosed any.
    pub vulnerability: NoNull<VulnerabilityInput>,
    /// Regulatory profile (defaults to the service's configured default).
    pub profile: NoNull<Profile>,
    /// Owning team. Agents and team leaders may leave it out (their own team is used);
    /// other callers must name it.
    #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
    pub team: NoNull<StrictString>,
}

/// An optional request string, as plain text.
pub(crate) fn text(s: NoNull<StrictString>) -> Option<String> {
    s.into_option().map(StrictString::into_inner)
}

impl From<NewComplaint> for domain::case::complaint::NewComplaint {
    fn from(n: NewComplaint) -> Self {
        let c = n.complainant;
        domain::case::complaint::NewComplaint {
            complainant: domain::case::complaint::Complainant {
                name: c.name.into_inner(),
                email: text(c.email),
                phone: text(c.phone),
                customer_ref: text(c.customer_ref),
            },
            channel: n.channel.into(),
            product: n.product.into_inner(),
            category: n.category.into_inner(),
            description: n.description.into_inner(),
            remedy_sought: n.remedy_sought.into_inner(),
            received_at: n.received_at.into_option(),
            vulnerability: n.vulnerability.into_option().map(Into::into),
            profile: n.profile.into_option().map(Into::into),
            team: text(n.team),
        }
    }
}

/// Corrections to a complainant's details; fields left out stay as they are.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ComplainantPatch {
    /// Full name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub name: NoNull<StrictString>,
    /// Email address.
    #[oai(validator(
        max_length = 254,
        pattern = r"^[^@\t\n\r ]+@[^@\t\n\r ]+\.[^@\t\n\r ]+$"
    ))]
    pub email: NoNull<StrictString>,
    /// Phone number.
    #[oai(validator(max_length = 40, pattern = r"^\+?[0-9][0-9 ().\-]{3,38}[0-9]$"))]
    pub phone: NoNull<StrictString>,
    /// The organisation's own customer reference.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub customer_ref: NoNull<StrictString>,
}

/// Corrections to a complaint's intake details; fields left out stay as they are. The
/// procedure state, team and profile are not changed here. A complaint in an end state
/// (closed, withdrawn, not a complaint, transferred) has been reported as it stands: a team
/// leader corrects it, giving a `reason`.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ComplaintPatch {
    /// Complainant details to correct.
    pub complainant: NoNull<ComplainantPatch>,
    /// Corrected channel.
    pub channel: NoNull<Channel>,
    /// Corrected product. A product or category that changes must make an active category
    /// of the catalogue with the other (a new product may need a new category too); a
    /// complaint left under a retired category keeps it.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub product: NoNull<StrictString>,
    /// Corrected category: an active category of the (corrected) product.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub category: NoNull<StrictString>,
    /// Corrected description, up to 100,000 characters.
    #[oai(validator(min_length = 1, max_length = 100000, pattern = r"[^\t\n\r ]"))]
    pub description: NoNull<StrictString>,
    /// Corrected remedy sought, up to 100,000 characters.
    #[oai(validator(min_length = 1, max_length = 100000, pattern = r"[^\t\n\r ]"))]
    pub remedy_sought: NoNull<StrictString>,
    /// Corrected receipt instant: not in the future, and not after anything recorded as
    /// following it (the acknowledgement, an escalation, a referral, any letter sent).
    pub received_at: NoNull<DateTime<Utc>>,
    /// Vulnerability, replacing what is recorded.
    pub vulnerability: NoNull<VulnerabilityInput>,
    /// Why the correction is made, recorded in the audit trail. Required on a complaint in an
    /// end state (422 naming `reason` without it).
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: NoNull<StrictString>,
}

impl From<ComplaintPatch> for domain::case::complaint::ComplaintPatch {
    fn from(p: ComplaintPatch) -> Self {
        let c = p.complainant.into_option();
        let (name, email, phone, customer_ref) = match c {
            Some(c) => (
                text(c.name),
                text(c.email),
                text(c.phone),
                text(c.customer_ref),
            ),
            None => (None, None, None, None),
        };
        domain::case::complaint::ComplaintPatch {
            complainant_name: name,
            complainant_email: email,
            complainant_phone: phone,
            customer_ref,
            channel: p.channel.into_option().map(Into::into),
            product: text(p.product),
            category: text(p.category),
            description: text(p.description),
            remedy_sought: text(p.remedy_sought),
            received_at: p.received_at.into_option(),
            vulnerability: p.vulnerability.into_option().map(Into::into),
            reason: text(p.reason),
        }
    }
}

/// Who complained and how to reach them.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Complainant {
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// The organisation's own customer reference.
    pub customer_ref: Option<String>,
}

/// A complaint's vulnerability details. Each answer that carries them is recorded in the
/// complaint's access log.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none, example)]
pub struct Vulnerability {
    /// The complaint.
    pub complaint_id: Uuid,
    /// Whether any vulnerability is recorded; when false the rest is empty and the read is
    /// not recorded.
    pub recorded: bool,
    /// Drivers recorded.
    pub drivers: Vec<VulnerabilityDriver>,
    /// Notes for handlers.
    pub notes: Option<String>,
}

impl Vulnerability {
    pub fn of(complaint_id: Uuid, v: Option<DomainVulnerability>) -> Self {
        Vulnerability {
            complaint_id,
            recorded: v.is_some(),
            drivers: v
                .as_ref()
                .map(|v| v.drivers.iter().copied().map(Into::into).collect())
                .unwrap_or_default(),
            notes: v.and_then(|v| v.notes),
        }
    }
}

/// One read of a complaint's vulnerability details.
#[derive(Object, Debug, Clone)]
pub struct VulnerabilityRead {
    /// When the details were read.
    pub read_at: DateTime<Utc>,
    /// Who read them (token subject).
    pub reader: String,
    /// The role they read them in.
    pub reader_role: String,
}

impl From<entity::audit_log::Model> for VulnerabilityRead {
    fn from(m: entity::audit_log::Model) -> Self {
        VulnerabilityRead {
            read_at: m.occurred_at,
            reader: m.actor_id,
            reader_role: m.actor_role,
        }
    }
}

/// A page of a complaint's vulnerability reads, newest first.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none, example)]
pub struct VulnerabilityReadPage {
    /// The reads on this page.
    pub items: Vec<VulnerabilityRead>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A complaint.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none, example)]
pub struct Complaint {
    /// Identifier.
    pub id: Uuid,
    /// Human reference, e.g. `CMP-2026-000123`: unique and never reused.
    pub reference: String,
    /// Procedure state.
    pub state: ComplaintState,
    /// Procedure stage: 1, or 2 after escalation.
    pub stage: i32,
    /// Regulatory profile.
    pub profile: Profile,
    /// Owning team.
    pub team: String,
    /// Who logged it (token subject).
    pub created_by: String,
    /// Handler currently assigned (token subject).
    pub assignee: Option<String>,
    /// Who complained.
    pub complainant: Complainant,
    /// How it arrived.
    pub channel: Channel,
    /// Product or service complained about.
    pub product: String,
    /// Complaint category.
    pub category: String,
    /// The complaint in the complainant's terms.
    pub description: String,
    /// What the complainant wants done.
    pub remedy_sought: String,
    /// When it was received; regulatory deadlines run from here.
    pub received_at: DateTime<Utc>,
    /// Whether any vulnerability is recorded. The details are special-category data: they are
    /// read with `GET /v1/complaints/{id}/vulnerability` by the roles that need them, and every
    /// such read is recorded.
    pub vulnerable: bool,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency; the ETag is this number in quotes.
    pub version: i64,
    /// The finding, once a response has gone out.
    pub outcome: Option<Outcome>,
    /// Primary root cause (`L1.L2`), as given.
    pub primary_cause: Option<String>,
    /// When it was acknowledged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When its latest response (a stage's, the final one or a summary resolution) was sent.
    pub responded_at: Option<DateTime<Utc>>,
    /// Who sent that response (token subject): the handler the people report credits.
    pub responded_by: Option<String>,
    /// When it was escalated to stage 2: the receipt of the complainant's request, as
    /// `escalation_received_at`.
    pub escalated_at: Option<DateTime<Utc>>,
    /// When it reached an end state (closed, withdrawn, not a complaint, transferred); absent
    /// while it is open, and cleared when it is reopened or referred after closing.
    pub closed_at: Option<DateTime<Utc>>,
    /// The response goes out with root-cause analysis still to do.
    pub rca_pending: bool,
    /// A team leader approved the response now pending.
    pub approved: bool,
    /// Who handled stage 1 (stage 2 needs someone else).
    pub stage1_handler: Option<String>,
    /// When the complainant asked for stage 2.
    pub escalation_received_at: Option<DateTime<Utc>>,
    /// The referral to an ombudsman or scheme, once made.
    pub referral: Option<Referral>,
    /// The organisation the complaint was transferred to.
    pub transferred_to: Option<String>,
    /// Where an imported complaint came from (`POST /v1/imports/complaints`); absent for one
    /// logged here.
    pub imported: Option<ImportedFrom>,
    /// In lists: the earliest due instant of its running timers.
    pub next_due_at: Option<DateTime<Utc>>,
    /// In lists, while it is open and overdue: the earliest due instant of its deadlines and
    /// targets that passed (breached, missed, or running past due).
    pub overdue_since: Option<DateTime<Utc>>,
    /// The complaint's timers, on single-complaint reads (absent in lists).
    pub timers: Option<Vec<Timer>>,
}

mirror!(
    /// Where a timer stands.
    TimerState <=> domain::deadlines::TimerState {
        /// Counting down.
        Running,
        /// An internal target on hold while the case awaits information.
        Paused,
        /// Satisfied in time.
        Met,
        /// A deadline that passed first: a breach.
        Breached,
        /// An internal target that passed first: a missed target, not a breach.
        Missed,
        /// A window that closed unused: the route it allowed is no longer open; nothing was
        /// breached.
        Lapsed,
        /// No longer relevant (the case ended another way).
        Stopped,
    }
);

mirror!(
    /// What kind of limit a timer is, which decides what passing it means.
    TimerKind <=> domain::deadlines::TimerKind {
        /// Set by a rule: passing it is a breach, escalated and counted as one.
        Deadline,
        /// Set by the organisation: passing it is a missed target, counted apart.
        Target,
        /// An option a rule allows until a limit (summary resolution): it lapses, and nothing
        /// is breached.
        Window,
    }
);

/// An instant as the clock on the wall reads it where the profile's deadlines are computed:
/// a deadline at the end of a day in New York is on that day there, and on the next in UTC.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
pub struct LocalInstant {
    /// The local date.
    pub date: chrono::NaiveDate,
    /// The local time of day.
    pub time: chrono::NaiveTime,
    /// The IANA time zone, e.g. `America/New_York`.
    pub time_zone: String,
}

impl LocalInstant {
    /// `at` in `tz`.
    pub fn of(at: DateTime<Utc>, tz: chrono_tz::Tz) -> LocalInstant {
        let local = at.with_timezone(&tz);
        LocalInstant {
            date: local.date_naive(),
            time: local.time(),
            time_zone: tz.name().to_owned(),
        }
    }
}

/// An extension of a timer: the promised date moves, the regulatory deadline does not.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerExtension {
    /// The promised date.
    pub due_at: DateTime<Utc>,
    /// The promised date in the profile's time zone.
    pub due_local: LocalInstant,
    /// Why.
    pub reason: Option<String>,
    /// When the complainant was told.
    pub notice_sent_at: Option<DateTime<Utc>>,
}

/// A regulatory deadline or internal target on a complaint.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Timer {
    /// The profile's timer name, e.g. `final_response`.
    pub name: String,
    /// The stage it belongs to, when stage-specific.
    pub stage: Option<i32>,
    /// Set by regulation (a deadline or a window; never paused) rather than an internal target.
    pub regulatory: bool,
    /// A deadline, an internal target or an optional window.
    pub kind: TimerKind,
    /// Where it stands.
    pub state: TimerState,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The deadline.
    pub due_at: DateTime<Utc>,
    /// The deadline in the profile's time zone, where its days are counted.
    pub due_local: LocalInstant,
    /// When it warns.
    pub warn_at: Vec<DateTime<Utc>>,
    /// When it was met.
    pub met_at: Option<DateTime<Utc>>,
    /// When it was breached, missed or lapsed: the (extended) due instant that passed.
    pub breached_at: Option<DateTime<Utc>>,
    /// The latest an extension may promise, where the profile caps extensions.
    pub extension_cap: Option<DateTime<Utc>>,
    /// The extension granted, if any.
    pub extension: Option<TimerExtension>,
    /// Since when it has been paused.
    pub paused_at: Option<DateTime<Utc>>,
    /// Counted in business days into a year past the calendar's known one-off holidays: a
    /// holiday proclaimed later could move the deadline.
    pub beyond_calendar: bool,
}

impl TimerState {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            TimerState::Running => "running",
            TimerState::Paused => "paused",
            TimerState::Met => "met",
            TimerState::Breached => "breached",
            TimerState::Missed => "missed",
            TimerState::Lapsed => "lapsed",
            TimerState::Stopped => "stopped",
        }
    }
}

impl Timer {
    /// A stored timer, its due instants also shown in `tz`, the profile's time zone.
    pub fn of(t: entity::complaint_timer::Model, tz: chrono_tz::Tz) -> Result<Self, ApiError> {
        let state: domain::deadlines::TimerState = stored("complaint_timers.state", &t.state)?;
        let kind: domain::deadlines::TimerKind = stored("complaint_timers.kind", &t.kind)?;
        let stage: Option<domain::case::complaint::Stage> = t
            .stage
            .map(|s| stored_number("complaint_timers.stage", s.into()))
            .transpose()?;
        Ok(Timer {
            name: t.name,
            stage: stage.map(|s| i32::from(s.number())),
            regulatory: t.regulatory,
            kind: kind.into(),
            state: state.into(),
            started_at: t.started_at,
            due_at: t.due_at,
            due_local: LocalInstant::of(t.due_at, tz),
            warn_at: crate::service::cases::timers::warn_instants(&t.warn_at),
            met_at: t.met_at,
            breached_at: t.breached_at,
            extension_cap: t.extension_cap_at,
            extension: t.extended_due_at.map(|due_at| TimerExtension {
                due_at,
                due_local: LocalInstant::of(due_at, tz),
                reason: t.extension_reason,
                notice_sent_at: t.extension_notice_at,
            }),
            paused_at: t.paused_at,
            beyond_calendar: t.beyond_calendar,
        })
    }
}

impl TryFrom<entity::complaint::Model> for Complaint {
    type Error = ApiError;

    fn try_from(m: entity::complaint::Model) -> Result<Self, ApiError> {
        use domain::case::complaint as d;
        use domain::case::records as r;
        let stage: d::Stage = stored_number("complaints.stage", m.stage.into())?;
        let referral = match m.referred_at {
            Some(referred_at) => Some(Referral {
                scheme: stored_opt::<r::ReferralScheme>(
                    "complaints.referral_scheme",
                    m.referral_scheme.as_deref(),
                )?
                .ok_or_else(|| {
                    ApiError::internal("complaints.referral_scheme is null on a referral")
                })?
                .into(),
                reference: m.referral_reference,
                referred_at,
                decision: stored_opt::<r::ReferralDecision>(
                    "complaints.referral_outcome",
                    m.referral_outcome.as_deref(),
                )?
                .map(Into::into),
                decided_at: m.referral_outcome_at,
            }),
            None => None,
        };
        Ok(Complaint {
            id: m.id,
            reference: m.reference,
            state: stored::<d::State>("complaints.state", &m.state)?.into(),
            stage: stage.number().into(),
            profile: stored::<d::Profile>("complaints.profile", &m.profile)?.into(),
            team: m.team_id,
            created_by: m.created_by,
            assignee: m.assignee_id,
            complainant: Complainant {
                name: m.complainant_name,
                email: m.complainant_email,
                phone: m.complainant_phone,
                customer_ref: m.customer_ref,
            },
            channel: stored::<d::Channel>("complaints.channel", &m.channel)?.into(),
            product: m.product,
            category: m.category,
            description: m.description,
            remedy_sought: m.remedy_sought,
            received_at: m.received_at,
            vulnerable: m.vulnerable,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
            outcome: crate::service::stored::stored_opt::<domain::case::procedure::Outcome>(
                "complaints.outcome",
                m.outcome.as_deref(),
            )?
            .map(Into::into),
            primary_cause: m.primary_cause,
            acknowledged_at: m.acknowledged_at,
            responded_at: m.responded_at,
            responded_by: m.responded_by,
            escalated_at: m.escalated_at,
            closed_at: m.closed_at,
            rca_pending: m.rca_pending,
            approved: m.approved,
            stage1_handler: m.stage1_handler,
            escalation_received_at: m.escalation_received_at,
            referral,
            transferred_to: m.transferred_to,
            imported: match (m.source_system, m.source_id, m.imported_at) {
                (Some(system), Some(id), Some(at)) => Some(ImportedFrom {
                    system,
                    id,
                    imported_at: at,
                }),
                _ => None,
            },
            next_due_at: None,
            overdue_since: None,
            timers: None,
        })
    }
}

/// The system an imported complaint was handled in before Recourse.
#[derive(Object, Debug, Clone)]
pub struct ImportedFrom {
    /// The source system.
    pub system: String,
    /// The complaint's id there.
    pub id: String,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
}

/// The order of a complaint list.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ComplaintSort {
    /// Newest received first.
    Newest,
    /// A work queue of every open complaint: the overdue first (most overdue first), then by
    /// next due instant, those with no timer last.
    NextDue,
}

/// A page of complaints.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct ComplaintPage {
    /// Complaints, newest received first.
    pub items: Vec<Complaint>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One audit event. Events are append-only and hash-chained per complaint.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ComplaintEvent {
    /// Identifier.
    pub id: Uuid,
    /// Position in the complaint's chain, from 1.
    pub seq: i64,
    /// What happened, e.g. `complaint.created`, `complaint.updated`.
    pub kind: String,
    /// Who did it (token subject).
    pub actor: String,
    /// The role they acted in (`agent`, `team_leader`, ...), or `system` for the service's
    /// own jobs such as the deadline sweeper.
    pub actor_role: String,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Before/after summary of the change.
    pub data: serde_json::Value,
    /// Hash of the previous event (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this event's content and `prev_hash`.
    pub hash: String,
}

impl From<entity::complaint_event::Model> for ComplaintEvent {
    fn from(e: entity::complaint_event::Model) -> Self {
        ComplaintEvent {
            id: e.id,
            seq: e.seq,
            kind: e.kind,
            actor: e.actor_id,
            actor_role: e.actor_role,
            occurred_at: e.occurred_at,
            data: e.data,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

/// A page of audit events.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct EventPage {
    /// Events in chain order.
    pub items: Vec<ComplaintEvent>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The result of recomputing a complaint's audit chain.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct ChainVerification {
    /// The complaint.
    pub complaint_id: Uuid,
    /// True when every event matches its hash, follows its predecessor, and the chain ends
    /// at the head the complaint records.
    pub intact: bool,
    /// Events checked before the first problem (all of them when intact).
    pub events_checked: i64,
    /// The chain head recorded on the complaint.
    pub head_hash: String,
    /// The first position where the chain does not hold.
    pub first_broken_seq: Option<i64>,
    /// What does not hold there.
    pub reason: Option<String>,
}
