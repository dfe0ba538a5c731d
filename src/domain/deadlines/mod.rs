//! Each regulatory profile's timers, and the arithmetic that turns a starting instant into a
//! due instant: calendar days, business days against a holiday calendar, weeks and hours, in
//! the calendar's own time zone. The same functions set a real case's timers and answer the
//! deadline preview.

pub mod calendar;
pub mod holidays;
mod internal;
pub mod purpose;

pub use internal::*;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::domain::{
    case::complaint::Profile, deadlines::calendar::Calendar, deadlines::holidays::CalendarId,
};

/// The event whose instant starts a timer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StartEvent {
    Received,
    Acknowledged,
    EscalationReceived,
    EscalationAcknowledged,
    /// A team leader reopened the case.
    Reopened,
}

impl StartEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            StartEvent::Received => "received",
            StartEvent::Acknowledged => "acknowledged",
            StartEvent::EscalationReceived => "escalation_received",
            StartEvent::EscalationAcknowledged => "escalation_acknowledged",
            StartEvent::Reopened => "reopened",
        }
    }
}

crate::domain::case::complaint::vocabulary!(
    /// Where a complaint's timer stands.
    TimerState {
        Running = "running",
        Paused = "paused",
        Met = "met",
        Breached = "breached",
        Missed = "missed",
        Lapsed = "lapsed",
        Stopped = "stopped",
    }
);

crate::domain::case::complaint::vocabulary!(
    /// What kind of limit a timer is, which decides what passing it means: a `deadline` is
    /// set by a rule (passing it is a breach, escalated and counted as one); a `target` is set
    /// by the organisation (passing it is a missed target, counted apart and never called a
    /// breach); a `window` is an option a rule allows until a limit, such as the FCA's summary
    /// resolution (passing it closes that route and breaks nothing).
    TimerKind {
        Deadline = "deadline",
        Target = "target",
        Window = "window",
    }
);

impl TimerKind {
    /// The state a running timer of this kind takes when its due instant passes.
    pub fn passed_state(self) -> TimerState {
        match self {
            TimerKind::Deadline => TimerState::Breached,
            TimerKind::Target => TimerState::Missed,
            TimerKind::Window => TimerState::Lapsed,
        }
    }

    /// The audit event (and webhook) that records its passing.
    pub fn passed_event(self) -> &'static str {
        match self {
            TimerKind::Deadline => "timer.breached",
            TimerKind::Target => "timer.missed",
            TimerKind::Window => "timer.lapsed",
        }
    }
}

/// How long a timer runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    CalendarDays(u32),
    BusinessDays(u32),
    Weeks(u32),
    /// Exactly this many hours after the start, whatever the due rule says.
    Hours(u32),
}

/// What "due" means on the last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueAt {
    /// The end of the last day, local time.
    EndOfDay,
    /// Close of business on the last day, local time.
    CloseOfBusiness,
}

/// How a timer may be extended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExtensionRule {
    /// The latest an extended deadline may be, counted from the timer's start; `None` when
    /// the profile sets no cap (the new date is agreed with the complainant).
    pub cap: Option<Span>,
    /// A notice must be sent before the original deadline.
    pub notice_required: bool,
}

/// One timer of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimerRule {
    pub name: &'static str,
    /// The stage it belongs to, when it is stage-specific.
    pub stage: Option<u8>,
    pub starts_on: StartEvent,
    pub span: Span,
    pub due: DueAt,
    pub kind: TimerKind,
    /// Set by regulation (a deadline or a window: never paused); otherwise an internal target.
    pub regulatory: bool,
    /// Pauses while the case awaits information: internal targets only.
    pub pausable: bool,
    pub extension: Option<ExtensionRule>,
}

/// A profile's procedure shape and timers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileRules {
    pub profile: Profile,
    pub max_stages: u8,
    /// The calendar (and so the time zone) its business days and days are counted in.
    pub calendar: CalendarId,
    /// Receipt after close of business, or on a non-business day, counts as receipt on the
    /// next business day for business-day timers.
    pub after_hours_rollover: bool,
    pub close_of_business: NaiveTime,
    /// The timer bounding summary (early) resolution, if the profile has one.
    pub summary_window: Option<&'static str>,
    /// A response may go out with its root-cause analysis pending (the organisation's
    /// setting, see [`InternalTargets::rca_pending_allowed`]).
    pub rca_pending_allowed: bool,
    pub timers: Vec<TimerRule>,
}

/// Warnings fire at these fractions of a timer's running time.
pub const WARN_FRACTIONS: [f64; 2] = [0.5, 0.75];

