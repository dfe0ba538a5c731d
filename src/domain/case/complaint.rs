//! What a complaint is at intake: its vocabularies and the rules a new or corrected complaint
//! must meet.

use chrono::{DateTime, Utc};

use crate::domain::access::rbac::Role;

/// Declares a closed vocabulary stored and sent as snake_case strings.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl $crate::domain::vocabulary::Vocabulary for $name {
            fn values() -> &'static [$name] {
                $name::ALL
            }

            fn text(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// How the complaint reached the organisation.
    Channel {
        Phone = "phone",
        Email = "email",
        Web = "web",
        Letter = "letter",
        Social = "social",
        InPerson = "in_person",
        Fax = "fax",
        Referral = "referral",
        Other = "other",
    }
);

vocabulary!(
    /// The regulatory profile whose deadlines govern the complaint.
    Profile {
        FcaDisp = "fca_disp",
        FcaPsd = "fca_psd",
        Spso = "spso",
        HousingOmbudsman = "housing_ombudsman",
        AsicRg271 = "asic_rg271",
        Cfpb = "cfpb",
        Internal = "internal",
    }
);

vocabulary!(
    /// Where a complaint stands in the formal procedure.
    State {
        Received = "received",
        Acknowledged = "acknowledged",
        Investigating = "investigating",
        AwaitingInformation = "awaiting_information",
        PendingApproval = "pending_approval",
        Responded = "responded",
        Escalated = "escalated",
        Referred = "referred",
        Closed = "closed",
        Withdrawn = "withdrawn",
        NotAComplaint = "not_a_complaint",
        Transferred = "transferred",
    }
);

/// The stage of the procedure a complaint is at: the first response, then (where the profile
/// has two stages) the review after an escalation. Stored as its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    One,
    Two,
}

impl Stage {
    pub const ALL: &'static [Stage] = &[Stage::One, Stage::Two];

    /// The stored number.
    pub fn number(self) -> u8 {
        match self {
            Stage::One => 1,
            Stage::Two => 2,
        }
    }
}

impl crate::domain::vocabulary::Vocabulary for Stage {
    fn values() -> &'static [Stage] {
        Stage::ALL
    }

    /// The stored number, written out.
    fn text(self) -> &'static str {
        match self {
            Stage::One => "1",
            Stage::Two => "2",
        }
    }
}

vocabulary!(
    /// FCA FG21/1 drivers of customer vulnerability.
    VulnerabilityDriver {
        Health = "health",
        LifeEvents = "life_events",
        Resilience = "resilience",
        Capability = "capability",
    }
);

/// The human reference of the `n`th complaint logged in `year`: `CMP-2026-000123`.
pub fn reference(year: i32, n: i64) -> String {
    format!("CMP-{year}-{n:06}")
}

/// Why an intake detail is refused; each names the request field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeError {
    pub field: &'static str,
    pub reason: String,
}

impl IntakeError {
    fn new(field: &'static str, reason: impl Into<String>) -> Self {
        IntakeError {
            field,
            reason: reason.into(),
        }
    }
}

/// A complainant must be reachable: at least one of email, phone or customer reference.
pub fn check_contact(
    email: Option<&str>,
    phone: Option<&str>,
    customer_ref: Option<&str>,
) -> Result<(), IntakeError> {
    if email.is_none() && phone.is_none() && customer_ref.is_none() {
        return Err(IntakeError::new(
            "complainant",
            "give at least one of email, phone or customer_ref",
        ));
    }
    Ok(())
}

/// A complaint cannot be received in the future (beyond the clock skew every instant is
/// allowed), nor before 1970.
pub fn check_received_at(
    received_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), IntakeError> {
    crate::domain::case::instants::happened("received_at", received_at, &[], now)
        .map_err(|e| IntakeError::new("received_at", e.reason))
}

