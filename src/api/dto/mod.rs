//! The API's request and response types. They become the published schema, so every field
//! is documented; responses leave absent fields out rather than sending `null`.

pub mod mi;
pub mod rca;
pub mod webhooks;

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use crate::api::kit::strict::{NoNull, StrictString};
use crate::domain::{self, case::complaint::Vulnerability as DomainVulnerability};

/// Declares an API enum that mirrors a domain vocabulary, with conversions both ways.
macro_rules! mirror {
    ($(#[$meta:meta])* $name:ident <=> $domain:path { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[oai(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl From<$name> for $domain {
            fn from(v: $name) -> Self {
                match v { $($name::$variant => <$domain>::$variant),+ }
            }
        }

        impl From<$domain> for $name {
            fn from(v: $domain) -> Self {
                match v { $(<$domain>::$variant => $name::$variant),+ }
            }
        }
    };
}

mirror!(
    /// How the complaint reached the organisation.
    Channel <=> domain::case::complaint::Channel { Phone, Email, Web, Letter, Social, InPerson }
);

mirror!(
    /// Regulatory profile whose deadlines govern the complaint.
    Profile <=> domain::case::complaint::Profile {
        FcaDisp,
        FcaPsd,
        Spso,
        HousingOmbudsman,
        #[oai(rename = "asic_rg271")]
        AsicRg271,
        Cfpb,
        /// The organisation's own targets, set by an admin; no regulator's clock.
        Internal,
    }
);

mirror!(
    /// Where the complaint stands in the formal procedure.
    ComplaintState <=> domain::case::complaint::State {
        Received,
        Acknowledged,
        Investigating,
        AwaitingInformation,
        PendingApproval,
        Responded,
        Escalated,
        Referred,
        Closed,
        Withdrawn,
        NotAComplaint,
        Transferred,
    }
);

mirror!(
    /// A driver of customer vulnerability (FCA FG21/1).
    VulnerabilityDriver <=> domain::case::complaint::VulnerabilityDriver { Health, LifeEvents, Resilience, Capability }
);

mirror!(
    /// A role carried in the token's `roles` claim.
    Role <=> domain::access::rbac::Role { Agent, TeamLeader, Analyst, Admin, Auditor, Integrator }
);

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
#[oai(deny_unknown_fields)]
pub struct NewComplaint {
    /// Who complained; give at least one of `email`, `phone` or `customer_ref`.
    pub complainant: NewComplainant,
    /// How the complaint arrived.
    pub channel: Channel,
    /// The product or service complained about.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub product: StrictString,
    /// What the complaint is about (the organisation's category list for the product).
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub category: StrictString,
    /// The complaint in the complainant's terms.
    #[oai(validator(min_length = 1, max_length = 20000, pattern = r"[^\t\n\r ]"))]
    pub description: StrictString,
    /// What the complainant wants done.
    #[oai(validator(min_length = 1, max_length = 5000, pattern = r"[^\t\n\r ]"))]
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
/// procedure state, team and profile are not changed here.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ComplaintPatch {
    /// Complainant details to correct.
    pub complainant: NoNull<ComplainantPatch>,
    /// Corrected channel.
    pub channel: NoNull<Channel>,
    /// Corrected product.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub product: NoNull<StrictString>,
    /// Corrected category.
    #[oai(validator(min_length = 1, max_length = 100, pattern = r"[^\t\n\r ]"))]
    pub category: NoNull<StrictString>,
    /// Corrected description.
    #[oai(validator(min_length = 1, max_length = 20000, pattern = r"[^\t\n\r ]"))]
    pub description: NoNull<StrictString>,
    /// Corrected remedy sought.
    #[oai(validator(min_length = 1, max_length = 5000, pattern = r"[^\t\n\r ]"))]
    pub remedy_sought: NoNull<StrictString>,
    /// Corrected receipt instant: not in the future, and not after anything recorded as
    /// following it (the acknowledgement, an escalation, a referral, any letter sent).
    pub received_at: NoNull<DateTime<Utc>>,
    /// Vulnerability, replacing what is recorded.
    pub vulnerability: NoNull<VulnerabilityInput>,
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
#[oai(skip_serializing_if_is_none)]
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
#[oai(skip_serializing_if_is_none)]
pub struct VulnerabilityReadPage {
    /// The reads on this page.
    pub items: Vec<VulnerabilityRead>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A complaint.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
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
    /// In lists: the earliest due instant of its running timers.
    pub next_due_at: Option<DateTime<Utc>>,
    /// The complaint's timers, on single-complaint reads (absent in lists).
    pub timers: Option<Vec<Timer>>,
}

/// Where a timer stands.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum TimerState {
    /// Counting down.
    Running,
    /// An internal target on hold while the case awaits information.
    Paused,
    /// Satisfied in time.
    Met,
    /// Its deadline passed first.
    Breached,
    /// No longer relevant (the case ended another way).
    Stopped,
}

