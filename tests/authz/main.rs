//! Authorization, generated from the served OpenAPI document: every operation against every
//! role (the operation level), south's handlers against north's complaint (the object level),
//! who sees a complainant's vulnerability (the field level), and every pair of roles against
//! what its roles alone get.
//!
//! The expected table is the one `docs/access.md` publishes ("By operation"), read at run time,
//! so that the page and the server cannot disagree. It is written from the permission model
//! (the API table and the procedure's action table), not generated from
//! `src/domain/access/rbac.rs`, so that it checks the code rather than restating it.

#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]
#[macro_use]
#[path = "../api/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::LazyLock,
};

use chrono::{DateTime, Duration, Utc};
use recourse::service::integration::delivery::Worker;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

use crate::harness::{TestApp, complaint_body, webhook_config};

engine_tests!(
    every_operation_in_the_spec_answers_each_role_as_the_permission_model_says,
    south_cannot_reach_north_complaints_and_only_those_in_scope_see_vulnerability,
    every_pair_of_roles_reaches_only_as_far_as_one_of_its_roles_alone,
);

const ROLES: [&str; 6] = [
    "agent",
    "team_leader",
    "analyst",
    "admin",
    "auditor",
    "integrator",
];

/// One row of the expected table.
#[derive(Debug)]
struct Row {
    id: String,
    /// Method and path template, as `GET /v1/complaints/{id}`.
    endpoint: String,
    allowed: Vec<&'static str>,
    /// Roles the API lets act on complaints but the procedure's action table leaves out of
    /// this action: refused with 409 `guard_failed`, `reason: role`, once the complaint is in a
    /// state the action starts from. Roles in neither list are refused with 403 `forbidden`.
    by_procedure: Vec<&'static str>,
}

/// The permission model, as `docs/access.md` publishes it ("By operation").
#[derive(Debug)]
struct Access {
    /// Every secured operation, in the order its requests are sent: the page keeps reads
    /// before writes, and the writes that use up their fixture (deprecating, merging) last
    /// within their group.
    matrix: Vec<Row>,
    /// Operations without security: probes, and the survey answer whose link is its credential.
    public: Vec<Row>,
    /// Secured operations open to any valid token, even one naming no known role.
    any_valid_token: Vec<String>,
}

impl Access {
    fn row(&self, id: &str) -> &Row {
        self.matrix
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("docs/access.md has no row for {id}"))
    }
}

/// Read from the page rather than written here, so that what readers are told is what the
/// server is held to, and a page that drifts from the server fails these tests.
static ACCESS: LazyLock<Access> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/access.md");
    let page = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_access(&page).unwrap_or_else(|e| panic!("docs/access.md, \"## By operation\": {e}"))
});

const ACCESS_HEADER: &str =
    "| operation | endpoint | roles allowed | roles refused by the procedure |";

/// The table under "## By operation". Anything it cannot read exactly is an error rather than
/// skipped, so that a typo cannot quietly drop a role or a row.
fn parse_access(page: &str) -> Result<Access, String> {
    let section = page
        .split("\n## ")
        .find(|s| s.starts_with("By operation\n"))
        .ok_or("no such section")?;
    let mut lines = section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'));
    if lines.next() != Some(ACCESS_HEADER) {
        return Err(format!("the table's header is not {ACCESS_HEADER:?}"));
    }
    lines.next().ok_or("the table has no rows")?;
    let code = |cell: &str| {
        cell.strip_prefix('`')
            .and_then(|c| c.strip_suffix('`'))
            .map(str::to_owned)
            .ok_or_else(|| format!("{cell:?} is not in backticks"))
    };
    let roles = |cell: &str| -> Result<Vec<&'static str>, String> {
        if cell == "—" {
            return Ok(Vec::new());
        }
        if cell == "all roles" {
            return Ok(ROLES.to_vec());
        }
        let mut out = Vec::new();
        for name in cell.split(',') {
            let name = code(name.trim())?;
            let role = ROLES
                .iter()
                .find(|r| **r == name)
                .ok_or_else(|| format!("{name:?} is not a role"))?;
            if out.contains(role) {
                return Err(format!("{name} twice in {cell:?}"));
            }
            out.push(*role);
        }
        Ok(out)
    };
    let mut access = Access {
        matrix: Vec::new(),
        public: Vec::new(),
        any_valid_token: Vec::new(),
    };
    for line in lines {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, id, endpoint, allowed, by_procedure, _] = cells[..] else {
            return Err(format!("{line:?} does not have four cells"));
        };
        let mut row = Row {
            id: code(id)?,
            endpoint: code(endpoint)?,
            allowed: Vec::new(),
            by_procedure: roles(by_procedure)?,
        };
        match allowed {
            "no token" if row.by_procedure.is_empty() => access.public.push(row),
            "no token" => return Err(format!("{}: public, yet refused to some", row.id)),
            "any valid token" => {
                access.any_valid_token.push(row.id.clone());
                row.allowed = ROLES.to_vec();
                access.matrix.push(row);
            }
            _ => {
                row.allowed = roles(allowed)?;
                if let Some(r) = row.allowed.iter().find(|r| row.by_procedure.contains(r)) {
                    return Err(format!("{}: {r} both allowed and refused", row.id));
                }
                access.matrix.push(row);
            }
        }
    }
    Ok(access)
}

/// Who may read a complaint's vulnerability details.
fn vulnerability_readers() -> &'static [&'static str] {
    &ACCESS.row("get_vulnerability").allowed
}

/// The state each procedure action is tried from, so that the action's own role rule (not the
/// state rule, which the procedure checks first) decides.
const STARTS_FROM: &[(&str, &str)] = &[
    ("acknowledge", "received"),
    ("assign", "received"),
    ("start_investigation", "acknowledged"),
    ("request_information", "investigating"),
    ("information_received", "awaiting_information"),
    ("propose_response", "investigating"),
    ("approve_response", "pending_approval"),
    ("return_for_rework", "pending_approval"),
    ("issue_response", "investigating"),
    ("resolve_summarily", "received"),
    ("extend", "received"),
    ("escalate", "responded"),
    ("refer", "responded"),
    ("record_referral_outcome", "referred"),
    ("close", "responded"),
    ("withdraw", "received"),
    ("reject_scope", "received"),
    ("transfer", "received"),
    ("reopen", "closed"),
];

/// One operation of the spec.
#[derive(Debug, Clone)]
struct Operation {
    id: String,
    method: Method,
    /// The path template, e.g. `/v1/complaints/{id}`.
    path: String,
    secured: bool,
    has_body: bool,
    if_match: bool,
    required_query: Vec<String>,
}

impl Operation {
    /// The procedure action this operation takes, if it is one.
    fn action(&self) -> Option<&str> {
        self.path.strip_prefix("/v1/complaints/{id}/actions/")
    }

    /// Whether the operation is about one complaint named in its path (by id or reference).
    fn takes_complaint(&self) -> bool {
        self.path.starts_with("/v1/complaints/{id}")
            || self.path.starts_with("/v1/complaints/by-reference/")
    }
}

/// The reference of each complaint the fixtures logged, by id: an operation that names a
/// complaint by its reference reaches the fixture's complaint through it.
static REFERENCES: LazyLock<std::sync::Mutex<BTreeMap<String, String>>> =
    LazyLock::new(Default::default);

/// The id of a complaint just logged, its reference remembered.
fn remembered(c: &Value) -> String {
    let id = c["id"].as_str().unwrap().to_owned();
    let reference = c["reference"].as_str().unwrap().to_owned();
    REFERENCES.lock().unwrap().insert(id.clone(), reference);
    id
}

/// The reference of the complaint `id`; for an id no complaint has, a well-formed reference
/// no complaint has either.
fn reference_of(id: &str) -> String {
    REFERENCES
        .lock()
        .unwrap()
        .get(id)
        .cloned()
        .unwrap_or_else(|| "CMP-1970-000000".to_owned())
}

