//! The improvement backlog: items opened by the recurrence rules or by hand, moved through
//! PDCA with the data each step needs, and checked by Recourse itself: the cause's complaint
//! rate before and after the fix, a one-sided Poisson rate-ratio test and a verdict, with every
//! number kept on the item.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use entity::{complaint, improvement, improvement_evidence, improvement_task};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
    sea_query::Query,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::rule::RefusalKind;
use crate::service::{
    Position, after_position, audit,
    cases::complaints::load_in_scope,
    cases::queue::scope_condition,
    improvement::recurrence,
    improvement::taxonomy,
    page,
    stored::{stored, stored_opt},
};
use crate::{
    auth::Actor,
    domain::case::instants,
    domain::improvement::{
        ItemAction, ItemFacts, ItemRefusal, ItemState, Verdict, check, post_window, transition,
    },
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// Fewer baseline complaints than this make a check inconclusive.
pub const MIN_BASELINE_EVENTS: u64 = 10;
/// The significance level of the check.
pub const ALPHA: f64 = 0.05;

impl From<ItemRefusal> for ApiError {
    fn from(r: ItemRefusal) -> Self {
        match r.code {
            RefusalKind::Guard(rule) => ApiError::guard(rule, r.detail),
            RefusalKind::InvalidTransition => ApiError::new(ErrorCode::InvalidTransition, r.detail),
        }
    }
}

/// A task of the `do` step.
#[derive(Debug, Clone)]
pub struct Task {
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
}

/// The plan step's data.
#[derive(Debug, Clone)]
pub struct Plan {
    pub problem_statement: String,
    /// `yes`, `no` or `unknown`: could customers who did not complain be affected?
    pub others_affected: String,
    pub others_affected_note: Option<String>,
    pub baseline_from: NaiveDate,
    /// Exclusive.
    pub baseline_to: NaiveDate,
    pub target_reduction_pct: u32,
    pub measurement_days: u32,
    pub lag_days: u32,
}

/// An item action with its body.
#[derive(Debug, Clone)]
pub enum ItemInput {
    Triage {
        priority: String,
        owner: String,
    },
    Plan(Plan),
    Start {
        tasks: Vec<Task>,
    },
    UpdateTask {
        task_id: Uuid,
        status: String,
    },
    GoLive {
        went_live_at: DateTime<Utc>,
        change_reference: Option<String>,
    },
    Check,
    Act {
        standardisation: Value,
    },
    Iterate {
        reason: String,
    },
    Close {
        note: Option<String>,
    },
    Reject {
        reason: String,
    },
    Merge {
        into: Uuid,
    },
    Hold {
        reason: String,
    },
    Resume,
}

impl ItemInput {
    pub fn action(&self) -> ItemAction {
        match self {
            ItemInput::Triage { .. } => ItemAction::Triage,
            ItemInput::Plan(_) => ItemAction::Plan,
            ItemInput::Start { .. } => ItemAction::Start,
            ItemInput::UpdateTask { .. } => ItemAction::UpdateTask,
            ItemInput::GoLive { .. } => ItemAction::GoLive,
            ItemInput::Check => ItemAction::Check,
            ItemInput::Act { .. } => ItemAction::Act,
            ItemInput::Iterate { .. } => ItemAction::Iterate,
            ItemInput::Close { .. } => ItemAction::Close,
            ItemInput::Reject { .. } => ItemAction::Reject,
            ItemInput::Merge { .. } => ItemAction::Merge,
            ItemInput::Hold { .. } => ItemAction::Hold,
            ItemInput::Resume => ItemAction::Resume,
        }
    }
}

/// An item with its tasks.
#[derive(Debug, Clone)]
pub struct Item {
    pub item: improvement::Model,
    pub tasks: Vec<improvement_task::Model>,
    pub evidence_count: u64,
}

async fn tasks_of(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<improvement_task::Model>, ApiError> {
    Ok(improvement_task::Entity::find()
        .filter(improvement_task::Column::ItemId.eq(id))
        .order_by_asc(improvement_task::Column::Id)
        .all(db)
        .await?)
}

/// Items with their tasks and evidence counts: two queries however many items.
async fn details(
    db: &impl ConnectionTrait,
    items: Vec<improvement::Model>,
) -> Result<Vec<Item>, ApiError> {
    let ids: Vec<Uuid> = items.iter().map(|i| i.id).collect();
    let mut tasks = improvement_task::Entity::find()
        .filter(improvement_task::Column::ItemId.is_in(ids.clone()))
        .order_by_asc(improvement_task::Column::Id)
        .all(db)
        .await?;
    let counts: Vec<(Uuid, i64)> = improvement_evidence::Entity::find()
        .select_only()
        .column(improvement_evidence::Column::ItemId)
        .column_as(improvement_evidence::Column::Id.count(), "n")
        .filter(improvement_evidence::Column::ItemId.is_in(ids))
        .group_by(improvement_evidence::Column::ItemId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(items
        .into_iter()
        .map(|item| {
            let (mine, rest) = tasks.drain(..).partition(|t| t.item_id == item.id);
            tasks = rest;
            let evidence_count = counts
                .iter()
                .find(|(id, _)| *id == item.id)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            Item {
                item,
                tasks: mine,
                evidence_count,
            }
        })
        .collect())
}

async fn load(db: &impl ConnectionTrait, id: Uuid) -> Result<improvement::Model, ApiError> {
    improvement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("improvement item"))
}

/// One item.
pub async fn get(state: &AppState, id: Uuid) -> Result<Item, ApiError> {
    let db = &state.db.conn;
    let item = load(db, id).await?;
    details(db, vec![item])
        .await?
        .pop()
        .ok_or_else(|| ApiError::not_found("improvement item"))
}

/// What an item list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub state: Option<&'static str>,
    pub cause: Option<String>,
    pub owner: Option<String>,
    /// With (true) or without (false) a task past its due date and not done.
    pub overdue: Option<bool>,
}

/// Items, newest first, in keyset pages, each with its tasks and evidence count as the list
/// shows them.
pub async fn list(
    state: &AppState,
    filter: &Filter,
    after: Option<Position>,
    limit: u64,
) -> Result<(Vec<Item>, Option<Position>), ApiError> {
    let today = state.clock.now().date_naive();
    let mut cond = Condition::all();
    if let Some(s) = filter.state {
        cond = cond.add(improvement::Column::State.eq(s));
    }
    if let Some(c) = &filter.cause {
        cond = cond.add(improvement::Column::Cause.eq(c.as_str()));
    }
    if let Some(o) = &filter.owner {
        cond = cond.add(improvement::Column::Owner.eq(o.as_str()));
    }
    if let Some(overdue) = filter.overdue {
        let late = Query::select()
            .column(improvement_task::Column::ItemId)
            .from(improvement_task::Entity)
            .cond_where(
                Condition::all()
                    .add(improvement_task::Column::Status.eq("open"))
                    .add(improvement_task::Column::DueOn.lt(today)),
            )
            .to_owned();
        cond = cond.add(if overdue {
            improvement::Column::Id.in_subquery(late)
        } else {
            improvement::Column::Id.not_in_subquery(late)
        });
    }
    if let Some(pos) = after {
        cond = cond.add(after_position(
            improvement::Column::CreatedAt,
            improvement::Column::Id,
            pos,
        ));
    }
    let rows = improvement::Entity::find()
        .filter(cond)
        .order_by_desc(improvement::Column::CreatedAt)
        .order_by_desc(improvement::Column::Id)
        .limit(limit + 1)
        .all(&state.db.conn)
        .await?;
    let (rows, next) = page(rows, limit, |i| Position {
        at: i.created_at,
        id: i.id,
    });
    Ok((details(&state.db.conn, rows).await?, next))
}

/// An item's evidence as one reader may see it.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub item: improvement::Model,
    /// The evidence naming complaints in the reader's scope, with those complaints, oldest
    /// received first.
    pub visible: Vec<(improvement_evidence::Model, complaint::Model)>,
    /// The evidence naming complaints outside it: counted, never shown.
    pub out_of_scope: u64,
}