/// Vulnerability is recorded with at least one driver, each once.
pub fn check_vulnerability(drivers: &[VulnerabilityDriver]) -> Result<(), IntakeError> {
    if drivers.is_empty() {
        return Err(IntakeError::new(
            "vulnerability.drivers",
            "name at least one driver",
        ));
    }
    let mut sorted = drivers.to_vec();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != drivers.len() {
        return Err(IntakeError::new(
            "vulnerability.drivers",
            "a driver is listed twice",
        ));
    }
    Ok(())
}

/// Why the owning team cannot be decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamError {
    /// The caller handles cases for a team but its token names none.
    CallerHasNoTeam,
    /// The caller asked for a team other than its own.
    OtherTeam,
    /// A caller without a team of its own must name one.
    TeamRequired,
}

/// Which team a new complaint belongs to. Agents and team leaders log complaints for their
/// own team (naming it is optional); everyone else, integrators in particular, names it.
pub fn owning_team(
    acting_role: Role,
    caller_team: Option<&str>,
    requested: Option<&str>,
) -> Result<String, TeamError> {
    match acting_role {
        Role::Agent | Role::TeamLeader => {
            let own = caller_team.ok_or(TeamError::CallerHasNoTeam)?;
            match requested {
                None => Ok(own.to_owned()),
                Some(t) if t == own => Ok(own.to_owned()),
                Some(_) => Err(TeamError::OtherTeam),
            }
        }
        _ => requested.map(str::to_owned).ok_or(TeamError::TeamRequired),
    }
}

/// Who complained and how to reach them.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Complainant {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customer_ref: Option<String>,
}

/// Recorded vulnerability: sensitive personal data, never logged.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Vulnerability {
    pub drivers: Vec<VulnerabilityDriver>,
    pub notes: Option<String>,
}

impl Vulnerability {
    /// Stored form: `{"drivers": [...], "notes"?: "..."}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::json!({
            "drivers": self.drivers.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        });
        if let (Some(notes), Some(object)) = (&self.notes, value.as_object_mut()) {
            object.insert("notes".to_owned(), serde_json::Value::String(notes.clone()));
        }
        value
    }

    /// Reads the stored form back; `None` when it holds a driver the domain does not know
    /// (never dropped silently: the service answers it as an internal error).
    pub fn from_json(value: &serde_json::Value) -> Option<Vulnerability> {
        let drivers = match value.get("drivers").and_then(|d| d.as_array()) {
            Some(a) => a
                .iter()
                .map(|d| d.as_str().and_then(VulnerabilityDriver::parse))
                .collect::<Option<_>>()?,
            None => Vec::new(),
        };
        let notes = value
            .get("notes")
            .and_then(|n| n.as_str())
            .map(str::to_owned);
        Some(Vulnerability { drivers, notes })
    }

    /// What the audit trail records: the drivers, and only whether notes exist.
    pub fn audit_summary(&self) -> serde_json::Value {
        serde_json::json!({
            "drivers": self.drivers.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            "has_notes": self.notes.is_some(),
        })
    }
}

impl serde::Serialize for VulnerabilityDriver {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl serde::Serialize for Channel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl serde::Serialize for Profile {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A complaint as logged at intake, before it is stored.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NewComplaint {
    pub complainant: Complainant,
    pub channel: Channel,
    pub product: String,
    pub category: String,
    pub description: String,
    pub remedy_sought: String,
    pub received_at: Option<DateTime<Utc>>,
    pub vulnerability: Option<Vulnerability>,
    pub profile: Option<Profile>,
    pub team: Option<String>,
}

impl NewComplaint {
    /// Every intake rule that the request schema cannot express.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), IntakeError> {
        let c = &self.complainant;
        check_contact(
            c.email.as_deref(),
            c.phone.as_deref(),
            c.customer_ref.as_deref(),
        )?;
        if let Some(at) = self.received_at {
            check_received_at(at, now)?;
        }
        if let Some(v) = &self.vulnerability {
            check_vulnerability(&v.drivers)?;
        }
        Ok(())
    }
}

/// Corrections to intake details; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ComplaintPatch {
    pub complainant_name: Option<String>,
    pub complainant_email: Option<String>,
    pub complainant_phone: Option<String>,
    pub customer_ref: Option<String>,
    pub channel: Option<Channel>,
    pub product: Option<String>,
    pub category: Option<String>,
    pub description: Option<String>,
    pub remedy_sought: Option<String>,
    pub received_at: Option<DateTime<Utc>>,
    pub vulnerability: Option<Vulnerability>,
    /// Why the correction is made; required once the complaint is in an end state.
    pub reason: Option<String>,
}

