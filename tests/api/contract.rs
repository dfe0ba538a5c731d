//! The published contract: the committed spec equals the generated one, and the service
//! serves it, its docs, and its operational endpoints.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::harness::TestApp;

#[test]
fn the_committed_spec_matches_the_code() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json"))
            .expect("openapi/openapi.json is missing");
    let generated = format!("{}\n", recourse::api::spec_json());
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date with the code. Regenerate it with:\n\n    \
         cargo run --quiet -- openapi > openapi/openapi.json\n\nand commit it (the Rust client in \
         openapi/client rebuilds from it)."
    );
}

/// The error table in the docs is generated from the code's one table of codes.
#[test]
fn the_committed_error_table_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/errors.md"))
        .expect("docs/errors.md is missing");
    assert!(
        committed == recourse::error::ErrorCode::table_markdown(),
        "docs/errors.md is out of date with ErrorCode in src/error.rs. Regenerate it with:\n\n    \
         cargo run --quiet -- errors > docs/errors.md\n"
    );
}

#[test]
fn every_operation_has_an_id_a_summary_and_documented_responses() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{id} is not snake_case"
            );
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} has no summary"
            );
            for (status, resp) in op["responses"].as_object().unwrap() {
                assert!(
                    resp["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{id} {status} is undocumented"
                );
            }
            if op.get("security").is_some() {
                assert!(
                    op["responses"].get("401").is_some(),
                    "{id} does not declare 401"
                );
            }
        }
    }
}

/// Every object a request body can contain refuses unknown fields on the server, so the spec
/// must say `additionalProperties: false` for each, or clients and fuzzers are misled.
#[test]
fn every_request_object_is_closed_in_the_spec() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let seen = request_schemas(&spec);
    for name in &seen {
        let schema = &schemas[name];
        if schema["type"] == "object" {
            assert_eq!(
                schema["additionalProperties"],
                Value::Bool(false),
                "{name} is not closed"
            );
        }
    }
    assert!(
        seen.contains("NewComplainant") && seen.contains("VulnerabilityInput"),
        "{seen:?}"
    );
}

/// The names of every schema a request body refers to, directly or through another.
fn request_schemas(spec: &Value) -> std::collections::BTreeSet<String> {
    let schemas = &spec["components"]["schemas"];
    let mut pending: Vec<String> = Vec::new();
    let collect_refs = |v: &Value, out: &mut Vec<String>| {
        let text = v.to_string();
        for part in text.split("#/components/schemas/").skip(1) {
            out.push(part.split('"').next().unwrap().to_owned());
        }
    };
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            if let Some(body) = op.get("requestBody") {
                collect_refs(body, &mut pending);
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = pending.pop() {
        if seen.insert(name.clone()) {
            collect_refs(&schemas[&name], &mut pending);
        }
    }
    seen
}

/// Where an unbounded string or array hides in `schema`, if anywhere. A string is bounded by
/// `maxLength`, an `enum`, a fixed-size format, or an anchored pattern with no open-ended
/// repetition; an array by `maxItems`.
fn unbounded(schema: &Value, at: &str, out: &mut Vec<String>) {
    match schema["type"].as_str() {
        Some("string") => {
            let pattern = schema["pattern"].as_str().unwrap_or_default();
            let bounded_pattern = pattern.starts_with('^')
                && pattern.ends_with('$')
                && !pattern.contains('*')
                && !pattern.contains('+')
                && !pattern.contains(",}");
            let fixed_format = matches!(
                schema["format"].as_str(),
                Some("uuid" | "date-time" | "date")
            );
            if schema.get("maxLength").is_none()
                && schema.get("enum").is_none()
                && !fixed_format
                && !bounded_pattern
            {
                out.push(at.to_owned());
            }
        }
        Some("array") => {
            if schema.get("maxItems").is_none() {
                out.push(at.to_owned());
            }
            unbounded(&schema["items"], &format!("{at}[]"), out);
        }
        _ => {}
    }
    if let Some(props) = schema["properties"].as_object() {
        for (name, prop) in props {
            unbounded(prop, &format!("{at}.{name}"), out);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (i, part) in schema[key].as_array().into_iter().flatten().enumerate() {
            unbounded(part, &format!("{at}.{key}[{i}]"), out);
        }
    }
}

/// Hostile input: no request can carry an unbounded string or array past the schema, whether
/// in a body, a query, a path or a header.
#[test]
fn every_string_and_array_a_request_carries_is_bounded_in_the_spec() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let mut found = Vec::new();
    for name in request_schemas(&spec) {
        unbounded(&spec["components"]["schemas"][&name], &name, &mut found);
    }
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for param in op["parameters"].as_array().into_iter().flatten() {
                let at = format!("{method} {path} {}", param["name"]);
                unbounded(&param["schema"], &at, &mut found);
            }
        }
    }
    assert!(found.is_empty(), "unbounded in requests: {found:#?}");
}

