//! What each timer is for, and what each procedure action does to the timers a case has
//! running. The service writes what [`effect`] and [`started_by`] decide; the reports count
//! timers by [`Purpose`] rather than by their names.

use crate::domain::case::{
    complaint::State,
    procedure::{ActionKind, is_terminal},
};
use crate::domain::deadlines::StartEvent;

crate::domain::case::complaint::vocabulary!(
    /// The timers the profiles define, by the name stored on a complaint's timer. A reopening's
    /// timer is numbered instead (see [`REOPENED_PREFIX`]).
    TimerName {
        Acknowledgement = "acknowledgement",
        Stage1Acknowledgement = "stage1_acknowledgement",
        Stage2Acknowledgement = "stage2_acknowledgement",
        SummaryResolution = "summary_resolution",
        Response = "response",
        Stage1Response = "stage1_response",
        Stage2Response = "stage2_response",
        FinalResponse = "final_response",
    }
);

/// The stem of the timers a reopening starts: `reopened_response_1`, `reopened_response_2`, ...
pub const REOPENED_PREFIX: &str = "reopened_response";

/// What a timer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// Acknowledging the complaint, or at stage 2 its escalation.
    Acknowledgement,
    /// The window within which a complaint may be closed with a summary resolution.
    SummaryWindow,
    /// A first response at stage 1 that need not be the final one (CFPB's 15 days).
    FirstResponse,
    /// The response that ends one stage of a two-stage procedure.
    StageResponse(u8),
    /// The final response, whichever stage gives it.
    FinalResponse,
    /// The response owed after a team leader reopened the case.
    ReopenedResponse,
}

impl TimerName {
    pub fn purpose(self) -> Purpose {
        use TimerName::*;
        match self {
            Acknowledgement | Stage1Acknowledgement | Stage2Acknowledgement => {
                Purpose::Acknowledgement
            }
            SummaryResolution => Purpose::SummaryWindow,
            Response => Purpose::FirstResponse,
            Stage1Response => Purpose::StageResponse(1),
            Stage2Response => Purpose::StageResponse(2),
            FinalResponse => Purpose::FinalResponse,
        }
    }
}

impl Purpose {
    /// The purpose of a stored timer; `None` for a name no profile defines.
    pub fn of_stored(name: &str) -> Option<Purpose> {
        if let Some(n) = name
            .strip_prefix(REOPENED_PREFIX)
            .and_then(|rest| rest.strip_prefix('_'))
        {
            return n
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .map(|_| Purpose::ReopenedResponse);
        }
        TimerName::parse(name).map(TimerName::purpose)
    }

    /// A response to the complaint (of a stage, or final), not counting a reopening's: what
    /// "responded in time" is measured against.
    pub fn is_response(self) -> bool {
        matches!(
            self,
            Purpose::FirstResponse | Purpose::StageResponse(_) | Purpose::FinalResponse
        )
    }

    /// The named timers with a purpose `pred` accepts, for filters the database applies.
    pub fn names_where(pred: impl Fn(Purpose) -> bool) -> Vec<&'static str> {
        TimerName::ALL
            .iter()
            .filter(|n| pred(n.purpose()))
            .map(|n| n.as_str())
            .collect()
    }
}

/// The name a case's `nth` reopening gives its timer.
pub fn reopened_name(nth: usize) -> String {
    format!("{REOPENED_PREFIX}_{nth}")
}

/// What an action does to one of the case's live timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerEffect {
    /// The action is what the timer waited for (met, or breached if it came late).
    Meets,
    /// The timer no longer applies.
    Stops,
    /// The clock stops while the case awaits information.
    Pauses,
    /// The clock runs again from where it paused.
    Resumes,
}

/// A live timer as [`effect`] needs to see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Live {
    pub purpose: Purpose,
    pub paused: bool,
    /// Set by regulation: such a clock never pauses.
    pub regulatory: bool,
}

/// What `action`, leaving the case in `to` at `stage`, does to the live timer `timer`; `None`
/// leaves it as it is.
pub fn effect(action: ActionKind, to: State, stage: u8, timer: Live) -> Option<TimerEffect> {
    use Purpose::*;
    let meets = match (action, timer.purpose) {
        (ActionKind::Acknowledge, Acknowledgement)
        | (ActionKind::ResolveSummarily, SummaryWindow)
        | (ActionKind::IssueResponse, ReopenedResponse | FinalResponse) => true,
        (ActionKind::IssueResponse, FirstResponse) => stage == 1,
        (ActionKind::IssueResponse, StageResponse(s)) => stage == s,
        _ => false,
    };
    if meets {
        return Some(TimerEffect::Meets);
    }
    // A response closes the summary-resolution route.
    if is_terminal(to) || (action == ActionKind::IssueResponse && timer.purpose == SummaryWindow) {
        return Some(TimerEffect::Stops);
    }
    match action {
        ActionKind::RequestInformation if !timer.paused && !timer.regulatory => {
            Some(TimerEffect::Pauses)
        }
        ActionKind::InformationReceived if timer.paused => Some(TimerEffect::Resumes),
        _ => None,
    }
}