const fn timer(
    name: &'static str,
    stage: Option<u8>,
    starts_on: StartEvent,
    span: Span,
    due: DueAt,
    kind: TimerKind,
) -> TimerRule {
    let regulatory = !matches!(kind, TimerKind::Target);
    TimerRule {
        name,
        stage,
        starts_on,
        span,
        due,
        kind,
        regulatory,
        pausable: !regulatory,
        extension: None,
    }
}

const fn extendable(mut rule: TimerRule, cap: Option<Span>) -> TimerRule {
    rule.extension = Some(ExtensionRule {
        cap,
        notice_required: true,
    });
    rule
}

/// The rules of each profile (sources and open points: `procedure.md` §B). The `internal`
/// profile's rules here are its defaults; [`internal_rules`] applies an organisation's own.
pub fn rules(profile: Profile) -> ProfileRules {
    use DueAt::*;
    use Span::*;
    use StartEvent::*;
    use TimerKind::*;
    let five_pm = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default();
    let base = |max_stages, calendar, summary_window, timers| ProfileRules {
        profile,
        max_stages,
        calendar,
        after_hours_rollover: false,
        close_of_business: five_pm,
        summary_window,
        rca_pending_allowed: false,
        timers,
    };
    match profile {
        // DISP 1.5 / 1.6: SRC by close of the 3rd business day after receipt; final or
        // holding response by the end of 8 weeks. A holding response does not move the clock.
        Profile::FcaDisp => base(
            1,
            CalendarId::EnglandWales,
            Some("summary_resolution"),
            vec![
                timer(
                    "acknowledgement",
                    None,
                    Received,
                    BusinessDays(5),
                    EndOfDay,
                    Target,
                ),
                timer(
                    "summary_resolution",
                    None,
                    Received,
                    BusinessDays(3),
                    CloseOfBusiness,
                    Window,
                ),
                timer(
                    "final_response",
                    None,
                    Received,
                    Weeks(8),
                    EndOfDay,
                    Deadline,
                ),
            ],
        ),
        // DISP 1.6.2AR: 15 business days; a holding reply within them allows up to 35.
        Profile::FcaPsd => base(
            1,
            CalendarId::EnglandWales,
            Some("summary_resolution"),
            vec![
                timer(
                    "acknowledgement",
                    None,
                    Received,
                    BusinessDays(5),
                    EndOfDay,
                    Target,
                ),
                timer(
                    "summary_resolution",
                    None,
                    Received,
                    BusinessDays(3),
                    CloseOfBusiness,
                    Window,
                ),
                extendable(
                    timer(
                        "final_response",
                        None,
                        Received,
                        BusinessDays(15),
                        EndOfDay,
                        Deadline,
                    ),
                    Some(BusinessDays(35)),
                ),
            ],
        ),
        // SPSO model CHP: stage 1 in 5 working days (exceptional extension, 10 in total);
        // stage 2 acknowledged in 3 and answered in 20, revised dates notified and agreed.
        Profile::Spso => base(
            2,
            CalendarId::Scotland,
            None,
            vec![
                extendable(
                    timer(
                        "stage1_response",
                        Some(1),
                        Received,
                        BusinessDays(5),
                        EndOfDay,
                        Deadline,
                    ),
                    Some(BusinessDays(10)),
                ),
                timer(
                    "stage2_acknowledgement",
                    Some(2),
                    EscalationReceived,
                    BusinessDays(3),
                    EndOfDay,
                    Deadline,
                ),
                extendable(
                    timer(
                        "stage2_response",
                        Some(2),
                        EscalationReceived,
                        BusinessDays(20),
                        EndOfDay,
                        Deadline,
                    ),
                    None,
                ),
            ],
        ),
        // Housing Ombudsman Code 2024: acknowledge in 5; stage 1 in 10 from acknowledgement
        // (+10); stage 2 acknowledged in 5, answered in 20 from that acknowledgement (+20).
        Profile::HousingOmbudsman => base(
            2,
            CalendarId::EnglandWales,
            None,
            vec![
                timer(
                    "stage1_acknowledgement",
                    Some(1),
                    Received,
                    BusinessDays(5),
                    EndOfDay,
                    Deadline,
                ),
                extendable(
                    timer(
                        "stage1_response",
                        Some(1),
                        Acknowledged,
                        BusinessDays(10),
                        EndOfDay,
                        Deadline,
                    ),
                    Some(BusinessDays(20)),
                ),
                timer(
                    "stage2_acknowledgement",
                    Some(2),
                    EscalationReceived,
                    BusinessDays(5),
                    EndOfDay,
                    Deadline,
                ),
                extendable(
                    timer(
                        "stage2_response",
                        Some(2),
                        EscalationAcknowledged,
                        BusinessDays(20),
                        EndOfDay,
                        Deadline,
                    ),
                    Some(BusinessDays(40)),
                ),
            ],
        ),
        // RG 271: acknowledge within 1 business day; closed by the end of the 5th business day
        // without a written response; IDR response in 30 calendar days, longer only with a
        // delay notification before the deadline.
        Profile::AsicRg271 => base(
            1,
            CalendarId::NewSouthWales,
            Some("summary_resolution"),
            vec![
                timer(
                    "acknowledgement",
                    None,
                    Received,
                    BusinessDays(1),
                    EndOfDay,
                    Deadline,
                ),
                timer(
                    "summary_resolution",
                    None,
                    Received,
                    BusinessDays(5),
                    EndOfDay,
                    Window,
                ),
                extendable(
                    timer(
                        "final_response",
                        None,
                        Received,
                        CalendarDays(30),
                        EndOfDay,
                        Deadline,
                    ),
                    None,
                ),
            ],
        ),
        Profile::Internal => internal_rules(&InternalTargets::default()),
        // CFPB: a response in 15 calendar days, the final one in 60; no extensions.
        Profile::Cfpb => base(
            1,
            CalendarId::UsFederal,
            None,
            vec![
                timer(
                    "response",
                    None,
                    Received,
                    CalendarDays(15),
                    EndOfDay,
                    Deadline,
                ),
                timer(
                    "final_response",
                    None,
                    Received,
                    CalendarDays(60),
                    EndOfDay,
                    Deadline,
                ),
            ],
        ),
    }
}