engine_tests!(the_service_serves_its_spec_docs_health_and_metrics);

async fn the_service_serves_its_spec_docs_health_and_metrics(app: TestApp) {
    let get = |path: &str| app.http.get(format!("{}{path}", app.base)).send();
    let spec: Value = get("/openapi.json").await.unwrap().json().await.unwrap();
    assert_eq!(
        spec,
        serde_json::from_str::<Value>(&recourse::api::spec_json()).unwrap()
    );
    let docs = get("/docs").await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"));
    let health: Value = get("/healthz").await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    let ready = get("/readyz").await.unwrap();
    assert_eq!(ready.status(), 200);
    app.get("/v1/me", &app.agent("north")).await;
    let metrics = get("/metrics").await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains(
            "recourse_http_requests_total{operation=\"get_me\",method=\"GET\",status=\"200\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("recourse_http_request_duration_seconds_bucket{operation=\"readyz\""));
}

/// One move of the procedure: (from, action, to), by their wire names.
type Move = (&'static str, &'static str, &'static str);

/// The moves the procedure diagram in docs/procedure.md draws, and the actions it says it
/// leaves out. See the convention written above the diagram.
fn drawn_moves(page: &str) -> (BTreeSet<Move>, BTreeSet<&'static str>) {
    use recourse::domain::case::{complaint::State, procedure::ActionKind};
    let state = |s: &str| {
        State::parse(s)
            .unwrap_or_else(|| panic!("{s:?} in the diagram is not a state"))
            .as_str()
    };
    let action = |a: &str| {
        ActionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == a)
            .unwrap_or_else(|| panic!("{a:?} in the diagram is not an action"))
            .as_str()
    };
    let block = page
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/procedure.md has no mermaid block");
    let mut lines = block.lines().map(str::trim).filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("stateDiagram-v2"));
    let mut moves = BTreeSet::new();
    let mut undrawn = BTreeSet::new();
    for line in lines {
        if let Some(list) = line.strip_prefix("%% not drawn:") {
            undrawn.extend(list.split(',').map(|a| action(a.trim())));
            continue;
        }
        if line.starts_with("%%") {
            continue;
        }
        let (from, rest) = line
            .split_once(" --> ")
            .unwrap_or_else(|| panic!("{line:?} in the diagram is not a move"));
        if from == "[*]" {
            assert_eq!(rest, "received", "a complaint is logged as received");
            continue;
        }
        let (to, label) = rest
            .split_once(": ")
            .unwrap_or_else(|| panic!("{line:?} in the diagram names no action"));
        // A note in parentheses names a guard the move is under; which moves exist does not
        // depend on it.
        let name = match label.split_once(" (") {
            Some((name, note)) if note.ends_with(')') => name,
            Some(_) => panic!("{line:?}: an unclosed note"),
            None => label,
        };
        assert!(
            moves.insert((state(from), action(name), state(to.trim()))),
            "{line:?} is in the diagram twice"
        );
    }
    (moves, undrawn)
}

