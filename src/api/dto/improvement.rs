//! Root causes, classification, recurrence rules and the improvement backlog.

use super::*;
use crate::error::ApiError;
use crate::service::stored::{stored, stored_opt};

/// A root-cause group (L1).
#[derive(Object, Debug)]
pub struct RootCauseGroup {
    /// Three capitals, e.g. `PRC`.
    pub code: String,
    /// What the group covers.
    pub label: String,
}

mirror!(
    /// Where a code stands.
    CodeStatus <=> domain::improvement::taxonomy::CodeStatus {
        /// In use.
        Active,
        /// Kept for history; not for new classifications.
        Deprecated,
        /// Folded into `merged_into`; its history counts there.
        Merged,
    }
);

/// A root-cause code.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct RootCause {
    /// `L1.L2`, e.g. `PRC.HANDOFF`.
    pub code: String,
    /// The L1 group.
    pub group: String,
    /// Short name.
    pub label: String,
    /// What belongs under it.
    pub definition: String,
    /// Where it stands.
    pub status: CodeStatus,
    /// The surviving code, for a merged one.
    pub merged_into: Option<String>,
}

impl TryFrom<entity::root_cause::Model> for RootCause {
    type Error = ApiError;

    fn try_from(m: entity::root_cause::Model) -> Result<Self, ApiError> {
        let status: domain::improvement::taxonomy::CodeStatus =
            stored("root_causes.status", &m.status)?;
        Ok(RootCause {
            code: m.code,
            group: m.group,
            label: m.label,
            definition: m.definition,
            status: status.into(),
            merged_into: m.merged_into,
        })
    }
}

/// The taxonomy.
#[derive(Object, Debug)]
pub struct RootCauseList {
    /// Moves on with every change to a code.
    pub version: i64,
    /// The ten groups.
    pub groups: Vec<RootCauseGroup>,
    /// Every code, merged and deprecated ones included.
    pub items: Vec<RootCause>,
}

/// A code and the taxonomy version after a change.
#[derive(Object, Debug)]
pub struct RootCauseChange {
    /// The code as it now stands.
    pub root_cause: RootCause,
    /// The taxonomy's new version.
    pub version: i64,
}

/// A new code.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewRootCause {
    /// `L1.L2` under one of the ten groups; never reused.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub code: StrictString,
    /// Short name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub label: StrictString,
    /// What belongs under it, with an example.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub definition: StrictString,
}

/// A new label or definition.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct RootCausePatch {
    /// New short name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub label: NoNull<StrictString>,
    /// New definition.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub definition: NoNull<StrictString>,
}

/// Merge a code into a surviving one.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct MergeRootCause {
    /// The active code that survives.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub into: StrictString,
}

/// A complaint category: what customers complain about, per product.
#[derive(Object, Debug)]
pub struct Category {
    /// The product.
    pub product: String,
    /// The category code.
    pub code: String,
    /// Its name.
    pub label: String,
    /// Offered for new complaints.
    pub active: bool,
}

impl From<entity::category::Model> for Category {
    fn from(m: entity::category::Model) -> Self {
        Category {
            product: m.product,
            code: m.code,
            label: m.label,
            active: m.active,
        }
    }
}

/// Categories.
#[derive(Object, Debug)]
#[oai(example)]
pub struct CategoryList {
    /// By product, then code.
    pub items: Vec<Category>,
}

/// A category's name and whether it is offered.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct CategoryInput {
    /// Its name.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub label: StrictString,
    /// Offered for new complaints (default true); false retires it.
    pub active: NoNull<bool>,
}

/// One step of a five-whys chain.
#[derive(Object, Debug, Clone)]
#[oai(deny_unknown_fields)]
pub struct WhyStep {
    /// The question.
    #[oai(validator(min_length = 1, max_length = 1000, pattern = r"[^\t\n\r ]"))]
    pub why: StrictString,
    /// The answer.
    #[oai(validator(min_length = 1, max_length = 1000, pattern = r"[^\t\n\r ]"))]
    pub because: StrictString,
}

