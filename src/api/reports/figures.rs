//! Service figures turned into report DTOs, the reports shared by a figure and its CSV form,
//! and the per-period series.

use super::*;

pub(super) fn def(name: &str, rule: impl Into<String>) -> dto::Definition {
    dto::Definition {
        name: name.to_owned(),
        rule: rule.into(),
    }
}

pub(super) fn in_scope_definition() -> dto::Definition {
    def(
        "in_scope",
        "complaints in the caller's scope matching the filters, received at or after `from` and before `to`",
    )
}

pub(super) fn person(p: service::PersonFigures) -> dto::PersonRow {
    dto::PersonRow {
        key: p.key,
        handled: p.handled,
        on_time: p.on_time.into(),
        median_business_days_to_response: p.median_business_days_to_response,
        reopened: p.reopened.into(),
        satisfaction_outcome: p.satisfaction_outcome.into(),
        satisfaction_handling: p.satisfaction_handling.into(),
    }
}

pub(super) fn cohort(c: service::Cohort) -> dto::CohortFigures {
    dto::CohortFigures {
        in_scope: c.in_scope,
        upheld: c.upheld.into(),
        responses: c.responses,
        median_business_days_to_response: c.median_business_days_to_response,
    }
}

pub(super) fn fca_figures(f: returns::Figures) -> dto::FcaFigures {
    let of_closed = |n: u64| rate(n, f.closed, MIN_CASES).into();
    dto::FcaFigures {
        outstanding_at_start: f.outstanding_at_start,
        opened: f.opened,
        closed: f.closed,
        closed_within_3_business_days: of_closed(f.closed_within_3_business_days),
        closed_within_8_weeks: of_closed(f.closed_within_8_weeks),
        closed_after_8_weeks: of_closed(f.closed_after_8_weeks),
        upheld: of_closed(f.upheld),
        redress_paid: f
            .redress
            .into_iter()
            .map(|(currency, sum_minor)| dto::MoneyTotal {
                currency,
                sum_minor,
            })
            .collect(),
    }
}

#[expect(
    clippy::as_conversions,
    reason = "the mean payment in f64: exact below 2^53 minor units and answers, far beyond any sum stored"
)]
pub(super) fn paid(p: Paid) -> dto::RedressPaid {
    dto::RedressPaid {
        mean_minor: if p.count == 0 {
            0.0
        } else {
            p.sum_minor as f64 / p.count as f64
        },
        currency: p.currency,
        kind: p.kind,
        count: p.count,
        sum_minor: p.sum_minor,
    }
}

