//! The deadline sweeper: raises each timer's warnings and its breach exactly once, as events on
//! the complaint. Safe with several replicas on one PostgreSQL: each due timer is claimed
//! together with its complaint, with `FOR UPDATE SKIP LOCKED`, a batch to a transaction, so two
//! sweepers never take the same timer and neither passes over a timer whose complaint the other
//! holds; on SQLite the writers' gate serialises them. Only running timers whose next check has
//! come are read, as one range of the `(state, next_check_at)` index already in order, so
//! neither closed cases nor running timers not yet due are scanned: a pass costs what is due.

use std::{collections::HashMap, time::Duration};

use chrono::{DateTime, Utc};
use entity::{complaint, complaint_timer, escalation};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityName, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
    sea_query::{CaseStatement, Expr, ExprTrait, LockBehavior, LockType},
};
use serde_json::json;
use uuid::Uuid;

use crate::service::{
    audit::{self, Recording, SYSTEM},
    cases::timers::{RUNNING, warn_instants},
    insert_chunked,
    integration::outbox,
    stored::stored,
};
use crate::{
    domain::deadlines::{TimerCheck, TimerKind, WARN_FRACTIONS, check_timer},
    error::ApiError,
    state::AppState,
};

/// What a sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub timers_checked: u32,
    pub warnings: u32,
    /// Deadlines breached.
    pub breaches: u32,
    /// Internal targets missed.
    pub missed: u32,
    /// Optional windows that lapsed.
    pub lapsed: u32,
}

impl SweepReport {
    fn add(&mut self, other: SweepReport) {
        self.timers_checked += other.timers_checked;
        self.warnings += other.warnings;
        self.breaches += other.breaches;
        self.missed += other.missed;
        self.lapsed += other.lapsed;
    }
}

/// Timers checked per transaction: one commit (on SQLite, one flush to disk) serves them all.
const BATCH: u32 = 256;

/// Checks every timer due for a check at the clock's current instant, up to `limit` timers.
pub async fn sweep_once(state: &AppState, limit: u32) -> Result<SweepReport, ApiError> {
    let now = state.clock.now();
    let mut report = SweepReport::default();
    while report.timers_checked < limit {
        let take = Ord::min(BATCH, limit - report.timers_checked);
        let batch = check_batch(state, now, take).await?;
        report.add(batch);
        if batch.timers_checked < take {
            break;
        }
    }
    Ok(report)
}

/// Claims up to `take` timers whose check has come and deals with them in one transaction:
/// the decisions are made in memory, then written with a few statements per batch instead of
/// several per timer. Every timer claimed is checked: the claim holds its complaint.
async fn check_batch(
    state: &AppState,
    now: DateTime<Utc>,
    take: u32,
) -> Result<SweepReport, ApiError> {
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let timers = due_timers(now, take).all(db).await?;
    if timers.is_empty() {
        return Ok(SweepReport::default());
    }
    let mut ids: Vec<Uuid> = timers.iter().map(|t| t.complaint_id).collect();
    ids.sort_unstable();
    ids.dedup();
    // The claim above already holds these complaints' rows.
    let mut heads: HashMap<Uuid, Head> = complaint::Entity::find()
        .filter(complaint::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, Head::new(c)))
        .collect();
    let report = record_checks(state, db, &timers, &mut heads, now, Recording::Live).await?;
    tx.commit().await?;
    Ok(report)
}

/// Records what has come due on one complaint's running timers (warnings owed, deadlines
/// breached, targets missed, windows lapsed) exactly as the sweeper would, in the caller's
/// transaction, and returns the complaint as that leaves it. An action calls it before it
/// decides, so that whoever notices a passed deadline first, the action or the sweeper, the
/// breach is recorded the same way: its instant, its event, its webhook and its escalation.
/// The caller holds the complaint's row (`load_for_change`).
///
/// A case being imported ([`Recording::Imported`]) records the same events, each at the instant
/// it came due and marked as imported, and raises nothing: no webhook, no escalation, no log
/// line, since it all happened in the system the case came from.
pub async fn notice_due(
    state: &AppState,
    db: &impl ConnectionTrait,
    current: complaint::Model,
    now: DateTime<Utc>,
    recording: Recording,
) -> Result<complaint::Model, ApiError> {
    let timers = complaint_timer::Entity::find()
        .filter(complaint_timer::Column::ComplaintId.eq(current.id))
        .filter(complaint_timer::Column::State.eq(RUNNING))
        .filter(complaint_timer::Column::NextCheckAt.lte(now))
        .order_by_asc(complaint_timer::Column::NextCheckAt)
        .all(db)
        .await?;
    if timers.is_empty() {
        return Ok(current);
    }
    let id = current.id;
    let mut heads = HashMap::from([(id, Head::new(current))]);
    record_checks(state, db, &timers, &mut heads, now, recording).await?;
    let head = heads
        .remove(&id)
        .ok_or_else(|| ApiError::internal("a checked complaint was lost"))?;
    let mut complaint = head.complaint;
    if complaint.event_count != head.read_events {
        // As `write_heads` just wrote it.
        complaint.version = head.read_version + 1;
        complaint.updated_at = now;
    }
    Ok(complaint)
}