/// An extension of a timer: the promised date moves, the regulatory deadline does not.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerExtension {
    /// The promised date.
    pub due_at: DateTime<Utc>,
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
    /// Set by regulation (never paused) rather than an internal target.
    pub regulatory: bool,
    /// Where it stands.
    pub state: TimerState,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The deadline.
    pub due_at: DateTime<Utc>,
    /// When it warns.
    pub warn_at: Vec<DateTime<Utc>>,
    /// When it was met.
    pub met_at: Option<DateTime<Utc>>,
    /// When it was breached.
    pub breached_at: Option<DateTime<Utc>>,
    /// The latest an extension may promise, where the profile caps extensions.
    pub extension_cap: Option<DateTime<Utc>>,
    /// The extension granted, if any.
    pub extension: Option<TimerExtension>,
    /// Since when it has been paused.
    pub paused_at: Option<DateTime<Utc>>,
}

impl TimerState {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            TimerState::Running => "running",
            TimerState::Paused => "paused",
            TimerState::Met => "met",
            TimerState::Breached => "breached",
            TimerState::Stopped => "stopped",
        }
    }
}

impl From<entity::complaint_timer::Model> for Timer {
    fn from(t: entity::complaint_timer::Model) -> Self {
        let state = match t.state.as_str() {
            "paused" => TimerState::Paused,
            "met" => TimerState::Met,
            "breached" => TimerState::Breached,
            "stopped" => TimerState::Stopped,
            _ => TimerState::Running,
        };
        Timer {
            name: t.name,
            stage: t.stage.map(i32::from),
            regulatory: t.regulatory,
            state,
            started_at: t.started_at,
            due_at: t.due_at,
            warn_at: crate::service::cases::timers::warn_instants(&t.warn_at),
            met_at: t.met_at,
            breached_at: t.breached_at,
            extension_cap: t.extension_cap_at,
            extension: t.extended_due_at.map(|due_at| TimerExtension {
                due_at,
                reason: t.extension_reason,
                notice_sent_at: t.extension_notice_at,
            }),
            paused_at: t.paused_at,
        }
    }
}

impl From<entity::complaint::Model> for Complaint {
    fn from(m: entity::complaint::Model) -> Self {
        use domain::case::complaint as d;
        Complaint {
            id: m.id,
            reference: m.reference,
            state: d::State::parse(&m.state)
                .unwrap_or(d::State::Received)
                .into(),
            stage: m.stage.into(),
            profile: d::Profile::parse(&m.profile)
                .unwrap_or(d::Profile::FcaDisp)
                .into(),
            team: m.team_id,
            created_by: m.created_by,
            assignee: m.assignee_id,
            complainant: Complainant {
                name: m.complainant_name,
                email: m.complainant_email,
                phone: m.complainant_phone,
                customer_ref: m.customer_ref,
            },
            channel: d::Channel::parse(&m.channel)
                .unwrap_or(d::Channel::Phone)
                .into(),
            product: m.product,
            category: m.category,
            description: m.description,
            remedy_sought: m.remedy_sought,
            received_at: m.received_at,
            vulnerable: m.vulnerable,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
            outcome: m
                .outcome
                .as_deref()
                .and_then(domain::case::procedure::Outcome::parse)
                .map(Into::into),
            primary_cause: m.primary_cause,
            acknowledged_at: m.acknowledged_at,
            rca_pending: m.rca_pending,
            approved: m.approved,
            stage1_handler: m.stage1_handler,
            escalation_received_at: m.escalation_received_at,
            referral: m.referred_at.map(|referred_at| Referral {
                scheme: m
                    .referral_scheme
                    .as_deref()
                    .and_then(wire)
                    .unwrap_or(ReferralScheme::Other),
                reference: m.referral_reference,
                referred_at,
                decision: m.referral_outcome.as_deref().and_then(wire),
                decided_at: m.referral_outcome_at,
            }),
            transferred_to: m.transferred_to,
            next_due_at: None,
            timers: None,
        }
    }
}

