//! Management information: every report's figures and definitions, satisfaction surveys and
//! the regulatory return.

use super::*;

/// A new survey invitation. The token is shown here once and cannot be read again: send the
/// link to the complainant now.
#[derive(Object, Debug)]
#[oai(example)]
pub struct SurveyInvitation {
    /// Survey id.
    pub id: Uuid,
    /// The single-use link token (43 URL-safe characters).
    pub token: String,
    /// Where the complainant's answer goes: `POST` to this path with a `Feedback` body.
    pub answer_path: String,
    /// The link stops working at this instant.
    pub expires_at: DateTime<Utc>,
}

/// Where a survey stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SurveyStatus {
    /// Waiting for the complainant.
    Open,
    /// Answered.
    Answered,
    /// Not answered before it expired.
    Expired,
    /// Replaced by a newer invitation before it was answered.
    Replaced,
}

/// A survey invitation and its answer (the token itself is never shown again).
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct SurveyRecord {
    /// Survey id.
    pub id: Uuid,
    /// Where it stands.
    pub status: SurveyStatus,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Who created it.
    pub created_by: String,
    /// When the link stops (or stopped) working.
    pub expires_at: DateTime<Utc>,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// Satisfaction with the outcome, 1 (very dissatisfied) to 5 (very satisfied).
    pub outcome_score: Option<i16>,
    /// Satisfaction with how the complaint was handled, 1 to 5.
    pub handling_score: Option<i16>,
    /// The complainant's comment.
    pub comment: Option<String>,
}

/// A complaint's survey invitations, newest first.
#[derive(Object, Debug)]
#[oai(example)]
pub struct SurveyList {
    /// The invitations.
    pub items: Vec<SurveyRecord>,
}

/// The complainant's answer to a satisfaction survey.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct Feedback {
    /// Satisfaction with the outcome, 1 (very dissatisfied) to 5 (very satisfied).
    #[oai(validator(minimum(value = "1"), maximum(value = "5")))]
    pub outcome_score: i16,
    /// Satisfaction with how the complaint was handled, 1 to 5.
    #[oai(validator(minimum(value = "1"), maximum(value = "5")))]
    pub handling_score: i16,
    /// Anything the complainant wants to add.
    #[oai(validator(max_length = 2000))]
    pub comment: NoNull<StrictString>,
}

/// A mean score with the answers behind it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct MeanFigure {
    /// Answers the mean is over.
    pub count: u64,
    /// The mean score (1 to 5); absent with no answers.
    pub mean: Option<f64>,
    /// Built on at least `min_cases` answers; a mean of fewer is noisy.
    pub robust: bool,
}

impl From<Mean> for MeanFigure {
    fn from(m: Mean) -> Self {
        MeanFigure {
            count: m.count,
            mean: m.mean,
            robust: m.robust,
        }
    }
}

/// How many answers gave one score.
#[derive(Object, Debug)]
pub struct ScoreCount {
    /// The score, 1 to 5.
    pub score: i16,
    /// Answers giving it.
    pub count: u64,
}

/// Customer satisfaction from the surveys of complaints received in the period.
#[derive(Object, Debug)]
#[oai(example)]
pub struct SatisfactionReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Survey invitations sent for them.
    pub invited: u64,
    /// Answered invitations over invitations no longer open (answered, expired or replaced).
    pub response_rate: RateFigure,
    /// Satisfaction with the outcome.
    pub outcome: MeanFigure,
    /// Satisfaction with the handling.
    pub handling: MeanFigure,
    /// Outcome scores, 1 to 5.
    pub outcome_scores: Vec<ScoreCount>,
    /// Handling scores, 1 to 5.
    pub handling_scores: Vec<ScoreCount>,
    /// Means on fewer answers than this are flagged `robust: false`.
    pub min_cases: u64,
    /// With `group_by`: the same figures per period of `from`..`to`, oldest first (each
    /// with its `period_start` and no definitions).
    #[oai(skip_serializing_if_is_none)]
    pub series: Option<Vec<SatisfactionReport>>,
    /// On a period of a `series`: its first day (weeks start on Monday, UTC).
    #[oai(skip_serializing_if_is_none)]
    pub period_start: Option<crate::api::kit::strict::IsoDate>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// Money paid in one currency.
