//! The parameters each operation declares in the OpenAPI document, read once from the spec:
//! [`DeclaredParameters`] refuses a query parameter the operation does not declare (so that a
//! misspelt filter, `?stat=closed`, is an error rather than a silently unfiltered list), and
//! tells [`describe`] which operation a request reached, so that a parameter that fails to
//! parse is reported by its published name, in words drawn from its published schema.

use std::sync::Arc;

use poem::{Endpoint, Middleware, Request, http::Method};
use serde_json::Value;

use crate::error::{ApiError, ErrorCode};

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

/// One declared parameter: its published name and what its schema asks of a value, as the
/// end of a sentence (`must be a UUID`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    pub location: Location,
    pub rule: String,
}

/// One operation: its method, path template and parameters.
#[derive(Debug, Clone)]
pub struct Operation {
    method: Method,
    template: Vec<String>,
    /// Under `/v1/`: the API proper. The probes and `/metrics` are read by machines that may
    /// add parameters of their own, so their query strings are not policed.
    api: bool,
    parameters: Vec<Parameter>,
}

impl Operation {
    /// The path parameters, in the order the template names them.
    fn path_parameters(&self) -> impl Iterator<Item = &Parameter> {
        self.template.iter().filter_map(|segment| {
            let name = segment.strip_prefix('{')?.strip_suffix('}')?;
            self.parameters
                .iter()
                .find(|p| p.location == Location::Path && p.name == name)
        })
    }

    fn query_names(&self) -> Vec<&str> {
        self.parameters
            .iter()
            .filter(|p| p.location == Location::Query)
            .map(|p| p.name.as_str())
            .collect()
    }
}

/// Every operation of the spec.
#[derive(Debug, Default, Clone)]
pub struct Operations(Vec<Arc<Operation>>);

impl Operations {
    pub fn from_spec(spec: &Value) -> Operations {
        let mut ops = Vec::new();
        let Some(paths) = spec["paths"].as_object() else {
            return Operations(ops);
        };
        for (path, item) in paths {
            let Some(methods) = item.as_object() else {
                continue;
            };
            for (method, op) in methods {
                let Ok(method) = method.to_uppercase().parse::<Method>() else {
                    continue;
                };
                let parameters = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| {
                        let location = match p["in"].as_str()? {
                            "path" => Location::Path,
                            "query" => Location::Query,
                            "header" => Location::Header,
                            _ => return None,
                        };
                        let name = p["name"].as_str()?.to_owned();
                        let rule = rule(spec, &name, &p["schema"]);
                        Some(Parameter {
                            name,
                            location,
                            rule,
                        })
                    })
                    .collect();
                ops.push(Arc::new(Operation {
                    method,
                    template: segments(path).map(str::to_owned).collect(),
                    api: path.starts_with("/v1/"),
                    parameters,
                }));
            }
        }
        Operations(ops)
    }

    /// The operation a request reaches: a template the path matches with the method (HEAD
    /// reaches GET, as poem answers it), preferring the one with the most literal segments,
    /// as the router does (`/v1/root-causes/merge` before `/v1/root-causes/{code}`).
    pub fn find(&self, method: &Method, path: &str) -> Option<&Arc<Operation>> {
        let method = if method == Method::HEAD {
            &Method::GET
        } else {
            method
        };
        let path: Vec<&str> = segments(path).collect();
        self.0
            .iter()
            .filter(|op| op.method == *method && op.template.len() == path.len())
            .filter_map(|op| {
                let mut literals = 0;
                for (t, s) in op.template.iter().zip(&path) {
                    if t == s {
                        literals += 1;
                    } else if !t.starts_with('{') || s.is_empty() {
                        return None;
                    }
                }
                Some((literals, op))
            })
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, op)| op)
    }
}

fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.trim_matches('/').split('/')
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => reference
            .strip_prefix('#')
            .and_then(|pointer| spec.pointer(pointer))
            .unwrap_or(schema),
        None => schema,
    }
}

