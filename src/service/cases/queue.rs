//! Listing complaints: the filters, the newest-first order and the work queue (soonest due
//! first), each page in the caller's scope with every complaint's next due instant.

use chrono::{DateTime, Utc};
use entity::{complaint, complaint_timer};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query},
};
use uuid::Uuid;

use crate::service::{Position, after_position, cases::timers, page};
use crate::{
    auth::Actor,
    domain::{access::rbac::Scope, case::complaint::State},
    error::ApiError,
    state::AppState,
};

/// List filters; all optional and combined with AND.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub state: Option<State>,
    pub team: Option<String>,
    pub assignee: Option<String>,
    pub product: Option<String>,
    pub channel: Option<crate::domain::case::complaint::Channel>,
    pub received_from: Option<DateTime<Utc>>,
    pub received_to: Option<DateTime<Utc>>,
    /// Case-insensitive substring of the reference, complainant name or email, or customer ref.
    pub text: Option<String>,
    pub stage: Option<i16>,
    /// With (true) or without (false) a breached timer.
    pub breached: Option<bool>,
    /// With a running timer due before this instant.
    pub due_before: Option<DateTime<Utc>>,
    /// With a timer in this state (`running`, `met`, `breached`, `stopped`).
    pub timer_state: Option<&'static str>,
    /// With this outcome.
    pub outcome: Option<&'static str>,
    /// Newest first, or a work queue by next due instant.
    pub order: ListOrder,
}

/// The order of a complaint list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// Newest received first.
    #[default]
    Newest,
    /// A work queue: complaints with a running timer, the one due soonest first.
    NextDue,
}

/// A complaint's next due instant: the earliest running timer's (extended) due instant.
// The state is tested inside the aggregate, not in the WHERE clause, so that SQLite looks the
// timers up by complaint rather than walking every running timer through the state index.
const NEXT_DUE: &str = "(SELECT MIN(CASE WHEN t.state = 'running' \
     THEN COALESCE(t.extended_due_at, t.due_at) END) FROM complaint_timers t \
     WHERE t.complaint_id = complaints.id)";