#[derive(Object, Debug)]
pub struct MoneyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// Exact total in minor units.
    pub sum_minor: i64,
}

/// The figures of one line of the FCA complaints return.
#[derive(Object, Debug)]
pub struct FcaFigures {
    /// Complaints open at the start of the period.
    pub outstanding_at_start: u64,
    /// Complaints received in the period.
    pub opened: u64,
    /// Complaints closed in the period.
    pub closed: u64,
    /// Closed by the close of the third business day after receipt, of those closed.
    pub closed_within_3_business_days: RateFigure,
    /// Closed after three business days but within eight weeks of receipt, of those closed.
    pub closed_within_8_weeks: RateFigure,
    /// Closed more than eight weeks after receipt, of those closed.
    pub closed_after_8_weeks: RateFigure,
    /// Upheld (partially upheld counts as upheld), of those closed.
    pub upheld: RateFigure,
    /// Redress paid on the complaints closed, per currency.
    pub redress_paid: Vec<MoneyTotal>,
}

/// One product grouping and main cause of the return.
#[derive(Object, Debug)]
pub struct FcaReturnRow {
    /// The return's product or service grouping.
    pub product_grouping: String,
    /// The return's main cause; absent on the per-grouping lines.
    #[oai(skip_serializing_if_is_none)]
    pub main_cause: Option<String>,
    /// Its figures.
    pub figures: FcaFigures,
}

/// The FCA complaints return (DISP 1 Annex 1R shape) for a reporting period.
#[derive(Object, Debug)]
#[oai(example)]
pub struct FcaReturn {
    /// First day of the period.
    pub period_start: crate::api::kit::strict::IsoDate,
    /// Last day of the period (inclusive).
    pub period_end: crate::api::kit::strict::IsoDate,
    /// Complaints on the return: open at the start, opened or closed in the period.
    pub in_scope: u64,
    /// True when there is nothing to report (a nil return).
    pub nil_return: bool,
    /// Per product grouping and main cause; lines with nothing to report are left out.
    pub rows: Vec<FcaReturnRow>,
    /// Per product grouping.
    pub by_product_grouping: Vec<FcaReturnRow>,
    /// The whole return.
    pub totals: FcaFigures,
    /// How complaints map to the return, and how each figure is computed.
    pub definitions: Vec<Definition>,
}

/// A rate with the counts behind it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RateFigure {
    /// Cases meeting the condition.
    pub numerator: u64,
    /// Cases the rate is over.
    pub denominator: u64,
    /// In percent; absent with no cases.
    pub percent: Option<f64>,
    /// Built on at least `min_cases` cases; a rate on fewer is noisy.
    pub robust: bool,
}

impl From<crate::domain::improvement::stats::Rate> for RateFigure {
    fn from(r: crate::domain::improvement::stats::Rate) -> Self {
        RateFigure {
            numerator: r.numerator,
            denominator: r.denominator,
            percent: r.percent,
            robust: r.robust,
        }
    }
}

/// How a figure is defined.
#[derive(Object, Debug)]
pub struct Definition {
    /// The figure.
    pub name: String,
    /// The rule that computes it.
    pub rule: String,
}

/// The grouping of a time series.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum GroupBy {
    Day,
    Week,
    Month,
}

/// A period of a time series.
#[derive(Object, Debug)]
pub struct VolumePoint {
    /// First day of the period (weeks start on Monday).
    pub period_start: IsoDate,
    /// Complaints received in it.
    pub received: u64,
    /// Complaints closed in it.
    pub closed: u64,
    /// Regulatory timers breached in it.
    pub breached: u64,
}

/// Open complaints of one age.
#[derive(Object, Debug)]
pub struct AgeingBucket {
    /// Business days since receipt: `0-3`, `4-15`, `16-40`, `40+`.
    pub bucket: String,
    /// Open complaints of that age.
    pub count: u64,
}

/// Volumes: received, closed, open with ageing.
#[derive(Object, Debug)]
#[oai(example)]
pub struct VolumesReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Received in the period.
    pub received: u64,
    /// Closed in the period.
    pub closed: u64,
    /// Regulatory timers breached in the period.
    pub breached: u64,
    /// Open now.
    pub open: u64,
    /// Open now, by business days since receipt.
    pub ageing: Vec<AgeingBucket>,
    /// Received, closed and breached per period.
    pub series: Vec<VolumePoint>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// A count for one outcome.
