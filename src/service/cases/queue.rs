//! Listing complaints: the filters, the newest-first order and the work queue (overdue first,
//! then soonest due), each page in the caller's scope with every complaint's next due instant.

use chrono::{DateTime, Utc};
use entity::{complaint, complaint_timer};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr, Query},
};
use uuid::Uuid;

use crate::service::{
    Position,
    admin::{calendars, profiles},
    after_position,
    cases::timers,
    page,
};
use crate::{
    auth::Actor,
    domain::{
        access::rbac::Scope,
        case::complaint::{Profile, State},
        case::procedure::is_terminal,
        deadlines::{Locale, business_days_ahead},
    },
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
    pub category: Option<String>,
    pub profile: Option<Profile>,
    /// With (true) or without (false) a recorded vulnerability.
    pub vulnerable: Option<bool>,
    pub channel: Option<crate::domain::case::complaint::Channel>,
    /// Received at or after this instant.
    pub received_from: Option<DateTime<Utc>>,
    /// Received before this instant.
    pub received_to: Option<DateTime<Utc>>,
    /// Latest response sent at or after this instant.
    pub responded_from: Option<DateTime<Utc>>,
    /// Latest response sent before this instant.
    pub responded_to: Option<DateTime<Utc>>,
    /// Ended at or after this instant.
    pub closed_from: Option<DateTime<Utc>>,
    /// Ended before this instant.
    pub closed_to: Option<DateTime<Utc>>,
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
    /// Open and overdue (true), or not (false): see [`overdue_timers`].
    pub overdue: Option<bool>,
    /// With a running deadline or target due from now to the end of this many business days
    /// ahead, in the calendar and time zone of the complaint's profile.
    pub due_within: Option<u32>,
    /// Newest first, or a work queue by next due instant.
    pub order: ListOrder,
}

/// The order of a complaint list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// Newest received first.
    #[default]
    Newest,
    /// A work queue of every open complaint: the overdue first, the most overdue first; then
    /// the rest by next due instant; those with no timer to watch last.
    NextDue,
}

/// The timer states that leave a passed deadline or target on a case still open: a breached
/// deadline and a missed target. A lapsed window is an option no longer open, not late work.
const PASSED: [&str; 2] = [timers::BREACHED, timers::MISSED];

/// What a window (the summary-resolution option) is stored as: an option the case may take
/// until it lapses, not something the firm must meet, so it neither orders the queue nor
/// makes a case overdue or due soon.
const WINDOW: &str = "window";

/// A complaint's place in the work queue: the earliest (extended) due instant of its running,
/// breached and missed deadlines and targets. A passed one lies before now and a running
/// one's (once the sweeper has seen it) after, so one ascending order puts the overdue first,
/// the most overdue (the earliest passed due instant) first, then the rest by next due
/// instant; and the order does not depend on when it is read, as pages need. The due
/// instant, not `breached_at`, is what passed: it is the same instant however late the
/// breach was noticed.
// The state is tested inside the aggregate, not in the WHERE clause, so that SQLite looks the
// timers up by complaint (the unique index on complaint and name) rather than walking every
// running timer through the state index.
const QUEUE_AT: &str = "(SELECT MIN(CASE \
     WHEN t.kind <> 'window' AND t.state IN ('running', 'breached', 'missed') \
     THEN COALESCE(t.extended_due_at, t.due_at) END) \
     FROM complaint_timers t WHERE t.complaint_id = complaints.id)";

/// The queue key of a case with nothing to watch (no running timer, no passed one): after
/// every real instant (nothing stored lies this far ahead), so such cases come last and the
/// cursor of a page ending among them is an ordinary (instant, id) pair.
fn unwatched() -> DateTime<Utc> {
    crate::domain::wire::clamp_instant(DateTime::<Utc>::MAX_UTC)
}

/// The queue key as SQL, with [`unwatched`] for cases with nothing to watch.
fn queue_key() -> Expr {
    Expr::from(Func::coalesce([
        Expr::cust(QUEUE_AT),
        Expr::val(unwatched()),
    ]))
}

/// What the list shows of each complaint's timers, and its queue key.
#[derive(Debug, Clone, Copy, Default)]
pub struct Due {
    /// The earliest running timer's (extended) due instant.
    pub next: Option<DateTime<Utc>>,
    /// The earliest due instant of a deadline or target of the case that passed, while it
    /// is open and overdue.
    pub overdue_since: Option<DateTime<Utc>>,
    /// Its place in the work queue ([`QUEUE_AT`]).
    key: Option<DateTime<Utc>>,
}

