//! "What may I do now": the procedure's guards that the case alone decides, for every action.

use super::*;

/// Whether one action is open to the caller now, and if not, why.
#[derive(Debug, Clone)]
pub struct Availability {
    pub action: ActionKind,
    pub refusal: Option<Refusal>,
}

/// What the caller may do to the complaint now: the procedure's guards that the case decides
/// ([`permitted`]); those that depend on what a body will say (the outcome, a reason, the new
/// date) are checked when the action is taken.
pub async fn available(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(complaint::Model, Vec<Availability>), ApiError> {
    let now = state.clock.now();
    let db = &state.db.conn;
    let current = load_in_scope(db, &actor.scope, id).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    let case = Case::load(db, current).await?;
    let items = ActionKind::ALL
        .iter()
        .map(|&action| {
            let decided = decide(
                &case,
                action,
                actor,
                now,
                state.config.approval_threshold_minor,
                |_| {},
                permitted,
            );
            Availability {
                action,
                refusal: decided.err(),
            }
        })
        .collect();
    Ok((case.current, items))
}
