//! Administration: teams and the caller, health, regulatory profiles and their timer rules,
//! deadline previews, holiday calendars and the internal profile's targets.

use super::*;

/// A team to create.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewTeam {
    /// Key as carried in tokens' `team` claim: lower-case letters, digits, `_`, `-`.
    #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
    pub id: StrictString,
    /// Display name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub name: StrictString,
}

/// A team.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Team {
    /// Key, as carried in tokens' `team` claim.
    pub id: String,
    /// Display name.
    pub name: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Version for optimistic concurrency.
    pub version: i64,
}

impl From<entity::team::Model> for Team {
    fn from(t: entity::team::Model) -> Self {
        Team {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            version: t.version,
        }
    }
}

/// A page of teams.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct TeamPage {
    /// Teams in key order.
    pub items: Vec<Team>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The caller, as its token describes it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Me {
    /// Token subject.
    pub sub: String,
    /// Display name.
    pub name: String,
    /// Recognised roles.
    pub roles: Vec<Role>,
    /// Team, for agents and team leaders.
    pub team: Option<String>,
    /// What the roles allow.
    pub permissions: Vec<String>,
}

/// Liveness or readiness.
#[derive(Object, Debug)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

mirror!(
    /// A holiday calendar: its business days and time zone govern a profile's deadlines.
    CalendarId <=> domain::deadlines::holidays::CalendarId {
        #[oai(rename = "uk-england-wales")]
        EnglandWales,
        #[oai(rename = "uk-scotland")]
        Scotland,
        #[oai(rename = "uk-northern-ireland")]
        NorthernIreland,
        #[oai(rename = "au-nsw")]
        NewSouthWales,
        #[oai(rename = "us-federal")]
        UsFederal,
    }
);

mirror!(
    /// The event whose instant starts a timer.
    StartEvent <=> domain::deadlines::StartEvent { Received, Acknowledged, EscalationReceived, EscalationAcknowledged, Reopened }
);

/// The unit a timer is counted in.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SpanUnit {
    CalendarDays,
    BusinessDays,
    Weeks,
    Hours,
}

/// A length of time in one unit.
#[derive(Object, Debug, Clone)]
pub struct Span {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: SpanUnit,
}

impl From<domain::deadlines::Span> for Span {
    fn from(s: domain::deadlines::Span) -> Self {
        use domain::deadlines::Span as S;
        let (amount, unit) = match s {
            S::CalendarDays(n) => (n, SpanUnit::CalendarDays),
            S::BusinessDays(n) => (n, SpanUnit::BusinessDays),
            S::Weeks(n) => (n, SpanUnit::Weeks),
            S::Hours(n) => (n, SpanUnit::Hours),
        };
        Span { amount, unit }
    }
}

/// When, on the last day, a timer falls due.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DueRule {
    /// The end of the last day, local time.
    EndOfDay,
    /// Close of business on the last day, local time.
    CloseOfBusiness,
}

/// How a timer may be extended.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ExtensionRule {
    /// The latest an extended deadline may be, from the timer's start; absent when the new
    /// date is agreed with the complainant instead.
    pub cap: Option<Span>,
    /// A notice must be sent before the original deadline.
    pub notice_required: bool,
}

/// One timer of a profile.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerRule {
    /// Timer name, e.g. `final_response`.
    pub name: String,
    /// The stage it belongs to, when stage-specific.
    pub stage: Option<i32>,
    /// What starts it.
    pub starts_on: StartEvent,
    /// How long it runs.
    pub span: Span,
    /// When on the last day it falls due.
    pub due: DueRule,
    /// Set by regulation rather than an internal target.
    pub regulatory: bool,
    /// Whether it pauses while awaiting information (never, for regulatory timers).
    pub pausable: bool,
    /// Fractions of its running time at which it warns.
    pub warn_fractions: Vec<f64>,
    /// How it may be extended, if at all.
    pub extension: Option<ExtensionRule>,
}

