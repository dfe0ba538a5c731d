//! Service figures turned into report DTOs, and the per-period series turned into the
//! reports' `series`.

use super::*;

pub(super) fn definitions(d: Vec<service::Definition>) -> Vec<dto::Definition> {
    d.into_iter()
        .map(|d| dto::Definition {
            name: d.name.to_owned(),
            rule: d.rule,
        })
        .collect()
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

pub(super) fn outcomes_dto(s: service::Scoped<service::Outcomes>) -> dto::OutcomesReport {
    let o = s.figures;
    dto::OutcomesReport {
        in_scope: s.in_scope,
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
        referral_decided: o.referral_decided,
        by_referral_outcome: o
            .by_referral_outcome
            .into_iter()
            .map(|(outcome, count)| dto::OutcomeCount {
                outcome: outcome.to_owned(),
                count,
            })
            .collect(),
        ombudsman_redress_paid: o.ordered_paid.into_iter().map(paid).collect(),
        series: None,
        period_start: None,
        definitions: Vec::new(),
    }
}

pub(super) fn timeliness_dto(s: service::Scoped<service::Timeliness>) -> dto::TimelinessReport {
    let t = s.figures;
    dto::TimelinessReport {
        in_scope: s.in_scope,
        acknowledged_in_time: t.acknowledged_in_time.into(),
        summary_resolved_in_window: t.summary_resolved_in_window.into(),
        responded_in_time: t.responded_in_time.into(),
        extended: t.extended.into(),
        breaches: t.breaches,
        regulatory_breaches: t.regulatory_breaches,
        missed_targets: t.missed_targets,
        lapsed_windows: t.lapsed_windows,
        responses: t.responses,
        median_business_days_to_response: t.median_business_days_to_response,
        p90_business_days_to_response: t.p90_business_days_to_response,
        series: None,
        period_start: None,
        definitions: Vec::new(),
    }
}

pub(super) fn flow_dto(s: service::Scoped<service::Flow>) -> dto::FlowReport {
    let r = s.figures;
    dto::FlowReport {
        in_scope: s.in_scope,
        closed_at_stage1: r.closed_at_stage1.into(),
        escalated: r.escalated.into(),
        reopened: r.reopened.into(),
        referred: r.referred.into(),
        overturned: r.overturned.into(),
        series: None,
        period_start: None,
        definitions: Vec::new(),
    }
}

pub(super) fn satisfaction_dto(
    s: service::Scoped<service::Satisfaction>,
) -> dto::SatisfactionReport {
    let r = s.figures;
    let scores = |counts: [u64; 5]| {
        (1i16..)
            .zip(counts)
            .map(|(score, count)| dto::ScoreCount { score, count })
            .collect()
    };
    dto::SatisfactionReport {
        in_scope: s.in_scope,
        invited: r.invited,
        response_rate: r.response_rate.into(),
        outcome: r.outcome.into(),
        handling: r.handling.into(),
        outcome_scores: scores(r.outcome_scores),
        handling_scores: scores(r.handling_scores),
        min_cases: MIN_CASES,
        series: None,
        period_start: None,
        definitions: Vec::new(),
    }
}

/// A report that has a series of itself.
pub(super) trait Periodic: Sized {
    /// This report as the period starting on `start`.
    fn for_period(self, start: NaiveDate) -> Self;
    /// This report as the whole, with its series and definitions: definitions are given once,
    /// on the whole.
    fn whole(self, series: Option<Vec<Self>>, definitions: Vec<dto::Definition>) -> Self;
}

macro_rules! periodic {
    ($($t:ty),*) => {$(
        impl Periodic for $t {
            fn for_period(mut self, start: NaiveDate) -> Self {
                self.period_start = Some(IsoDate(start));
                self
            }

            fn whole(mut self, series: Option<Vec<Self>>, definitions: Vec<dto::Definition>) -> Self {
                self.series = series;
                self.definitions = definitions;
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

/// The DTO of a report and its series, each figure set turned into a report by `report`.
pub(super) fn with_series<T, R: Periodic>(
    r: service::WithSeries<T>,
    defs: Vec<service::Definition>,
    report: impl Fn(service::Scoped<T>) -> R,
) -> R {
    let series = r.series.map(|periods| {
        periods
            .into_iter()
            .map(|(start, s)| report(s).for_period(start))
            .collect()
    });
    report(r.whole).whole(series, definitions(defs))
}

pub(super) fn period_of(g: dto::GroupBy) -> Period {
    match g {
        dto::GroupBy::Day => Period::Day,
        dto::GroupBy::Week => Period::Week,
        dto::GroupBy::Month => Period::Month,
    }
}

/// The report's filter; its period must lie inside the instants any complaint can have (see
/// `instants::period`), `from` before `to`, and its product must be in the catalogue.
#[allow(clippy::too_many_arguments)]
pub(super) async fn filter(
    state: &AppState,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    team: Option<String>,
    agent: Option<String>,
    product: Option<String>,
    channel: Option<dto::Channel>,
    profile: Option<dto::Profile>,
    vulnerable: Option<bool>,
) -> Result<Filter, ApiError> {
    instants::period(("from", from), ("to", to), state.clock.now())?;
    if let Some(p) = &product {
        taxonomy::check_product(&state.db.conn, "product", p).await?;
    }
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