#[derive(Object, Debug)]
pub struct OutcomeCount {
    /// The outcome.
    pub outcome: String,
    /// Complaints with it.
    pub count: u64,
}

/// Redress paid in one currency (and remedy type).
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RedressPaid {
    /// ISO 4217 currency.
    pub currency: String,
    /// The remedy type, in the by-type list.
    pub kind: Option<String>,
    /// Remedies paid.
    pub count: u64,
    /// Total, exact, in minor units.
    pub sum_minor: i64,
    /// Mean per remedy in minor units (a decimal).
    pub mean_minor: f64,
}

/// Outcomes and redress.
#[derive(Object, Debug)]
#[oai(example)]
pub struct OutcomesReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Of those, the ones with a finding.
    pub decided: u64,
    /// Counts by outcome.
    pub by_outcome: Vec<OutcomeCount>,
    /// Upheld or partially upheld, of those decided.
    pub upheld: RateFigure,
    /// The firm's own redress paid, by currency.
    pub redress_paid: Vec<RedressPaid>,
    /// The firm's own redress paid, by currency and remedy type.
    pub redress_paid_by_kind: Vec<RedressPaid>,
    /// Complaints with an ombudsman's or scheme's decision recorded.
    pub referral_decided: u64,
    /// Counts by the scheme's decision (`upheld`, `partially_upheld`, `not_upheld`,
    /// `settled`, `withdrawn`), beside the firm's own `by_outcome`.
    pub by_referral_outcome: Vec<OutcomeCount>,
    /// Redress an ombudsman or scheme ordered and the firm paid, by currency (not part of
    /// `redress_paid`).
    pub ombudsman_redress_paid: Vec<RedressPaid>,
    /// With `group_by`: the same figures per period of `from`..`to`, oldest first (each
    /// with its `period_start` and no definitions).
    #[oai(skip_serializing_if_is_none)]
    pub series: Option<Vec<OutcomesReport>>,
    /// On a period of a `series`: its first day (weeks start on Monday, UTC).
    #[oai(skip_serializing_if_is_none)]
    pub period_start: Option<crate::api::kit::strict::IsoDate>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// The level of a root-cause Pareto.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CauseLevel {
    /// Groups (PEO, PRC, ...).
    L1,
    /// Codes (PRC.HANDOFF, ...).
    L2,
}

/// One bar of the Pareto chart.
#[derive(Object, Debug)]
pub struct ParetoBar {
    /// The cause (code or group).
    pub cause: String,
    /// Complaints.
    pub count: u64,
    /// Its share, percent.
    pub share_percent: f64,
    /// Running share, percent, largest first.
    pub cumulative_percent: f64,
}

/// The root-cause Pareto.
#[derive(Object, Debug)]
#[oai(example)]
pub struct ParetoReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Of those, the ones counted (with a primary cause; upheld only if asked).
    pub classified: u64,
    /// Bars, largest first.
    pub items: Vec<ParetoBar>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// Timeliness against targets and regulatory deadlines.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct TimelinessReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Acknowledgements sent in time, of those met, breached or missed.
    pub acknowledged_in_time: RateFigure,
    /// Summary-resolution windows met, of those that ended.
    pub summary_resolved_in_window: RateFigure,
    /// Response deadlines met, of those met or breached (internal targets are not counted).
    pub responded_in_time: RateFigure,
    /// Response timers extended, of all response timers.
    pub extended: RateFigure,
    /// Deadlines breached. Only a rule's deadline is breached: internal targets are missed
    /// and optional windows lapse, each counted on its own.
    pub breaches: u64,
    /// The same figure as `breaches` (every breach is of a regulatory deadline); kept for
    /// existing clients.
    #[oai(deprecated)]
    pub regulatory_breaches: u64,
    /// Internal targets missed: the organisation's own, never a breach.
    pub missed_targets: u64,
    /// Optional windows (summary resolution) that closed unused.
    pub lapsed_windows: u64,
    /// Complaints with a response sent.
    pub responses: u64,
    /// Median business days from receipt to the first response sent.
    pub median_business_days_to_response: Option<f64>,
    /// 90th percentile (nearest rank) of the same.
    pub p90_business_days_to_response: Option<f64>,
    /// With `group_by`: the same figures per period of `from`..`to`, oldest first (each
    /// with its `period_start` and no definitions).
    #[oai(skip_serializing_if_is_none)]
    pub series: Option<Vec<TimelinessReport>>,
    /// On a period of a `series`: its first day (weeks start on Monday, UTC).
    #[oai(skip_serializing_if_is_none)]
    pub period_start: Option<crate::api::kit::strict::IsoDate>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// How complaints flowed through the procedure.
