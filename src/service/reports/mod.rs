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

use crate::service::{admin::calendars, admin::profiles, cases::complaints::scope_condition};
use crate::{
    auth::Actor,
    domain::{
        case::complaint::{Profile, State},
        case::instants::CLOCK_SKEW,
        case::procedure::Outcome,
        improvement::stats::{
            AGEING_BUCKETS, Mean, ParetoRow, Period, Rate, ageing_bucket, mean, median, pareto,
            percentile, period_start, rate, table_days,
        },
        reporting::returns,
    },
    error::ApiError,
    state::AppState,
};

/// Rates built on fewer cases than this are flagged as not robust.
pub const MIN_CASES: u64 = 30;

/// The events that close a complaint.
pub const CLOSING_EVENTS: [&str; 3] = [
    "complaint.close",
    "complaint.resolve_summarily",
    "complaint.record_referral_outcome",
];

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

/// Received against closed over time, and open cases by age.
#[derive(Debug, Clone, Default)]
pub struct Volumes {
    pub received: u64,
    pub closed: u64,
    pub open: u64,
    /// Regulatory timers breached in the period.
    pub breached: u64,
    pub ageing: Vec<(&'static str, u64)>,
    /// `(period start, received, closed, breached)`, oldest first.
    pub series: Vec<(NaiveDate, u64, u64, u64)>,
}

/// Volumes: complaints received in the period, complaints closed in it (by their closing
/// event), and the complaints open now with their age in business days.
pub async fn volumes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Period,
) -> Result<Volumes, ApiError> {
    let db = reader.db();
    let (Some(received_cond), Some(base_cond)) = (received(actor, f), base(actor, f)) else {
        return Ok(Volumes {
            ageing: AGEING_BUCKETS.iter().map(|b| (*b, 0)).collect(),
            ..Volumes::default()
        });
    };
    // Counted per UTC day by the database; the days are then put into periods here.
    let backend = db.get_database_backend();
    let received_day = utc_day(backend, complaint::Entity, complaint::Column::ReceivedAt);
    let received_at = complaint::Entity::find()
        .select_only()
        .column_as(received_day.clone(), "day")
        .column_as(complaint::Column::Id.count(), "n")
        .filter(received_cond)
        .group_by(received_day)
        .into_tuple::<(String, i64)>()
        .all(db);
    let closed_day = utc_day(
        backend,
        complaint_event::Entity,
        complaint_event::Column::OccurredAt,
    );
    let mut closing = complaint_event::Entity::find()
        .select_only()
        .column_as(closed_day.clone(), "day")
        .column_as(complaint_event::Column::Id.count(), "n")
        .filter(complaint_event::Column::Kind.is_in(CLOSING_EVENTS))
        .filter(of_complaints_in(
            Expr::col((
                complaint_event::Entity,
                complaint_event::Column::ComplaintId,
            )),
            &base_cond,
        ));
    if let Some(from) = f.from {
        closing = closing.filter(complaint_event::Column::OccurredAt.gte(from));
    }
    if let Some(to) = f.to {
        closing = closing.filter(complaint_event::Column::OccurredAt.lt(to));
    }
    let closed_at = closing
        .group_by(closed_day)
        .into_tuple::<(String, i64)>()
        .all(db);
    let breached_day = utc_day(
        backend,
        complaint_timer::Entity,
        complaint_timer::Column::BreachedAt,
    );
    let mut breaching = complaint_timer::Entity::find()
        .select_only()
        .column_as(breached_day.clone(), "day")
        .column_as(complaint_timer::Column::Id.count(), "n")
        .filter(complaint_timer::Column::Regulatory.eq(true))
        .filter(complaint_timer::Column::BreachedAt.is_not_null())
        .filter(of_complaints_in(
            Expr::col((
                complaint_timer::Entity,
                complaint_timer::Column::ComplaintId,
            )),
            &base_cond,
        ));
    if let Some(from) = f.from {
        breaching = breaching.filter(complaint_timer::Column::BreachedAt.gte(from));
    }
    if let Some(to) = f.to {
        breaching = breaching.filter(complaint_timer::Column::BreachedAt.lt(to));
    }
    let breached_at = breaching
        .group_by(breached_day)
        .into_tuple::<(String, i64)>()
        .all(db);

    // Named as the states still open, so that the state index is read only for them.
    let open_states: Vec<&str> = State::ALL
        .iter()
        .filter(|s| !crate::domain::case::procedure::is_terminal(**s))
        .map(|s| s.as_str())
        .collect();
    let open = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::ReceivedAt)
        .column(complaint::Column::Profile)
        .filter(base_cond)
        .filter(complaint::Column::State.is_in(open_states))
        .into_tuple::<(DateTime<Utc>, String)>()
        .all(db);
    // Independent reads, all in the report's one snapshot (and so on its one connection).
    let (received_at, closed_at, breached_at, open) =
        tokio::try_join!(received_at, closed_at, breached_at, open)?;
    let today = reader.state.clock.now().date_naive();
    let mut business_days = BusinessDays::new(reader);
    let mut ageing: BTreeMap<&'static str, u64> = AGEING_BUCKETS.iter().map(|b| (*b, 0)).collect();
    for (at, profile) in &open {
        let days = business_days.between(profile, *at, today).await?;
        *ageing.entry(ageing_bucket(days)).or_default() += 1;
    }

    let mut series: BTreeMap<NaiveDate, (u64, u64, u64)> = BTreeMap::new();
    let mut totals = [0u64; 3];
    for (i, days) in [&received_at, &closed_at, &breached_at]
        .into_iter()
        .enumerate()
    {
        for (day, n) in days {
            let n = u64::try_from(*n).unwrap_or(0);
            let at = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|e| ApiError::internal(format!("a stored day {day:?}: {e}")))?
                .and_time(chrono::NaiveTime::MIN)
                .and_utc();
            let entry = series.entry(period_start(at, group_by)).or_default();
            match i {
                0 => entry.0 += n,
                1 => entry.1 += n,
                _ => entry.2 += n,
            }
            totals[i] += n;
        }
    }
    Ok(Volumes {
        received: totals[0],
        closed: totals[1],
        open: open.len() as u64,
        breached: totals[2],
        ageing: AGEING_BUCKETS
            .iter()
            .map(|b| (*b, ageing.get(b).copied().unwrap_or(0)))
            .collect(),
        series: series
            .into_iter()
            .map(|(d, (r, c, b))| (d, r, c, b))
            .collect(),
    })
}

