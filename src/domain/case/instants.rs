//! Bounds on the instants and dates a client supplies. Each is one of three kinds:
//!
//! - something that happened (a complaint received, a letter sent, a referral made or decided,
//!   a fix gone live): not before the event it follows, and not after now, give or take the
//!   caller's clock skew;
//! - something planned (a new due instant, a task's due day, a holiday): after what it
//!   follows, and within a horizon ahead;
//! - the bounds of a period a report reads: inside the range any stored instant can have.
//!
//! Nothing stored can then lie far from now, so no later computation over the data (deadlines,
//! business-day counts, report tables) pays for a date's distance. The service gathers the
//! instants a request carries with the events each follows and calls these functions before it
//! writes anything.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// How far ahead of our clock an instant that happened may be: callers' clocks drift. The one
/// tolerance for every such instant (receipt, communications, referrals, go-live).
pub const CLOCK_SKEW: Duration = Duration::seconds(60);

/// How far ahead a planned instant may be set when nothing else caps it: a new due instant
/// with no extension cap, an improvement task's due day (a programme of work can run for
/// years; a date in another century is a typing error).
pub const PLANNING_HORIZON: Duration = Duration::days(5 * 365 + 1);

/// How far ahead a report's period may reach: a period ending next month or at the end of the
/// year is a fair question, one ending in a century is not.
pub const REPORT_HORIZON: Duration = Duration::days(366);

/// How many years ahead an admin may add or remove a holiday: governments announce them a few
/// years out at most.
pub const HOLIDAY_YEARS_AHEAD: i32 = 10;

/// The earliest instant anything may carry: no complaint is received before it, so no other
/// instant of a complaint (nor a holiday or report period about one) needs to be.
pub fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// An instant another one is checked against, with what it is (for the message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark<'a> {
    pub what: &'a str,
    pub at: DateTime<Utc>,
}

impl<'a> Mark<'a> {
    pub fn new(what: &'a str, at: DateTime<Utc>) -> Self {
        Mark { what, at }
    }

    /// The start (00:00 UTC) of a day.
    pub fn day(what: &'a str, day: NaiveDate) -> Self {
        Mark {
            what,
            at: day.and_time(chrono::NaiveTime::MIN).and_utc(),
        }
    }
}

/// An event of the complaint procedure with an instant of its own, which a client may give
/// (a letter's `sent_at`, `referred_at`, `decided_at`, an escalation's `received_at`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// The complaint reached the firm.
    Receipt,
    /// The acknowledgement of the complaint went out.
    Acknowledgement,
    /// The summary-resolution letter went out.
    SummaryResolution,
    /// A stage-1 (stage or final) response went out.
    Response,
    /// The complainant's request for stage 2 reached the firm.
    EscalationReceipt,
    /// The acknowledgement of the escalation went out.
    EscalationAcknowledgement,
    /// The stage-2 (final) response went out.
    StageTwoResponse,
    /// A timer the event concerns started: the one a response meets (after a reopening, the
    /// reopened response's), or the one an extension moves.
    TimerStart,
    /// The complainant was told a timer is extended.
    ExtensionNotice,
    /// The case went to an ombudsman or scheme.
    Referral,
    /// The ombudsman or scheme decided.
    ReferralDecision,
}

impl Event {
    /// What the event is, for a refusal's message.
    pub fn what(self) -> &'static str {
        match self {
            Event::Receipt => "the complaint's receipt",
            Event::Acknowledgement => "the acknowledgement",
            Event::SummaryResolution => "the summary resolution",
            Event::Response => "the response",
            Event::EscalationReceipt => "the escalation",
            Event::EscalationAcknowledgement => "the acknowledgement of the escalation",
            Event::StageTwoResponse => "the stage-2 response",
            Event::TimerStart => "the start of the timer",
            Event::ExtensionNotice => "the extension notice",
            Event::Referral => "the referral",
            Event::ReferralDecision => "the referral decision",
        }
    }

    /// The events this one cannot precede, where the case has them: the procedure's order.
    /// Nothing precedes the receipt; a letter follows what it answers or acknowledges; an
    /// escalation follows the response it disputes; a referral follows the latest response
    /// (summary, stage or final), and the decision the referral. A timer's own start bounds
    /// the response that meets it and the notice that extends it.
    pub fn follows(self) -> &'static [Event] {
        use Event as E;
        match self {
            E::Receipt => &[],
            E::Acknowledgement => &[E::Receipt],
            E::SummaryResolution => &[E::Receipt, E::Acknowledgement],
            E::Response => &[E::Receipt, E::Acknowledgement, E::TimerStart],
            E::EscalationReceipt => &[E::Receipt, E::Response],
            E::EscalationAcknowledgement => &[E::Receipt, E::EscalationReceipt],
            E::StageTwoResponse => &[
                E::Receipt,
                E::EscalationReceipt,
                E::EscalationAcknowledgement,
                E::TimerStart,
            ],
            E::ExtensionNotice => &[E::Receipt, E::TimerStart],
            E::Referral => &[E::Receipt, E::Response],
            E::ReferralDecision => &[E::Receipt, E::Referral],
            E::TimerStart => &[E::Receipt],
        }
    }
}

