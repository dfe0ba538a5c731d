//! The organisation's settings: JSON values under a key, each change audited and versioned.

use entity::setting;
use sea_orm::{ConnectionTrait, EntityTrait, sea_query::OnConflict};
use serde_json::{Value, json};

use crate::service::audit;
use crate::{auth::Actor, error::ApiError, state::AppState};

/// A setting's value and version; `None` while the defaults apply.
pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<(Value, i64)>, ApiError> {
    Ok(setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|r| (r.value, r.version)))
}

/// Replaces a setting, recording before and after in the audit log. Returns the new version.
pub async fn put(
    state: &AppState,
    actor: &Actor,
    key: &str,
    before: Value,
    value: Value,
) -> Result<i64, ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let version = get(tx.conn(), key).await?.map_or(0, |(_, v)| v) + 1;
    let row = setting::Model {
        key: key.to_owned(),
        value: value.clone(),
        version,
        updated_at: now,
        updated_by: actor.sub.clone(),
    };
    setting::Entity::insert(setting::ActiveModel::from(row))
        .on_conflict(
            OnConflict::column(setting::Column::Key)
                .update_columns([
                    setting::Column::Value,
                    setting::Column::Version,
                    setting::Column::UpdatedAt,
                    setting::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    audit::log(
        tx.conn(),
        actor,
        now,
        "setting.updated",
        ("setting", key),
        json!({"before": before, "after": value, "version": version}),
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}
