//! The procedure profiles as this organisation runs them: the regulatory ones as the rules
//! set them, and the `internal` profile with the targets an admin chose.

use entity::profile_setting;
use sea_orm::{ConnectionTrait, EntityTrait, sea_query::OnConflict};
use serde_json::json;

use super::audit;
use crate::{
    auth::Actor,
    domain::{
        complaint::Profile,
        deadlines::{InternalTargets, ProfileRules, internal_rules, rules as fixed_rules},
        holidays::CalendarId,
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
        stages: days("stages", u32::from(d.stages)).clamp(1, 2) as u8,
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

/// The `internal` profile's targets as configured, with the version of that configuration
/// (0 while the defaults apply).
pub async fn internal_targets(
    db: &impl ConnectionTrait,
) -> Result<(InternalTargets, i64), ApiError> {
    let row = profile_setting::Entity::find_by_id(Profile::Internal.as_str().to_owned())
        .one(db)
        .await?;
    Ok(row.map_or((InternalTargets::default(), 0), |r| {
        (targets_from(&r.settings), r.version)
    }))
}

/// A profile's rules as this organisation runs them.
pub async fn rules(db: &impl ConnectionTrait, profile: Profile) -> Result<ProfileRules, ApiError> {
    Ok(match profile {
        Profile::Internal => internal_rules(&internal_targets(db).await?.0),
        other => fixed_rules(other),
    })
}

/// Every profile's rules, in the order of [`Profile::ALL`].
pub async fn all_rules(db: &impl ConnectionTrait) -> Result<Vec<ProfileRules>, ApiError> {
    let internal = internal_targets(db).await?.0;
    Ok(Profile::ALL
        .iter()
        .map(|p| match p {
            Profile::Internal => internal_rules(&internal),
            other => fixed_rules(*other),
        })
        .collect())
}

/// Sets the `internal` profile's targets. They apply to timers started from now on; timers
/// already running keep the due instants they were given.
pub async fn set_internal_targets(
    state: &AppState,
    actor: &Actor,
    targets: InternalTargets,
) -> Result<(InternalTargets, i64), ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let (before, version) = internal_targets(tx.conn()).await?;
    let row = profile_setting::Model {
        profile: Profile::Internal.as_str().to_owned(),
        settings: targets_json(&targets),
        version: version + 1,
        updated_at: now,
        updated_by: actor.sub.clone(),
    };
    profile_setting::Entity::insert(profile_setting::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(profile_setting::Column::Profile)
                .update_columns([
                    profile_setting::Column::Settings,
                    profile_setting::Column::Version,
                    profile_setting::Column::UpdatedAt,
                    profile_setting::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    let data = json!({"before": targets_json(&before), "after": targets_json(&targets)});
    audit::log(
        tx.conn(),
        actor,
        now,
        "profile.updated",
        ("profile", Profile::Internal.as_str()),
        data,
    )
    .await?;
    tx.commit().await?;
    Ok((targets, version + 1))
}
