//! Request and response bodies of satisfaction surveys, the satisfaction report and the
//! regulatory return.

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use crate::api::kit::strict::{NoNull, StrictString};
use crate::domain::improvement::stats::Mean;

/// A new survey invitation. The token is shown here once and cannot be read again: send the
/// link to the complainant now.
#[derive(Object, Debug)]
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
pub struct SurveyList {
    /// The invitations.
    pub items: Vec<SurveyRecord>,
}

/// The complainant's answer to a satisfaction survey.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
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
pub struct SatisfactionReport {
    /// Complaints received in the period that match the filters.
    pub in_scope: u64,
    /// Survey invitations sent for them.
    pub invited: u64,
    /// Answered invitations over invitations no longer open (answered, expired or replaced).
    pub response_rate: crate::api::dto::rca::RateFigure,
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
    pub definitions: Vec<crate::api::dto::rca::Definition>,
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
    pub closed_within_3_business_days: crate::api::dto::rca::RateFigure,
    /// Closed after three business days but within eight weeks of receipt, of those closed.
    pub closed_within_8_weeks: crate::api::dto::rca::RateFigure,
    /// Closed more than eight weeks after receipt, of those closed.
    pub closed_after_8_weeks: crate::api::dto::rca::RateFigure,
    /// Upheld (partially upheld counts as upheld), of those closed.
    pub upheld: crate::api::dto::rca::RateFigure,
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
    pub definitions: Vec<crate::api::dto::rca::Definition>,
}
