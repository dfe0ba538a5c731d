//! The formal procedure as a pure state machine: which action may move a complaint from which
//! state, who may take it, and the guards regulation puts on it. The service gathers the
//! facts, calls [`transition`], and applies the [`Effects`] in one conditional write.

use chrono::{DateTime, Utc};

use crate::domain::{
    access::rbac::Role,
    case::complaint::State,
    rule::{RefusalKind, Rule},
};

/// Every action of the procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
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

impl ActionKind {
    pub const ALL: [ActionKind; 19] = [
        ActionKind::Acknowledge,
        ActionKind::Assign,
        ActionKind::StartInvestigation,
        ActionKind::RequestInformation,
        ActionKind::InformationReceived,
        ActionKind::ProposeResponse,
        ActionKind::ReturnForRework,
        ActionKind::ApproveResponse,
        ActionKind::IssueResponse,
        ActionKind::ResolveSummarily,
        ActionKind::Extend,
        ActionKind::Escalate,
        ActionKind::Refer,
        ActionKind::RecordReferralOutcome,
        ActionKind::Withdraw,
        ActionKind::RejectScope,
        ActionKind::Transfer,
        ActionKind::Close,
        ActionKind::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        use ActionKind::*;
        match self {
            Acknowledge => "acknowledge",
            Assign => "assign",
            StartInvestigation => "start_investigation",
            RequestInformation => "request_information",
            InformationReceived => "information_received",
            ProposeResponse => "propose_response",
            ReturnForRework => "return_for_rework",
            ApproveResponse => "approve_response",
            IssueResponse => "issue_response",
            ResolveSummarily => "resolve_summarily",
            Extend => "extend",
            Escalate => "escalate",
            Refer => "refer",
            RecordReferralOutcome => "record_referral_outcome",
            Withdraw => "withdraw",
            RejectScope => "reject_scope",
            Transfer => "transfer",
            Close => "close",
            Reopen => "reopen",
        }
    }
}

/// The finding of a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Upheld,
    PartiallyUpheld,
    NotUpheld,
    Resolved,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Upheld,
        Outcome::PartiallyUpheld,
        Outcome::NotUpheld,
        Outcome::Resolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Upheld => "upheld",
            Outcome::PartiallyUpheld => "partially_upheld",
            Outcome::NotUpheld => "not_upheld",
            Outcome::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Upheld in whole or part: a root cause is owed.
    pub fn finds_fault(self) -> bool {
        matches!(self, Outcome::Upheld | Outcome::PartiallyUpheld)
    }
}

impl crate::domain::vocabulary::Vocabulary for Outcome {
    fn values() -> &'static [Outcome] {
        &Outcome::ALL
    }

    fn text(self) -> &'static str {
        self.as_str()
    }
}

/// What the guards need to know, gathered by the service from the case, the caller, the
/// profile and the action's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub now: DateTime<Utc>,
    pub actor: String,
    pub role: Role,
    pub stage: u8,
    pub max_stages: u8,
    pub assignee: Option<String>,
    /// Who handled stage 1 (set when the case first gets a response).
    pub stage1_handler: Option<String>,
    /// For `assign`: the new assignee, and whether they are in the case's team.
    pub assign_to: Option<(String, bool)>,
    /// The outcome given in the body or already recorded.
    pub outcome: Option<Outcome>,
    pub has_primary_cause: bool,
    /// The body asks to respond before root-cause analysis is done.
    pub rca_pending: bool,
    /// The profile lets a response go out with root-cause analysis pending.
    pub profile_allows_rca_pending: bool,
    /// The largest total redress of the response in one currency, in minor units: a payment
    /// split into several remedies counts whole, and currencies are not added together.
    pub redress_minor: i64,
    /// Redress above this needs a team leader's approval.
    pub approval_threshold_minor: i64,
    /// A team leader approved the response now pending.
    pub approved: bool,
    /// For `issue_response` after approval: the body issues what was proposed (same outcome,
    /// no other remedies).
    pub matches_proposal: bool,
    /// Every remedy is completed or declined.
    pub remedies_settled: bool,
    /// The ombudsman's or scheme's decision on the referral is recorded.
    pub referral_decided: bool,
    /// The end of the profile's summary-resolution window, if it has one.
    pub summary_window_due: Option<DateTime<Utc>>,
    /// A reason given in the body (escalation override, reopen).
    pub reason: Option<String>,
    /// For `extend`: the profile allows extending the timer at all.
    pub extension_allowed: bool,
    /// For `extend`: a notice is given, or the rule needs none.
    pub extension_notice_given: bool,
    /// For `extend`: the notice went out before the original deadline (or none is needed).
    pub extension_notice_in_time: bool,
    /// For `extend`: the new date is within the profile's cap.
    pub extension_within_cap: bool,
}