/// Where deadlines are computed: a holiday calendar and its time zone.
#[derive(Clone, Debug)]
pub struct Locale<'a> {
    pub calendar: &'a Calendar,
    pub tz: Tz,
}

fn local_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // A local time skipped by a DST change resolves to the first instant after the gap.
    let local = tz.from_local_datetime(&date.and_time(time));
    match local.latest() {
        Some(t) => t.with_timezone(&Utc),
        None => tz
            .from_local_datetime(&(date.and_time(time) + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default(),
    }
}

fn end_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    local_instant(
        tz,
        date,
        NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or_default(),
    )
}

/// The end of the `n`th business day after the day of `now` where `locale` keeps time (the
/// day itself when `n` is 0, or the next business day when it is not one): what "due within
/// `n` business days" reaches to. The same day count as a deadline's, so a timer set `n`
/// business days ahead today is within it.
pub fn business_days_ahead(locale: &Locale<'_>, now: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    let today = now.with_timezone(&locale.tz).date_naive();
    end_of_day(locale.tz, locale.calendar.add_business_days(today, n))
}

/// When a timer of `rules` that started at `start` falls due, for a span of `span`.
pub fn due_at(
    rules: &ProfileRules,
    rule: &TimerRule,
    span: Span,
    start: DateTime<Utc>,
    locale: &Locale<'_>,
) -> DateTime<Utc> {
    let local = start.with_timezone(&locale.tz);
    let start_date = local.date_naive();
    let last_day = match span {
        Span::Hours(h) => return start + Duration::hours(i64::from(h)),
        Span::CalendarDays(n) => start_date + Duration::days(i64::from(n)),
        Span::Weeks(n) => start_date + Duration::days(7 * i64::from(n)),
        Span::BusinessDays(n) => {
            let after_hours = local.time() >= rules.close_of_business
                || !locale.calendar.is_business_day(start_date);
            let day0 = if rules.after_hours_rollover && after_hours {
                locale.calendar.add_business_days(start_date, 1)
            } else {
                start_date
            };
            locale.calendar.add_business_days(day0, n)
        }
    };
    match rule.due {
        DueAt::EndOfDay => end_of_day(locale.tz, last_day),
        DueAt::CloseOfBusiness => local_instant(locale.tz, last_day, rules.close_of_business),
    }
}

/// The instants at which a timer running from `start` to `due` warns.
#[expect(
    clippy::as_conversions,
    reason = "a fraction of a span in f64 microseconds: exact below 2^53 µs (285 years), and f64 to i64 has no conversion but `as`, which saturates"
)]
pub fn warnings(start: DateTime<Utc>, due: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let running = (due - start).num_microseconds().unwrap_or(0).max(0) as f64;
    WARN_FRACTIONS
        .iter()
        .map(|f| start + Duration::microseconds((running * f) as i64))
        .collect()
}

/// The instants that start timers, as far as they are known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Starts {
    pub received: Option<DateTime<Utc>>,
    pub acknowledged: Option<DateTime<Utc>>,
    pub escalation_received: Option<DateTime<Utc>>,
    pub escalation_acknowledged: Option<DateTime<Utc>>,
}

