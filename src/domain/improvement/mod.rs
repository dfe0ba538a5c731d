//! Improvement items and their PDCA lifecycle, and the check that says whether a fix worked.
//! Sources: `procedure.md` §D.

pub mod recurrence;
pub mod stats;
pub mod taxonomy;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use statrs::distribution::{Binomial, DiscreteCDF};

use crate::domain::{
    case::complaint::vocabulary,
    rule::{RefusalKind, Rule},
};

vocabulary!(
    /// Where an improvement item stands.
    ItemState {
        Proposed = "proposed",
        Triaged = "triaged",
        Plan = "plan",
        Do = "do",
        Check = "check",
        Act = "act",
        Closed = "closed",
        Rejected = "rejected",
        Merged = "merged",
        OnHold = "on_hold",
    }
);

impl ItemState {
    /// Still being worked: a rule hit adds evidence to an item in one of these states rather
    /// than opening another for the same key.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            ItemState::Closed | ItemState::Rejected | ItemState::Merged
        )
    }
}

vocabulary!(
    /// Where a task of an item's `do` step stands.
    TaskStatus {
        Open = "open",
        Done = "done",
        Cancelled = "cancelled",
    }
);

vocabulary!(
    /// What can be done to an item.
    ItemAction {
        Triage = "triage",
        Plan = "plan",
        Start = "start",
        UpdateTask = "update_task",
        GoLive = "go_live",
        Check = "check",
        Act = "act",
        Iterate = "iterate",
        Close = "close",
        Reject = "reject",
        Merge = "merge",
        Hold = "hold",
        Resume = "resume",
    }
);

/// The states an action is taken from.
pub fn sources(action: ItemAction) -> &'static [ItemState] {
    use ItemState::*;
    match action {
        ItemAction::Triage => &[Proposed],
        // A plan stays revisable until work starts on it: after `iterate` the next round needs
        // a new baseline, target and windows, and a plan's figures may be corrected before
        // `start` commits to them.
        ItemAction::Plan => &[Triaged, Plan],
        ItemAction::Start => &[Plan],
        ItemAction::UpdateTask | ItemAction::GoLive => &[Do],
        ItemAction::Check => &[Do, Check],
        ItemAction::Act => &[Check],
        ItemAction::Iterate => &[Check, Act],
        ItemAction::Close => &[Act],
        ItemAction::Reject | ItemAction::Merge => &[Proposed, Triaged],
        ItemAction::Hold => &[Proposed, Triaged, Plan, Do, Check, Act],
        ItemAction::Resume => &[OnHold],
    }
}

/// The effect of the checked fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Effective,
    NotEffective,
    Inconclusive,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Effective => "effective",
            Verdict::NotEffective => "not_effective",
            Verdict::Inconclusive => "inconclusive",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [
            Verdict::Effective,
            Verdict::NotEffective,
            Verdict::Inconclusive,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl crate::domain::vocabulary::Vocabulary for Verdict {
    fn values() -> &'static [Verdict] {
        &[
            Verdict::Effective,
            Verdict::NotEffective,
            Verdict::Inconclusive,
        ]
    }

    fn text(self) -> &'static str {
        self.as_str()
    }
}

/// What the guards need to know about the item and the request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemFacts {
    pub has_priority: bool,
    pub has_owner: bool,
    pub has_problem_statement: bool,
    /// "Could customers who did not complain be affected?" answered.
    pub others_affected_answered: bool,
    /// Baseline window given, ending before it is measured against.
    pub has_baseline: bool,
    pub has_success_criterion: bool,
    pub has_measurement_window: bool,
    pub has_tasks: bool,
    pub went_live: bool,
    /// For `check`: the post-change measurement window has ended.
    pub measurement_over: bool,
    pub verdict: Option<Verdict>,
    pub has_standardisation: bool,
    pub has_reason: bool,
    /// For `merge`: the target is another open item.
    pub merge_target_open: bool,
    /// For `resume`: the state it was held from.
    pub held_from: Option<ItemState>,
}

/// Why an item action is refused: a stable code and words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRefusal {
    pub code: RefusalKind,
    pub detail: String,
}