/// Every operation in the served spec, by operationId.
async fn operations(app: &TestApp) -> BTreeMap<String, Operation> {
    let resp = app.request(Method::GET, "/openapi.json", None).send().await;
    operations_in(&resp.unwrap().json().await.unwrap())
}

/// Every operation in `spec`, by operationId.
fn operations_in(spec: &Value) -> BTreeMap<String, Operation> {
    let mut ops = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            if ![
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ]
            .contains(&method)
            {
                continue;
            }
            let id = op["operationId"].as_str().unwrap().to_owned();
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let operation = Operation {
                id: id.clone(),
                method,
                path: path.clone(),
                secured: op["security"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|r| r.get("bearerAuth").is_some())),
                has_body: op.get("requestBody").is_some(),
                if_match: params
                    .iter()
                    .any(|p| p["in"] == "header" && p["name"] == "If-Match"),
                required_query: params
                    .iter()
                    .filter(|p| p["in"] == "query" && p["required"] == true)
                    .map(|p| p["name"].as_str().unwrap().to_owned())
                    .collect(),
            };
            assert!(ops.insert(id.clone(), operation).is_none(), "{id} twice");
        }
    }
    ops
}

/// Ids of the resources the requests name, made in setup.
#[derive(Debug, Default, Clone)]
struct Fixtures {
    now: DateTime<Utc>,
    /// The team the complaints below belong to, and that `create_complaint` and `assign` name:
    /// north unless set.
    team: Option<&'static str>,
    /// The team's complaint, responded with a remedy; in the single-role matrix, logged by the
    /// integrator under test (so it is in every role's scope).
    complaint: String,
    remedy: String,
    /// A complaint in the state each procedure action starts from.
    by_action: BTreeMap<String, String>,
    /// An item in `do` with one task, and a second, proposed, to merge into.
    improvement: String,
    other_improvement: String,
    task: String,
    webhook: String,
    delivery: String,
    hook_url: String,
    survey_token: String,
}

impl Fixtures {
    fn team(&self) -> &'static str {
        self.team.unwrap_or("north")
    }

    /// The value of each path parameter, by (resource, parameter name): `id` and `code` mean
    /// different things under different resources. An unknown pair is an error, so that a new
    /// path parameter cannot go untested.
    fn path_params(&self) -> BTreeMap<(&'static str, &'static str), String> {
        BTreeMap::from([
            (("complaints", "id"), self.complaint.clone()),
            (("complaints", "remedy_id"), self.remedy.clone()),
            (("improvements", "id"), self.improvement.clone()),
            (("webhooks", "id"), self.webhook.clone()),
            (("webhooks", "delivery_id"), self.delivery.clone()),
            (("calendars", "calendar"), "uk-england-wales".into()),
            (("calendars", "date"), "2030-06-12".into()),
            (("categories", "product"), "current_account".into()),
            (("categories", "code"), "fees".into()),
            (("profiles", "profile"), "fca_disp".into()),
            (("root-causes", "code"), "SYS.AUTHZ_MATRIX".into()),
            (("feedback", "token"), self.survey_token.clone()),
        ])
    }

    fn query_param(&self, name: &str) -> Option<String> {
        match name {
            "received_at" => Some(instant(self.now)),
            "period_start" => Some("2026-01-01".into()),
            "period_end" => Some("2026-06-30".into()),
            _ => None,
        }
    }

    /// The URL path of `op` with its parameters filled in.
    fn path(&self, op: &Operation) -> Result<String, String> {
        let params = self.path_params();
        let resource = op.path.split('/').nth(2).unwrap_or_default();
        let mut out = String::new();
        let mut rest = op.path.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').unwrap() + open;
            let name = &rest[open + 1..close];
            let value = match (op.action(), name) {
                (Some(action), "id") => self.by_action.get(action).cloned(),
                (_, "reference") if resource == "complaints" => Some(reference_of(&self.complaint)),
                _ => params
                    .iter()
                    .find(|((r, n), _)| *r == resource && *n == name)
                    .map(|(_, v)| v.clone()),
            };
            let value = value.ok_or_else(|| {
                format!(
                    "{}: no value for path parameter {name:?} under {resource:?}",
                    op.id
                )
            })?;
            out.push_str(&rest[..open]);
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// A request for `op` as `token`, valid for the schema, so that only authorization and the
    /// service's own rules can refuse it.
    fn request(
        &self,
        app: &TestApp,
        op: &Operation,
        token: Option<&str>,
    ) -> Result<RequestBuilder, String> {
        let mut req = app.request(op.method.clone(), &self.path(op)?, token);
        let mut query = Vec::new();
        for name in &op.required_query {
            let value = self
                .query_param(name)
                .ok_or_else(|| format!("{}: no value for query parameter {name:?}", op.id))?;
            query.push((name.clone(), value));
        }
        if !query.is_empty() {
            req = req.query(&query);
        }
        if op.if_match {
            req = req.header("If-Match", "*");
        }
        match (op.has_body, body(&op.id, self)) {
            (true, Some(b)) => req = req.json(&b),
            (false, None) => {}
            (true, None) => return Err(format!("{}: the spec wants a body; none here", op.id)),
            (false, Some(_)) => return Err(format!("{}: a body here; the spec has none", op.id)),
        }
        Ok(req)
    }
}

/// The service's clock, which the harness fixes at start-up.
fn service_now(app: &TestApp) -> DateTime<Utc> {
    match &app.state.clock {
        recourse::state::Clock::Fixed(now) => *now.lock().unwrap(),
        _ => Utc::now(),
    }
}

fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

const NOTES: &str = "Recently bereaved; call before 11am, never after.";

/// A schema-valid body for each operation that takes one (`None` for those that do not).
///
/// Not `{}`: poem-openapi parses the body before the handler runs, so a body that breaks
/// the schema is answered 400 before the handler asks for a permission, and a forbidden role
/// would see 400 rather than 403.
fn body(op: &str, fx: &Fixtures) -> Option<Value> {
    let reason = json!({"reason": "Checked by the authorization matrix."});
    let b = match op {
        "create_complaint" => {
            let mut b = complaint_body();
            b["team"] = json!(fx.team());
            b
        }
        "import_complaint" => imported_case(fx),
        "import_complaints" => json!({"cases": [imported_case(fx), imported_case(fx)]}),
        "update_complaint" => json!({"remedy_sought": "Refund both fees."}),
        "classify" => json!({"primary_cause": "PRC.DELAY"}),
        "settle_remedy" => json!({"status": "completed"}),
        "acknowledge" => json!({"communication": {"channel": "email"}}),
        // The team's agent, who has signed in by the time anything is assigned to them.
        "assign" => json!({"assignee": format!("agent-{}", fx.team())}),
        "request_information" => json!({"what": "The statement showing both fees."}),
        "propose_response" => json!({"outcome": "not_upheld"}),
        "issue_response" => json!({
            "outcome": "not_upheld",
            "primary_cause": "NFF.EXPECTATION_GAP",
            "communication": {"channel": "email"},
        }),
        "resolve_summarily" => {
            json!({"outcome": "resolved", "communication": {"channel": "phone"}})
        }
        "extend" => json!({
            "timer": "final_response",
            "new_due_at": instant(fx.now + Duration::days(90)),
            "reason": "Waiting for the third party's records.",
        }),
        "refer" => json!({"scheme": "financial_ombudsman_service"}),
        "record_referral_outcome" => json!({"decision": "not_upheld"}),
        "transfer" => json!({"to": "The card scheme", "reason": "Theirs to answer."}),
        "start_investigation"
        | "information_received"
        | "approve_response"
        | "close"
        | "withdraw"
        | "escalate" => json!({}),
        "return_for_rework" | "reject_scope" | "reopen" => reason,
        "create_team" => json!({"id": "matrix", "name": "Matrix"}),
        "set_internal_targets" => json!({
            "calendar": "uk-england-wales",
            "stages": 2,
            "acknowledgement_business_days": 3,
            "stage1_response_business_days": 10,
            "stage2_response_business_days": 20,
        }),
        "add_root_cause" => json!({
            "code": "SYS.AUTHZ_ADDED",
            "label": "Added by the matrix",
            "definition": "A code the authorization matrix adds.",
        }),
        "rename_root_cause" => json!({"label": "Renamed by the matrix"}),
        "merge_root_cause" => json!({"into": "PRC.DELAY"}),
        "set_category" => json!({"label": "Fees and charges"}),
        "set_recurrence_rules" => json!({
            "threshold_enabled": true,
            "min_cases": 5,
            "window_days": 30,
            "by_product": false,
            "systemic_enabled": true,
            "spread_enabled": true,
            "min_spread": 2,
            "post_fix_enabled": true,
        }),
        "create_improvement" => json!({"title": "Matrix item", "cause": "PRC.DELAY"}),
        "update_improvement_task" => json!({"task_id": fx.task, "status": "done"}),
        "go_live_improvement" => json!({"went_live_at": instant(fx.now)}),
        "triage_improvement" => json!({"priority": "high", "owner": "analyst-1"}),
        "plan_improvement" => plan_body(),
        "start_improvement" => json!({"tasks": [{
            "description": "Stop charging twice on retries",
            "owner": "analyst-1",
            "due_on": "2030-01-31",
        }]}),
        "merge_improvement" => json!({"into": fx.other_improvement}),
        "hold_improvement" | "iterate_improvement" | "reject_improvement" => reason,
        "act_improvement" | "check_improvement" | "close_improvement" | "resume_improvement" => {
            json!({})
        }
        "create_webhook" => json!({"url": fx.hook_url, "event_types": ["complaint.created"]}),
        "update_webhook" => json!({"description": "Touched by the matrix"}),
        "replay_webhook_range" => json!({
            "from": instant(fx.now - Duration::hours(1)),
            "to": instant(fx.now + Duration::hours(1)),
        }),
        "submit_feedback" => json!({"outcome_score": 4, "handling_score": 5}),
        _ => return None,
    };
    Some(b)
}

