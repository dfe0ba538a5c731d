//! Property-based tests of the pure domain: the procedure's state machine walked at random,
//! deadline arithmetic over random instants and every profile, the audit hash chain under
//! random tampering, the rate-limit token bucket over random request instants, and the list
//! cursor over arbitrary strings.
#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};
use uuid::Uuid;

use recourse::api::{clamp_instant, decode_cursor, encode_cursor};
use recourse::domain::access::ratelimit::{Bucket, RateLimit};
use recourse::domain::access::rbac::Role;
use recourse::domain::case::audit::{
    ChainVerdict, GENESIS_HASH, Link, StoredLink, canonical_json, hash_link, verify_chain,
};
use recourse::domain::case::complaint::{Profile, State};
use recourse::domain::case::procedure::{
    ActionKind, Effects, Facts, Outcome, Refusal, allowed_roles, is_terminal, owes_response,
    sources, transition,
};
use recourse::domain::deadlines::calendar::Calendar;
use recourse::domain::deadlines::holidays::{CalendarId, holidays};
use recourse::domain::deadlines::purpose::{Live, Purpose, TimerEffect, effect, started_by};
use recourse::domain::deadlines::{
    DueAt, InternalTargets, Locale, ProfileRules, REOPEN_TARGET, Span, StartEvent, Starts,
    TimerKind, due_at, internal_rules, purpose::reopened_name, reopen_rule, rules, schedule,
    with_internal_review,
};
use recourse::domain::rule::RefusalKind;

/// 256 cases a property; failures are reported with their shrunk input, not written to a
/// regressions file beside the test.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(256)
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: instants, calendars, profiles.

/// 2015-01-01T00:00:00Z and 2030-06-30T00:00:00Z: the span random instants are drawn from.
const FROM_SECS: i64 = 1_420_070_400;
const TO_SECS: i64 = 1_909_008_000;

/// Holidays are loaded for these years: every instant drawn, plus room for the longest
/// deadline and the longest walk.
const FIRST_YEAR: i32 = 2014;
const LAST_YEAR: i32 = 2033;

fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap()
}

fn an_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (FROM_SECS..TO_SECS).prop_map(instant)
}

fn calendar(id: CalendarId) -> &'static Calendar {
    static CALENDARS: OnceLock<Vec<Calendar>> = OnceLock::new();
    let all = CALENDARS.get_or_init(|| {
        CalendarId::ALL
            .iter()
            .map(|id| Calendar::new((FIRST_YEAR..=LAST_YEAR).flat_map(|y| holidays(*id, y))))
            .collect()
    });
    let index = CalendarId::ALL.iter().position(|c| *c == id).unwrap();
    &all[index]
}

fn tz(id: CalendarId) -> Tz {
    id.time_zone().parse().unwrap()
}

fn locale(id: CalendarId) -> Locale<'static> {
    Locale {
        calendar: calendar(id),
        tz: tz(id),
    }
}

/// An independent oracle for a working day: Monday to Friday and not in the jurisdiction's
/// published holiday list for that year (read straight from the holiday rules, not through
/// [`Calendar`]).
fn is_working_day(id: CalendarId, date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && !holidays(id, date.year()).contains(&date)
}

fn internal_targets() -> impl Strategy<Value = InternalTargets> {
    (
        prop::sample::select(CalendarId::ALL.to_vec()),
        1u8..=2,
        0u32..=10,
        0u32..=30,
        0u32..=40,
    )
        .prop_map(|(calendar, stages, ack, s1, s2)| InternalTargets {
            calendar,
            stages,
            acknowledgement_business_days: ack,
            stage1_response_business_days: s1,
            stage2_response_business_days: s2,
            rca_pending_allowed: false,
        })
}

/// Every built-in profile, and the internal profile with random targets, as the service runs
/// them (a one-stage profile's internal review against the internal targets); with or without
/// after-hours rollover.
fn profile_rules() -> impl Strategy<Value = ProfileRules> {
    let profile = prop_oneof![
        3 => (prop::sample::select(Profile::ALL.to_vec()), internal_targets())
            .prop_map(|(p, t)| with_internal_review(rules(p), &t)),
        1 => internal_targets().prop_map(|t| with_internal_review(internal_rules(&t), &t)),
    ];
    (profile, any::<bool>()).prop_map(|(mut rules, rollover)| {
        rules.after_hours_rollover = rollover;
        rules
    })
}

// ---------------------------------------------------------------------------------------------
// 1. The procedure, walked at random.

const ACTORS: [&str; 4] = ["ana", "ben", "cal", "dee"];
const THRESHOLD: i64 = 50_000;

/// What a step's request body and circumstances say, beyond what the case itself holds.
#[derive(Clone, Debug)]
struct Body {
    outcome: Option<Outcome>,
    has_primary_cause: bool,
    rca_pending: bool,
    profile_allows_rca_pending: bool,
    redress_minor: i64,
    matches_proposal: bool,
    remedies_settled: bool,
    reason: Option<String>,
    assign_to: (usize, bool),
    /// allowed, notice given, notice in time, within cap.
    extension: [bool; 4],
}

/// Which action a step takes.
#[derive(Clone, Debug)]
enum Pick {
    /// This one, whatever the state.
    Any(ActionKind),
    /// One of those the state allows (by [`sources`]), chosen by the index, with the actions
    /// that end a case early weighted down so that walks get far.
    Fitting(prop::sample::Index),
}

