//! The API's request and response types. They become the published schema, so every field
//! is documented; responses leave absent fields out rather than sending `null`.

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use super::strict::{NoNull, StrictString};
use crate::domain::{self, complaint::Vulnerability as DomainVulnerability};

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
    Channel <=> domain::complaint::Channel { Phone, Email, Web, Letter, Social, InPerson }
);

mirror!(
    /// Regulatory profile whose deadlines govern the complaint.
    Profile <=> domain::complaint::Profile {
        FcaDisp,
        FcaPsd,
        Spso,
        HousingOmbudsman,
        #[oai(rename = "asic_rg271")]
        AsicRg271,
        Cfpb,
    }
);

mirror!(
    /// Where the complaint stands in the formal procedure.
    ComplaintState <=> domain::complaint::State {
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
    VulnerabilityDriver <=> domain::complaint::VulnerabilityDriver { Health, LifeEvents, Resilience, Capability }
);

mirror!(
    /// A role carried in the token's `roles` claim.
    Role <=> domain::rbac::Role { Agent, TeamLeader, Analyst, Admin, Auditor, Integrator }
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

fn text(s: NoNull<StrictString>) -> Option<String> {
    s.into_option().map(StrictString::into_inner)
}

impl From<NewComplaint> for domain::complaint::NewComplaint {
    fn from(n: NewComplaint) -> Self {
        let c = n.complainant;
        domain::complaint::NewComplaint {
            complainant: domain::complaint::Complainant {
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
    /// Corrected receipt instant (not in the future).
    pub received_at: NoNull<DateTime<Utc>>,
    /// Vulnerability, replacing what is recorded.
    pub vulnerability: NoNull<VulnerabilityInput>,
}

impl From<ComplaintPatch> for domain::complaint::ComplaintPatch {
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
        domain::complaint::ComplaintPatch {
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

/// Recorded vulnerability.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct Vulnerability {
    /// Drivers recorded.
    pub drivers: Vec<VulnerabilityDriver>,
    /// Notes for handlers.
    pub notes: Option<String>,
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
    /// Whether any vulnerability is recorded.
    pub vulnerable: bool,
    /// Recorded vulnerability.
    pub vulnerability: Option<Vulnerability>,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency; the ETag is this number in quotes.
    pub version: i64,
}

impl From<entity::complaint::Model> for Complaint {
    fn from(m: entity::complaint::Model) -> Self {
        use domain::complaint as d;
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
            vulnerability: m.vulnerability.as_ref().map(|v| {
                let v = DomainVulnerability::from_json(v);
                Vulnerability {
                    drivers: v.drivers.into_iter().map(Into::into).collect(),
                    notes: v.notes,
                }
            }),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
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
    /// The role they acted in.
    pub actor_role: Role,
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
            actor_role: domain::rbac::Role::parse(&e.actor_role)
                .unwrap_or(domain::rbac::Role::Auditor)
                .into(),
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