/// A case handled in another system, received ten days before the fixtures' clock and
/// acknowledged the day after, for the team the complaints belong to. Each call names a new
/// source id, so that every import an allowed caller sends goes ahead (201) rather than finding
/// an earlier one (200) or another caller's (409).
fn imported_case(fx: &Fixtures) -> Value {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut complaint = complaint_body();
    complaint["team"] = json!(fx.team());
    complaint["received_at"] = json!(instant(fx.now - Duration::days(10)));
    json!({
        "source": {"system": "authz-matrix", "id": format!("CASE-{n}")},
        "complaint": complaint,
        "history": [{
            "action": "acknowledge",
            "at": instant(fx.now - Duration::days(9)),
            "actor": "legacy.handler",
            "channel": "email",
        }],
    })
}

fn plan_body() -> Value {
    json!({
        "problem_statement": "Customers are charged twice when a payment is retried",
        "others_affected": "unknown",
        "baseline_from": "2026-01-01",
        "baseline_to": "2026-01-31",
        "target_reduction_pct": 40,
        "measurement_days": 30,
    })
}

/// A caller: a label for messages, the role it holds (if one of the six), and its token.
struct Caller {
    label: String,
    role: Option<&'static str>,
    token: Option<String>,
}

/// Tokens for each role. Agents and team leaders are north's; the integrator is `crm`, which
/// logs the fixtures, so every role has them in scope.
fn role_token(app: &TestApp, role: &str) -> String {
    match role {
        "agent" => app.token("agent-north", &[role], Some("north")),
        "team_leader" => app.token("leader-north", &[role], Some("north")),
        "integrator" => app.token("crm", &[role], None),
        _ => app.token(&format!("{role}-1"), &[role], None),
    }
}

/// Status, content type and body (JSON when it is JSON) of an answer.
async fn answer(resp: Response) -> (u16, String, Value) {
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        content_type,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// `None` when (status, body) is the problem `status`/`code` (and `reason`, if given).
fn is_problem(
    got: &(u16, String, Value),
    status: u16,
    code: &str,
    reason: Option<&str>,
) -> Option<String> {
    let (s, ct, body) = got;
    let ok = *s == status
        && ct.starts_with("application/problem+json")
        && body["code"] == code
        && reason.is_none_or(|r| body["reason"] == r);
    (!ok).then(|| format!("{s} {ct} {body}"))
}

async fn send(req: RequestBuilder) -> (u16, String, Value) {
    answer(req.send().await.unwrap()).await
}

/// Takes `action` on complaint `id`; it must succeed.
async fn step(app: &TestApp, token: &str, id: &str, action: &str, body: &Value) -> Value {
    let req = app
        .request(
            Method::POST,
            &format!("/v1/complaints/{id}/actions/{action}"),
            Some(token),
        )
        .header("If-Match", "*")
        .json(body);
    let (status, _, json) = send(req).await;
    assert_eq!(status, 200, "{action} on {id}: {json}");
    json
}

/// A complaint of `fx`'s team logged by `creator`, walked by that team's `agent` into `state`.
async fn complaint_in(
    app: &TestApp,
    fx: &Fixtures,
    creator: &str,
    agent: &str,
    state: &str,
) -> String {
    let c = app
        .create(creator, &body("create_complaint", fx).unwrap())
        .await;
    let id = remembered(&c);
    let to_investigating: &[&str] = &["acknowledge", "start_investigation"];
    let steps: Vec<&str> = match state {
        "received" => vec![],
        "acknowledged" => vec!["acknowledge"],
        "investigating" => to_investigating.to_vec(),
        "awaiting_information" => [to_investigating, &["request_information"]].concat(),
        "pending_approval" => [to_investigating, &["propose_response"]].concat(),
        "responded" => [to_investigating, &["issue_response"]].concat(),
        "closed" => [to_investigating, &["issue_response", "close"]].concat(),
        "referred" => [to_investigating, &["issue_response", "refer"]].concat(),
        other => panic!("no recipe for a complaint in {other}"),
    };
    for action in steps {
        step(app, agent, &id, action, &body(action, fx).unwrap()).await;
    }
    id
}

/// A complaint logged by `creator` from `new` and answered by `agent` with an apology still
/// due: it has a remedy to settle and can be surveyed.
async fn responded_with_remedy(
    app: &TestApp,
    fx: &Fixtures,
    creator: &str,
    agent: &str,
    new: Value,
) -> (String, String) {
    let c = app.create(creator, &new).await;
    let id = remembered(&c);
    for action in ["acknowledge", "start_investigation"] {
        step(app, agent, &id, action, &body(action, fx).unwrap()).await;
    }
    let mut issue = body("issue_response", fx).unwrap();
    issue["remedies"] = json!([{"kind": "apology"}]);
    step(app, agent, &id, "issue_response", &issue).await;
    let (status, _, remedies) = send(app.request(
        Method::GET,
        &format!("/v1/complaints/{id}/remedies"),
        Some(agent),
    ))
    .await;
    assert_eq!(status, 200, "{remedies}");
    let remedy = remedies["items"][0]["id"].as_str().unwrap().to_owned();
    (id, remedy)
}

/// Invites the complainant to a survey; returns the link's token.
async fn invite(app: &TestApp, token: &str, id: &str) -> String {
    let req = app
        .request(
            Method::POST,
            &format!("/v1/complaints/{id}/surveys"),
            Some(token),
        )
        .header("If-Match", "*");
    let (status, _, json) = send(req).await;
    assert_eq!(status, 201, "{json}");
    json["token"].as_str().unwrap().to_owned()
}

/// Classifies complaint `id` as `token`; it must succeed.
async fn classified(app: &TestApp, fx: &Fixtures, token: &str, id: &str) {
    let classify = app
        .request(
            Method::PUT,
            &format!("/v1/complaints/{id}/classification"),
            Some(token),
        )
        .header("If-Match", "*")
        .json(&body("classify", fx).unwrap());
    let (status, _, json) = send(classify).await;
    assert_eq!(status, 200, "{json}");
}

/// Posts `body` to `path` as `token`, expecting success; returns the answer.
async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let (status, _, json) = send(app.request(Method::POST, path, Some(token)).json(&body)).await;
    assert!((200..300).contains(&status), "{path}: {status} {json}");
    json
}