/// The next due instant of each listed complaint.
async fn next_due(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, DateTime<Utc>>, ApiError> {
    // Filtered on the complaints only (their index); the state is checked here, since a
    // state condition would make SQLite walk every running timer instead.
    // (complaint, state, due, extended due)
    type Row = (Uuid, String, DateTime<Utc>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = complaint_timer::Entity::find()
        .select_only()
        .column(complaint_timer::Column::ComplaintId)
        .column(complaint_timer::Column::State)
        .column(complaint_timer::Column::DueAt)
        .column(complaint_timer::Column::ExtendedDueAt)
        .filter(complaint_timer::Column::ComplaintId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut due = std::collections::HashMap::new();
    for (complaint_id, state, due_at, extended_due_at) in rows {
        if state != timers::RUNNING {
            continue;
        }
        let at = extended_due_at.unwrap_or(due_at);
        due.entry(complaint_id)
            .and_modify(|d: &mut DateTime<Utc>| *d = Ord::min(*d, at))
            .or_insert(at);
    }
    Ok(due)
}

/// Complaints that have a timer matching `condition`.
fn with_timer(condition: Condition) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(complaint_timer::Column::ComplaintId)
        .from(complaint_timer::Entity)
        .cond_where(condition)
        .to_owned()
}

pub(crate) fn scope_condition(scope: &Scope) -> Option<Condition> {
    if scope.all {
        return Some(Condition::all());
    }
    let mut any = Condition::any();
    if let Some(team) = &scope.team {
        any = any.add(complaint::Column::TeamId.eq(team.as_str()));
    }
    if let Some(creator) = &scope.created_by {
        any = any.add(complaint::Column::CreatedBy.eq(creator.as_str()));
    }
    (!scope.is_empty()).then_some(any)
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for ch in text.to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// A listed complaint with its next due instant (none without a running timer).
pub type Listed = (complaint::Model, Option<DateTime<Utc>>);

/// One page of complaints in scope, newest received first (or soonest due), each with the
/// next due instant a work queue shows; `limit + 1` rows are read to know whether another
/// page follows.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: &ListFilter,
    after: Option<Position>,
    limit: u64,
) -> Result<(Vec<Listed>, Option<Position>), ApiError> {
    let Some(scope) = scope_condition(&actor.scope) else {
        return Ok((Vec::new(), None));
    };
    let mut cond = Condition::all().add(scope);
    if let Some(s) = filter.state {
        cond = cond.add(complaint::Column::State.eq(s.as_str()));
    }
    if let Some(t) = &filter.team {
        cond = cond.add(complaint::Column::TeamId.eq(t.as_str()));
    }
    if let Some(a) = &filter.assignee {
        cond = cond.add(complaint::Column::AssigneeId.eq(a.as_str()));
    }
    if let Some(p) = &filter.product {
        cond = cond.add(complaint::Column::Product.eq(p.as_str()));
    }
    if let Some(c) = filter.channel {
        cond = cond.add(complaint::Column::Channel.eq(c.as_str()));
    }
    if let Some(from) = filter.received_from {
        cond = cond.add(complaint::Column::ReceivedAt.gte(from));
    }
    // After a cursor in newest-first order the cursor is the upper bound; the period's end is
    // left out when the cursor is inside it, because SQLite ranges an index on one upper bound
    // only and would otherwise walk the period from its end down to the cursor.
    let cursor_bounds_above = matches!(filter.order, ListOrder::Newest)
        && after.is_some_and(|pos| filter.received_to.is_none_or(|to| pos.at < to));
    if let Some(to) = filter.received_to.filter(|_| !cursor_bounds_above) {
        cond = cond.add(complaint::Column::ReceivedAt.lt(to));
    }
    if let Some(text) = &filter.text {
        let pattern = escape_like(text);
        let mut any = Condition::any();
        for col in [
            complaint::Column::Reference,
            complaint::Column::ComplainantName,
            complaint::Column::ComplainantEmail,
            complaint::Column::CustomerRef,
        ] {
            any = any.add(
                Expr::expr(Func::lower(Expr::col(col)))
                    .like(LikeExpr::new(pattern.clone()).escape('\\')),
            );
        }
        cond = cond.add(any);
    }
    if let Some(stage) = filter.stage {
        cond = cond.add(complaint::Column::Stage.eq(stage));
    }
    if let Some(breached) = filter.breached {
        let breached_ids =
            with_timer(Condition::all().add(complaint_timer::Column::State.eq(timers::BREACHED)));
        cond = cond.add(if breached {
            complaint::Column::Id.in_subquery(breached_ids)
        } else {
            complaint::Column::Id.not_in_subquery(breached_ids)
        });
    }
    if let Some(before) = filter.due_before {
        cond = cond.add(
            complaint::Column::Id.in_subquery(with_timer(
                Condition::all()
                    .add(complaint_timer::Column::State.eq(timers::RUNNING))
                    .add(complaint_timer::Column::DueAt.lt(before)),
            )),
        );
    }
    if let Some(state) = filter.timer_state {
        cond = cond.add(complaint::Column::Id.in_subquery(with_timer(
            Condition::all().add(complaint_timer::Column::State.eq(state)),
        )));
    }
    if let Some(outcome) = filter.outcome {
        cond = cond.add(complaint::Column::Outcome.eq(outcome));
    }
    let query = match filter.order {
        ListOrder::Newest => {
            if let Some(pos) = after {
                cond = cond.add(after_position(
                    complaint::Column::ReceivedAt,
                    complaint::Column::Id,
                    pos,
                ));
            }
            complaint::Entity::find()
                .filter(cond)
                .order_by_desc(complaint::Column::ReceivedAt)
                .order_by_desc(complaint::Column::Id)
        }
        ListOrder::NextDue => {
            cond = cond.add(Expr::cust(format!("{NEXT_DUE} IS NOT NULL")));
            if let Some(pos) = after {
                cond = cond.add(
                    Condition::any().add(Expr::cust(NEXT_DUE).gt(pos.at)).add(
                        Condition::all()
                            .add(Expr::cust(NEXT_DUE).eq(pos.at))
                            .add(complaint::Column::Id.gt(pos.id)),
                    ),
                );
            }
            complaint::Entity::find()
                .filter(cond)
                .order_by(Expr::cust(NEXT_DUE), sea_orm::Order::Asc)
                .order_by_asc(complaint::Column::Id)
        }
    };
    let rows = query.limit(limit + 1).all(&state.db.conn).await?;
    let (rows, last) = page(rows, limit, |c| (c.received_at, c.id));
    let ids: Vec<_> = rows.iter().map(|c| c.id).collect();
    let due = next_due(&state.db.conn, &ids).await?;
    let next = match (last, filter.order) {
        (None, _) => None,
        (Some((at, id)), ListOrder::Newest) => Some(Position { at, id }),
        (Some((_, id)), ListOrder::NextDue) => due.get(&id).map(|&at| Position { at, id }),
    };
    let rows = rows
        .into_iter()
        .map(|c| {
            let at = due.get(&c.id).copied();
            (c, at)
        })
        .collect();
    Ok((rows, next))
}
