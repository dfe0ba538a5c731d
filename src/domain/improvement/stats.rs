//! Statistics for management information: shares with the counts behind them, percentiles,
//! Pareto cumulative shares and period buckets. Plain functions over plain numbers.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// A rate with the counts it is built on, flagged when there are too few cases to rely on.
/// The default is the rate over no cases.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
    /// `numerator / denominator` in percent; `None` with no cases.
    pub percent: Option<f64>,
    /// Built on at least the configured minimum of cases.
    pub robust: bool,
}

/// `numerator` out of `denominator`, robust from `min_cases` cases.
#[expect(
    clippy::as_conversions,
    reason = "a share of counts in f64: exact below 2^53, far beyond any count of complaints"
)]
pub fn rate(numerator: u64, denominator: u64, min_cases: u64) -> Rate {
    Rate {
        numerator,
        denominator,
        percent: (denominator > 0).then(|| 100.0 * numerator as f64 / denominator as f64),
        robust: denominator >= min_cases.max(1),
    }
}

/// A mean score with the number of answers it is built on, flagged when there are too few.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mean {
    pub count: u64,
    /// `None` with no answers.
    pub mean: Option<f64>,
    /// Built on at least the configured minimum of answers.
    pub robust: bool,
}

/// The mean of `values`, robust from `min_cases` values.
#[expect(
    clippy::as_conversions,
    reason = "the count of values as the f64 divisor: exact below 2^53, far beyond any count of answers"
)]
pub fn mean(values: &[f64], min_cases: u64) -> Mean {
    let count = u64::try_from(values.len()).unwrap_or(u64::MAX);
    Mean {
        count,
        mean: (count > 0).then(|| values.iter().sum::<f64>() / count as f64),
        robust: count >= min_cases.max(1),
    }
}

/// The nearest-rank percentile (`p` in 0..=100) of `values`: the smallest value with at least
/// `p` % of the values at or below it. `None` for no values.
#[expect(
    clippy::as_conversions,
    reason = "the nearest rank is a product in f64 rounded up (f64 to usize has no conversion but `as`, which saturates); the rank is clamped to the values"
)]
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p.clamp(0.0, 100.0) / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// The median as the mean of the two middle values for an even count.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let upper = *sorted.get(n / 2)?;
    Some(if n % 2 == 1 {
        upper
    } else {
        (*sorted.get(n / 2 - 1)? + upper) / 2.0
    })
}

/// One bar of a Pareto chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ParetoRow {
    pub key: String,
    pub count: u64,
    pub share_percent: f64,
    pub cumulative_percent: f64,
}

/// Sorts counts largest first (ties by key) and adds each one's share and the running total.
#[expect(
    clippy::as_conversions,
    reason = "shares of counts in f64: exact below 2^53, far beyond any count of complaints"
)]
pub fn pareto(counts: Vec<(String, u64)>) -> Vec<ParetoRow> {
    let mut counts = counts;
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: u64 = counts.iter().map(|c| c.1).sum();
    let mut running = 0;
    counts
        .into_iter()
        .map(|(key, count)| {
            running += count;
            let pct = |n: u64| {
                if total == 0 {
                    0.0
                } else {
                    100.0 * n as f64 / total as f64
                }
            };
            ParetoRow {
                key,
                count,
                share_percent: pct(count),
                cumulative_percent: pct(running),
            }
        })
        .collect()
}

/// How reports group by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    /// ISO weeks, starting Monday.
    Week,
    Month,
}

/// The first day of the period that contains `at` (UTC).
pub fn period_start(at: DateTime<Utc>, period: Period) -> NaiveDate {
    let d = at.date_naive();
    match period {
        Period::Day => d,
        Period::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Period::Month => d.with_day(1).unwrap_or(d),
    }
}

/// One period of a series: its first day, and the instants it covers, `[start, end)`.
pub type Window = (NaiveDate, DateTime<Utc>, DateTime<Utc>);

/// The periods covering `[from, to)`, each clipped to it: `(period start, window start,
/// window end)`. The first and last may be partial. `None` when there would be more than
/// `max`: the walk stops there, so a long range costs no more than a short one.
pub fn windows(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    period: Period,
    max: usize,
) -> Option<Vec<Window>> {
    let mut out = Vec::new();
    let mut start = period_start(from, period);
    while start.and_time(chrono::NaiveTime::MIN).and_utc() < to {
        if out.len() == max {
            return None;
        }
        let next = match period {
            Period::Day => start + Duration::days(1),
            Period::Week => start + Duration::days(7),
            Period::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(start + Duration::days(31)),
        };
        let begin = start.and_time(chrono::NaiveTime::MIN).and_utc().max(from);
        let end = next.and_time(chrono::NaiveTime::MIN).and_utc().min(to);
        out.push((start, begin, end));
        start = next;
    }
    Some(out)
}

/// The most days a report's business-day table covers (ten years and a little): the table a
/// report sends its database is one entry per day and profile, so its size is bounded here
/// rather than by whatever dates are stored.
pub const MAX_TABLE_DAYS: i64 = 3660;

/// The days a report's business-day table covers: from `first`, the first day stored, to
/// `today`; never more than [`MAX_TABLE_DAYS`] days, and never beyond `today` (nothing can be
/// sent later). `None` when nothing is stored. A day outside the table is counted without it.
pub fn table_days(first: Option<NaiveDate>, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = first?
        .max(today - Duration::days(MAX_TABLE_DAYS - 1))
        .min(today);
    Some((first, today))
}

/// The ageing bucket of an open complaint, by business days since receipt.
pub fn ageing_bucket(business_days: u32) -> &'static str {
    match business_days {
        0..=3 => "0-3",
        4..=15 => "4-15",
        16..=40 => "16-40",
        _ => "40+",
    }
}