/// An item's evidence under the reader's scope: the complaints the reader could read
/// directly, and a count of the others. Items belong to the whole organisation, but the
/// complaints behind them keep their team's scope, so a team leader never learns an unseen
/// complaint's id, reference, product, channel or cause from here.
pub async fn evidence(state: &AppState, actor: &Actor, id: Uuid) -> Result<Evidence, ApiError> {
    let db = &state.db.conn;
    let item = load(db, id).await?;
    let rows = improvement_evidence::Entity::find()
        .filter(improvement_evidence::Column::ItemId.eq(id))
        .order_by_asc(improvement_evidence::Column::Id)
        .all(db)
        .await?;
    // Only complaints in scope are read at all.
    let complaints = match scope_condition(&actor.scope) {
        Some(scope) => {
            complaint::Entity::find()
                .filter(complaint::Column::Id.is_in(rows.iter().map(|r| r.complaint_id)))
                .filter(scope)
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let total = rows.len();
    let mut visible: Vec<_> = rows
        .into_iter()
        .filter_map(|e| {
            let c = complaints.iter().find(|c| c.id == e.complaint_id)?.clone();
            Some((e, c))
        })
        .collect();
    visible.sort_by_key(|(_, c)| (c.received_at, c.id));
    Ok(Evidence {
        item,
        out_of_scope: u64::try_from(total - visible.len()).unwrap_or(u64::MAX),
        visible,
    })
}

/// The items a complaint is evidence for (404 outside the caller's scope), each with its
/// tasks and evidence count.
pub async fn of_complaint(
    state: &AppState,
    actor: &Actor,
    complaint_id: Uuid,
) -> Result<Vec<Item>, ApiError> {
    let db = &state.db.conn;
    load_in_scope(db, &actor.scope, complaint_id).await?;
    let ids: Vec<Uuid> = improvement_evidence::Entity::find()
        .select_only()
        .column(improvement_evidence::Column::ItemId)
        .filter(improvement_evidence::Column::ComplaintId.eq(complaint_id))
        .into_tuple()
        .all(db)
        .await?;
    let items = improvement::Entity::find()
        .filter(improvement::Column::Id.is_in(ids))
        .order_by_asc(improvement::Column::CreatedAt)
        .all(db)
        .await?;
    details(db, items).await
}

/// A hand-made item (from an audit, an ombudsman decision, a handler's report).
#[derive(Debug, Clone)]
pub struct NewItem {
    pub title: String,
    pub description: Option<String>,
    pub cause: Option<String>,
    pub product: Option<String>,
    pub complaints: Vec<Uuid>,
}

/// Creates a hand-made item in `proposed`, linked to the complaints given.
pub async fn create(state: &AppState, actor: &Actor, input: NewItem) -> Result<Item, ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    if let Some(cause) = &input.cause {
        taxonomy::check_usable(db, "cause", cause).await?;
    }
    if let Some(product) = &input.product {
        taxonomy::check_product(db, "product", product).await?;
    }
    let id = Uuid::now_v7();
    let row = improvement::Model {
        id,
        title: input.title,
        description: input.description,
        state: ItemState::Proposed.as_str().to_owned(),
        held_from: None,
        source: "manual".to_owned(),
        rule: None,
        rule_key: None,
        open_key: None,
        cause: input.cause,
        product: input.product,
        priority: None,
        owner: None,
        plan: None,
        went_live_at: None,
        change_reference: None,
        check_result: None,
        verdict: None,
        standardisation: None,
        merged_into: None,
        iteration: 1,
        created_by: actor.sub.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    improvement::Entity::insert(improvement::ActiveModel::from(row.clone()))
        .exec_without_returning(db)
        .await?;
    for (i, complaint_id) in input.complaints.iter().enumerate() {
        if input.complaints.iter().take(i).any(|c| c == complaint_id) {
            continue;
        }
        if complaint::Entity::find_by_id(*complaint_id)
            .one(db)
            .await?
            .is_none()
        {
            return Err(ApiError::invalid_field(
                &format!("complaints[{i}]"),
                "no such complaint",
            ));
        }
        improvement_evidence::Entity::insert(improvement_evidence::ActiveModel {
            id: Set(Uuid::now_v7()),
            item_id: Set(id),
            complaint_id: Set(*complaint_id),
            rule: Set("manual".to_owned()),
            params: Set(json!({})),
            explanation: Set(format!("linked by {}", actor.sub)),
            matched_at: Set(now),
        })
        .exec_without_returning(db)
        .await?;
    }
    audit::log(
        db,
        actor,
        now,
        "improvement.created",
        ("improvement", &id.to_string()),
        json!({"source": "manual", "title": row.title, "cause": row.cause, "complaints": input.complaints}),
    )
    .await?;
    tx.commit().await?;
    get(state, id).await
}

fn plan_json(p: &Plan) -> Value {
    json!({
        "problem_statement": p.problem_statement,
        "others_affected": p.others_affected,
        "others_affected_note": p.others_affected_note,
        "baseline_from": p.baseline_from.to_string(),
        "baseline_to": p.baseline_to.to_string(),
        "target_reduction_pct": p.target_reduction_pct,
        "measurement_days": p.measurement_days,
        "lag_days": p.lag_days,
    })
}

fn plan_field<'a>(item: &'a improvement::Model, key: &str) -> Option<&'a Value> {
    item.plan.as_ref().and_then(|p| p.get(key))
}