/// Money paid in one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paid {
    pub currency: String,
    pub kind: Option<String>,
    pub count: u64,
    pub sum_minor: i64,
}

/// Findings and redress.
#[derive(Debug, Clone, Default)]
pub struct Outcomes {
    /// Complaints received in the period with a finding.
    pub decided: u64,
    pub by_outcome: Vec<(&'static str, u64)>,
    /// Upheld or partially upheld, of those decided.
    pub upheld: Rate,
    /// Completed remedies with an amount, by currency.
    pub paid: Vec<Paid>,
    /// The same by currency and remedy type.
    pub paid_by_kind: Vec<Paid>,
}

/// Outcomes of the complaints received in the period, and the redress paid on them.
pub async fn outcomes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<Outcomes, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Outcomes::default());
    };
    let rows: Vec<(Option<String>, i64)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::Outcome)
        .column_as(complaint::Column::Id.count(), "n")
        .filter(cond.clone())
        .filter(complaint::Column::Outcome.is_not_null())
        .group_by(complaint::Column::Outcome)
        .into_tuple()
        .all(db)
        .await?;
    let count_of = |o: Outcome| {
        rows.iter()
            .find(|(k, _)| k.as_deref() == Some(o.as_str()))
            .map_or(0, |(_, n)| *n as u64)
    };
    let by_outcome: Vec<_> = Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), count_of(*o)))
        .collect();
    let decided: u64 = by_outcome.iter().map(|(_, n)| n).sum();
    let upheld = count_of(Outcome::Upheld) + count_of(Outcome::PartiallyUpheld);

    let paid_rows: Vec<(Option<String>, String, i64, i64)> = remedy::Entity::find()
        .select_only()
        .column(remedy::Column::Currency)
        .column(remedy::Column::Kind)
        .column_as(remedy::Column::Id.count(), "n")
        // PostgreSQL sums a bigint as numeric; the cast keeps it an exact integer on both.
        .column_as(
            Expr::expr(Func::cast_as(
                Func::sum(Expr::col(remedy::Column::AmountMinor)),
                Alias::new("BIGINT"),
            )),
            "total",
        )
        .filter(remedy::Column::Status.eq("completed"))
        .filter(remedy::Column::AmountMinor.is_not_null())
        .filter(remedy::Column::IssuedAt.is_not_null())
        .filter(
            remedy::Column::ComplaintId.in_subquery(
                Query::select()
                    .column(complaint::Column::Id)
                    .from(complaint::Entity)
                    .cond_where(cond)
                    .to_owned(),
            ),
        )
        .group_by(remedy::Column::Currency)
        .group_by(remedy::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_currency: BTreeMap<String, Paid> = BTreeMap::new();
    let mut by_kind = Vec::new();
    for (currency, kind, n, total) in paid_rows {
        let currency = currency.unwrap_or_default();
        let entry = by_currency.entry(currency.clone()).or_insert_with(|| Paid {
            currency: currency.clone(),
            ..Paid::default()
        });
        entry.count += n as u64;
        entry.sum_minor += total;
        by_kind.push(Paid {
            currency,
            kind: Some(kind),
            count: n as u64,
            sum_minor: total,
        });
    }
    by_kind.sort_by(|a, b| (&a.currency, &a.kind).cmp(&(&b.currency, &b.kind)));
    Ok(Outcomes {
        decided,
        by_outcome,
        upheld: rate(upheld, decided, MIN_CASES),
        paid: by_currency.into_values().collect(),
        paid_by_kind: by_kind,
    })
}

/// How the root-cause Pareto groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CauseLevel {
    L1,
    L2,
}

