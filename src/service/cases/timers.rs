//! Setting and reading a complaint's timers. The due instants come from the same pure code
//! as the deadline preview, over the profile's calendar as the database holds it.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::complaint_timer;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::service::{admin::calendars, admin::profiles};
use crate::{
    domain::{
        case::complaint::Profile,
        deadlines::calendar::Calendar,
        deadlines::{
            self, Locale, ProfileRules, Schedule, StartEvent, Starts, TimerRule, due_at, schedule,
            warnings,
        },
    },
    error::ApiError,
};

/// Timer states as stored.
pub const RUNNING: &str = "running";
pub const BREACHED: &str = "breached";
pub const PAUSED: &str = "paused";
pub const LAPSED: &str = "lapsed";
pub const MISSED: &str = "missed";

/// The calendar and time zone a profile counts its days in.
async fn locale_of(
    db: &impl ConnectionTrait,
    rules: &ProfileRules,
) -> Result<(Calendar, Tz), ApiError> {
    let calendar = calendars::calendar(db, rules.calendar).await?;
    let tz: Tz = rules
        .calendar
        .time_zone()
        .parse()
        .map_err(ApiError::internal)?;
    Ok((calendar, tz))
}

/// The schedules a profile sets for the starting instants given.
async fn schedules(
    db: &impl ConnectionTrait,
    profile: Profile,
    starts: &Starts,
) -> Result<Vec<Schedule>, ApiError> {
    let rules = profiles::rules(db, profile).await?;
    let (calendar, tz) = locale_of(db, &rules).await?;
    Ok(schedule(
        &rules,
        starts,
        &Locale {
            calendar: &calendar,
            tz,
        },
    ))
}

/// The schedule of one timer rule started at `start`, in the profile's calendar.
pub async fn plan_one(
    db: &impl ConnectionTrait,
    rules: &ProfileRules,
    rule: TimerRule,
    start: DateTime<Utc>,
) -> Result<Schedule, ApiError> {
    let (calendar, tz) = locale_of(db, rules).await?;
    let locale = Locale {
        calendar: &calendar,
        tz,
    };
    let due = due_at(rules, &rule, rule.span, start, &locale);
    Ok(Schedule {
        rule,
        started_at: start,
        due_at: due,
        warn_at: warnings(start, due),
        extension_cap: None,
        beyond_calendar: deadlines::beyond_calendar(rule.span, due, &locale),
    })
}

fn warn_json(warn_at: &[DateTime<Utc>]) -> serde_json::Value {
    serde_json::Value::Array(
        warn_at
            .iter()
            .map(|t| serde_json::Value::String(t.to_rfc3339()))
            .collect(),
    )
}

/// Reads the stored warning instants back.
pub fn warn_instants(value: &serde_json::Value) -> Vec<DateTime<Utc>> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| {
                    v.as_str()
                        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                })
                .map(|t| t.with_timezone(&Utc))
                .collect()
        })
        .unwrap_or_default()
}

/// The schedules of the timers of `profile` that `event` starts.
pub async fn plan(
    db: &impl ConnectionTrait,
    profile: Profile,
    event: StartEvent,
    starts: &Starts,
) -> Result<Vec<Schedule>, ApiError> {
    let mut planned = schedules(db, profile, starts).await?;
    planned.retain(|s| s.rule.starts_on == event);
    Ok(planned)
}

/// What the audit trail records of planned timers.
pub fn summary(planned: &[Schedule]) -> serde_json::Value {
    planned
        .iter()
        .map(|s| serde_json::json!({"name": s.rule.name, "due_at": s.due_at.to_rfc3339()}))
        .collect()
}

/// Stores planned timers as running, in the caller's transaction.
pub async fn insert(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    planned: &[Schedule],
) -> Result<Vec<complaint_timer::Model>, ApiError> {
    let rows: Vec<complaint_timer::Model> = planned
        .iter()
        .map(|s| timer_row(complaint_id, s, s.rule.name))
        .collect();
    // One statement for all of them: it runs under the writers' gate.
    crate::service::insert_chunked(
        db,
        rows.iter()
            .cloned()
            .map(complaint_timer::ActiveModel::from)
            .collect(),
    )
    .await?;
    Ok(rows)
}

/// Stores one planned timer under `name`.
pub async fn insert_named(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    s: &Schedule,
    name: &str,
) -> Result<complaint_timer::Model, ApiError> {
    let row = timer_row(complaint_id, s, name);
    complaint_timer::Entity::insert(complaint_timer::ActiveModel::from(row.clone()))
        .exec_without_returning(db)
        .await?;
    Ok(row)
}

