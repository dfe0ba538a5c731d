//! The organisation's own clocks: the `internal` profile's targets, the internal review a
//! team leader opens on a one-stage profile, and the target a reopening starts.

use chrono::NaiveTime;

use super::{
    DueAt, ExtensionRule, ProfileRules, Span, StartEvent, TimerKind, TimerRule, purpose, timer,
};
use crate::domain::{case::complaint::Profile, deadlines::holidays::CalendarId};

/// The targets an organisation sets for its `internal` profile (complaints no regulator
/// governs). Every timer it makes is an internal target: extendable without a notice and
/// without a cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InternalTargets {
    pub calendar: CalendarId,
    /// 1 or 2.
    pub stages: u8,
    pub acknowledgement_business_days: u32,
    pub stage1_response_business_days: u32,
    /// Used when `stages` is 2.
    pub stage2_response_business_days: u32,
    /// Whether a response may go out with its root-cause analysis still to do (`rca_pending`),
    /// under every profile: the organisation's choice (root causes must be analysed, DISP
    /// 1.3.3R, but not necessarily before the answer). Off unless an admin turns it on.
    pub rca_pending_allowed: bool,
}

impl Default for InternalTargets {
    fn default() -> Self {
        InternalTargets {
            calendar: CalendarId::EnglandWales,
            stages: 2,
            acknowledgement_business_days: 3,
            stage1_response_business_days: 10,
            stage2_response_business_days: 20,
            rca_pending_allowed: false,
        }
    }
}

/// The internal target a reopened complaint gets: its original regulatory timers stay as
/// they were, and the new response is due this many business days after the reopening.
pub const REOPEN_TARGET: Span = Span::BusinessDays(10);

/// The timer rule for the `nth` reopening of a case.
pub fn reopen_rule() -> TimerRule {
    TimerRule {
        extension: Some(ExtensionRule {
            cap: None,
            notice_required: false,
        }),
        ..timer(
            purpose::REOPENED_PREFIX,
            None,
            StartEvent::Reopened,
            REOPEN_TARGET,
            DueAt::EndOfDay,
            TimerKind::Target,
        )
    }
}

/// The rules of the `internal` profile for the targets given.
pub fn internal_rules(targets: &InternalTargets) -> ProfileRules {
    use DueAt::*;
    use Span::*;
    use StartEvent::*;
    use TimerKind::*;
    let internal = |rule: TimerRule| TimerRule {
        extension: Some(ExtensionRule {
            cap: None,
            notice_required: false,
        }),
        ..rule
    };
    let mut timers = vec![internal(timer(
        "acknowledgement",
        None,
        Received,
        BusinessDays(targets.acknowledgement_business_days),
        EndOfDay,
        Target,
    ))];
    if targets.stages >= 2 {
        timers.push(internal(timer(
            "stage1_response",
            Some(1),
            Received,
            BusinessDays(targets.stage1_response_business_days),
            EndOfDay,
            Target,
        )));
        timers.push(internal(timer(
            "stage2_response",
            Some(2),
            EscalationReceived,
            BusinessDays(targets.stage2_response_business_days),
            EndOfDay,
            Target,
        )));
    } else {
        timers.push(internal(timer(
            "final_response",
            None,
            Received,
            BusinessDays(targets.stage1_response_business_days),
            EndOfDay,
            Target,
        )));
    }
    ProfileRules {
        profile: Profile::Internal,
        max_stages: targets.stages.clamp(1, 2),
        calendar: targets.calendar,
        after_hours_rollover: false,
        close_of_business: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        summary_window: None,
        rca_pending_allowed: targets.rca_pending_allowed,
        timers,
    }
}

/// A profile's rules with the internal review a team leader may open on a one-stage profile:
/// such an escalation is under no rule's clock, so it runs against the organisation's own
/// stage-2 targets (those of the `internal` profile), counted in the profile's calendar. A
/// profile with a second stage of its own is returned as it is.
pub fn with_internal_review(mut rules: ProfileRules, targets: &InternalTargets) -> ProfileRules {
    use StartEvent::EscalationReceived;
    rules.rca_pending_allowed = targets.rca_pending_allowed;
    if rules.max_stages >= 2 || rules.timers.iter().any(|t| t.stage == Some(2)) {
        return rules;
    }
    let internal = |rule: TimerRule| TimerRule {
        extension: Some(ExtensionRule {
            cap: None,
            notice_required: false,
        }),
        ..rule
    };
    rules.timers.push(internal(timer(
        "stage2_acknowledgement",
        Some(2),
        EscalationReceived,
        Span::BusinessDays(targets.acknowledgement_business_days),
        DueAt::EndOfDay,
        TimerKind::Target,
    )));
    rules.timers.push(internal(timer(
        "stage2_response",
        Some(2),
        EscalationReceived,
        Span::BusinessDays(targets.stage2_response_business_days),
        DueAt::EndOfDay,
        TimerKind::Target,
    )));
    rules
}