/// A classification as given.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ClassificationInput {
    /// The primary root cause: an active `L1.L2` code.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub primary_cause: StrictString,
    /// Contributing causes: active codes other than the primary.
    #[oai(validator(max_items = 10))]
    pub contributing: NoNull<Vec<CauseCode>>,
    /// The five-whys chain, in order.
    #[oai(validator(max_items = 10))]
    pub five_whys: NoNull<Vec<WhyStep>>,
    /// This case alone may point at a systemic issue (it opens an improvement item).
    pub potentially_systemic: NoNull<bool>,
    /// The failure was in making adjustments for a vulnerable customer.
    pub vulnerability_relevant: NoNull<bool>,
    /// Lessons learned.
    #[oai(validator(max_length = 4000))]
    pub lessons: NoNull<StrictString>,
}

/// A step of a stored five-whys chain.
#[derive(Object, Debug)]
pub struct WhyBecause {
    /// The question.
    pub why: String,
    /// The answer.
    pub because: String,
}

/// A complaint's classification.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct Classification {
    /// The complaint.
    pub complaint_id: Uuid,
    /// The primary root cause.
    pub primary_cause: String,
    /// Contributing causes.
    pub contributing: Vec<String>,
    /// The five-whys chain.
    pub five_whys: Vec<WhyBecause>,
    /// Flagged potentially systemic.
    pub potentially_systemic: bool,
    /// The failure was in adjustments for a vulnerable customer.
    pub vulnerability_relevant: bool,
    /// Lessons learned.
    pub lessons: Option<String>,
    /// Who classified it.
    pub classified_by: String,
    /// When.
    pub classified_at: DateTime<Utc>,
    /// The taxonomy version the codes were checked against.
    pub taxonomy_version: i64,
}

impl From<entity::classification::Model> for Classification {
    fn from(m: entity::classification::Model) -> Self {
        let text = |v: &Value, k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Classification {
            complaint_id: m.complaint_id,
            primary_cause: m.primary_cause,
            contributing: m
                .contributing
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            five_whys: m
                .five_whys
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|s| WhyBecause {
                            why: text(s, "why"),
                            because: text(s, "because"),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            potentially_systemic: m.potentially_systemic,
            vulnerability_relevant: m.vulnerability_relevant,
            lessons: m.lessons,
            classified_by: m.classified_by,
            classified_at: m.classified_at,
            taxonomy_version: m.taxonomy_version,
        }
    }
}

/// The recurrence rules' parameters.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct RecurrenceRules {
    /// R1: at least `min_cases` complaints with the same primary cause within `window_days`.
    pub threshold_enabled: bool,
    /// R1's count.
    #[oai(validator(minimum(value = "2"), maximum(value = "10000")))]
    pub min_cases: u32,
    /// The rolling window of R1 and R3, in days.
    #[oai(validator(minimum(value = "1"), maximum(value = "366")))]
    pub window_days: u32,
    /// R1 counts per product (cause x product) rather than across products.
    pub by_product: bool,
    /// R2: one complaint flagged potentially systemic opens an item.
    pub systemic_enabled: bool,
    /// R3: the same cause across `min_spread` products or channels within the window.
    pub spread_enabled: bool,
    /// R3's count of products or channels.
    #[oai(validator(minimum(value = "2"), maximum(value = "100")))]
    pub min_spread: u32,
    /// R4: a cause whose fix went live crossing R1 again reopens its item to `plan`.
    pub post_fix_enabled: bool,
}

/// The rules and the version of their setting.
#[derive(Object, Debug)]
pub struct RecurrenceRulesSetting {
    /// The parameters.
    pub rules: RecurrenceRules,
    /// Moves on with every change; 0 while the defaults apply.
    pub version: i64,
}

/// What an evaluation did.
#[derive(Object, Debug)]
pub struct RecurrenceRun {
    /// Rule hits.
    pub hits: u32,
    /// Items opened.
    pub items_created: u32,
    /// Items reopened after a fix.
    pub items_reopened: u32,
    /// Complaints linked as new evidence.
    pub evidence_added: u32,
}