/// Improvement action `action` on item `id` as `token`; it must succeed.
async fn item_step(app: &TestApp, token: &str, id: &str, action: &str, body: Value) -> Value {
    let req = app
        .request(
            Method::POST,
            &format!("/v1/improvements/{id}/actions/{action}"),
            Some(token),
        )
        .header("If-Match", "*")
        .json(&body);
    let (status, _, json) = send(req).await;
    assert_eq!(status, 200, "{action} on item {id}: {json}");
    json
}

/// The fixtures of the matrix: one of each resource a path can name, in every role's scope.
async fn matrix_fixtures(app: &TestApp) -> Fixtures {
    app.team("north").await;
    let admin = role_token(app, "admin");
    let analyst = role_token(app, "analyst");
    let agent = role_token(app, "agent");
    let integrator = role_token(app, "integrator");
    let mut fx = Fixtures {
        now: service_now(app),
        ..Fixtures::default()
    };

    // A webhook whose receiver is not there: its deliveries fail, but they exist. It is made
    // first so that the complaints below queue deliveries to it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    fx.hook_url = format!("http://127.0.0.1:{port}/hook");
    let hook = created(
        app,
        &admin,
        "/v1/webhooks",
        body("create_webhook", &fx).unwrap(),
    )
    .await;
    fx.webhook = hook["subscription"]["id"].as_str().unwrap().to_owned();

    // North's agent signs in before anything is assigned to them.
    let (status, _, me) = send(app.request(Method::GET, "/v1/me", Some(&agent))).await;
    assert_eq!(status, 200, "{me}");

    let new = body("create_complaint", &fx).unwrap();
    (fx.complaint, fx.remedy) = responded_with_remedy(app, &fx, &integrator, &agent, new).await;
    fx.survey_token = invite(app, &agent, &fx.complaint).await;
    // Classified, so that reading the classification finds one.
    classified(app, &fx, &role_token(app, "team_leader"), &fx.complaint).await;
    for (action, state) in STARTS_FROM {
        let id = complaint_in(app, &fx, &integrator, &agent, state).await;
        fx.by_action.insert((*action).to_owned(), id);
    }

    Worker::new(&webhook_config())
        .unwrap()
        .pass(&app.state)
        .await
        .unwrap();
    let (status, _, deliveries) = send(app.request(
        Method::GET,
        &format!("/v1/webhooks/{}/deliveries", fx.webhook),
        Some(&admin),
    ))
    .await;
    assert_eq!(status, 200, "{deliveries}");
    fx.delivery = deliveries["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no delivery queued: {deliveries}"))
        .to_owned();

    created(
        app,
        &admin,
        "/v1/root-causes",
        json!({"code": "SYS.AUTHZ_MATRIX", "label": "Matrix", "definition": "A code to rename, deprecate and merge."}),
    )
    .await;

    let item = created(
        app,
        &analyst,
        "/v1/improvements",
        body("create_improvement", &fx).unwrap(),
    )
    .await;
    fx.improvement = item["id"].as_str().unwrap().to_owned();
    let other = created(
        app,
        &analyst,
        "/v1/improvements",
        json!({"title": "Another matrix item", "cause": "NFF.EXPECTATION_GAP"}),
    )
    .await;
    fx.other_improvement = other["id"].as_str().unwrap().to_owned();
    let id = fx.improvement.clone();
    let triage = body("triage_improvement", &fx).unwrap();
    item_step(app, &analyst, &id, "triage", triage).await;
    item_step(app, &analyst, &id, "plan", plan_body()).await;
    let start = body("start_improvement", &fx).unwrap();
    let item = item_step(app, &analyst, &id, "start", start).await;
    fx.task = item["tasks"][0]["id"].as_str().unwrap().to_owned();
    fx
}

/// Checks that the table and the spec name the same operations at the same endpoints: a
/// secured operation missing from the table, or an unsecured one not listed as needing no
/// token, fails.
fn coverage_gaps(ops: &BTreeMap<String, Operation>) -> Vec<String> {
    let mut gaps = Vec::new();
    let mut seen = BTreeSet::new();
    for (row, public) in ACCESS
        .matrix
        .iter()
        .map(|r| (r, false))
        .chain(ACCESS.public.iter().map(|r| (r, true)))
    {
        let id = &row.id;
        if !seen.insert(id.as_str()) {
            gaps.push(format!("{id} is in the table twice"));
        }
        match ops.get(id) {
            None => gaps.push(format!("{id} is in the table but not in the spec")),
            Some(o) if o.secured == public => gaps.push(format!(
                "{id} is {} in the table but {} in the spec",
                if public { "public" } else { "secured" },
                if o.secured { "secured" } else { "public" },
            )),
            Some(o) if row.endpoint != format!("{} {}", o.method, o.path) => gaps.push(format!(
                "{id} is at {} in the table but at {} {} in the spec",
                row.endpoint, o.method, o.path
            )),
            Some(_) => {}
        }
    }
    for (id, op) in ops {
        if !seen.contains(id.as_str()) {
            gaps.push(format!(
                "{id} ({} {}) has no row in docs/access.md (\"By operation\")",
                op.method, op.path
            ));
        }
        if op.action().is_some() && !STARTS_FROM.iter().any(|(a, _)| a == id) {
            gaps.push(format!("{id} is a procedure action with no starting state"));
        }
    }
    gaps
}

/// The committed spec, without a server: the quickest way to learn that a new operation has
/// no row. The served spec is checked the same way below, and equals this one
/// (`the_committed_spec_matches_the_code` in tests/api).
#[test]
fn the_access_table_covers_every_operation_in_the_committed_spec() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let spec = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let ops = operations_in(&serde_json::from_str(&spec).unwrap());
    let gaps = coverage_gaps(&ops);
    assert!(
        gaps.is_empty(),
        "docs/access.md and openapi/openapi.json differ:\n{}",
        gaps.join("\n")
    );
    assert!(ACCESS.matrix.len() > 80 && !ACCESS.public.is_empty());
    assert_eq!(ACCESS.any_valid_token, ["get_me"]);
}

/// The statuses the permission model and an operation's shape make possible, each of which the
/// spec must declare: 401 and 403 on every secured operation (a token naming no known role is
/// refused everything but `get_me`), 409 where the procedure refuses a role, 404 where the
/// path names a resource (a path parameter that is not one of a fixed set of values), 412 and
/// 428 with `If-Match`, 413 and 415 with a body.
fn statuses_possible(spec: &Value, path: &str, method: &str, op: &Value) -> BTreeSet<&'static str> {
    let id = op["operationId"].as_str().unwrap();
    let mut need = BTreeSet::new();
    if let Some(row) = ACCESS.matrix.iter().find(|r| r.id == id) {
        need.insert("401");
        if !ACCESS.any_valid_token.iter().any(|a| a == id) {
            need.insert("403");
        }
        if !row.by_procedure.is_empty() {
            need.insert("409");
        }
    }
    let params = op["parameters"].as_array().cloned().unwrap_or_default();
    let names_a_resource = params.iter().any(|p| {
        if p["in"] != "path" {
            return false;
        }
        let schema = match p["schema"]["$ref"].as_str() {
            Some(r) => spec
                .pointer(&r.replacen('#', "", 1))
                .cloned()
                .unwrap_or_default(),
            None => p["schema"].clone(),
        };
        // A PUT names what it creates (a holiday's date, a category's code); an id names
        // something that exists, or not.
        schema.get("enum").is_none()
            && (schema["format"] == "uuid" || (schema["format"].is_null() && method != "put"))
    });
    if names_a_resource {
        need.insert("404");
    }
    if params
        .iter()
        .any(|p| p["in"] == "header" && p["name"] == "If-Match")
    {
        need.extend(["412", "428"]);
    }
    if op.get("requestBody").is_some() {
        need.extend(["400", "413", "415"]);
    }
    assert!(path.starts_with('/'), "{id}: {path}");
    need
}