impl From<domain::deadlines::TimerRule> for TimerRule {
    fn from(r: domain::deadlines::TimerRule) -> Self {
        TimerRule {
            name: r.name.to_owned(),
            stage: r.stage.map(i32::from),
            starts_on: r.starts_on.into(),
            span: r.span.into(),
            due: match r.due {
                domain::deadlines::DueAt::EndOfDay => DueRule::EndOfDay,
                domain::deadlines::DueAt::CloseOfBusiness => DueRule::CloseOfBusiness,
            },
            regulatory: r.regulatory,
            pausable: r.pausable,
            warn_fractions: domain::deadlines::WARN_FRACTIONS.to_vec(),
            extension: r.extension.map(|e| ExtensionRule {
                cap: e.cap.map(Into::into),
                notice_required: e.notice_required,
            }),
        }
    }
}

/// A regulatory profile: its stages, calendar and timers.
#[derive(Object, Debug, Clone)]
#[oai(skip_serializing_if_is_none)]
pub struct ProfileInfo {
    /// Profile id.
    pub profile: Profile,
    /// How many stages the procedure has.
    pub max_stages: i32,
    /// Holiday calendar for business days.
    pub calendar: CalendarId,
    /// IANA time zone days are counted in.
    pub time_zone: String,
    /// Whether receipt after close of business (or on a non-business day) counts as receipt on
    /// the next business day for business-day timers.
    pub after_hours_rollover: bool,
    /// Close of business, local time (`HH:MM`).
    pub close_of_business: String,
    /// The timer bounding summary resolution, where the profile has one.
    pub summary_window: Option<String>,
    /// The timers.
    pub timers: Vec<TimerRule>,
}

impl From<domain::deadlines::ProfileRules> for ProfileInfo {
    fn from(r: domain::deadlines::ProfileRules) -> Self {
        ProfileInfo {
            profile: r.profile.into(),
            max_stages: r.max_stages.into(),
            calendar: r.calendar.into(),
            time_zone: r.calendar.time_zone().to_owned(),
            after_hours_rollover: r.after_hours_rollover,
            close_of_business: r.close_of_business.format("%H:%M").to_string(),
            summary_window: r.summary_window.map(str::to_owned),
            timers: r.timers.into_iter().map(Into::into).collect(),
        }
    }
}

/// The profiles.
#[derive(Object, Debug)]
pub struct ProfileList {
    /// Every profile (a short, fixed list: no pages).
    pub items: Vec<ProfileInfo>,
}

/// One timer's computed schedule.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct TimerPreview {
    /// Timer name.
    pub name: String,
    /// The stage it belongs to, when stage-specific.
    pub stage: Option<i32>,
    /// What started it.
    pub starts_on: StartEvent,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it falls due.
    pub due_at: DateTime<Utc>,
    /// When it warns.
    pub warn_at: Vec<DateTime<Utc>>,
    /// The latest an extension may move it to, where the profile caps extensions.
    pub extension_cap: Option<DateTime<Utc>>,
    /// Set by regulation rather than an internal target.
    pub regulatory: bool,
    /// Counted in business days into a year past the calendar's known one-off holidays: a
    /// holiday proclaimed later could move it.
    pub beyond_calendar: bool,
}

impl From<domain::deadlines::Schedule> for TimerPreview {
    fn from(s: domain::deadlines::Schedule) -> Self {
        TimerPreview {
            name: s.rule.name.to_owned(),
            stage: s.rule.stage.map(i32::from),
            starts_on: s.rule.starts_on.into(),
            started_at: s.started_at,
            due_at: s.due_at,
            warn_at: s.warn_at,
            extension_cap: s.extension_cap,
            regulatory: s.rule.regulatory,
            beyond_calendar: s.beyond_calendar,
        }
    }
}