/// Decides each timer's check and writes what it raised: the events on each complaint's
/// chain, their outbox rows, the escalations, the timers and the chain heads.
async fn record_checks(
    state: &AppState,
    db: &impl ConnectionTrait,
    timers: &[complaint_timer::Model],
    heads: &mut HashMap<Uuid, Head>,
    now: DateTime<Utc>,
    recording: Recording,
) -> Result<SweepReport, ApiError> {
    let imported = recording == Recording::Imported;
    let mut report = SweepReport::default();
    let mut events = Vec::new();
    let mut outbox = Vec::new();
    let mut escalations = Vec::new();
    let mut checked = Vec::new();
    for timer in timers {
        let Head { complaint, .. } = heads
            .get_mut(&timer.complaint_id)
            .ok_or_else(|| ApiError::internal("a claimed timer's complaint was not read"))?;
        let mut decision = decide(state, timer, now)?;
        if imported {
            decision
                .raised
                .retain(|(kind, _, _)| *kind != "escalation.raised");
            decision.escalation = None;
        }
        for (kind, mut data, at) in decision.raised {
            // An imported case's events happened when they came due, in its old system.
            let at = if imported {
                recording.mark(&mut data);
                std::cmp::min(at, now)
            } else {
                now
            };
            let event = audit::next_event(
                complaint.id,
                complaint.event_count + 1,
                &complaint.last_event_hash,
                SYSTEM,
                at,
                kind,
                data.clone(),
            );
            complaint.event_count = event.seq;
            complaint.last_event_hash = event.hash;
            events.push(event.row);
            if !imported {
                outbox.extend(outbox::complaint_outbox_rows(
                    &complaint.state,
                    complaint,
                    kind,
                    &data,
                    now,
                ));
            }
        }
        if let Some(reason) = decision.escalation {
            escalations.push(escalation::ActiveModel {
                id: Set(Uuid::now_v7()),
                complaint_id: Set(complaint.id),
                team_id: Set(complaint.team_id.clone()),
                timer: Set(Some(timer.name.clone())),
                level: Set(1),
                reason: Set(reason),
                raised_at: Set(now),
            });
        }
        report.timers_checked += 1;
        report.warnings += u32::try_from(decision.check.warnings.len()).unwrap_or(u32::MAX);
        match decision.passed {
            Some(Passed {
                kind: TimerKind::Deadline,
                ..
            }) => report.breaches += 1,
            Some(Passed {
                kind: TimerKind::Target,
                ..
            }) => report.missed += 1,
            Some(Passed {
                kind: TimerKind::Window,
                ..
            }) => report.lapsed += 1,
            None => {}
        }
        checked.push(Checked {
            timer,
            check: decision.check,
            passed: decision.passed,
            reference: complaint.reference.clone(),
        });
    }
    let changed: Vec<&Head> = heads
        .values()
        .filter(|h| h.complaint.event_count != h.read_events)
        .collect();
    write_heads(db, &changed, now).await?;
    insert_chunked(db, events).await?;
    insert_chunked(db, outbox).await?;
    insert_chunked(db, escalations).await?;
    write_timers(db, &checked).await?;
    for c in checked.iter().filter(|_| !imported) {
        match c.passed {
            Some(Passed {
                kind: TimerKind::Deadline,
                ..
            }) => {
                tracing::warn!(complaint = %c.reference, timer = %c.timer.name, "deadline breached");
            }
            Some(Passed {
                kind: TimerKind::Target,
                ..
            }) => {
                tracing::info!(complaint = %c.reference, timer = %c.timer.name, "internal target missed");
            }
            Some(Passed {
                kind: TimerKind::Window,
                ..
            }) => {
                tracing::info!(complaint = %c.reference, timer = %c.timer.name, "window lapsed");
            }
            None => {}
        }
    }
    Ok(report)
}

