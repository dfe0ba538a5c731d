//! Public and bank holiday calendars, generated from each jurisdiction's rules plus its
//! one-off proclamations, for seeding the database (admins then add or remove dates).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A holiday calendar Recourse knows how to seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CalendarId {
    EnglandWales,
    Scotland,
    NorthernIreland,
    NewSouthWales,
    UsFederal,
}

impl CalendarId {
    pub const ALL: [CalendarId; 5] = [
        CalendarId::EnglandWales,
        CalendarId::Scotland,
        CalendarId::NorthernIreland,
        CalendarId::NewSouthWales,
        CalendarId::UsFederal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CalendarId::EnglandWales => "uk-england-wales",
            CalendarId::Scotland => "uk-scotland",
            CalendarId::NorthernIreland => "uk-northern-ireland",
            CalendarId::NewSouthWales => "au-nsw",
            CalendarId::UsFederal => "us-federal",
        }
    }

    pub fn parse(s: &str) -> Option<CalendarId> {
        CalendarId::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The IANA time zone its deadlines are computed in.
    pub fn time_zone(self) -> &'static str {
        match self {
            CalendarId::EnglandWales | CalendarId::Scotland | CalendarId::NorthernIreland => {
                "Europe/London"
            }
            CalendarId::NewSouthWales => "Australia/Sydney",
            CalendarId::UsFederal => "America/New_York",
        }
    }
}

impl crate::domain::vocabulary::Vocabulary for CalendarId {
    fn values() -> &'static [CalendarId] {
        &CalendarId::ALL
    }

    fn text(self) -> &'static str {
        self.as_str()
    }
}

/// The years seeded by default.
pub const SEEDED_YEARS: std::ops::RangeInclusive<i32> = 2015..=2030;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

/// Easter Sunday (Gregorian; anonymous computus).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Both are positive for any year; were one not, month 0 is no date either.
    date(
        year,
        u32::try_from(month).unwrap_or(0),
        u32::try_from(day).unwrap_or(0),
    )
}

/// The `n`th `weekday` of a month (1-based).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).unwrap_or_default()
}

/// The last `weekday` of a month.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    let first_of_next = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    let mut day = minus(first_of_next, 1);
    while day.weekday() != weekday {
        day = minus(day, 1);
    }
    day
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// UK-style substitution: each fixed-date holiday on a weekend moves to the next weekday that
/// is not already a holiday (so Christmas on Saturday gives Monday 27th, Boxing Day Tuesday 28th).
fn substitute_uk(fixed: &[NaiveDate], others: &mut Vec<NaiveDate>) {
    let mut taken: Vec<NaiveDate> = others.clone();
    taken.extend(fixed.iter().copied().filter(|d| !is_weekend(*d)));
    for day in fixed {
        if is_weekend(*day) {
            let mut sub = plus(*day, 1);
            while is_weekend(sub) || taken.contains(&sub) {
                sub = plus(sub, 1);
            }
            taken.push(sub);
        }
    }
    *others = taken;
}