/// The order of a complaint list.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ComplaintSort {
    /// Newest received first.
    Newest,
    /// Complaints with a running timer, the one due soonest first (a work queue).
    NextDue,
}

/// A page of complaints.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
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
#[oai(skip_serializing_if_is_none)]
pub struct EventPage {
    /// Events in chain order.
    pub items: Vec<ComplaintEvent>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The result of recomputing a complaint's audit chain.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
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

/// A team to create.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewTeam {
    /// Key as carried in tokens' `team` claim: lower-case letters, digits, `_`, `-`.
    #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
    pub id: StrictString,
    /// Display name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub name: StrictString,
}

/// A team.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Team {
    /// Key, as carried in tokens' `team` claim.
    pub id: String,
    /// Display name.
    pub name: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Version for optimistic concurrency.
    pub version: i64,
}

impl From<entity::team::Model> for Team {
    fn from(t: entity::team::Model) -> Self {
        Team {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            version: t.version,
        }
    }
}

/// A page of teams.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct TeamPage {
    /// Teams in key order.
    pub items: Vec<Team>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The caller, as its token describes it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Me {
    /// Token subject.
    pub sub: String,
    /// Display name.
    pub name: String,
    /// Recognised roles.
    pub roles: Vec<Role>,
    /// Team, for agents and team leaders.
    pub team: Option<String>,
    /// What the roles allow.
    pub permissions: Vec<String>,
}

/// Liveness or readiness.
#[derive(Object, Debug)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

mirror!(
    /// A holiday calendar: its business days and time zone govern a profile's deadlines.
    CalendarId <=> domain::deadlines::holidays::CalendarId {
        #[oai(rename = "uk-england-wales")]
        EnglandWales,
        #[oai(rename = "uk-scotland")]
        Scotland,
        #[oai(rename = "uk-northern-ireland")]
        NorthernIreland,
        #[oai(rename = "au-nsw")]
        NewSouthWales,
        #[oai(rename = "us-federal")]
        UsFederal,
    }
);

mirror!(
    /// The event whose instant starts a timer.
    StartEvent <=> domain::deadlines::StartEvent { Received, Acknowledged, EscalationReceived, EscalationAcknowledged, Reopened }
);

/// The unit a timer is counted in.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SpanUnit {
    CalendarDays,
    BusinessDays,
    Weeks,
    Hours,
}

/// A length of time in one unit.
#[derive(Object, Debug, Clone)]
pub struct Span {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: SpanUnit,
}

impl From<domain::deadlines::Span> for Span {
    fn from(s: domain::deadlines::Span) -> Self {
        use domain::deadlines::Span as S;
        let (amount, unit) = match s {
            S::CalendarDays(n) => (n, SpanUnit::CalendarDays),
            S::BusinessDays(n) => (n, SpanUnit::BusinessDays),
            S::Weeks(n) => (n, SpanUnit::Weeks),
            S::Hours(n) => (n, SpanUnit::Hours),
        };
        Span { amount, unit }
    }
}

/// When, on the last day, a timer falls due.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DueRule {
    /// The end of the last day, local time.
    EndOfDay,
    /// Close of business on the last day, local time.
    CloseOfBusiness,
}

/// How a timer may be extended.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ExtensionRule {
    /// The latest an extended deadline may be, from the timer's start; absent when the new
    /// date is agreed with the complainant instead.
    pub cap: Option<Span>,
    /// A notice must be sent before the original deadline.
    pub notice_required: bool,
}