/// A planned timer's row, running from its start.
fn timer_row(complaint_id: Uuid, s: &Schedule, name: &str) -> complaint_timer::Model {
    warn_if_beyond(complaint_id, s, name);
    complaint_timer::Model {
        id: Uuid::now_v7(),
        complaint_id,
        name: name.to_owned(),
        stage: s.rule.stage.map(i16::from),
        regulatory: s.rule.regulatory,
        kind: s.rule.kind.as_str().to_owned(),
        state: RUNNING.to_owned(),
        started_at: s.started_at,
        due_at: s.due_at,
        warn_at: warn_json(&s.warn_at),
        warnings_raised: 0,
        next_check_at: Some(s.warn_at.first().copied().unwrap_or(s.due_at)),
        met_at: None,
        breached_at: None,
        extended_due_at: None,
        extension_cap_at: s.extension_cap,
        extension_reason: None,
        extension_notice_at: None,
        paused_at: None,
        beyond_calendar: s.beyond_calendar,
        version: 1,
    }
}

/// Says in the log when a deadline was counted past the holiday data, so that someone extends
/// the calendar before it matters. Ids and instants only: no personal data.
fn warn_if_beyond(complaint_id: Uuid, s: &Schedule, name: &str) {
    if s.beyond_calendar {
        tracing::warn!(
            %complaint_id,
            timer = name,
            due_at = %s.due_at.to_rfc3339(),
            known_through = crate::domain::deadlines::holidays::KNOWN_THROUGH,
            "deadline counted in business days past the holiday calendar's known one-off data"
        );
    }
}

/// Re-times the running timers that `event` started, after its instant was corrected. Timers
/// already met or breached keep their history.
pub async fn restart(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    profile: Profile,
    event: StartEvent,
    starts: &Starts,
) -> Result<(), ApiError> {
    for s in plan(db, profile, event, starts).await? {
        warn_if_beyond(complaint_id, &s, s.rule.name);
        complaint_timer::Entity::update_many()
            .col_expr(
                complaint_timer::Column::StartedAt,
                Expr::value(s.started_at),
            )
            .col_expr(complaint_timer::Column::DueAt, Expr::value(s.due_at))
            .col_expr(
                complaint_timer::Column::WarnAt,
                Expr::value(warn_json(&s.warn_at)),
            )
            .col_expr(complaint_timer::Column::WarningsRaised, Expr::value(0i16))
            .col_expr(
                complaint_timer::Column::NextCheckAt,
                Expr::value(Some(s.warn_at.first().copied().unwrap_or(s.due_at))),
            )
            .col_expr(
                complaint_timer::Column::ExtensionCapAt,
                Expr::value(s.extension_cap),
            )
            .col_expr(
                complaint_timer::Column::BeyondCalendar,
                Expr::value(s.beyond_calendar),
            )
            .col_expr(
                complaint_timer::Column::Version,
                Expr::col(complaint_timer::Column::Version).add(1),
            )
            .filter(complaint_timer::Column::ComplaintId.eq(complaint_id))
            .filter(complaint_timer::Column::Name.eq(s.rule.name))
            .filter(complaint_timer::Column::State.eq(RUNNING))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A complaint's timers in the order they were started.
pub async fn of(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
) -> Result<Vec<complaint_timer::Model>, ApiError> {
    Ok(complaint_timer::Entity::find()
        .filter(complaint_timer::Column::ComplaintId.eq(complaint_id))
        .order_by_asc(complaint_timer::Column::Id)
        .all(db)
        .await?)
}

/// Pauses a running internal target.
pub async fn pause(
    db: &impl ConnectionTrait,
    t: &complaint_timer::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    complaint_timer::Entity::update_many()
        .col_expr(complaint_timer::Column::State, Expr::value(PAUSED))
        .col_expr(complaint_timer::Column::PausedAt, Expr::value(Some(now)))
        .col_expr(
            complaint_timer::Column::NextCheckAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(complaint_timer::Column::Version, Expr::value(t.version + 1))
        .filter(complaint_timer::Column::Id.eq(t.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Resumes a paused timer: its due instant and warnings move on by the pause. Returns the
/// new due instant.
pub async fn resume(
    db: &impl ConnectionTrait,
    t: &complaint_timer::Model,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ApiError> {
    let paused_for = t.paused_at.map_or(chrono::Duration::zero(), |p| now - p);
    let r = crate::domain::deadlines::resume(
        t.due_at,
        t.extended_due_at,
        &warn_instants(&t.warn_at),
        usize::try_from(t.warnings_raised).unwrap_or(0),
        paused_for,
    );
    complaint_timer::Entity::update_many()
        .col_expr(complaint_timer::Column::State, Expr::value(RUNNING))
        .col_expr(
            complaint_timer::Column::PausedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(complaint_timer::Column::DueAt, Expr::value(r.due_at))
        .col_expr(
            complaint_timer::Column::ExtendedDueAt,
            Expr::value(r.extended_due_at),
        )
        .col_expr(
            complaint_timer::Column::WarnAt,
            Expr::value(warn_json(&r.warn_at)),
        )
        .col_expr(
            complaint_timer::Column::NextCheckAt,
            Expr::value(Some(r.next_check_at)),
        )
        .col_expr(complaint_timer::Column::Version, Expr::value(t.version + 1))
        .filter(complaint_timer::Column::Id.eq(t.id))
        .exec(db)
        .await?;
    Ok(r.extended_due_at.unwrap_or(r.due_at))
}