pub(super) async fn outcomes_report(
    reader: &service::Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<dto::OutcomesReport, ApiError> {
    let in_scope = service::in_scope(reader, actor, f).await?;
    let o = service::outcomes(reader, actor, f).await?;
    Ok(dto::OutcomesReport {
        in_scope,
        decided: o.decided,
        by_outcome: o
            .by_outcome
            .into_iter()
            .map(|(outcome, count)| dto::OutcomeCount {
                outcome: outcome.to_owned(),
                count,
            })
            .collect(),
        upheld: o.upheld.into(),
        redress_paid: o.paid.into_iter().map(paid).collect(),
        redress_paid_by_kind: o.paid_by_kind.into_iter().map(paid).collect(),
        series: None,
        period_start: None,
        definitions: vec![
            in_scope_definition(),
            def("decided", "complaints in scope with an outcome recorded"),
            def(
                "upheld",
                format!(
                    "upheld or partially_upheld over decided; not robust below {MIN_CASES} decided complaints"
                ),
            ),
            def(
                "redress_paid",
                "remedies issued in a response, with an amount, settled as completed, on complaints in scope; sums exact in minor units per currency",
            ),
        ],
    })
}

pub(super) async fn timeliness_report(
    reader: &service::Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<dto::TimelinessReport, ApiError> {
    let in_scope = service::in_scope(reader, actor, f).await?;
    let t = service::timeliness(reader, actor, f).await?;
    Ok(dto::TimelinessReport {
        in_scope,
        acknowledged_in_time: t.acknowledged_in_time.into(),
        summary_resolved_in_window: t.summary_resolved_in_window.into(),
        responded_in_time: t.responded_in_time.into(),
        extended: t.extended.into(),
        breaches: t.breaches,
        regulatory_breaches: t.regulatory_breaches,
        responses: t.responses,
        median_business_days_to_response: t.median_business_days_to_response,
        p90_business_days_to_response: t.p90_business_days_to_response,
        series: None,
        period_start: None,
        definitions: vec![
            in_scope_definition(),
            def(
                "acknowledged_in_time",
                "acknowledgement timers met over those met or breached (a late acknowledgement counts as breached)",
            ),
            def(
                "summary_resolved_in_window",
                "summary_resolution timers met over those no longer running (met, breached or stopped by a full response)",
            ),
            def(
                "responded_in_time",
                "regulatory response timers (final_response, response, stage1_response, stage2_response) met, i.e. the response was sent at or before the (extended) due instant, over those met or breached",
            ),
            def(
                "extended",
                "response timers with an extension over all response timers",
            ),
            def(
                "breaches",
                "timers in state breached (regulatory_breaches: regulatory ones only)",
            ),
            def(
                "business_days_to_response",
                "business days in the profile's calendar from the day of receipt to the day the first stage or final response was sent; median (mean of the middle two for an even count) and 90th percentile by nearest rank",
            ),
        ],
    })
}

pub(super) async fn flow_report(
    reader: &service::Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<dto::FlowReport, ApiError> {
    let in_scope = service::in_scope(reader, actor, f).await?;
    let r = service::flow(reader, actor, f).await?;
    Ok(dto::FlowReport {
        in_scope,
        closed_at_stage1: r.closed_at_stage1.into(),
        escalated: r.escalated.into(),
        reopened: r.reopened.into(),
        referred: r.referred.into(),
        overturned: r.overturned.into(),
        series: None,
        period_start: None,
        definitions: vec![
            in_scope_definition(),
            def(
                "closed_at_stage1",
                "complaints now closed at stage 1 over complaints now closed",
            ),
            def(
                "escalated",
                "complaints with an escalation to stage 2 over complaints with an outcome",
            ),
            def(
                "reopened",
                "complaints with a reopen event over complaints with any closing event",
            ),
            def(
                "referred",
                "complaints referred to an ombudsman or scheme over complaints with an outcome",
            ),
            def(
                "overturned",
                "scheme decisions upheld or partially upheld where our outcome was neither, over scheme decisions recorded",
            ),
        ],
    })
}

pub(super) async fn satisfaction_report(
    reader: &service::Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<dto::SatisfactionReport, ApiError> {
    let in_scope = service::in_scope(reader, actor, f).await?;
    let r = service::satisfaction(reader, actor, f).await?;
    let scores = |counts: [u64; 5]| {
        (1i16..)
            .zip(counts)
            .map(|(score, count)| dto::ScoreCount { score, count })
            .collect()
    };
    Ok(dto::SatisfactionReport {
        in_scope,
        invited: r.invited,
        response_rate: r.response_rate.into(),
        outcome: r.outcome.into(),
        handling: r.handling.into(),
        outcome_scores: scores(r.outcome_scores),
        handling_scores: scores(r.handling_scores),
        min_cases: MIN_CASES,
        series: None,
        period_start: None,
        definitions: vec![
            in_scope_definition(),
            def(
                "invited",
                "survey invitations created for complaints in scope, replaced ones included",
            ),
            def(
                "response_rate",
                "answered invitations over invitations no longer open (answered, expired or replaced)",
            ),
            def(
                "outcome, handling",
                "mean of the answered scores (1 very dissatisfied to 5 very satisfied); every answer counts once",
            ),
        ],
    })
}

/// A report that can stand for one period of a series.
pub(super) trait Periodic {
    /// This report as the period starting on `start`: definitions are given once, on the whole.
    fn for_period(self, start: NaiveDate) -> Self;
}

macro_rules! periodic {
    ($($t:ty),*) => {$(
        impl Periodic for $t {
            fn for_period(mut self, start: NaiveDate) -> Self {
                self.period_start = Some(IsoDate(start));
                self.definitions = Vec::new();
                self
            }
        }
    )*};
}

periodic!(
    dto::TimelinessReport,
    dto::FlowReport,
    dto::OutcomesReport,
    dto::SatisfactionReport
);

/// Periods a series may have, so a request cannot ask for thousands of reports in one.
pub(super) const MAX_PERIODS: usize = 400;

/// With `group_by`, the report built by `build` for each period of the filter's range.
pub(super) async fn series<T, F, Fut>(
    f: &Filter,
    group_by: Option<dto::GroupBy>,
    build: F,
) -> Result<Option<Vec<T>>, ApiError>
where
    T: Periodic,
    F: Fn(Filter) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let Some(group_by) = group_by else {
        return Ok(None);
    };
    let from = f
        .from
        .ok_or_else(|| ApiError::invalid_field("from", "a series needs `from` and `to`"))?;
    let to =
        f.to.ok_or_else(|| ApiError::invalid_field("to", "a series needs `from` and `to`"))?;
    let windows = stats::windows(from, to, period_of(group_by), MAX_PERIODS).ok_or_else(|| {
        ApiError::invalid_field(
            "group_by",
            format!(
                "a series has at most {MAX_PERIODS} periods; choose a longer period or a shorter range"
            ),
        )
    })?;
    let mut out = Vec::with_capacity(windows.len());
    for (start, begin, end) in windows {
        let window = Filter {
            from: Some(begin),
            to: Some(end),
            ..f.clone()
        };
        out.push(build(window).await?.for_period(start));
    }
    Ok(Some(out))
}

pub(super) fn period_of(g: dto::GroupBy) -> Period {
    match g {
        dto::GroupBy::Day => Period::Day,
        dto::GroupBy::Week => Period::Week,
        dto::GroupBy::Month => Period::Month,
    }
}

/// The report's filter; its period must lie inside the instants any complaint can have (see
/// `instants::period`), `from` before `to`.
#[allow(clippy::too_many_arguments)]
pub(super) fn filter(
    now: DateTime<Utc>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    team: Option<String>,
    agent: Option<String>,
    product: Option<String>,
    channel: Option<dto::Channel>,
    profile: Option<dto::Profile>,
    vulnerable: Option<bool>,
) -> Result<Filter, ApiError> {
    instants::period(("from", from), ("to", to), now)?;
    Ok(Filter {
        from: from.map(clamp_instant),
        to: to.map(clamp_instant),
        team,
        agent,
        product,
        channel: channel.map(|c| crate::domain::case::complaint::Channel::from(c).as_str()),
        profile: profile.map(|p| crate::domain::case::complaint::Profile::from(p).as_str()),
        vulnerable,
    })
}