impl Pick {
    fn resolve(&self, state: State) -> ActionKind {
        let index = match self {
            Pick::Any(action) => return *action,
            Pick::Fitting(index) => index,
        };
        let weight = |a: &ActionKind| match a {
            ActionKind::Withdraw | ActionKind::Transfer | ActionKind::RejectScope => 1,
            _ => 4,
        };
        let fitting: Vec<_> = ActionKind::ALL
            .into_iter()
            .filter(|a| sources(*a).contains(&state))
            .collect();
        if fitting.is_empty() {
            return ActionKind::ALL[index.index(ActionKind::ALL.len())];
        }
        let mut at = index.index(fitting.iter().map(weight).sum());
        for action in &fitting {
            if at < weight(action) {
                return *action;
            }
            at -= weight(action);
        }
        fitting[0]
    }
}

#[derive(Clone, Debug)]
struct Step {
    /// Seconds since the previous step.
    gap: i64,
    pick: Pick,
    role: Role,
    actor: usize,
    body: Body,
}

fn a_role() -> impl Strategy<Value = Role> {
    prop_oneof![
        6 => Just(Role::TeamLeader),
        4 => Just(Role::Agent),
        1 => Just(Role::Integrator),
        1 => Just(Role::Auditor),
        1 => Just(Role::Analyst),
        1 => Just(Role::Admin),
    ]
}

prop_compose! {
    fn a_body()(
        outcome in prop::option::weighted(0.9, prop::sample::select(Outcome::ALL.to_vec())),
        has_primary_cause in prop::bool::weighted(0.8),
        rca_pending in any::<bool>(),
        profile_allows_rca_pending in any::<bool>(),
        redress_minor in prop_oneof![Just(0i64), 0i64..100_000],
        matches_proposal in prop::bool::weighted(0.9),
        remedies_settled in prop::bool::weighted(0.9),
        reason in prop_oneof![
            4 => Just(Some("new evidence".to_owned())),
            1 => Just(None),
            1 => Just(Some("  ".to_owned())),
        ],
        assign_to in (0..ACTORS.len(), prop::bool::weighted(0.9)),
        extension in prop::array::uniform4(prop::bool::weighted(0.8)),
    ) -> Body {
        Body {
            outcome,
            has_primary_cause,
            rca_pending,
            profile_allows_rca_pending,
            redress_minor,
            matches_proposal,
            remedies_settled,
            reason,
            assign_to,
            extension,
        }
    }
}

prop_compose! {
    fn a_step()(
        gap in prop_oneof![Just(0i64), 0i64..3_600, 0i64..259_200],
        pick in prop_oneof![
            1 => prop::sample::select(ActionKind::ALL.to_vec()).prop_map(Pick::Any),
            3 => any::<prop::sample::Index>().prop_map(Pick::Fitting),
        ],
        role in a_role(),
        actor in 0..ACTORS.len(),
        body in a_body(),
    ) -> Step {
        Step { gap, pick, role, actor, body }
    }
}

/// A complaint as the tests track it: what the service keeps of each allowed action's effects.
#[derive(Clone, Debug, PartialEq)]
struct Case {
    state: State,
    stage: u8,
    assignee: Option<String>,
    stage1_handler: Option<String>,
    approved: bool,
    /// Moves on by one with every change, as the service's `version` does.
    version: i64,
    starts: Starts,
    reopened: Vec<DateTime<Utc>>,
    /// A team leader escalated a one-stage profile.
    overridden: bool,
    /// The scheme's decision on the latest referral is recorded.
    referral_decided: bool,
    /// The timers not yet met or stopped, as the service keeps them: what each action does to
    /// them is `purpose::effect`, what it starts is `purpose::started_by`. Time passing is left
    /// out: a deadline that passed unmet still stands over the case (breached, not met).
    live: Vec<LiveTimer>,
}

/// A timer of the walk's case that is not yet met or stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
struct LiveTimer {
    name: String,
    purpose: Purpose,
    kind: TimerKind,
    regulatory: bool,
    paused: bool,
}

impl LiveTimer {
    fn of(rule: &recourse::domain::deadlines::TimerRule, name: String) -> LiveTimer {
        LiveTimer {
            purpose: Purpose::of_stored(&name).unwrap(),
            name,
            kind: rule.kind,
            regulatory: rule.regulatory,
            paused: false,
        }
    }
}

/// The walk's timers after `action` took the case from `before` to the case's current state.
fn timers_after(rules: &ProfileRules, case: &mut Case, action: ActionKind, before: State) {
    let mut kept = Vec::new();
    for mut t in std::mem::take(&mut case.live) {
        let live = Live {
            purpose: t.purpose,
            paused: t.paused,
            regulatory: t.regulatory,
        };
        match effect(action, case.state, case.stage, live) {
            None => kept.push(t),
            Some(TimerEffect::Pauses) => {
                t.paused = true;
                kept.push(t);
            }
            Some(TimerEffect::Resumes) => {
                t.paused = false;
                kept.push(t);
            }
            Some(TimerEffect::Meets | TimerEffect::Stops) => {}
        }
    }
    match started_by(action, before) {
        None => {}
        Some(StartEvent::Reopened) => {
            kept.push(LiveTimer::of(
                &reopen_rule(),
                reopened_name(case.reopened.len()),
            ));
        }
        Some(event) => {
            for rule in rules.timers.iter().filter(|r| r.starts_on == event) {
                if !kept.iter().any(|t| t.name == rule.name) {
                    kept.push(LiveTimer::of(rule, rule.name.to_owned()));
                }
            }
        }
    }
    case.live = kept;
}