fn refuse(code: RefusalKind, detail: &str) -> ItemRefusal {
    ItemRefusal {
        code,
        detail: detail.to_owned(),
    }
}

fn need(ok: bool, rule: Rule, detail: &str) -> Result<(), ItemRefusal> {
    if ok {
        Ok(())
    } else {
        Err(refuse(RefusalKind::Guard(rule), detail))
    }
}

/// Decides an item action: the new state, or why not.
pub fn transition(
    state: ItemState,
    action: ItemAction,
    f: &ItemFacts,
) -> Result<ItemState, ItemRefusal> {
    if !sources(action).contains(&state) {
        return Err(ItemRefusal {
            code: RefusalKind::InvalidTransition,
            detail: format!(
                "{} is not possible from {}",
                action.as_str(),
                state.as_str()
            ),
        });
    }
    use ItemAction as A;
    use ItemState as S;
    match action {
        A::Triage => {
            need(
                f.has_priority,
                Rule::PriorityRequired,
                "triage sets a priority",
            )?;
            need(f.has_owner, Rule::OwnerRequired, "triage names an owner")?;
            Ok(S::Triaged)
        }
        A::Plan => {
            need(
                f.has_problem_statement,
                Rule::ProblemStatementRequired,
                "a plan states the problem",
            )?;
            need(
                f.others_affected_answered,
                Rule::OthersAffectedRequired,
                "a plan answers whether customers who did not complain could be affected",
            )?;
            need(
                f.has_baseline,
                Rule::BaselineRequired,
                "a plan gives a baseline window",
            )?;
            need(
                f.has_success_criterion,
                Rule::SuccessCriterionRequired,
                "a plan gives a target reduction",
            )?;
            need(
                f.has_measurement_window,
                Rule::MeasurementWindowRequired,
                "a plan gives a measurement window",
            )?;
            Ok(S::Plan)
        }
        A::Start => {
            need(
                f.has_tasks,
                Rule::TasksRequired,
                "doing needs at least one action with an owner and due date",
            )?;
            Ok(S::Do)
        }
        A::UpdateTask | A::GoLive => Ok(state),
        A::Check => {
            need(
                f.went_live,
                Rule::GoLiveRequired,
                "record when the change went live first",
            )?;
            need(
                f.measurement_over,
                Rule::MeasurementNotOver,
                "the measurement window after go-live has not ended yet",
            )?;
            Ok(S::Check)
        }
        A::Act => {
            need(
                f.verdict == Some(Verdict::Effective),
                Rule::NotEffective,
                "only an effective fix is standardised; iterate to plan otherwise",
            )?;
            need(
                f.has_standardisation,
                Rule::StandardisationRequired,
                "record what was standardised (policy, training, control)",
            )?;
            Ok(S::Act)
        }
        A::Iterate => {
            need(
                f.has_reason,
                Rule::ReasonRequired,
                "say why the plan is revisited",
            )?;
            Ok(S::Plan)
        }
        A::Close => Ok(S::Closed),
        A::Reject => {
            need(
                f.has_reason,
                Rule::ReasonRequired,
                "a rejection keeps its rationale",
            )?;
            Ok(S::Rejected)
        }
        A::Merge => {
            need(
                f.merge_target_open,
                Rule::MergeTarget,
                "merge into another open item",
            )?;
            Ok(S::Merged)
        }
        A::Hold => {
            need(
                f.has_reason,
                Rule::ReasonRequired,
                "say why the item is on hold",
            )?;
            Ok(S::OnHold)
        }
        A::Resume => f.held_from.ok_or_else(|| {
            refuse(
                RefusalKind::Guard(Rule::HeldFromUnknown),
                "the state it was held from is unknown",
            )
        }),
    }
}

/// The windows a check compares: the baseline as planned, and the same span of days after
/// go-live plus the lag (complaints about the old way keep arriving for a while).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Windows {
    pub baseline_from: NaiveDate,
    /// Exclusive.
    pub baseline_to: NaiveDate,
    pub post_from: DateTime<Utc>,
    /// Exclusive.
    pub post_to: DateTime<Utc>,
}