impl ComplaintPatch {
    /// The rules a corrected complaint must still meet (contact is always present after a
    /// patch, since fields can be corrected but not removed).
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), IntakeError> {
        if let Some(at) = self.received_at {
            check_received_at(at, now)?;
        }
        if let Some(v) = &self.vulnerability {
            check_vulnerability(&v.drivers)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::t;

    #[test]
    fn references_are_zero_padded_to_six_digits_and_grow_beyond() {
        assert_eq!(reference(2026, 123), "CMP-2026-000123");
        assert_eq!(reference(2027, 1_234_567), "CMP-2027-1234567");
    }

    #[test]
    fn vocabularies_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Some(*c));
        }
        for p in Profile::ALL {
            assert_eq!(Profile::parse(p.as_str()), Some(*p));
        }
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(*s));
        }
        assert_eq!(State::ALL.len(), 12);
    }

    #[test]
    fn a_complainant_needs_one_way_to_be_reached() {
        let cases = [
            (None, None, None, false),
            (Some("a@b.c"), None, None, true),
            (None, Some("+44 20 7946 0000"), None, true),
            (None, None, Some("CUST-1"), true),
        ];
        for (email, phone, customer_ref, ok) in cases {
            assert_eq!(
                check_contact(email, phone, customer_ref).is_ok(),
                ok,
                "{email:?} {phone:?} {customer_ref:?}"
            );
        }
    }

    #[test]
    fn received_at_may_not_be_in_the_future_beyond_clock_skew() {
        let now = t("2026-11-23T12:00:00Z");
        let cases = [
            ("2026-11-23T12:00:00Z", true),
            ("2026-11-20T09:00:00Z", true),
            ("2026-11-23T12:00:59Z", true),
            ("2026-11-23T12:01:01Z", false),
            ("2027-01-01T00:00:00Z", false),
            ("1969-12-31T23:59:59Z", false),
        ];
        for (received, ok) in cases {
            assert_eq!(
                check_received_at(t(received), now).is_ok(),
                ok,
                "{received}"
            );
        }
    }

    #[test]
    fn vulnerability_needs_distinct_drivers() {
        use VulnerabilityDriver::*;
        assert!(check_vulnerability(&[Health, Capability]).is_ok());
        assert!(check_vulnerability(&[]).is_err());
        assert!(check_vulnerability(&[Health, Health]).is_err());
    }

    #[test]
    fn the_owning_team_follows_the_callers_role() {
        use Role::*;
        type Case<'a> = (
            Role,
            Option<&'a str>,
            Option<&'a str>,
            Result<&'a str, TeamError>,
        );
        let cases: &[Case] = &[
            (Agent, Some("north"), None, Ok("north")),
            (Agent, Some("north"), Some("north"), Ok("north")),
            (
                Agent,
                Some("north"),
                Some("south"),
                Err(TeamError::OtherTeam),
            ),
            (Agent, None, None, Err(TeamError::CallerHasNoTeam)),
            (TeamLeader, Some("south"), None, Ok("south")),
            (Integrator, None, Some("north"), Ok("north")),
            (
                Integrator,
                Some("north"),
                None,
                Err(TeamError::TeamRequired),
            ),
        ];
        for (role, own, requested, expected) in cases {
            let got = owning_team(*role, *own, *requested);
            assert_eq!(
                got,
                expected.clone().map(str::to_owned),
                "{role} {own:?} {requested:?}"
            );
        }
    }
}
