//! The FCA complaints return (DISP 1 Annex 1R shape): which complaints count, how they map to
//! the return's product groupings and main causes, and the figures per row. Plain functions
//! over plain cases; the service loads the cases and counts business days.
//!
//! Mapping used (docs/reports.md, "FCA complaints return"):
//! - product grouping from the complaint's `product`: current accounts, credit cards, savings,
//!   loans and overdrafts are "Banking and credit cards"; mortgages and equity release are
//!   "Home finance"; insurance products are "Insurance and pure protection"; pensions and
//!   annuities are "Decumulation and pensions"; investments and ISAs are "Investments";
//!   anything else is "Other";
//! - main cause from the complaint's `category`: arrears are "Arrears related"; fees, charges,
//!   rates, interest and terms are "Terms and disputed sums/charges"; advice, sale and
//!   suitability are "Advising, selling and arranging"; everything else is "General
//!   admin/customer service";
//! - upheld: `upheld` and `partially_upheld` (DISP counts a partial uphold as upheld);
//!   `not_upheld`, `resolved` and withdrawn complaints count as closed, not upheld;
//! - complaints found not to be complaints, or transferred to another firm, are left out.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

/// The return's product groupings, in the form's order.
pub const PRODUCT_GROUPINGS: [&str; 6] = [
    "Banking and credit cards",
    "Home finance",
    "Insurance and pure protection",
    "Decumulation and pensions",
    "Investments",
    "Other",
];

/// The return's main-cause categories, in the form's order.
pub const MAIN_CAUSES: [&str; 5] = [
    "Advising, selling and arranging",
    "Terms and disputed sums/charges",
    "General admin/customer service",
    "Arrears related",
    "Other",
];

/// The return's product grouping for a product key.
pub fn product_grouping(product: &str) -> &'static str {
    let p = product.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| p.contains(w));
    if has(&["mortgage", "equity_release", "home_finance"]) {
        PRODUCT_GROUPINGS[1]
    } else if has(&["insurance", "protection", "policy"]) {
        PRODUCT_GROUPINGS[2]
    } else if has(&["pension", "annuit", "drawdown"]) {
        PRODUCT_GROUPINGS[3]
    } else if has(&["investment", "isa", "fund", "bond"]) {
        PRODUCT_GROUPINGS[4]
    } else if has(&[
        "current_account",
        "credit_card",
        "saving",
        "loan",
        "overdraft",
        "bank",
    ]) {
        PRODUCT_GROUPINGS[0]
    } else {
        PRODUCT_GROUPINGS[5]
    }
}

/// The return's main cause for a complaint category.
pub fn main_cause(category: &str) -> &'static str {
    let c = category.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if has(&["arrears", "collection", "debt"]) {
        MAIN_CAUSES[3]
    } else if has(&["advice", "sale", "selling", "suitab", "arranging"]) {
        MAIN_CAUSES[0]
    } else if has(&["fee", "charge", "rate", "interest", "terms", "sums"]) {
        MAIN_CAUSES[1]
    } else {
        MAIN_CAUSES[2]
    }
}

/// How a closing is timed on the return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    /// By the close of the third business day after receipt.
    Within3BusinessDays,
    /// Later, but within eight weeks of receipt.
    Within8Weeks,
    After8Weeks,
}

/// The band of a complaint received at `received_at` and closed at `closed_at`, which is
/// `business_days` business days after the day of receipt.
pub fn band(received_at: DateTime<Utc>, closed_at: DateTime<Utc>, business_days: u32) -> Band {
    if business_days <= 3 {
        Band::Within3BusinessDays
    } else if closed_at <= received_at + Duration::weeks(8) {
        Band::Within8Weeks
    } else {
        Band::After8Weeks
    }
}

/// A closing or a reopening of a complaint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Closed,
    Reopened,
}

/// One complaint as the return sees it.
#[derive(Clone, Debug)]
pub struct Case {
    pub product: String,
    pub category: String,
    pub received_at: DateTime<Utc>,
    /// Closings and reopenings, oldest first.
    pub marks: Vec<(DateTime<Utc>, Mark)>,
    /// Business days from the day of receipt to the day of the closing the return counts
    /// (the service computes it for [`closing_in`]'s answer).
    pub business_days_to_close: Option<u32>,
    pub upheld: bool,
    /// Redress paid, per currency, in minor units.
    pub redress: Vec<(String, i64)>,
}