/// The root-cause Pareto of complaints received in the period: merged codes count under their
/// survivor.
pub async fn pareto_of_causes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    level: CauseLevel,
    upheld_only: bool,
) -> Result<(u64, Vec<ParetoRow>), ApiError> {
    let db = reader.db();
    let Some(mut cond) = received(actor, f) else {
        return Ok((0, Vec::new()));
    };
    cond = cond.add(complaint::Column::PrimaryCause.is_not_null());
    if upheld_only {
        cond = cond.add(
            complaint::Column::Outcome
                .is_in([Outcome::Upheld.as_str(), Outcome::PartiallyUpheld.as_str()]),
        );
    }
    let rows: Vec<(Option<String>, i64)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::PrimaryCause)
        .column_as(complaint::Column::Id.count(), "n")
        .filter(cond)
        .group_by(complaint::Column::PrimaryCause)
        .into_tuple()
        .all(db)
        .await?;
    let survivors: HashMap<String, String> = root_cause::Entity::find()
        .filter(root_cause::Column::MergedInto.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.merged_into.map(|into| (r.code, into)))
        .collect();
    let survivor = |code: &str| {
        let mut code = code.to_owned();
        // Follow chains of merges; a cycle cannot form, since merge targets must be active.
        for _ in 0..16 {
            match survivors.get(&code) {
                Some(next) => code = next.clone(),
                None => break,
            }
        }
        code
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0;
    for (code, n) in rows {
        let Some(code) = code else { continue };
        let code = survivor(&code);
        let key = match level {
            CauseLevel::L2 => code,
            CauseLevel::L1 => code.split('.').next().unwrap_or_default().to_owned(),
        };
        *counts.entry(key).or_default() += n as u64;
        total += n as u64;
    }
    Ok((total, pareto(counts.into_iter().collect())))
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

/// Timeliness against targets and deadlines.
#[derive(Debug, Clone, Default)]
pub struct Timeliness {
    pub acknowledged_in_time: Rate,
    pub summary_resolved_in_window: Rate,
    pub responded_in_time: Rate,
    pub extended: Rate,
    pub breaches: u64,
    pub regulatory_breaches: u64,
    pub responses: u64,
    pub median_business_days_to_response: Option<f64>,
    pub p90_business_days_to_response: Option<f64>,
}

fn is_response_timer(name: &str) -> bool {
    name.ends_with("response") && !name.starts_with("reopened")
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

/// The complaint's timers of one kind and state, counted by the database.
#[derive(Debug)]
struct TimerGroup {
    name: String,
    state: String,
    regulatory: bool,
    extended: bool,
    n: u64,
}

/// The instant of the complaint's first stage or final response, as a column of a query over
/// complaints: computed per row by the database, so reports read one row per complaint instead
/// of every communication.
fn first_response_sent() -> Expr {
    Expr::SubQuery(
        None,
        Box::new(
            Query::select()
                .expr(Expr::col((communication::Entity, communication::Column::SentAt)).min())
                .from(communication::Entity)
                .and_where(
                    Expr::col((communication::Entity, communication::Column::ComplaintId))
                        .equals((complaint::Entity, complaint::Column::Id)),
                )
                .and_where(
                    Expr::col((communication::Entity, communication::Column::Kind))
                        .is_in(RESPONSE_KINDS),
                )
                .to_owned()
                .into(),
        ),
    )
}

/// Whether the complaint has an event of one of `kinds`, as a column.
fn has_event(kinds: &[&str]) -> Expr {
    let e = complaint_event::Entity;
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(e)
            .and_where(
                Expr::col((e, complaint_event::Column::ComplaintId))
                    .equals((complaint::Entity, complaint::Column::Id)),
            )
            .and_where(Expr::col((e, complaint_event::Column::Kind)).is_in(kinds.to_vec()))
            .to_owned(),
    )
}

/// Timeliness of the complaints received in the period, from their timers and the responses
/// sent.
pub async fn timeliness(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<Timeliness, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Timeliness::default());
    };
    let ids = || {
        Query::select()
            .column(complaint::Column::Id)
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned()
    };
    // The database counts the timers by kind; only a few dozen rows come back.
    let groups = complaint_timer::Entity::find()
        .select_only()
        .column(complaint_timer::Column::Name)
        .column(complaint_timer::Column::State)
        .column(complaint_timer::Column::Regulatory)
        .column_as(
            Expr::col(complaint_timer::Column::ExtendedDueAt).is_not_null(),
            "extended",
        )
        .column_as(Expr::col(complaint_timer::Column::Id).count(), "n")
        .filter(complaint_timer::Column::ComplaintId.in_subquery(ids()))
        .group_by(complaint_timer::Column::Name)
        .group_by(complaint_timer::Column::State)
        .group_by(complaint_timer::Column::Regulatory)
        .group_by(Expr::col(complaint_timer::Column::ExtendedDueAt).is_not_null())
        .into_tuple::<(String, String, bool, bool, i64)>()
        .all(db);
    let (groups, histogram) = tokio::try_join!(
        async { groups.await.map_err(ApiError::from) },
        response_days(reader, &cond, &[])
    )?;
    let timers: Vec<TimerGroup> = groups
        .into_iter()
        .map(|(name, state, regulatory, extended, n)| TimerGroup {
            name,
            state,
            regulatory,
            extended,
            n: u64::try_from(n).unwrap_or(0),
        })
        .collect();
    let count = |pred: &dyn Fn(&TimerGroup) -> bool| {
        timers.iter().filter(|t| pred(t)).map(|t| t.n).sum::<u64>()
    };
    let ended = |t: &TimerGroup| t.state == "met" || t.state == "breached";
    let ack = |t: &TimerGroup| t.name.ends_with("acknowledgement");
    let summary = |t: &TimerGroup| t.name == "summary_resolution";
    let response = |t: &TimerGroup| is_response_timer(&t.name) && t.name != "summary_resolution";

    let mut days = Vec::new();
    for (_, d, n) in &histogram {
        days.extend(std::iter::repeat_n(
            *d as f64,
            usize::try_from(*n).unwrap_or(0),
        ));
    }
    Ok(Timeliness {
        acknowledged_in_time: rate(
            count(&|t| ack(t) && t.state == "met"),
            count(&|t| ack(t) && ended(t)),
            MIN_CASES,
        ),
        summary_resolved_in_window: rate(
            count(&|t| summary(t) && t.state == "met"),
            count(&|t| summary(t) && t.state != "running"),
            MIN_CASES,
        ),
        responded_in_time: rate(
            count(&|t| response(t) && t.regulatory && t.state == "met"),
            count(&|t| response(t) && t.regulatory && ended(t)),
            MIN_CASES,
        ),
        extended: rate(
            count(&|t| response(t) && t.extended),
            count(&response),
            MIN_CASES,
        ),
        breaches: count(&|t| t.state == "breached"),
        regulatory_breaches: count(&|t| t.state == "breached" && t.regulatory),
        responses: days.len() as u64,
        median_business_days_to_response: median(&days),
        p90_business_days_to_response: percentile(&days, 90.0),
    })
}

/// How complaints flowed through the procedure.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    pub closed_at_stage1: Rate,
    pub escalated: Rate,
    pub reopened: Rate,
    pub referred: Rate,
    pub overturned: Rate,
}