/// What a parameter's schema asks of a value, in words: `must be one of: a, b`, `must be a
/// UUID`, `must be a whole number from 1 to 200`.
fn rule(spec: &Value, name: &str, schema: &Value) -> String {
    let schema = resolve(spec, schema);
    if name.eq_ignore_ascii_case("If-Match") {
        let syntax = crate::domain::wire::IF_MATCH_SYNTAX;
        return match schema["maxLength"].as_u64() {
            Some(max) => format!("{syntax}, at most {max} characters long"),
            None => syntax.to_owned(),
        };
    }
    if let Some(values) = schema["enum"].as_array().filter(|v| !v.is_empty()) {
        let values: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect();
        return format!("must be one of: {}", values.join(", "));
    }
    let number = |key: &str| {
        schema[key]
            .as_f64()
            .map(|n| format!("{n}").trim_end_matches(".0").to_owned())
    };
    let range = match (number("minimum"), number("maximum")) {
        (Some(min), Some(max)) => format!(" from {min} to {max}"),
        (Some(min), None) => format!(" of at least {min}"),
        (None, Some(max)) => format!(" of at most {max}"),
        (None, None) => String::new(),
    };
    match (
        schema["type"].as_str().unwrap_or_default(),
        schema["format"].as_str().unwrap_or_default(),
    ) {
        ("integer", _) => format!("must be a whole number{range}"),
        ("number", _) => format!("must be a number{range}"),
        ("boolean", _) => "must be `true` or `false`".to_owned(),
        ("string", "uuid") => "must be a UUID".to_owned(),
        ("string", "date") => "must be a date written YYYY-MM-DD".to_owned(),
        ("string", "date-time") => {
            "must be a date and time in RFC 3339 form, as in 2026-01-31T09:00:00Z".to_owned()
        }
        _ => {
            let length = match (schema["minLength"].as_u64(), schema["maxLength"].as_u64()) {
                (Some(min), Some(max)) => Some(format!("be {min} to {max} characters long")),
                (Some(min), None) => Some(format!("be at least {min} characters long")),
                (None, Some(max)) => Some(format!("be at most {max} characters long")),
                (None, None) => None,
            };
            let pattern = schema["pattern"]
                .as_str()
                .map(|p| format!("match the pattern `{p}`"));
            match (length, pattern) {
                (Some(l), Some(p)) => format!("must {l} and {p}"),
                (Some(l), None) => format!("must {l}"),
                (None, Some(p)) => format!("must {p}"),
                (None, None) => "is not valid".to_owned(),
            }
        }
    }
}

tokio::task_local! {
    /// The operation the request being handled reached.
    static CURRENT: Arc<Operation>;
}

/// The published name and rule of a parameter that failed to parse, as poem-openapi names it:
/// by its own name for query and header parameters, and by its position (`param0`, `param1`,
/// in the template's order) for path parameters, which its router renames. `None` outside a
/// request that reached a declared operation.
pub fn describe(name: &str, in_path: bool) -> Option<(String, String)> {
    CURRENT
        .try_with(|op| {
            let found = if in_path {
                let index: usize = name.strip_prefix("param")?.parse().ok()?;
                op.path_parameters().nth(index)
            } else {
                op.parameters
                    .iter()
                    .find(|p| p.location != Location::Path && p.name.eq_ignore_ascii_case(name))
            };
            found.map(|p| (p.name.clone(), p.rule.clone()))
        })
        .ok()
        .flatten()
}

/// Refuses query parameters the operation does not declare, with 400 `invalid_request` naming
/// the parameter, and makes the operation known to [`describe`] while it is handled. Requests
/// that reach no declared operation (the docs, the dashboard, an unknown path, a method the
/// path does not have) pass through untouched.
#[derive(Debug, Clone)]
pub struct DeclaredParameters(pub Arc<Operations>);

impl<E: Endpoint> Middleware<E> for DeclaredParameters {
    type Output = DeclaredParametersEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        DeclaredParametersEndpoint {
            inner,
            operations: self.0.clone(),
        }
    }
}

#[derive(Debug)]
pub struct DeclaredParametersEndpoint<E> {
    inner: E,
    operations: Arc<Operations>,
}

impl<E: Endpoint> Endpoint for DeclaredParametersEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, req: Request) -> poem::Result<Self::Output> {
        let Some(op) = self
            .operations
            .find(req.method(), req.uri().path())
            .cloned()
        else {
            return self.inner.call(req).await;
        };
        if op.api
            && let Some(err) = undeclared_query(&op, req.uri().query().unwrap_or_default())
        {
            return Err(err.into());
        }
        CURRENT.scope(op, self.inner.call(req)).await
    }
}