/// One timer of a profile.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerRule {
    /// Timer name, e.g. `final_response`.
    pub name: String,
    /// The stage it belongs to, when stage-specific.
    pub stage: Option<i32>,
    /// What starts it.
    pub starts_on: StartEvent,
    /// How long it runs.
    pub span: Span,
    /// When on the last day it falls due.
    pub due: DueRule,
    /// Set by regulation rather than an internal target.
    pub regulatory: bool,
    /// Whether it pauses while awaiting information (never, for regulatory timers).
    pub pausable: bool,
    /// Fractions of its running time at which it warns.
    pub warn_fractions: Vec<f64>,
    /// How it may be extended, if at all.
    pub extension: Option<ExtensionRule>,
}

impl From<domain::deadlines::TimerRule> for TimerRule {
    fn from(r: domain::deadlines::TimerRule) -> Self {
        TimerRule {
            name: r.name.to_owned(),
            stage: r.stage.map(i32::from),
            starts_on: r.starts_on.into(),
            span: r.span.into(),
            due: match r.due {
                domain::deadlines::DueAt::EndOfDay => DueRule::EndOfDay,
                domain::deadlines::DueAt::CloseOfBusiness => DueRule::CloseOfBusiness,
            },
            regulatory: r.regulatory,
            pausable: r.pausable,
            warn_fractions: domain::deadlines::WARN_FRACTIONS.to_vec(),
            extension: r.extension.map(|e| ExtensionRule {
                cap: e.cap.map(Into::into),
                notice_required: e.notice_required,
            }),
        }
    }
}

/// A regulatory profile: its stages, calendar and timers.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ProfileInfo {
    /// Profile id.
    pub profile: Profile,
    /// How many stages the procedure has.
    pub max_stages: i32,
    /// Holiday calendar for business days.
    pub calendar: CalendarId,
    /// IANA time zone days are counted in.
    pub time_zone: String,
    /// Whether receipt after close of business (or on a non-business day) counts as receipt on
    /// the next business day for business-day timers.
    pub after_hours_rollover: bool,
    /// Close of business, local time (`HH:MM`).
    pub close_of_business: String,
    /// The timer bounding summary resolution, where the profile has one.
    pub summary_window: Option<String>,
    /// The timers.
    pub timers: Vec<TimerRule>,
}

impl From<domain::deadlines::ProfileRules> for ProfileInfo {
    fn from(r: domain::deadlines::ProfileRules) -> Self {
        ProfileInfo {
            profile: r.profile.into(),
            max_stages: r.max_stages.into(),
            calendar: r.calendar.into(),
            time_zone: r.calendar.time_zone().to_owned(),
            after_hours_rollover: r.after_hours_rollover,
            close_of_business: r.close_of_business.format("%H:%M").to_string(),
            summary_window: r.summary_window.map(str::to_owned),
            timers: r.timers.into_iter().map(Into::into).collect(),
        }
    }
}

/// The profiles.
#[derive(Object, Debug)]
pub struct ProfileList {
    /// Every profile (a short, fixed list: no pages).
    pub items: Vec<ProfileInfo>,
}

/// One timer's computed schedule.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerPreview {
    /// Timer name.
    pub name: String,
    /// The stage it belongs to, when stage-specific.
    pub stage: Option<i32>,
    /// What started it.
    pub starts_on: StartEvent,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it falls due.
    pub due_at: DateTime<Utc>,
    /// When it warns.
    pub warn_at: Vec<DateTime<Utc>>,
    /// The latest an extension may move it to, where the profile caps extensions.
    pub extension_cap: Option<DateTime<Utc>>,
    /// Set by regulation rather than an internal target.
    pub regulatory: bool,
}

impl From<domain::deadlines::Schedule> for TimerPreview {
    fn from(s: domain::deadlines::Schedule) -> Self {
        TimerPreview {
            name: s.rule.name.to_owned(),
            stage: s.rule.stage.map(i32::from),
            starts_on: s.rule.starts_on.into(),
            started_at: s.started_at,
            due_at: s.due_at,
            warn_at: s.warn_at,
            extension_cap: s.extension_cap,
            regulatory: s.rule.regulatory,
        }
    }
}