/// Flow of the complaints received in the period: closed at stage 1, escalated, reopened,
/// referred to an ombudsman, and the ombudsman's decisions against ours.
pub async fn flow(reader: &Reader<'_>, actor: &Actor, f: &Filter) -> Result<Flow, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Flow::default());
    };
    // Every figure is a count over the complaints in scope, made by the database in one pass.
    let c = |column: complaint::Column| Expr::col((complaint::Entity, column));
    let count_if = |when: Condition| Into::<Expr>::into(Expr::case(when, 1)).count();
    let faults = ["upheld", "partially_upheld"];
    type Counts = (i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let counts: Option<Counts> = complaint::Entity::find()
        .select_only()
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::State).eq(State::Closed.as_str()))),
            "closed_now",
        )
        .column_as(
            count_if(
                Condition::all()
                    .add(c(complaint::Column::State).eq(State::Closed.as_str()))
                    .add(c(complaint::Column::Stage).lte(1)),
            ),
            "closed_at_stage1",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::Outcome).is_not_null())),
            "answered",
        )
        .column_as(
            count_if(
                Condition::all().add(c(complaint::Column::EscalationReceivedAt).is_not_null()),
            ),
            "escalated",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::ReferredAt).is_not_null())),
            "referred",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::ReferralOutcome).is_not_null())),
            "decided",
        )
        .column_as(
            count_if(
                Condition::all()
                    .add(c(complaint::Column::ReferralOutcome).is_in(faults))
                    .add(
                        Condition::any()
                            .add(c(complaint::Column::Outcome).is_null())
                            .add(c(complaint::Column::Outcome).is_not_in(faults)),
                    ),
            ),
            "overturned",
        )
        .column_as(
            count_if(Condition::all().add(has_event(&CLOSING_EVENTS))),
            "ever_closed",
        )
        .column_as(
            count_if(Condition::all().add(has_event(&["complaint.reopen"]))),
            "reopened",
        )
        .filter(cond)
        .into_tuple()
        .one(db)
        .await?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let (
        closed_now,
        stage1,
        answered,
        escalated,
        referred,
        decided,
        overturned,
        ever_closed,
        reopened,
    ) = counts.unwrap_or_default();
    Ok(Flow {
        closed_at_stage1: rate(n(stage1), n(closed_now), MIN_CASES),
        escalated: rate(n(escalated), n(answered), MIN_CASES),
        reopened: rate(n(reopened), n(ever_closed), MIN_CASES),
        referred: rate(n(referred), n(answered), MIN_CASES),
        overturned: rate(n(overturned), n(decided), MIN_CASES),
    })
}

