//! OpenAPI links (3.0, "Link Object"): from the response that creates or changes a resource to
//! the operations that take its id, and, where they require `If-Match`, its ETag. poem-openapi
//! does not emit links, so they are added to the generated document here. A client reads in
//! them which answer feeds which call; a stateful fuzzer follows them to drive real complaints
//! through the procedure instead of guessing ids.

use serde_json::{Map, Value, json};

use crate::domain::case::{
    complaint::State,
    procedure::{ActionKind, sources},
};

/// Whether `target` may follow the creation of a complaint: a complaint is logged `received`,
/// so of the procedure's actions only those that start from there do.
fn follows_intake(target: &Op) -> bool {
    ActionKind::ALL
        .into_iter()
        .find(|a| target.path == format!("/v1/complaints/{{id}}/actions/{}", a.as_str()))
        .is_none_or(|a| sources(a).contains(&State::Received))
}

/// A resource named in its operations' paths by one parameter.
struct Family {
    /// The path of one resource, e.g. `/v1/complaints/{id}`: the operations at it and below it
    /// (with no other path parameter) take its id.
    prefix: &'static str,
    param: &'static str,
    /// The operations that create it, with where the new id is in their response body.
    created_by: &'static [(&'static str, &'static str)],
}

const FAMILIES: &[Family] = &[
    Family {
        prefix: "/v1/complaints/{id}",
        param: "id",
        created_by: &[("create_complaint", "/id")],
    },
    Family {
        prefix: "/v1/improvements/{id}",
        param: "id",
        created_by: &[("create_improvement", "/id")],
    },
    Family {
        prefix: "/v1/webhooks/{id}",
        param: "id",
        created_by: &[("create_webhook", "/subscription/id")],
    },
    Family {
        prefix: "/v1/root-causes/{code}",
        param: "code",
        created_by: &[("add_root_cause", "/code")],
    },
];

/// A link's parameters: (`location.name`, runtime expression).
type Parameters = &'static [(&'static str, &'static str)];

/// Links that name a second resource: (source operation, target operation, parameters).
const EXTRA: &[(&str, &str, Parameters)] = &[
    (
        "list_remedies",
        "settle_remedy",
        &[
            ("path.id", "$request.path.id"),
            ("path.remedy_id", "$response.body#/items/0/id"),
            ("header.If-Match", "$response.header.ETag"),
        ],
    ),
    (
        "create_survey",
        "submit_feedback",
        &[("path.token", "$response.body#/token")],
    ),
];

/// One operation of the document, as far as links need it.
struct Op {
    id: String,
    path: String,
    method: String,
    path_params: Vec<String>,
    if_match: bool,
    /// The first 2xx status, and whether that response carries an ETag.
    success: Option<(String, bool)>,
}

fn operations(spec: &Value) -> Vec<Op> {
    let mut ops = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Value::as_object) else {
        return ops;
    };
    for (path, item) in paths {
        let Some(item) = item.as_object() else {
            continue;
        };
        for (method, op) in item {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let params = op
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let success = op
                .get("responses")
                .and_then(Value::as_object)
                .and_then(|r| r.iter().find(|(status, _)| status.starts_with('2')))
                .map(|(status, resp)| {
                    let etag = resp
                        .get("headers")
                        .and_then(Value::as_object)
                        .is_some_and(|h| h.keys().any(|k| k.eq_ignore_ascii_case("etag")));
                    (status.clone(), etag)
                });
            ops.push(Op {
                id: id.to_owned(),
                path: path.clone(),
                method: method.clone(),
                path_params: params
                    .iter()
                    .filter(|p| p["in"] == "path")
                    .filter_map(|p| p["name"].as_str().map(str::to_owned))
                    .collect(),
                if_match: params
                    .iter()
                    .any(|p| p["in"] == "header" && p["name"] == "If-Match"),
                success,
            });
        }
    }
    ops
}

/// Adds a link named after `target` to `source`'s response `status`.
fn add(spec: &mut Value, source: &Op, status: &str, target: &str, parameters: Map<String, Value>) {
    let pointer = format!(
        "/paths/{}/{}/responses/{status}",
        source.path.replace('~', "~0").replace('/', "~1"),
        source.method
    );
    let Some(response) = spec.pointer_mut(&pointer).and_then(Value::as_object_mut) else {
        return;
    };
    let links = response
        .entry("links")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(links) = links.as_object_mut() {
        links.insert(
            target.to_owned(),
            json!({ "operationId": target, "parameters": parameters }),
        );
    }
}

/// Adds the links: from each creating operation, and from each operation on a resource whose
/// answer carries the resource's ETag, to every operation on that resource (from a read, to
/// those that change it).
pub fn add_links(spec: &mut Value) {
    let ops = operations(spec);
    for family in FAMILIES {
        let below = format!("{}/", family.prefix);
        let on_it: Vec<&Op> = ops
            .iter()
            .filter(|o| o.path == family.prefix || o.path.starts_with(&below))
            .filter(|o| o.path_params.iter().all(|p| p == family.param))
            .collect();
        // (source, its success status, its ETag, where the id comes from, whether it creates)
        let mut origins: Vec<(&Op, String, bool, String, bool)> = Vec::new();
        for (creator, pointer) in family.created_by {
            if let Some(op) = ops.iter().find(|o| o.id == *creator)
                && let Some((status, etag)) = &op.success
            {
                let id = format!("$response.body#{pointer}");
                origins.push((op, status.clone(), *etag, id, true));
            }
        }
        for op in &on_it {
            if let Some((status, true)) = &op.success {
                let id = format!("$request.path.{}", family.param);
                origins.push((op, status.clone(), true, id, false));
            }
        }
        for (source, status, etag, id, creates) in &origins {
            // A read leads on to what changes the resource; one read after another adds
            // nothing a client or a fuzzer would follow.
            let reads = source.method == "get";
            let next = on_it
                .iter()
                .filter(|t| !reads || t.if_match)
                .filter(|t| !creates || follows_intake(t));
            for target in next {
                let mut parameters = Map::new();
                parameters.insert(format!("path.{}", family.param), Value::String(id.clone()));
                if target.if_match && *etag {
                    parameters.insert(
                        "header.If-Match".to_owned(),
                        Value::String("$response.header.ETag".to_owned()),
                    );
                }
                add(spec, source, status, &target.id, parameters);
            }
        }
    }
    for (source, target, parameters) in EXTRA {
        let Some(op) = ops.iter().find(|o| o.id == *source) else {
            continue;
        };
        let Some((status, _)) = &op.success else {
            continue;
        };
        let parameters = parameters
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
            .collect();
        add(spec, op, status, target, parameters);
    }
}
