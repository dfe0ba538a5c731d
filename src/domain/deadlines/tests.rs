use super::*;
use crate::domain::deadlines::holidays::holidays;
use crate::domain::testing::t;

fn calendar(id: CalendarId) -> Calendar {
    Calendar::new((2026..=2027).flat_map(|y| holidays(id, y)))
}

fn due(profile: Profile, timer: &str, starts: Starts, rollover: bool) -> DateTime<Utc> {
    let mut rules = rules(profile);
    rules.after_hours_rollover = rollover;
    let cal = calendar(rules.calendar);
    let tz: Tz = rules.calendar.time_zone().parse().unwrap_or(Tz::UTC);
    let locale = Locale { calendar: &cal, tz };
    schedule(&rules, &starts, &locale)
        .into_iter()
        .find(|s| s.rule.name == timer)
        .map(|s| s.due_at)
        .unwrap_or_default()
}

fn received(at: &str) -> Starts {
    Starts {
        received: Some(t(at)),
        ..Starts::default()
    }
}

#[test]
fn profile_deadlines_on_dated_examples() {
    use Profile::*;
    // (profile, timer, received, after-hours rollover, due, why)
    let cases = [
        (
            FcaDisp,
            "summary_resolution",
            "2026-11-23T10:00:00Z",
            false,
            "2026-11-26T17:00:00Z",
            "FCA SRC: close of business on the 3rd business day after a Monday",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-11-27T10:00:00Z",
            false,
            "2026-12-02T17:00:00Z",
            "a Friday receipt crosses the weekend",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-12-23T10:00:00Z",
            false,
            "2026-12-30T17:00:00Z",
            "Christmas Day and the Boxing Day substitute are not business days",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-03-27T09:00:00Z",
            false,
            "2026-04-01T16:00:00Z",
            "close of business after the clocks go forward is 16:00 UTC",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-11-23T18:30:00Z",
            false,
            "2026-11-26T17:00:00Z",
            "after-hours receipt counts on the day without rollover",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-11-23T18:30:00Z",
            true,
            "2026-11-27T17:00:00Z",
            "and on the next business day with rollover",
        ),
        (
            FcaDisp,
            "summary_resolution",
            "2026-11-28T11:00:00Z",
            true,
            "2026-12-03T17:00:00Z",
            "a Saturday receipt with rollover starts on Monday",
        ),
        (
            FcaDisp,
            "final_response",
            "2026-11-23T10:00:00Z",
            false,
            "2027-01-18T23:59:59.999999Z",
            "FCA: end of 8 weeks (56 calendar days)",
        ),
        (
            FcaDisp,
            "final_response",
            "2026-03-01T10:00:00Z",
            false,
            "2026-04-26T22:59:59.999999Z",
            "8 weeks ending in summer time",
        ),
        (
            FcaPsd,
            "final_response",
            "2026-11-23T10:00:00Z",
            false,
            "2026-12-14T23:59:59.999999Z",
            "PSD: 15 business days",
        ),
        (
            HousingOmbudsman,
            "stage1_acknowledgement",
            "2026-11-23T10:00:00Z",
            false,
            "2026-11-30T23:59:59.999999Z",
            "HO: acknowledge within 5 working days",
        ),
        (
            Spso,
            "stage1_response",
            "2026-11-26T10:00:00Z",
            false,
            "2026-12-04T23:59:59.999999Z",
            "SPSO stage 1: 5 working days, St Andrew's Day (30 Nov) skipped",
        ),
        (
            AsicRg271,
            "acknowledgement",
            "2026-06-05T06:00:00Z",
            false,
            "2026-06-09T13:59:59.999999Z",
            "RG 271: 1 business day; the King's Birthday (NSW) is skipped",
        ),
        (
            AsicRg271,
            "final_response",
            "2026-06-05T06:00:00Z",
            false,
            "2026-07-05T13:59:59.999999Z",
            "RG 271: 30 calendar days, Sydney time",
        ),
        (
            Cfpb,
            "response",
            "2026-11-23T15:00:00Z",
            false,
            "2026-12-09T04:59:59.999999Z",
            "CFPB: 15 calendar days, New York time",
        ),
    ];
    for (profile, timer, at, rollover, expected, why) in cases {
        assert_eq!(
            due(profile, timer, received(at), rollover),
            t(expected),
            "{why}"
        );
    }
}

