//! Procedure actions on a complaint: load the case, gather the facts, let the pure state
//! machine decide, then write the new state, its records (communications, remedies, referral),
//! the timers it meets, starts, extends or stops, and the audit event, in one conditional
//! write. The same facts answer "what may I do now".

use chrono::{DateTime, Utc};
use entity::{communication, complaint, complaint_timer, remedy, user};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::domain::rule::{RefusalKind, Rule};
use crate::service::{
    admin::profiles,
    audit::{self, Author, Recording},
    cases::complaints::{load_for_change, load_in_scope},
    cases::remedies::{self, largest_redress, settled},
    cases::timers,
    stored::{stored, stored_number, stored_opt, stored_purpose},
};
use crate::{
    auth::Actor,
    domain::{
        access::rbac::{Permission, Role, grants},
        case::complaint::{Profile, Stage, State},
        case::instants::{self, Mark, Refused},
        case::procedure::{
            ActionKind, Facts, Outcome, Refusal, allowed_roles, is_terminal, permitted, transition,
        },
        deadlines::purpose::{self, Live, Purpose, TimerEffect},
        deadlines::{ProfileRules, StartEvent, Starts, reopen_rule},
    },
    error::{ApiError, ErrorCode},
    state::AppState,
};

mod available;
mod dates;
pub mod input;

pub use available::*;
use dates::*;
pub use input::*;

/// What the case already holds that an action's guards look at.
struct Case {
    current: complaint::Model,
    state: State,
    stage: Stage,
    profile: Profile,
    rules: ProfileRules,
    remedies: Vec<remedy::Model>,
    /// Timers running or paused, with what each is for.
    live: Vec<complaint_timer::Model>,
    purposes: Vec<Purpose>,
    /// Deadlines breached and targets missed: an extension asked of one comes too late.
    passed: Vec<complaint_timer::Model>,
    /// When the summary-resolution window closes, whether it is still open or has lapsed: a
    /// refusal after it names the window as passed.
    summary_window_due: Option<DateTime<Utc>>,
    outcome: Option<Outcome>,
}

impl Case {
    async fn load(db: &impl ConnectionTrait, current: complaint::Model) -> Result<Case, ApiError> {
        let id = current.id;
        let profile = stored("complaints.profile", &current.profile)?;
        let rules = profiles::rules(db, profile).await?;
        let remedies = remedy::Entity::find()
            .filter(remedy::Column::ComplaintId.eq(id))
            .order_by_asc(remedy::Column::Id)
            .all(db)
            .await?;
        let live = complaint_timer::Entity::find()
            .filter(complaint_timer::Column::ComplaintId.eq(id))
            .filter(complaint_timer::Column::State.is_in([
                timers::RUNNING,
                timers::PAUSED,
                timers::LAPSED,
                timers::BREACHED,
                timers::MISSED,
            ]))
            .all(db)
            .await?;
        let summary_window_due = live
            .iter()
            .filter(|t| t.state != timers::PAUSED)
            .find(|t| Purpose::of_stored(&t.name) == Some(Purpose::SummaryWindow))
            .map(|t| t.due_at);
        let (live, passed): (Vec<_>, Vec<_>) = live
            .into_iter()
            .filter(|t| t.state != timers::LAPSED)
            .partition(|t| t.state == timers::RUNNING || t.state == timers::PAUSED);
        let purposes = live
            .iter()
            .map(|t| stored_purpose(&t.name))
            .collect::<Result<_, _>>()?;
        Ok(Case {
            state: stored("complaints.state", &current.state)?,
            outcome: stored_opt("complaints.outcome", current.outcome.as_deref())?,
            stage: stored_number("complaints.stage", current.stage.into())?,
            current,
            profile,
            rules,
            remedies,
            live,
            purposes,
            passed,
            summary_window_due,
        })
    }

    /// Each live timer with what `purpose::effect` needs to know of it.
    fn live_timers(&self) -> impl Iterator<Item = (&complaint_timer::Model, Live)> {
        self.live.iter().zip(&self.purposes).map(|(t, &purpose)| {
            let live = Live {
                purpose,
                paused: t.state == timers::PAUSED,
                regulatory: t.regulatory,
            };
            (t, live)
        })
    }