/// One audit event, owned.
#[derive(Clone, Debug)]
struct Event {
    seq: i64,
    kind: String,
    actor: String,
    role: String,
    at: DateTime<Utc>,
    data: Value,
    prev: String,
    hash: String,
}

impl Event {
    fn link(&self) -> Link<'_> {
        Link {
            complaint_id: "c-1",
            seq: self.seq,
            kind: &self.kind,
            actor_id: &self.actor,
            actor_role: &self.role,
            occurred_at: self.at,
            data: &self.data,
            prev_hash: &self.prev,
        }
    }
}

fn stored(events: &[Event]) -> Vec<StoredLink<'_>> {
    events
        .iter()
        .map(|e| StoredLink {
            link: e.link(),
            hash: &e.hash,
        })
        .collect()
}

fn head(events: &[Event]) -> String {
    events
        .last()
        .map_or_else(|| GENESIS_HASH.to_owned(), |e| e.hash.clone())
}

/// Appends an event to a chain, linked to its predecessor.
fn append(
    events: &mut Vec<Event>,
    kind: &str,
    actor: &str,
    role: &str,
    at: DateTime<Utc>,
    data: Value,
) {
    let mut event = Event {
        seq: events.len() as i64 + 1,
        kind: kind.to_owned(),
        actor: actor.to_owned(),
        role: role.to_owned(),
        at,
        data,
        prev: head(events),
        hash: String::new(),
    };
    event.hash = hash_link(&event.link());
    events.push(event);
}

/// A walk's outcome: the case, its audit chain, and the steps allowed (each with the action
/// it took).
#[derive(Debug)]
struct Walk {
    case: Case,
    events: Vec<Event>,
    accepted: Vec<(DateTime<Utc>, Step)>,
    reached: Vec<State>,
}

/// Where a due instant is remembered, per timer.
type Dues = BTreeMap<String, DateTime<Utc>>;

/// The timers a case runs, by name: its profile's timers whose start is known, and one
/// target per reopening.
fn timers_of(rules: &ProfileRules, case: &Case) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    let locale = locale(rules.calendar);
    let mut out: Vec<_> = schedule(rules, &case.starts, &locale)
        .into_iter()
        .map(|s| (s.rule.name.to_owned(), s.started_at, s.due_at))
        .collect();
    let rule = reopen_rule();
    for (i, at) in case.reopened.iter().enumerate() {
        let due = due_at(rules, &rule, REOPEN_TARGET, *at, &locale);
        out.push((reopened_name(i + 1), *at, due));
    }
    out
}

fn facts_for(case: &Case, rules: &ProfileRules, step: &Step, now: DateTime<Utc>) -> Facts {
    let b = &step.body;
    let summary_window_due = rules.summary_window.and_then(|w| {
        schedule(rules, &case.starts, &locale(rules.calendar))
            .into_iter()
            .find(|s| s.rule.name == w)
            .map(|s| s.due_at)
    });
    Facts {
        now,
        actor: ACTORS[step.actor].to_owned(),
        role: step.role,
        stage: case.stage,
        max_stages: rules.max_stages,
        assignee: case.assignee.clone(),
        stage1_handler: case.stage1_handler.clone(),
        assign_to: Some((ACTORS[b.assign_to.0].to_owned(), b.assign_to.1)),
        outcome: b.outcome,
        has_primary_cause: b.has_primary_cause,
        rca_pending: b.rca_pending,
        profile_allows_rca_pending: b.profile_allows_rca_pending,
        redress_minor: b.redress_minor,
        approval_threshold_minor: THRESHOLD,
        approved: case.approved,
        matches_proposal: b.matches_proposal,
        remedies_settled: b.remedies_settled,
        referral_decided: case.referral_decided,
        summary_window_due,
        reason: b.reason.clone(),
        extension_allowed: b.extension[0],
        extension_notice_given: b.extension[1],
        extension_notice_in_time: b.extension[2],
        extension_within_cap: b.extension[3],
    }
}

/// The instants of a walk's steps, from the receipt on.
fn timed(received: DateTime<Utc>, steps: &[Step]) -> Vec<(DateTime<Utc>, Step)> {
    let mut now = received;
    steps
        .iter()
        .map(|s| {
            now += Duration::seconds(s.gap);
            (now, s.clone())
        })
        .collect()
}

fn blank(reason: Option<&str>) -> bool {
    reason.is_none_or(|r| r.trim().is_empty())
}