#[test]
fn housing_ombudsman_stage_timers_run_from_acknowledgements() {
    let starts = Starts {
        received: Some(t("2026-11-23T10:00:00Z")),
        acknowledged: Some(t("2026-11-25T10:00:00Z")),
        escalation_received: Some(t("2026-12-21T10:00:00Z")),
        escalation_acknowledged: Some(t("2026-12-22T10:00:00Z")),
    };
    let p = Profile::HousingOmbudsman;
    assert_eq!(
        due(p, "stage1_response", starts, false),
        t("2026-12-09T23:59:59.999999Z")
    );
    assert_eq!(
        due(p, "stage2_acknowledgement", starts, false),
        t("2026-12-30T23:59:59.999999Z")
    );
    // 20 working days from 22 December, across Christmas and New Year.
    assert_eq!(
        due(p, "stage2_response", starts, false),
        t("2027-01-22T23:59:59.999999Z")
    );
}

#[test]
fn timers_wait_for_their_starting_event() {
    let rules = rules(Profile::HousingOmbudsman);
    let cal = calendar(rules.calendar);
    let locale = Locale {
        calendar: &cal,
        tz: Tz::Europe__London,
    };
    let names: Vec<&str> = schedule(&rules, &received("2026-11-23T10:00:00Z"), &locale)
        .iter()
        .map(|s| s.rule.name)
        .collect();
    assert_eq!(names, vec!["stage1_acknowledgement"]);
}

#[test]
fn psd_extension_is_capped_at_35_business_days() {
    let rules = rules(Profile::FcaPsd);
    let cal = calendar(rules.calendar);
    let locale = Locale {
        calendar: &cal,
        tz: Tz::Europe__London,
    };
    let s = schedule(&rules, &received("2026-11-23T10:00:00Z"), &locale);
    let final_response = s
        .iter()
        .find(|s| s.rule.name == "final_response")
        .map(|s| s.extension_cap);
    assert_eq!(final_response, Some(Some(t("2027-01-14T23:59:59.999999Z"))));
}

#[test]
fn hour_spans_are_exact_whatever_the_calendar() {
    let rules = rules(Profile::AsicRg271);
    let cal = calendar(rules.calendar);
    let locale = Locale {
        calendar: &cal,
        tz: Tz::Australia__Sydney,
    };
    let rule = TimerRule {
        span: Span::Hours(24),
        ..rules.timers[0]
    };
    let start = t("2026-06-05T06:00:00Z");
    assert_eq!(
        due_at(&rules, &rule, rule.span, start, &locale),
        t("2026-06-06T06:00:00Z")
    );
}

#[test]
fn a_timer_check_raises_each_warning_once_then_the_breach() {
    let warn = [t("2026-11-25T00:00:00Z"), t("2026-11-26T00:00:00Z")];
    let due = t("2026-11-27T00:00:00Z");
    // (raised so far, now, warnings to raise, breached, raised after, next check)
    let cases = [
        (
            0,
            "2026-11-24T00:00:00Z",
            vec![],
            false,
            0,
            Some("2026-11-25T00:00:00Z"),
        ),
        (
            0,
            "2026-11-25T00:00:00Z",
            vec![0],
            false,
            1,
            Some("2026-11-26T00:00:00Z"),
        ),
        (
            1,
            "2026-11-25T12:00:00Z",
            vec![],
            false,
            1,
            Some("2026-11-26T00:00:00Z"),
        ),
        (
            0,
            "2026-11-26T06:00:00Z",
            vec![0, 1],
            false,
            2,
            Some("2026-11-27T00:00:00.000001Z"),
        ),
        (
            2,
            "2026-11-27T00:00:00Z",
            vec![],
            false,
            2,
            Some("2026-11-27T00:00:00.000001Z"),
        ),
        (2, "2026-11-27T00:00:00.000001Z", vec![], true, 2, None),
        (0, "2026-12-01T00:00:00Z", vec![], true, 2, None),
    ];
    for (raised, now, warnings, breached, after, next) in cases {
        let check = check_timer(&warn, raised, due, t(now));
        assert_eq!(
            check,
            TimerCheck {
                warnings,
                breached,
                warnings_raised: after,
                next_check_at: next.map(t)
            },
            "raised {raised} at {now}"
        );
    }
}