/// The buckets in order.
pub const AGEING_BUCKETS: [&str; 4] = ["0-3", "4-15", "16-40", "40+"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::t;

    #[test]
    fn rates_carry_their_counts_and_flag_small_samples() {
        assert_eq!(
            rate(3, 4, 30),
            Rate {
                numerator: 3,
                denominator: 4,
                percent: Some(75.0),
                robust: false
            }
        );
        assert!(rate(15, 30, 30).robust);
        assert_eq!(rate(0, 0, 30).percent, None);
    }

    #[test]
    fn means_carry_their_answer_count_and_flag_small_samples() {
        assert_eq!(
            mean(&[], 2),
            Mean {
                count: 0,
                mean: None,
                robust: false
            }
        );
        assert_eq!(
            mean(&[5.0, 4.0, 3.0], 3),
            Mean {
                count: 3,
                mean: Some(4.0),
                robust: true
            }
        );
        assert!(!mean(&[1.0, 2.0], 3).robust);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let v = [15.0, 20.0, 35.0, 40.0, 50.0];
        // (p, want): nearest rank ceil(p/100 * n).
        for (p, want) in [
            (0.0, 15.0),
            (30.0, 20.0),
            (40.0, 20.0),
            (50.0, 35.0),
            (90.0, 50.0),
            (100.0, 50.0),
        ] {
            assert_eq!(percentile(&v, p), Some(want), "p{p}");
        }
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn pareto_sorts_largest_first_and_accumulates() {
        let rows = pareto(vec![("B".into(), 2), ("A".into(), 6), ("C".into(), 2)]);
        let keys: Vec<_> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["A", "B", "C"]);
        assert_eq!(rows[0].share_percent, 60.0);
        assert_eq!(rows[1].cumulative_percent, 80.0);
        assert_eq!(rows[2].cumulative_percent, 100.0);
        assert!(pareto(Vec::new()).is_empty());
    }

    #[test]
    fn periods_start_on_the_day_the_monday_or_the_first() {
        let at = t("2026-11-26T15:00:00Z"); // a Thursday
        assert_eq!(period_start(at, Period::Day).to_string(), "2026-11-26");
        assert_eq!(period_start(at, Period::Week).to_string(), "2026-11-23");
        assert_eq!(period_start(at, Period::Month).to_string(), "2026-11-01");
    }

    #[test]
    fn windows_cover_the_range_clipped_at_both_ends() {
        let w = windows(
            t("2026-11-04T12:00:00Z"),
            t("2026-12-02T00:00:00Z"),
            Period::Month,
            400,
        )
        .expect("fewer than 400 periods");
        assert_eq!(
            w,
            vec![
                (
                    t("2026-11-01T00:00:00Z").date_naive(),
                    t("2026-11-04T12:00:00Z"),
                    t("2026-12-01T00:00:00Z")
                ),
                (
                    t("2026-12-01T00:00:00Z").date_naive(),
                    t("2026-12-01T00:00:00Z"),
                    t("2026-12-02T00:00:00Z")
                ),
            ]
        );
        let weeks = windows(
            t("2026-11-01T00:00:00Z"),
            t("2026-12-01T00:00:00Z"),
            Period::Week,
            400,
        )
        .expect("fewer than 400 periods");
        assert_eq!(weeks.len(), 6, "26 Oct to 30 Nov, Mondays");
        assert_eq!(weeks[0].1, t("2026-11-01T00:00:00Z"));
        assert!(
            windows(
                t("2026-11-01T00:00:00Z"),
                t("2026-11-01T00:00:00Z"),
                Period::Day,
                400,
            )
            .is_some_and(|w| w.is_empty())
        );
        // Six weeks do not fit in five; a range of millennia stops as soon as the cap is met.
        assert_eq!(
            windows(
                t("2026-11-01T00:00:00Z"),
                t("2026-12-01T00:00:00Z"),
                Period::Week,
                5,
            ),
            None
        );
        assert_eq!(
            windows(
                t("0001-01-01T00:00:00Z"),
                t("9999-12-31T00:00:00Z"),
                Period::Day,
                400,
            ),
            None
        );
    }

    #[test]
    fn a_table_runs_from_the_first_day_stored_to_today_within_its_cap() {
        let day = |s: &str| t(&format!("{s}T00:00:00Z")).date_naive();
        let today = day("2026-11-23");
        // (first day stored, table)
        let cases = [
            (None, None),
            (Some("2026-01-05"), Some(("2026-01-05", "2026-11-23"))),
            (Some("2016-11-16"), Some(("2016-11-16", "2026-11-23"))),
            // Ten years back at most, whatever was stored.
            (Some("2016-11-15"), Some(("2016-11-16", "2026-11-23"))),
            (Some("1970-01-01"), Some(("2016-11-16", "2026-11-23"))),
            // Only dates after today stored: a one-day table.
            (Some("9999-12-31"), Some(("2026-11-23", "2026-11-23"))),
        ];
        for (first, want) in cases {
            let got = table_days(first.map(day), today);
            assert_eq!(got, want.map(|(a, b)| (day(a), day(b))), "{first:?}");
            if let Some((a, b)) = got {
                assert!((b - a).num_days() < MAX_TABLE_DAYS);
            }
        }
    }

    #[test]
    fn ageing_buckets_have_inclusive_edges() {
        let cases = [
            (0, "0-3"),
            (3, "0-3"),
            (4, "4-15"),
            (15, "4-15"),
            (16, "16-40"),
            (40, "16-40"),
            (41, "40+"),
        ];
        for (days, want) in cases {
            assert_eq!(ageing_bucket(days), want, "{days}");
        }
    }
}