/// The due instants of each listed complaint.
async fn due_of(
    db: &impl ConnectionTrait,
    rows: &[complaint::Model],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<Uuid, Due>, ApiError> {
    let ids = rows.iter().map(|c| c.id);
    // Filtered on the complaints only (their index); the state is checked here, since a
    // state condition would make SQLite walk every running timer instead.
    // (complaint, state, kind, due, extended due)
    type Row = (Uuid, String, String, DateTime<Utc>, Option<DateTime<Utc>>);
    let timer_rows: Vec<Row> = complaint_timer::Entity::find()
        .select_only()
        .column(complaint_timer::Column::ComplaintId)
        .column(complaint_timer::Column::State)
        .column(complaint_timer::Column::Kind)
        .column(complaint_timer::Column::DueAt)
        .column(complaint_timer::Column::ExtendedDueAt)
        .filter(complaint_timer::Column::ComplaintId.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let open: std::collections::HashSet<Uuid> = rows
        .iter()
        .filter(|c| State::parse(&c.state).is_some_and(|s| !is_terminal(s)))
        .map(|c| c.id)
        .collect();
    let min = |a: Option<DateTime<Utc>>, b: DateTime<Utc>| Some(a.map_or(b, |a| Ord::min(a, b)));
    let mut due: std::collections::HashMap<Uuid, Due> = std::collections::HashMap::new();
    for (complaint_id, state, kind, due_at, extended_due_at) in timer_rows {
        let entry = due.entry(complaint_id).or_default();
        let due_at = extended_due_at.unwrap_or(due_at);
        if state == timers::RUNNING {
            entry.next = min(entry.next, due_at);
        }
        if kind == WINDOW || !(state == timers::RUNNING || PASSED.contains(&state.as_str())) {
            continue;
        }
        entry.key = min(entry.key, due_at);
        let passed = state != timers::RUNNING || due_at < now;
        if passed && open.contains(&complaint_id) {
            entry.overdue_since = min(entry.overdue_since, due_at);
        }
    }
    Ok(due)
}

/// Complaints with a passed deadline or target at `now`: a breached deadline, a missed
/// target, or a running deadline or target past its (extended) due instant that the sweeper
/// has yet to mark.
fn overdue_timers(now: DateTime<Utc>) -> sea_orm::sea_query::SelectStatement {
    with_timer(
        Condition::all()
            .add(complaint_timer::Column::Kind.ne(WINDOW))
            .add(
                Condition::any()
                    .add(complaint_timer::Column::State.is_in(PASSED))
                    .add(
                        Condition::all()
                            .add(complaint_timer::Column::State.eq(timers::RUNNING))
                            .add(
                                Expr::expr(Func::coalesce([
                                    Expr::col(complaint_timer::Column::ExtendedDueAt),
                                    Expr::col(complaint_timer::Column::DueAt),
                                ]))
                                .lt(now),
                            ),
                    ),
            ),
    )
}

/// The states a complaint is open work in: every one the procedure has not ended.
fn open_states() -> impl Iterator<Item = &'static str> {
    State::ALL
        .iter()
        .filter(|s| !is_terminal(**s))
        .map(|s| s.as_str())
}

/// Complaints with a running deadline or target due from `now` to the end of `n` business
/// days ahead: the end is worked out for each profile in its own calendar and time zone (the
/// ones its deadlines are computed in), so the database compares instants only.
async fn due_within(state: &AppState, now: DateTime<Utc>, n: u32) -> Result<Condition, ApiError> {
    let db = &state.db.conn;
    let mut calendars = std::collections::HashMap::new();
    let mut any = Condition::any();
    for (profile, rules) in Profile::ALL.iter().zip(profiles::all_rules(state).await?) {
        let calendar = match calendars.entry(rules.calendar) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(calendars::calendar(db, rules.calendar).await?)
            }
        };
        let tz: chrono_tz::Tz = rules
            .calendar
            .time_zone()
            .parse()
            .map_err(ApiError::internal)?;
        let end = business_days_ahead(&Locale { calendar, tz }, now, n);
        let due = Expr::expr(Func::coalesce([
            Expr::col(complaint_timer::Column::ExtendedDueAt),
            Expr::col(complaint_timer::Column::DueAt),
        ]));
        any = any.add(
            Condition::all()
                .add(complaint::Column::Profile.eq(profile.as_str()))
                .add(
                    complaint::Column::Id.in_subquery(with_timer(
                        Condition::all()
                            .add(complaint_timer::Column::State.eq(timers::RUNNING))
                            .add(complaint_timer::Column::Kind.ne(WINDOW))
                            .add(due.clone().gte(now))
                            .add(due.lte(end)),
                    )),
                ),
        );
    }
    Ok(any)
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

