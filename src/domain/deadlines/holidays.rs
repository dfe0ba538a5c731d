//! Public and bank holiday calendars: the regular holidays computed by each jurisdiction's
//! rules for any year, and its one-off proclamations kept as data, known through
//! [`KNOWN_THROUGH`]. Admins add or remove dates on top (see `service::admin::calendars`).

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

/// The last year whose one-off holidays are known. Later years have their regular holidays
/// by rule, but a jubilee or state funeral proclaimed for them is not here yet, so a deadline
/// counted in business days into such a year is marked `beyond_calendar`.
pub const KNOWN_THROUGH: i32 = 2030;

/// The years seeded into the database, for admins to see and amend.
pub const SEEDED_YEARS: std::ops::RangeInclusive<i32> = 2015..=KNOWN_THROUGH;

/// A holiday proclaimed for one year: an extra day, or a regular holiday moved.
#[derive(Clone, Copy, Debug)]
pub struct OneOff {
    pub calendars: &'static [CalendarId],
    /// Year, month, day.
    pub date: (i32, u32, u32),
    /// The regular holiday it takes the place of, when one was moved to make room.
    pub replaces: Option<(i32, u32, u32)>,
    pub name: &'static str,
}

const UK: &[CalendarId] = &[
    CalendarId::EnglandWales,
    CalendarId::Scotland,
    CalendarId::NorthernIreland,
];

/// The one-off holidays through [`KNOWN_THROUGH`] (proclamations, royal events).
pub const ONE_OFFS: &[OneOff] = &[
    OneOff {
        calendars: UK,
        date: (2020, 5, 8),
        replaces: Some((2020, 5, 4)),
        name: "Early May bank holiday moved for the 75th anniversary of VE Day",
    },
    OneOff {
        calendars: UK,
        date: (2022, 6, 2),
        replaces: Some((2022, 5, 30)),
        name: "Spring bank holiday moved for the Platinum Jubilee",
    },
    OneOff {
        calendars: UK,
        date: (2022, 6, 3),
        replaces: None,
        name: "Platinum Jubilee bank holiday",
    },
    OneOff {
        calendars: UK,
        date: (2022, 9, 19),
        replaces: None,
        name: "State funeral of Queen Elizabeth II",
    },
    OneOff {
        calendars: UK,
        date: (2023, 5, 8),
        replaces: None,
        name: "Coronation of King Charles III",
    },
    OneOff {
        calendars: &[CalendarId::NewSouthWales],
        date: (2022, 9, 22),
        replaces: None,
        name: "National Day of Mourning for Queen Elizabeth II",
    },
];

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

/// One year's weekday holidays for a calendar, one-offs included (weekend dates that are
/// holidays do not change business-day arithmetic and are left out).
pub fn holidays(calendar: CalendarId, year: i32) -> Vec<NaiveDate> {
    let mut days = regular(calendar, year);
    for one in ONE_OFFS
        .iter()
        .filter(|o| o.date.0 == year && o.calendars.contains(&calendar))
    {
        if let Some((y, m, d)) = one.replaces {
            days.retain(|day| *day != date(y, m, d));
        }
        days.push(date(one.date.0, one.date.1, one.date.2));
    }
    days.retain(|d| !is_weekend(*d));
    days.sort();
    days.dedup();
    days
}