mirror!(
    /// Where an improvement item stands.
    ItemState <=> domain::improvement::ItemState {
        Proposed,
        Triaged,
        Plan,
        Do,
        Check,
        Act,
        Closed,
        Rejected,
        Merged,
        OnHold,
    }
);

/// How urgent an item is.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

/// Could customers who did not complain be affected?
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum OthersAffected {
    Yes,
    No,
    Unknown,
}

/// A check's verdict.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Verdict {
    /// The rate fell by at least the target and the fall is significant.
    Effective,
    /// It did not.
    NotEffective,
    /// Too few baseline complaints to judge.
    Inconclusive,
}

mirror!(
    /// Where a task stands.
    TaskStatus <=> domain::improvement::TaskStatus { Open, Done, Cancelled }
);

/// An item's plan.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct ItemPlan {
    /// What, where, when, how discovered, why it matters.
    pub problem_statement: String,
    /// Could customers who did not complain be affected?
    pub others_affected: OthersAffected,
    /// What is known about them and what will be done.
    pub others_affected_note: Option<String>,
    /// Baseline window start (UTC midnight).
    pub baseline_from: IsoDate,
    /// Baseline window end, exclusive.
    pub baseline_to: IsoDate,
    /// The success criterion: the fall in the cause's complaint rate, in percent.
    pub target_reduction_pct: u32,
    /// Days measured after go-live (after the lag).
    pub measurement_days: u32,
    /// Days after go-live before complaints count (they still arrive about the old way).
    pub lag_days: u32,
}

/// A task of the `do` step.
#[derive(Object, Debug)]
pub struct ItemTask {
    /// Task id.
    pub id: Uuid,
    /// What is to be done.
    pub description: String,
    /// Who does it.
    pub owner: String,
    /// By when.
    pub due_on: IsoDate,
    /// Where it stands.
    pub status: TaskStatus,
}

/// Every number behind a check, so the verdict can be recomputed. The counts cover every
/// team's complaints (the item is the organisation's) and name none of them.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct CheckResult {
    /// Baseline window.
    pub baseline_from: DateTime<Utc>,
    /// Exclusive.
    pub baseline_to: DateTime<Utc>,
    /// Post-change window (go-live plus lag).
    pub post_from: DateTime<Utc>,
    /// Exclusive.
    pub post_to: DateTime<Utc>,
    /// Complaints with the cause in the baseline window.
    pub baseline_count: u64,
    /// Its length in days.
    pub baseline_days: f64,
    /// Complaints with the cause in the post window.
    pub post_count: u64,
    /// Its length in days.
    pub post_days: f64,
    /// Complaints per day before.
    pub baseline_rate_per_day: f64,
    /// Complaints per day after.
    pub post_rate_per_day: f64,
    /// After over before (absent with no baseline complaints).
    pub rate_ratio: Option<f64>,
    /// One-sided exact Poisson rate-ratio test (conditional binomial) of "the rate fell".
    pub p_value: f64,
    /// The significance level.
    pub alpha: f64,
    /// The target fall, percent.
    pub target_reduction_pct: u32,
    /// Fewer baseline complaints make the check inconclusive.
    pub min_baseline_events: u64,
    /// The verdict.
    pub verdict: Verdict,
    /// When it was computed.
    pub checked_at: DateTime<Utc>,
}

/// What was standardised once the fix worked.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, deny_unknown_fields, example)]
pub struct Standardisation {
    /// Policy changed.
    #[oai(validator(max_length = 2000))]
    pub policy: NoNull<StrictString>,
    /// Training given.
    #[oai(validator(max_length = 2000))]
    pub training: NoNull<StrictString>,
    /// Control added or changed.
    #[oai(validator(max_length = 2000))]
    pub control: NoNull<StrictString>,
    /// Anything else, lessons shared.
    #[oai(validator(max_length = 2000))]
    pub note: NoNull<StrictString>,
}