#[derive(Object, Debug)]
#[oai(example)]
pub struct FlowReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Closed complaints closed at stage 1.
    pub closed_at_stage1: RateFigure,
    /// Complaints escalated to stage 2, of those with a finding.
    pub escalated: RateFigure,
    /// Complaints reopened, of those ever closed.
    pub reopened: RateFigure,
    /// Complaints referred to an ombudsman or scheme, of those with a finding.
    pub referred: RateFigure,
    /// Scheme decisions finding fault where ours did not, of the decisions recorded.
    pub overturned: RateFigure,
    /// With `group_by`: the same figures per period of `from`..`to`, oldest first (each
    /// with its `period_start` and no definitions).
    #[oai(skip_serializing_if_is_none)]
    pub series: Option<Vec<FlowReport>>,
    /// On a period of a `series`: its first day (weeks start on Monday, UTC).
    #[oai(skip_serializing_if_is_none)]
    pub period_start: Option<crate::api::kit::strict::IsoDate>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// Items in one state.
#[derive(Object, Debug)]
pub struct StateCount {
    /// The state.
    pub state: String,
    /// Items in it.
    pub count: u64,
}

/// The improvement backlog in figures.
#[derive(Object, Debug)]
#[oai(example)]
pub struct BacklogReport {
    /// Items by state.
    pub by_state: Vec<StateCount>,
    /// Open tasks past their due date.
    pub overdue_tasks: u64,
    /// Items whose last check judged the fix effective, of the items checked.
    pub effective: RateFigure,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// One team's or handler's figures.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct PersonRow {
    /// The team key or the handler's token subject.
    pub key: String,
    /// Complaints received in the period (assigned to the handler, or of the team).
    pub handled: u64,
    /// Response deadlines met, of those met or breached (internal targets are not counted).
    pub on_time: RateFigure,
    /// Median business days from receipt to the first response sent.
    pub median_business_days_to_response: Option<f64>,
    /// Complaints reopened, of those ever closed.
    pub reopened: RateFigure,
    /// Survey satisfaction with the outcome, 1 to 5.
    pub satisfaction_outcome: MeanFigure,
    /// Survey satisfaction with the handling, 1 to 5.
    pub satisfaction_handling: MeanFigure,
}

/// Team and handler performance.
#[derive(Object, Debug)]
#[oai(example)]
pub struct PeopleReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Per team.
    pub teams: Vec<PersonRow>,
    /// Per handler: the one who sent a complaint's latest response, or, before any, the one
    /// assigned now.
    pub handlers: Vec<PersonRow>,
    /// Rates on fewer cases than this are flagged `robust: false`.
    pub min_cases: u64,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}

/// One cohort of the vulnerable-customer gap.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CohortFigures {
    /// Complaints received in the period in the cohort.
    pub in_scope: u64,
    /// Upheld or partially upheld, of those decided.
    pub upheld: RateFigure,
    /// Complaints with a response sent.
    pub responses: u64,
    /// Median business days from receipt to the first response.
    pub median_business_days_to_response: Option<f64>,
}

/// The vulnerable-customer gap.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct VulnerableGapReport {
    /// Complaints from customers with a recorded vulnerability.
    pub vulnerable: CohortFigures,
    /// The others.
    pub others: CohortFigures,
    /// Vulnerable minus others, percentage points (absent when either has no decided case).
    pub upheld_gap_points: Option<f64>,
    /// Vulnerable minus others, business days (absent when either has no response).
    pub median_days_gap: Option<f64>,
    /// How each figure is computed.
    pub definitions: Vec<Definition>,
}
