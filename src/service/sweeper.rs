//! The deadline sweeper: raises each timer's warnings and its breach exactly once, as events on
//! the complaint. Safe with several replicas on one PostgreSQL: each timer is claimed with
//! `FOR UPDATE SKIP LOCKED`, so two sweepers never take the same one; on SQLite the writers'
//! gate serialises them. Only running timers whose next check has come are read, through the
//! `next_check_at` index, so closed cases are never scanned.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::{complaint, complaint_timer, escalation};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, LockBehavior, LockType},
};
use serde_json::json;
use uuid::Uuid;

use super::{
    audit::{self, SYSTEM},
    timers::{BREACHED, RUNNING, warn_instants},
};
use crate::{
    domain::deadlines::{WARN_FRACTIONS, check_timer},
    error::ApiError,
    state::AppState,
};

/// What a sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub timers_checked: u32,
    pub warnings: u32,
    pub breaches: u32,
}

/// Checks every timer due for a check at the clock's current instant, up to `limit` timers.
pub async fn sweep_once(state: &AppState, limit: u32) -> Result<SweepReport, ApiError> {
    let now = state.clock.now();
    let mut report = SweepReport::default();
    for _ in 0..limit {
        match check_next(state, now).await? {
            Some((warnings, breached)) => {
                report.timers_checked += 1;
                report.warnings += warnings;
                report.breaches += u32::from(breached);
            }
            None => break,
        }
    }
    Ok(report)
}

/// Claims the next timer whose check has come and deals with it in one transaction. `None`
/// when there is nothing left to check.
async fn check_next(state: &AppState, now: DateTime<Utc>) -> Result<Option<(u32, bool)>, ApiError> {
    let tx = state.db.begin_write().await?;
    let timer = complaint_timer::Entity::find()
        .filter(complaint_timer::Column::NextCheckAt.lte(now))
        .filter(complaint_timer::Column::State.eq(RUNNING))
        .order_by_asc(complaint_timer::Column::NextCheckAt)
        .limit(1)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .one(tx.conn())
        .await?;
    let Some(timer) = timer else {
        return Ok(None);
    };
    let Some(mut complaint) = complaint::Entity::find_by_id(timer.complaint_id)
        .one(tx.conn())
        .await?
    else {
        return Err(ApiError::internal(format!(
            "timer {} has no complaint",
            timer.id
        )));
    };
    let warn_at = warn_instants(&timer.warn_at);
    let due = timer.extended_due_at.unwrap_or(timer.due_at);
    let check = check_timer(&warn_at, timer.warnings_raised.max(0) as usize, due, now);

    let mut raised = Vec::new();
    for i in &check.warnings {
        raised.push((
            "timer.warning",
            json!({
                "timer": timer.name,
                "warning": i + 1,
                "fraction": WARN_FRACTIONS.get(*i),
                "warn_at": warn_at[*i].to_rfc3339(),
                "due_at": due.to_rfc3339(),
            }),
        ));
    }
    let escalate = check.breached && timer.regulatory && state.config.escalate_on_breach;
    let reason = format!(
        "the {} deadline ({}) was breached",
        timer.name.replace('_', " "),
        due.to_rfc3339()
    );
    if check.breached {
        raised.push(("timer.breached", json!({"timer": timer.name, "due_at": due.to_rfc3339(), "regulatory": timer.regulatory})));
    }
    if escalate {
        raised.push((
            "escalation.raised",
            json!({"level": 1, "timer": timer.name, "reason": reason}),
        ));
    }
    for (kind, data) in raised {
        match audit::append(tx.conn(), &complaint, SYSTEM, now, kind, data).await? {
            Some(next) => complaint = next,
            // The complaint changed under us: leave the timer for the next sweep.
            None => return Ok(Some((0, false))),
        }
    }

    let mut update = complaint_timer::Entity::update_many()
        .col_expr(
            complaint_timer::Column::WarningsRaised,
            Expr::value(check.warnings_raised as i16),
        )
        .col_expr(
            complaint_timer::Column::NextCheckAt,
            Expr::value(check.next_check_at),
        )
        .col_expr(
            complaint_timer::Column::Version,
            Expr::value(timer.version + 1),
        );
    if check.breached {
        update = update
            .col_expr(complaint_timer::Column::State, Expr::value(BREACHED))
            .col_expr(complaint_timer::Column::BreachedAt, Expr::value(Some(now)));
    }
    let result = update
        .filter(complaint_timer::Column::Id.eq(timer.id))
        .filter(complaint_timer::Column::Version.eq(timer.version))
        .exec(tx.conn())
        .await?;
    if result.rows_affected != 1 {
        return Ok(Some((0, false)));
    }
    if escalate {
        escalation::Entity::insert(escalation::ActiveModel {
            id: Set(Uuid::now_v7()),
            complaint_id: Set(complaint.id),
            team_id: Set(complaint.team_id.clone()),
            timer: Set(Some(timer.name.clone())),
            level: Set(1),
            reason: Set(reason),
            raised_at: Set(now),
        })
        .exec_without_returning(tx.conn())
        .await?;
    }
    tx.commit().await?;
    if check.breached {
        tracing::warn!(complaint = %complaint.reference, timer = %timer.name, "deadline breached");
    }
    Ok(Some((check.warnings.len() as u32, check.breached)))
}

/// Sweeps every `interval` until the process ends.
pub async fn run(state: AppState, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match sweep_once(&state, 10_000).await {
            Ok(report) if report.timers_checked > 0 => {
                tracing::info!(
                    checked = report.timers_checked,
                    warnings = report.warnings,
                    breaches = report.breaches,
                    "deadline sweep"
                );
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "deadline sweep failed"),
        }
    }
}
