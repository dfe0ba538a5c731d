//! Management information computed from the complaint, event and remedy tables: no second
//! bookkeeping that can drift. Counts come from SQL on either engine; percentiles, buckets and
//! Pareto shares from the pure functions in `domain::improvement::stats`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    communication, complaint, complaint_event, complaint_timer, remedy, root_cause, survey,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityName, EntityTrait,
    IdenStatic, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{
        Alias, CommonTableExpression, Expr, ExprTrait, Func, Query, SelectStatement, WithClause,
    },
};

use crate::service::{
    admin::calendars, admin::profiles, cases::queue::scope_condition, stored::stored_opt,
    stored::stored_purpose,
};
use crate::{
    auth::Actor,
    domain::{
        case::complaint::{Profile, State},
        case::instants::CLOCK_SKEW,
        case::procedure::Outcome,
        deadlines::purpose::Purpose,
        improvement::stats::{
            AGEING_BUCKETS, Mean, ParetoRow, Period, Rate, ageing_bucket, mean, median, pareto,
            percentile, period_start, rate, table_days, windows,
        },
        reporting::returns,
    },
    error::ApiError,
    state::AppState,
};

/// Rates built on fewer cases than this are flagged as not robust.
pub const MIN_CASES: u64 = 30;

/// The events that close a complaint. A scheme's decision closes it only when no remedy was
/// left due: otherwise the case stays referred until `close` (see [`closing_event`]).
pub const CLOSING_EVENTS: [&str; 3] = [
    "complaint.close",
    "complaint.resolve_summarily",
    "complaint.record_referral_outcome",
];

/// The state an event moved its complaint to, from the event's `to` (SQLite 3.38+ and
/// PostgreSQL both read JSON with `->>`).
fn event_to(backend: sea_orm::DbBackend) -> Expr {
    custom(
        backend,
        "($1 ->> 'to')",
        vec![Expr::col((
            complaint_event::Entity,
            complaint_event::Column::Data,
        ))],
    )
}

/// An event of [`CLOSING_EVENTS`] that did close its complaint.
fn closing_event(backend: sea_orm::DbBackend) -> Condition {
    let kind = || Expr::col((complaint_event::Entity, complaint_event::Column::Kind));
    Condition::any()
        .add(kind().is_in(["complaint.close", "complaint.resolve_summarily"]))
        .add(
            Condition::all()
                .add(kind().eq("complaint.record_referral_outcome"))
                .add(event_to(backend).eq(State::Closed.as_str())),
        )
}

/// Whether the complaint was ever closed, as a column.
fn has_closing_event(backend: sea_orm::DbBackend) -> Expr {
    let e = complaint_event::Entity;
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(e)
            .and_where(
                Expr::col((e, complaint_event::Column::ComplaintId))
                    .equals((complaint::Entity, complaint::Column::Id)),
            )
            .cond_where(closing_event(backend))
            .to_owned(),
    )
}

/// What a report covers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Received at or after.
    pub from: Option<DateTime<Utc>>,
    /// Received before.
    pub to: Option<DateTime<Utc>>,
    pub team: Option<String>,
    /// The handler the complaints are assigned to now.
    pub agent: Option<String>,
    pub product: Option<String>,
    pub channel: Option<&'static str>,
    pub profile: Option<&'static str>,
    pub vulnerable: Option<bool>,
}

/// Where a report reads: one read-only transaction that every query of the report runs in, so
/// that the figures of one report are of one moment even while others write (REPEATABLE READ
/// on PostgreSQL, where each statement would otherwise see the commits made before it; a read
/// transaction on SQLite). Dropped without [`Reader::finish`], it rolls back, which for a
/// reader changes nothing.
#[derive(Debug)]
pub struct Reader<'a> {
    pub state: &'a AppState,
    tx: DatabaseTransaction,
}