/// An improvement item.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct Improvement {
    /// Item id.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// What it is about (for a rule's item: the rule's explanation).
    pub description: Option<String>,
    /// Where it stands.
    pub state: ItemState,
    /// For an item on hold: the state it resumes to.
    pub held_from: Option<ItemState>,
    /// `rule` or `manual`.
    pub source: String,
    /// The rule that opened it.
    pub rule: Option<String>,
    /// The root cause it is about.
    pub cause: Option<String>,
    /// The product, where the rule counts per product.
    pub product: Option<String>,
    /// Priority, set at triage.
    pub priority: Option<Priority>,
    /// Owner, set at triage.
    pub owner: Option<String>,
    /// The plan.
    pub plan: Option<ItemPlan>,
    /// The `do` step's tasks.
    pub tasks: Vec<ItemTask>,
    /// When the change went live.
    pub went_live_at: Option<DateTime<Utc>>,
    /// The change (policy, procedure, release) that went live.
    pub change_reference: Option<String>,
    /// The last check, with every number.
    pub check: Option<CheckResult>,
    /// The last check's verdict.
    pub verdict: Option<Verdict>,
    /// What was standardised.
    pub standardisation: Option<Standardisation>,
    /// The item it was merged into.
    pub merged_into: Option<Uuid>,
    /// 1, plus one per return to `plan`.
    pub iteration: i32,
    /// Complaints linked as evidence, whichever team they belong to (a count only: the
    /// evidence list shows each reader the complaints in their scope).
    pub evidence_count: u64,
    /// Who opened it (`system` for a rule).
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Version; the ETag is this number in quotes.
    pub version: i64,
}

fn from_json<T: poem_openapi::types::ParseFromJSON>(v: Option<&Value>) -> Option<T> {
    T::parse_from_json(v.cloned()).ok()
}

impl TryFrom<crate::service::improvement::backlog::Item> for Improvement {
    type Error = ApiError;

    fn try_from(i: crate::service::improvement::backlog::Item) -> Result<Self, ApiError> {
        use domain::improvement as d;
        let m = i.item;
        let tasks = i
            .tasks
            .into_iter()
            .map(|t| {
                Ok(ItemTask {
                    status: stored::<d::TaskStatus>("improvement_tasks.status", &t.status)?.into(),
                    id: t.id,
                    description: t.description,
                    owner: t.owner,
                    due_on: IsoDate(t.due_on),
                })
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(Improvement {
            id: m.id,
            title: m.title,
            description: m.description,
            state: stored::<d::ItemState>("improvements.state", &m.state)?.into(),
            held_from: stored_opt::<d::ItemState>(
                "improvements.held_from",
                m.held_from.as_deref(),
            )?
            .map(Into::into),
            source: m.source,
            rule: m.rule,
            cause: m.cause,
            product: m.product,
            priority: m.priority.as_deref().and_then(wire),
            owner: m.owner,
            plan: from_json(m.plan.as_ref()),
            tasks,
            went_live_at: m.went_live_at,
            change_reference: m.change_reference,
            check: m.check_result.as_ref().and_then(|c| {
                let mut c = c.clone();
                if let Some(o) = c.as_object_mut() {
                    // Kept on the item for the audit, not part of the published shape.
                    for extra in ["cause", "product", "lag_days", "test"] {
                        o.remove(extra);
                    }
                }
                from_json(Some(&c))
            }),
            verdict: m.verdict.as_deref().and_then(wire),
            standardisation: from_json(m.standardisation.as_ref()),
            merged_into: m.merged_into,
            iteration: m.iteration,
            evidence_count: i.evidence_count,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        })
    }
}

/// A page of items.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none, example)]
pub struct ImprovementPage {
    /// Items, newest first.
    pub items: Vec<Improvement>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

/// Items a complaint is evidence for.
#[derive(Object, Debug)]
pub struct ImprovementList {
    /// Oldest first.
    pub items: Vec<Improvement>,
}

/// A complaint that matched an item's rule.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Evidence {
    /// The complaint.
    pub complaint_id: Uuid,
    /// Its reference.
    pub reference: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// Its product.
    pub product: String,
    /// Its channel.
    pub channel: String,
    /// Its primary cause now.
    pub primary_cause: Option<String>,
    /// The rule that matched it (`manual` when linked by hand).
    pub rule: String,
    /// The rule's parameters and window when it matched.
    pub parameters: Value,
    /// Why it matched, in words.
    pub explanation: String,
    /// When it was linked.
    pub matched_at: DateTime<Utc>,
}

/// An item's evidence, as the caller's scope lets them see it.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct EvidenceList {
    /// The item's rule, when a rule opened it.
    pub rule: Option<String>,
    /// The complaints in the caller's scope, oldest received first.
    pub items: Vec<Evidence>,
    /// Evidence complaints outside the caller's scope (another team's, for a team leader):
    /// counted here, never listed. `items` plus this is the item's `evidence_count`.
    pub out_of_scope: u64,
}

/// A hand-made item.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewImprovement {
    /// Title.
    #[oai(validator(min_length = 1, max_length = 200, pattern = r"[^\t\n\r ]"))]
    pub title: StrictString,
    /// What prompted it (an audit, an ombudsman decision, a handler's report).
    #[oai(validator(max_length = 4000))]
    pub description: NoNull<StrictString>,
    /// The root cause it is about, an active code.
    #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
    pub cause: NoNull<StrictString>,
    /// The product, one in the catalogue (`/v1/categories`; a retired one too).
    #[oai(validator(min_length = 1, max_length = 100))]
    pub product: NoNull<StrictString>,
    /// Complaints to link as evidence.
    #[oai(validator(max_items = 200))]
    pub complaints: NoNull<Vec<Uuid>>,
}