/// Every timer a case of this profile would get, for the given starting instants.
#[derive(Object, Debug)]
pub struct DeadlinePreview {
    /// The profile.
    pub profile: Profile,
    /// The calendar used.
    pub calendar: CalendarId,
    /// The time zone days are counted in.
    pub time_zone: String,
    /// Timers whose starting event was given, in the profile's order.
    pub timers: Vec<TimerPreview>,
}

/// A date of a holiday calendar.
#[derive(Object, Debug)]
pub struct Holiday {
    /// The calendar.
    pub calendar: CalendarId,
    /// The date.
    pub date: crate::api::kit::strict::IsoDate,
    /// False for a date an admin removed.
    pub active: bool,
    /// `seed` (from the jurisdiction's rules) or `admin`.
    pub source: String,
}

impl From<entity::holiday::Model> for Holiday {
    fn from(h: entity::holiday::Model) -> Self {
        Holiday {
            calendar: domain::deadlines::holidays::CalendarId::parse(&h.calendar)
                .unwrap_or(domain::deadlines::holidays::CalendarId::EnglandWales)
                .into(),
            date: crate::api::kit::strict::IsoDate(h.date),
            active: h.active,
            source: h.source,
        }
    }
}

/// A calendar's dates.
#[derive(Object, Debug)]
pub struct HolidayList {
    /// Dates in order (one calendar, optionally one year: a bounded list, no pages).
    pub items: Vec<Holiday>,
}

/// An escalation raised on a complaint.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Escalation {
    /// Identifier.
    pub id: Uuid,
    /// The complaint.
    pub complaint_id: Uuid,
    /// The complaint's team.
    pub team: String,
    /// The timer that caused it, if one did.
    pub timer: Option<String>,
    /// 1 = team leader; higher levels reach further up.
    pub level: i32,
    /// Why.
    pub reason: String,
    /// When.
    pub raised_at: DateTime<Utc>,
}

impl From<entity::escalation::Model> for Escalation {
    fn from(e: entity::escalation::Model) -> Self {
        Escalation {
            id: e.id,
            complaint_id: e.complaint_id,
            team: e.team_id,
            timer: e.timer,
            level: e.level.into(),
            reason: e.reason,
            raised_at: e.raised_at,
        }
    }
}

/// A page of escalations.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct EscalationPage {
    /// Escalations, newest first.
    pub items: Vec<Escalation>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

mirror!(
    /// The finding of a response.
    Outcome <=> domain::case::procedure::Outcome { Upheld, PartiallyUpheld, NotUpheld, Resolved }
);

/// What a remedy is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RemedyKind {
    Apology,
    Explanation,
    CorrectiveAction,
    DecisionChanged,
    RecordAmended,
    FinancialLossCompensation,
    DistressInconveniencePayment,
    Interest,
    GoodwillPayment,
    FeeRefundOrWaiver,
    Other,
}

/// Where a remedy stands.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum RemedyStatus {
    Due,
    Completed,
    Declined,
}

/// The API enum value with this wire name.
pub(crate) fn wire<T: poem_openapi::types::ParseFromJSON>(name: &str) -> Option<T> {
    T::parse_from_json(Some(serde_json::Value::String(name.to_owned()))).ok()
}

/// A referral to an ombudsman or external scheme.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Referral {
    /// The scheme.
    pub scheme: ReferralScheme,
    /// The scheme's case reference.
    pub reference: Option<String>,
    /// When it was referred.
    pub referred_at: DateTime<Utc>,
    /// The scheme's decision, once recorded.
    pub decision: Option<ReferralDecision>,
    /// When the decision was made.
    pub decided_at: Option<DateTime<Utc>>,
}