/// The closing the return counts for a complaint over `[start, end)`: the last closing or
/// reopening before `end` is a closing, and it falls in the period.
pub fn closing_in(
    marks: &[(DateTime<Utc>, Mark)],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match marks.iter().rev().find(|(at, _)| *at < end) {
        Some((at, Mark::Closed)) if *at >= start => Some(*at),
        _ => None,
    }
}

/// Open at `at`: received before it, and not closed then (or reopened since).
pub fn open_at(case: &Case, at: DateTime<Utc>) -> bool {
    case.received_at < at
        && !matches!(
            case.marks.iter().rev().find(|(when, _)| *when < at),
            Some((_, Mark::Closed))
        )
}

/// The figures of one row (or of the totals).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub outstanding_at_start: u64,
    pub opened: u64,
    pub closed: u64,
    pub closed_within_3_business_days: u64,
    pub closed_within_8_weeks: u64,
    pub closed_after_8_weeks: u64,
    pub upheld: u64,
    /// Redress paid on the complaints closed, per currency, in minor units.
    pub redress: BTreeMap<String, i64>,
}

impl Figures {
    fn add(&mut self, case: &Case, start: DateTime<Utc>, end: DateTime<Utc>) {
        if open_at(case, start) {
            self.outstanding_at_start += 1;
        }
        if case.received_at >= start && case.received_at < end {
            self.opened += 1;
        }
        if let Some(at) = closing_in(&case.marks, start, end) {
            self.closed += 1;
            match band(
                case.received_at,
                at,
                case.business_days_to_close.unwrap_or(0),
            ) {
                Band::Within3BusinessDays => self.closed_within_3_business_days += 1,
                Band::Within8Weeks => self.closed_within_8_weeks += 1,
                Band::After8Weeks => self.closed_after_8_weeks += 1,
            }
            self.upheld += u64::from(case.upheld);
            for (currency, amount) in &case.redress {
                *self.redress.entry(currency.clone()).or_default() += amount;
            }
        }
    }

    /// Nothing to report on this row.
    pub fn is_empty(&self) -> bool {
        self.outstanding_at_start == 0 && self.opened == 0 && self.closed == 0
    }
}

/// The return over `[start, end)`: figures per (product grouping, main cause), per product
/// grouping, and in total. Rows with nothing to report are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Return {
    pub rows: Vec<((&'static str, &'static str), Figures)>,
    pub by_grouping: Vec<(&'static str, Figures)>,
    pub totals: Figures,
}