/// Walks a freshly logged complaint through `steps`, checking every invariant on the way.
fn walk(
    rules: &ProfileRules,
    received: DateTime<Utc>,
    steps: &[(DateTime<Utc>, Step)],
) -> Result<Walk, TestCaseError> {
    let mut case = Case {
        state: State::Received,
        stage: 1,
        assignee: None,
        stage1_handler: None,
        approved: false,
        version: 1,
        starts: Starts {
            received: Some(received),
            ..Starts::default()
        },
        reopened: Vec::new(),
        overridden: false,
        live: rules
            .timers
            .iter()
            .filter(|r| r.starts_on == StartEvent::Received)
            .map(|r| LiveTimer::of(r, r.name.to_owned()))
            .collect(),
        referral_decided: false,
    };
    let mut events = Vec::new();
    append(
        &mut events,
        "complaint.created",
        "intake",
        "integrator",
        received,
        json!({"state": "received", "profile": rules.profile.as_str()}),
    );
    let mut dues = Dues::new();
    let mut accepted = Vec::new();
    let mut reached = vec![State::Received];
    for (i, (now, step)) in steps.iter().enumerate() {
        let now = *now;
        let before = case.clone();
        let facts = facts_for(&case, rules, step, now);
        let action = step.pick.resolve(case.state);
        let decided = transition(case.state, action, &facts);
        // The decision is a function of its inputs.
        prop_assert_eq!(&transition(case.state, action, &facts), &decided);
        let effects: Effects = match decided {
            Err(Refusal { code, .. }) => {
                // A refusal is typed: the action is impossible from this state, or a rule
                // refuses it; the first exactly when the state is not one of its sources.
                prop_assert_eq!(
                    code == RefusalKind::InvalidTransition,
                    !sources(action).contains(&case.state),
                    "{} from {}",
                    action.as_str(),
                    case.state.as_str()
                );
                continue;
            }
            Ok(effects) => effects,
        };
        accepted.push((
            now,
            Step {
                pick: Pick::Any(action),
                ..step.clone()
            },
        ));
        let what = format!(
            "step {i}: {} by {} {} from {} at stage {}",
            action.as_str(),
            step.role,
            ACTORS[step.actor],
            before.state.as_str(),
            before.stage
        );

        // Only the roles the action names take it.
        prop_assert!(allowed_roles(action).contains(&step.role), "{}", what);

        // A terminal state is left only by reopening it, or by referring a closed complaint
        // to the ombudsman (the documented `closed --> referred: refer`).
        if is_terminal(before.state) {
            prop_assert!(
                action == ActionKind::Reopen
                    || (action == ActionKind::Refer && before.state == State::Closed),
                "{} left terminal state",
                what
            );
        }

        // The stage never goes back, never beyond 2, and moves only when an escalation is
        // acknowledged by someone other than the stage-1 handler.
        prop_assert!(effects.stage >= before.stage, "{}: stage went back", what);
        prop_assert!(effects.stage <= 2, "{}: stage {}", what, effects.stage);
        if effects.stage != before.stage {
            prop_assert!(
                action == ActionKind::Acknowledge && before.state == State::Escalated,
                "{}: stage moved to {}",
                what,
                effects.stage
            );
            let handler = before
                .assignee
                .clone()
                .unwrap_or_else(|| ACTORS[step.actor].to_owned());
            prop_assert_ne!(Some(handler), before.stage1_handler.clone(), "{}", what);
        }
        if action == ActionKind::ApproveResponse {
            prop_assert_ne!(
                before.assignee.as_deref(),
                Some(ACTORS[step.actor]),
                "{}: four eyes",
                what
            );
        }
        if action == ActionKind::Escalate && rules.max_stages < 2 {
            // The documented override: a team leader, with a reason.
            prop_assert!(
                step.role == Role::TeamLeader && !blank(step.body.reason.as_deref()),
                "{}: escalated a one-stage profile",
                what
            );
            case.overridden = true;
        }

        // Apply the effects as the service does.
        case.state = effects.to;
        case.stage = effects.stage;
        if let Some(a) = effects.assignee {
            case.assignee = Some(a);
        }
        if let Some(h) = effects.stage1_handler {
            case.stage1_handler = Some(h);
        }
        if let Some(a) = effects.approved {
            case.approved = a;
        }
        match action {
            ActionKind::Acknowledge if before.state == State::Escalated => {
                case.starts.escalation_acknowledged = Some(now);
            }
            ActionKind::Acknowledge => case.starts.acknowledged = Some(now),
            ActionKind::Escalate => case.starts.escalation_received = Some(now),
            ActionKind::Reopen => case.reopened.push(now),
            ActionKind::Refer => case.referral_decided = false,
            ActionKind::RecordReferralOutcome => case.referral_decided = true,
            _ => {}
        }
        case.version += 1;
        reached.push(case.state);
        timers_after(rules, &mut case, action, before.state);

        // A case that owes the complainant an answer is always under a clock: a deadline or
        // an internal target not yet met (an optional window is no clock on the case).
        if owes_response(case.state) {
            prop_assert!(
                case.live.iter().any(|t| t.kind != TimerKind::Window),
                "{}: {} at stage {} runs on no deadline or target: {:?}",
                what,
                case.state.as_str(),
                case.stage,
                case.live
            );
        }

        // The stage never exceeds the profile's last, but for the documented override.
        prop_assert!(
            case.stage <= rules.max_stages || case.overridden,
            "{}: stage {} of a {}-stage profile",
            what,
            case.stage,
            rules.max_stages
        );

        // The audit chain grows by one event per change; its sequence is the version.
        append(
            &mut events,
            &format!("action.{}", action.as_str()),
            ACTORS[step.actor],
            step.role.as_str(),
            now,
            json!({
                "action": action.as_str(),
                "from": before.state.as_str(),
                "to": case.state.as_str(),
                "stage": case.stage,
            }),
        );
        prop_assert_eq!(events.len() as i64, case.version);
        prop_assert!(case.version > before.version);

        // Timers never run backwards: a timer's due instant never moves earlier, each starts
        // no later than it falls due, and a later reopening never promises an earlier date.
        for (name, started, due) in timers_of(rules, &case) {
            prop_assert!(
                due >= started,
                "{}: {} due {} before its start {}",
                what,
                name,
                due,
                started
            );
            if let Some(previous) = dues.get(&name) {
                prop_assert!(
                    due >= *previous,
                    "{}: {} moved from {} to {}",
                    what,
                    name,
                    previous,
                    due
                );
            }
            dues.insert(name, due);
        }
        let reopen_dues: Vec<_> = (1..=case.reopened.len())
            .filter_map(|n| dues.get(&reopened_name(n)).copied())
            .collect();
        prop_assert!(
            reopen_dues.windows(2).all(|w| w[0] <= w[1]),
            "{}: {:?}",
            what,
            reopen_dues
        );
    }
    let verdict = verify_chain(&stored(&events), case.version, &head(&events));
    prop_assert!(verdict.intact, "{:?}", verdict);
    Ok(Walk {
        case,
        events,
        accepted,
        reached,
    })
}