/// The improvement backlog in figures.
#[derive(Debug, Clone)]
pub struct Backlog {
    pub by_state: Vec<(&'static str, u64)>,
    pub overdue_tasks: u64,
    pub effective: Rate,
}

/// Items by state, open tasks past their due date, and checked items judged effective.
pub async fn backlog(reader: &Reader<'_>) -> Result<Backlog, ApiError> {
    use crate::domain::improvement::{ItemState, Verdict};
    let db = reader.db();
    let rows: Vec<(String, i64)> = entity::improvement::Entity::find()
        .select_only()
        .column(entity::improvement::Column::State)
        .column_as(entity::improvement::Column::Id.count(), "n")
        .group_by(entity::improvement::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let by_state = ItemState::ALL
        .iter()
        .map(|s| {
            let n = rows
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |(_, n)| *n as u64);
            (s.as_str(), n)
        })
        .collect();
    let today = reader.state.clock.now().date_naive();
    let overdue_tasks = entity::improvement_task::Entity::find()
        .filter(entity::improvement_task::Column::Status.eq("open"))
        .filter(entity::improvement_task::Column::DueOn.lt(today))
        .count(db)
        .await?;
    let verdicts: Vec<(Option<String>, i64)> = entity::improvement::Entity::find()
        .select_only()
        .column(entity::improvement::Column::Verdict)
        .column_as(entity::improvement::Column::Id.count(), "n")
        .filter(entity::improvement::Column::Verdict.is_not_null())
        .group_by(entity::improvement::Column::Verdict)
        .into_tuple()
        .all(db)
        .await?;
    let checked: u64 = verdicts.iter().map(|(_, n)| *n as u64).sum();
    let effective = verdicts
        .iter()
        .find(|(v, _)| v.as_deref() == Some(Verdict::Effective.as_str()))
        .map_or(0, |(_, n)| *n as u64);
    Ok(Backlog {
        by_state,
        overdue_tasks,
        effective: rate(effective, checked, MIN_CASES),
    })
}

/// One team's or handler's figures.
#[derive(Debug, Clone)]
pub struct PersonFigures {
    pub key: String,
    pub handled: u64,
    pub on_time: Rate,
    pub median_business_days_to_response: Option<f64>,
    pub reopened: Rate,
    pub satisfaction_outcome: Mean,
    pub satisfaction_handling: Mean,
}

/// Per team and per handler: complaints handled, regulatory deadlines met, median business
/// days to the first response, reopen rate; every rate with its counts. The database counts
/// per (team, handler): a few dozen rows come back, however many complaints are in scope.
pub async fn people(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<(Vec<PersonFigures>, Vec<PersonFigures>), ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let flag = |e: Expr| Into::<Expr>::into(Expr::case(e, 1).finally(0)).sum();
    // Independent counts, each its own query, all in the report's one snapshot.
    // (team, handler, handled, closed, reopened)
    type Counts = (String, Option<String>, i64, i64, i64);
    let counts = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::TeamId)
        .column(complaint::Column::AssigneeId)
        .column_as(Expr::col(complaint::Column::Id).count(), "handled")
        .column_as(flag(has_event(&CLOSING_EVENTS)), "closed")
        .column_as(flag(has_event(&["complaint.reopen"])), "reopened")
        .filter(cond.clone())
        .group_by(complaint::Column::TeamId)
        .group_by(complaint::Column::AssigneeId)
        .into_tuple::<Counts>()
        .all(db);
    // (team, handler, regulatory response deadlines met, met or breached), one pass over the
    // timers of the complaints in scope.
    type Deadlines = (String, Option<String>, i64, i64);
    let t = complaint_timer::Entity;
    let in_states = |states: &[&str]| {
        flag(Expr::col((t, complaint_timer::Column::State)).is_in(states.to_vec()))
    };
    let deadlines = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::TeamId)
        .column(complaint::Column::AssigneeId)
        .column_as(in_states(&["met"]), "met")
        .column_as(in_states(&["met", "breached"]), "ended")
        .join(
            sea_orm::JoinType::InnerJoin,
            complaint::Entity::belongs_to(complaint_timer::Entity)
                .from(complaint::Column::Id)
                .to(complaint_timer::Column::ComplaintId)
                .into(),
        )
        .filter(cond.clone())
        .filter(Expr::col((t, complaint_timer::Column::Regulatory)).eq(true))
        // The SQL of `is_response_timer`.
        .filter(Expr::col((t, complaint_timer::Column::Name)).like("%response"))
        .filter(Expr::col((t, complaint_timer::Column::Name)).not_like("reopened%"))
        .group_by(complaint::Column::TeamId)
        .group_by(complaint::Column::AssigneeId)
        .into_tuple::<Deadlines>()
        .all(db);
    let days = response_days(
        reader,
        &cond,
        &[complaint::Column::TeamId, complaint::Column::AssigneeId],
    );
    // (team, handler, outcome score, handling score, answers)
    type Scores = (String, Option<String>, i16, i16, i64);
    let scores = survey::Entity::find()
        .select_only()
        .column_as(
            Expr::col((complaint::Entity, complaint::Column::TeamId)),
            "team",
        )
        .column_as(
            Expr::col((complaint::Entity, complaint::Column::AssigneeId)),
            "handler",
        )
        .column(survey::Column::OutcomeScore)
        .column(survey::Column::HandlingScore)
        .column_as(Expr::col((survey::Entity, survey::Column::Id)).count(), "n")
        .join(
            sea_orm::JoinType::InnerJoin,
            survey::Entity::belongs_to(complaint::Entity)
                .from(survey::Column::ComplaintId)
                .to(complaint::Column::Id)
                .into(),
        )
        .filter(survey::Column::AnsweredAt.is_not_null())
        .filter(survey::Column::OutcomeScore.is_not_null())
        .filter(survey::Column::HandlingScore.is_not_null())
        .filter(cond.clone())
        .group_by(Expr::col((complaint::Entity, complaint::Column::TeamId)))
        .group_by(Expr::col((
            complaint::Entity,
            complaint::Column::AssigneeId,
        )))
        .group_by(survey::Column::OutcomeScore)
        .group_by(survey::Column::HandlingScore)
        .into_tuple::<Scores>()
        .all(db);
    let (counts, deadlines, days, scores) = tokio::try_join!(
        async { counts.await.map_err(ApiError::from) },
        async { deadlines.await.map_err(ApiError::from) },
        days,
        async { scores.await.map_err(ApiError::from) }
    )?;

    /// One group's counts, days to respond and survey scores, added up over (team, handler).
    #[derive(Default)]
    struct Group {
        handled: u64,
        met: u64,
        ended: u64,
        closed: u64,
        reopened: u64,
        days: Vec<f64>,
        outcome: Vec<f64>,
        handling: Vec<f64>,
    }
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let mut teams: BTreeMap<String, Group> = BTreeMap::new();
    let mut handlers: BTreeMap<String, Group> = BTreeMap::new();
    let mut both = |team: &str, handler: &Option<String>, add: &dyn Fn(&mut Group)| {
        add(teams.entry(team.to_owned()).or_default());
        if let Some(h) = handler {
            add(handlers.entry(h.clone()).or_default());
        }
    };
    for (team, handler, handled, closed, reopened) in &counts {
        both(team, handler, &|g| {
            g.handled += n(*handled);
            g.closed += n(*closed);
            g.reopened += n(*reopened);
        });
    }
    for (team, handler, met, ended) in &deadlines {
        both(team, handler, &|g| {
            g.met += n(*met);
            g.ended += n(*ended);
        });
    }
    for (key, d, count) in &days {
        let team = key.first().cloned().flatten().unwrap_or_default();
        let handler = key.get(1).cloned().flatten();
        both(&team, &handler, &|g| {
            g.days
                .extend(std::iter::repeat_n(*d as f64, n(*count) as usize));
        });
    }
    for (team, handler, outcome, handling, count) in &scores {
        both(team, handler, &|g| {
            g.outcome
                .extend(std::iter::repeat_n(f64::from(*outcome), n(*count) as usize));
            g.handling.extend(std::iter::repeat_n(
                f64::from(*handling),
                n(*count) as usize,
            ));
        });
    }
    let figures = |groups: BTreeMap<String, Group>| {
        groups
            .into_iter()
            .map(|(key, g)| PersonFigures {
                key,
                handled: g.handled,
                on_time: rate(g.met, g.ended, MIN_CASES),
                median_business_days_to_response: median(&g.days),
                reopened: rate(g.reopened, g.closed, MIN_CASES),
                satisfaction_outcome: mean(&g.outcome, MIN_CASES),
                satisfaction_handling: mean(&g.handling, MIN_CASES),
            })
            .collect::<Vec<_>>()
    };
    Ok((figures(teams), figures(handlers)))
}

/// The kinds of communication that answer a complaint (a summary resolution aside).
const RESPONSE_KINDS: [&str; 2] = ["stage_response", "final_response"];

