//! The procedure: escalations, remedies, referrals, communications, the body of every action
//! and what a caller may do now.

use super::*;
use crate::error::ApiError;
use crate::service::stored::stored;

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
#[oai(skip_serializing_if_is_none, example)]
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

mirror!(
    /// What a remedy is.
    RemedyKind <=> domain::case::records::RemedyKind {
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
);

mirror!(
    /// Where a remedy stands.
    RemedyStatus <=> domain::case::records::RemedyStatus { Due, Completed, Declined }
);

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

/// A remedy offered in a response, or ordered by an ombudsman. Money is integer minor units
/// (pence, cents).
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
#[oai(deny_unknown_fields, example)]
pub struct AcknowledgeAction {
    /// The acknowledgement sent.
    pub communication: CommunicationInput,
}

/// An action that carries only an optional note.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NoteAction {
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// Ask the complainant or a third party for information.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
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
#[oai(deny_unknown_fields, example)]
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
#[oai(deny_unknown_fields, example)]
pub struct WithdrawAction {
    /// Why, if they said.
    #[oai(validator(max_length = 2000))]
    pub reason: NoNull<StrictString>,
}

/// Give the complaint to a handler of its team (agents can only take an unassigned one).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct AssignAction {
    /// The handler's token subject; they must have signed in at least once.
    #[oai(validator(min_length = 1, max_length = 255))]
    pub assignee: StrictString,
}

/// Escalate a responded complaint to stage 2 (the complainant need not give a reason; a
/// team leader overriding a one-stage profile must).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct EscalateAction {
    /// Why, where one is given or needed.
    #[oai(validator(max_length = 2000))]
    pub reason: NoNull<StrictString>,
    /// When the complainant's request for stage 2 reached the firm (defaults to now): not
    /// before the latest response, not in the future. The stage-2 timers start from it.
    pub received_at: NoNull<DateTime<Utc>>,
}

/// Reopen a closed complaint (team leaders). The original regulatory timers stay as they were.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ReopenAction {
    /// Why: new evidence, an error, an ombudsman direction.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
}

/// Resolve the complaint inside the profile's summary window (FCA: by close of business on
/// the 3rd business day after receipt), with the complainant's acceptance.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
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
#[oai(deny_unknown_fields, example)]
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
#[oai(deny_unknown_fields, example)]
pub struct ReasonAction {
    /// Why; recorded on the case.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub reason: StrictString,
}

/// Extend a running timer where its profile allows it (team leaders).
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
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

mirror!(
    /// An ombudsman or external dispute-resolution scheme.
    ReferralScheme <=> domain::case::records::ReferralScheme {
        FinancialOmbudsmanService,
        ScottishPublicServicesOmbudsman,
        HousingOmbudsman,
        Afca,
        Cfpb,
        Other,
    }
);

/// Record that the complainant referred the complaint to an ombudsman or scheme.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
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

mirror!(
    /// An ombudsman's or scheme's decision.
    ReferralDecision <=> domain::case::records::ReferralDecision {
        Upheld,
        PartiallyUpheld,
        NotUpheld,
        Settled,
        Withdrawn,
    }
);

/// Record the scheme's decision and what it ordered the firm to do. The complaint keeps its
/// own `outcome` (the firm's finding) beside the scheme's decision. It closes, unless a remedy
/// is still due (one ordered here, or one of the firm's own): then it stays `referred` until
/// every remedy is settled, and is closed with `close`.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct RecordReferralOutcomeAction {
    /// The decision.
    pub decision: ReferralDecision,
    /// When it was made (defaults to now): not before the referral, not in the future.
    pub decided_at: NoNull<DateTime<Utc>>,
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
    /// Remedies the scheme ordered: issued at the decision, marked as ordered by the scheme,
    /// and settled like the firm's own (`due` unless given as settled).
    #[oai(validator(max_items = 50))]
    pub remedies: NoNull<Vec<RemedyInput>>,
}

/// Transfer the complaint to the organisation responsible for it (team leaders); its timers
/// stop here.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
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
    pub reason: Option<crate::api::kit::problem::UnavailableReason>,
    /// The refusal, in words.
    pub detail: Option<String>,
}

/// What the caller may do to a complaint now.
#[derive(Object, Debug)]
#[oai(example)]
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
#[oai(skip_serializing_if_is_none, example)]
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
    /// The ombudsman or scheme whose decision ordered it; absent for the firm's own remedies.
    pub ordered_by: Option<ReferralScheme>,
}

impl TryFrom<entity::remedy::Model> for RemedyRecord {
    type Error = ApiError;

    fn try_from(m: entity::remedy::Model) -> Result<Self, ApiError> {
        use domain::case::records as r;
        Ok(RemedyRecord {
            id: m.id,
            kind: stored::<r::RemedyKind>("remedies.kind", &m.kind)?.into(),
            amount_minor: m.amount_minor,
            currency: m.currency,
            status: stored::<r::RemedyStatus>("remedies.status", &m.status)?.into(),
            description: m.description,
            issued_at: m.issued_at,
            settled_at: m.settled_at,
            settled_by: m.settled_by,
            ordered_by: crate::service::stored::stored_opt::<r::ReferralScheme>(
                "remedies.ordered_by",
                m.ordered_by.as_deref(),
            )?
            .map(Into::into),
        })
    }
}

/// A complaint's remedies.
#[derive(Object, Debug)]
#[oai(example)]
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
#[oai(deny_unknown_fields, example)]
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

impl TryFrom<entity::communication::Model> for CommunicationRecord {
    type Error = ApiError;

    fn try_from(m: entity::communication::Model) -> Result<Self, ApiError> {
        let kind: domain::case::records::CommunicationKind =
            stored("communications.kind", &m.kind)?;
        let channel: domain::case::complaint::Channel =
            stored("communications.channel", &m.channel)?;
        Ok(CommunicationRecord {
            id: m.id,
            kind: kind.as_str().to_owned(),
            channel: channel.as_str().to_owned(),
            sent_at: m.sent_at,
            summary: m.summary,
            actor_id: m.actor_id,
        })
    }
}

/// A complaint's communications.
#[derive(Object, Debug)]
#[oai(example)]
pub struct CommunicationList {
    /// Communications, oldest first.
    pub items: Vec<CommunicationRecord>,
}