fn a_walk() -> impl Strategy<Value = (ProfileRules, DateTime<Utc>, Vec<Step>)> {
    (
        profile_rules(),
        an_instant(),
        prop::collection::vec(a_step(), 0..80),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_walk_through_the_procedure_keeps_its_invariants(
        (rules, received, steps) in a_walk()
    ) {
        walk(&rules, received, &timed(received, &steps))?;
    }

    #[test]
    fn refused_actions_change_nothing_so_replaying_only_the_allowed_ones_ends_the_same(
        (rules, received, steps) in a_walk()
    ) {
        let steps = timed(received, &steps);
        let full = walk(&rules, received, &steps)?;
        let replay = walk(&rules, received, &full.accepted)?;
        prop_assert_eq!(replay.accepted.len(), full.accepted.len());
        prop_assert_eq!(&replay.case, &full.case);
        prop_assert_eq!(head(&replay.events), head(&full.events));
    }
}

/// The walks are not vacuous: across a deterministic sample they reach every state, stage 2,
/// an overridden one-stage escalation and a second reopening.
#[test]
fn random_walks_reach_every_state_stage_two_and_repeated_reopenings() {
    let mut runner = TestRunner::deterministic();
    let strategy = a_walk();
    let mut reached = std::collections::BTreeSet::new();
    let (mut stage_two, mut overridden, mut reopened_twice) = (false, false, false);
    for _ in 0..256 {
        let (rules, received, steps) = strategy.new_tree(&mut runner).unwrap().current();
        let walk = walk(&rules, received, &timed(received, &steps)).unwrap();
        reached.extend(walk.reached.iter().map(|s| s.as_str()));
        stage_two |= walk.case.stage == 2;
        overridden |= walk.case.overridden;
        reopened_twice |= walk.case.reopened.len() >= 2;
    }
    let all: std::collections::BTreeSet<_> = State::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(reached, all);
    assert!(
        stage_two && overridden && reopened_twice,
        "{stage_two} {overridden} {reopened_twice}"
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Deadlines.

/// Every timer of a profile started at `at` (all starting events at the same instant).
fn all_started_at(at: DateTime<Utc>) -> Starts {
    Starts {
        received: Some(at),
        acknowledged: Some(at),
        escalation_received: Some(at),
        escalation_acknowledged: Some(at),
    }
}

fn a_delay() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), 0i64..=60, 0i64..=86_400, 0i64..=60 * 86_400]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_due_instant_falls_at_or_after_its_start_with_warnings_in_between(
        rules in profile_rules(),
        received in an_instant(),
        delays in prop::array::uniform3(a_delay()),
    ) {
        let ack = received + Duration::seconds(delays[0]);
        let esc = ack + Duration::seconds(delays[1]);
        let starts = Starts {
            received: Some(received),
            acknowledged: Some(ack),
            escalation_received: Some(esc),
            escalation_acknowledged: Some(esc + Duration::seconds(delays[2])),
        };
        let scheduled = schedule(&rules, &starts, &locale(rules.calendar));
        prop_assert_eq!(scheduled.len(), rules.timers.len());
        for s in scheduled {
            prop_assert!(s.started_at >= received);
            prop_assert!(s.due_at >= s.started_at, "{} due {} before {}", s.rule.name, s.due_at, s.started_at);
            prop_assert!(s.warn_at.windows(2).all(|w| w[0] <= w[1]), "{:?}", s.warn_at);
            prop_assert!(s.warn_at.iter().all(|w| s.started_at <= *w && *w <= s.due_at), "{:?}", s);
            if let Some(cap) = s.extension_cap {
                prop_assert!(cap >= s.due_at, "{}: cap {} before due {}", s.rule.name, cap, s.due_at);
            }
        }
    }

    #[test]
    fn due_instants_never_move_earlier_when_the_start_moves_later(
        rules in profile_rules(),
        earlier in an_instant(),
        delay in a_delay(),
    ) {
        let later = earlier + Duration::seconds(delay);
        let locale = locale(rules.calendar);
        let a = schedule(&rules, &all_started_at(earlier), &locale);
        let b = schedule(&rules, &all_started_at(later), &locale);
        prop_assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            prop_assert!(a.due_at <= b.due_at, "{}: {} -> {} but {} -> {}", a.rule.name, earlier, a.due_at, later, b.due_at);
            prop_assert!(a.extension_cap <= b.extension_cap, "{} cap", a.rule.name);
        }
        let rule = reopen_rule();
        prop_assert!(
            due_at(&rules, &rule, REOPEN_TARGET, earlier, &locale)
                <= due_at(&rules, &rule, REOPEN_TARGET, later, &locale)
        );
    }

    #[test]
    fn business_day_deadlines_land_on_a_working_day_the_right_number_of_working_days_on(
        rules in profile_rules(),
        at in an_instant(),
    ) {
        let id = rules.calendar;
        let zone = tz(id);
        let locale = locale(id);
        let mut timed_rules: Vec<_> = rules.timers.clone();
        timed_rules.push(reopen_rule());
        for rule in timed_rules {
            let mut spans = vec![rule.span];
            spans.extend(rule.extension.and_then(|e| e.cap));
            for span in spans {
                let due = due_at(&rules, &rule, span, at, &locale);
                let start = at.with_timezone(&zone);
                let start_date = start.date_naive();
                let end = due.with_timezone(&zone);
                let what = format!("{} {:?} from {} ({}): due {}", rule.name, span, at, start, end);
                let time_of_day = match rule.due {
                    DueAt::EndOfDay => NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap(),
                    DueAt::CloseOfBusiness => rules.close_of_business,
                };
                if !matches!(span, Span::Hours(_)) {
                    prop_assert_eq!(end.time(), time_of_day, "{}", what);
                }
                let last_day = end.date_naive();
                match span {
                    Span::CalendarDays(n) => prop_assert_eq!(last_day, start_date + Duration::days(i64::from(n)), "{}", what),
                    Span::Weeks(n) => prop_assert_eq!(last_day, start_date + Duration::days(7 * i64::from(n)), "{}", what),
                    Span::Hours(h) => prop_assert_eq!(due, at + Duration::hours(i64::from(h)), "{}", what),
                    Span::BusinessDays(n) => {
                        prop_assert!(is_working_day(id, last_day), "{}: not a working day", what);
                        // Counted from the day of receipt, or from the next working day when
                        // receipt after hours rolls over.
                        let after_hours = start.time() >= rules.close_of_business
                            || !is_working_day(id, start_date);
                        let rolled = rules.after_hours_rollover && after_hours;
                        let mut counted = 0;
                        let mut day = start_date;
                        while day < last_day {
                            day = day.succ_opt().unwrap();
                            if is_working_day(id, day) {
                                counted += 1;
                            }
                        }
                        let expected = if n == 0 {
                            // Day 0: the first working day on or after the (rolled) start.
                            u32::from(rolled || !is_working_day(id, start_date))
                        } else {
                            n + u32::from(rolled)
                        };
                        prop_assert_eq!(counted, expected, "{}", what);
                    }
                }
            }
        }
    }
}

