//! Listing escalations within the caller's scope.

use entity::escalation;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::service::{Position, after_position, page};
use crate::{auth::Actor, error::ApiError, state::AppState};

/// One page of escalations, newest first; `team` narrows to one team.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    team: Option<&str>,
    after: Option<Position>,
    limit: u64,
) -> Result<(Vec<escalation::Model>, Option<Position>), ApiError> {
    let mut cond = Condition::all();
    if !actor.scope.all {
        // Escalations are team business: without a team in scope there is nothing to show.
        let Some(own) = actor.scope.team.as_deref() else {
            return Ok((Vec::new(), None));
        };
        cond = cond.add(escalation::Column::TeamId.eq(own));
    }
    if let Some(team) = team {
        cond = cond.add(escalation::Column::TeamId.eq(team));
    }
    if let Some(pos) = after {
        cond = cond.add(after_position(
            escalation::Column::RaisedAt,
            escalation::Column::Id,
            pos,
        ));
    }
    let rows = escalation::Entity::find()
        .filter(cond)
        .order_by_desc(escalation::Column::RaisedAt)
        .order_by_desc(escalation::Column::Id)
        .limit(limit + 1)
        .all(&state.db.conn)
        .await?;
    Ok(page(rows, limit, |e| Position {
        at: e.raised_at,
        id: e.id,
    }))
}
