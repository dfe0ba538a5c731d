//! Teams: created by admins, or just in time from tokens.

use entity::team;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::service::{audit, is_unique_violation, page};
use crate::{
    auth::Actor,
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// Creates a team and records who did, in one transaction.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    id: String,
    name: String,
) -> Result<team::Model, ApiError> {
    let now = state.clock.now();
    let model = team::Model {
        id,
        name,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let tx = state.db.begin_write().await?;
    let inserted = team::Entity::insert(team::ActiveModel {
        id: Set(model.id.clone()),
        name: Set(model.name.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    })
    .exec_without_returning(tx.conn())
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!("team {:?} already exists", model.id),
            ));
        }
        Err(err) => return Err(err.into()),
    }
    let data = serde_json::json!({"after": {"id": model.id, "name": model.name}});
    audit::log(
        tx.conn(),
        actor,
        now,
        "team.created",
        ("team", &model.id),
        data,
    )
    .await?;
    tx.commit().await?;
    Ok(model)
}

/// Teams in key order, after `after`.
pub async fn list(
    state: &AppState,
    after: Option<&str>,
    limit: u64,
) -> Result<(Vec<team::Model>, Option<String>), ApiError> {
    let mut query = team::Entity::find()
        .order_by_asc(team::Column::Id)
        .limit(limit + 1);
    if let Some(after) = after {
        query = query.filter(team::Column::Id.gt(after));
    }
    let rows = query.all(&state.db.conn).await?;
    Ok(page(rows, limit, |t| t.id.clone()))
}