/// Why an action is refused. `code` is stable; `detail` explains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: RefusalKind,
    pub detail: String,
}

fn refuse(code: RefusalKind, detail: impl Into<String>) -> Refusal {
    Refusal {
        code,
        detail: detail.into(),
    }
}

/// What an allowed action does to the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effects {
    pub to: State,
    pub stage: u8,
    /// A new assignee, when the action assigns.
    pub assignee: Option<String>,
    /// Records who handled stage 1.
    pub stage1_handler: Option<String>,
    /// Sets or clears team-leader approval of the pending response.
    pub approved: Option<bool>,
}

/// The states an action may be taken from.
pub fn sources(action: ActionKind) -> &'static [State] {
    use State::*;
    match action {
        ActionKind::Acknowledge => &[Received, Escalated],
        ActionKind::Assign => &[
            Received,
            Acknowledged,
            Investigating,
            AwaitingInformation,
            PendingApproval,
            Responded,
            Escalated,
            Referred,
        ],
        ActionKind::StartInvestigation => &[Acknowledged],
        ActionKind::RequestInformation => &[Investigating],
        ActionKind::InformationReceived => &[AwaitingInformation],
        ActionKind::ProposeResponse => &[Investigating],
        ActionKind::ReturnForRework => &[PendingApproval],
        ActionKind::ApproveResponse => &[PendingApproval],
        ActionKind::IssueResponse => &[Investigating, PendingApproval],
        ActionKind::ResolveSummarily => &[Received, Acknowledged, Investigating],
        ActionKind::Extend => &[
            Received,
            Acknowledged,
            Investigating,
            AwaitingInformation,
            PendingApproval,
            Escalated,
        ],
        ActionKind::Escalate => &[Responded],
        ActionKind::Refer => &[Responded, Closed],
        ActionKind::RecordReferralOutcome => &[Referred],
        ActionKind::Withdraw => &[
            Received,
            Acknowledged,
            Investigating,
            AwaitingInformation,
            PendingApproval,
            Responded,
            Escalated,
        ],
        ActionKind::RejectScope => &[Received, Acknowledged],
        ActionKind::Transfer => &[Received, Acknowledged, Investigating],
        ActionKind::Close => &[Responded, Referred],
        ActionKind::Reopen => &[Closed, NotAComplaint],
    }
}

/// Which roles may take an action. Team leaders can do all an agent can. An integrator is often
/// the system of record where its complaints are handled: on the complaints it created (its
/// scope) it records what happens there, from acknowledgement through the response and any
/// referral to closing, under the same guards as an agent. What the procedure reserves to a
/// team leader's judgement stays with one: approving or returning a response (four eyes),
/// extending a deadline, rejecting or transferring, reopening; and choosing who handles a
/// case (`assign`) is the team's.
pub fn allowed_roles(action: ActionKind) -> &'static [Role] {
    use ActionKind::*;
    use Role::*;
    match action {
        Acknowledge
        | Withdraw
        | Escalate
        | StartInvestigation
        | RequestInformation
        | InformationReceived
        | ProposeResponse
        | IssueResponse
        | ResolveSummarily
        | Refer
        | RecordReferralOutcome
        | Close => &[Agent, TeamLeader, Integrator],
        Assign => &[Agent, TeamLeader],
        ReturnForRework | ApproveResponse | Extend | RejectScope | Transfer | Reopen => {
            &[TeamLeader]
        }
    }
}

/// Whether any of `roles` may settle an issued remedy: the roles that may close the
/// complaint, since settling its remedies is what lets it close.
pub fn may_settle_remedies(roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|r| allowed_roles(ActionKind::Close).contains(r))
}

/// Whether a state ends the procedure (reopen aside).
pub fn is_terminal(state: State) -> bool {
    matches!(
        state,
        State::Closed | State::Withdrawn | State::NotAComplaint | State::Transferred
    )
}

