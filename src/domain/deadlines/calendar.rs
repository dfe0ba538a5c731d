//! Business-day arithmetic over a holiday set. A business (working) day is Monday to Friday
//! and not a holiday of the calendar; regulators use the two words interchangeably.

use std::{collections::BTreeSet, ops::RangeInclusive, sync::OnceLock};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::holidays::{self, CalendarId, KNOWN_THROUGH};

/// The years whose rule-given holidays are computed once per process and kept: any deadline
/// or report of this era falls in them. Years outside are computed when asked.
const CACHED_YEARS: RangeInclusive<i32> = 1970..=2199;

/// Each calendar's rule-given holidays over [`CACHED_YEARS`].
fn cached(id: CalendarId) -> &'static [NaiveDate] {
    static CACHE: OnceLock<Vec<Vec<NaiveDate>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        CalendarId::ALL
            .iter()
            .map(|id| {
                CACHED_YEARS
                    .flat_map(|y| holidays::holidays(*id, y))
                    .collect()
            })
            .collect()
    });
    let index = CalendarId::ALL.iter().position(|c| *c == id).unwrap_or(0);
    all.get(index).map_or(&[], Vec::as_slice)
}

/// A set of non-working dates: a jurisdiction's holidays by rule for any year, with the dates
/// an admin added or removed, or (from [`Calendar::new`]) just the dates given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    /// Whose rules give the holidays of years outside [`CACHED_YEARS`], if any.
    rules: Option<CalendarId>,
    /// Dates kept off the calendar whatever the rules say.
    removed: BTreeSet<NaiveDate>,
    /// The holidays of [`CACHED_YEARS`] and every added date.
    holidays: BTreeSet<NaiveDate>,
    /// The holidays that fall on a weekday, in order: the only ones that take a business day
    /// away, counted by binary search.
    weekday_holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// Exactly the dates given, with no rules behind them.
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar::build(None, holidays.into_iter().collect(), BTreeSet::new())
    }

    /// A jurisdiction's calendar: its holidays by rule and one-off data, plus `added`, less
    /// `removed` (a removal wins over a rule).
    pub fn of(
        id: CalendarId,
        added: impl IntoIterator<Item = NaiveDate>,
        removed: impl IntoIterator<Item = NaiveDate>,
    ) -> Calendar {
        let removed: BTreeSet<NaiveDate> = removed.into_iter().collect();
        let holidays = cached(id)
            .iter()
            .copied()
            .chain(added)
            .filter(|d| !removed.contains(d))
            .collect();
        Calendar::build(Some(id), holidays, removed)
    }

    fn build(
        rules: Option<CalendarId>,
        holidays: BTreeSet<NaiveDate>,
        removed: BTreeSet<NaiveDate>,
    ) -> Calendar {
        let weekday_holidays = holidays
            .iter()
            .copied()
            .filter(|d| !is_weekend(*d))
            .collect();
        Calendar {
            rules,
            removed,
            holidays,
            weekday_holidays,
        }
    }

    /// The last year whose one-off holidays are known, for a jurisdiction's calendar: dates
    /// counted past it may miss a holiday proclaimed since.
    pub fn known_through(&self) -> Option<i32> {
        self.rules.map(|_| KNOWN_THROUGH)
    }

    /// Whether business days counted up to `date` may have missed a holiday not yet known.
    pub fn is_beyond_known(&self, date: NaiveDate) -> bool {
        self.known_through().is_some_and(|y| date.year() > y)
    }

    /// The rule-given weekday holidays of a year outside [`CACHED_YEARS`] that are not
    /// already in the set (added) nor removed.
    fn uncached(&self, year: i32) -> Vec<NaiveDate> {
        match self.rules {
            Some(id) if !CACHED_YEARS.contains(&year) => holidays::holidays(id, year)
                .into_iter()
                .filter(|d| !self.removed.contains(d) && !self.holidays.contains(d))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date) || self.uncached(date.year()).contains(&date)
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// The business day `n` business days after `date` (`n = 0`: `date` itself if it is a
    /// business day, else the next one). Day of receipt is day 0, so the 3rd business day
    /// "following the day on which it is received" is `add_business_days(received, 3)`.
    pub fn add_business_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        if n == 0 {
            while !self.is_business_day(day) {
                day = next(day);
            }
            return day;
        }
        let mut left = n;
        while left > 0 {
            day = next(day);
            if self.is_business_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The first business day on or after `date`.
    pub fn next_business_day_from(&self, date: NaiveDate) -> NaiveDate {
        self.add_business_days(date, 0)
    }

    /// Business days after `from` up to and including `to` (0 when `to <= from`): how many
    /// business days a case took, counting the day of receipt as day 0. Counted without
    /// walking the days (weekdays by arithmetic, less the weekday holidays between), so the
    /// cost does not grow with the distance between the dates, whatever dates are stored;
    /// only years outside the cached ones cost a rule computation each.
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let weekdays = weekdays_through(to) - weekdays_through(from);
        let mut holidays = self.weekday_holidays.partition_point(|h| *h <= to)
            - self.weekday_holidays.partition_point(|h| *h <= from);
        if self.rules.is_some() {
            let before = from.year()..=to.year().min(CACHED_YEARS.start() - 1);
            let after = from.year().max(CACHED_YEARS.end() + 1)..=to.year();
            holidays += before
                .chain(after)
                .flat_map(|y| self.uncached(y))
                .filter(|d| *d > from && *d <= to)
                .count();
        }
        u32::try_from(weekdays - i64::try_from(holidays).unwrap_or(i64::MAX)).unwrap_or(u32::MAX)
    }
}