#[test]
fn the_internal_profile_follows_its_targets() {
    let targets = InternalTargets {
        calendar: CalendarId::Scotland,
        stages: 1,
        acknowledgement_business_days: 2,
        stage1_response_business_days: 15,
        stage2_response_business_days: 30,
        rca_pending_allowed: true,
    };
    let r = internal_rules(&targets);
    assert!(r.rca_pending_allowed);
    assert_eq!(r.max_stages, 1);
    assert_eq!(r.calendar, CalendarId::Scotland);
    let names: Vec<_> = r.timers.iter().map(|t| (t.name, t.span)).collect();
    assert_eq!(
        names,
        vec![
            ("acknowledgement", Span::BusinessDays(2)),
            ("final_response", Span::BusinessDays(15)),
        ]
    );
    assert!(r.timers.iter().all(|t| !t.regulatory
        && t.extension
            == Some(ExtensionRule {
                cap: None,
                notice_required: false
            })));
    let two = internal_rules(&InternalTargets::default());
    assert_eq!(two.max_stages, 2);
    assert!(
        two.timers
            .iter()
            .any(|t| t.name == "stage2_response" && t.starts_on == StartEvent::EscalationReceived)
    );
}

#[test]
fn a_reopening_gets_an_internal_ten_business_day_target() {
    let rule = reopen_rule();
    assert!(!rule.regulatory);
    assert_eq!(rule.span, Span::BusinessDays(10));
    assert_eq!(purpose::reopened_name(2), "reopened_response_2");
    let cal = calendar(CalendarId::EnglandWales);
    let locale = Locale {
        calendar: &cal,
        tz: chrono_tz::Europe::London,
    };
    // Reopened on Friday 18 December 2026: ten business days skip the weekends, Christmas
    // Day, the Boxing Day substitute and New Year's Day.
    let due = due_at(
        &rules(Profile::FcaDisp),
        &rule,
        rule.span,
        t("2026-12-18T10:00:00Z"),
        &locale,
    );
    assert_eq!(due, t("2027-01-06T23:59:59.999999Z"));
}

#[test]
fn a_resumed_timer_moves_on_by_the_pause() {
    let warn = [t("2026-11-25T00:00:00Z"), t("2026-11-26T00:00:00Z")];
    let due = t("2026-11-27T00:00:00Z");
    let day = Duration::days(1);
    // (warnings raised, extended, next check, why)
    let cases = [
        (
            0,
            None,
            "2026-11-26T00:00:00Z",
            "the first warning, a day later",
        ),
        (
            1,
            None,
            "2026-11-27T00:00:00Z",
            "the second warning, a day later",
        ),
        (
            2,
            None,
            "2026-11-28T00:00:00.000001Z",
            "past the new due instant",
        ),
        (
            2,
            Some(t("2026-12-01T00:00:00Z")),
            "2026-12-02T00:00:00.000001Z",
            "past the new extended due instant",
        ),
    ];
    for (raised, extended, next, why) in cases {
        let r = resume(due, extended, &warn, raised, day);
        assert_eq!(r.due_at, t("2026-11-28T00:00:00Z"), "{why}");
        assert_eq!(r.extended_due_at, extended.map(|e| e + day), "{why}");
        assert_eq!(r.next_check_at, t(next), "{why}");
    }
    assert!(
        rules(Profile::FcaDisp)
            .timers
            .iter()
            .all(|r| r.pausable != r.regulatory)
    );
}