/// Why an instant is refused, naming the request field that carried it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub field: String,
    pub reason: String,
}

/// `at` lies at or after every mark of `floor` and at or before every mark of `ceiling`.
pub fn within(
    field: &str,
    at: DateTime<Utc>,
    floor: &[Mark],
    ceiling: &[Mark],
) -> Result<(), Refused> {
    let refuse = |side: &str, m: &Mark| Refused {
        field: field.to_owned(),
        reason: format!(
            "{field} ({}) is {side} {} ({})",
            at.to_rfc3339(),
            m.what,
            m.at.to_rfc3339()
        ),
    };
    if let Some(m) = floor.iter().filter(|m| at < m.at).max_by_key(|m| m.at) {
        return Err(refuse("before", m));
    }
    if let Some(m) = ceiling.iter().filter(|m| at > m.at).min_by_key(|m| m.at) {
        return Err(refuse("after", m));
    }
    Ok(())
}

/// An instant at which something happened: not before [`earliest`] nor any event of
/// `follows`, and not after `now` plus [`CLOCK_SKEW`].
pub fn happened(
    field: &str,
    at: DateTime<Utc>,
    follows: &[Mark],
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let mut floor = vec![Mark::new("1970-01-01", earliest())];
    floor.extend_from_slice(follows);
    within(field, at, &floor, &[Mark::new("now", now + CLOCK_SKEW)])
}

/// A corrected instant at which something happened that others recorded already follow (a
/// receipt, which the acknowledgement and every letter follow): not after any of `followed`,
/// nor after `now` plus [`CLOCK_SKEW`], nor before [`earliest`].
pub fn precedes(
    field: &str,
    at: DateTime<Utc>,
    followed: &[Mark],
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let mut ceiling = vec![Mark::new("now", now + CLOCK_SKEW)];
    ceiling.extend_from_slice(followed);
    within(field, at, &[Mark::new("1970-01-01", earliest())], &ceiling)
}

/// An instant planned ahead: not before [`earliest`] nor any event of `follows`, and not after
/// `latest` (a cap, or now plus [`PLANNING_HORIZON`]).
pub fn planned(
    field: &str,
    at: DateTime<Utc>,
    follows: &[Mark],
    latest: Mark,
) -> Result<(), Refused> {
    let mut floor = vec![Mark::new("1970-01-01", earliest())];
    floor.extend_from_slice(follows);
    within(field, at, &floor, &[latest])
}

/// The latest a planned instant may be with no other cap.
pub fn horizon(now: DateTime<Utc>) -> Mark<'static> {
    Mark::new("the planning horizon", now + PLANNING_HORIZON)
}

/// A day of a window over the past whose end is exclusive (an improvement's baseline): from
/// 1970 to tomorrow, `today` being the day of now.
pub fn past_day(field: &str, date: NaiveDate, today: NaiveDate) -> Result<(), Refused> {
    within(
        field,
        Mark::day("", date).at,
        &[Mark::new("1970-01-01", earliest())],
        &[Mark::day("tomorrow", today + Duration::days(1))],
    )
}

/// A day planned ahead (an improvement task's due day): from 1970 to `now` plus
/// [`PLANNING_HORIZON`].
pub fn planned_day(field: &str, date: NaiveDate, now: DateTime<Utc>) -> Result<(), Refused> {
    planned(field, Mark::day("", date).at, &[], horizon(now))
}

/// A holiday date an admin adds or removes: from 1970 to [`HOLIDAY_YEARS_AHEAD`] years after
/// `today`'s year.
pub fn holiday(field: &str, date: NaiveDate, today: NaiveDate) -> Result<(), Refused> {
    let last = NaiveDate::from_ymd_opt(today.year() + HOLIDAY_YEARS_AHEAD, 12, 31).unwrap_or(today);
    within(
        field,
        Mark::day("", date).at,
        &[Mark::new("1970-01-01", earliest())],
        &[Mark::day("the last date holidays are kept for", last)],
    )
}