impl Calendar {
    /// Every day from `from` to `to` (inclusive) with its business-day ordinal: the business
    /// days after `from` up to and including the day. For days `a <= b` in the range,
    /// `business_days_between(a, b)` is `ordinal(b) - ordinal(a)`, so a database given this
    /// table can count business days without the calendar. One entry per day: the caller
    /// bounds the range (see `stats::table_days`).
    pub fn ordinals(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, i64)> {
        let mut out = Vec::new();
        let mut day = from;
        let mut ordinal = 0;
        while day <= to {
            out.push((day, ordinal));
            let following = next(day);
            if following == day {
                break;
            }
            day = following;
            if self.is_business_day(day) {
                ordinal += 1;
            }
        }
        out
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The weekdays from a fixed Monday far in the past up to and including `date`: differences
/// of two are the weekdays between them. Weeks are counted from each date's Monday, so the
/// origin never needs naming.
fn weekdays_through(date: NaiveDate) -> i64 {
    let day = i64::from(date.num_days_from_ce());
    let into_week = i64::from(date.weekday().num_days_from_monday());
    5 * (day - into_week).div_euclid(7) + (into_week + 1).min(5)
}

fn next(date: NaiveDate) -> NaiveDate {
    date.checked_add_days(Days::new(1)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::d;

    /// England and Wales, Easter and Christmas 2026.
    fn calendar() -> Calendar {
        Calendar::new(["2026-04-03", "2026-04-06", "2026-12-25", "2026-12-28"].map(d))
    }

    #[test]
    fn adding_business_days_skips_weekends_and_holidays() {
        let cal = calendar();
        let cases = [
            // (start, n, expected, why)
            ("2026-11-23", 3, "2026-11-26", "Monday + 3 = Thursday"),
            (
                "2026-11-26",
                3,
                "2026-12-01",
                "Thursday + 3 crosses a weekend",
            ),
            (
                "2026-11-28",
                3,
                "2026-12-02",
                "received Saturday: Monday is day 1",
            ),
            (
                "2026-04-01",
                3,
                "2026-04-08",
                "Easter: Good Friday and Easter Monday skipped",
            ),
            (
                "2026-12-23",
                3,
                "2026-12-30",
                "Christmas and the Boxing Day substitute skipped",
            ),
            ("2026-12-30", 3, "2027-01-04", "across the year end"),
            (
                "2026-11-23",
                0,
                "2026-11-23",
                "zero days from a business day",
            ),
            (
                "2026-04-03",
                0,
                "2026-04-07",
                "zero days from Good Friday: the next business day",
            ),
            ("2026-11-23", 15, "2026-12-14", "PSD 15 business days"),
        ];
        for (start, n, expected, why) in cases {
            assert_eq!(cal.add_business_days(d(start), n), d(expected), "{why}");
        }
    }

    #[test]
    fn business_days_between_counts_after_the_first_day() {
        let cal = calendar();
        assert_eq!(
            cal.business_days_between(d("2026-11-23"), d("2026-11-26")),
            3
        );
        assert_eq!(
            cal.business_days_between(d("2026-04-02"), d("2026-04-07")),
            1
        );
        assert_eq!(
            cal.business_days_between(d("2026-11-26"), d("2026-11-23")),
            0
        );
        for n in 0..30 {
            let start = d("2026-12-18");
            assert_eq!(
                cal.business_days_between(start, cal.add_business_days(start, n)),
                n
            );
        }
    }

    /// The count by walking the days, as the closed form must agree with.
    fn walked(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next(day);
            count += u32::from(cal.is_business_day(day));
        }
        count
    }

    #[test]
    fn business_days_between_counts_like_walking_the_days() {
        let cal = Calendar::new(
            [
                "2026-04-03",
                "2026-04-06",
                "2026-12-25",
                "2026-12-26",
                "2026-12-28",
                "2027-01-01",
            ]
            .map(d),
        );
        let start = d("2026-03-20");
        for a in 0..60 {
            let from = start + chrono::Duration::days(a);
            for b in (0..300).step_by(7).chain(0..15) {
                let to = from + chrono::Duration::days(b);
                assert_eq!(
                    cal.business_days_between(from, to),
                    walked(&cal, from, to),
                    "{from} to {to}"
                );
            }
        }
        // Before the common era's first Monday and across it.
        let early = d("0001-01-10");
        assert_eq!(
            cal.business_days_between(d("-0001-12-20"), early),
            walked(&cal, d("-0001-12-20"), early)
        );
    }

    #[test]
    fn business_days_between_dates_millennia_apart() {
        let cal = calendar();
        // Every weekday of 1970..=9999 less the four holidays.
        let n = cal.business_days_between(d("1970-01-01"), d("9999-12-31"));
        assert_eq!(
            n,
            walked(&Calendar::default(), d("1970-01-01"), d("9999-12-31")) - 4
        );
        assert_eq!(
            cal.business_days_between(d("9999-12-31"), d("1970-01-01")),
            0
        );
    }

    #[test]
    fn ordinal_differences_are_business_days_between() {
        let cal = calendar();
        let from = d("2026-03-25");
        let table = cal.ordinals(from, d("2026-05-10"));
        assert_eq!(table.first(), Some(&(from, 0)));
        assert_eq!(table.last().map(|t| t.0), Some(d("2026-05-10")));
        for (a, oa) in &table {
            for (b, ob) in table.iter().filter(|(b, _)| b >= a) {
                assert_eq!(
                    ob - oa,
                    i64::from(cal.business_days_between(*a, *b)),
                    "{a} to {b}"
                );
            }
        }
    }

    #[test]
    fn a_jurisdictions_calendar_has_its_holidays_in_any_year_less_removals() {
        let cal = Calendar::of(
            CalendarId::EnglandWales,
            [d("2031-06-13")],
            [d("2026-12-28")],
        );
        // By rule, in a cached year, past the data and past the cache.
        assert!(cal.is_holiday(d("2026-12-25")));
        assert!(cal.is_holiday(d("2035-03-23")));
        assert!(cal.is_holiday(d("2250-12-25")));
        assert!(cal.is_holiday(d("1900-12-25")));
        // An admin's addition and removal.
        assert!(cal.is_holiday(d("2031-06-13")));
        assert!(!cal.is_holiday(d("2026-12-28")));
        assert_eq!(cal.known_through(), Some(KNOWN_THROUGH));
        assert!(!cal.is_beyond_known(d("2030-12-31")));
        assert!(cal.is_beyond_known(d("2031-01-01")));
        assert_eq!(Calendar::new([]).known_through(), None);
        // Counting agrees with walking, inside the cache, across its ends and outside it.
        for (from, to) in [
            ("2026-12-01", "2027-01-10"),
            ("2031-05-01", "2031-07-01"),
            ("1969-12-01", "1970-01-10"),
            ("2199-12-01", "2200-04-30"),
            ("2250-01-01", "2251-01-10"),
        ] {
            assert_eq!(
                cal.business_days_between(d(from), d(to)),
                walked(&cal, d(from), d(to)),
                "{from} to {to}"
            );
        }
    }
}