fn plan_date(item: &improvement::Model, key: &str) -> Option<NaiveDate> {
    plan_field(item, key)
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

fn plan_u32(item: &improvement::Model, key: &str) -> Option<u32> {
    plan_field(item, key)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::MIN).and_utc()
}

/// Counts the complaints with the item's cause (and product) received in `[from, to)`.
async fn count_cause(
    db: &impl ConnectionTrait,
    item: &improvement::Model,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u64, ApiError> {
    let Some(cause) = &item.cause else {
        return Ok(0);
    };
    let aliases = taxonomy::aliases_of(db, cause).await?;
    let mut q = complaint::Entity::find()
        .filter(complaint::Column::PrimaryCause.is_in(aliases))
        .filter(complaint::Column::ReceivedAt.gte(from))
        .filter(complaint::Column::ReceivedAt.lt(to));
    if let Some(p) = &item.product {
        q = q.filter(complaint::Column::Product.eq(p.as_str()));
    }
    Ok(q.count(db).await?)
}

/// The check: the cause's rate in the baseline window against the window after go-live.
async fn measure(
    db: &impl ConnectionTrait,
    item: &improvement::Model,
    now: DateTime<Utc>,
) -> Result<Option<(Value, Verdict)>, ApiError> {
    let (Some(from), Some(to), Some(target), Some(days), Some(live)) = (
        plan_date(item, "baseline_from"),
        plan_date(item, "baseline_to"),
        plan_u32(item, "target_reduction_pct"),
        plan_u32(item, "measurement_days"),
        item.went_live_at,
    ) else {
        return Ok(None);
    };
    let lag = plan_u32(item, "lag_days").unwrap_or(recurrence::DEFAULT_LAG_DAYS);
    let (post_from, post_to) = post_window(live, lag, days);
    if now < post_to {
        return Ok(None);
    }
    let (base_from, base_to) = (midnight(from), midnight(to));
    let baseline = count_cause(db, item, base_from, base_to).await?;
    let post = count_cause(db, item, post_from, post_to).await?;
    #[expect(
        clippy::as_conversions,
        reason = "a window's length in f64 days for the rates: seconds are exact in f64 below 2^53 (285 million years)"
    )]
    let days_of = |a: DateTime<Utc>, b: DateTime<Utc>| (b - a).num_seconds() as f64 / 86_400.0;
    let r = check(
        baseline,
        days_of(base_from, base_to),
        post,
        days_of(post_from, post_to),
        target,
        MIN_BASELINE_EVENTS,
        ALPHA,
    );
    let result = json!({
        "cause": item.cause,
        "product": item.product,
        "baseline_from": base_from.to_rfc3339(),
        "baseline_to": base_to.to_rfc3339(),
        "post_from": post_from.to_rfc3339(),
        "post_to": post_to.to_rfc3339(),
        "lag_days": lag,
        "baseline_count": r.baseline_count,
        "baseline_days": r.baseline_days,
        "post_count": r.post_count,
        "post_days": r.post_days,
        "baseline_rate_per_day": r.baseline_rate_per_day,
        "post_rate_per_day": r.post_rate_per_day,
        "rate_ratio": r.rate_ratio,
        "p_value": r.p_value,
        "test": "one-sided exact Poisson rate-ratio test (conditional binomial)",
        "alpha": r.alpha,
        "target_reduction_pct": r.target_reduction_pct,
        "min_baseline_events": r.min_baseline_events,
        "verdict": r.verdict.as_str(),
        "checked_at": now.to_rfc3339(),
    });
    Ok(Some((result, r.verdict)))
}