/// The first query parameter `query` carries that `op` does not declare.
fn undeclared_query(op: &Operation, query: &str) -> Option<ApiError> {
    let declared = op.query_names();
    let (name, _) = form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| !declared.contains(&name.as_ref()))?;
    let accepted = if declared.is_empty() {
        "this operation takes no query parameters".to_owned()
    } else {
        format!(
            "this operation accepts {}",
            declared
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Some(
        ApiError::new(
            ErrorCode::InvalidRequest,
            format!("`{name}` is not a query parameter of this operation; {accepted}"),
        )
        .with_field(&name),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> Value {
        json!({
            "paths": {
                "/v1/things": {"get": {"parameters": [
                    {"in": "query", "name": "state", "schema": {"$ref": "#/components/schemas/State"}},
                    {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 1.0, "maximum": 200.0}},
                ]}},
                "/v1/things/{id}/parts/{part}": {"get": {"parameters": [
                    {"in": "path", "name": "part", "schema": {"type": "string", "pattern": "^[a-z]+$"}},
                    {"in": "path", "name": "id", "schema": {"type": "string", "format": "uuid"}},
                    {"in": "header", "name": "If-Match", "schema": {"type": "string", "maxLength": 256}},
                ]}},
                "/v1/things/merge": {"post": {}},
                "/v1/things/{id}": {"post": {}},
                "/metrics": {"get": {}},
            },
            "components": {"schemas": {"State": {"type": "string", "enum": ["open", "closed"]}}},
        })
    }

    #[test]
    fn operations_are_found_by_method_and_template() {
        let ops = Operations::from_spec(&spec());
        let find = |m: Method, p: &str| ops.find(&m, p).map(|op| op.template.join("/"));
        assert_eq!(
            find(Method::GET, "/v1/things").as_deref(),
            Some("v1/things")
        );
        assert_eq!(
            find(Method::HEAD, "/v1/things").as_deref(),
            Some("v1/things")
        );
        assert_eq!(find(Method::POST, "/v1/things"), None);
        assert_eq!(
            find(Method::POST, "/v1/things/merge").as_deref(),
            Some("v1/things/merge")
        );
        assert_eq!(
            find(Method::POST, "/v1/things/x").as_deref(),
            Some("v1/things/{id}")
        );
        assert_eq!(find(Method::GET, "/docs"), None);
    }

    #[test]
    fn undeclared_query_parameters_are_named() {
        let ops = Operations::from_spec(&spec());
        let op = ops.find(&Method::GET, "/v1/things").cloned();
        let op = op.as_deref().map(|op| {
            (
                undeclared_query(op, "state=open&limit=5").map(|e| e.field),
                undeclared_query(op, "state=open&stat=closed").map(|e| (e.field, e.detail)),
            )
        });
        let Some((none, stat)) = op else {
            panic!("no operation")
        };
        assert_eq!(none, None);
        assert_eq!(
            stat,
            Some((
                Some("stat".to_owned()),
                "`stat` is not a query parameter of this operation; this operation accepts \
                 `state`, `limit`"
                    .to_owned()
            ))
        );
    }

    #[tokio::test]
    async fn parameters_are_described_by_their_published_name_and_schema() {
        let ops = Operations::from_spec(&spec());
        let op = ops.find(&Method::GET, "/v1/things/a/parts/b").cloned();
        let Some(op) = op else { panic!("no operation") };
        let got = CURRENT
            .scope(op, async {
                [
                    describe("param0", true),
                    describe("param1", true),
                    describe("if-match", false),
                    describe("param2", true),
                ]
            })
            .await;
        assert_eq!(got[0], Some(("id".into(), "must be a UUID".into())));
        assert_eq!(
            got[1],
            Some(("part".into(), "must match the pattern `^[a-z]+$`".into()))
        );
        assert_eq!(got[2].as_ref().map(|d| d.0.as_str()), Some("If-Match"));
        assert_eq!(got[3], None);
        assert_eq!(describe("param0", true), None, "outside a request");

        let list = ops.find(&Method::GET, "/v1/things").cloned();
        let Some(list) = list else {
            panic!("no operation")
        };
        let rules: Vec<String> = list.parameters.iter().map(|p| p.rule.clone()).collect();
        assert_eq!(
            rules,
            [
                "must be one of: open, closed",
                "must be a whole number from 1 to 200"
            ]
        );
    }
}