/// The event whose instant an action records and from which new timers run, if any: taking
/// `action` on a case in `from`.
pub fn started_by(action: ActionKind, from: State) -> Option<StartEvent> {
    match (action, from) {
        (ActionKind::Acknowledge, State::Escalated) => Some(StartEvent::EscalationAcknowledged),
        (ActionKind::Acknowledge, _) => Some(StartEvent::Acknowledged),
        (ActionKind::Escalate, _) => Some(StartEvent::EscalationReceived),
        (ActionKind::Reopen, _) => Some(StartEvent::Reopened),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::complaint::Profile;
    use crate::domain::deadlines::rules;

    #[test]
    fn every_profile_timer_has_a_purpose_and_reopenings_are_numbered() {
        for profile in Profile::ALL {
            for rule in rules(*profile).timers {
                assert!(
                    Purpose::of_stored(rule.name).is_some(),
                    "{profile:?} {}",
                    rule.name
                );
            }
        }
        assert_eq!(
            Purpose::of_stored(&reopened_name(3)),
            Some(Purpose::ReopenedResponse)
        );
        for unknown in [
            "reopened_response",
            "reopened_response_0",
            "reopened_response_x",
            "stage3_response",
            "",
        ] {
            assert_eq!(Purpose::of_stored(unknown), None, "{unknown}");
        }
    }

    /// Every action against every kind of live timer, at both stages, on a case the action
    /// leaves open and on one it ends.
    #[test]
    fn what_each_action_does_to_each_timer() {
        use Purpose::*;
        use TimerEffect::*;
        let purposes = [
            Acknowledgement,
            SummaryWindow,
            FirstResponse,
            StageResponse(1),
            StageResponse(2),
            FinalResponse,
            ReopenedResponse,
        ];
        for action in ActionKind::ALL {
            for stage in [1u8, 2] {
                for to in [State::Investigating, State::Closed] {
                    for purpose in purposes {
                        for (paused, regulatory) in [(false, true), (false, false), (true, false)] {
                            let got = effect(
                                action,
                                to,
                                stage,
                                Live {
                                    purpose,
                                    paused,
                                    regulatory,
                                },
                            );
                            let meets = match (action, purpose) {
                                (ActionKind::Acknowledge, Acknowledgement) => true,
                                (ActionKind::ResolveSummarily, SummaryWindow) => true,
                                (ActionKind::IssueResponse, FinalResponse | ReopenedResponse) => {
                                    true
                                }
                                (ActionKind::IssueResponse, FirstResponse | StageResponse(1)) => {
                                    stage == 1
                                }
                                (ActionKind::IssueResponse, StageResponse(2)) => stage == 2,
                                _ => false,
                            };
                            let want = if meets {
                                Some(Meets)
                            } else if to == State::Closed
                                || (action == ActionKind::IssueResponse && purpose == SummaryWindow)
                            {
                                Some(Stops)
                            } else if action == ActionKind::RequestInformation
                                && !paused
                                && !regulatory
                            {
                                Some(Pauses)
                            } else if action == ActionKind::InformationReceived && paused {
                                Some(Resumes)
                            } else {
                                None
                            };
                            assert_eq!(
                                got, want,
                                "{action:?} stage {stage} to {to:?} {purpose:?} paused {paused} regulatory {regulatory}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_events_that_start_timers() {
        for action in ActionKind::ALL {
            for &from in State::ALL {
                let want = match (action, from) {
                    (ActionKind::Acknowledge, State::Escalated) => {
                        Some(StartEvent::EscalationAcknowledged)
                    }
                    (ActionKind::Acknowledge, _) => Some(StartEvent::Acknowledged),
                    (ActionKind::Escalate, _) => Some(StartEvent::EscalationReceived),
                    (ActionKind::Reopen, _) => Some(StartEvent::Reopened),
                    _ => None,
                };
                assert_eq!(started_by(action, from), want, "{action:?} from {from:?}");
            }
        }
    }

    #[test]
    fn response_names_for_the_database() {
        assert_eq!(
            Purpose::names_where(Purpose::is_response),
            [
                "response",
                "stage1_response",
                "stage2_response",
                "final_response"
            ]
        );
    }
}