/// Every timer a case of this profile would get, for the given starting instants.
#[derive(Object, Debug)]
pub struct DeadlinePreview {
    /// The profile.
    pub profile: Profile,
    /// The calendar used.
    pub calendar: CalendarId,
    /// The time zone days are counted in.
    pub time_zone: String,
    /// Timers whose starting event was given, in the profile's order.
    pub timers: Vec<TimerPreview>,
}

/// A date of a holiday calendar.
#[derive(Object, Debug)]
pub struct Holiday {
    /// The calendar.
    pub calendar: CalendarId,
    /// The date.
    pub date: crate::api::kit::strict::IsoDate,
    /// False for a date an admin removed.
    pub active: bool,
    /// `seed` (from the jurisdiction's rules) or `admin`.
    pub source: String,
}

impl TryFrom<entity::holiday::Model> for Holiday {
    type Error = crate::error::ApiError;

    fn try_from(h: entity::holiday::Model) -> Result<Self, Self::Error> {
        let calendar: domain::deadlines::holidays::CalendarId =
            crate::service::stored::stored("holidays.calendar", &h.calendar)?;
        Ok(Holiday {
            calendar: calendar.into(),
            date: crate::api::kit::strict::IsoDate(h.date),
            active: h.active,
            source: h.source,
        })
    }
}

/// A calendar's dates.
#[derive(Object, Debug)]
pub struct HolidayList {
    /// Dates in order (one calendar, optionally one year: a bounded list, no pages).
    pub items: Vec<Holiday>,
}

/// The `internal` profile's targets: complaints no regulator governs.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct InternalTargets {
    /// The holiday calendar (and so the time zone) days are counted in.
    pub calendar: CalendarId,
    /// One or two stages.
    #[oai(validator(minimum(value = "1"), maximum(value = "2")))]
    pub stages: u8,
    /// Acknowledge within this many business days of receipt.
    #[oai(validator(minimum(value = "1"), maximum(value = "60")))]
    pub acknowledgement_business_days: u32,
    /// Respond at stage 1 (or finally, with one stage) within this many business days of
    /// receipt.
    #[oai(validator(minimum(value = "1"), maximum(value = "250")))]
    pub stage1_response_business_days: u32,
    /// Respond at stage 2 within this many business days of the escalation.
    #[oai(validator(minimum(value = "1"), maximum(value = "250")))]
    pub stage2_response_business_days: u32,
    /// Whether, under every profile, a response may go out with its root-cause analysis
    /// still to do (`rca_pending`), for an analyst to classify later. Off by default: an
    /// upheld finding then needs its primary root cause. Left out, it is off; `null` is
    /// refused.
    pub rca_pending_allowed: crate::api::kit::strict::NoNull<bool>,
}

/// The `internal` profile's targets and the version of that setting.
#[derive(Object, Debug)]
pub struct InternalTargetsSetting {
    /// The targets.
    pub targets: InternalTargets,
    /// Moves on every change; 0 while the defaults apply.
    pub version: i64,
}

impl From<InternalTargets> for domain::deadlines::InternalTargets {
    fn from(t: InternalTargets) -> Self {
        domain::deadlines::InternalTargets {
            calendar: t.calendar.into(),
            stages: t.stages,
            acknowledgement_business_days: t.acknowledgement_business_days,
            stage1_response_business_days: t.stage1_response_business_days,
            stage2_response_business_days: t.stage2_response_business_days,
            rca_pending_allowed: t.rca_pending_allowed.into_option().unwrap_or(false),
        }
    }
}

impl From<domain::deadlines::InternalTargets> for InternalTargets {
    fn from(t: domain::deadlines::InternalTargets) -> Self {
        InternalTargets {
            calendar: t.calendar.into(),
            stages: t.stages,
            acknowledgement_business_days: t.acknowledgement_business_days,
            stage1_response_business_days: t.stage1_response_business_days,
            stage2_response_business_days: t.stage2_response_business_days,
            rca_pending_allowed: crate::api::kit::strict::NoNull(Some(t.rca_pending_allowed)),
        }
    }
}