/// The post-change window for a go-live instant.
pub fn post_window(
    went_live_at: DateTime<Utc>,
    lag_days: u32,
    measurement_days: u32,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let from = went_live_at + Duration::days(i64::from(lag_days));
    (from, from + Duration::days(i64::from(measurement_days)))
}

/// A check's inputs and result; every number is kept so anyone can recompute the verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    pub baseline_count: u64,
    pub baseline_days: f64,
    pub post_count: u64,
    pub post_days: f64,
    pub baseline_rate_per_day: f64,
    pub post_rate_per_day: f64,
    /// `post_rate / baseline_rate` (`None` when the baseline has no complaints).
    pub rate_ratio: Option<f64>,
    /// One-sided p-value for "the rate fell".
    pub p_value: f64,
    pub target_reduction_pct: u32,
    pub alpha: f64,
    pub min_baseline_events: u64,
    pub verdict: Verdict,
}

/// `P(X <= k)` for `X ~ Binomial(n, p)`. A `p` outside `[0, 1]` is taken as its nearest end;
/// an undefined one (no exposure at all) is no evidence, so the whole distribution.
pub fn binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    Binomial::new(p.clamp(0.0, 1.0), n).map_or(1.0, |b| b.cdf(k))
}

/// The one-sided Poisson rate-ratio test of "the post-change rate is lower": conditional on
/// the total count, the post count is binomial with `p = post_days / (baseline_days +
/// post_days)` when the rates are equal, so the p-value is that binomial's lower tail
/// (Przyborowski & Wilenski 1940; the exact test R's `poisson.test` runs).
pub fn rate_ratio_p_value(baseline: u64, baseline_days: f64, post: u64, post_days: f64) -> f64 {
    let n = baseline + post;
    if n == 0 {
        return 1.0;
    }
    binomial_cdf(post, n, post_days / (baseline_days + post_days))
}