/// Business days from receipt to the first response of the complaints in scope that have one,
/// grouped by `keys`: (key values, business days, complaints).
///
/// The database counts them: each profile's calendar goes to it as one JSON parameter mapping
/// `profile|YYYY-MM-DD` to the day's business-day ordinal (see `Calendar::ordinals`), and the
/// business days between two days are the difference of their ordinals, so a report reads a
/// histogram, not a row per complaint. The table covers [`table_days`]: from the first receipt
/// or response stored to today, at most [`crate::domain::improvement::stats::MAX_TABLE_DAYS`] days,
/// whatever dates are stored. Only when something lies outside it (history older than that,
/// or a date after today, which no request can give any more) are the complaints concerned
/// read one by one and counted here without a table; so time and memory follow the rows in
/// the period, never the distance between stored dates.
async fn response_days(
    reader: &Reader<'_>,
    cond: &Condition,
    keys: &[complaint::Column],
) -> Result<Vec<(Vec<Option<String>>, i64, i64)>, ApiError> {
    let db = reader.db();
    let backend = reader.backend();
    let Some(stored) = stored_days(reader).await? else {
        return Ok(Vec::new());
    };
    let today = (reader.state.clock.now() + CLOCK_SKEW).date_naive();
    let Some((first, last)) = table_days(Some(stored.first), today) else {
        return Ok(Vec::new());
    };
    let mut business_days = BusinessDays::new(reader);
    let mut table = serde_json::Map::new();
    for profile in Profile::ALL {
        for (day, ordinal) in business_days
            .calendar(*profile)
            .await?
            .ordinals(first, last)
        {
            table.insert(
                format!("{}|{}", profile.as_str(), day.format("%Y-%m-%d")),
                ordinal.into(),
            );
        }
    }
    tracing::debug!(days = table.len(), %first, %last, "business-day table");
    let table = serde_json::Value::Object(table).to_string();
    let function = match backend {
        sea_orm::DbBackend::Postgres => {
            Func::cust("jsonb_each_text").arg(Expr::val(table).cast_as("jsonb"))
        }
        _ => Func::cust("json_each").arg(table),
    };
    // Materialised, so that each engine builds its lookup once (SQLite an automatic index)
    // instead of scanning the table function for every complaint.
    let ordinals = Alias::new("ordinals");
    let cte = CommonTableExpression::new()
        .query(
            Query::select()
                .expr_as(Expr::col("key"), "day")
                .expr_as(Expr::col("value").cast_as("bigint"), "ordinal")
                .from_function(function, "t")
                .to_owned(),
        )
        .table_name(ordinals.clone())
        .materialized(true)
        .to_owned();
    let keyed = |day: Expr| {
        custom(
            backend,
            "$1 || '|' || $2",
            vec![
                Expr::col((complaint::Entity, complaint::Column::Profile)),
                day,
            ],
        )
    };
    let received = keyed(utc_day_of(
        backend,
        Expr::col((complaint::Entity, complaint::Column::ReceivedAt)),
    ));
    let responded = keyed(utc_day_of(backend, first_response_sent()));
    let (s, r) = (Alias::new("s"), Alias::new("r"));
    let ordinal = |t: &Alias| Expr::col((t.clone(), Alias::new("ordinal")));
    // No bound values in it: PostgreSQL matches the grouped expression to the selected one by
    // its text, and two parameters are two different texts.
    let days: Expr = Expr::case(ordinal(&r).gt(ordinal(&s)), ordinal(&r).sub(ordinal(&s)))
        .finally(Expr::cust("0"))
        .into();
    let mut select = Query::select();
    for key in keys {
        select.expr(Expr::col((complaint::Entity, *key)));
    }
    select
        .expr(days.clone())
        .expr(Expr::col((complaint::Entity, complaint::Column::Id)).count())
        .from(complaint::Entity)
        .join_as(
            sea_orm::JoinType::InnerJoin,
            ordinals.clone(),
            s.clone(),
            Expr::col((s.clone(), Alias::new("day"))).eq(received),
        )
        .join_as(
            sea_orm::JoinType::InnerJoin,
            ordinals,
            r.clone(),
            Expr::col((r.clone(), Alias::new("day"))).eq(responded),
        )
        .cond_where(cond.clone());
    for key in keys {
        select.add_group_by([Expr::col((complaint::Entity, *key))]);
    }
    select.add_group_by([days]);
    let query = WithClause::new().cte(cte).to_owned().query(select);
    let rows = db.query_all(&query).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut values = Vec::with_capacity(keys.len());
        for i in 0..keys.len() {
            values.push(row.try_get_by_index::<Option<String>>(i)?);
        }
        out.push((
            values,
            row.try_get_by_index::<i64>(keys.len())?,
            row.try_get_by_index::<i64>(keys.len() + 1)?,
        ));
    }

    // The complaints the table left out: received outside it, or with a response outside it.
    // There are none unless the table was cut short or something is dated after today.
    if first <= stored.first && stored.last <= last {
        return Ok(out);
    }
    let (start, end) = (
        first.and_time(chrono::NaiveTime::MIN).and_utc(),
        (last + chrono::Duration::days(1))
            .and_time(chrono::NaiveTime::MIN)
            .and_utc(),
    );
    let c = |column: complaint::Column| Expr::col((complaint::Entity, column));
    let m = |column: communication::Column| Expr::col((communication::Entity, column));
    let answered_outside = Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(communication::Entity)
            .and_where(
                m(communication::Column::ComplaintId)
                    .equals((complaint::Entity, complaint::Column::Id)),
            )
            .and_where(m(communication::Column::Kind).is_in(RESPONSE_KINDS))
            .cond_where(
                Condition::any()
                    .add(m(communication::Column::SentAt).lt(start))
                    .add(m(communication::Column::SentAt).gte(end)),
            )
            .to_owned(),
    );
    let mut select = Query::select();
    for key in keys {
        select.expr(c(*key));
    }
    select
        .expr(c(complaint::Column::Profile))
        .expr(c(complaint::Column::ReceivedAt))
        .expr(first_response_sent())
        .from(complaint::Entity)
        .cond_where(
            Condition::all().add(cond.clone()).add(
                Condition::any()
                    .add(c(complaint::Column::ReceivedAt).lt(start))
                    .add(c(complaint::Column::ReceivedAt).gte(end))
                    .add(answered_outside),
            ),
        );
    let in_table = |day: NaiveDate| first <= day && day <= last;
    for row in db.query_all(&select).await? {
        let mut values = Vec::with_capacity(keys.len());
        for i in 0..keys.len() {
            values.push(row.try_get_by_index::<Option<String>>(i)?);
        }
        let profile: String = row.try_get_by_index(keys.len())?;
        let received_at: DateTime<Utc> = row.try_get_by_index(keys.len() + 1)?;
        let Some(responded_at) = row.try_get_by_index::<Option<DateTime<Utc>>>(keys.len() + 2)?
        else {
            continue;
        };
        let responded = responded_at.date_naive();
        if in_table(received_at.date_naive()) && in_table(responded) {
            // Counted by the database above (a later response lay outside, not the first).
            continue;
        }
        let days = business_days
            .between(&profile, received_at, responded)
            .await?;
        out.push((values, i64::from(days), 1));
    }
    Ok(out)
}