/// The wire name of an API enum value.
pub(crate) fn enum_text<T: poem_openapi::types::ToJSON>(value: &T) -> String {
    value
        .to_json()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A communication sent to the complainant as part of an action.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct CommunicationInput {
    /// How it was sent.
    pub channel: Channel,
    /// When it was sent (defaults to now): not before what it follows (the receipt, the
    /// acknowledgement, the escalation, the start of the timer it meets) and not in the
    /// future; a refusal names the field (`communication.sent_at`, `notice.sent_at`).
    pub sent_at: NoNull<DateTime<Utc>>,
    /// What it said, in brief.
    #[oai(validator(max_length = 2000))]
    pub summary: NoNull<StrictString>,
}

impl From<CommunicationInput> for crate::service::cases::actions::Communication {
    fn from(c: CommunicationInput) -> Self {
        crate::service::cases::actions::Communication {
            channel: enum_text(&c.channel),
            sent_at: c.sent_at.into_option(),
            summary: text(c.summary),
        }
    }
}

/// A remedy offered in a response. Money is integer minor units (pence, cents).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct RemedyInput {
    /// What the remedy is.
    pub kind: RemedyKind,
    /// Amount in minor units of `currency`; give both or neither.
    #[oai(validator(minimum(value = "0"), maximum(value = "1000000000000")))]
    pub amount_minor: NoNull<i64>,
    /// ISO 4217 currency code.
    #[oai(validator(pattern = r"^[A-Z]{3}$"))]
    pub currency: NoNull<StrictString>,
    /// Where it stands (defaults to `due`).
    pub status: NoNull<RemedyStatus>,
    /// Details.
    #[oai(validator(max_length = 2000))]
    pub description: NoNull<StrictString>,
}

/// Acknowledge the complaint (or, at stage 2, the escalation).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct AcknowledgeAction {
    /// The acknowledgement sent.
    pub communication: CommunicationInput,
}

/// An action that carries only an optional note.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct NoteAction {
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// Ask the complainant or a third party for information.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct RequestInformationAction {
    /// What is asked for, and from whom. Regulatory deadlines keep running meanwhile.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub what: StrictString,
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// Send the response (final, or the stage response of a two-stage profile).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct IssueResponseAction {
    /// The finding.
    pub outcome: Outcome,
    /// Primary root cause, `L1.L2` (e.g. `PRC.HANDOFF`); needed for an upheld or partially
    /// upheld outcome unless the profile allows `rca_pending`.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub primary_cause: NoNull<StrictString>,
    /// Respond now, classify the root cause later (where the profile allows it).
    pub rca_pending: NoNull<bool>,
    /// Remedies offered.
    #[oai(validator(max_items = 50))]
    pub remedies: NoNull<Vec<RemedyInput>>,
    /// The response sent.
    pub communication: CommunicationInput,
}

/// Record that the complainant withdrew the complaint.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct WithdrawAction {
    /// Why, if they said.
    #[oai(validator(max_length = 2000))]
    pub reason: NoNull<StrictString>,
}

/// Give the complaint to a handler of its team (agents can only take an unassigned one).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct AssignAction {
    /// The handler's token subject; they must have signed in at least once.
    #[oai(validator(min_length = 1, max_length = 255))]
    pub assignee: StrictString,
}

/// Escalate a responded complaint to stage 2 (the complainant need not give a reason; a
/// team leader overriding a one-stage profile must).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct EscalateAction {
    /// Why, where one is given or needed.
    #[oai(validator(max_length = 2000))]
    pub reason: NoNull<StrictString>,
}

/// Reopen a closed complaint (team leaders). The original regulatory timers stay as they were.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ReopenAction {
    /// Why: new evidence, an error, an ombudsman direction.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
}

/// Resolve the complaint inside the profile's summary window (FCA: by close of business on
/// the 3rd business day after receipt), with the complainant's acceptance.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ResolveSummarilyAction {
    /// The finding.
    pub outcome: Outcome,
    /// Primary root cause, `L1.L2`, if one is known.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub primary_cause: NoNull<StrictString>,
    /// The summary resolution communication sent.
    pub communication: CommunicationInput,
}

mirror!(
    /// A procedure action.
    ActionName <=> domain::case::procedure::ActionKind {
        Acknowledge,
        Assign,
        StartInvestigation,
        RequestInformation,
        InformationReceived,
        ProposeResponse,
        ReturnForRework,
        ApproveResponse,
        IssueResponse,
        ResolveSummarily,
        Extend,
        Escalate,
        Refer,
        RecordReferralOutcome,
        Withdraw,
        RejectScope,
        Transfer,
        Close,
        Reopen,
    }
);