/// The role table against the spec: every refusal a role, a procedure rule, a path or a
/// precondition can cause is a declared response, so that a client (and a fuzzer holding one
/// role) is never answered a status the contract does not name.
#[test]
fn every_status_the_permission_model_allows_is_declared_in_the_spec() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap();
    let mut missing = Vec::new();
    for (p, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            for status in statuses_possible(&spec, p, method, op) {
                if op["responses"].get(status).is_none() {
                    missing.push(format!("{id} ({p}) does not declare {status}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// `schemathesis.toml`'s per-operation lists of the statuses a valid request may get, by
/// operationId. Only the two keys `.ci/run`'s configuration uses are read.
fn fuzz_expected_statuses() -> BTreeMap<String, Vec<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemathesis.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            current = None;
        }
        if let Some(id) = line.strip_prefix("include-operation-id = ") {
            current = Some(id.trim_matches('"').to_owned());
        }
        if let Some(list) =
            line.strip_prefix("checks.positive_data_acceptance.expected-statuses = ")
        {
            let id = current
                .clone()
                .unwrap_or_else(|| panic!("expected statuses outside an [[operations]]: {line}"));
            let statuses = list
                .trim_matches(|c| c == '[' || c == ']')
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_owned())
                .collect();
            assert!(out.insert(id.clone(), statuses).is_none(), "{id} twice");
        }
    }
    out
}

/// The fuzzing run holds single-role tokens (`.ci/run`): the statuses it accepts for a valid
/// request must include each refusal the role table allows (403 for a role not allowed, 409 for
/// one the procedure refuses, 401, 404 for a path naming a resource), and name only statuses
/// the spec declares.
#[test]
fn the_fuzzing_configuration_expects_every_refusal_the_role_table_allows() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap();
    let mut by_id = BTreeMap::new();
    for (p, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            by_id.insert(
                op["operationId"].as_str().unwrap().to_owned(),
                (p, method, op),
            );
        }
    }
    let mut wrong = Vec::new();
    let expected = fuzz_expected_statuses();
    assert!(expected.len() > 40, "schemathesis.toml: {expected:?}");
    for (id, statuses) in &expected {
        let Some((p, method, op)) = by_id.get(id) else {
            wrong.push(format!("{id} is in schemathesis.toml but not in the spec"));
            continue;
        };
        for s in statuses {
            if !s.ends_with("xx") && op["responses"].get(s.as_str()).is_none() {
                wrong.push(format!("{id} expects {s}, which the spec does not declare"));
            }
        }
        let mut need: BTreeSet<&str> = statuses_possible(&spec, p, method, op)
            .into_iter()
            .filter(|s| ["401", "404", "409"].contains(s))
            .collect();
        if let Some(row) = ACCESS.matrix.iter().find(|r| r.id == *id)
            && row.allowed.len() < ROLES.len()
        {
            need.insert("403");
        }
        for s in need {
            if !statuses.iter().any(|x| x == s) {
                wrong.push(format!("{id} does not expect {s}"));
            }
        }
    }
    assert!(wrong.is_empty(), "schemathesis.toml:\n{}", wrong.join("\n"));
}

