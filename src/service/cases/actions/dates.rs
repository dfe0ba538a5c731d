//! The instants an action carries, checked against the events they follow and the clock.

use super::*;

/// Checks every instant the body gives against the case's own: a letter, referral or
/// decision happened after the event it follows and not after now; a new due instant stays
/// within the planning horizon. `last_response` is when the latest response went out, for a
/// referral (which follows it).
pub(super) fn check_instants(
    case: &Case,
    input: &ActionInput,
    now: DateTime<Utc>,
    last_response: Option<DateTime<Utc>>,
) -> Result<(), Refused> {
    let c = &case.current;
    let receipt = Mark::new("the complaint's receipt", c.received_at);
    let acknowledgement = c
        .acknowledged_at
        .map(|at| Mark::new("the acknowledgement", at));
    let escalation = c
        .escalation_received_at
        .map(|at| Mark::new("the escalation", at));
    let escalation_acknowledgement = c
        .escalation_acknowledged_at
        .map(|at| Mark::new("the acknowledgement of the escalation", at));
    let sent = |field: &str, comm: &Communication, follows: &[Option<Mark>]| {
        let follows: Vec<Mark> = std::iter::once(receipt)
            .chain(follows.iter().flatten().copied())
            .collect();
        match comm.sent_at {
            Some(at) => instants::happened(field, at, &follows, now),
            None => Ok(()),
        }
    };
    match input {
        ActionInput::Acknowledge { communication } if case.state == State::Escalated => {
            sent("communication.sent_at", communication, &[escalation])
        }
        ActionInput::Acknowledge { communication } => {
            sent("communication.sent_at", communication, &[])
        }
        ActionInput::ResolveSummarily { communication, .. } => {
            sent("communication.sent_at", communication, &[acknowledgement])
        }
        ActionInput::IssueResponse { communication, .. } => {
            // A response follows its stage's acknowledgement and the start of every timer it
            // meets (after a reopening, the reopened response's).
            let stage = case.stage.number();
            let mut follows = match stage {
                2 => vec![escalation, escalation_acknowledgement],
                _ => vec![acknowledgement],
            };
            follows.extend(
                case.live_timers()
                    .filter(|(_, live)| {
                        purpose::effect(ActionKind::IssueResponse, State::Responded, stage, *live)
                            == Some(TimerEffect::Meets)
                    })
                    .map(|(t, _)| t)
                    .map(|t| Some(Mark::new("the start of the timer it meets", t.started_at))),
            );
            sent("communication.sent_at", communication, &follows)
        }
        ActionInput::Extend {
            timer,
            new_due_at,
            notice,
            ..
        } => {
            let started = case
                .running()
                .find(|t| t.name == *timer)
                .map(|t| Mark::new("the start of the timer", t.started_at));
            if let Some(n) = notice {
                sent("notice.sent_at", n, &[started])?;
            }
            instants::planned(
                "new_due_at",
                *new_due_at,
                &[receipt],
                instants::horizon(now),
            )
        }
        ActionInput::Refer {
            referred_at: Some(at),
            ..
        } => {
            let response = last_response.map(|at| Mark::new("the response", at));
            let follows: Vec<Mark> = [Some(receipt), response].into_iter().flatten().collect();
            instants::happened("referred_at", *at, &follows, now)
        }
        ActionInput::RecordReferralOutcome {
            decided_at: Some(at),
            ..
        } => {
            let referral = c.referred_at.map(|at| Mark::new("the referral", at));
            let follows: Vec<Mark> = [Some(receipt), referral].into_iter().flatten().collect();
            instants::happened("decided_at", *at, &follows, now)
        }
        _ => Ok(()),
    }
}

/// When the latest response (summary, stage or final) went out, for a referral's bound.
pub(super) async fn last_response(
    db: &impl ConnectionTrait,
    id: Uuid,
    input: &ActionInput,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let ActionInput::Refer {
        referred_at: Some(_),
        ..
    } = input
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