/// Whether the organisation owes the complainant something in this state: an acknowledgement
/// or a response, at either stage. Such a case is always under a clock (a deadline or an
/// internal target); a case that was answered (`responded`, awaiting the complainant), is
/// with an ombudsman (`referred`) or has ended owes nothing until someone acts.
pub fn owes_response(state: State) -> bool {
    matches!(
        state,
        State::Received
            | State::Acknowledged
            | State::Investigating
            | State::AwaitingInformation
            | State::PendingApproval
            | State::Escalated
    )
}

fn stay(state: State, facts: &Facts) -> Effects {
    Effects {
        to: state,
        stage: facts.stage,
        assignee: None,
        stage1_handler: None,
        approved: None,
    }
}

fn needs_root_cause(facts: &Facts) -> Result<(), Refusal> {
    match facts.outcome {
        Some(o) if o.finds_fault() && !facts.has_primary_cause => {
            if facts.rca_pending && facts.profile_allows_rca_pending {
                Ok(())
            } else if facts.rca_pending {
                Err(refuse(
                    RefusalKind::Guard(Rule::RcaPendingNotAllowed),
                    "this profile does not allow a response with root-cause analysis pending",
                ))
            } else {
                Err(refuse(
                    RefusalKind::Guard(Rule::RootCauseRequired),
                    "an upheld or partially upheld outcome needs a primary root cause (or rca_pending where the profile allows it)",
                ))
            }
        }
        Some(_) => Ok(()),
        None => Err(refuse(
            RefusalKind::Guard(Rule::OutcomeRequired),
            "give the outcome",
        )),
    }
}

fn needs_reason(facts: &Facts, what: &str) -> Result<(), Refusal> {
    if facts.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(refuse(
            RefusalKind::Guard(Rule::ReasonRequired),
            format!("{what} needs a reason"),
        ));
    }
    Ok(())
}

/// Whether the case as it stands allows `action` to the caller: the state, the role and every
/// guard that depends on the case alone. What a request's body decides (an outcome, a
/// reason, the assignee, the timer and its new date) is left to [`transition`], so this also
/// answers "what may I do now" without a body. Before a body is read, `extension_allowed` and
/// `extension_notice_in_time` say whether any running timer may be extended, and may be now.
pub fn permitted(state: State, action: ActionKind, facts: &Facts) -> Result<(), Refusal> {
    if !sources(action).contains(&state) {
        return Err(refuse(
            RefusalKind::InvalidTransition,
            format!(
                "{} is not possible from {}",
                action.as_str(),
                state.as_str()
            ),
        ));
    }
    if !allowed_roles(action).contains(&facts.role) {
        return Err(refuse(
            RefusalKind::Guard(Rule::Role),
            format!("a {} cannot {}", facts.role, action.as_str()),
        ));
    }
    use ActionKind::*;
    let refusal = match action {
        // Stage 2 starts with a handler who did not handle stage 1.
        Acknowledge
            if state == State::Escalated
                && facts.stage1_handler.as_deref()
                    == Some(facts.assignee.as_deref().unwrap_or(&facts.actor)) =>
        {
            Some((
                Rule::Stage2Handler,
                "stage 2 needs a handler other than the stage-1 handler; assign one first".into(),
            ))
        }
        Assign if facts.role == Role::Agent && facts.assignee.is_some() => Some((
            Rule::Reassign,
            "agents can only take an unassigned complaint themselves; a team leader reassigns"
                .into(),
        )),
        ApproveResponse if facts.assignee.as_deref() == Some(facts.actor.as_str()) => Some((
            Rule::FourEyes,
            "the handler cannot approve their own response".into(),
        )),
        IssueResponse if state == State::PendingApproval && !facts.approved => Some((
            Rule::ApprovalRequired,
            "the proposed response has not been approved".into(),
        )),
        IssueResponse
            if facts.stage == 2
                && facts.stage1_handler.as_deref() == Some(facts.actor.as_str()) =>
        {
            Some((
                Rule::Stage2Handler,
                "the stage-1 handler cannot issue the stage-2 response".into(),
            ))
        }
        ResolveSummarily => match facts.summary_window_due {
            None => Some((
                Rule::NoSummaryWindow,
                "this profile has no summary resolution".into(),
            )),
            Some(window) if facts.now > window => Some((
                Rule::SummaryWindowPassed,
                format!(
                    "the summary-resolution window closed at {}",
                    window.to_rfc3339()
                ),
            )),
            Some(_) => None,
        },
        Extend if !facts.extension_allowed => Some((
            Rule::ExtensionNotAllowed,
            "this profile does not allow extending that timer".into(),
        )),
        Extend if !facts.extension_notice_in_time => Some((
            Rule::ExtensionNoticeLate,
            "the extension notice must be sent before the original deadline".into(),
        )),
        Escalate if facts.stage >= 2 => Some((
            Rule::FinalStage,
            "the complaint is already at its final stage".into(),
        )),
        Escalate if facts.max_stages < 2 && facts.role != Role::TeamLeader => Some((
            Rule::SingleStageProfile,
            "this profile has one stage; a team leader may override with a reason".into(),
        )),
        // A scheme decides once; a decision that leaves remedies due is followed by `close`.
        RecordReferralOutcome if facts.referral_decided => Some((
            Rule::ReferralDecided,
            "the scheme's decision is recorded already; settle the remedies, then close".into(),
        )),
        Close if state == State::Referred && !facts.referral_decided => Some((
            Rule::OutcomeRequired,
            "a referred complaint closes once the scheme's decision is recorded".into(),
        )),
        Close if facts.outcome.is_none() => {
            Some((Rule::OutcomeRequired, "closing needs an outcome".into()))
        }
        Close if !facts.remedies_settled => Some((
            Rule::RemediesUnsettled,
            "every remedy must be completed or declined before closing".into(),
        )),
        _ => None,
    };
    match refusal {
        Some((rule, detail)) => Err(refuse(RefusalKind::Guard(rule), detail)),
        None => Ok(()),
    }
}