/// A listed complaint with its due instants.
pub type Listed = (complaint::Model, Due);

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
    let now = state.clock.now();
    let Some(query) = select(state, actor, filter, after, now).await? else {
        return Ok((Vec::new(), None));
    };
    let rows = query.limit(limit + 1).all(&state.db.conn).await?;
    let (rows, last) = page(rows, limit, |c| (c.received_at, c.id));
    let due = due_of(&state.db.conn, &rows, now).await?;
    let next = match (last, filter.order) {
        (None, _) => None,
        (Some((at, id)), ListOrder::Newest) => Some(Position { at, id }),
        (Some((_, id)), ListOrder::NextDue) => Some(Position {
            at: due.get(&id).and_then(|d| d.key).unwrap_or_else(unwatched),
            id,
        }),
    };
    let rows = rows
        .into_iter()
        .map(|c| {
            let d = due.get(&c.id).copied().unwrap_or_default();
            (c, d)
        })
        .collect();
    Ok((rows, next))
}

/// The query of a list page at `now`, filtered, in order and after `after`, without its
/// limit; `None` when the caller's scope covers nothing. Public so that its plan can be
/// checked.
pub async fn select(
    state: &AppState,
    actor: &Actor,
    filter: &ListFilter,
    after: Option<Position>,
    now: DateTime<Utc>,
) -> Result<Option<sea_orm::Select<complaint::Entity>>, ApiError> {
    let Some(scope) = scope_condition(&actor.scope) else {
        return Ok(None);
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
    if let Some(c) = &filter.category {
        cond = cond.add(complaint::Column::Category.eq(c.as_str()));
    }
    if let Some(p) = filter.profile {
        cond = cond.add(complaint::Column::Profile.eq(p.as_str()));
    }
    if let Some(v) = filter.vulnerable {
        cond = cond.add(complaint::Column::Vulnerable.eq(v));
    }
    if let Some(c) = filter.channel {
        cond = cond.add(complaint::Column::Channel.eq(c.as_str()));
    }
    // The same bounds as the receipt's: the start inclusive, the end exclusive. A complaint
    // without the instant (not yet answered, still open) is outside any such period.
    for (col, from, to) in [
        (
            complaint::Column::RespondedAt,
            filter.responded_from,
            filter.responded_to,
        ),
        (
            complaint::Column::ClosedAt,
            filter.closed_from,
            filter.closed_to,
        ),
    ] {
        if let Some(from) = from {
            cond = cond.add(col.gte(from));
        }
        if let Some(to) = to {
            cond = cond.add(col.lt(to));
        }
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
    if let Some(overdue) = filter.overdue {
        let open_and_overdue = Condition::all()
            .add(complaint::Column::State.is_in(open_states()))
            .add(complaint::Column::Id.in_subquery(overdue_timers(now)));
        cond = cond.add(if overdue {
            open_and_overdue
        } else {
            open_and_overdue.not()
        });
    }
    if let Some(n) = filter.due_within {
        cond = cond.add(due_within(state, now, n).await?);
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
            // Every open case is work, whether or not a timer still runs on it.
            cond = cond.add(complaint::Column::State.is_in(open_states()));
            if let Some(pos) = after {
                cond = cond.add(
                    Condition::any().add(queue_key().gt(pos.at)).add(
                        Condition::all()
                            .add(queue_key().eq(pos.at))
                            .add(complaint::Column::Id.gt(pos.id)),
                    ),
                );
            }
            complaint::Entity::find()
                .filter(cond)
                .order_by(queue_key(), sea_orm::Order::Asc)
                .order_by_asc(complaint::Column::Id)
        }
    };
    Ok(Some(query))
}