/// One year's weekday holidays for a calendar (weekend dates that are holidays do not change
/// business-day arithmetic and are left out).
pub fn holidays(calendar: CalendarId, year: i32) -> Vec<NaiveDate> {
    use Weekday::*;
    let easter = easter(year);
    let mut days = Vec::new();
    match calendar {
        CalendarId::EnglandWales | CalendarId::Scotland | CalendarId::NorthernIreland => {
            days.push(minus(easter, 2));
            if calendar != CalendarId::Scotland {
                days.push(plus(easter, 1));
            }
            // Early May: moved to Friday 8 May in 2020 for the 75th anniversary of VE Day.
            days.push(if year == 2020 {
                date(2020, 5, 8)
            } else {
                nth_weekday(year, 5, Mon, 1)
            });
            // Spring: moved to Thursday 2 June in 2022, with Friday 3 June added (Platinum Jubilee).
            if year == 2022 {
                days.extend([date(2022, 6, 2), date(2022, 6, 3)]);
            } else {
                days.push(last_weekday(year, 5, Mon));
            }
            days.push(if calendar == CalendarId::Scotland {
                nth_weekday(year, 8, Mon, 1)
            } else {
                last_weekday(year, 8, Mon)
            });
            match year {
                2022 => days.push(date(2022, 9, 19)), // State funeral of Queen Elizabeth II
                2023 => days.push(date(2023, 5, 8)),  // Coronation of King Charles III
                _ => {}
            }
            let mut fixed = vec![date(year, 1, 1)];
            if calendar == CalendarId::Scotland {
                fixed.push(date(year, 1, 2));
            }
            if calendar == CalendarId::NorthernIreland {
                fixed.extend([date(year, 3, 17), date(year, 7, 12)]);
            }
            if calendar == CalendarId::Scotland {
                fixed.push(date(year, 11, 30));
            }
            fixed.extend([date(year, 12, 25), date(year, 12, 26)]);
            substitute_uk(&fixed, &mut days);
        }
        CalendarId::NewSouthWales => {
            days.extend([minus(easter, 2), plus(easter, 1)]);
            // Anzac Day is not moved when it falls on a weekend in NSW.
            days.push(date(year, 4, 25));
            days.push(nth_weekday(year, 6, Mon, 2)); // King's (Queen's) Birthday
            days.push(nth_weekday(year, 10, Mon, 1)); // Labour Day
            if year == 2022 {
                days.push(date(2022, 9, 22)); // National Day of Mourning
            }
            let fixed = [
                date(year, 1, 1),
                date(year, 1, 26),
                date(year, 12, 25),
                date(year, 12, 26),
            ];
            substitute_uk(&fixed, &mut days);
        }
        CalendarId::UsFederal => {
            let mut fixed = vec![
                date(year, 1, 1),
                date(year, 7, 4),
                date(year, 11, 11),
                date(year, 12, 25),
            ];
            if year >= 2021 {
                fixed.push(date(year, 6, 19)); // Juneteenth
            }
            for day in fixed {
                // Observed: Saturday -> Friday before, Sunday -> Monday after.
                days.push(match day.weekday() {
                    Sat => minus(day, 1),
                    Sun => plus(day, 1),
                    _ => day,
                });
            }
            // New Year's Day of the next year observed on 31 December of this one.
            if date(year + 1, 1, 1).weekday() == Sat {
                days.push(date(year, 12, 31));
            }
            days.retain(|d| d.year() == year);
            days.extend([
                nth_weekday(year, 1, Mon, 3),
                nth_weekday(year, 2, Mon, 3),
                last_weekday(year, 5, Mon),
                nth_weekday(year, 9, Mon, 1),
                nth_weekday(year, 10, Mon, 2),
                nth_weekday(year, 11, Thu, 4),
            ]);
        }
    }
    days.retain(|d| !is_weekend(*d));
    days.sort();
    days.dedup();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<NaiveDate> {
        list.iter()
            .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default())
            .collect()
    }

    #[test]
    fn easter_sunday_matches_the_tables() {
        for (year, expected) in [
            (2015, "2015-04-05"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2026, "2026-04-05"),
            (2030, "2030-04-21"),
        ] {
            assert_eq!(easter(year), dates(&[expected])[0], "{year}");
        }
    }

    /// Published bank holiday lists (gov.uk, NSW government, OPM), weekday dates only.
    #[test]
    fn generated_calendars_match_published_lists() {
        use CalendarId::*;
        let cases: &[(CalendarId, i32, &[&str])] = &[
            (
                EnglandWales,
                2020,
                &[
                    "2020-01-01",
                    "2020-04-10",
                    "2020-04-13",
                    "2020-05-08",
                    "2020-05-25",
                    "2020-08-31",
                    "2020-12-25",
                    "2020-12-28",
                ],
            ),
            (
                EnglandWales,
                2022,
                &[
                    "2022-01-03",
                    "2022-04-15",
                    "2022-04-18",
                    "2022-05-02",
                    "2022-06-02",
                    "2022-06-03",
                    "2022-08-29",
                    "2022-09-19",
                    "2022-12-26",
                    "2022-12-27",
                ],
            ),
            (
                EnglandWales,
                2023,
                &[
                    "2023-01-02",
                    "2023-04-07",
                    "2023-04-10",
                    "2023-05-01",
                    "2023-05-08",
                    "2023-05-29",
                    "2023-08-28",
                    "2023-12-25",
                    "2023-12-26",
                ],
            ),
            (
                EnglandWales,
                2026,
                &[
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
            (
                Scotland,
                2026,
                &[
                    "2026-01-01",
                    "2026-01-02",
                    "2026-04-03",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-03",
                    "2026-11-30",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
            (
                Scotland,
                2021,
                &[
                    "2021-01-01",
                    "2021-01-04",
                    "2021-04-02",
                    "2021-05-03",
                    "2021-05-31",
                    "2021-08-02",
                    "2021-11-30",
                    "2021-12-27",
                    "2021-12-28",
                ],
            ),
            (
                NorthernIreland,
                2026,
                &[
                    "2026-01-01",
                    "2026-03-17",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-07-13",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
            (
                NewSouthWales,
                2026,
                &[
                    "2026-01-01",
                    "2026-01-26",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-06-08",
                    "2026-10-05",
                    "2026-12-25",
                    "2026-12-28",
                ],
            ),
            (
                UsFederal,
                2026,
                &[
                    "2026-01-01",
                    "2026-01-19",
                    "2026-02-16",
                    "2026-05-25",
                    "2026-06-19",
                    "2026-07-03",
                    "2026-09-07",
                    "2026-10-12",
                    "2026-11-11",
                    "2026-11-26",
                    "2026-12-25",
                ],
            ),
            (
                UsFederal,
                2021,
                &[
                    "2021-01-01",
                    "2021-01-18",
                    "2021-02-15",
                    "2021-05-31",
                    "2021-06-18",
                    "2021-07-05",
                    "2021-09-06",
                    "2021-10-11",
                    "2021-11-11",
                    "2021-11-25",
                    "2021-12-24",
                    "2021-12-31",
                ],
            ),
        ];
        for (calendar, year, expected) in cases {
            assert_eq!(
                holidays(*calendar, *year),
                dates(expected),
                "{} {year}",
                calendar.as_str()
            );
        }
    }

    #[test]
    fn every_seeded_year_has_a_plausible_number_of_weekday_holidays() {
        for calendar in CalendarId::ALL {
            for year in SEEDED_YEARS {
                let n = holidays(calendar, year).len();
                assert!((6..=12).contains(&n), "{} {year}: {n}", calendar.as_str());
            }
        }
    }
}
