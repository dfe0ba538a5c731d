//! People: per team and handler, and the vulnerable-customer gap, over business days.

use super::*;
use crate::domain::deadlines::TimerKind;

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

/// What the figures of [`people`] mean.
pub fn people_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "handled",
            "complaints in scope of the team, or per handler: those whose latest response the handler sent, and those not yet answered assigned to the handler now",
        ),
        def(
            "on_time",
            "regulatory response timers met over those met or breached, on the group's complaints",
        ),
        def(
            "median_business_days_to_response",
            "business days from the day of receipt to the day the first stage or final response was sent",
        ),
        def(
            "reopened",
            "complaints with a reopen event over those with any closing event",
        ),
        def(
            "satisfaction_outcome, satisfaction_handling",
            "mean survey scores (1 to 5) answered on the group's complaints, with the number of answers",
        ),
    ]
}

/// The handler a complaint is credited to: whoever sent its latest response, or, until one is
/// sent, the handler assigned now (so that a deadline missed on an unanswered case counts
/// against the one holding it). No bound values: PostgreSQL matches a grouped expression to
/// the selected one by its text.
fn handler() -> Expr {
    Func::coalesce([
        Expr::col((complaint::Entity, complaint::Column::RespondedBy)),
        Expr::col((complaint::Entity, complaint::Column::AssigneeId)),
    ])
    .into()
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
        .column_as(handler(), "handler")
        .column_as(Expr::col(complaint::Column::Id).count(), "handled")
        .column_as(flag(has_closing_event(reader.backend())), "closed")
        .column_as(flag(has_event(&["complaint.reopen"])), "reopened")
        .filter(cond.clone())
        .group_by(complaint::Column::TeamId)
        .group_by(handler())
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
        .column_as(handler(), "handler")
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
        .filter(Expr::col((t, complaint_timer::Column::Kind)).eq(TimerKind::Deadline.as_str()))
        .filter(
            Expr::col((t, complaint_timer::Column::Name))
                .is_in(Purpose::names_where(Purpose::is_response)),
        )
        .group_by(complaint::Column::TeamId)
        .group_by(handler())
        .into_tuple::<Deadlines>()
        .all(db);
    let keys = [
        Expr::col((complaint::Entity, complaint::Column::TeamId)),
        handler(),
    ];
    let days = response_days(reader, &cond, &keys);
    // (team, handler, outcome score, handling score, answers)
    type Scores = (String, Option<String>, i16, i16, i64);
    let scores = survey::Entity::find()
        .select_only()
        .column_as(
            Expr::col((complaint::Entity, complaint::Column::TeamId)),
            "team",
        )
        .column_as(handler(), "handler")
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
        .group_by(handler())
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
        #[expect(
            clippy::as_conversions,
            reason = "business days as f64 for the median: exact below 2^53, far beyond any span stored"
        )]
        let d = *d as f64;
        let count = usize::try_from(n(*count)).unwrap_or(0);
        both(&team, &handler, &|g| {
            g.days.extend(std::iter::repeat_n(d, count));
        });
    }
    for (team, handler, outcome, handling, count) in &scores {
        let count = usize::try_from(n(*count)).unwrap_or(0);
        both(team, handler, &|g| {
            g.outcome
                .extend(std::iter::repeat_n(f64::from(*outcome), count));
            g.handling
                .extend(std::iter::repeat_n(f64::from(*handling), count));
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
pub(super) const RESPONSE_KINDS: [&str; 2] = ["stage_response", "final_response"];

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
pub(super) async fn response_days(
    reader: &Reader<'_>,
    cond: &Condition,
    keys: &[Expr],
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
        select.expr(key.clone());
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
        select.add_group_by([key.clone()]);
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
        select.expr(key.clone());
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
pub(super) struct StoredDays {
    first: NaiveDate,
    last: NaiveDate,
}

/// The days over which complaints were received or answered, `None` when none was received.
/// Each bound is a single-aggregate subquery.
pub(super) async fn stored_days(reader: &Reader<'_>) -> Result<Option<StoredDays>, ApiError> {
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

/// What the figures of [`vulnerable_gap`] mean.
pub fn vulnerable_gap_definitions() -> Vec<Definition> {
    vec![
        def(
            "vulnerable",
            "complaints with a vulnerability recorded at intake or by correction",
        ),
        def(
            "upheld",
            "upheld or partially upheld over complaints with an outcome, per cohort",
        ),
        def(
            "median_business_days_to_response",
            "business days from the day of receipt to the day the first stage or final response was sent, per cohort",
        ),
        def("gaps", "the vulnerable cohort's figure minus the others'"),
    ]
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