async fn every_operation_in_the_spec_answers_each_role_as_the_permission_model_says(app: TestApp) {
    let ops = operations(&app).await;
    let gaps = coverage_gaps(&ops);
    assert!(
        gaps.is_empty(),
        "docs/access.md and the served spec differ:\n{}",
        gaps.join("\n")
    );
    let mut fx = matrix_fixtures(&app).await;

    // Refused callers go first for each operation and allowed roles last, so that an allowed
    // call that changes the resource (acknowledging, settling) cannot change what a refused
    // caller is answered.
    let mut mismatches = Vec::new();
    let mut requests = 0;
    for Row {
        id: op_id,
        allowed,
        by_procedure,
        ..
    } in &ACCESS.matrix
    {
        let op = &ops[op_id];
        let mut callers = vec![
            Caller {
                label: "no token".into(),
                role: None,
                token: None,
            },
            Caller {
                label: "a token with no known role".into(),
                role: None,
                token: Some(app.token("nobody", &["superuser"], Some("north"))),
            },
        ];
        let mut roles: Vec<&'static str> = ROLES.to_vec();
        roles.sort_by_key(|r| (allowed.contains(r), by_procedure.contains(r)));
        for role in roles {
            callers.push(Caller {
                label: role.into(),
                role: Some(role),
                token: Some(role_token(&app, role)),
            });
        }
        for caller in callers {
            let req = match fx.request(&app, op, caller.token.as_deref()) {
                Ok(r) => r,
                Err(e) => {
                    mismatches.push(e);
                    continue;
                }
            };
            let got = send(req).await;
            requests += 1;
            let (expected, wrong) = match (caller.token.is_some(), caller.role) {
                (false, _) => (
                    "401 unauthenticated",
                    is_problem(&got, 401, "unauthenticated", None),
                ),
                (true, None) if ACCESS.any_valid_token.contains(op_id) => (
                    "2xx",
                    (!(200..300).contains(&got.0)).then(|| got.0.to_string()),
                ),
                (true, None) => ("403 forbidden", is_problem(&got, 403, "forbidden", None)),
                (true, Some(role)) if allowed.contains(&role) => (
                    "allowed (not 401, 403, 404 or 5xx)",
                    matches!(got.0, 401 | 403 | 404 | 500..=599)
                        .then(|| format!("{} {}", got.0, got.2)),
                ),
                (true, Some(role)) if by_procedure.contains(&role) => (
                    "409 guard_failed, reason role",
                    is_problem(&got, 409, "guard_failed", Some("role")),
                ),
                (true, Some(_)) => ("403 forbidden", is_problem(&got, 403, "forbidden", None)),
            };
            if let Some(got) = wrong {
                mismatches.push(format!(
                    "MISMATCH {op_id} ({} {}) as {}: expected {expected}, got {got}",
                    op.method, op.path, caller.label
                ));
            }
        }
    }
    assert_eq!(
        requests,
        ACCESS.matrix.len() * 8,
        "every operation x 8 callers"
    );

    // The public operations answer without a token. The matrix's survey invitations replaced
    // the fixture's link, so the complainant gets a fresh one.
    fx.survey_token = invite(&app, &role_token(&app, "agent"), &fx.complaint).await;
    for Row { id: op_id, .. } in &ACCESS.public {
        let op = &ops[op_id];
        let got = send(fx.request(&app, op, None).unwrap()).await;
        if !(200..300).contains(&got.0) {
            mismatches.push(format!(
                "MISMATCH public {op_id} without a token: expected 2xx, got {} {}",
                got.0, got.2
            ));
        }
    }

    // Authentication comes before the body is read: a body that breaks the schema is still 401
    // without a token, so an anonymous caller learns nothing about the schema's rules.
    for op in ops.values().filter(|o| o.secured && o.has_body) {
        let path = fx.path(op).unwrap();
        let mut req = app.request(op.method.clone(), &path, None).json(&json!({}));
        if op.if_match {
            req = req.header("If-Match", "*");
        }
        let got = send(req).await;
        if let Some(got) = is_problem(&got, 401, "unauthenticated", None) {
            mismatches.push(format!(
                "MISMATCH {} with an empty body and no token: expected 401, got {got}",
                op.id
            ));
        }
    }

    assert!(
        mismatches.is_empty(),
        "{} of {requests} answers differ from the permission model:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The parts of north's complaint that a refused request must leave alone.
async fn snapshot(app: &TestApp, admin: &str, id: &str) -> Vec<Value> {
    let mut parts = Vec::new();
    for suffix in [
        "",
        "/events?limit=200",
        "/remedies",
        "/surveys",
        "/classification",
        "/communications",
    ] {
        let resp = app
            .request(
                Method::GET,
                &format!("/v1/complaints/{id}{suffix}"),
                Some(admin),
            )
            .send()
            .await
            .unwrap();
        let etag = resp
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_owned());
        let (status, _, mut json) = answer(resp).await;
        assert_eq!(status, 200, "{suffix}: {json}");
        if suffix.is_empty() {
            // Timers are worked out on each read; everything else is the stored complaint.
            json.as_object_mut().unwrap().remove("timers");
            json["etag"] = json!(etag);
        }
        parts.push(json);
    }
    parts
}

async fn south_cannot_reach_north_complaints_and_only_those_in_scope_see_vulnerability(
    app: TestApp,
) {
    let ops = operations(&app).await;
    app.team("north").await;
    app.team("south").await;
    let admin = role_token(&app, "admin");
    let agent = role_token(&app, "agent");
    let leader = role_token(&app, "team_leader");
    let integrator = role_token(&app, "integrator");
    let fx = Fixtures {
        now: service_now(&app),
        ..Fixtures::default()
    };

    // North's complaint, from a complainant who disclosed a vulnerability, logged by the
    // integrator: answered with a remedy, classified and surveyed, so that every operation on
    // a complaint has something to reach for.
    let mut new = body("create_complaint", &fx).unwrap();
    new["vulnerability"] = json!({"drivers": ["health", "life_events"], "notes": "Hearing loss."});
    let (north, remedy) = responded_with_remedy(&app, &fx, &integrator, &agent, new).await;
    let (status, _, _) = send(
        app.request(
            Method::PATCH,
            &format!("/v1/complaints/{north}"),
            Some(&agent),
        )
        .header("If-Match", "*")
        .json(&json!({"vulnerability": {"drivers": ["health", "life_events"], "notes": NOTES}})),
    )
    .await;
    assert_eq!(status, 200);
    let classify = app
        .request(
            Method::PUT,
            &format!("/v1/complaints/{north}/classification"),
            Some(&leader),
        )
        .header("If-Match", "*")
        .json(&body("classify", &fx).unwrap());
    assert_eq!(send(classify).await.0, 200);
    invite(&app, &agent, &north).await;

    // Field level: the complaint shows every role only that a vulnerability is recorded; the
    // details are read on their own, by the roles that handle or audit the case, and each
    // read is on record.
    for role in ROLES {
        let token = role_token(&app, role);
        let (status, _, c) = send(app.request(
            Method::GET,
            &format!("/v1/complaints/{north}"),
            Some(&token),
        ))
        .await;
        assert_eq!(status, 200, "{role}: {c}");
        assert_eq!(c["vulnerable"], true, "{role}");
        assert!(c.get("vulnerability").is_none(), "{role}: {c}");
        let (status, _, v) = send(app.request(
            Method::GET,
            &format!("/v1/complaints/{north}/vulnerability"),
            Some(&token),
        ))
        .await;
        if vulnerability_readers().contains(&role) {
            assert_eq!(status, 200, "{role}: {v}");
            let drivers: BTreeSet<_> = v["drivers"]
                .as_array()
                .unwrap_or_else(|| panic!("{role} sees no drivers: {v}"))
                .iter()
                .map(|d| d.as_str().unwrap().to_owned())
                .collect();
            assert_eq!(
                drivers,
                BTreeSet::from(["health".into(), "life_events".into()])
            );
            assert_eq!(v["notes"], NOTES, "{role}");
        } else {
            assert_eq!(status, 403, "{role}: {v}");
            assert!(!v.to_string().contains(NOTES), "{role}: {v}");
        }
    }
    let (status, _, log) = send(app.request(
        Method::GET,
        &format!("/v1/complaints/{north}/vulnerability/reads"),
        Some(&admin),
    ))
    .await;
    assert_eq!(status, 200, "{log}");
    let mut readers: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reader_role"].as_str().unwrap())
        .collect();
    readers.sort_unstable();
    let mut expected = vulnerability_readers().to_vec();
    expected.sort_unstable();
    // The matrix above read it too, once per reader role.
    assert!(
        expected.iter().all(|r| readers.contains(r))
            && readers.iter().all(|r| expected.contains(r)),
        "{readers:?}"
    );
    // ... and never anywhere it would outlive the complaint: not in the audit trail (README:
    // "the trail records the drivers and whether notes exist, never the notes") and not in
    // the CSV export, which leaves out contact details and free text.
    let (_, _, events) = send(app.request(
        Method::GET,
        &format!("/v1/complaints/{north}/events?limit=200"),
        Some(&admin),
    ))
    .await;
    let trail = events.to_string();
    assert!(
        !trail.contains(NOTES) && !trail.contains("Hearing loss"),
        "{trail}"
    );
    let csv = app
        .request(Method::GET, "/v1/complaints?format=csv", Some(&admin))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(csv.contains(&north), "the export lists the complaint");
    for secret in [NOTES, "Hearing loss", "jo@example.com", "Jo Bloggs"] {
        assert!(!csv.contains(secret), "the export carries {secret:?}");
    }

    // Object level: south's handlers, and an integrator that did not log it, against north's
    // complaint through every operation that names a complaint. Out of scope answers as if
    // the complaint did not exist (README: "A complaint out of scope answers 404"): the same
    // answer as for an id nobody has, 404 where the role may use the operation at all and
    // 403 where it may not.
    let south_agent = app.token("agent-south", &["agent"], Some("south"));
    let south_leader = app.token("leader-south", &["team_leader"], Some("south"));
    let other_crm = app.token("crm-2", &["integrator"], None);
    // South's own complaint, and its agent and leader signed in.
    let south = app.create(&south_agent, &complaint_body()).await;
    let south_id = south["id"].as_str().unwrap().to_owned();
    let before = snapshot(&app, &admin, &north).await;

    let nobody = uuid::Uuid::new_v4().to_string();
    let mut mismatches = Vec::new();
    let complaint_ops: Vec<_> = ops.values().filter(|o| o.takes_complaint()).collect();
    assert!(complaint_ops.len() > 25, "{}", complaint_ops.len());
    for op in complaint_ops {
        let Row {
            allowed,
            by_procedure,
            ..
        } = ACCESS.row(&op.id);
        for (label, role, token) in [
            ("south's agent", "agent", &south_agent),
            ("south's team leader", "team_leader", &south_leader),
            ("another integrator", "integrator", &other_crm),
        ] {
            let mut probe = fx.clone();
            probe.complaint = north.clone();
            probe.remedy = remedy.clone();
            if let Some(action) = op.action() {
                probe.by_action.insert(action.to_owned(), north.clone());
            }
            // Assigning north's complaint to themselves.
            let got = if op.id == "assign" {
                let req = app
                    .request(op.method.clone(), &probe.path(op).unwrap(), Some(token))
                    .header("If-Match", "*")
                    .json(&json!({"assignee": if role == "agent" { "agent-south" } else { "leader-south" }}));
                send(req).await
            } else {
                send(probe.request(&app, op, Some(token)).unwrap()).await
            };
            let mut ghost = probe.clone();
            ghost.complaint = nobody.clone();
            ghost.remedy = uuid::Uuid::new_v4().to_string();
            if let Some(action) = op.action() {
                ghost.by_action.insert(action.to_owned(), nobody.clone());
            }
            let unknown = send(ghost.request(&app, op, Some(token)).unwrap()).await;
            let may_use = allowed.contains(&role) || by_procedure.contains(&role);
            let (status, code) = if may_use {
                (404, "not_found")
            } else {
                (403, "forbidden")
            };
            if let Some(got) = is_problem(&got, status, code, None) {
                mismatches.push(format!(
                    "MISMATCH {} ({} {}) on north's complaint as {label}: expected {status} {code}, got {got}",
                    op.id, op.method, op.path
                ));
            }
            if (got.0, &got.2["code"]) != (unknown.0, &unknown.2["code"]) {
                mismatches.push(format!(
                    "LEAK {} as {label}: north's complaint answers {} {}, an unknown id {} {}",
                    op.id, got.0, got.2["code"], unknown.0, unknown.2["code"]
                ));
            }
        }
    }
    // Lists and searches do not show it either, even when asked for north or its reference.
    let reference = send(app.request(
        Method::GET,
        &format!("/v1/complaints/{north}"),
        Some(&admin),
    ))
    .await
    .2["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    for token in [&south_agent, &south_leader, &other_crm] {
        for query in [
            String::new(),
            "?team=north".to_owned(),
            format!("?q={reference}"),
        ] {
            let (status, _, page) =
                send(app.request(Method::GET, &format!("/v1/complaints{query}"), Some(token)))
                    .await;
            assert_eq!(status, 200, "{page}");
            let ids: Vec<_> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned())
                .collect();
            assert!(!ids.contains(&north), "{query}: {ids:?}");
        }
    }
    // South's leader's management information counts south's complaint, not north's.
    let (status, _, volumes) =
        send(app.request(Method::GET, "/v1/reports/volumes", Some(&south_leader))).await;
    assert_eq!(status, 200, "{volumes}");
    assert_eq!(volumes["in_scope"], 1, "{volumes}");
    let (_, _, volumes) = send(app.request(
        Method::GET,
        "/v1/reports/volumes?team=north",
        Some(&south_leader),
    ))
    .await;
    assert_eq!(volumes["in_scope"], 0, "{volumes}");

    // South's agent cannot log a complaint for north by naming it.
    let mut for_north = complaint_body();
    for_north["team"] = json!("north");
    let got = send(
        app.request(Method::POST, "/v1/complaints", Some(&south_agent))
            .json(&for_north),
    )
    .await;
    assert!(
        is_problem(&got, 403, "forbidden", None).is_none(),
        "{got:?}"
    );
    // Nor can south's leader hand south's complaint to north's agent: the handler must be in
    // the complaint's team (answered as for an id nobody holds).
    let got = send(
        app.request(
            Method::POST,
            &format!("/v1/complaints/{south_id}/actions/assign"),
            Some(&south_leader),
        )
        .header("If-Match", "*")
        .json(&json!({"assignee": "agent-north"})),
    )
    .await;
    assert!(
        is_problem(&got, 422, "validation_failed", None).is_none() && got.2["field"] == "assignee",
        "{got:?}"
    );

    // Nothing any of that tried changed north's complaint.
    assert_eq!(snapshot(&app, &admin, &north).await, before);
    let (_, _, north_list) = send(app.request(
        Method::GET,
        "/v1/complaints?team=north&limit=200",
        Some(&admin),
    ))
    .await;
    assert_eq!(
        north_list["items"].as_array().unwrap().len(),
        1,
        "{north_list}"
    );
    assert!(
        mismatches.is_empty(),
        "out-of-scope answers differ:\n{}",
        mismatches.join("\n")
    );
}