/// Triage: priority and owner.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct TriageAction {
    /// Priority.
    pub priority: Priority,
    /// The owner (token subject).
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub owner: StrictString,
}

/// Plan: the problem, the others affected, the baseline and the success criterion.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct PlanAction {
    /// What, where, when, how discovered, why it matters.
    #[oai(validator(min_length = 1, max_length = 4000, pattern = r"[^\t\n\r ]"))]
    pub problem_statement: StrictString,
    /// Could customers who did not complain be affected?
    pub others_affected: OthersAffected,
    /// What is known about them and what will be done.
    #[oai(validator(max_length = 4000))]
    pub others_affected_note: NoNull<StrictString>,
    /// Baseline window start, `YYYY-MM-DD`, from 1970.
    pub baseline_from: IsoDate,
    /// Baseline window end (exclusive), after its start and no later than tomorrow: a
    /// baseline is measured over the past.
    pub baseline_to: IsoDate,
    /// The fall in the cause's complaint rate that counts as success, percent.
    #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
    pub target_reduction_pct: u32,
    /// Days to measure after go-live (after the lag).
    #[oai(validator(minimum(value = "1"), maximum(value = "730")))]
    pub measurement_days: u32,
    /// Days after go-live before complaints count (default 14).
    #[oai(validator(minimum(value = "0"), maximum(value = "365")))]
    pub lag_days: NoNull<u32>,
}

/// A task to do.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields)]
pub struct TaskInput {
    /// What is to be done.
    #[oai(validator(min_length = 1, max_length = 2000, pattern = r"[^\t\n\r ]"))]
    pub description: StrictString,
    /// Who does it.
    #[oai(validator(min_length = 1, max_length = 255, pattern = r"[^\t\n\r ]"))]
    pub owner: StrictString,
    /// By when, `YYYY-MM-DD`; at most five years ahead.
    pub due_on: IsoDate,
}

/// Start doing: the tasks.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct StartAction {
    /// At least one task.
    #[oai(validator(min_items = 1, max_items = 50))]
    pub tasks: Vec<TaskInput>,
}

/// A task's new status.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct UpdateTaskAction {
    /// The task.
    pub task_id: Uuid,
    /// Its status.
    pub status: TaskStatus,
}

/// The change went live.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct GoLiveAction {
    /// When: not before the end of the baseline window, not in the future.
    pub went_live_at: DateTime<Utc>,
    /// The change (policy version, procedure, release).
    #[oai(validator(max_length = 200))]
    pub change_reference: NoNull<StrictString>,
}

/// Merge into another open item.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct MergeAction {
    /// The surviving item.
    pub into: Uuid,
}