    fn running(&self) -> impl Iterator<Item = &complaint_timer::Model> {
        self.live.iter().filter(|t| t.state == timers::RUNNING)
    }

    fn proposal(&self) -> impl Iterator<Item = &remedy::Model> {
        self.remedies.iter().filter(|r| r.issued_at.is_none())
    }

    fn issued(&self) -> impl Iterator<Item = &remedy::Model> {
        self.remedies.iter().filter(|r| r.issued_at.is_some())
    }

    /// The facts as the case stands, before any body is read.
    fn facts(&self, now: DateTime<Utc>, actor: &Actor, role: Role, threshold: i64) -> Facts {
        let c = &self.current;
        Facts {
            now,
            actor: actor.sub.clone(),
            role,
            stage: self.stage.number(),
            max_stages: self.rules.max_stages,
            assignee: c.assignee_id.clone(),
            stage1_handler: c.stage1_handler.clone(),
            assign_to: None,
            outcome: self.outcome,
            has_primary_cause: c.primary_cause.is_some(),
            rca_pending: c.rca_pending,
            profile_allows_rca_pending: self.rules.rca_pending_allowed,
            redress_minor: largest_redress(
                self.proposal()
                    .map(|r| (r.currency.as_deref(), r.amount_minor)),
            ),
            approval_threshold_minor: threshold,
            approved: c.approved,
            matches_proposal: true,
            remedies_settled: self.issued().all(|r| settled(&r.status)),
            referral_decided: c.referral_outcome.is_some(),
            summary_window_due: self.summary_window_due,
            reason: None,
            // Until a body names the timer: whether any running timer may be extended, and
            // may be now.
            extension_allowed: self.extendable().next().is_some(),
            extension_notice_given: false,
            extension_notice_in_time: self
                .extendable()
                .any(|t| now <= t.extended_due_at.unwrap_or(t.due_at)),
            extension_within_cap: false,
        }
    }

    /// The running timers the profile lets the case extend.
    fn extendable(&self) -> impl Iterator<Item = &complaint_timer::Model> {
        self.running().filter(|t| self.extension(&t.name).is_some())
    }

    /// The extension rule of a running timer of the case.
    fn extension(
        &self,
        timer: &str,
    ) -> Option<(
        &complaint_timer::Model,
        crate::domain::deadlines::ExtensionRule,
    )> {
        let row = self.running().find(|t| t.name == timer)?;
        Some((row, self.extension_rule(timer)?))
    }

    /// How the profile lets the named timer be extended, if at all.
    fn extension_rule(&self, timer: &str) -> Option<crate::domain::deadlines::ExtensionRule> {
        if Purpose::of_stored(timer) == Some(Purpose::ReopenedResponse) {
            reopen_rule().extension
        } else {
            self.rules
                .timers
                .iter()
                .find(|r| r.name == timer)
                .and_then(|r| r.extension)
        }
    }
}

/// The role an actor takes an action in: the first of its roles the action allows, among
/// those that reach the complaint (see [`Actor::within`]).
fn acting_roles(actor: &Actor, action: ActionKind) -> Vec<Role> {
    let roles: Vec<Role> = allowed_roles(action)
        .iter()
        .copied()
        .filter(|r| actor.roles.contains(r) && grants(*r, Permission::ActOnComplaint))
        .collect();
    if roles.is_empty() {
        vec![actor.role]
    } else {
        roles
    }
}