/// One year's regular weekday holidays by the calendar's rules, for any year: what the year
/// has before any one-off proclamation.
pub fn regular(calendar: CalendarId, year: i32) -> Vec<NaiveDate> {
    use Weekday::*;
    let easter = easter(year);
    let mut days = Vec::new();
    match calendar {
        CalendarId::EnglandWales | CalendarId::Scotland | CalendarId::NorthernIreland => {
            days.push(minus(easter, 2));
            if calendar != CalendarId::Scotland {
                days.push(plus(easter, 1));
            }
            days.push(nth_weekday(year, 5, Mon, 1)); // Early May
            days.push(last_weekday(year, 5, Mon)); // Spring
            days.push(if calendar == CalendarId::Scotland {
                nth_weekday(year, 8, Mon, 1)
            } else {
                last_weekday(year, 8, Mon)
            });
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
            // Bank Holiday: not a public holiday, but banks close and the Corporations Act's
            // "business day" (s 9) excludes it, so deadlines in business days skip it.
            days.push(nth_weekday(year, 8, Mon, 1));
            days.push(nth_weekday(year, 10, Mon, 1)); // Labour Day
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
            // Beyond the seeded years, and the extremes of the Gregorian range.
            (1818, "1818-03-22"),
            (1961, "1961-04-02"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2035, "2035-03-25"),
            (2038, "2038-04-25"),
            (2099, "2099-04-12"),
            (2285, "2285-03-22"),
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
                    "2026-08-03",
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

    /// The dates seeded for 2015-2030 when every date was data: the rules and the one-offs
    /// must give the same, save the NSW Bank Holiday the seed lacked.
    #[test]
    fn rules_and_one_offs_give_the_seeded_years() {
        let mut lines = 0;
        for line in include_str!("seeded_2015_2030.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let mut fields = line.split(' ');
            let calendar = fields.next().and_then(CalendarId::parse);
            let year: Option<i32> = fields.next().and_then(|y| y.parse().ok());
            let (Some(calendar), Some(year)) = (calendar, year) else {
                panic!("bad fixture line {line}");
            };
            let seeded: Vec<NaiveDate> = fields
                .map(|md| dates(&[&format!("{year}-{md}")])[0])
                .collect();
            let mut computed = holidays(calendar, year);
            if calendar == CalendarId::NewSouthWales {
                let bank_holiday = nth_weekday(year, 8, Weekday::Mon, 1);
                assert!(computed.contains(&bank_holiday), "{year}");
                computed.retain(|d| *d != bank_holiday);
            }
            assert_eq!(computed, seeded, "{} {year}", calendar.as_str());
            lines += 1;
        }
        assert_eq!(lines, CalendarId::ALL.len() * SEEDED_YEARS.count());
    }

    #[test]
    fn nsw_has_the_bank_holiday_on_the_first_monday_of_august() {
        for (year, day) in [
            (2015, "2015-08-03"),
            (2024, "2024-08-05"),
            (2026, "2026-08-03"),
            (2031, "2031-08-04"),
        ] {
            assert!(
                holidays(CalendarId::NewSouthWales, year).contains(&dates(&[day])[0]),
                "{day}"
            );
        }
        // A business-day count across it skips it, as the Corporations Act counts.
        let cal = super::super::calendar::Calendar::new(holidays(CalendarId::NewSouthWales, 2026));
        assert_eq!(
            cal.add_business_days(dates(&["2026-07-31"])[0], 1),
            dates(&["2026-08-04"])[0]
        );
    }

    /// Years no data covers: the regular holidays come from the rules alone.
    #[test]
    fn years_beyond_the_data_have_their_regular_holidays() {
        use CalendarId::*;
        let cases: &[(CalendarId, i32, &[&str])] = &[
            (
                EnglandWales,
                2035,
                &[
                    "2035-01-01",
                    "2035-03-23",
                    "2035-03-26",
                    "2035-05-07",
                    "2035-05-28",
                    "2035-08-27",
                    "2035-12-25",
                    "2035-12-26",
                ],
            ),
            (
                Scotland,
                2035,
                &[
                    "2035-01-01",
                    "2035-01-02",
                    "2035-03-23",
                    "2035-05-07",
                    "2035-05-28",
                    "2035-08-06",
                    "2035-11-30",
                    "2035-12-25",
                    "2035-12-26",
                ],
            ),
            (
                NorthernIreland,
                2035,
                &[
                    "2035-01-01",
                    "2035-03-19",
                    "2035-03-23",
                    "2035-03-26",
                    "2035-05-07",
                    "2035-05-28",
                    "2035-07-12",
                    "2035-08-27",
                    "2035-12-25",
                    "2035-12-26",
                ],
            ),
            (
                NewSouthWales,
                2035,
                &[
                    "2035-01-01",
                    "2035-01-26",
                    "2035-03-23",
                    "2035-03-26",
                    "2035-04-25",
                    "2035-06-11",
                    "2035-08-06",
                    "2035-10-01",
                    "2035-12-25",
                    "2035-12-26",
                ],
            ),
            (
                UsFederal,
                2035,
                &[
                    "2035-01-01",
                    "2035-01-15",
                    "2035-02-19",
                    "2035-05-28",
                    "2035-06-19",
                    "2035-07-04",
                    "2035-09-03",
                    "2035-10-08",
                    "2035-11-12",
                    "2035-11-22",
                    "2035-12-25",
                ],
            ),
            (
                EnglandWales,
                2099,
                &[
                    "2099-01-01",
                    "2099-04-10",
                    "2099-04-13",
                    "2099-05-04",
                    "2099-05-25",
                    "2099-08-31",
                    "2099-12-25",
                    "2099-12-28",
                ],
            ),
            (
                Scotland,
                2099,
                &[
                    "2099-01-01",
                    "2099-01-02",
                    "2099-04-10",
                    "2099-05-04",
                    "2099-05-25",
                    "2099-08-03",
                    "2099-11-30",
                    "2099-12-25",
                    "2099-12-28",
                ],
            ),
            (
                NewSouthWales,
                2099,
                &[
                    "2099-01-01",
                    "2099-01-26",
                    "2099-04-10",
                    "2099-04-13",
                    "2099-06-08",
                    "2099-08-03",
                    "2099-10-05",
                    "2099-12-25",
                    "2099-12-28",
                ],
            ),
            (
                UsFederal,
                2099,
                &[
                    "2099-01-01",
                    "2099-01-19",
                    "2099-02-16",
                    "2099-05-25",
                    "2099-06-19",
                    "2099-07-03",
                    "2099-09-07",
                    "2099-10-12",
                    "2099-11-11",
                    "2099-11-26",
                    "2099-12-25",
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
            assert_eq!(regular(*calendar, *year), dates(expected));
        }
    }

    #[test]
    fn one_offs_are_data_within_the_known_years() {
        for one in ONE_OFFS {
            assert!(one.date.0 <= KNOWN_THROUGH, "{}", one.name);
            let day = date(one.date.0, one.date.1, one.date.2);
            for calendar in one.calendars {
                assert!(
                    holidays(*calendar, one.date.0).contains(&day),
                    "{}",
                    one.name
                );
                assert!(
                    !regular(*calendar, one.date.0).contains(&day),
                    "{}",
                    one.name
                );
                if let Some((y, m, d)) = one.replaces {
                    assert!(
                        regular(*calendar, y).contains(&date(y, m, d)),
                        "{}",
                        one.name
                    );
                    assert!(
                        !holidays(*calendar, y).contains(&date(y, m, d)),
                        "{}",
                        one.name
                    );
                }
            }
        }
    }
}
