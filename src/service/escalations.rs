//! Listing escalations within the caller's scope.

use entity::escalation;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::page;
use crate::{auth::Actor, error::ApiError, service::complaints::Position, state::AppState};

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
        cond = cond.add(
            Condition::any()
                .add(escalation::Column::RaisedAt.lt(pos.received_at))
                .add(
                    Condition::all()
                        .add(escalation::Column::RaisedAt.eq(pos.received_at))
                        .add(escalation::Column::Id.lt(pos.id)),
                ),
        );
    }
    let rows = escalation::Entity::find()
        .filter(cond)
        .order_by_desc(escalation::Column::RaisedAt)
        .order_by_desc(escalation::Column::Id)
        .limit(limit + 1)
        .all(&state.db.conn)
        .await?;
    Ok(page(rows, limit, |e| Position {
        received_at: e.raised_at,
        id: e.id,
    }))
}