impl<'a> Reader<'a> {
    pub async fn begin(state: &'a AppState) -> Result<Reader<'a>, ApiError> {
        Ok(Reader {
            state,
            tx: state.db.begin_snapshot().await?,
        })
    }

    pub fn db(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub fn backend(&self) -> sea_orm::DbBackend {
        self.state.db.backend()
    }

    /// Ends the read.
    pub async fn finish(self) -> Result<(), ApiError> {
        Ok(self.tx.commit().await?)
    }
}

/// The complaints matching the filter's non-time conditions, within the caller's scope.
fn base(actor: &Actor, f: &Filter) -> Option<Condition> {
    let scope = scope_condition(&actor.scope)?;
    // Left out when it restricts nothing, so that [`of_complaints_in`] can see an empty base.
    let mut cond = Condition::all();
    if !scope.is_empty() {
        cond = cond.add(scope);
    }
    if let Some(t) = &f.team {
        cond = cond.add(complaint::Column::TeamId.eq(t.as_str()));
    }
    if let Some(a) = &f.agent {
        cond = cond.add(complaint::Column::AssigneeId.eq(a.as_str()));
    }
    if let Some(p) = &f.product {
        cond = cond.add(complaint::Column::Product.eq(p.as_str()));
    }
    if let Some(c) = f.channel {
        cond = cond.add(complaint::Column::Channel.eq(c));
    }
    if let Some(p) = f.profile {
        cond = cond.add(complaint::Column::Profile.eq(p));
    }
    if let Some(v) = f.vulnerable {
        cond = cond.add(complaint::Column::Vulnerable.eq(v));
    }
    Some(cond)
}

/// [`base`] plus receipt in the period.
fn received(actor: &Actor, f: &Filter) -> Option<Condition> {
    let mut cond = base(actor, f)?;
    if let Some(from) = f.from {
        cond = cond.add(complaint::Column::ReceivedAt.gte(from));
    }
    if let Some(to) = f.to {
        cond = cond.add(complaint::Column::ReceivedAt.lt(to));
    }
    Some(cond)
}

/// Rows of another table (events, timers) whose complaint matches `cond`. Correlated, so the
/// cost follows the rows being counted (a period's closings, say) rather than every stored
/// complaint; no condition at all when `cond` restricts nothing.
fn of_complaints_in(complaint_id: Expr, cond: &Condition) -> Condition {
    if cond.is_empty() {
        return Condition::all();
    }
    Condition::all().add(Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(complaint::Entity)
            .and_where(Expr::col((complaint::Entity, complaint::Column::Id)).eq(complaint_id))
            .cond_where(cond.clone())
            .to_owned(),
    ))
}

mod fca_return;
mod flow;
mod outcomes;
mod people;
mod satisfaction;
mod timeliness;
mod volumes;

pub use fca_return::*;
pub use flow::*;
pub use outcomes::*;
pub use people::*;
pub use satisfaction::*;
pub use timeliness::*;
pub use volumes::*;

/// What one figure of a report means: its name and the rule that computes it, kept beside
/// the query that applies the rule so that the two are changed together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub name: &'static str,
    pub rule: String,
}

fn def(name: &'static str, rule: impl Into<String>) -> Definition {
    Definition {
        name,
        rule: rule.into(),
    }
}

/// The definition of [`in_scope`], given first by every report over received complaints.
fn in_scope_definition() -> Definition {
    def(
        "in_scope",
        "complaints in the caller's scope matching the filters, received at or after `from` and before `to`",
    )
}

/// How many complaints a filter covers (for the `in_scope` figure of every report).
pub async fn in_scope(reader: &Reader<'_>, actor: &Actor, f: &Filter) -> Result<u64, ApiError> {
    let Some(cond) = received(actor, f) else {
        return Ok(0);
    };
    Ok(complaint::Entity::find()
        .filter(cond)
        .count(reader.db())
        .await?)
}

/// A report's figures with the number of complaints they are computed over.
#[derive(Debug, Clone)]
pub struct Scoped<T> {
    pub in_scope: u64,
    pub figures: T,
}

/// A report over the filter's whole range and, when a series was asked for, over each period
/// of it.
#[derive(Debug, Clone)]
pub struct WithSeries<T> {
    pub whole: Scoped<T>,
    /// Each period's first day with its figures, oldest first.
    pub series: Option<Vec<(NaiveDate, Scoped<T>)>>,
}

/// Periods a series may have, so a request cannot ask for thousands of reports in one.
pub const MAX_PERIODS: usize = 400;

/// [`in_scope`] and `figures` over the filter and, with `group_by`, over each period of its
/// range. Each period is computed exactly as the whole is, with the filter's range narrowed
/// to the period, so that a period's figures mean what the whole's do.
async fn with_series<T, F, Fut>(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Option<Period>,
    figures: F,
) -> Result<WithSeries<T>, ApiError>
where
    F: Fn(Filter) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let whole = Scoped {
        in_scope: in_scope(reader, actor, f).await?,
        figures: figures(f.clone()).await?,
    };
    let Some(group_by) = group_by else {
        return Ok(WithSeries {
            whole,
            series: None,
        });
    };
    let from = f
        .from
        .ok_or_else(|| ApiError::invalid_field("from", "a series needs `from` and `to`"))?;
    let to =
        f.to.ok_or_else(|| ApiError::invalid_field("to", "a series needs `from` and `to`"))?;
    let periods = windows(from, to, group_by, MAX_PERIODS).ok_or_else(|| {
        ApiError::invalid_field(
            "group_by",
            format!(
                "a series has at most {MAX_PERIODS} periods; choose a longer period or a shorter range"
            ),
        )
    })?;
    let mut series = Vec::with_capacity(periods.len());
    for (start, begin, end) in periods {
        let window = Filter {
            from: Some(begin),
            to: Some(end),
            ..f.clone()
        };
        let period = Scoped {
            in_scope: in_scope(reader, actor, &window).await?,
            figures: figures(window).await?,
        };
        series.push((start, period));
    }
    Ok(WithSeries {
        whole,
        series: Some(series),
    })
}