/// Every move `transition` allows, over every state x action, by every role the action admits,
/// at stage 1 and at stage 2, with every guard the request or the case decides passing: the
/// guards decide whether a move goes ahead now, not which moves the procedure has.
fn machine_moves() -> BTreeSet<Move> {
    use chrono::{TimeZone, Utc};
    use recourse::domain::{
        access::rbac::Role,
        case::{
            complaint::State,
            procedure::{ActionKind, Facts, Outcome, allowed_roles, transition},
        },
        rule::RefusalKind,
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
    let stage1 = Facts {
        now,
        actor: "lead".into(),
        // Each action is tried in every role it admits, below.
        role: Role::TeamLeader,
        stage: 1,
        max_stages: 2,
        assignee: None,
        stage1_handler: None,
        assign_to: Some(("lead".into(), true)),
        outcome: Some(Outcome::NotUpheld),
        has_primary_cause: true,
        rca_pending: false,
        profile_allows_rca_pending: true,
        redress_minor: 0,
        approval_threshold_minor: 50_000,
        approved: true,
        matches_proposal: true,
        remedies_settled: true,
        referral_decided: false,
        summary_window_due: Some(now + chrono::Duration::days(1)),
        reason: Some("a reason".into()),
        extension_allowed: true,
        extension_notice_given: true,
        extension_notice_in_time: true,
        extension_within_cap: true,
    };
    let stage2 = Facts {
        stage: 2,
        stage1_handler: Some("stage-1 handler".into()),
        ..stage1.clone()
    };
    // A scheme's decision keeps the case referred while a remedy is due, and the case then
    // closes with `close` once the decision is recorded.
    let due = Facts {
        remedies_settled: false,
        ..stage1.clone()
    };
    let decided = Facts {
        referral_decided: true,
        ..stage1.clone()
    };
    let mut moves = BTreeSet::new();
    for &from in State::ALL {
        for action in ActionKind::ALL {
            let mut refusals = Vec::new();
            for facts in [&stage1, &stage2, &due, &decided] {
                for &role in allowed_roles(action) {
                    let facts = Facts {
                        role,
                        ..facts.clone()
                    };
                    match transition(from, action, &facts) {
                        Ok(effects) => {
                            moves.insert((from.as_str(), action.as_str(), effects.to.as_str()));
                        }
                        Err(r) if r.code == RefusalKind::InvalidTransition => {}
                        Err(r) => refusals.push(r.code.to_string()),
                    }
                }
            }
            let taken = moves
                .iter()
                .any(|(f, a, _)| *f == from.as_str() && *a == action.as_str());
            assert!(
                taken || refusals.is_empty(),
                "{} from {} is possible but refused under every set of facts tried ({refusals:?}): \
                 add facts that pass the new guard",
                action.as_str(),
                from.as_str()
            );
        }
    }
    moves
}

/// The diagram readers learn the procedure from draws exactly the moves the state machine
/// allows, so neither can gain or lose a move without the other.
#[test]
fn the_procedure_diagram_matches_the_state_machine() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/procedure.md"))
        .expect("docs/procedure.md is missing");
    let (drawn, undrawn) = drawn_moves(&page);
    let machine = machine_moves();
    // What the diagram leaves out must keep the case where it is, or it hides a move.
    let hidden: Vec<_> = machine
        .iter()
        .filter(|(from, action, to)| undrawn.contains(action) && from != to)
        .collect();
    assert!(
        hidden.is_empty(),
        "left out of the diagram but move the case: {hidden:?}"
    );
    let expected: BTreeSet<Move> = machine
        .into_iter()
        .filter(|(_, action, _)| !undrawn.contains(action))
        .collect();
    // Written as the diagram's own lines, so the fix can be pasted in.
    let lines = |moves: Vec<&Move>| -> String {
        moves
            .iter()
            .map(|(from, action, to)| format!("\n    {from} --> {to}: {action}"))
            .collect()
    };
    let missing = lines(expected.difference(&drawn).collect());
    let extra = lines(drawn.difference(&expected).collect());
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/procedure.md's diagram differs from transition() in src/domain/case/procedure.rs\n\
         allowed but not drawn:{missing}\ndrawn but not allowed:{extra}"
    );
}

/// The spec's schemas as one JSON Schema document, `$defs` in place of
/// `components/schemas`, that validates an instance of schema `name`.
fn validator_for(spec: &Value, name: &str) -> jsonschema::Validator {
    let defs = spec["components"]["schemas"]
        .to_string()
        .replace("#/components/schemas/", "#/$defs/");
    let root = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/$defs/{name}"),
        "$defs": serde_json::from_str::<Value>(&defs).unwrap(),
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"))
}