/// A start-event label round trip, so a new event cannot be added without a name.
#[test]
fn every_start_event_has_a_distinct_name() {
    let events = [
        StartEvent::Received,
        StartEvent::Acknowledged,
        StartEvent::EscalationReceived,
        StartEvent::EscalationAcknowledged,
        StartEvent::Reopened,
    ];
    let names: std::collections::BTreeSet<_> = events.iter().map(|e| e.as_str()).collect();
    assert_eq!(names.len(), events.len());
}

// ---------------------------------------------------------------------------------------------
// 3. The audit hash chain.

fn a_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z0-9 ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
struct Draft {
    kind: String,
    actor: String,
    role: Role,
    after: i64,
    data: Value,
}

fn drafts() -> impl Strategy<Value = Vec<Draft>> {
    let draft = (
        prop::sample::select(vec![
            "complaint.created",
            "complaint.updated",
            "action.close",
            "timer.warning",
        ]),
        "[a-z]{1,6}",
        prop::sample::select(Role::ALL.to_vec()),
        0i64..100_000,
        a_json(),
    )
        .prop_map(|(kind, actor, role, after, data)| Draft {
            kind: kind.to_owned(),
            actor,
            role,
            after,
            data,
        });
    prop::collection::vec(draft, 1..24)
}

fn chain_of(drafts: &[Draft]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut at = instant(FROM_SECS);
    for d in drafts {
        at += Duration::seconds(d.after);
        append(
            &mut events,
            &d.kind,
            &d.actor,
            d.role.as_str(),
            at,
            d.data.clone(),
        );
    }
    events
}

fn verdict(events: &[Event], count: i64, head_hash: &str) -> ChainVerdict {
    verify_chain(&stored(events), count, head_hash)
}

/// Ways to alter one field of one event.
#[derive(Clone, Copy, Debug)]
enum Alteration {
    Data,
    Kind,
    Actor,
    Role,
    OccurredAt,
}

fn alter(event: &mut Event, how: Alteration) {
    match how {
        // Wrapping a value always changes its canonical form.
        Alteration::Data => event.data = json!({ "tampered": event.data.take() }),
        Alteration::Kind => event.kind.push('!'),
        Alteration::Actor => event.actor.push('x'),
        Alteration::Role => event.role = format!("{}-", event.role),
        Alteration::OccurredAt => event.at += Duration::microseconds(1),
    }
}