/// The running timers whose next check has come by `now`, soonest first, up to `take`, each
/// claimed for this transaction with its complaint (on PostgreSQL; SQLite's writers take
/// turns). Public so that a test can hold its plan to one index range.
///
/// The complaint's row is the lock every writer of a complaint takes before its timers (see
/// `load_for_change`). Claiming it in the same statement means a timer is passed over only
/// while another transaction holds its complaint, never because another sweeper claimed a
/// sibling timer of the same complaint: claiming timers alone and then skipping the complaints
/// held elsewhere let two concurrent sweepers each leave the other's siblings for the next pass.
/// PostgreSQL takes a row's locks in the order they are named and keeps any it took when it
/// skips the row, so the complaint comes first: a timer lock is tried only once its complaint
/// is this transaction's, and no sweeper can sit on a timer whose complaint another claimed.
/// The timer is locked too so that one changed since the statement began is re-read, not
/// judged on its old state. Nothing here waits for a lock, so a sweeper cannot deadlock with a
/// writer holding the complaint and wanting its timer.
pub fn due_timers(now: DateTime<Utc>, take: u32) -> sea_orm::Select<complaint_timer::Entity> {
    let mut select = complaint_timer::Entity::find()
        .join(
            JoinType::InnerJoin,
            complaint_timer::Entity::belongs_to(complaint::Entity)
                .from(complaint_timer::Column::ComplaintId)
                .to(complaint::Column::Id)
                .into(),
        )
        .filter(complaint_timer::Column::State.eq(RUNNING))
        .filter(complaint_timer::Column::NextCheckAt.lte(now))
        .order_by_asc(complaint_timer::Column::NextCheckAt)
        .limit(u64::from(take));
    QueryTrait::query(&mut select).lock_with_tables_behavior(
        LockType::Update,
        [
            complaint::Entity.table_ref(),
            complaint_timer::Entity.table_ref(),
        ],
        LockBehavior::SkipLocked,
    );
    select
}

/// A complaint as read by the sweep, and its chain head as the sweep moves it on.
struct Head {
    complaint: complaint::Model,
    read_version: i64,
    read_events: i64,
}

impl Head {
    fn new(complaint: complaint::Model) -> Head {
        Head {
            read_version: complaint.version,
            read_events: complaint.event_count,
            complaint,
        }
    }
}

/// A timer whose due instant passed: what kind it was, and that instant.
#[derive(Clone, Copy, Debug)]
struct Passed {
    kind: TimerKind,
    due: DateTime<Utc>,
}

/// What a check of one timer raises.
struct Decision {
    check: TimerCheck,
    passed: Option<Passed>,
    /// Each event with the instant it came due.
    raised: Vec<(&'static str, serde_json::Value, DateTime<Utc>)>,
    /// The reason of the escalation the breach raises, if it raises one.
    escalation: Option<String>,
}

/// A timer as checked, for the writes that follow.
struct Checked<'a> {
    timer: &'a complaint_timer::Model,
    check: TimerCheck,
    passed: Option<Passed>,
    reference: String,
}

fn decide(
    state: &AppState,
    timer: &complaint_timer::Model,
    now: DateTime<Utc>,
) -> Result<Decision, ApiError> {
    let kind: TimerKind = stored("complaint_timers.kind", &timer.kind)?;
    let warn_at = warn_instants(&timer.warn_at);
    let due = timer.extended_due_at.unwrap_or(timer.due_at);
    let check = check_timer(
        &warn_at,
        usize::try_from(timer.warnings_raised).unwrap_or(0),
        due,
        now,
    );
    let mut raised = Vec::new();
    for i in &check.warnings {
        let at = warn_at.get(*i).copied().unwrap_or(now);
        raised.push((
            "timer.warning",
            json!({
                "timer": timer.name,
                "warning": i + 1,
                "fraction": WARN_FRACTIONS.get(*i),
                "warn_at": warn_at.get(*i).map(DateTime::to_rfc3339),
                "due_at": due.to_rfc3339(),
            }),
            at,
        ));
    }
    // Only a deadline is a breach; a missed target and a lapsed window are recorded, under
    // their own names, and escalate nothing.
    let passed = check.breached.then_some(Passed { kind, due });
    let escalate =
        passed.is_some() && kind == TimerKind::Deadline && state.config.escalate_on_breach;
    let reason = format!(
        "the {} deadline ({}) was breached",
        timer.name.replace('_', " "),
        due.to_rfc3339()
    );
    if passed.is_some() {
        raised.push((
            kind.passed_event(),
            json!({"timer": timer.name, "due_at": due.to_rfc3339(), "kind": kind.as_str(), "regulatory": timer.regulatory}),
            due,
        ));
    }
    if escalate {
        raised.push((
            "escalation.raised",
            json!({"level": 1, "timer": timer.name, "reason": reason}),
            due,
        ));
    }
    Ok(Decision {
        check,
        passed,
        raised,
        escalation: escalate.then_some(reason),
    })
}