/// Decides `action` in the first of the caller's roles (reaching the complaint, in the
/// procedure's order) under which the procedure allows it, so that a set of roles may do what
/// any one of them may do alone (an agent who is also a team leader reassigns as the team
/// leader); when every role is refused, the refusal of the first. `body` adds what the
/// request's body decides; `judge` is the procedure's [`transition`] for an action taken, or
/// its [`permitted`] for one only asked about.
fn decide<E>(
    case: &Case,
    action: ActionKind,
    actor: &Actor,
    now: DateTime<Utc>,
    threshold: i64,
    body: impl Fn(&mut Facts),
    judge: impl Fn(State, ActionKind, &Facts) -> Result<E, Refusal>,
) -> Result<(Role, Facts, E), Refusal> {
    let mut first = None;
    for role in acting_roles(actor, action) {
        let mut facts = case.facts(now, actor, role, threshold);
        body(&mut facts);
        match judge(case.state, action, &facts) {
            Ok(effects) => return Ok((role, facts, effects)),
            Err(refusal) => {
                first.get_or_insert(refusal);
            }
        }
    }
    Err(first.unwrap_or_else(|| Refusal {
        code: RefusalKind::Guard(Rule::Role),
        detail: "your roles take no procedure actions".into(),
    }))
}

/// Reads an action's body into the facts its guards need.
fn body_facts(case: &Case, input: &ActionInput, facts: &mut Facts, assignee_in_team: Option<bool>) {
    match input {
        ActionInput::ProposeResponse { finding, .. } => {
            facts.outcome = Some(finding.outcome);
            facts.has_primary_cause = finding.primary_cause.is_some();
            facts.rca_pending = finding.rca_pending;
            facts.redress_minor = remedies::redress_of(&finding.remedies);
        }
        ActionInput::IssueResponse { finding, .. } if case.state == State::PendingApproval => {
            // The approved proposal goes out as it stands.
            facts.matches_proposal = facts.outcome == Some(finding.outcome)
                && finding.remedies.is_empty()
                && finding
                    .primary_cause
                    .as_ref()
                    .is_none_or(|c| case.current.primary_cause.as_ref() == Some(c));
        }
        ActionInput::IssueResponse { finding, .. } => {
            facts.outcome = Some(finding.outcome);
            facts.has_primary_cause = finding.primary_cause.is_some();
            facts.rca_pending = finding.rca_pending;
            facts.redress_minor = remedies::redress_of(&finding.remedies);
            facts.remedies_settled =
                facts.remedies_settled && finding.remedies.iter().all(|r| settled(&r.status));
        }
        ActionInput::ResolveSummarily {
            outcome,
            primary_cause,
            ..
        } => {
            facts.outcome = Some(*outcome);
            facts.has_primary_cause = primary_cause.is_some();
        }
        ActionInput::Assign { assignee } => {
            facts.assign_to = Some((assignee.clone(), assignee_in_team.unwrap_or(false)));
        }
        // What the scheme orders is settled before the case closes, as the firm's own is.
        ActionInput::RecordReferralOutcome { remedies, .. } => {
            facts.remedies_settled =
                facts.remedies_settled && remedies.iter().all(|r| settled(&r.status));
        }
        ActionInput::Escalate { reason, .. } => facts.reason = reason.clone(),
        ActionInput::Reopen { reason }
        | ActionInput::ReturnForRework { reason }
        | ActionInput::RejectScope { reason }
        | ActionInput::Transfer { reason, .. } => facts.reason = Some(reason.clone()),
        ActionInput::Extend {
            timer,
            new_due_at,
            notice,
            ..
        } => {
            facts.extension_allowed = false;
            facts.extension_notice_in_time = false;
            if let Some((row, rule)) = case.extension(timer) {
                let due = row.extended_due_at.unwrap_or(row.due_at);
                facts.extension_allowed = true;
                facts.extension_notice_given = notice.is_some() || !rule.notice_required;
                // Whether a notice is owed at all is `extension_notice_given`'s to say.
                facts.extension_notice_in_time = facts.now <= due
                    && notice
                        .as_ref()
                        .is_none_or(|n| n.sent_at.unwrap_or(facts.now) <= due);
                facts.extension_within_cap =
                    row.extension_cap_at.is_none_or(|cap| *new_due_at <= cap);
            } else if let Some(rule) = case
                .passed
                .iter()
                .find(|t| t.name == *timer)
                .and_then(|t| case.extension_rule(&t.name))
            {
                // An extendable timer whose date has passed: the notice came too late.
                facts.extension_allowed = true;
                facts.extension_notice_given = notice.is_some() || !rule.notice_required;
                facts.extension_within_cap = true;
            }
        }
        _ => {}
    }
}