/// Takes an item action if `expected_version` is still current.
pub async fn act(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_version: Option<&[i64]>,
    input: ItemInput,
) -> Result<Item, ApiError> {
    let now = state.clock.now();
    let action = input.action();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    // FOR UPDATE on PostgreSQL, in id order so that two writers never wait on each other: a
    // concurrent action on this item waits and then finds the version moved, and a merge
    // holds its target too, so two items merged into each other at once cannot both see the
    // other still open. SQLite's writers already take turns: nothing to lock there.
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        let mut held = vec![id];
        if let ItemInput::Merge { into } = &input {
            held.push(*into);
        }
        improvement::Entity::find()
            .filter(improvement::Column::Id.is_in(held))
            .order_by_asc(improvement::Column::Id)
            .lock_exclusive()
            .all(db)
            .await?;
    }
    let current = load(db, id).await?;
    if expected_version.is_some_and(|v| !v.contains(&current.version)) {
        return Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            format!(
                "the item is at version {}; reload and retry",
                current.version
            ),
        ));
    }
    let from: ItemState = stored("improvements.state", &current.state)?;
    let tasks = tasks_of(db, id).await?;
    let mut next = current.clone();
    let mut facts = ItemFacts {
        has_priority: current.priority.is_some(),
        has_owner: current.owner.is_some(),
        went_live: current.went_live_at.is_some(),
        verdict: stored_opt("improvements.verdict", current.verdict.as_deref())?,
        held_from: stored_opt("improvements.held_from", current.held_from.as_deref())?,
        has_tasks: !tasks.is_empty(),
        ..ItemFacts::default()
    };
    let mut data = serde_json::Map::from_iter([
        ("action".to_owned(), json!(action.as_str())),
        ("from".to_owned(), json!(from.as_str())),
    ]);
    let mut measured = None;
    match &input {
        ItemInput::Triage { priority, owner } => {
            facts.has_priority = !priority.is_empty();
            facts.has_owner = !owner.trim().is_empty();
            next.priority = Some(priority.clone());
            next.owner = Some(owner.clone());
            data.insert("priority".to_owned(), json!(priority));
            data.insert("owner".to_owned(), json!(owner));
        }
        ItemInput::Plan(p) => {
            instants::past_day("baseline_from", p.baseline_from, now.date_naive())?;
            instants::past_day("baseline_to", p.baseline_to, now.date_naive())?;
            if p.baseline_to <= p.baseline_from {
                return Err(ApiError::invalid_field(
                    "baseline_to",
                    "the baseline window ends after it starts",
                ));
            }
            facts.has_problem_statement = !p.problem_statement.trim().is_empty();
            facts.others_affected_answered = !p.others_affected.is_empty();
            facts.has_baseline = true;
            facts.has_success_criterion = p.target_reduction_pct > 0;
            facts.has_measurement_window = p.measurement_days > 0;
            // A revision replaces the plan; the trail keeps the one it replaced.
            if let Some(before) = &current.plan {
                data.insert("before".to_owned(), before.clone());
            }
            next.plan = Some(plan_json(p));
            data.insert("plan".to_owned(), plan_json(p));
        }
        ItemInput::Start { tasks: new } => {
            for (i, t) in new.iter().enumerate() {
                instants::planned_day(&format!("tasks[{i}].due_on"), t.due_on, now)?;
            }
            facts.has_tasks = !new.is_empty();
            data.insert("tasks".to_owned(), json!(new.iter().map(|t| json!({"description": t.description, "owner": t.owner, "due_on": t.due_on.to_string()})).collect::<Vec<_>>()));
        }
        ItemInput::UpdateTask { task_id, status } => {
            if !tasks.iter().any(|t| t.id == *task_id) {
                return Err(ApiError::invalid_field(
                    "task_id",
                    "no such task on this item",
                ));
            }
            data.insert("task_id".to_owned(), json!(task_id));
            data.insert("status".to_owned(), json!(status));
        }
        ItemInput::GoLive {
            went_live_at,
            change_reference,
        } => {
            // A fix goes live after the baseline it is measured against.
            let baseline = plan_date(&current, "baseline_to")
                .map(|d| instants::Mark::day("the end of the baseline window", d));
            instants::happened("went_live_at", *went_live_at, baseline.as_slice(), now)?;
            next.went_live_at = Some(*went_live_at);
            next.change_reference = change_reference.clone();
            data.insert("went_live_at".to_owned(), json!(went_live_at.to_rfc3339()));
            data.insert("change_reference".to_owned(), json!(change_reference));
        }
        ItemInput::Check => {
            measured = measure(db, &current, now).await?;
            facts.measurement_over = measured.is_some();
        }
        ItemInput::Act { standardisation } => {
            facts.has_standardisation = standardisation.as_object().is_some_and(|o| {
                o.values()
                    .any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
            });
            next.standardisation = Some(standardisation.clone());
            data.insert("standardisation".to_owned(), standardisation.clone());
        }
        ItemInput::Iterate { reason }
        | ItemInput::Reject { reason }
        | ItemInput::Hold { reason } => {
            facts.has_reason = !reason.trim().is_empty();
            data.insert("reason".to_owned(), json!(reason));
        }
        ItemInput::Close { note } => {
            data.insert("note".to_owned(), json!(note));
        }
        ItemInput::Merge { into } => {
            let target = improvement::Entity::find_by_id(*into).one(db).await?;
            let target_state = target
                .as_ref()
                .map(|t| stored::<ItemState>("improvements.state", &t.state))
                .transpose()?;
            facts.merge_target_open = *into != id && target_state.is_some_and(ItemState::is_open);
            next.merged_into = Some(*into);
            data.insert("into".to_owned(), json!(into));
        }
        ItemInput::Resume => {}
    }
    let to = transition(from, action, &facts)?;
    next.state = to.as_str().to_owned();
    match &input {
        ItemInput::Start { tasks: new } => {
            for t in new {
                improvement_task::Entity::insert(improvement_task::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    item_id: Set(id),
                    description: Set(t.description.clone()),
                    owner: Set(t.owner.clone()),
                    due_on: Set(t.due_on),
                    status: Set("open".to_owned()),
                    updated_at: Set(now),
                })
                .exec_without_returning(db)
                .await?;
            }
        }
        ItemInput::UpdateTask { task_id, status } => {
            improvement_task::Entity::update_many()
                .col_expr(
                    improvement_task::Column::Status,
                    Expr::value(status.as_str()),
                )
                .col_expr(improvement_task::Column::UpdatedAt, Expr::value(now))
                .filter(improvement_task::Column::Id.eq(*task_id))
                .exec(db)
                .await?;
        }
        ItemInput::Check => {
            if let Some((result, verdict)) = measured {
                next.verdict = Some(verdict.as_str().to_owned());
                data.insert("check".to_owned(), result.clone());
                next.check_result = Some(result);
            }
        }
        ItemInput::Iterate { .. } => {
            next.iteration += 1;
            next.verdict = None;
            next.went_live_at = None;
        }
        ItemInput::Hold { .. } => next.held_from = Some(from.as_str().to_owned()),
        ItemInput::Resume => next.held_from = None,
        _ => {}
    }
    // A finished item gives its key back, so the rules can open a new one.
    if !to.is_open() {
        next.open_key = None;
    }
    next.updated_at = now;
    next.version = current.version + 1;
    // Every column is written; the version condition makes the write conditional.
    let mut model = next.clone().into_active_model().reset_all();
    model.id = sea_orm::ActiveValue::NotSet;
    let written = improvement::Entity::update_many()
        .set(model)
        .filter(improvement::Column::Id.eq(id))
        .filter(improvement::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if written.rows_affected != 1 {
        return Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            "the item changed while the action was taken; reload and retry",
        ));
    }
    data.insert("to".to_owned(), json!(to.as_str()));
    audit::log(
        db,
        actor,
        now,
        &format!("improvement.{}", action.as_str()),
        ("improvement", &id.to_string()),
        data.into(),
    )
    .await?;
    tx.commit().await?;
    get(state, id).await
}