impl Starts {
    pub fn of(&self, event: StartEvent) -> Option<DateTime<Utc>> {
        match event {
            StartEvent::Received => self.received,
            StartEvent::Acknowledged => self.acknowledged,
            StartEvent::EscalationReceived => self.escalation_received,
            StartEvent::EscalationAcknowledged => self.escalation_acknowledged,
            StartEvent::Reopened => None,
        }
    }
}

/// A timer's computed schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub rule: TimerRule,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub warn_at: Vec<DateTime<Utc>>,
    /// The latest an extension may move it to, where the profile caps extensions.
    pub extension_cap: Option<DateTime<Utc>>,
    /// Counted in business days into a year whose one-off holidays are not known yet.
    pub beyond_calendar: bool,
}

/// Whether a timer due at `due` after `span` was counted over days the calendar's one-off
/// data does not reach: only business days read the holiday calendar, so only they can miss
/// a holiday proclaimed later.
pub fn beyond_calendar(span: Span, due: DateTime<Utc>, locale: &Locale<'_>) -> bool {
    matches!(span, Span::BusinessDays(_))
        && locale
            .calendar
            .is_beyond_known(due.with_timezone(&locale.tz).date_naive())
}

/// Every timer of the profile whose starting event is known.
pub fn schedule(rules: &ProfileRules, starts: &Starts, locale: &Locale<'_>) -> Vec<Schedule> {
    rules
        .timers
        .iter()
        .filter_map(|rule| {
            let started_at = starts.of(rule.starts_on)?;
            let due = due_at(rules, rule, rule.span, started_at, locale);
            let cap = rule
                .extension
                .and_then(|e| e.cap)
                .map(|cap| due_at(rules, rule, cap, started_at, locale));
            Some(Schedule {
                rule: *rule,
                started_at,
                due_at: due,
                warn_at: warnings(started_at, due),
                extension_cap: cap,
                beyond_calendar: beyond_calendar(rule.span, due, locale),
            })
        })
        .collect()
}

/// A paused timer resumed after `paused_for`: every instant it promises moves on by the pause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resumed {
    pub due_at: DateTime<Utc>,
    pub extended_due_at: Option<DateTime<Utc>>,
    pub warn_at: Vec<DateTime<Utc>>,
    /// When the sweeper next looks: the first warning not yet raised, else just past the due
    /// instant.
    pub next_check_at: DateTime<Utc>,
}

/// Resumes a paused timer.
pub fn resume(
    due_at: DateTime<Utc>,
    extended_due_at: Option<DateTime<Utc>>,
    warn_at: &[DateTime<Utc>],
    warnings_raised: usize,
    paused_for: Duration,
) -> Resumed {
    let paused_for = paused_for.max(Duration::zero());
    let warn_at: Vec<_> = warn_at.iter().map(|w| *w + paused_for).collect();
    let due_at = due_at + paused_for;
    let extended_due_at = extended_due_at.map(|d| d + paused_for);
    let next_check_at = warn_at
        .get(warnings_raised)
        .copied()
        .unwrap_or(extended_due_at.unwrap_or(due_at) + Duration::microseconds(1));
    Resumed {
        due_at,
        extended_due_at,
        warn_at,
        next_check_at,
    }
}

/// What a sweep finds on a running timer at `now`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimerCheck {
    /// Indexes of the warnings to raise now, each exactly once.
    pub warnings: Vec<usize>,
    /// The deadline has passed.
    pub breached: bool,
    /// How many warnings will have been raised after this check.
    pub warnings_raised: usize,
    /// When to look again; `None` once breached.
    pub next_check_at: Option<DateTime<Utc>>,
}

/// Checks a running timer: warnings whose instant has come and not yet been raised, and a
/// breach once `now` is past `due`. A breach found late raises no stale warnings.
pub fn check_timer(
    warn_at: &[DateTime<Utc>],
    warnings_raised: usize,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> TimerCheck {
    if now > due {
        return TimerCheck {
            warnings: Vec::new(),
            breached: true,
            warnings_raised: warn_at.len(),
            next_check_at: None,
        };
    }
    let warnings: Vec<usize> = warn_at
        .iter()
        .enumerate()
        .skip(warnings_raised)
        .filter(|(_, at)| **at <= now)
        .map(|(i, _)| i)
        .collect();
    let raised = warnings.last().map_or(warnings_raised, |last| last + 1);
    let next = warn_at
        .get(raised)
        .copied()
        .unwrap_or(due + Duration::microseconds(1));
    TimerCheck {
        warnings,
        breached: false,
        warnings_raised: raised,
        next_check_at: Some(next),
    }
}

#[cfg(test)]
mod tests;
