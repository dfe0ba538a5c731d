//! The API's request and response types. They become the published schema, so every field
//! is documented; responses leave absent fields out rather than sending `null`.

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use serde_json::Value;
use uuid::Uuid;

use crate::api::kit::strict::{CauseCode, IsoDate, NoNull, StrictString};
use crate::domain::improvement::stats::Mean;
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
    Channel <=> domain::case::complaint::Channel {
        Phone,
        Email,
        Web,
        Letter,
        Social,
        InPerson,
        Fax,
        /// Referred by another body: an ombudsman, a regulator, an elected representative,
        /// an adviser or another firm passing the complaint on.
        Referral,
        /// Any other way.
        Other,
    }
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

// The DTOs by part of the product. Each file takes the vocabulary mirrors above and the
// shared imports through `use super::*`; `dto::X` names every type wherever it lives.
pub mod admin;
pub mod complaint;
mod examples;
pub mod import;
pub mod improvement;
pub mod procedure;
pub mod report;
pub mod webhooks;

pub use admin::*;
pub use complaint::*;
pub use import::*;
pub use improvement::*;
pub use procedure::*;
pub use report::*;
pub use webhooks::*;
