//! Importing complaints handled in another system, with their history.

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use super::{
    Channel, NewComplaint, NoNull, Outcome, ReferralDecision, ReferralScheme, RemedyInput,
    StrictString,
};

/// Where an imported case comes from. A case is imported once per source: importing it again
/// finds the complaint the first import made and changes nothing.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct ImportSource {
    /// The system the case was handled in, e.g. `legacy-crm`.
    #[oai(validator(
        min_length = 1,
        max_length = 100,
        pattern = r"^[A-Za-z0-9][A-Za-z0-9._:\-]*$"
    ))]
    pub system: StrictString,
    /// The case's id in that system.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub id: StrictString,
}

/// A procedure action a case's history records, named as the live action is
/// (`POST /v1/complaints/{id}/actions/{action}`).
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum HistoryAction {
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

/// The role a person of the source system took an action in.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum HistoryRole {
    Agent,
    TeamLeader,
}

/// One recorded action of a case's history: what was done, when, by whom, and what the live
/// action's body would carry. Only the fields the action takes may be given; the instants a
/// live action's body may carry (a letter's `sent_at`, an escalation's `received_at`, a
/// referral's `referred_at`, a decision's `decided_at`) are this entry's `at`.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct HistoryEntry {
    /// The action.
    pub action: HistoryAction,
    /// When it happened: not before the receipt or the entry before it, not in the future.
    pub at: DateTime<Utc>,
    /// Who took it: their name or id in the source system (they need not be users here).
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub actor: StrictString,
    /// The role they took it in (defaults to the first the procedure allows the action:
    /// `agent`, or `team_leader` for what only a team leader may do).
    pub role: NoNull<HistoryRole>,
    /// `acknowledge`, `issue_response`, `resolve_summarily` (required), `extend` (the
    /// notice): how the letter was sent.
    pub channel: NoNull<Channel>,
    /// What the letter said, in brief.
    #[oai(validator(max_length = 2000))]
    pub summary: NoNull<StrictString>,
    /// A note for the case record.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
    /// `return_for_rework`, `extend`, `reopen`, `reject_scope`, `transfer` (required),
    /// `escalate`, `withdraw`: why.
    #[oai(validator(max_length = 2000))]
    pub reason: NoNull<StrictString>,
    /// `propose_response`, `issue_response`, `resolve_summarily` (required): the finding.
    pub outcome: NoNull<Outcome>,
    /// The primary root cause: a code of the taxonomy.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub primary_cause: NoNull<StrictString>,
    /// The response went out with root-cause analysis pending, where the profile allows it.
    pub rca_pending: NoNull<bool>,
    /// `propose_response`, `issue_response`: the remedies offered; `record_referral_outcome`:
    /// those the scheme ordered. A remedy given as `completed` or `declined` was settled by
    /// the time of this entry.
    #[oai(validator(max_items = 50))]
    pub remedies: NoNull<Vec<RemedyInput>>,
    /// `assign` (required): who was assigned, by their name or id in the source system.
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub assignee: NoNull<StrictString>,
    /// `request_information` (required): what was asked for.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub what: NoNull<StrictString>,
    /// `extend` (required): the timer extended, as the complaint lists it.
    #[oai(validator(pattern = r"^[a-z0-9_]{1,64}$"))]
    pub timer: NoNull<StrictString>,
    /// `extend` (required): its new due instant.
    pub new_due_at: NoNull<DateTime<Utc>>,
    /// `refer` (required): the scheme.
    pub scheme: NoNull<ReferralScheme>,
    /// `refer`: the scheme's case reference.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub reference: NoNull<StrictString>,
    /// `record_referral_outcome` (required): the scheme's decision.
    pub decision: NoNull<ReferralDecision>,
    /// `transfer` (required): the organisation the complaint went to.
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub to: NoNull<StrictString>,
}

/// A case to import: the complaint as it was logged, and its history in the order it
/// happened.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ImportCase {
    /// Where the case comes from.
    pub source: ImportSource,
    /// Who logged it in the source system (defaults to the source system).
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub logged_by: NoNull<StrictString>,
    /// The complaint as `POST /v1/complaints` takes it; `received_at` is required, and the
    /// deadlines run from it under the profile's rules and calendars.
    pub complaint: NewComplaint,
    /// What happened to it, oldest first; empty for a case not yet acknowledged.
    #[oai(validator(max_items = 200))]
    pub history: Vec<HistoryEntry>,
}

/// Cases to import in one request, each all or nothing.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ImportBatch {
    /// Up to 500 cases.
    #[oai(validator(min_items = 1, max_items = 500))]
    pub cases: Vec<ImportCase>,
}

/// What became of one case of a batch.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Imported now.
    Imported,
    /// Imported before from the same source: nothing changed.
    AlreadyImported,
    /// Refused: `problem` says why, and nothing of the case was written.
    Refused,
}

/// Why a case of a batch was refused, as a single import would have answered.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ImportProblem {
    /// The error code (see the error table), e.g. `validation_failed`.
    pub code: String,
    /// The HTTP status a single import would have answered.
    pub status: u16,
    /// What is wrong.
    pub detail: String,
    /// The field, within the case: `history[3].at`, `complaint.category`.
    pub field: Option<String>,
}

/// One case of a batch.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ImportResult {
    /// The case's position in `cases`, from 0.
    pub index: u32,
    /// The case's id in its source system.
    pub source_id: String,
    pub status: ImportStatus,
    /// The complaint, when imported (now or before).
    pub id: Option<Uuid>,
    /// Its reference, when imported.
    pub reference: Option<String>,
    /// Why it was refused.
    pub problem: Option<ImportProblem>,
}

/// What a batch did, case by case.
#[derive(Object, Debug)]
#[oai(example)]
pub struct ImportReport {
    /// Cases imported now.
    pub imported: u32,
    /// Cases imported before (unchanged).
    pub already_imported: u32,
    /// Cases refused.
    pub refused: u32,
    /// Each case, in the order sent.
    pub results: Vec<ImportResult>,
}