pub fn fca_disp(cases: &[Case], start: DateTime<Utc>, end: DateTime<Utc>) -> Return {
    let mut rows: BTreeMap<(usize, usize), Figures> = BTreeMap::new();
    let mut groupings: BTreeMap<usize, Figures> = BTreeMap::new();
    let mut totals = Figures::default();
    let position = |list: &[&str], name: &str| list.iter().position(|x| *x == name).unwrap_or(0);
    for case in cases {
        let g = position(&PRODUCT_GROUPINGS, product_grouping(&case.product));
        let c = position(&MAIN_CAUSES, main_cause(&case.category));
        rows.entry((g, c)).or_default().add(case, start, end);
        groupings.entry(g).or_default().add(case, start, end);
        totals.add(case, start, end);
    }
    Return {
        rows: rows
            .into_iter()
            .filter(|(_, f)| !f.is_empty())
            .filter_map(|((g, c), f)| Some(((*PRODUCT_GROUPINGS.get(g)?, *MAIN_CAUSES.get(c)?), f)))
            .collect(),
        by_grouping: groupings
            .into_iter()
            .filter(|(_, f)| !f.is_empty())
            .filter_map(|(g, f)| Some((*PRODUCT_GROUPINGS.get(g)?, f)))
            .collect(),
        totals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::t;

    #[test]
    fn products_map_to_the_returns_groupings() {
        for (product, grouping) in [
            ("current_account", "Banking and credit cards"),
            ("credit_card", "Banking and credit cards"),
            ("savings", "Banking and credit cards"),
            ("mortgage", "Home finance"),
            ("home_insurance", "Insurance and pure protection"),
            ("personal_pension", "Decumulation and pensions"),
            ("stocks_and_shares_isa", "Investments"),
            ("parking_permit", "Other"),
        ] {
            assert_eq!(product_grouping(product), grouping, "{product}");
        }
    }

    #[test]
    fn categories_map_to_the_returns_main_causes() {
        for (category, cause) in [
            ("arrears", "Arrears related"),
            ("fees", "Terms and disputed sums/charges"),
            ("rates", "Terms and disputed sums/charges"),
            ("interest", "Terms and disputed sums/charges"),
            ("mis_sale", "Advising, selling and arranging"),
            ("service", "General admin/customer service"),
            ("payments", "General admin/customer service"),
        ] {
            assert_eq!(main_cause(category), cause, "{category}");
        }
    }

    #[test]
    fn closings_are_banded_by_business_days_then_by_eight_weeks() {
        let received = t("2026-01-05T10:00:00Z");
        for (closed, business_days, expected) in [
            ("2026-01-08T17:00:00Z", 3, Band::Within3BusinessDays),
            ("2026-01-09T09:00:00Z", 4, Band::Within8Weeks),
            ("2026-03-02T10:00:00Z", 40, Band::Within8Weeks),
            ("2026-03-02T10:00:01Z", 40, Band::After8Weeks),
        ] {
            assert_eq!(
                band(received, t(closed), business_days),
                expected,
                "{closed}"
            );
        }
    }

    fn case(received: &str, marks: &[(&str, Mark)], upheld: bool) -> Case {
        Case {
            product: "mortgage".into(),
            category: "arrears".into(),
            received_at: t(received),
            marks: marks.iter().map(|(at, m)| (t(at), *m)).collect(),
            business_days_to_close: Some(10),
            upheld,
            redress: vec![("GBP".into(), 1000)],
        }
    }

    #[test]
    fn the_return_counts_outstanding_opened_closed_and_upheld_over_the_period() {
        let start = t("2026-01-01T00:00:00Z");
        let end = t("2026-07-01T00:00:00Z");
        let cases = [
            // Outstanding at the start and closed in the period, upheld.
            case(
                "2025-12-01T10:00:00Z",
                &[("2026-01-20T10:00:00Z", Mark::Closed)],
                true,
            ),
            // Closed before the period: not outstanding, not closed in it.
            case(
                "2025-11-01T10:00:00Z",
                &[("2025-11-20T10:00:00Z", Mark::Closed)],
                false,
            ),
            // Closed before, reopened before the start: outstanding; still open at the end.
            case(
                "2025-11-01T10:00:00Z",
                &[
                    ("2025-11-20T10:00:00Z", Mark::Closed),
                    ("2025-12-20T10:00:00Z", Mark::Reopened),
                ],
                false,
            ),
            // Opened and closed in the period, then reopened in it: not closed.
            case(
                "2026-02-01T10:00:00Z",
                &[
                    ("2026-02-10T10:00:00Z", Mark::Closed),
                    ("2026-02-20T10:00:00Z", Mark::Reopened),
                ],
                false,
            ),
            // Opened in the period, closed after it.
            case(
                "2026-06-01T10:00:00Z",
                &[("2026-07-02T10:00:00Z", Mark::Closed)],
                true,
            ),
        ];
        let r = fca_disp(&cases, start, end);
        assert_eq!(r.totals.outstanding_at_start, 2);
        assert_eq!(r.totals.opened, 2);
        assert_eq!(r.totals.closed, 1);
        assert_eq!(r.totals.closed_within_8_weeks, 1);
        assert_eq!(r.totals.upheld, 1);
        assert_eq!(r.totals.redress.get("GBP"), Some(&1000));
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].0, ("Home finance", "Arrears related"));
        assert_eq!(r.by_grouping[0].1, r.totals);
    }

    #[test]
    fn an_empty_period_is_a_nil_return() {
        let r = fca_disp(&[], t("2026-01-01T00:00:00Z"), t("2026-07-01T00:00:00Z"));
        assert!(r.rows.is_empty() && r.by_grouping.is_empty());
        assert!(r.totals.is_empty());
    }
}