/// Roles whose reach is every complaint (README: analysts, admins and auditors see all); the
/// others reach their team's complaints, or an integrator those it logged.
const REACH_ALL: &[&str] = &["analyst", "admin", "auditor"];

/// The caller of the role-pair matrix: one south user, whose token carries each set of roles
/// in turn.
const CALLER: &str = "pair";

/// What one role alone, held by the pair matrix's caller, is answered by an operation on a
/// target (or, for an operation that neither names nor logs a complaint, by the operation at
/// all). Later variants are more: a set of roles is answered the most that one of its roles
/// alone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Alone {
    /// 403 `forbidden`: no permission for the operation (or, logging a complaint, none for the
    /// team it names).
    Forbidden,
    /// 404 `not_found`: the permission, but not the reach.
    NotFound,
    /// 409 `guard_failed`, `reason: role`: the reach and the API table's permission, but the
    /// procedure's action table leaves the role out (the single-role matrix's third list).
    Refused,
    /// The operation goes ahead.
    Allowed,
}

/// What `role` alone gets from `op`, whose row of the table is (`allowed`, `by_procedure`), on
/// `target` (`None` for an operation that neither names nor logs a complaint).
fn alone(
    op: &Operation,
    allowed: &[&str],
    by_procedure: &[&str],
    role: &str,
    target: Option<&Target>,
) -> Alone {
    let may_use = allowed.contains(&role) || by_procedure.contains(&role);
    let logs = op.id == "create_complaint";
    match (may_use, target) {
        (false, _) => Alone::Forbidden,
        (true, None) => Alone::Allowed,
        // The team a complaint is logged for is the caller's own input, so naming one out of
        // reach is refused rather than hidden (README: agents log for their own team).
        (true, Some(t)) if !t.reaches(role, logs) && logs => Alone::Forbidden,
        (true, Some(t)) if !t.reaches(role, logs) => Alone::NotFound,
        (true, Some(_)) if by_procedure.contains(&role) => Alone::Refused,
        (true, Some(_)) => Alone::Allowed,
    }
}

/// Complaints the pair matrix sends each operation that names (or logs) a complaint to: one
/// team's, logged by one creator, the main one (responded with a remedy still to settle,
/// surveyed, classified, with vulnerability details) and one per procedure action in the
/// state the action starts from, made as the single-role matrix makes its own.
struct Target {
    label: &'static str,
    /// South's: the caller's agent and team leader roles reach it.
    own_team: bool,
    /// Logged by the caller: its integrator role reaches it.
    logged_by_caller: bool,
    creator: String,
    /// The team's agent, who walks the complaints into their states.
    agent: String,
    fx: Fixtures,
    /// Complaints to make before the next set: an action's, or the main one (`None`).
    used: BTreeSet<Option<String>>,
    /// Complaints made so far.
    made: usize,
}

impl Target {
    async fn new(
        app: &TestApp,
        shared: &Fixtures,
        label: &'static str,
        team: &'static str,
        creator: String,
        logged_by_caller: bool,
    ) -> Target {
        let mut fx = shared.clone();
        fx.team = Some(team);
        // The team's agent signs in before anything is assigned to them.
        let agent = app.agent(team);
        let (status, _, me) = send(app.request(Method::GET, "/v1/me", Some(&agent))).await;
        assert_eq!(status, 200, "{me}");
        let mut used = BTreeSet::from([None]);
        used.extend(STARTS_FROM.iter().map(|(a, _)| Some((*a).to_owned())));
        let mut target = Target {
            label,
            own_team: team == "south",
            logged_by_caller,
            creator,
            agent,
            fx,
            used,
            made: 0,
        };
        target.refresh(app).await;
        target
    }

    /// Whether `role` alone, held by the caller, reaches the target's complaints (or, when
    /// `logs`, a complaint it logs for the target's team).
    fn reaches(&self, role: &str, logs: bool) -> bool {
        match role {
            "agent" | "team_leader" => self.own_team,
            "integrator" => logs || self.logged_by_caller,
            _ => REACH_ALL.contains(&role),
        }
    }

    /// Makes anew each complaint that is used up (or not yet made), all at once.
    async fn refresh(&mut self, app: &TestApp) {
        let (fx, creator, agent) = (&self.fx, &self.creator, &self.agent);
        let made = futures::future::join_all(self.used.iter().map(|used| async move {
            match used {
                None => {
                    let mut new = body("create_complaint", fx).unwrap();
                    new["vulnerability"] = json!({"drivers": ["health"], "notes": NOTES});
                    let (id, remedy) = responded_with_remedy(app, fx, creator, agent, new).await;
                    let survey_token = invite(app, agent, &id).await;
                    classified(app, fx, &role_token(app, "analyst"), &id).await;
                    (None, id, Some((remedy, survey_token)))
                }
                Some(action) => {
                    let (_, state) = STARTS_FROM.iter().find(|(a, _)| a == action).unwrap();
                    let id = complaint_in(app, fx, creator, agent, state).await;
                    (Some(action.clone()), id, None)
                }
            }
        }))
        .await;
        self.used.clear();
        for (action, id, main) in made {
            match (action, main) {
                (Some(action), _) => {
                    self.fx.by_action.insert(action, id);
                }
                (None, Some((remedy, survey_token))) => {
                    (self.fx.complaint, self.fx.remedy) = (id, remedy);
                    self.fx.survey_token = survey_token;
                }
                (None, None) => unreachable!(),
            }
            self.made += 1;
        }
    }
}