/// The first and last UTC days on which any complaint was received or answered.
struct StoredDays {
    first: NaiveDate,
    last: NaiveDate,
}

/// The days over which complaints were received or answered, `None` when none was received.
/// Each bound is a single-aggregate subquery.
async fn stored_days(reader: &Reader<'_>) -> Result<Option<StoredDays>, ApiError> {
    let extreme = |min: bool, column: Expr, from: SelectStatement| -> Expr {
        let agg = if min { column.min() } else { column.max() };
        Expr::SubQuery(None, Box::new(from.clone().expr(agg).to_owned().into()))
    };
    let complaints = Query::select().from(complaint::Entity).to_owned();
    let responses = Query::select()
        .from(communication::Entity)
        .and_where(Expr::col(communication::Column::Kind).is_in(RESPONSE_KINDS))
        .to_owned();
    let received = || Expr::col(complaint::Column::ReceivedAt);
    let sent = || Expr::col(communication::Column::SentAt);
    let query = Query::select()
        .expr(extreme(true, received(), complaints.clone()))
        .expr(extreme(false, received(), complaints))
        .expr(extreme(true, sent(), responses.clone()))
        .expr(extreme(false, sent(), responses))
        .to_owned();
    let Some(row) = reader.db().query_one(&query).await? else {
        return Ok(None);
    };
    let mut days = Vec::new();
    for i in 0..4 {
        if let Some(at) = row.try_get_by_index::<Option<DateTime<Utc>>>(i)? {
            days.push(at.date_naive());
        }
    }
    Ok(days
        .iter()
        .min()
        .zip(days.iter().max())
        .map(|(first, last)| StoredDays {
            first: *first,
            last: *last,
        }))
}

/// One cohort's figures for the vulnerable-customer gap.
#[derive(Debug, Clone)]
pub struct Cohort {
    pub in_scope: u64,
    pub upheld: Rate,
    pub responses: u64,
    pub median_business_days_to_response: Option<f64>,
}

/// The vulnerable-customer gap: the upheld rate and time to respond for complaints from
/// customers with a recorded vulnerability against the others, over the same filters.
pub async fn vulnerable_gap(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<(Cohort, Cohort), ApiError> {
    let mut out = Vec::new();
    for vulnerable in [true, false] {
        let cohort = Filter {
            vulnerable: Some(vulnerable),
            ..f.clone()
        };
        let o = outcomes(reader, actor, &cohort).await?;
        let t = timeliness(reader, actor, &cohort).await?;
        out.push(Cohort {
            in_scope: in_scope(reader, actor, &cohort).await?,
            upheld: o.upheld,
            responses: t.responses,
            median_business_days_to_response: t.median_business_days_to_response,
        });
    }
    let others = out.pop().ok_or_else(|| ApiError::internal("no cohort"))?;
    let vulnerable = out.pop().ok_or_else(|| ApiError::internal("no cohort"))?;
    Ok((vulnerable, others))
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
        let profile = Profile::parse(profile).unwrap_or(self.reader.state.config.default_profile);
        Ok(self
            .calendar(profile)
            .await?
            .business_days_between(from.date_naive(), to))
    }
}

/// The survey answers on the complaints in `ids`, as (complaint, outcome score, handling score).
async fn survey_answers(
    db: &impl sea_orm::ConnectionTrait,
    ids: SelectStatement,
) -> Result<Vec<(uuid::Uuid, i16, i16)>, ApiError> {
    let rows: Vec<(uuid::Uuid, Option<i16>, Option<i16>)> = survey::Entity::find()
        .select_only()
        .column(survey::Column::ComplaintId)
        .column(survey::Column::OutcomeScore)
        .column(survey::Column::HandlingScore)
        .filter(survey::Column::AnsweredAt.is_not_null())
        .filter(survey::Column::ComplaintId.in_subquery(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, o, h)| Some((id, o?, h?)))
        .collect())
}

/// Customer satisfaction over the complaints received in the period.
#[derive(Debug, Clone, Default)]
pub struct Satisfaction {
    pub invited: u64,
    pub response_rate: Rate,
    pub outcome: Mean,
    pub handling: Mean,
    /// Answers per score 1..=5.
    pub outcome_scores: [u64; 5],
    pub handling_scores: [u64; 5],
}