/// Propose a response for a team leader's approval (needed when redress is above the
/// approval threshold; allowed for any response).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ProposeResponseAction {
    /// The proposed finding.
    pub outcome: Outcome,
    /// Primary root cause, `L1.L2`; needed for an upheld or partially upheld outcome unless
    /// the profile allows `rca_pending`.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub primary_cause: NoNull<StrictString>,
    /// Respond now, classify the root cause later (where the profile allows it).
    pub rca_pending: NoNull<bool>,
    /// Remedies proposed.
    #[oai(validator(max_items = 50))]
    pub remedies: NoNull<Vec<RemedyInput>>,
    /// A note for the approver.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// An action that needs a reason.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ReasonAction {
    /// Why; recorded on the case.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
}

/// Extend a running timer where its profile allows it (team leaders).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ExtendAction {
    /// The timer's name, as the complaint lists it (e.g. `stage1_response`).
    #[oai(validator(pattern = r"^[a-z0-9_]{1,64}$"))]
    pub timer: StrictString,
    /// The new due instant: later than the current one, within the profile's cap, and at
    /// most five years ahead.
    pub new_due_at: DateTime<Utc>,
    /// Why more time is needed.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
    /// The extension notice sent to the complainant. Required where the profile requires one;
    /// it must be sent, and the extension recorded, before the current due instant.
    pub notice: NoNull<CommunicationInput>,
}

/// An ombudsman or external dispute-resolution scheme.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ReferralScheme {
    FinancialOmbudsmanService,
    ScottishPublicServicesOmbudsman,
    HousingOmbudsman,
    Afca,
    Cfpb,
    Other,
}

/// Record that the complainant referred the complaint to an ombudsman or scheme.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ReferAction {
    /// The scheme.
    pub scheme: ReferralScheme,
    /// The scheme's case reference.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub reference: NoNull<StrictString>,
    /// When the referral was made (defaults to now): not before the latest response, not in
    /// the future.
    pub referred_at: NoNull<DateTime<Utc>>,
}

/// An ombudsman's or scheme's decision.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ReferralDecision {
    Upheld,
    PartiallyUpheld,
    NotUpheld,
    Settled,
    Withdrawn,
}

/// Record the scheme's decision; the complaint closes.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct RecordReferralOutcomeAction {
    /// The decision.
    pub decision: ReferralDecision,
    /// When it was made (defaults to now): not before the referral, not in the future.
    pub decided_at: NoNull<DateTime<Utc>>,
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// Transfer the complaint to the organisation responsible for it (team leaders); its timers
/// stop here.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct TransferAction {
    /// The organisation it goes to.
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub to: StrictString,
    /// Why it belongs there.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
}

/// Whether one action is open to the caller now.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ActionAvailability {
    /// The action.
    pub action: ActionName,
    /// The caller may take it now (given a well-formed body).
    pub available: bool,
    /// Why not: `invalid_transition`, or the guard that fails (`role`, `approval_required`, ...).
    pub reason: Option<String>,
    /// The refusal, in words.
    pub detail: Option<String>,
}

/// What the caller may do to a complaint now.
#[derive(Object, Debug)]
pub struct ActionList {
    /// The complaint's state.
    pub state: ComplaintState,
    /// The complaint's stage.
    pub stage: i16,
    /// The version the answer is for; send it as `If-Match`.
    pub version: i64,
    /// The actions (only the available ones unless `all=true`).
    pub items: Vec<ActionAvailability>,
}

/// A remedy on a complaint. Money is integer minor units.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RemedyRecord {
    /// Remedy id.
    pub id: Uuid,
    /// What the remedy is.
    pub kind: RemedyKind,
    /// Amount in minor units of `currency`.
    pub amount_minor: Option<i64>,
    /// ISO 4217 currency code.
    pub currency: Option<String>,
    /// Where it stands.
    pub status: RemedyStatus,
    /// Details.
    pub description: Option<String>,
    /// When it went out in a response; absent while it is part of a proposal awaiting approval.
    pub issued_at: Option<DateTime<Utc>>,
    /// When it was completed or declined.
    pub settled_at: Option<DateTime<Utc>>,
    /// Who settled it.
    pub settled_by: Option<String>,
}