/// The bounds of a period a report reads, each optional: from 1970 to now plus
/// [`REPORT_HORIZON`], and `to` not before `from`. `from_field` and `to_field` name them.
pub fn period(
    (from_field, from): (&str, Option<DateTime<Utc>>),
    (to_field, to): (&str, Option<DateTime<Utc>>),
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let floor = [Mark::new("1970-01-01", earliest())];
    let ceiling = Mark::new(
        "the latest a report may look ahead to",
        now + REPORT_HORIZON,
    );
    if let Some(from) = from {
        within(from_field, from, &floor, &[ceiling])?;
    }
    if let Some(to) = to {
        let start = from.map(|at| Mark::new(from_field, at));
        let floor: Vec<Mark> = floor.into_iter().chain(start).collect();
        within(to_field, to, &floor, &[ceiling])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{d, t};

    const NOW: &str = "2026-11-23T12:00:00Z";

    #[test]
    fn what_happened_lies_between_what_it_follows_and_now() {
        let received = Mark::new("the complaint's receipt", t("2026-11-20T09:00:00Z"));
        let acknowledged = Mark::new("the acknowledgement", t("2026-11-21T10:00:00Z"));
        // (instant, follows, refused because of)
        let cases: &[(&str, &[Mark], Option<&str>)] = &[
            ("2026-11-23T12:00:00Z", &[received], None),
            ("2026-11-20T09:00:00Z", &[received], None),
            ("2026-11-23T12:01:00Z", &[received], None),
            ("2026-11-23T12:01:01Z", &[received], Some("after now")),
            ("9999-12-31T00:00:00Z", &[received], Some("after now")),
            (
                "2026-11-20T08:59:59Z",
                &[received],
                Some("before the complaint's receipt"),
            ),
            (
                "2026-11-21T09:00:00Z",
                &[received, acknowledged],
                Some("before the acknowledgement"),
            ),
            (
                "2026-11-19T00:00:00Z",
                &[received, acknowledged],
                Some("before the acknowledgement"),
            ),
            ("2026-11-22T00:00:00Z", &[received, acknowledged], None),
            ("1969-12-31T23:59:59Z", &[], Some("before 1970-01-01")),
            ("1970-01-01T00:00:00Z", &[], None),
        ];
        for (at, follows, refused) in cases {
            let got = happened("communication.sent_at", t(at), follows, t(NOW));
            match refused {
                None => assert_eq!(got, Ok(()), "{at}"),
                Some(why) => {
                    let err = got.expect_err(at);
                    assert_eq!(err.field, "communication.sent_at", "{at}");
                    assert!(err.reason.contains(why), "{at}: {}", err.reason);
                }
            }
        }
    }

    #[test]
    fn each_event_follows_what_the_procedure_puts_before_it() {
        use Event as E;
        // (event, what it may not precede)
        let table: &[(Event, &[Event])] = &[
            (E::Receipt, &[]),
            (E::Acknowledgement, &[E::Receipt]),
            (E::SummaryResolution, &[E::Receipt, E::Acknowledgement]),
            (
                E::Response,
                &[E::Receipt, E::Acknowledgement, E::TimerStart],
            ),
            (E::EscalationReceipt, &[E::Receipt, E::Response]),
            (
                E::EscalationAcknowledgement,
                &[E::Receipt, E::EscalationReceipt],
            ),
            (
                E::StageTwoResponse,
                &[
                    E::Receipt,
                    E::EscalationReceipt,
                    E::EscalationAcknowledgement,
                    E::TimerStart,
                ],
            ),
            (E::TimerStart, &[E::Receipt]),
            (E::ExtensionNotice, &[E::Receipt, E::TimerStart]),
            (E::Referral, &[E::Receipt, E::Response]),
            (E::ReferralDecision, &[E::Receipt, E::Referral]),
        ];
        for (event, before) in table {
            assert_eq!(event.follows(), *before, "{event:?}");
        }
        // The order has no cycle, and everything but the receipt follows the receipt, directly.
        fn reaches(from: Event, to: Event, depth: usize) -> bool {
            depth > 0
                && from
                    .follows()
                    .iter()
                    .any(|e| *e == to || reaches(*e, to, depth - 1))
        }
        for (event, _) in table {
            assert!(
                !reaches(*event, *event, table.len()),
                "{event:?} follows itself"
            );
            if *event != E::Receipt {
                assert!(event.follows().contains(&E::Receipt), "{event:?}");
            }
        }
    }

    #[test]
    fn a_corrected_receipt_precedes_what_follows_it() {
        let acknowledged = Mark::new("the acknowledgement", t("2026-11-21T10:00:00Z"));
        let letter = Mark::new("the first letter", t("2026-11-21T09:00:00Z"));
        let cases: &[(&str, Option<&str>)] = &[
            ("2026-11-20T09:00:00Z", None),
            ("2026-11-21T09:00:00Z", None),
            ("2026-11-21T09:00:01Z", Some("after the first letter")),
            ("2026-11-22T00:00:00Z", Some("after the first letter")),
            ("1969-12-31T00:00:00Z", Some("before 1970-01-01")),
        ];
        for (at, refused) in cases {
            let got = precedes("received_at", t(at), &[acknowledged, letter], t(NOW));
            assert_eq!(
                got.as_ref().err().map(|e| e.field.as_str()),
                refused.map(|_| "received_at"),
                "{at}"
            );
            if let (Err(e), Some(why)) = (got, refused) {
                assert!(e.reason.contains(why), "{at}: {}", e.reason);
            }
        }
        assert!(precedes("received_at", t("2026-11-23T12:02:00Z"), &[], t(NOW)).is_err());
    }

    #[test]
    fn what_is_planned_lies_after_what_it_follows_and_within_its_cap() {
        let due = Mark::new("the current due instant", t("2026-12-01T17:00:00Z"));
        let cap = Mark::new("the extension cap", t("2027-01-15T17:00:00Z"));
        let cases: &[(&str, Mark, bool)] = &[
            ("2026-12-10T17:00:00Z", cap, true),
            ("2027-01-15T17:00:00Z", cap, true),
            ("2027-01-15T17:00:01Z", cap, false),
            ("2026-11-30T17:00:00Z", cap, false),
            ("2031-11-23T12:00:00Z", horizon(t(NOW)), true),
            ("2031-11-24T12:00:00Z", horizon(t(NOW)), false),
            ("9999-12-31T00:00:00Z", horizon(t(NOW)), false),
        ];
        for (at, latest, ok) in cases {
            assert_eq!(
                planned("new_due_at", t(at), &[due], *latest).is_ok(),
                *ok,
                "{at}"
            );
        }
    }

    #[test]
    fn days_of_a_baseline_lie_in_the_past_and_task_days_within_the_horizon() {
        let today = d("2026-11-23");
        let cases = [
            ("2026-01-01", true),
            ("2026-11-24", true),
            ("2026-11-25", false),
            ("1969-12-31", false),
            ("9999-12-31", false),
        ];
        for (date, ok) in cases {
            assert_eq!(
                past_day("baseline_to", d(date), today).is_ok(),
                ok,
                "{date}"
            );
        }
        let cases = [
            ("2026-01-30", true),
            ("2030-01-31", true),
            ("2031-11-23", true),
            ("2031-11-24", false),
            ("9999-12-31", false),
            ("1969-12-31", false),
        ];
        for (date, ok) in cases {
            let got = planned_day("tasks[0].due_on", d(date), t(NOW));
            assert_eq!(got.is_ok(), ok, "{date}");
            if let Err(e) = got {
                assert_eq!(e.field, "tasks[0].due_on");
            }
        }
    }

    #[test]
    fn holidays_run_from_1970_to_ten_years_ahead() {
        let today = d("2026-11-23");
        let cases = [
            ("2026-12-25", true),
            ("1970-01-01", true),
            ("1969-12-25", false),
            ("2036-12-31", true),
            ("2037-01-01", false),
            ("9999-12-31", false),
        ];
        for (date, ok) in cases {
            let got = holiday("date", d(date), today);
            assert_eq!(got.is_ok(), ok, "{date}");
            if let Err(e) = got {
                assert_eq!(e.field, "date");
            }
        }
    }

    #[test]
    fn report_periods_lie_between_1970_and_a_year_ahead_in_order() {
        let now = t(NOW);
        let at = |s: &str| Some(t(s));
        // (from, to, the field refused)
        type Case<'a> = (
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            Option<&'a str>,
        );
        let cases: &[Case] = &[
            (None, None, None),
            (at("2026-01-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), None),
            (at("2026-01-01T00:00:00Z"), None, None),
            (None, at("2027-11-23T00:00:00Z"), None),
            (None, at("9000-01-01T00:00:00Z"), Some("to")),
            (at("9000-01-01T00:00:00Z"), None, Some("from")),
            (at("1900-01-01T00:00:00Z"), None, Some("from")),
            (None, at("1969-01-01T00:00:00Z"), Some("to")),
            (
                at("2026-06-01T00:00:00Z"),
                at("2026-05-01T00:00:00Z"),
                Some("to"),
            ),
            (at("2026-06-01T00:00:00Z"), at("2026-06-01T00:00:00Z"), None),
        ];
        for (from, to, refused) in cases {
            let got = period(("from", *from), ("to", *to), now);
            assert_eq!(
                got.err().map(|e| e.field),
                refused.map(str::to_owned),
                "{from:?}..{to:?}"
            );
        }
    }
}