/// The UTC calendar day (`YYYY-MM-DD`) of a timestamp column, in the engine's SQL. SQLite keeps
/// instants as RFC 3339 text in UTC, so the day is the text's first ten characters.
fn utc_day(backend: sea_orm::DbBackend, table: impl EntityName, column: impl IdenStatic) -> Expr {
    let (table, column) = (table.table_name(), column.as_str());
    utc_day_of(backend, Expr::col((Alias::new(table), Alias::new(column))))
}

/// [`utc_day`] of any instant-valued expression.
fn utc_day_of(backend: sea_orm::DbBackend, instant: Expr) -> Expr {
    match backend {
        sea_orm::DbBackend::Postgres => custom(
            backend,
            "to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            vec![instant],
        ),
        _ => custom(backend, "substr($1, 1, 10)", vec![instant]),
    }
}

/// A custom SQL expression written with `$1`, `$2`, … standing for `exprs` in order. The
/// SQLite query builder marks them `?` (a `$1` would reach SQLite as a bound parameter).
fn custom(backend: sea_orm::DbBackend, template: &str, exprs: Vec<Expr>) -> Expr {
    let mut sql = template.to_owned();
    if backend != sea_orm::DbBackend::Postgres {
        for i in (1..=exprs.len()).rev() {
            sql = sql.replace(&format!("${i}"), "?");
        }
    }
    Expr::cust_with_exprs(sql, exprs)
}

/// The rows of `query` with `columns`, read as one JSON array that the database builds. With
/// SQLite every row of a result crosses from the database's thread to the server's, and over
/// a hundred thousand rows that hand-off costs more than the query; one text value does not.
async fn json_rows<T: serde::de::DeserializeOwned>(
    reader: &Reader<'_>,
    mut query: SelectStatement,
    columns: Vec<Expr>,
) -> Result<Vec<T>, ApiError> {
    let backend = reader.backend();
    let slots: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let slots = slots.join(", ");
    let template = match backend {
        sea_orm::DbBackend::Postgres => {
            format!("CAST(json_agg(json_build_array({slots})) AS text)")
        }
        _ => format!("json_group_array(json_array({slots}))"),
    };
    query.expr(custom(backend, &template, columns));
    let text = match reader.db().query_one(&query).await? {
        Some(row) => row.try_get_by_index::<Option<String>>(0)?,
        None => None,
    };
    match text {
        Some(text) => serde_json::from_str(&text).map_err(ApiError::internal),
        // PostgreSQL aggregates no rows to NULL.
        None => Ok(Vec::new()),
    }
}

/// A UUID column as JSON-safe text: SQLite stores UUIDs as 16-byte blobs.
fn id_text(backend: sea_orm::DbBackend, id: Expr) -> Expr {
    match backend {
        sea_orm::DbBackend::Postgres => custom(backend, "CAST($1 AS text)", vec![id]),
        _ => custom(backend, "hex($1)", vec![id]),
    }
}

fn parse_id(text: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(text).map_err(ApiError::internal)
}

fn parse_instant(text: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(ApiError::internal)
}

/// Business days in each profile's calendar, each calendar loaded once.
struct BusinessDays<'a> {
    reader: &'a Reader<'a>,
    calendars: HashMap<Profile, crate::domain::deadlines::calendar::Calendar>,
}

impl<'a> BusinessDays<'a> {
    fn new(reader: &'a Reader<'a>) -> Self {
        BusinessDays {
            reader,
            calendars: HashMap::new(),
        }
    }

    /// The calendar of `profile`'s rules, loaded once.
    async fn calendar(
        &mut self,
        profile: Profile,
    ) -> Result<&crate::domain::deadlines::calendar::Calendar, ApiError> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.calendars.entry(profile) {
            let db = self.reader.db();
            let rules = profiles::rules(db, profile).await?;
            slot.insert(calendars::calendar(db, rules.calendar).await?);
        }
        self.calendars
            .get(&profile)
            .ok_or_else(|| ApiError::internal("calendar not loaded"))
    }

    /// Business days after the day of `from` up to `to`, in `profile`'s calendar.
    async fn between(
        &mut self,
        profile: &str,
        from: DateTime<Utc>,
        to: NaiveDate,
    ) -> Result<u32, ApiError> {
        let profile: Profile = crate::service::stored::stored("complaints.profile", profile)?;
        Ok(self
            .calendar(profile)
            .await?
            .business_days_between(from.date_naive(), to))
    }
}