impl From<entity::remedy::Model> for RemedyRecord {
    fn from(m: entity::remedy::Model) -> Self {
        RemedyRecord {
            id: m.id,
            kind: wire(&m.kind).unwrap_or(RemedyKind::Other),
            amount_minor: m.amount_minor,
            currency: m.currency,
            status: wire(&m.status).unwrap_or(RemedyStatus::Due),
            description: m.description,
            issued_at: m.issued_at,
            settled_at: m.settled_at,
            settled_by: m.settled_by,
        }
    }
}

/// A complaint's remedies.
#[derive(Object, Debug)]
pub struct RemedyList {
    /// Remedies, oldest first.
    pub items: Vec<RemedyRecord>,
}

/// How a remedy was settled.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Settlement {
    Completed,
    Declined,
}

/// Settle a remedy: it was carried out (paid, corrected) or the complainant declined it.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct SettleRemedy {
    /// How it was settled.
    pub status: Settlement,
    /// A note for the case record (e.g. the payment reference).
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// A communication sent to the complainant.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CommunicationRecord {
    /// Communication id.
    pub id: Uuid,
    /// What it was: `acknowledgement`, `summary_resolution`, `holding_response`,
    /// `extension_notice`, `stage_response`, `final_response`, `referral_rights`.
    pub kind: String,
    /// How it was sent.
    pub channel: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// What it said, in brief.
    pub summary: Option<String>,
    /// Who recorded it.
    pub actor_id: String,
}

impl From<entity::communication::Model> for CommunicationRecord {
    fn from(m: entity::communication::Model) -> Self {
        CommunicationRecord {
            id: m.id,
            kind: m.kind,
            channel: m.channel,
            sent_at: m.sent_at,
            summary: m.summary,
            actor_id: m.actor_id,
        }
    }
}

/// A complaint's communications.
#[derive(Object, Debug)]
pub struct CommunicationList {
    /// Communications, oldest first.
    pub items: Vec<CommunicationRecord>,
}

/// The `internal` profile's targets: complaints no regulator governs.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct InternalTargets {
    /// The holiday calendar (and so the time zone) days are counted in.
    pub calendar: CalendarId,
    /// One or two stages.
    #[oai(validator(minimum(value = "1"), maximum(value = "2")))]
    pub stages: u8,
    /// Acknowledge within this many business days of receipt.
    #[oai(validator(minimum(value = "1"), maximum(value = "60")))]
    pub acknowledgement_business_days: u32,
    /// Respond at stage 1 (or finally, with one stage) within this many business days of
    /// receipt.
    #[oai(validator(minimum(value = "1"), maximum(value = "250")))]
    pub stage1_response_business_days: u32,
    /// Respond at stage 2 within this many business days of the escalation.
    #[oai(validator(minimum(value = "1"), maximum(value = "250")))]
    pub stage2_response_business_days: u32,
}

/// The `internal` profile's targets and the version of that setting.
#[derive(Object, Debug)]
pub struct InternalTargetsSetting {
    /// The targets.
    pub targets: InternalTargets,
    /// Moves on every change; 0 while the defaults apply.
    pub version: i64,
}

impl From<InternalTargets> for domain::deadlines::InternalTargets {
    fn from(t: InternalTargets) -> Self {
        domain::deadlines::InternalTargets {
            calendar: t.calendar.into(),
            stages: t.stages,
            acknowledgement_business_days: t.acknowledgement_business_days,
            stage1_response_business_days: t.stage1_response_business_days,
            stage2_response_business_days: t.stage2_response_business_days,
        }
    }
}

impl From<domain::deadlines::InternalTargets> for InternalTargets {
    fn from(t: domain::deadlines::InternalTargets) -> Self {
        InternalTargets {
            calendar: t.calendar.into(),
            stages: t.stages,
            acknowledgement_business_days: t.acknowledgement_business_days,
            stage1_response_business_days: t.stage1_response_business_days,
            stage2_response_business_days: t.stage2_response_business_days,
        }
    }
}
pub use crate::api::dto::mi::*;
pub use crate::api::dto::rca::*;
pub use crate::api::dto::webhooks::*;
