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
            rules as fixed_rules, schedule, with_internal_review,
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
        "rca_pending_allowed": t.rca_pending_allowed,
    })
}

/// Reads stored targets. A key that is missing keeps its default (settings stored before it
/// existed); one that is present but unreadable is an internal error, never a default, since
/// it decides deadlines.
fn targets_from(value: &serde_json::Value) -> Result<InternalTargets, ApiError> {
    let d = InternalTargets::default();
    let unreadable =
        |key: &str| ApiError::internal(format!("settings.{INTERNAL} holds an unreadable {key}"));
    let days = |key: &str, default: u32| match value.get(key) {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| unreadable(key)),
    };
    let calendar = match value.get("calendar") {
        None => d.calendar,
        Some(v) => v
            .as_str()
            .and_then(CalendarId::parse)
            .ok_or_else(|| unreadable("calendar"))?,
    };
    let stages = days("stages", u32::from(d.stages))?;
    Ok(InternalTargets {
        calendar,
        stages: u8::try_from(stages)
            .ok()
            .filter(|s| (1..=2).contains(s))
            .ok_or_else(|| unreadable("stages"))?,
        acknowledgement_business_days: days(
            "acknowledgement_business_days",
            d.acknowledgement_business_days,
        )?,
        stage1_response_business_days: days(
            "stage1_response_business_days",
            d.stage1_response_business_days,
        )?,
        stage2_response_business_days: days(
            "stage2_response_business_days",
            d.stage2_response_business_days,
        )?,
        rca_pending_allowed: match value.get("rca_pending_allowed") {
            None => d.rca_pending_allowed,
            Some(v) => v
                .as_bool()
                .ok_or_else(|| unreadable("rca_pending_allowed"))?,
        },
    })
}

const INTERNAL: &str = "profile.internal";

/// The `internal` profile's targets as configured, with the version of that configuration
/// (0 while the defaults apply).
pub async fn internal_targets(
    db: &impl ConnectionTrait,
) -> Result<(InternalTargets, i64), ApiError> {
    match settings::get(db, INTERNAL).await? {
        None => Ok((InternalTargets::default(), 0)),
        Some((v, version)) => Ok((targets_from(&v)?, version)),
    }
}

/// The `internal` profile's targets for an admin to read, with the version of their
/// configuration (0 while the defaults apply).
pub async fn current_internal_targets(
    state: &AppState,
) -> Result<(InternalTargets, i64), ApiError> {
    internal_targets(&state.db.conn).await
}

/// A profile's rules as this organisation runs them, given its internal targets: a
/// one-stage profile's internal review runs against them (see [`with_internal_review`]).
fn rules_with(profile: Profile, targets: &InternalTargets) -> ProfileRules {
    let rules = match profile {
        Profile::Internal => internal_rules(targets),
        other => fixed_rules(other),
    };
    with_internal_review(rules, targets)
}

/// A profile's rules as this organisation runs them.
pub async fn rules(db: &impl ConnectionTrait, profile: Profile) -> Result<ProfileRules, ApiError> {
    Ok(rules_with(profile, &internal_targets(db).await?.0))
}

/// The time zone `profile`'s deadlines are computed in (its calendar's).
pub async fn time_zone(
    db: &impl ConnectionTrait,
    profile: Profile,
) -> Result<chrono_tz::Tz, ApiError> {
    rules(db, profile)
        .await?
        .calendar
        .time_zone()
        .parse()
        .map_err(ApiError::internal)
}

/// Every profile's rules, in the order of [`Profile::ALL`].
pub async fn all_rules(state: &AppState) -> Result<Vec<ProfileRules>, ApiError> {
    let internal = internal_targets(&state.db.conn).await?.0;
    Ok(Profile::ALL
        .iter()
        .map(|p| rules_with(*p, &internal))
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