/// Takes a procedure action, if `expected_versions` is still current.
pub async fn act(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    input: ActionInput,
) -> Result<Acted, ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let current = load_for_change(tx.conn(), &actor.scope, id, expected_versions).await?;
    let acted = act_on(
        state,
        tx.conn(),
        actor,
        current,
        input,
        now,
        Recording::Live,
    )
    .await?;
    tx.commit().await?;
    Ok(acted)
}

/// Takes a procedure action on `current`, which the caller holds (`load_for_change`), at `now`,
/// in the caller's transaction. An import replays a case's history through here, each action
/// at its original instant ([`Recording::Imported`]): the same guards, timers and records as a
/// live action, but nothing raised, and an assignee need not be a user here (the people of
/// another system).
pub(crate) async fn act_on(
    state: &AppState,
    db: &impl ConnectionTrait,
    actor: &Actor,
    current: complaint::Model,
    input: ActionInput,
    now: DateTime<Utc>,
    recording: Recording,
) -> Result<Acted, ApiError> {
    let action = input.kind();
    let id = current.id;
    // What has come due is recorded first, as the sweeper records it, so that the action
    // sees (and the trail shows) a deadline that passed before it as breached.
    let current =
        crate::service::jobs::sweeper::notice_due(state, db, current, now, recording).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    let case = Case::load(db, current).await?;
    let assignee_in_team = match &input {
        ActionInput::Assign { .. } if recording == Recording::Imported => Some(true),
        ActionInput::Assign { assignee } => {
            // Looked up within the complaint's team only: an id of another team and an id
            // nobody holds get the same answer, so the caller learns nothing of who exists
            // elsewhere.
            user::Entity::find_by_id(assignee.clone())
                .filter(user::Column::TeamId.eq(case.current.team_id.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| {
                    ApiError::invalid_field(
                        "assignee",
                        "no user with this id in the complaint's team; users appear once they have signed in",
                    )
                })?;
            Some(true)
        }
        _ => None,
    };
    // Root-cause codes in a body must be current codes of the taxonomy.
    let cause = match &input {
        ActionInput::ProposeResponse { finding, .. }
        | ActionInput::IssueResponse { finding, .. } => finding.primary_cause.as_deref(),
        ActionInput::ResolveSummarily { primary_cause, .. } => primary_cause.as_deref(),
        _ => None,
    };
    if let Some(code) = cause {
        crate::service::improvement::taxonomy::check_usable(db, "primary_cause", code).await?;
    }
    let last_response = last_response(db, id, &input).await?;
    check_instants(&case, &input, now, last_response)?;
    let (role, facts, effects) = decide(
        &case,
        action,
        actor,
        now,
        state.config.approval_threshold_minor,
        |facts| body_facts(&case, &input, facts, assignee_in_team),
        transition,
    )?;

    let current = &case.current;
    let mut next = current.clone();
    let mut data_assigned = None;
    next.state = effects.to.as_str().to_owned();
    next.stage = i16::from(effects.stage);
    if let Some(assignee) = effects.assignee {
        if action != ActionKind::Assign {
            // Taken on by working it: the trail says so where it happened.
            data_assigned = Some(assignee.clone());
        }
        next.assignee_id = Some(assignee);
    }
    if let Some(handler) = effects.stage1_handler {
        next.stage1_handler = Some(handler);
    }
    if let Some(approved) = effects.approved {
        next.approved = approved;
    }
    let mut data = serde_json::Map::from_iter([
        ("action".to_owned(), json!(action.as_str())),
        ("from".to_owned(), json!(case.state.as_str())),
        ("to".to_owned(), json!(effects.to.as_str())),
    ]);
    if let Some(assigned) = data_assigned {
        data.insert("assigned".to_owned(), json!(assigned));
    }
    // When the case last reached an end state; leaving one (a reopen, a referral after
    // closing) clears it, so that it is set exactly while the case is finished.
    next.closed_at = match (is_terminal(case.state), is_terminal(effects.to)) {
        (false, true) => Some(now),
        (true, true) => current.closed_at,
        (_, false) => None,
    };
    let mut communication = None;
    let mut timer_changes = Vec::new();
    match &input {
        ActionInput::Acknowledge { communication: c } => {
            let sent = c.sent_at.unwrap_or(now);
            if case.state == State::Escalated {
                next.escalation_acknowledged_at = Some(sent);
            } else {
                next.acknowledged_at = Some(sent);
            }
            communication = Some(("acknowledgement", c.clone(), sent));
        }
        ActionInput::Assign { assignee } => {
            data.insert("assignee".to_owned(), json!(assignee));
        }
        ActionInput::Escalate {
            reason,
            received_at,
        } => {
            // The stage-2 timers run from the request's receipt, as stage 1's from the
            // complaint's.
            let at = received_at.unwrap_or(now);
            next.escalation_received_at = Some(at);
            next.escalated_at = Some(at);
            data.insert("reason".to_owned(), json!(reason));
            data.insert("received_at".to_owned(), json!(at.to_rfc3339()));
        }
        ActionInput::ResolveSummarily {
            outcome,
            primary_cause,
            communication: c,
        } => {
            next.outcome = Some(outcome.as_str().to_owned());
            next.primary_cause = primary_cause.clone();
            responded(&mut next, actor, c.sent_at.unwrap_or(now));
            communication = Some(("summary_resolution", c.clone(), c.sent_at.unwrap_or(now)));
            data.insert("outcome".to_owned(), json!(outcome.as_str()));
        }
        ActionInput::ProposeResponse { finding, note } => {
            record_finding(&mut next, &mut data, finding);
            data.insert("note".to_owned(), json!(note));
            remedies::insert(db, id, &finding.remedies, now, None, None).await?;
        }
        ActionInput::ReturnForRework { reason } => {
            data.insert("reason".to_owned(), json!(reason));
            data.insert(
                "withdrawn_remedies".to_owned(),
                json!(case.proposal().count()),
            );
            remedy::Entity::delete_many()
                .filter(remedy::Column::ComplaintId.eq(id))
                .filter(remedy::Column::IssuedAt.is_null())
                .exec(db)
                .await?;
        }
        ActionInput::ApproveResponse { note } => {
            data.insert("note".to_owned(), json!(note));
            data.insert("outcome".to_owned(), json!(current.outcome));
            data.insert("redress_minor".to_owned(), json!(facts.redress_minor));
        }
        ActionInput::IssueResponse {
            finding,
            communication: c,
        } => {
            if case.state == State::PendingApproval {
                data.insert("outcome".to_owned(), json!(current.outcome));
                data.insert("primary_cause".to_owned(), json!(current.primary_cause));
                data.insert("issued_proposal".to_owned(), json!(case.proposal().count()));
                remedy::Entity::update_many()
                    .col_expr(remedy::Column::IssuedAt, Expr::value(Some(now)))
                    .col_expr(remedy::Column::UpdatedAt, Expr::value(now))
                    .filter(remedy::Column::ComplaintId.eq(id))
                    .filter(remedy::Column::IssuedAt.is_null())
                    .exec(db)
                    .await?;
            } else {
                record_finding(&mut next, &mut data, finding);
                remedies::insert(db, id, &finding.remedies, now, Some(now), None).await?;
            }
            let kind = if case.rules.max_stages > 1 && next.stage == 1 {
                "stage_response"
            } else {
                "final_response"
            };
            responded(&mut next, actor, c.sent_at.unwrap_or(now));
            communication = Some((kind, c.clone(), c.sent_at.unwrap_or(now)));
        }
        ActionInput::RequestInformation { what, note } => {
            data.insert("requested".to_owned(), json!(what));
            data.insert("note".to_owned(), json!(note));
        }
        ActionInput::StartInvestigation { note }
        | ActionInput::InformationReceived { note }
        | ActionInput::Close { note } => {
            data.insert("note".to_owned(), json!(note));
        }
        ActionInput::Withdraw { reason } => {
            data.insert("reason".to_owned(), json!(reason));
        }
        ActionInput::Reopen { reason } => {
            data.insert("reason".to_owned(), json!(reason));
        }
        ActionInput::Extend {
            timer,
            new_due_at,
            reason,
            notice,
        } => {
            let Some((row, _)) = case.extension(timer) else {
                return Err(ApiError::internal(
                    "extension allowed on a timer not running",
                ));
            };
            let due = row.extended_due_at.unwrap_or(row.due_at);
            if *new_due_at <= due {
                return Err(ApiError::invalid_field(
                    "new_due_at",
                    format!(
                        "must be later than the current due instant, {}",
                        due.to_rfc3339()
                    ),
                ));
            }
            let notice_at = notice.as_ref().map(|n| n.sent_at.unwrap_or(now));
            let changed = complaint_timer::Entity::update_many()
                .col_expr(
                    complaint_timer::Column::ExtendedDueAt,
                    Expr::value(Some(*new_due_at)),
                )
                .col_expr(
                    complaint_timer::Column::ExtensionReason,
                    Expr::value(Some(reason.clone())),
                )
                .col_expr(
                    complaint_timer::Column::ExtensionNoticeAt,
                    Expr::value(notice_at),
                )
                .col_expr(
                    complaint_timer::Column::Version,
                    Expr::value(row.version + 1),
                )
                .filter(complaint_timer::Column::Id.eq(row.id))
                .filter(complaint_timer::Column::Version.eq(row.version))
                .exec(db)
                .await?;
            if changed.rows_affected != 1 {
                return Err(stale());
            }
            if let (Some(n), Some(at)) = (notice, notice_at) {
                communication = Some(("extension_notice", n.clone(), at));
            }
            data.insert("reason".to_owned(), json!(reason));
            timer_changes.push(json!({
                "timer": timer,
                "due_at": row.due_at.to_rfc3339(),
                "extended_due_at": new_due_at.to_rfc3339(),
            }));
        }
        ActionInput::Refer {
            scheme,
            reference,
            referred_at,
        } => {
            let at = referred_at.unwrap_or(now);
            next.referral_scheme = Some(scheme.clone());
            next.referral_reference = reference.clone();
            next.referred_at = Some(at);
            next.referral_outcome = None;
            next.referral_outcome_at = None;
            data.insert("scheme".to_owned(), json!(scheme));
            data.insert("reference".to_owned(), json!(reference));
            data.insert("referred_at".to_owned(), json!(at.to_rfc3339()));
        }
        ActionInput::RecordReferralOutcome {
            decision,
            decided_at,
            note,
            remedies: ordered,
        } => {
            let at = decided_at.unwrap_or(now);
            next.referral_outcome = Some(decision.clone());
            next.referral_outcome_at = Some(at);
            data.insert("decision".to_owned(), json!(decision));
            data.insert("decided_at".to_owned(), json!(at.to_rfc3339()));
            data.insert("note".to_owned(), json!(note));
            if !ordered.is_empty() {
                let scheme = current.referral_scheme.as_deref().ok_or_else(|| {
                    ApiError::internal("complaints.referral_scheme is null on a referral")
                })?;
                remedies::insert(db, id, ordered, now, Some(at), Some(scheme)).await?;
                data.insert("ordered_remedies".to_owned(), remedies::summary(ordered));
            }
        }
        ActionInput::RejectScope { reason } => {
            data.insert("reason".to_owned(), json!(reason));
        }
        ActionInput::Transfer { to, reason } => {
            next.transferred_to = Some(to.clone());
            data.insert("to".to_owned(), json!(to));
            data.insert("reason".to_owned(), json!(reason));
        }
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
        .exec_without_returning(db)
        .await?;
        data.insert(
            "communication".to_owned(),
            json!({"kind": kind, "channel": c.channel, "sent_at": sent_at.to_rfc3339()}),
        );
    }

    // Timers: what the action does to each live timer is the domain's to say
    // (`purpose::effect`); the event it records may start new ones. Regulatory timers are
    // never revived.
    for (t, live) in case.live_timers() {
        match purpose::effect(action, effects.to, effects.stage, live) {
            None => {}
            Some(TimerEffect::Pauses) => {
                timers::pause(db, t, now).await?;
                timer_changes.push(json!({"timer": t.name, "state": timers::PAUSED}));
            }
            Some(TimerEffect::Resumes) => {
                let due = timers::resume(db, t, now).await?;
                timer_changes.push(
                    json!({"timer": t.name, "state": timers::RUNNING, "due_at": due.to_rfc3339()}),
                );
            }
            Some(effect @ (TimerEffect::Meets | TimerEffect::Stops)) => {
                // A timer past due was recorded as passed above (`notice_due`), so one the
                // action meets is met in time.
                let new_state = match effect {
                    TimerEffect::Meets => "met",
                    _ => "stopped",
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
                    .exec(db)
                    .await?;
                timer_changes.push(json!({"timer": t.name, "state": new_state}));
            }
        }
    }
    match purpose::started_by(action, case.state) {
        None => {}
        Some(StartEvent::Reopened) => {
            let nth = timers::of(db, id)
                .await?
                .iter()
                .filter(|t| Purpose::of_stored(&t.name) == Some(Purpose::ReopenedResponse))
                .count()
                + 1;
            let planned = timers::plan_one(db, &case.rules, reopen_rule(), now).await?;
            let name = purpose::reopened_name(nth);
            timers::insert_named(db, id, &planned, &name).await?;
            timer_changes.push(json!({"timer": name, "state": timers::RUNNING, "due_at": planned.due_at.to_rfc3339()}));
        }
        Some(event) => {
            let starts = Starts {
                received: Some(next.received_at),
                acknowledged: next.acknowledged_at,
                escalation_received: next.escalation_received_at,
                escalation_acknowledged: next.escalation_acknowledged_at,
            };
            let planned = timers::plan(db, case.profile, event, &starts).await?;
            let planned: Vec<_> = planned
                .into_iter()
                .filter(|p| !case.live.iter().any(|t| t.name == p.rule.name))
                .collect();
            timers::insert(db, id, &planned).await?;
            for p in &planned {
                timer_changes.push(json!({"timer": p.rule.name, "state": timers::RUNNING, "due_at": p.due_at.to_rfc3339()}));
            }
        }
    }
    if !timer_changes.is_empty() {
        data.insert("timers".to_owned(), json!(timer_changes));
    }

    let next = audit::record(
        db,
        current,
        next,
        // The role the action was taken in, which the procedure checked.
        Author {
            id: &actor.sub,
            role: role.as_str(),
        },
        now,
        &format!("complaint.{}", action.as_str()),
        data.into(),
        recording,
    )
    .await?
    .ok_or_else(stale)?;
    let timers = timers::of(db, next.id).await?;
    Ok(Acted {
        complaint: next,
        timers,
    })
}

/// What an action leaves: the complaint and its timers, read in the action's own transaction,
/// so that the answer shows exactly the state the action committed.
#[derive(Debug)]
pub struct Acted {
    pub complaint: complaint::Model,
    pub timers: Vec<complaint_timer::Model>,
}

fn stale() -> ApiError {
    ApiError::new(
        ErrorCode::PreconditionFailed,
        "the complaint changed while the action was taken; reload and retry",
    )
}

/// Records who sent the case's latest response, and when: the handler the people report
/// credits. A stage's response counts too, since a case may end after it.
fn responded(next: &mut complaint::Model, actor: &Actor, sent_at: DateTime<Utc>) {
    next.responded_at = Some(sent_at);
    next.responded_by = Some(actor.sub.clone());
}

/// Puts a response's finding on the case and in its event.
fn record_finding(
    next: &mut complaint::Model,
    data: &mut serde_json::Map<String, serde_json::Value>,
    finding: &Finding,
) {
    next.outcome = Some(finding.outcome.as_str().to_owned());
    next.primary_cause = finding.primary_cause.clone();
    next.rca_pending = finding.rca_pending;
    data.insert("outcome".to_owned(), json!(finding.outcome.as_str()));
    data.insert("primary_cause".to_owned(), json!(finding.primary_cause));
    data.insert("rca_pending".to_owned(), json!(finding.rca_pending));
    data.insert("remedies".to_owned(), remedies::summary(&finding.remedies));
}
