//! The instants an action carries, checked against the events they follow and the clock.

use super::*;
use crate::domain::case::instants::Event;

/// Checks every instant the body gives against the case's own: a letter, escalation,
/// referral or decision happened after the events the procedure puts before it
/// ([`Event::follows`]) and not after now; a new due instant stays within the planning
/// horizon. `last_response` is when the latest response went out, for a referral or an
/// escalation (which follow it).
pub(super) fn check_instants(
    case: &Case,
    input: &ActionInput,
    now: DateTime<Utc>,
    last_response: Option<DateTime<Utc>>,
) -> Result<(), Refused> {
    let c = &case.current;
    let stage = case.stage.number();
    // The timers the action concerns, whose start bounds it.
    let started: Vec<DateTime<Utc>> = match input {
        ActionInput::IssueResponse { .. } => case
            .live_timers()
            .filter(|(_, live)| {
                purpose::effect(ActionKind::IssueResponse, State::Responded, stage, *live)
                    == Some(TimerEffect::Meets)
            })
            .map(|(t, _)| t.started_at)
            .collect(),
        ActionInput::Extend { timer, .. } => case
            .running()
            .filter(|t| t.name == *timer)
            .map(|t| t.started_at)
            .collect(),
        _ => Vec::new(),
    };
    // The case's instant of each event, where it has one.
    let marks = |event: Event| -> Vec<Mark> {
        let at = match event {
            Event::Receipt => Some(c.received_at),
            Event::Acknowledgement => c.acknowledged_at,
            Event::EscalationReceipt => c.escalation_received_at,
            Event::EscalationAcknowledgement => c.escalation_acknowledged_at,
            Event::Response => last_response,
            Event::Referral => c.referred_at,
            Event::TimerStart => {
                return started
                    .iter()
                    .map(|&at| Mark::new(event.what(), at))
                    .collect();
            }
            Event::SummaryResolution
            | Event::StageTwoResponse
            | Event::ExtensionNotice
            | Event::ReferralDecision => None,
        };
        at.map(|at| Mark::new(event.what(), at))
            .into_iter()
            .collect()
    };
    let check = |field: &str, event: Event, at: Option<DateTime<Utc>>| match at {
        Some(at) => {
            let follows: Vec<Mark> = event.follows().iter().flat_map(|e| marks(*e)).collect();
            instants::happened(field, at, &follows, now)
        }
        None => Ok(()),
    };
    let sent = |comm: &Communication| comm.sent_at;
    match input {
        ActionInput::Acknowledge { communication } if case.state == State::Escalated => check(
            "communication.sent_at",
            Event::EscalationAcknowledgement,
            sent(communication),
        ),
        ActionInput::Acknowledge { communication } => check(
            "communication.sent_at",
            Event::Acknowledgement,
            sent(communication),
        ),
        ActionInput::ResolveSummarily { communication, .. } => check(
            "communication.sent_at",
            Event::SummaryResolution,
            sent(communication),
        ),
        ActionInput::IssueResponse { communication, .. } => {
            let event = if stage == 2 {
                Event::StageTwoResponse
            } else {
                Event::Response
            };
            check("communication.sent_at", event, sent(communication))
        }
        ActionInput::Extend {
            new_due_at, notice, ..
        } => {
            if let Some(n) = notice {
                check("notice.sent_at", Event::ExtensionNotice, sent(n))?;
            }
            instants::planned(
                "new_due_at",
                *new_due_at,
                &marks(Event::Receipt),
                instants::horizon(now),
            )
        }
        ActionInput::Escalate { received_at, .. } => {
            check("received_at", Event::EscalationReceipt, *received_at)
        }
        ActionInput::Refer { referred_at, .. } => {
            check("referred_at", Event::Referral, *referred_at)
        }
        ActionInput::RecordReferralOutcome { decided_at, .. } => {
            check("decided_at", Event::ReferralDecision, *decided_at)
        }
        _ => Ok(()),
    }
}

/// When the latest response (summary, stage or final) went out, for the bound of a referral
/// or an escalation dated by the caller.
pub(super) async fn last_response(
    db: &impl ConnectionTrait,
    id: Uuid,
    input: &ActionInput,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let (ActionInput::Refer {
        referred_at: Some(_),
        ..
    }
    | ActionInput::Escalate {
        received_at: Some(_),
        ..
    }) = input
    else {
        return Ok(None);
    };
    Ok(communication::Entity::find()
        .select_only()
        .column_as(communication::Column::SentAt.max(), "at")
        .filter(communication::Column::ComplaintId.eq(id))
        .filter(communication::Column::Kind.is_in([
            "summary_resolution",
            "stage_response",
            "final_response",
        ]))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten())
}