/// Survey invitations, answers and mean scores of the complaints received in the period.
pub async fn satisfaction(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<Satisfaction, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Satisfaction::default());
    };
    let ids = || {
        Query::select()
            .column(complaint::Column::Id)
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned()
    };
    let now = reader.state.clock.now();
    // (answered_at, superseded_at, expires_at)
    type Invitation = (Option<DateTime<Utc>>, Option<DateTime<Utc>>, DateTime<Utc>);
    let invitations: Vec<Invitation> = survey::Entity::find()
        .select_only()
        .column(survey::Column::AnsweredAt)
        .column(survey::Column::SupersededAt)
        .column(survey::Column::ExpiresAt)
        .filter(survey::Column::ComplaintId.in_subquery(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let answered = invitations.iter().filter(|i| i.0.is_some()).count() as u64;
    let still_open = invitations
        .iter()
        .filter(|i| i.0.is_none() && i.1.is_none() && i.2 > now)
        .count() as u64;
    let answers = survey_answers(db, ids()).await?;
    let mut out = Satisfaction {
        invited: invitations.len() as u64,
        response_rate: rate(answered, invitations.len() as u64 - still_open, MIN_CASES),
        ..Satisfaction::default()
    };
    let (mut outcome, mut handling) = (Vec::new(), Vec::new());
    for (_, o, h) in answers {
        outcome.push(f64::from(o));
        handling.push(f64::from(h));
        if let Some(n) = out
            .outcome_scores
            .get_mut(usize::try_from(o - 1).unwrap_or(9))
        {
            *n += 1;
        }
        if let Some(n) = out
            .handling_scores
            .get_mut(usize::try_from(h - 1).unwrap_or(9))
        {
            *n += 1;
        }
    }
    out.outcome = mean(&outcome, MIN_CASES);
    out.handling = mean(&handling, MIN_CASES);
    Ok(out)
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

/// The FCA complaints return over `[start, end)` for the complaints in the caller's scope
/// (and the filter's team, product, channel and profile; its dates are ignored).
pub async fn fca_disp(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(u64, returns::Return), ApiError> {
    let db = reader.db();
    let undated = Filter {
        from: None,
        to: Some(end),
        ..f.clone()
    };
    let Some(cond) = received(actor, &undated) else {
        return Ok((0, returns::Return::default()));
    };
    // Not complaints, and complaints forwarded to another firm, are not on the return.
    let cond = cond.add(
        complaint::Column::State
            .is_not_in([State::NotAComplaint.as_str(), State::Transferred.as_str()]),
    );
    let ids = || {
        Query::select()
            .column(complaint::Column::Id)
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned()
    };
    let backend = reader.backend();
    let c = |column: complaint::Column| Expr::col((complaint::Entity, column));
    // (id, product, category, received_at, profile, outcome), as read from JSON.
    type Row = (String, String, String, String, String, Option<String>);
    // The three reads are independent, and all in the report's one snapshot.
    let complaints = json_rows::<Row>(
        reader,
        Query::select()
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned(),
        vec![
            id_text(backend, c(complaint::Column::Id)),
            c(complaint::Column::Product),
            c(complaint::Column::Category),
            c(complaint::Column::ReceivedAt),
            c(complaint::Column::Profile),
            c(complaint::Column::Outcome),
        ],
    );
    let closing_kinds = CLOSING_EVENTS.iter().copied().chain(["complaint.withdraw"]);
    let e = |column: complaint_event::Column| Expr::col((complaint_event::Entity, column));
    // Unordered: each complaint's few marks are put in order below, cheaper than the
    // database sorting every mark of every complaint.
    let events = json_rows::<(String, String, String, i64)>(
        reader,
        Query::select()
            .from(complaint_event::Entity)
            .and_where(
                e(complaint_event::Column::Kind)
                    .is_in(closing_kinds.clone().chain(["complaint.reopen"])),
            )
            .and_where(e(complaint_event::Column::OccurredAt).lt(end))
            .and_where(e(complaint_event::Column::ComplaintId).in_subquery(ids()))
            .to_owned(),
        vec![
            id_text(backend, e(complaint_event::Column::ComplaintId)),
            e(complaint_event::Column::Kind),
            e(complaint_event::Column::OccurredAt),
            e(complaint_event::Column::Seq),
        ],
    );
    let paid = remedy::Entity::find()
        .select_only()
        .column(remedy::Column::ComplaintId)
        .column(remedy::Column::Currency)
        .column(remedy::Column::AmountMinor)
        .filter(remedy::Column::Status.eq("completed"))
        .filter(remedy::Column::AmountMinor.is_not_null())
        .filter(remedy::Column::IssuedAt.is_not_null())
        .filter(remedy::Column::ComplaintId.in_subquery(ids()))
        .into_tuple::<(uuid::Uuid, Option<String>, Option<i64>)>()
        .all(db);
    let (complaints, events, paid) = tokio::try_join!(complaints, events, async {
        paid.await.map_err(ApiError::from)
    })?;
    let closing: Vec<&str> = closing_kinds.collect();
    let mut ordered: HashMap<uuid::Uuid, Vec<(DateTime<Utc>, i64, returns::Mark)>> = HashMap::new();
    for (id, kind, at, seq) in events {
        let (id, at) = (parse_id(&id)?, parse_instant(&at)?);
        let mark = if closing.contains(&kind.as_str()) {
            returns::Mark::Closed
        } else {
            returns::Mark::Reopened
        };
        ordered.entry(id).or_default().push((at, seq, mark));
    }
    let mut marks: HashMap<uuid::Uuid, Vec<(DateTime<Utc>, returns::Mark)>> = ordered
        .into_iter()
        .map(|(id, mut list)| {
            list.sort_unstable_by_key(|(at, seq, _)| (*at, *seq));
            (
                id,
                list.into_iter().map(|(at, _, mark)| (at, mark)).collect(),
            )
        })
        .collect();
    let mut redress: HashMap<uuid::Uuid, Vec<(String, i64)>> = HashMap::new();
    for (id, currency, amount) in paid {
        if let (Some(currency), Some(amount)) = (currency, amount) {
            redress.entry(id).or_default().push((currency, amount));
        }
    }
    let mut business_days = BusinessDays::new(reader);
    let mut cases = Vec::with_capacity(complaints.len());
    for (id, product, category, received_at, profile, outcome) in complaints {
        let (id, received_at) = (parse_id(&id)?, parse_instant(&received_at)?);
        let marks = marks.remove(&id).unwrap_or_default();
        let business_days_to_close = match returns::closing_in(&marks, start, end) {
            Some(at) => Some(
                business_days
                    .between(&profile, received_at, at.date_naive())
                    .await?,
            ),
            None => None,
        };
        cases.push(returns::Case {
            product,
            category,
            received_at,
            marks,
            business_days_to_close,
            upheld: matches!(
                outcome.as_deref().and_then(Outcome::parse),
                Some(Outcome::Upheld | Outcome::PartiallyUpheld)
            ),
            redress: redress.remove(&id).unwrap_or_default(),
        });
    }
    let in_scope = cases
        .iter()
        .filter(|c| {
            returns::open_at(c, start)
                || c.received_at >= start
                || returns::closing_in(&c.marks, start, end).is_some()
        })
        .count() as u64;
    Ok((in_scope, returns::fca_disp(&cases, start, end)))
}
