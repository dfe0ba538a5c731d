//! Users and teams recorded just in time from verified tokens: the identity provider is the
//! source of truth for who someone is, which roles they hold and which team they are in.

use std::hash::{DefaultHasher, Hash, Hasher};

use entity::{team, user};
use sea_orm::{ActiveValue::Set, EntityTrait, sea_query::OnConflict};

use crate::{auth::principal::Principal, error::ApiError, state::AppState};

fn fingerprint(p: &Principal) -> u64 {
    let mut h = DefaultHasher::new();
    (&p.name, &p.roles, &p.team).hash(&mut h);
    h.finish()
}

/// Records the caller (and its team, if new) unless it is already recorded with these claims.
pub async fn remember(state: &AppState, p: &Principal) -> Result<(), ApiError> {
    let print = fingerprint(p);
    if state.known_users.is_current(&p.sub, print) {
        return Ok(());
    }
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    if let Some(team_id) = &p.team {
        team::Entity::insert(team::ActiveModel {
            id: Set(team_id.clone()),
            name: Set(team_id.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .on_conflict_do_nothing_on([team::Column::Id])
        .exec(tx.conn())
        .await?;
    }
    let roles: Vec<&str> = p.roles.iter().map(|r| r.as_str()).collect();
    user::Entity::insert(user::ActiveModel {
        id: Set(p.sub.clone()),
        name: Set(p.name.clone()),
        roles: Set(serde_json::json!(roles)),
        team_id: Set(p.team.clone()),
        first_seen_at: Set(now),
        last_seen_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(user::Column::Id)
            .update_columns([
                user::Column::Name,
                user::Column::Roles,
                user::Column::TeamId,
                user::Column::LastSeenAt,
            ])
            .to_owned(),
    )
    .exec(tx.conn())
    .await?;
    tx.commit().await?;
    state.known_users.record(&p.sub, print);
    Ok(())
}
