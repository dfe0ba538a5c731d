//! The procedure profiles as this organisation runs them: the regulatory ones as the rules
//! set them, and the `internal` profile with the targets an admin chose.

use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::service::admin::{calendars, settings};
use crate::{
    auth::Actor,
    domain::{
        case::complaint::Profile,
        deadlines::holidays::CalendarId,
        deadlines::{
            InternalTargets, Locale, ProfileRules, Schedule, Starts, internal_rules,
            rules as fixed_rules, schedule,
        },
    },
    error::ApiError,
    state::AppState,
};

fn targets_json(t: &InternalTargets) -> serde_json::Value {
    json!({
        "calendar": t.calendar.as_str(),
        "stages": t.stages,
        "acknowledgement_business_days": t.acknowledgement_business_days,
        "stage1_response_business_days": t.stage1_response_business_days,
        "stage2_response_business_days": t.stage2_response_business_days,
    })
}

/// Reads stored targets; anything missing or unreadable keeps its default.
fn targets_from(value: &serde_json::Value) -> InternalTargets {
    let d = InternalTargets::default();
    let days = |key: &str, default: u32| {
        value
            .get(key)
            .and_then(serde_json::Value::as_u64)
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(default)
    };
    InternalTargets {
        calendar: value
            .get("calendar")
            .and_then(serde_json::Value::as_str)
            .and_then(CalendarId::parse)
            .unwrap_or(d.calendar),
        stages: u8::try_from(days("stages", u32::from(d.stages)).clamp(1, 2)).unwrap_or(1),
        acknowledgement_business_days: days(
            "acknowledgement_business_days",
            d.acknowledgement_business_days,
        ),
        stage1_response_business_days: days(
            "stage1_response_business_days",
            d.stage1_response_business_days,
        ),
        stage2_response_business_days: days(
            "stage2_response_business_days",
            d.stage2_response_business_days,
        ),
    }
}

const INTERNAL: &str = "profile.internal";

/// The `internal` profile's targets as configured, with the version of that configuration
/// (0 while the defaults apply).
pub async fn internal_targets(
    db: &impl ConnectionTrait,
) -> Result<(InternalTargets, i64), ApiError> {
    Ok(settings::get(db, INTERNAL)
        .await?
        .map_or((InternalTargets::default(), 0), |(v, version)| {
            (targets_from(&v), version)
        }))
}

/// The `internal` profile's targets for an admin to read, with the version of their
/// configuration (0 while the defaults apply).
pub async fn current_internal_targets(
    state: &AppState,
) -> Result<(InternalTargets, i64), ApiError> {
    internal_targets(&state.db.conn).await
}

/// A profile's rules as this organisation runs them.
pub async fn rules(db: &impl ConnectionTrait, profile: Profile) -> Result<ProfileRules, ApiError> {
    Ok(match profile {
        Profile::Internal => internal_rules(&internal_targets(db).await?.0),
        other => fixed_rules(other),
    })
}

/// Every profile's rules, in the order of [`Profile::ALL`].
pub async fn all_rules(state: &AppState) -> Result<Vec<ProfileRules>, ApiError> {
    let internal = internal_targets(&state.db.conn).await?.0;
    Ok(Profile::ALL
        .iter()
        .map(|p| match p {
            Profile::Internal => internal_rules(&internal),
            other => fixed_rules(*other),
        })
        .collect())
}

/// The deadlines `profile` would set for the starting instants given, with the rules they
/// come from: computed as a real case's timers are (its rules, calendar and time zone), so
/// that what a customer is told to expect is what the case will get.
pub async fn preview(
    state: &AppState,
    profile: Profile,
    starts: &Starts,
) -> Result<(ProfileRules, Vec<Schedule>), ApiError> {
    let rules = rules(&state.db.conn, profile).await?;
    let calendar = calendars::calendar(&state.db.conn, rules.calendar).await?;
    let tz = rules
        .calendar
        .time_zone()
        .parse()
        .map_err(ApiError::internal)?;
    let timers = schedule(
        &rules,
        starts,
        &Locale {
            calendar: &calendar,
            tz,
        },
    );
    Ok((rules, timers))
}

/// Sets the `internal` profile's targets. They apply to timers started from now on; timers
/// already running keep the due instants they were given.
pub async fn set_internal_targets(
    state: &AppState,
    actor: &Actor,
    targets: InternalTargets,
) -> Result<(InternalTargets, i64), ApiError> {
    let (before, _) = internal_targets(&state.db.conn).await?;
    let version = settings::put(
        state,
        actor,
        INTERNAL,
        targets_json(&before),
        targets_json(&targets),
    )
    .await?;
    Ok((targets, version))
}