/// Every pair of the six roles, and all six at once (16 sets), in the token of one south user,
/// through every operation of the spec, writes included: none is skipped. Each operation that
/// names a complaint, and logging one, is sent to each target (`Target`): north's complaints
/// logged by another user (reached by the analyst, admin and auditor roles only), south's
/// logged by another user (reached by the caller's agent and team leader roles too) and, for a
/// set holding the integrator role, north's complaints the caller logged (reached by its
/// integrator role too; without that role they are any other north complaint). Each procedure
/// action goes to a complaint in the state it starts from, and logging names the target's
/// team. Every other operation is sent once per set, to the single-role matrix's fixtures.
///
/// The expected answer is derived from the single-role table (`ACCESS`) and the scope rule,
/// see `alone`: one role alone gets 403 without the permission (or logging for a team it
/// does not reach), 404 with the permission but without the reach, 409 `reason: role` where it
/// reaches the complaint but the action table leaves it out, and otherwise goes ahead; a set
/// gets the most that one of its roles alone gets, never a permission of one role exercised
/// with the reach of another. Going ahead means 2xx on a target's complaints, which are
/// fresh, except that an action may still be stopped by another rule of the procedure (409
/// `guard_failed` with a reason other than `role`: escalating a single-stage complaint,
/// extending a timer the profile does not extend, an agent assigning someone else). On the
/// shared fixtures, which earlier sets may have moved on, it means what the single-role matrix
/// accepts: anything but 401, 403, 404, 409 `reason: role` or 5xx. Last, each target's audit
/// trail shows vulnerability drivers only to a set with a role that may read them and reaches
/// the complaint.
///
/// A target's complaint that an action moved on, or whose remedy was settled, is replaced
/// before the next set; the rest are shared between sets, since a refused request leaves them
/// as they were and the other writes that go ahead (correcting, classifying, inviting to a
/// survey) change nothing a later set's answer depends on. Replacements are made
/// concurrently, and one operation's requests to the targets are sent together.
async fn every_pair_of_roles_reaches_only_as_far_as_one_of_its_roles_alone(app: TestApp) {
    let ops = operations(&app).await;
    let shared = matrix_fixtures(&app).await;
    app.team("south").await;
    let crm = role_token(&app, "integrator");
    let by_caller = app.token(CALLER, &["integrator"], None);
    let (north, south, own) = futures::join!(
        Target::new(
            &app,
            &shared,
            "north's, logged by another",
            "north",
            crm.clone(),
            false
        ),
        Target::new(
            &app,
            &shared,
            "south's, logged by another",
            "south",
            crm,
            false
        ),
        Target::new(
            &app,
            &shared,
            "north's, logged by the caller",
            "north",
            by_caller,
            true
        ),
    );
    let mut targets = [north, south, own];

    let mut sets: Vec<Vec<&str>> = Vec::new();
    for (i, a) in ROLES.iter().enumerate() {
        for b in &ROLES[i + 1..] {
            sets.push(vec![a, b]);
        }
    }
    sets.push(ROLES.to_vec());
    assert_eq!(sets.len(), 16);

    let on_targets = |op: &Operation| op.takes_complaint() || op.id == "create_complaint";
    let per_target = ACCESS
        .matrix
        .iter()
        .filter(|r| on_targets(&ops[&r.id]))
        .count();
    let mut mismatches = Vec::new();
    let mut requests = 0;
    let mut expected_requests = 0;
    for roles in &sets {
        let label = roles.join("+");
        let token = app.token(CALLER, roles, Some("south"));
        // Without the integrator role, the caller's own complaints are any other north ones.
        let aimed: Vec<usize> = (0..targets.len())
            .filter(|&i| !targets[i].logged_by_caller || roles.contains(&"integrator"))
            .collect();
        futures::future::join_all(
            targets
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| aimed.contains(i))
                .map(|(_, t)| t.refresh(&app)),
        )
        .await;
        expected_requests += ACCESS.matrix.len() + per_target * (aimed.len() - 1);
        for Row {
            id: op_id,
            allowed,
            by_procedure,
            ..
        } in &ACCESS.matrix
        {
            let op = &ops[op_id];
            let expect = |target: Option<&Target>| {
                roles
                    .iter()
                    .map(|r| alone(op, allowed, by_procedure, r, target))
                    .max()
                    .unwrap()
            };
            // One request per target, all at once: each names its target's own complaints.
            let answers = if on_targets(op) {
                let targets = &targets;
                let (token, app) = (&token, &app);
                futures::future::join_all(aimed.iter().map(|&i| async move {
                    let target = &targets[i];
                    let got = send(target.fx.request(app, op, Some(token)).unwrap()).await;
                    (Some(i), expect(Some(target)), got)
                }))
                .await
            } else {
                let got = send(shared.request(&app, op, Some(&token)).unwrap()).await;
                vec![(None, expect(None), got)]
            };
            for (t, expected, got) in answers {
                requests += 1;
                let goes_ahead = (200..300).contains(&got.0);
                let wrong = match expected {
                    Alone::Forbidden => is_problem(&got, 403, "forbidden", None),
                    Alone::NotFound => is_problem(&got, 404, "not_found", None),
                    Alone::Refused => is_problem(&got, 409, "guard_failed", Some("role")),
                    // A target's complaints are fresh, each action's in the state it starts
                    // from: the request goes ahead, unless (for an action) a rule of the
                    // procedure other than who may act stops it, as the profile's rules stop
                    // escalating a single-stage complaint or extending its timers.
                    Alone::Allowed if t.is_some() => (!goes_ahead
                        && (op.action().is_none()
                            || got.0 != 409
                            || got.2["code"] != "guard_failed"
                            || got.2["reason"] == "role"))
                        .then(|| format!("{} {}", got.0, got.2)),
                    // The single-role matrix's shared resources, which earlier sets may have
                    // moved on: as there, anything but a refusal or a failure.
                    Alone::Allowed => (matches!(got.0, 401 | 403 | 404 | 500..=599)
                        || is_problem(&got, 409, "guard_failed", Some("role")).is_none())
                    .then(|| format!("{} {}", got.0, got.2)),
                };
                let on_what = t.map_or(String::new(), |i| format!(" on {}", targets[i].label));
                if let Some(got) = wrong {
                    mismatches.push(format!(
                        "MISMATCH {op_id} ({} {}){on_what} as south {label}: expected {expected:?}, got {got}",
                        op.method, op.path
                    ));
                }
                // An action that went ahead moved its complaint on, and a settled remedy
                // cannot be settled again: that complaint is used up. Correcting, classifying
                // and inviting to a survey leave the main complaint as usable as before.
                if let Some(i) = t
                    && (op.action().is_some() || op.id == "settle_remedy")
                    && goes_ahead
                {
                    targets[i].used.insert(op.action().map(str::to_owned));
                }
            }
        }

        // The trail shows the vulnerability details only to a set with a role that may read
        // them and reaches the complaint alone.
        for &i in &aimed {
            let target = &targets[i];
            let (status, _, events) = send(app.request(
                Method::GET,
                &format!("/v1/complaints/{}/events?limit=200", target.fx.complaint),
                Some(&token),
            ))
            .await;
            let reads_trail = roles.iter().any(|r| target.reaches(r, false));
            let sees_details = roles
                .iter()
                .any(|r| vulnerability_readers().contains(r) && target.reaches(r, false));
            match (reads_trail, status) {
                (true, 200) => {
                    let trail = events.to_string();
                    if trail.contains("health") != sees_details {
                        mismatches.push(format!(
                            "MISMATCH the trail of {} as south {label}: vulnerability drivers shown: {}",
                            target.label,
                            trail.contains("health")
                        ));
                    }
                }
                (false, 404) => {}
                (_, status) => mismatches.push(format!(
                    "MISMATCH the trail of {} as south {label}: answered {status} {events}",
                    target.label
                )),
            }
        }
    }
    assert_eq!(requests, expected_requests, "every operation for every set");
    let made: usize = targets.iter().map(|t| t.made).sum();
    eprintln!("role-pair matrix: {requests} requests, {made} complaints made for them");
    assert!(
        mismatches.is_empty(),
        "{} of {requests} answers to role pairs differ from their single roles:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
