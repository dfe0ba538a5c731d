//! What a caller gives with an action, and how a refusal becomes an answer.

use super::*;

/// A communication sent to the complainant as part of an action.
#[derive(Debug, Clone)]
pub struct Communication {
    pub channel: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
}

/// A remedy offered in a response, or ordered by an ombudsman.
#[derive(Debug, Clone)]
pub struct Remedy {
    pub kind: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub status: String,
    pub description: Option<String>,
}

/// What a response carries: its finding, root cause and remedies.
#[derive(Debug, Clone)]
pub struct Finding {
    pub outcome: Outcome,
    pub primary_cause: Option<String>,
    pub rca_pending: bool,
    pub remedies: Vec<Remedy>,
}

/// An action with what its body carries.
#[derive(Debug, Clone)]
pub enum ActionInput {
    Acknowledge {
        communication: Communication,
    },
    StartInvestigation {
        note: Option<String>,
    },
    RequestInformation {
        what: String,
        note: Option<String>,
    },
    InformationReceived {
        note: Option<String>,
    },
    ProposeResponse {
        finding: Finding,
        note: Option<String>,
    },
    ReturnForRework {
        reason: String,
    },
    ApproveResponse {
        note: Option<String>,
    },
    IssueResponse {
        finding: Finding,
        communication: Communication,
    },
    Close {
        note: Option<String>,
    },
    Withdraw {
        reason: Option<String>,
    },
    Assign {
        assignee: String,
    },
    Escalate {
        reason: Option<String>,
        /// When the complainant's request reached the firm (now when absent): the stage-2
        /// timers start from it.
        received_at: Option<DateTime<Utc>>,
    },
    Reopen {
        reason: String,
    },
    ResolveSummarily {
        outcome: Outcome,
        primary_cause: Option<String>,
        communication: Communication,
    },
    Extend {
        timer: String,
        new_due_at: DateTime<Utc>,
        reason: String,
        notice: Option<Communication>,
    },
    Refer {
        scheme: String,
        reference: Option<String>,
        referred_at: Option<DateTime<Utc>>,
    },
    RecordReferralOutcome {
        decision: String,
        decided_at: Option<DateTime<Utc>>,
        note: Option<String>,
        /// What the scheme ordered the firm to do.
        remedies: Vec<Remedy>,
    },
    RejectScope {
        reason: String,
    },
    Transfer {
        to: String,
        reason: String,
    },
}

impl ActionInput {
    pub fn kind(&self) -> ActionKind {
        use ActionInput as I;
        use ActionKind as K;
        match self {
            I::Acknowledge { .. } => K::Acknowledge,
            I::StartInvestigation { .. } => K::StartInvestigation,
            I::RequestInformation { .. } => K::RequestInformation,
            I::InformationReceived { .. } => K::InformationReceived,
            I::ProposeResponse { .. } => K::ProposeResponse,
            I::ReturnForRework { .. } => K::ReturnForRework,
            I::ApproveResponse { .. } => K::ApproveResponse,
            I::IssueResponse { .. } => K::IssueResponse,
            I::Close { .. } => K::Close,
            I::Withdraw { .. } => K::Withdraw,
            I::Assign { .. } => K::Assign,
            I::Escalate { .. } => K::Escalate,
            I::Reopen { .. } => K::Reopen,
            I::ResolveSummarily { .. } => K::ResolveSummarily,
            I::Extend { .. } => K::Extend,
            I::Refer { .. } => K::Refer,
            I::RecordReferralOutcome { .. } => K::RecordReferralOutcome,
            I::RejectScope { .. } => K::RejectScope,
            I::Transfer { .. } => K::Transfer,
        }
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r.code {
            RefusalKind::Guard(rule) => ApiError::guard(rule, r.detail),
            RefusalKind::InvalidTransition => ApiError::new(ErrorCode::InvalidTransition, r.detail),
        }
    }
}

impl From<Refused> for ApiError {
    fn from(r: Refused) -> Self {
        ApiError::invalid_field(&r.field, r.reason)
    }
}