fn an_alteration() -> impl Strategy<Value = Alteration> {
    prop::sample::select(vec![
        Alteration::Data,
        Alteration::Kind,
        Alteration::Actor,
        Alteration::Role,
        Alteration::OccurredAt,
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_sequence_of_events_chains_and_verifies(drafts in drafts()) {
        let events = chain_of(&drafts);
        let n = events.len() as i64;
        prop_assert_eq!(
            verdict(&events, n, &head(&events)),
            ChainVerdict { intact: true, events_checked: n, first_broken_seq: None, reason: None }
        );
        for pair in events.windows(2) {
            prop_assert_eq!(&pair[1].prev, &pair[0].hash);
        }
    }

    #[test]
    fn altering_any_one_event_breaks_the_chain_at_that_event(
        drafts in drafts(),
        pick in any::<prop::sample::Index>(),
        how in an_alteration(),
    ) {
        let mut events = chain_of(&drafts);
        let n = events.len() as i64;
        let head_hash = head(&events);
        let i = pick.index(events.len());
        alter(&mut events[i], how);
        let v = verdict(&events, n, &head_hash);
        prop_assert!(!v.intact);
        prop_assert_eq!(v.first_broken_seq, Some(i as i64 + 1), "{:?}", v);
        prop_assert_eq!(v.events_checked, i as i64);
    }

    #[test]
    fn an_altered_event_rehashed_to_match_breaks_the_chain_at_the_next(
        drafts in drafts(),
        pick in any::<prop::sample::Index>(),
        how in an_alteration(),
    ) {
        let mut events = chain_of(&drafts);
        let n = events.len() as i64;
        let head_hash = head(&events);
        let i = pick.index(events.len());
        alter(&mut events[i], how);
        events[i].hash = hash_link(&events[i].link());
        let v = verdict(&events, n, &head_hash);
        prop_assert!(!v.intact);
        // The next event no longer follows it; for the last, the recorded head catches it.
        prop_assert_eq!(v.first_broken_seq, Some(i as i64 + 2), "{:?}", v);
    }

    #[test]
    fn swapping_any_two_events_breaks_the_chain_at_the_first_of_them(
        drafts in drafts(),
        picks in any::<(prop::sample::Index, prop::sample::Index)>(),
    ) {
        let mut events = chain_of(&drafts);
        prop_assume!(events.len() >= 2);
        let n = events.len() as i64;
        let head_hash = head(&events);
        let (a, b) = (picks.0.index(events.len()), picks.1.index(events.len()));
        prop_assume!(a != b);
        let first = a.min(b);
        events.swap(a, b);
        let v = verdict(&events, n, &head_hash);
        prop_assert!(!v.intact);
        prop_assert_eq!(v.first_broken_seq, Some(first as i64 + 1), "{:?}", v);
    }

    #[test]
    fn removing_any_event_breaks_the_chain_where_it_was(
        drafts in drafts(),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut events = chain_of(&drafts);
        let n = events.len() as i64;
        let head_hash = head(&events);
        let i = pick.index(events.len());
        events.remove(i);
        let v = verdict(&events, n, &head_hash);
        prop_assert!(!v.intact);
        prop_assert_eq!(v.first_broken_seq, Some(i as i64 + 1), "{:?}", v);
    }

    #[test]
    fn the_hash_ignores_the_order_object_keys_come_in(
        entries in prop::collection::btree_map("[a-z]{1,4}", a_json(), 0..6),
    ) {
        let forwards: serde_json::Map<String, Value> = entries.clone().into_iter().collect();
        let backwards: serde_json::Map<String, Value> = entries.into_iter().rev().collect();
        let (forwards, backwards) = (Value::Object(forwards), Value::Object(backwards));
        prop_assert_eq!(canonical_json(&forwards), canonical_json(&backwards));
        fn link(data: &Value) -> Link<'_> {
            Link {
                complaint_id: "c-1",
                seq: 1,
                kind: "k",
                actor_id: "a",
                actor_role: "agent",
                occurred_at: instant(FROM_SECS),
                data,
                prev_hash: GENESIS_HASH,
            }
        }
        prop_assert_eq!(hash_link(&link(&forwards)), hash_link(&link(&backwards)));
    }
}

// ---------------------------------------------------------------------------------------------
// 4. The rate-limit token bucket.

fn a_limit() -> impl Strategy<Value = RateLimit> {
    // As the configuration makes them: a positive rate and a whole burst of at least one.
    (prop_oneof![0.01f64..1.0, 1.0f64..100.0], 1u32..=50).prop_map(|(per_second, burst)| {
        RateLimit {
            per_second,
            burst: f64::from(burst),
        }
    })
}

/// Non-decreasing request instants, in seconds: bursts at one instant, quick runs and pauses.
fn request_instants() -> impl Strategy<Value = Vec<f64>> {
    (
        0.0f64..1_000_000.0,
        prop::collection::vec(
            prop_oneof![3 => Just(0.0f64), 4 => 0.0f64..0.2, 2 => 0.0f64..5.0, 1 => 0.0f64..120.0],
            0..120,
        ),
    )
        .prop_map(|(start, gaps)| {
            let mut now = start;
            gaps.into_iter()
                .map(|g| {
                    now += g;
                    now
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_window_grants_more_than_the_burst_plus_what_the_rate_earns_in_it(
        limit in a_limit(),
        instants in request_instants(),
    ) {
        prop_assume!(!instants.is_empty());
        let mut bucket = Bucket::full(limit, instants[0]);
        let mut granted = Vec::with_capacity(instants.len());
        for now in &instants {
            granted.push(bucket.take(limit, *now).is_ok());
            prop_assert!(bucket.tokens >= 0.0 && bucket.tokens <= limit.burst, "{:?}", bucket);
        }
        for i in 0..instants.len() {
            let mut count = 0.0;
            for j in i..instants.len() {
                if granted[j] {
                    count += 1.0;
                }
                let allowance = limit.burst + limit.per_second * (instants[j] - instants[i]);
                prop_assert!(
                    count <= allowance + 1e-6,
                    "{} granted in [{}, {}] but the allowance is {}",
                    count, instants[i], instants[j], allowance
                );
            }
        }
    }

    #[test]
    fn a_refused_request_spends_nothing(
        limit in a_limit(),
        instants in request_instants(),
        probe in 0.0f64..100.0,
    ) {
        let Some(first) = instants.first() else { return Ok(()) };
        let mut bucket = Bucket::full(limit, *first);
        for now in &instants {
            let before = bucket;
            if bucket.take(limit, *now).is_err() {
                // Whenever one looks later, the bucket holds what it would have held had the
                // request never been made.
                let later = now + probe;
                let (with, without) = (bucket.level(limit, later), before.level(limit, later));
                prop_assert!((with - without).abs() < 1e-9, "{} vs {} at {}", with, without, later);
            }
        }
    }

    #[test]
    fn a_refused_caller_who_waits_the_retry_after_it_was_told_is_served(
        limit in a_limit(),
        instants in request_instants(),
    ) {
        let Some(first) = instants.first() else { return Ok(()) };
        let mut bucket = Bucket::full(limit, *first);
        for now in &instants {
            if let Err(wait) = bucket.take(limit, *now) {
                prop_assert!(wait >= std::time::Duration::from_secs(1));
                prop_assert_eq!(wait.subsec_nanos(), 0);
                let mut retry = bucket;
                let at = now + wait.as_secs_f64();
                prop_assert!(
                    retry.take(limit, at).is_ok(),
                    "refused at {} with level {}, told to wait {:?}, still refused at {}",
                    now, bucket.level(limit, *now), wait, at
                );
            }
        }
    }

    #[test]
    fn a_refusal_never_panics_whatever_positive_rate_is_configured(
        slowness in 0i32..=40,
        burst in 1u32..=5,
    ) {
        // The command line accepts any finite positive rate: here 1, 0.1, 0.01, ... 1e-40
        // requests a second.
        let limit = RateLimit { per_second: 10f64.powi(-slowness), burst: f64::from(burst) };
        let mut bucket = Bucket::full(limit, 0.0);
        for _ in 0..burst {
            prop_assert!(bucket.take(limit, 0.0).is_ok());
        }
        let refused = bucket.take(limit, 0.0);
        prop_assert!(refused.is_err_and(|w| w >= std::time::Duration::from_secs(1)));
    }
}

// ---------------------------------------------------------------------------------------------
// 5. The list cursor.

const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_chars(len: impl Into<prop::collection::SizeRange>) -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = BASE64URL.chars().chain(['=', '+', '/', ' ']).collect();
    prop::collection::vec(prop::sample::select(alphabet), len).prop_map(|c| c.into_iter().collect())
}

fn cursor_pattern() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = BASE64URL.chars().collect();
    prop::collection::vec(prop::sample::select(alphabet), 32).prop_map(|c| c.into_iter().collect())
}

fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let (min, max) = (
        DateTime::<Utc>::MIN_UTC.timestamp_micros(),
        DateTime::<Utc>::MAX_UTC.timestamp_micros(),
    );
    (min..=max).prop_map(|m| DateTime::from_timestamp_micros(m).unwrap())
}

fn an_id() -> impl Strategy<Value = Uuid> {
    any::<[u8; 16]>().prop_map(Uuid::from_bytes)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoding_any_string_answers_without_panicking(s in any::<String>()) {
        let _ = decode_cursor(&s);
    }

    #[test]
    fn decoding_any_near_base64_string_answers_without_panicking(s in base64url_chars(0..48)) {
        if let Ok((at, id)) = decode_cursor(&s) {
            prop_assert_eq!(s.len(), 32);
            prop_assert_eq!(clamp_instant(at), at);
            prop_assert_eq!(decode_cursor(&encode_cursor(at, id)).ok(), Some((at, id)));
        }
    }

    #[test]
    fn every_string_matching_the_cursor_pattern_decodes(s in cursor_pattern()) {
        let decoded = decode_cursor(&s);
        prop_assert!(decoded.is_ok(), "{} refused: {:?}", s, decoded);
    }

    #[test]
    fn an_encoded_cursor_decodes_to_what_was_encoded(
        at in (-2_208_988_800_000_000i64..=221_876_927_999_000_000)
            .prop_map(|m| DateTime::from_timestamp_micros(m).unwrap()),
        id in an_id(),
    ) {
        let cursor = encode_cursor(at, id);
        prop_assert_eq!(cursor.len(), 32);
        prop_assert_eq!(decode_cursor(&cursor).ok(), Some((clamp_instant(at), id)));
        prop_assert_eq!(clamp_instant(at), at, "drawn inside 1900..9000");
    }

    #[test]
    fn a_cursor_for_an_instant_outside_the_supported_years_decodes_clamped(
        at in any_instant(),
        id in an_id(),
    ) {
        let cursor = encode_cursor(at, id);
        prop_assert_eq!(cursor.len(), 32);
        prop_assert_eq!(decode_cursor(&cursor).ok(), Some((clamp_instant(at), id)));
    }
}