/// Whether an action is work on the case by its handler: the first such action an agent takes
/// on an unassigned case makes them its handler, so that the case is credited to whoever works
/// it without a separate `assign`. Reviewing (approval, rework), recording what the
/// complainant or a scheme did (escalation, withdrawal, referral) and ending or moving the
/// case are not.
pub fn handles(action: ActionKind) -> bool {
    use ActionKind::*;
    matches!(
        action,
        Acknowledge
            | StartInvestigation
            | RequestInformation
            | InformationReceived
            | ProposeResponse
            | IssueResponse
            | ResolveSummarily
    )
}

/// Decides an action: the effects if it is allowed now, or why not. The case's own guards
/// ([`permitted`]) come first, then what the body decides.
pub fn transition(state: State, action: ActionKind, facts: &Facts) -> Result<Effects, Refusal> {
    let mut effects = decide(state, action, facts)?;
    // Team leaders supervise: their handling actions leave the case for an agent to take.
    if handles(action) && facts.role == Role::Agent && facts.assignee.is_none() {
        effects.assignee.get_or_insert_with(|| facts.actor.clone());
    }
    Ok(effects)
}

/// The effects of an allowed action, before any handler it takes on.
fn decide(state: State, action: ActionKind, facts: &Facts) -> Result<Effects, Refusal> {
    permitted(state, action, facts)?;
    use ActionKind::*;
    match action {
        Acknowledge if state == State::Escalated => Ok(Effects {
            to: State::Acknowledged,
            stage: 2,
            ..stay(state, facts)
        }),
        Acknowledge => Ok(Effects {
            to: State::Acknowledged,
            ..stay(state, facts)
        }),
        Assign => {
            let Some((to, same_team)) = &facts.assign_to else {
                return Err(refuse(
                    RefusalKind::Guard(Rule::AssigneeRequired),
                    "name the assignee",
                ));
            };
            if !same_team {
                return Err(refuse(
                    RefusalKind::Guard(Rule::AssigneeTeam),
                    "the assignee must be in the complaint's team",
                ));
            }
            if facts.role == Role::Agent && to != &facts.actor {
                return Err(refuse(
                    RefusalKind::Guard(Rule::Reassign),
                    "agents can only take an unassigned complaint themselves; a team leader reassigns",
                ));
            }
            Ok(Effects {
                assignee: Some(to.clone()),
                ..stay(state, facts)
            })
        }
        StartInvestigation | InformationReceived => Ok(Effects {
            to: State::Investigating,
            ..stay(state, facts)
        }),
        ReturnForRework => {
            needs_reason(facts, "returning a response for rework")?;
            Ok(Effects {
                to: State::Investigating,
                approved: Some(false),
                ..stay(state, facts)
            })
        }
        RequestInformation => Ok(Effects {
            to: State::AwaitingInformation,
            ..stay(state, facts)
        }),
        ProposeResponse => {
            needs_root_cause(facts)?;
            Ok(Effects {
                to: State::PendingApproval,
                approved: Some(false),
                ..stay(state, facts)
            })
        }
        ApproveResponse => Ok(Effects {
            approved: Some(true),
            ..stay(state, facts)
        }),
        IssueResponse => {
            needs_root_cause(facts)?;
            let needs_approval = facts.redress_minor > facts.approval_threshold_minor;
            if needs_approval && !facts.approved {
                return Err(refuse(
                    RefusalKind::Guard(Rule::ApprovalRequired),
                    "redress above the approval threshold needs a team leader's approval (propose_response, then approve_response)",
                ));
            }
            if state == State::PendingApproval && !facts.matches_proposal {
                return Err(refuse(
                    RefusalKind::Guard(Rule::DiffersFromProposal),
                    "issue the approved proposal as it stands (same outcome, no further remedies); return it for rework to change it",
                ));
            }
            let stage1_handler = (facts.stage == 1).then(|| {
                facts
                    .assignee
                    .clone()
                    .unwrap_or_else(|| facts.actor.clone())
            });
            Ok(Effects {
                to: State::Responded,
                stage1_handler,
                // An approval covers one response, never a later stage's.
                approved: Some(false),
                ..stay(state, facts)
            })
        }
        ResolveSummarily => {
            if facts.outcome.is_none() {
                return Err(refuse(
                    RefusalKind::Guard(Rule::OutcomeRequired),
                    "give the outcome",
                ));
            }
            Ok(Effects {
                to: State::Closed,
                ..stay(state, facts)
            })
        }
        Extend => {
            if !facts.extension_notice_given {
                return Err(refuse(
                    RefusalKind::Guard(Rule::ExtensionNoticeRequired),
                    "this timer is extended only with a notice to the complainant; record it",
                ));
            }
            if !facts.extension_within_cap {
                return Err(refuse(
                    RefusalKind::Guard(Rule::ExtensionOverCap),
                    "the new date is beyond the profile's cap",
                ));
            }
            Ok(stay(state, facts))
        }
        Escalate => {
            if facts.max_stages < 2 {
                // `permitted` let only a team leader through; the override needs a reason.
                let overriding = facts
                    .reason
                    .as_deref()
                    .is_some_and(|r| !r.trim().is_empty());
                if !overriding {
                    return Err(refuse(
                        RefusalKind::Guard(Rule::SingleStageProfile),
                        "this profile has one stage; a team leader may override with a reason",
                    ));
                }
            }
            Ok(Effects {
                to: State::Escalated,
                ..stay(state, facts)
            })
        }
        Refer => Ok(Effects {
            to: State::Referred,
            ..stay(state, facts)
        }),
        // The decision closes the case unless a remedy (the firm's, or one the scheme ordered)
        // is still due: the case then waits, referred, for `close` once they are settled.
        RecordReferralOutcome => Ok(Effects {
            to: if facts.remedies_settled {
                State::Closed
            } else {
                State::Referred
            },
            ..stay(state, facts)
        }),
        Withdraw => Ok(Effects {
            to: State::Withdrawn,
            ..stay(state, facts)
        }),
        RejectScope => {
            needs_reason(facts, "rejecting a complaint as out of scope")?;
            Ok(Effects {
                to: State::NotAComplaint,
                ..stay(state, facts)
            })
        }
        Transfer => {
            needs_reason(facts, "transferring a complaint")?;
            Ok(Effects {
                to: State::Transferred,
                ..stay(state, facts)
            })
        }
        Close => Ok(Effects {
            to: State::Closed,
            ..stay(state, facts)
        }),
        // Reopening never revives the original regulatory timers: they stay met or breached as
        // they were, and the service starts an internal target instead.
        Reopen => {
            needs_reason(facts, "reopening")?;
            Ok(Effects {
                to: State::Investigating,
                ..stay(state, facts)
            })
        }
    }
}

#[cfg(test)]
mod tests;