#[test]
fn warnings_fall_at_half_and_three_quarters() {
    let w = warnings(t("2026-11-23T00:00:00Z"), t("2026-11-27T00:00:00Z"));
    assert_eq!(
        w,
        vec![t("2026-11-25T00:00:00Z"), t("2026-11-26T00:00:00Z")]
    );
}

#[test]
fn regulatory_timers_are_marked_and_every_regulatory_profile_has_one() {
    for profile in Profile::ALL {
        let r = rules(*profile);
        assert_eq!(
            r.timers.iter().any(|t| t.regulatory),
            *profile != Profile::Internal,
            "{}",
            profile.as_str()
        );
        assert!(
            r.max_stages == 1 || r.timers.iter().any(|t| t.stage == Some(2)),
            "{}",
            profile.as_str()
        );
        if let Some(window) = r.summary_window {
            assert!(r.timers.iter().any(|t| t.name == window));
        }
    }
}

#[test]
fn business_days_counted_past_the_known_holidays_are_marked() {
    let rules = rules(Profile::FcaDisp);
    let cal = Calendar::of(rules.calendar, [], []);
    let tz: Tz = rules.calendar.time_zone().parse().unwrap_or(Tz::UTC);
    let locale = Locale { calendar: &cal, tz };
    let marks = |at: &str| -> Vec<(&'static str, bool, DateTime<Utc>)> {
        schedule(&rules, &received(at), &locale)
            .into_iter()
            .map(|s| (s.rule.name, s.beyond_calendar, s.due_at))
            .collect()
    };
    // Monday 30 December 2030: the SRC window runs into 2031, past the one-off data, and
    // skips New Year's Day by rule; eight weeks read no holidays, so nothing can move them.
    let late = marks("2030-12-30T09:00:00Z");
    assert!(
        late.contains(&("summary_resolution", true, t("2031-01-03T17:00:00Z"))),
        "{late:?}"
    );
    assert!(
        late.iter().any(|m| m.0 == "final_response" && !m.1),
        "{late:?}"
    );
    // Within the known years nothing is marked; a bare set of dates knows no years at all.
    assert!(marks("2030-11-04T09:00:00Z").iter().all(|m| !m.1));
    let bare = Calendar::new([]);
    let locale = Locale {
        calendar: &bare,
        tz,
    };
    assert!(
        schedule(&rules, &received("2040-01-02T09:00:00Z"), &locale)
            .iter()
            .all(|s| !s.beyond_calendar)
    );
}

#[test]
fn due_within_business_days_reaches_the_end_of_the_nth_business_day_locally() {
    // US federal calendar, New York time; Thanksgiving is Thursday 26 November 2026.
    let cal = calendar(CalendarId::UsFederal);
    let locale = Locale {
        calendar: &cal,
        tz: "America/New_York".parse().unwrap_or(Tz::UTC),
    };
    // (now, n, end of the window)
    let cases = [
        // Tuesday 24 November, 22:00 in New York: still Tuesday there.
        ("2026-11-25T03:00:00Z", 0, "2026-11-25T04:59:59.999999Z"),
        ("2026-11-25T03:00:00Z", 1, "2026-11-26T04:59:59.999999Z"),
        // Wednesday + 1 business day skips Thanksgiving to Friday.
        ("2026-11-25T15:00:00Z", 1, "2026-11-28T04:59:59.999999Z"),
        // From Saturday, 0 days is the next business day, Monday.
        ("2026-11-28T15:00:00Z", 0, "2026-12-01T04:59:59.999999Z"),
    ];
    for (now, n, end) in cases {
        assert_eq!(
            business_days_ahead(&locale, t(now), n),
            t(end),
            "{now} + {n}"
        );
    }
}