/// The schema names of an operation's request body and its 2xx JSON responses.
fn body_schemas(op: &Value) -> (Option<String>, Vec<String>) {
    let name = |media: &Value| {
        media["schema"]["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .map(str::to_owned)
    };
    let request = op["requestBody"]["content"]
        .as_object()
        .and_then(|content| content.values().find_map(name));
    let responses = op["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(status, _)| status.starts_with('2'))
        .flat_map(|(_, r)| r["content"].as_object().into_iter().flatten())
        .filter(|(media, _)| media.starts_with("application/json"))
        .filter_map(|(_, m)| name(m))
        .collect();
    (request, responses)
}

/// "Try it out" in `/docs` starts from the example a schema publishes: every example in the
/// spec is valid against its own schema, every request body has one, and so do the main
/// answers: the complaint and its lists, action results, reports and the problem document.
#[test]
fn every_example_is_valid_and_every_request_body_and_main_response_has_one() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let schemas = spec["components"]["schemas"].as_object().unwrap();

    let mut invalid = Vec::new();
    let mut checked = 0;
    for (name, schema) in schemas {
        if let Some(example) = schema.get("example") {
            checked += 1;
            let validator = validator_for(&spec, name);
            for error in validator.iter_errors(example) {
                invalid.push(format!("{name} at {}: {error}", error.instance_path()));
            }
        }
    }
    assert!(
        invalid.is_empty(),
        "examples that break their schema: {invalid:#?}"
    );
    // Not a vacuous check: the validator follows references and refuses what the schema does.
    let mut bad = schemas["NewComplaint"]["example"].clone();
    bad["colour"] = Value::from("red");
    assert!(!validator_for(&spec, "NewComplaint").is_valid(&bad));
    let mut bad = schemas["ComplaintPage"]["example"].clone();
    bad["items"][0]["state"] = Value::from("lost");
    assert!(!validator_for(&spec, "ComplaintPage").is_valid(&bad));

    let has_example = |name: &str| schemas[name].get("example").is_some();
    // The operations whose answers a reader of `/docs` meets first.
    let main_tags = ["Complaints", "Procedure", "Reports"];
    let mut missing = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let (request, responses) = body_schemas(op);
            if op.get("requestBody").is_some() {
                match request {
                    Some(name) if has_example(&name) => {}
                    other => {
                        missing.insert(format!("{method} {path} request body {other:?}"));
                    }
                }
            }
            let main = op["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| main_tags.iter().any(|m| t == m));
            if main {
                for name in responses.iter().filter(|n| !has_example(n)) {
                    missing.insert(format!("{method} {path} response {name}"));
                }
            }
        }
    }
    for name in [
        "Problem",
        "Classification",
        "RemedyList",
        "Improvement",
        "ImprovementPage",
    ] {
        if !has_example(name) {
            missing.insert(format!("schema {name}"));
        }
    }
    assert!(missing.is_empty(), "no example for: {missing:#?}");
    assert!(checked >= 40, "only {checked} examples in the spec");
}

/// The spec links what creates a resource to the operations on it, with the ETag where they
/// need `If-Match`, so that a client (and a stateful fuzzer) can follow a complaint from its
/// creation through the procedure.
#[test]
fn creation_links_to_the_operations_on_what_it_created() {
    let spec: Value = serde_json::from_str(&recourse::api::spec_json()).unwrap();
    let links = &spec["paths"]["/v1/complaints"]["post"]["responses"]["201"]["links"];
    assert_eq!(
        links["acknowledge"]["parameters"]["path.id"],
        "$response.body#/id"
    );
    assert_eq!(
        links["acknowledge"]["parameters"]["header.If-Match"],
        "$response.header.ETag"
    );
    // A logged complaint is `received`: closing cannot follow it straight away.
    assert!(links.get("close").is_none(), "{links}");
    let after = &spec["paths"]["/v1/complaints/{id}/actions/acknowledge"]["post"]["responses"]["200"]
        ["links"];
    assert_eq!(
        after["start_investigation"]["parameters"]["path.id"],
        "$request.path.id"
    );
    let remedies = &spec["paths"]["/v1/complaints/{id}/remedies"]["get"]["responses"]["200"]["links"]
        ["settle_remedy"]["parameters"];
    assert_eq!(remedies["path.remedy_id"], "$response.body#/items/0/id");
    let hooks = &spec["paths"]["/v1/webhooks"]["post"]["responses"]["201"]["links"];
    assert_eq!(
        hooks["update_webhook"]["parameters"]["path.id"],
        "$response.body#/subscription/id"
    );
    // Every link names an operation of the spec.
    let ids: BTreeSet<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    for item in spec["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            for resp in op["responses"].as_object().unwrap().values() {
                for link in resp["links"]
                    .as_object()
                    .into_iter()
                    .flat_map(|l| l.values())
                {
                    let target = link["operationId"].as_str().unwrap();
                    assert!(ids.contains(target), "{target}");
                }
            }
        }
    }
}
