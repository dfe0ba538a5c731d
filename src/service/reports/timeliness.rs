//! Timeliness: targets and deadlines met, extensions, breaches and days to first response.

use super::*;
use crate::domain::deadlines::{TimerKind, TimerState};
use crate::service::stored::stored;

/// Timeliness against targets and deadlines.
#[derive(Debug, Clone, Default)]
pub struct Timeliness {
    pub acknowledged_in_time: Rate,
    pub summary_resolved_in_window: Rate,
    pub responded_in_time: Rate,
    pub extended: Rate,
    pub breaches: u64,
    pub regulatory_breaches: u64,
    pub missed_targets: u64,
    pub lapsed_windows: u64,
    pub responses: u64,
    pub median_business_days_to_response: Option<f64>,
    pub p90_business_days_to_response: Option<f64>,
}

/// The complaint's timers of one kind and state, counted by the database.
#[derive(Debug)]
pub(super) struct TimerGroup {
    purpose: Purpose,
    state: TimerState,
    kind: TimerKind,
    extended: bool,
    n: u64,
}

/// The instant of the complaint's first stage or final response, as a column of a query over
/// complaints: computed per row by the database, so reports read one row per complaint instead
/// of every communication.
pub(super) fn first_response_sent() -> Expr {
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
pub(super) fn has_event(kinds: &[&str]) -> Expr {
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

/// What the figures of [`timeliness`] mean.
pub fn timeliness_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "acknowledged_in_time",
            "acknowledgement timers (deadlines and targets) met over those met, breached or missed (a late acknowledgement counts as not met)",
        ),
        def(
            "summary_resolved_in_window",
            "summary-resolution windows met over those no longer running (met, lapsed, or stopped by a full response)",
        ),
        def(
            "responded_in_time",
            "response deadlines (final_response, response, stage1_response, stage2_response, where a rule sets them) met, i.e. the response was sent at or before the (extended) due instant, over those met or breached; internal targets are not counted",
        ),
        def(
            "extended",
            "response timers with an extension over all response timers",
        ),
        def(
            "breaches",
            "deadlines breached: only a rule's deadline is breached (regulatory_breaches is the same figure, kept for existing clients)",
        ),
        def(
            "missed_targets",
            "internal targets (the organisation's own, never a breach) that passed before they were met",
        ),
        def(
            "lapsed_windows",
            "optional windows (summary resolution) that closed unused; nothing is breached",
        ),
        def(
            "business_days_to_response",
            "business days in the profile's calendar from the day of receipt to the day the first stage or final response was sent; median (mean of the middle two for an even count) and 90th percentile by nearest rank",
        ),
    ]
}

/// The timeliness report: [`timeliness`] over the filter and, with `group_by`, per period.
pub async fn timeliness_report(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Option<Period>,
) -> Result<WithSeries<Timeliness>, ApiError> {
    with_series(reader, actor, f, group_by, |w| async move {
        timeliness(reader, actor, &w).await
    })
    .await
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
        .column(complaint_timer::Column::Kind)
        .column_as(
            Expr::col(complaint_timer::Column::ExtendedDueAt).is_not_null(),
            "extended",
        )
        .column_as(Expr::col(complaint_timer::Column::Id).count(), "n")
        .filter(complaint_timer::Column::ComplaintId.in_subquery(ids()))
        .group_by(complaint_timer::Column::Name)
        .group_by(complaint_timer::Column::State)
        .group_by(complaint_timer::Column::Kind)
        .group_by(Expr::col(complaint_timer::Column::ExtendedDueAt).is_not_null())
        .into_tuple::<(String, String, String, bool, i64)>()
        .all(db);
    let (groups, histogram) = tokio::try_join!(
        async { groups.await.map_err(ApiError::from) },
        response_days(reader, &cond, &[])
    )?;
    let timers: Vec<TimerGroup> = groups
        .into_iter()
        .map(|(name, state, kind, extended, n)| {
            Ok(TimerGroup {
                purpose: stored_purpose(&name)?,
                state: stored("complaint_timers.state", &state)?,
                kind: stored("complaint_timers.kind", &kind)?,
                extended,
                n: u64::try_from(n).unwrap_or(0),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let count = |pred: &dyn Fn(&TimerGroup) -> bool| {
        timers.iter().filter(|t| pred(t)).map(|t| t.n).sum::<u64>()
    };
    use TimerState::{Breached, Lapsed, Met, Missed, Running};
    // A timer that reached its end in time or late; one stopped by another route did neither.
    let ended = |t: &TimerGroup| matches!(t.state, Met | Breached | Missed);
    let deadline = |t: &TimerGroup| t.kind == TimerKind::Deadline;
    let ack = |t: &TimerGroup| t.purpose == Purpose::Acknowledgement;
    let summary = |t: &TimerGroup| t.purpose == Purpose::SummaryWindow;
    let response = |t: &TimerGroup| t.purpose.is_response();

    let mut days = Vec::new();
    for (_, d, n) in &histogram {
        #[expect(
            clippy::as_conversions,
            reason = "business days as f64 for the median and percentile: exact below 2^53, far beyond any span stored"
        )]
        let d = *d as f64;
        days.extend(std::iter::repeat_n(d, usize::try_from(*n).unwrap_or(0)));
    }
    Ok(Timeliness {
        acknowledged_in_time: rate(
            count(&|t| ack(t) && t.state == Met),
            count(&|t| ack(t) && ended(t)),
            MIN_CASES,
        ),
        summary_resolved_in_window: rate(
            count(&|t| summary(t) && t.state == Met),
            count(&|t| summary(t) && t.state != Running),
            MIN_CASES,
        ),
        responded_in_time: rate(
            count(&|t| response(t) && deadline(t) && t.state == Met),
            count(&|t| response(t) && deadline(t) && ended(t)),
            MIN_CASES,
        ),
        extended: rate(
            count(&|t| response(t) && t.extended),
            count(&response),
            MIN_CASES,
        ),
        breaches: count(&|t| t.state == Breached),
        regulatory_breaches: count(&|t| t.state == Breached),
        missed_targets: count(&|t| t.state == Missed),
        lapsed_windows: count(&|t| t.state == Lapsed),
        responses: u64::try_from(days.len()).unwrap_or(u64::MAX),
        median_business_days_to_response: median(&days),
        p90_business_days_to_response: percentile(&days, 90.0),
    })
}
