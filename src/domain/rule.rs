//! The rules that can refuse an action. A refused action answers 409 `guard_failed` with the
//! rule in `reason`, which the spec publishes as an enum so that clients can switch on it; a
//! rule's wire name never changes.

macro_rules! rules {
    ($( $variant:ident = $wire:literal => $meaning:literal ),+ $(,)?) => {
        /// A rule of the procedure, of the improvement cycle or of a case's records.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $( #[doc = $meaning] $variant ),+ }

        impl Rule {
            /// Every rule, in the order the spec lists them.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// The rule's stable wire name.
            pub fn as_str(self) -> &'static str {
                match self { $(Rule::$variant => $wire),+ }
            }

            /// What the rule asks, in a sentence (the reasons table in docs/errors.md).
            pub fn meaning(self) -> &'static str {
                match self { $(Rule::$variant => $meaning),+ }
            }
        }
    };
}

rules! {
    ApprovalRequired = "approval_required" => "Redress above the approval threshold needs a team leader's approval of the proposed response before it is issued.",
    AssigneeRequired = "assignee_required" => "Assigning names the assignee.",
    AssigneeTeam = "assignee_team" => "The assignee must be in the complaint's team.",
    DiffersFromProposal = "differs_from_proposal" => "An approved proposal is issued as it stands (same outcome, no further remedies); to change it, return it for rework.",
    ExtensionNotAllowed = "extension_not_allowed" => "The profile does not allow extending that timer.",
    ExtensionNoticeLate = "extension_notice_late" => "The extension notice must be sent before the original deadline.",
    ExtensionNoticeRequired = "extension_notice_required" => "The timer is extended only with a notice to the complainant, which must be recorded.",
    ExtensionOverCap = "extension_over_cap" => "The new date is beyond the profile's cap on extensions.",
    FinalStage = "final_stage" => "The complaint is already at its final stage.",
    FourEyes = "four_eyes" => "The handler cannot approve their own response.",
    NoSummaryWindow = "no_summary_window" => "The profile has no summary resolution.",
    OutcomeRequired = "outcome_required" => "A response or a closing gives the outcome.",
    RcaPendingNotAllowed = "rca_pending_not_allowed" => "The profile does not allow a response with root-cause analysis pending.",
    ReasonRequired = "reason_required" => "The action needs a reason (an override, a rejection, a hold, a revisited plan).",
    Reassign = "reassign" => "Agents only take an unassigned complaint themselves; a team leader reassigns.",
    RemediesUnsettled = "remedies_unsettled" => "Every remedy must be completed or declined before closing.",
    ReferralDecided = "referral_decided" => "The scheme's decision on the referral is recorded already; another decision needs a new referral.",
    Role = "role" => "None of the caller's roles may take this action.",
    RootCauseRequired = "root_cause_required" => "An upheld or partially upheld outcome needs a primary root cause (or `rca_pending` where the profile allows it).",
    SingleStageProfile = "single_stage_profile" => "The profile has one stage; a team leader may override with a reason.",
    Stage2Handler = "stage2_handler" => "Stage 2 needs a handler other than the stage-1 handler.",
    SummaryWindowPassed = "summary_window_passed" => "The summary-resolution window has closed.",
    RemedyNotIssued = "remedy_not_issued" => "The remedy is part of a proposal awaiting approval; it is settled once issued.",
    RemedySettled = "remedy_settled" => "The remedy is settled already.",
    ResponseRequired = "response_required" => "A survey asks about a response, and the complaint has not been sent one.",
    CodeNotActive = "code_not_active" => "The root-cause code is deprecated or merged.",
    BaselineRequired = "baseline_required" => "A plan gives a baseline window.",
    GoLiveRequired = "go_live_required" => "Record when the change went live first.",
    HeldFromUnknown = "held_from_unknown" => "The state the item was held from is unknown.",
    MeasurementNotOver = "measurement_not_over" => "The measurement window after go-live has not ended yet.",
    MeasurementWindowRequired = "measurement_window_required" => "A plan gives a measurement window.",
    MergeTarget = "merge_target" => "An item merges only into another open item.",
    NotEffective = "not_effective" => "Only an effective fix is standardised; iterate to plan otherwise.",
    OthersAffectedRequired = "others_affected_required" => "A plan answers whether customers who did not complain could be affected.",
    OwnerRequired = "owner_required" => "Triage names an owner.",
    PriorityRequired = "priority_required" => "Triage sets a priority.",
    ProblemStatementRequired = "problem_statement_required" => "A plan states the problem.",
    StandardisationRequired = "standardisation_required" => "Acting records what was standardised (policy, training, control).",
    SuccessCriterionRequired = "success_criterion_required" => "A plan gives a target reduction.",
    TasksRequired = "tasks_required" => "Doing needs at least one action with an owner and a due date.",
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a state machine refused an action: the action is not possible from the current state
/// at all, or a rule refuses it there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    InvalidTransition,
    Guard(Rule),
}

/// The wire form (`invalid_transition`, `guard_failed:<rule>`), for diagnostics and tables.
impl std::fmt::Display for RefusalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefusalKind::InvalidTransition => f.write_str("invalid_transition"),
            RefusalKind::Guard(rule) => write!(f, "guard_failed:{rule}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let name = rule.as_str();
            assert!(seen.insert(name), "duplicate rule {name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{name}"
            );
        }
    }
}