/// Judges a fix: effective when the rate fell by at least the target and the fall is
/// significant; inconclusive on too few baseline complaints; otherwise not effective.
#[expect(
    clippy::as_conversions,
    reason = "counts as f64 for the rates: exact below 2^53, far beyond any count of complaints"
)]
pub fn check(
    baseline: u64,
    baseline_days: f64,
    post: u64,
    post_days: f64,
    target_reduction_pct: u32,
    min_baseline_events: u64,
    alpha: f64,
) -> CheckResult {
    let baseline_rate = baseline as f64 / baseline_days.max(f64::MIN_POSITIVE);
    let post_rate = post as f64 / post_days.max(f64::MIN_POSITIVE);
    let p_value = rate_ratio_p_value(baseline, baseline_days, post, post_days);
    let target = f64::from(target_reduction_pct.min(100)) / 100.0;
    let verdict = if baseline < min_baseline_events {
        Verdict::Inconclusive
    } else if post_rate <= (1.0 - target) * baseline_rate && p_value < alpha {
        Verdict::Effective
    } else {
        Verdict::NotEffective
    };
    CheckResult {
        baseline_count: baseline,
        baseline_days,
        post_count: post,
        post_days,
        baseline_rate_per_day: baseline_rate,
        post_rate_per_day: post_rate,
        rate_ratio: (baseline > 0).then(|| post_rate / baseline_rate),
        p_value,
        target_reduction_pct,
        alpha,
        min_baseline_events,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everything() -> ItemFacts {
        ItemFacts {
            has_priority: true,
            has_owner: true,
            has_problem_statement: true,
            others_affected_answered: true,
            has_baseline: true,
            has_success_criterion: true,
            has_measurement_window: true,
            has_tasks: true,
            went_live: true,
            measurement_over: true,
            verdict: Some(Verdict::Effective),
            has_standardisation: true,
            has_reason: true,
            merge_target_open: true,
            held_from: Some(ItemState::Do),
        }
    }

    #[test]
    fn the_lifecycle_runs_proposed_to_closed_and_iterates_from_check_or_act() {
        use ItemAction as A;
        use ItemState as S;
        let f = everything();
        let path = [
            (S::Proposed, A::Triage, S::Triaged),
            (S::Triaged, A::Plan, S::Plan),
            (S::Plan, A::Plan, S::Plan),
            (S::Plan, A::Start, S::Do),
            (S::Do, A::UpdateTask, S::Do),
            (S::Do, A::GoLive, S::Do),
            (S::Do, A::Check, S::Check),
            (S::Check, A::Check, S::Check),
            (S::Check, A::Act, S::Act),
            (S::Act, A::Close, S::Closed),
            (S::Act, A::Iterate, S::Plan),
            (S::Check, A::Iterate, S::Plan),
            (S::Proposed, A::Reject, S::Rejected),
            (S::Triaged, A::Merge, S::Merged),
            (S::Plan, A::Hold, S::OnHold),
            (S::OnHold, A::Resume, S::Do),
        ];
        for (from, action, to) in path {
            assert_eq!(
                transition(from, action, &f),
                Ok(to),
                "{} from {}",
                action.as_str(),
                from.as_str()
            );
        }
        // Nothing leaves a finished item.
        for state in [S::Closed, S::Rejected, S::Merged] {
            for action in ItemAction::ALL {
                assert_eq!(
                    transition(state, *action, &f).map_err(|r| r.code.to_string()),
                    Err("invalid_transition".to_owned()),
                    "{} from {}",
                    action.as_str(),
                    state.as_str()
                );
            }
        }
    }

    #[test]
    fn a_plan_is_revised_in_plan_but_not_once_work_starts() {
        use ItemAction as A;
        use ItemState as S;
        let f = everything();
        // After `iterate` the item is back in plan: the next round's plan replaces the last.
        let iterated = transition(S::Check, A::Iterate, &f);
        assert_eq!(iterated, Ok(S::Plan));
        assert_eq!(transition(S::Plan, A::Plan, &f), Ok(S::Plan));
        // A revision is held to the same demands as the first plan.
        let mut no_baseline = everything();
        no_baseline.has_baseline = false;
        assert_eq!(
            transition(S::Plan, A::Plan, &no_baseline).map_err(|r| r.code.to_string()),
            Err("guard_failed:baseline_required".to_owned())
        );
        // Once work has started the plan is what is measured against: iterate first.
        for state in [S::Proposed, S::Do, S::Check, S::Act, S::OnHold] {
            assert_eq!(
                transition(state, A::Plan, &f).map_err(|r| r.code.to_string()),
                Err("invalid_transition".to_owned()),
                "{}",
                state.as_str()
            );
        }
    }

    #[test]
    fn each_step_demands_its_data() {
        use ItemAction as A;
        use ItemState as S;
        type Row = (S, A, fn(&mut ItemFacts), &'static str);
        let table: &[Row] = &[
            (
                S::Proposed,
                A::Triage,
                |f| f.has_priority = false,
                "priority_required",
            ),
            (
                S::Proposed,
                A::Triage,
                |f| f.has_owner = false,
                "owner_required",
            ),
            (
                S::Triaged,
                A::Plan,
                |f| f.has_problem_statement = false,
                "problem_statement_required",
            ),
            (
                S::Triaged,
                A::Plan,
                |f| f.others_affected_answered = false,
                "others_affected_required",
            ),
            (
                S::Triaged,
                A::Plan,
                |f| f.has_baseline = false,
                "baseline_required",
            ),
            (
                S::Triaged,
                A::Plan,
                |f| f.has_success_criterion = false,
                "success_criterion_required",
            ),
            (
                S::Triaged,
                A::Plan,
                |f| f.has_measurement_window = false,
                "measurement_window_required",
            ),
            (S::Plan, A::Start, |f| f.has_tasks = false, "tasks_required"),
            (S::Do, A::Check, |f| f.went_live = false, "go_live_required"),
            (
                S::Do,
                A::Check,
                |f| f.measurement_over = false,
                "measurement_not_over",
            ),
            (
                S::Check,
                A::Act,
                |f| f.verdict = Some(Verdict::Inconclusive),
                "not_effective",
            ),
            (
                S::Check,
                A::Act,
                |f| f.has_standardisation = false,
                "standardisation_required",
            ),
            (
                S::Check,
                A::Iterate,
                |f| f.has_reason = false,
                "reason_required",
            ),
            (
                S::Proposed,
                A::Reject,
                |f| f.has_reason = false,
                "reason_required",
            ),
            (
                S::Proposed,
                A::Merge,
                |f| f.merge_target_open = false,
                "merge_target",
            ),
            (S::Do, A::Hold, |f| f.has_reason = false, "reason_required"),
        ];
        for (state, action, tweak, code) in table {
            let mut f = everything();
            tweak(&mut f);
            assert_eq!(
                transition(*state, *action, &f).map_err(|r| r.code.to_string()),
                Err(format!("guard_failed:{code}")),
                "{} from {}",
                action.as_str(),
                state.as_str()
            );
        }
    }

    #[test]
    fn the_rate_ratio_test_matches_known_values() {
        // Equal 30-day windows: p = P(Bin(x0 + x1, 0.5) <= x1).
        // 20 before, 5 after: sum_{k<=5} C(25, k) / 2^25 = 68406 / 33554432 = 0.0020386...
        // (R: poisson.test(c(5, 20), c(30, 30), alternative = "less") gives p = 0.002039).
        let p = rate_ratio_p_value(20, 30.0, 5, 30.0);
        assert!((p - 68_406.0 / 33_554_432.0).abs() < 1e-12, "{p}");
        // 10 and 10: P(Bin(20, 0.5) <= 10) = 616666 / 1048576 = 0.58810.
        let p = rate_ratio_p_value(10, 30.0, 10, 30.0);
        assert!((p - 616_666.0 / 1_048_576.0).abs() < 1e-12, "{p}");
        // Unequal exposure: 12 in 60 days, 1 in 30: P(Bin(13, 1/3) <= 1)
        // = (2/3)^13 + 13 (1/3)(2/3)^12 = 0.005138 + 0.033397 = 0.038536.
        let p = rate_ratio_p_value(12, 60.0, 1, 30.0);
        let q: f64 = 2.0 / 3.0;
        assert!(
            (p - (q.powi(13) + 13.0 / 3.0 * q.powi(12))).abs() < 1e-12,
            "{p}"
        );
        assert_eq!(rate_ratio_p_value(0, 30.0, 0, 30.0), 1.0);
        assert_eq!(binomial_cdf(7, 7, 0.3), 1.0);
    }

    #[test]
    fn a_fix_is_judged_by_its_fall_its_significance_and_its_evidence() {
        // (before, after, verdict, why) over equal 30-day windows, target 40 %, min 10 events.
        let table = [
            (20, 5, Verdict::Effective, "a 75 % fall, p = 0.002"),
            (
                20,
                14,
                Verdict::NotEffective,
                "a 30 % fall misses the 40 % target",
            ),
            (
                12,
                6,
                Verdict::NotEffective,
                "a 50 % fall, but p = 0.12 is not significant",
            ),
            (20, 25, Verdict::NotEffective, "it rose"),
            (
                3,
                0,
                Verdict::Inconclusive,
                "three baseline complaints are too few to judge",
            ),
        ];
        for (before, after, want, why) in table {
            let r = check(before, 30.0, after, 30.0, 40, 10, 0.05);
            assert_eq!(r.verdict, want, "{why}: p = {}", r.p_value);
        }
        let r = check(20, 30.0, 5, 30.0, 40, 10, 0.05);
        assert_eq!(r.rate_ratio, Some(0.25));
        assert!((r.baseline_rate_per_day - 20.0 / 30.0).abs() < 1e-12);
    }

    #[test]
    fn the_post_window_starts_after_the_lag() {
        let live = crate::domain::testing::t("2026-03-01T00:00:00Z");
        assert_eq!(
            post_window(live, 14, 30),
            (
                crate::domain::testing::t("2026-03-15T00:00:00Z"),
                crate::domain::testing::t("2026-04-14T00:00:00Z")
            )
        );
    }
}