/// Moves each changed complaint's chain head and version on, in one statement. The rows are
/// locked by this transaction, so every one must match.
async fn write_heads(
    db: &impl ConnectionTrait,
    changed: &[&Head],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if changed.is_empty() {
        return Ok(());
    }
    let id = || Expr::col(complaint::Column::Id);
    let mut count = CaseStatement::new();
    let mut hash = CaseStatement::new();
    let mut version = CaseStatement::new();
    for h in changed {
        let c = &h.complaint;
        count = count.case(id().eq(c.id), c.event_count);
        hash = hash.case(id().eq(c.id), c.last_event_hash.clone());
        version = version.case(id().eq(c.id), h.read_version);
    }
    let result = complaint::Entity::update_many()
        .col_expr(
            complaint::Column::Version,
            Expr::col(complaint::Column::Version).add(1),
        )
        .col_expr(complaint::Column::UpdatedAt, Expr::value(now))
        .col_expr(complaint::Column::EventCount, count.into())
        .col_expr(complaint::Column::LastEventHash, hash.into())
        .filter(complaint::Column::Id.is_in(changed.iter().map(|h| h.complaint.id)))
        .filter(Expr::col(complaint::Column::Version).eq(Into::<Expr>::into(version)))
        .exec(db)
        .await?;
    if u64::try_from(changed.len()) != Ok(result.rows_affected) {
        return Err(ApiError::internal("a complaint changed during a sweep"));
    }
    Ok(())
}

/// Records each checked timer's warnings, next check and passing, in one statement. A timer
/// that passed is stamped with the instant it passed (its due instant), not the instant it was
/// noticed, so that reports count it in the period in which it really passed.
async fn write_timers(db: &impl ConnectionTrait, checked: &[Checked<'_>]) -> Result<(), ApiError> {
    if checked.is_empty() {
        return Ok(());
    }
    let id = || Expr::col(complaint_timer::Column::Id);
    let (mut warnings, mut next, mut state, mut breached_at, mut version) = (
        CaseStatement::new(),
        CaseStatement::new(),
        CaseStatement::new(),
        CaseStatement::new(),
        CaseStatement::new(),
    );
    for Checked {
        timer,
        check,
        passed,
        ..
    } in checked
    {
        warnings = warnings.case(
            id().eq(timer.id),
            i16::try_from(check.warnings_raised).unwrap_or(i16::MAX),
        );
        next = next.case(id().eq(timer.id), Expr::value(check.next_check_at));
        let (s, at) = match passed {
            Some(p) => (p.kind.passed_state().as_str(), Some(p.due)),
            None => (timer.state.as_str(), timer.breached_at),
        };
        state = state.case(id().eq(timer.id), s);
        breached_at = breached_at.case(id().eq(timer.id), Expr::value(at));
        version = version.case(id().eq(timer.id), timer.version);
    }
    let result = complaint_timer::Entity::update_many()
        .col_expr(complaint_timer::Column::WarningsRaised, warnings.into())
        .col_expr(complaint_timer::Column::NextCheckAt, next.into())
        .col_expr(complaint_timer::Column::State, state.into())
        .col_expr(complaint_timer::Column::BreachedAt, breached_at.into())
        .col_expr(
            complaint_timer::Column::Version,
            Expr::col(complaint_timer::Column::Version).add(1),
        )
        .filter(complaint_timer::Column::Id.is_in(checked.iter().map(|c| c.timer.id)))
        .filter(Expr::col(complaint_timer::Column::Version).eq(Into::<Expr>::into(version)))
        .exec(db)
        .await?;
    if u64::try_from(checked.len()) != Ok(result.rows_affected) {
        return Err(ApiError::internal("a timer changed during a sweep"));
    }
    Ok(())
}

/// Sweeps every `interval` until `stop` is raised.
pub async fn run(state: AppState, interval: Duration, mut stop: crate::service::Stop) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while crate::service::next_turn(&mut ticker, &mut stop).await {
        match sweep_once(&state, 10_000).await {
            Ok(report) if report.timers_checked > 0 => {
                tracing::info!(
                    checked = report.timers_checked,
                    warnings = report.warnings,
                    breaches = report.breaches,
                    missed = report.missed,
                    lapsed = report.lapsed,
                    "deadline sweep"
                );
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "deadline sweep failed"),
        }
    }
}
