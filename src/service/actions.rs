//! Procedure actions on a complaint: load the case, gather the facts, let the pure state
//! machine decide, then write the new state, its records (communications, remedies), the
//! timers it meets, starts or stops, and the audit event, in one conditional write.

use chrono::{DateTime, Utc};
use entity::{communication, complaint, complaint_timer, remedy, user};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use super::{audit, complaints::load_for_change, timers};
use crate::{
    auth::Actor,
    domain::{
        complaint::{Profile, State},
        deadlines::{StartEvent, Starts, rules},
        procedure::{ActionKind, Facts, Outcome, Refusal, allowed_roles, transition},
    },
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// A communication sent to the complainant as part of an action.
#[derive(Debug, Clone)]
pub struct Communication {
    pub channel: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub summary: Option<String>,
}

/// A remedy offered in a response.
#[derive(Debug, Clone)]
pub struct Remedy {
    pub kind: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub status: String,
    pub description: Option<String>,
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
    IssueResponse {
        outcome: Outcome,
        primary_cause: Option<String>,
        rca_pending: bool,
        remedies: Vec<Remedy>,
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
    },
    Reopen {
        reason: String,
    },
    ResolveSummarily {
        outcome: Outcome,
        primary_cause: Option<String>,
        communication: Communication,
    },
}

impl ActionInput {
    pub fn kind(&self) -> ActionKind {
        match self {
            ActionInput::Acknowledge { .. } => ActionKind::Acknowledge,
            ActionInput::StartInvestigation { .. } => ActionKind::StartInvestigation,
            ActionInput::RequestInformation { .. } => ActionKind::RequestInformation,
            ActionInput::InformationReceived { .. } => ActionKind::InformationReceived,
            ActionInput::IssueResponse { .. } => ActionKind::IssueResponse,
            ActionInput::Close { .. } => ActionKind::Close,
            ActionInput::Withdraw { .. } => ActionKind::Withdraw,
            ActionInput::Assign { .. } => ActionKind::Assign,
            ActionInput::Escalate { .. } => ActionKind::Escalate,
            ActionInput::Reopen { .. } => ActionKind::Reopen,
            ActionInput::ResolveSummarily { .. } => ActionKind::ResolveSummarily,
        }
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        match r.code.strip_prefix("guard_failed:") {
            Some(rule) => ApiError {
                reason: Some(rule.to_owned()),
                ..ApiError::new(ErrorCode::GuardFailed, r.detail)
            },
            None if r.code == "invalid_transition" => {
                ApiError::new(ErrorCode::InvalidTransition, r.detail)
            }
            None => ApiError::new(ErrorCode::GuardFailed, r.detail),
        }
    }
}

/// Largest redress among the remedies, in minor units.
fn largest_redress(remedies: &[Remedy]) -> i64 {
    remedies
        .iter()
        .filter_map(|r| r.amount_minor)
        .max()
        .unwrap_or(0)
}

fn settled(status: &str) -> bool {
    matches!(status, "completed" | "declined")
}

/// The timers an action meets: acknowledging meets acknowledgement targets, a response meets
/// the response deadlines of its stage.
fn met_by(action: ActionKind, stage: u8, name: &str) -> bool {
    match action {
        ActionKind::Acknowledge => name.ends_with("acknowledgement"),
        ActionKind::ResolveSummarily => name == "summary_resolution",
        ActionKind::IssueResponse => match stage {
            2 => matches!(name, "stage2_response" | "final_response"),
            _ => matches!(name, "final_response" | "response" | "stage1_response"),
        },
        _ => false,
    }
}

/// Takes a procedure action, if `expected_versions` is still current.
pub async fn act(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    input: ActionInput,
) -> Result<complaint::Model, ApiError> {
    let now = state.clock.now();
    let action = input.kind();
    let tx = state.db.begin_write().await?;
    let current = load_for_change(tx.conn(), &actor.scope, id, expected_versions).await?;
    let state_now = State::parse(&current.state).unwrap_or(State::Received);
    let profile = Profile::parse(&current.profile).unwrap_or(state.config.default_profile);
    let profile_rules = rules(profile);
    let existing_remedies = remedy::Entity::find()
        .filter(remedy::Column::ComplaintId.eq(id))
        .all(tx.conn())
        .await?;
    let running = complaint_timer::Entity::find()
        .filter(complaint_timer::Column::ComplaintId.eq(id))
        .filter(complaint_timer::Column::State.eq(timers::RUNNING))
        .all(tx.conn())
        .await?;

    // The caller acts in whichever of its roles the action allows.
    let role = allowed_roles(action)
        .iter()
        .copied()
        .find(|r| actor.roles.contains(r))
        .unwrap_or(actor.role);
    let mut facts = Facts {
        now,
        actor: actor.sub.clone(),
        role,
        stage: current.stage.clamp(1, 2) as u8,
        max_stages: profile_rules.max_stages,
        assignee: current.assignee_id.clone(),
        stage1_handler: current.stage1_handler.clone(),
        assign_to: None,
        outcome: current.outcome.as_deref().and_then(Outcome::parse),
        has_primary_cause: current.primary_cause.is_some(),
        rca_pending: current.rca_pending,
        profile_allows_rca_pending: false,
        redress_minor: 0,
        approval_threshold_minor: state.config.approval_threshold_minor,
        approved: current.approved,
        remedies_settled: existing_remedies.iter().all(|r| settled(&r.status)),
        summary_window_due: profile_rules
            .summary_window
            .and_then(|w| running.iter().find(|t| t.name == w).map(|t| t.due_at)),
        reason: None,
        extension_allowed: false,
        extension_notice_in_time: false,
        extension_within_cap: false,
    };
    if let ActionInput::IssueResponse {
        outcome,
        primary_cause,
        rca_pending,
        remedies,
        ..
    } = &input
    {
        facts.outcome = Some(*outcome);
        facts.has_primary_cause = primary_cause.is_some();
        facts.rca_pending = *rca_pending;
        facts.redress_minor = largest_redress(remedies);
        facts.remedies_settled =
            facts.remedies_settled && remedies.iter().all(|r| settled(&r.status));
    }
    match &input {
        ActionInput::Assign { assignee } => {
            let member = user::Entity::find_by_id(assignee.clone())
                .one(tx.conn())
                .await?
                .ok_or_else(|| {
                    ApiError::invalid_field(
                        "assignee",
                        "no such user; users appear once they have signed in",
                    )
                })?;
            let same_team = member.team_id.as_deref() == Some(current.team_id.as_str());
            facts.assign_to = Some((assignee.clone(), same_team));
        }
        ActionInput::Escalate { reason } => facts.reason = reason.clone(),
        ActionInput::Reopen { reason } => facts.reason = Some(reason.clone()),
        ActionInput::ResolveSummarily {
            outcome,
            primary_cause,
            ..
        } => {
            facts.outcome = Some(*outcome);
            facts.has_primary_cause = primary_cause.is_some();
        }
        _ => {}
    }
    let effects = transition(state_now, action, &facts)?;

    let mut next = current.clone();
    next.state = effects.to.as_str().to_owned();
    next.stage = i16::from(effects.stage);
    if let Some(assignee) = effects.assignee {
        next.assignee_id = Some(assignee);
    }
    if let Some(handler) = effects.stage1_handler {
        next.stage1_handler = Some(handler);
    }
    if let Some(approved) = effects.approved {
        next.approved = approved;
    }
    let mut data =
        json!({"action": action.as_str(), "from": state_now.as_str(), "to": effects.to.as_str()});
    let mut communication = None;
    match &input {
        ActionInput::Acknowledge { communication: c } => {
            let sent = c.sent_at.unwrap_or(now);
            if state_now == State::Escalated {
                next.escalation_acknowledged_at = Some(sent);
            } else {
                next.acknowledged_at = Some(sent);
            }
            communication = Some(("acknowledgement", c.clone(), sent));
        }
        ActionInput::Assign { assignee } => data["assignee"] = json!(assignee),
        ActionInput::Escalate { reason } => {
            next.escalation_received_at = Some(now);
            data["reason"] = json!(reason);
        }
        ActionInput::Reopen { reason } => data["reason"] = json!(reason),
        ActionInput::ResolveSummarily {
            outcome,
            primary_cause,
            communication: c,
        } => {
            next.outcome = Some(outcome.as_str().to_owned());
            next.primary_cause = primary_cause.clone();
            communication = Some(("summary_resolution", c.clone(), c.sent_at.unwrap_or(now)));
            data["outcome"] = json!(outcome.as_str());
        }
        ActionInput::IssueResponse {
            outcome,
            primary_cause,
            rca_pending,
            remedies,
            communication: c,
        } => {
            next.outcome = Some(outcome.as_str().to_owned());
            next.primary_cause = primary_cause.clone();
            next.rca_pending = *rca_pending;
            let kind = if profile_rules.max_stages > 1 && next.stage == 1 {
                "stage_response"
            } else {
                "final_response"
            };
            communication = Some((kind, c.clone(), c.sent_at.unwrap_or(now)));
            data["outcome"] = json!(outcome.as_str());
            data["primary_cause"] = json!(primary_cause);
            data["remedies"] = json!(remedies
                .iter()
                .map(|r| json!({"kind": r.kind, "amount_minor": r.amount_minor, "currency": r.currency, "status": r.status}))
                .collect::<Vec<_>>());
            for r in remedies {
                remedy::Entity::insert(remedy::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    complaint_id: Set(id),
                    kind: Set(r.kind.clone()),
                    amount_minor: Set(r.amount_minor),
                    currency: Set(r.currency.clone()),
                    status: Set(r.status.clone()),
                    description: Set(r.description.clone()),
                    updated_at: Set(now),
                })
                .exec_without_returning(tx.conn())
                .await?;
            }
        }
        ActionInput::RequestInformation { what, note } => {
            data["requested"] = json!(what);
            data["note"] = json!(note);
        }
        ActionInput::StartInvestigation { note }
        | ActionInput::InformationReceived { note }
        | ActionInput::Close { note } => {
            data["note"] = json!(note);
        }
        ActionInput::Withdraw { reason } => data["reason"] = json!(reason),
    }
    if let Some((kind, c, sent_at)) = &communication {
        communication::Entity::insert(communication::ActiveModel {
            id: Set(Uuid::now_v7()),
            complaint_id: Set(id),
            kind: Set((*kind).to_owned()),
            channel: Set(c.channel.clone()),
            sent_at: Set(*sent_at),
            summary: Set(c.summary.clone()),
            actor_id: Set(actor.sub.clone()),
        })
        .exec_without_returning(tx.conn())
        .await?;
        data["communication"] =
            json!({"kind": kind, "channel": c.channel, "sent_at": sent_at.to_rfc3339()});
    }

    // Timers: the action meets some, an ended case stops the rest, and acknowledgement starts
    // the ones that run from it. Regulatory timers are never revived.
    let ended = matches!(
        effects.to,
        State::Closed | State::Withdrawn | State::NotAComplaint | State::Transferred
    );
    let mut timer_changes = Vec::new();
    for t in &running {
        let new_state = if met_by(action, effects.stage, &t.name) {
            if now > t.extended_due_at.unwrap_or(t.due_at) {
                timers::BREACHED
            } else {
                "met"
            }
        } else if ended
            || (action == ActionKind::IssueResponse
                && Some(t.name.as_str()) == profile_rules.summary_window)
        {
            "stopped"
        } else {
            continue;
        };
        complaint_timer::Entity::update_many()
            .col_expr(complaint_timer::Column::State, Expr::value(new_state))
            .col_expr(
                complaint_timer::Column::NextCheckAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(
                complaint_timer::Column::MetAt,
                Expr::value((new_state == "met").then_some(now)),
            )
            .col_expr(complaint_timer::Column::Version, Expr::value(t.version + 1))
            .filter(complaint_timer::Column::Id.eq(t.id))
            .exec(tx.conn())
            .await?;
        timer_changes.push(json!({"timer": t.name, "state": new_state}));
    }
    let started_by = match (action, state_now) {
        (ActionKind::Acknowledge, State::Escalated) => Some(StartEvent::EscalationAcknowledged),
        (ActionKind::Acknowledge, _) => Some(StartEvent::Acknowledged),
        (ActionKind::Escalate, _) => Some(StartEvent::EscalationReceived),
        _ => None,
    };
    if let Some(event) = started_by {
        let starts = Starts {
            received: Some(next.received_at),
            acknowledged: next.acknowledged_at,
            escalation_received: next.escalation_received_at,
            escalation_acknowledged: next.escalation_acknowledged_at,
        };
        let planned = timers::plan(tx.conn(), profile, event, &starts).await?;
        let planned: Vec<_> = planned
            .into_iter()
            .filter(|p| !running.iter().any(|t| t.name == p.rule.name))
            .collect();
        timers::insert(tx.conn(), id, &planned).await?;
        for p in &planned {
            timer_changes.push(json!({"timer": p.rule.name, "state": timers::RUNNING, "due_at": p.due_at.to_rfc3339()}));
        }
    }
    if !timer_changes.is_empty() {
        data["timers"] = json!(timer_changes);
    }

    let next = audit::record_change(
        tx.conn(),
        &current,
        next,
        actor.into(),
        now,
        &format!("complaint.{}", action.as_str()),
        data,
    )
    .await?
    .ok_or_else(|| {
        ApiError::new(
            ErrorCode::PreconditionFailed,
            "the complaint changed while the action was taken; reload and retry",
        )
    })?;
    tx.commit().await?;
    Ok(next)
}
