//! A complaint's remedies and communications: reading them, recording the remedies an
//! ombudsman orders, and settling a remedy once it is carried out or declined (a complaint
//! closes only when every issued remedy is settled, the firm's own and those ordered alike).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::{communication, complaint, remedy};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::rule::Rule;
use crate::service::{
    audit,
    cases::complaints::{load_for_change, load_in_scope},
};
use crate::{
    auth::Actor,
    domain::case::procedure::may_settle_remedies,
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// The largest total redress in any one currency, in minor units, of `(currency, amount)`
/// pairs. The approval threshold is about what a complainant is given, so a payment split
/// into several remedies counts whole; amounts in different currencies are never added up.
pub fn largest_redress<'a>(
    amounts: impl IntoIterator<Item = (Option<&'a str>, Option<i64>)>,
) -> i64 {
    let mut totals: BTreeMap<Option<&str>, i64> = BTreeMap::new();
    for (currency, amount) in amounts {
        if let Some(amount) = amount {
            let total = totals.entry(currency).or_default();
            *total = total.saturating_add(amount);
        }
    }
    totals.into_values().max().unwrap_or(0)
}

/// Whether a remedy's status says it is settled: done, or declined by the complainant.
pub(super) fn settled(status: &str) -> bool {
    matches!(status, "completed" | "declined")
}

/// [`largest_redress`] of the remedies an action's body gives.
pub(super) fn redress_of(remedies: &[super::actions::input::Remedy]) -> i64 {
    largest_redress(
        remedies
            .iter()
            .map(|r| (r.currency.as_deref(), r.amount_minor)),
    )
}

/// Stores the remedies of an action's body in the caller's transaction: issued at `issued_at`
/// (none while a proposal awaits approval), ordered by `ordered_by` (an ombudsman's decision;
/// none for the firm's own), and settled now if given as already completed or declined. What
/// a scheme orders is due until settled like the firm's own, so the complaint cannot close
/// before it is carried out.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    remedies: &[super::actions::input::Remedy],
    now: DateTime<Utc>,
    issued_at: Option<DateTime<Utc>>,
    ordered_by: Option<&str>,
) -> Result<(), ApiError> {
    for r in remedies {
        remedy::Entity::insert(remedy::ActiveModel {
            id: Set(Uuid::now_v7()),
            complaint_id: Set(complaint_id),
            kind: Set(r.kind.clone()),
            amount_minor: Set(r.amount_minor),
            currency: Set(r.currency.clone()),
            status: Set(r.status.clone()),
            description: Set(r.description.clone()),
            updated_at: Set(now),
            issued_at: Set(issued_at),
            settled_at: Set(settled(&r.status).then_some(now)),
            settled_by: Set(None),
            ordered_by: Set(ordered_by.map(str::to_owned)),
        })
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// The remedies of an action's body as its event records them.
pub(super) fn summary(remedies: &[super::actions::input::Remedy]) -> Value {
    remedies
        .iter()
        .map(|r| json!({"kind": r.kind, "amount_minor": r.amount_minor, "currency": r.currency, "status": r.status}))
        .collect()
}

/// A complaint's version and its remedies, oldest first (404 outside the caller's scope).
/// The version is read first: settling one of the remedies names it in `If-Match`, and a
/// change in between then answers 412 rather than acting on what the caller has not seen.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(i64, Vec<remedy::Model>), ApiError> {
    let complaint = load_in_scope(&state.db.conn, &actor.scope, id).await?;
    let rows = remedy::Entity::find()
        .filter(remedy::Column::ComplaintId.eq(id))
        .order_by_asc(remedy::Column::Id)
        .all(&state.db.conn)
        .await?;
    Ok((complaint.version, rows))
}

/// A complaint's communications, in the order they were sent.
pub async fn communications(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<communication::Model>, ApiError> {
    load_in_scope(&state.db.conn, &actor.scope, id).await?;
    Ok(communication::Entity::find()
        .filter(communication::Column::ComplaintId.eq(id))
        .order_by_asc(communication::Column::SentAt)
        .order_by_asc(communication::Column::Id)
        .all(&state.db.conn)
        .await?)
}

/// Settles an issued remedy that is still due, as `completed` or `declined`. The complaint's
/// version moves, since the change decides whether it may close.
pub async fn settle(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    remedy_id: Uuid,
    expected_versions: Option<&[i64]>,
    status: &str,
    note: Option<String>,
) -> Result<(complaint::Model, remedy::Model), ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let current = load_for_change(db, &actor.scope, id, expected_versions).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    // After the scope check, as for procedure actions: out of scope is 404 whatever the role.
    if !may_settle_remedies(&actor.roles) {
        return Err(ApiError::guard(
            Rule::Role,
            "settling a remedy needs a role that may close the complaint (agent, team leader or integrator)",
        ));
    }
    let row = remedy::Entity::find_by_id(remedy_id)
        .filter(remedy::Column::ComplaintId.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("remedy"))?;
    if row.issued_at.is_none() {
        return Err(ApiError::guard(
            Rule::RemedyNotIssued,
            "this remedy is part of a proposal awaiting approval; it is settled once issued",
        ));
    }
    if row.status != "due" {
        return Err(ApiError::guard(
            Rule::RemedySettled,
            format!("this remedy is already {}", row.status),
        ));
    }
    let changed = remedy::Entity::update_many()
        .col_expr(remedy::Column::Status, Expr::value(status))
        .col_expr(remedy::Column::SettledAt, Expr::value(Some(now)))
        .col_expr(
            remedy::Column::SettledBy,
            Expr::value(Some(actor.sub.clone())),
        )
        .col_expr(remedy::Column::UpdatedAt, Expr::value(now))
        .filter(remedy::Column::Id.eq(remedy_id))
        .filter(remedy::Column::Status.eq("due"))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 {
        return Err(ApiError::guard(
            Rule::RemedySettled,
            "this remedy was settled meanwhile",
        ));
    }
    let data = json!({
        "remedy": remedy_id,
        "kind": row.kind,
        "amount_minor": row.amount_minor,
        "currency": row.currency,
        "status": status,
        "note": note,
    });
    let next = current.clone();
    let next = audit::record_change(
        db,
        &current,
        next,
        actor.into(),
        now,
        "complaint.remedy_settled",
        data,
    )
    .await?
    .ok_or_else(|| {
        ApiError::new(
            ErrorCode::PreconditionFailed,
            "the complaint changed meanwhile; reload and retry",
        )
    })?;
    let settled = remedy::Model {
        status: status.to_owned(),
        settled_at: Some(now),
        settled_by: Some(actor.sub.clone()),
        updated_at: now,
        ..row
    };
    tx.commit().await?;
    Ok((next, settled))
}

#[cfg(test)]
mod tests {
    use super::largest_redress;

    #[test]
    fn redress_is_totalled_per_currency_before_the_largest_is_taken() {
        let split = vec![(Some("GBP"), Some(50_000)); 10];
        assert_eq!(largest_redress(split), 500_000);
        assert_eq!(largest_redress([(Some("GBP"), Some(50_001))]), 50_001);
        // Two currencies are two totals, never one sum.
        let mixed = [
            (Some("GBP"), Some(30_000)),
            (Some("EUR"), Some(40_000)),
            (Some("GBP"), Some(5_000)),
        ];
        assert_eq!(largest_redress(mixed), 40_000);
        // Remedies without an amount add nothing.
        assert_eq!(largest_redress([(None, None), (Some("GBP"), None)]), 0);
        assert_eq!(largest_redress([]), 0);
    }
}
