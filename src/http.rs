//! Middleware at the root of the service: the body size limit, the request timeout, the refusal
//! of NUL characters and of duplicate JSON keys, the `Allow` header on 405 and `Cache-Control`
//! on the API's answers; in [`declared`], the refusal of undeclared query parameters; and, in
//! [`server`], the server loop itself.

pub mod declared;
pub mod server;
pub mod unique_keys;

use std::{collections::BTreeSet, sync::Arc, time::Duration};

use poem::{
    Body, Endpoint, IntoResponse, Middleware, Request, Response,
    http::{HeaderMap, HeaderValue, StatusCode, header},
};
use serde_json::Value;

use crate::{
    api::kit::locate,
    error::{ApiError, ErrorCode},
};

/// Refuses request bodies over `max` bytes with 413, whether or not they declare a length.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl<E: Endpoint> Middleware<E> for BodyLimit {
    type Output = BodyLimitEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        BodyLimitEndpoint { inner, max: self.0 }
    }
}

#[derive(Debug)]
pub struct BodyLimitEndpoint<E> {
    inner: E,
    max: usize,
}

fn too_large(max: usize) -> poem::Error {
    ApiError::new(
        ErrorCode::PayloadTooLarge,
        format!("request bodies are limited to {max} bytes"),
    )
    .into()
}

impl<E: Endpoint> Endpoint for BodyLimitEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> poem::Result<Self::Output> {
        let max = u64::try_from(self.max).unwrap_or(u64::MAX);
        let declared = req
            .headers()
            .get(poem::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(n) if n > max => return Err(too_large(self.max)),
            Some(_) => {}
            None => {
                // No declared length (chunked): read at most max + 1 bytes to decide.
                use tokio::io::AsyncReadExt;
                let mut buf = Vec::new();
                let mut reader = req
                    .take_body()
                    .into_async_read()
                    .take(max.saturating_add(1));
                reader.read_to_end(&mut buf).await.map_err(|e| {
                    poem::Error::from(ApiError::new(
                        ErrorCode::InvalidRequest,
                        format!("could not read the body: {e}"),
                    ))
                })?;
                if buf.len() > self.max {
                    return Err(too_large(self.max));
                }
                req.set_body(Body::from(buf));
            }
        }
        self.inner.call(req).await
    }
}

/// Answers 503 `unavailable` with `Retry-After` when a request takes longer than the timeout,
/// so that a stuck dependency holds a caller for a bounded time. The abandoned request's
/// transaction, if still open, is rolled back as it is dropped; one that had already handed its
/// write to a shared SQLite commit may still take effect, which is why the answer says to
/// re-read (or retry with the same `Idempotency-Key`) rather than to repeat blindly.
#[derive(Debug, Clone, Copy)]
pub struct RequestTimeout(pub Duration);

impl<E: Endpoint> Middleware<E> for RequestTimeout {
    type Output = RequestTimeoutEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RequestTimeoutEndpoint {
            inner,
            limit: self.0,
        }
    }
}

#[derive(Debug)]
pub struct RequestTimeoutEndpoint<E> {
    inner: E,
    limit: Duration,
}

impl<E: Endpoint> Endpoint for RequestTimeoutEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        if self.limit.is_zero() {
            return self.inner.call(req).await.map(IntoResponse::into_response);
        }
        match tokio::time::timeout(self.limit, self.inner.call(req)).await {
            Ok(answer) => answer.map(IntoResponse::into_response),
            Err(_) => {
                tracing::warn!(limit_ms = self.limit.as_millis(), "request timed out");
                Err(ApiError::new(
                    ErrorCode::Unavailable,
                    format!(
                        "the request took longer than {} ms and was abandoned; it may or may not \
                         have taken effect, so re-read (or retry with the same Idempotency-Key) \
                         before repeating it",
                        self.limit.as_millis()
                    ),
                )
                .with_retry_after(1)
                .into())
            }
        }
    }
}

/// Path templates and their methods, read from the OpenAPI document.
#[derive(Debug, Default, Clone)]
pub struct MethodTable(Vec<(Vec<String>, BTreeSet<String>)>);

impl MethodTable {
    pub fn from_spec(spec: &serde_json::Value) -> MethodTable {
        let mut table = Vec::new();
        if let Some(paths) = spec["paths"].as_object() {
            for (path, item) in paths {
                let mut methods: BTreeSet<String> = item
                    .as_object()
                    .map(|m| m.keys().map(|k| k.to_uppercase()).collect())
                    .unwrap_or_default();
                // poem answers HEAD wherever it answers GET.
                if methods.contains("GET") {
                    methods.insert("HEAD".into());
                }
                table.push((
                    path.trim_matches('/')
                        .split('/')
                        .map(str::to_owned)
                        .collect(),
                    methods,
                ));
            }
        }
        MethodTable(table)
    }

    /// The template `path` matches, with its methods.
    fn matching(&self, path: &str) -> Option<&(Vec<String>, BTreeSet<String>)> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.0.iter().find(|(template, _)| {
            template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
        })
    }

    /// The methods allowed on `path`, if it matches a template.
    pub fn allowed(&self, path: &str) -> Option<String> {
        self.matching(path)
            .map(|(_, methods)| methods.iter().cloned().collect::<Vec<_>>().join(", "))
    }

    /// The name of the path parameter at segment `index` of `path` (counted after the leading
    /// slash), if `path` matches a template with a parameter there.
    pub fn parameter_at(&self, path: &str, index: usize) -> Option<&str> {
        let (template, _) = self.matching(path)?;
        template.get(index)?.strip_prefix('{')?.strip_suffix('}')
    }
}

/// Adds `Allow` to 405 answers, which poem's router sends without one.
#[derive(Debug, Clone)]
pub struct AllowHeader(pub Arc<MethodTable>);

impl<E: Endpoint> Middleware<E> for AllowHeader {
    type Output = AllowHeaderEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        AllowHeaderEndpoint {
            inner,
            table: self.0.clone(),
        }
    }
}

#[derive(Debug)]
pub struct AllowHeaderEndpoint<E> {
    inner: E,
    table: Arc<MethodTable>,
}

impl<E: Endpoint> Endpoint for AllowHeaderEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let path = req.uri().path().to_owned();
        let mut resp = match self.inner.call(req).await {
            Ok(r) => r.into_response(),
            Err(err) => err.into_response(),
        };
        if resp.status() == StatusCode::METHOD_NOT_ALLOWED
            && let Some(allow) = self.table.allowed(&path)
            && let Ok(value) = allow.parse()
        {
            resp.headers_mut().insert(poem::http::header::ALLOW, value);
        }
        Ok(resp)
    }
}

/// Refuses U+0000 anywhere in a request's text with 400 `invalid_request` naming the field:
/// PostgreSQL cannot store it in text (SQLite can), so unrefused the same request answered 400
/// or 201 on one engine and 500 on the other. Looks at every query parameter and path segment,
/// decoded as the router and the parameter parsers decode them, and at every string and field
/// name of a JSON body, at any depth. JSON is the only body media type the API accepts.
///
/// It runs inside [`BodyLimit`]: the body it reads is bounded by the limit (its declared
/// length was checked, or it was read to the limit), and the handler then parses the same
/// bytes.
#[derive(Debug, Clone)]
pub struct RefuseNul(pub Arc<MethodTable>);

impl<E: Endpoint> Middleware<E> for RefuseNul {
    type Output = RefuseNulEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RefuseNulEndpoint {
            inner,
            table: self.0.clone(),
        }
    }
}

#[derive(Debug)]
pub struct RefuseNulEndpoint<E> {
    inner: E,
    table: Arc<MethodTable>,
}

impl<E: Endpoint> Endpoint for RefuseNulEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> poem::Result<Self::Output> {
        if let Some(err) = nul_in_target(req.uri(), &self.table) {
            return Err(err.into());
        }
        if is_json(req.headers()) {
            let body = req.take_body().into_bytes().await.map_err(|e| {
                poem::Error::from(ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("could not read the body: {e}"),
                ))
            })?;
            if let Some(err) = nul_in_json(&body) {
                return Err(err.into());
            }
            req.set_body(Body::from(body));
        }
        self.inner.call(req).await
    }
}

fn has_nul(detail: &str, field: Option<&str>) -> ApiError {
    let err = ApiError::new(
        ErrorCode::InvalidRequest,
        format!("{detail} contains a NUL character (U+0000), which is not accepted in text"),
    );
    match field {
        Some(field) => err.with_field(field),
        None => err,
    }
}

/// A NUL in the decoded path or query string. `%00` is the only way one can be written there
/// (the URI itself cannot hold a raw NUL), so most requests are passed over at a glance.
fn nul_in_target(uri: &poem::http::Uri, table: &MethodTable) -> Option<ApiError> {
    let path = uri.path();
    if path.contains("%00") {
        for (index, segment) in path.trim_matches('/').split('/').enumerate() {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            if decoded.contains('\0') {
                return Some(match table.parameter_at(path, index) {
                    Some(name) => has_nul(&format!("path parameter `{name}`"), Some(name)),
                    None => has_nul("the path", None),
                });
            }
        }
    }
    let query = uri.query().unwrap_or_default();
    if query.contains("%00") {
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if name.contains('\0') {
                return Some(has_nul("a query parameter's name", None));
            }
            if value.contains('\0') {
                return Some(has_nul(
                    &format!("query parameter `{name}`"),
                    Some(name.as_ref()),
                ));
            }
        }
    }
    None
}

/// Whether the request says its body is JSON (`application/json` or `application/*+json`).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|essence| {
            let essence = essence.trim().to_ascii_lowercase();
            essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"))
        })
        .unwrap_or(false)
}

/// A NUL in a JSON body's strings or field names, named by its path (`remedies[0].description`).
/// JSON can only carry a NUL as the escape `\u0000` (raw control characters are not allowed in
/// its strings), so a body without that text is not parsed here; one that does not parse is
/// left for the handler to refuse.
fn nul_in_json(body: &[u8]) -> Option<ApiError> {
    if !body.windows(6).any(|w| w == br"\u0000") {
        return None;
    }
    let value: Value = serde_json::from_slice(body).ok()?;
    let (field, in_key) = find_nul(&value, "")?;
    let field = (!field.is_empty()).then_some(field);
    Some(match (field, in_key) {
        (Some(field), false) => has_nul(&format!("field `{field}`"), Some(&field)),
        (Some(field), true) => has_nul(&format!("a field name in `{field}`"), Some(&field)),
        (None, true) => has_nul("a field name", None),
        (None, false) => has_nul("the body", None),
    })
}

/// Where the first NUL under `path` is, and whether it is in a field name (of the object
/// there) rather than in the string there.
fn find_nul(value: &Value, path: &str) -> Option<(String, bool)> {
    match value {
        Value::String(s) => s.contains('\0').then(|| (path.to_owned(), false)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find_nul(v, &locate::item(path, i))),
        Value::Object(fields) => {
            if fields.keys().any(|k| k.contains('\0')) {
                return Some((path.to_owned(), true));
            }
            fields
                .iter()
                .find_map(|(name, v)| find_nul(v, &locate::join(path, name)))
        }
        _ => None,
    }
}

/// Sends `Cache-Control: no-store` with every answer under `/v1/`, errors included, unless the
/// handler chose otherwise. They carry personal data (a complaint, its complainant, its
/// vulnerability details and notes, in lists, events, exports and idempotent replays alike) or
/// depend on who asks, so no shared or private cache may keep them. The docs, the spec, the
/// dashboard's static files and the health probes are left cacheable.
#[derive(Debug, Clone, Copy)]
pub struct NoStore;

impl<E: Endpoint> Middleware<E> for NoStore {
    type Output = NoStoreEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        NoStoreEndpoint { inner }
    }
}

#[derive(Debug)]
pub struct NoStoreEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for NoStoreEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let api = req.uri().path().starts_with("/v1/");
        let mut resp = match self.inner.call(req).await {
            Ok(r) => r.into_response(),
            Err(err) => err.into_response(),
        };
        if api && !resp.headers().contains_key(header::CACHE_CONTROL) {
            resp.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        Ok(resp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_over_the_timeout_is_answered_503_with_retry_after() {
        let slow = poem::endpoint::make(|_| async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            "done"
        });
        let app = poem::EndpointExt::catch_all_error(
            poem::EndpointExt::with(slow, RequestTimeout(Duration::from_millis(20))),
            crate::api::kit::problem::catch_all,
        );
        let resp = poem::test::TestClient::new(app).get("/").send().await;
        resp.assert_status(StatusCode::SERVICE_UNAVAILABLE);
        resp.assert_header("retry-after", "1");
        resp.assert_content_type("application/problem+json");

        let quick = poem::endpoint::make(|_| async { "done" });
        let app = poem::EndpointExt::with(quick, RequestTimeout(Duration::from_millis(500)));
        let resp = poem::test::TestClient::new(app).get("/").send().await;
        resp.assert_status_is_ok();
        resp.assert_text("done").await;
    }

    #[test]
    fn allowed_methods_come_from_the_spec_templates() {
        let spec = serde_json::json!({"paths": {
            "/v1/complaints": {"get": {}, "post": {}},
            "/v1/complaints/{id}": {"get": {}, "patch": {}},
        }});
        let table = MethodTable::from_spec(&spec);
        assert_eq!(
            table.allowed("/v1/complaints").as_deref(),
            Some("GET, HEAD, POST")
        );
        assert_eq!(
            table.allowed("/v1/complaints/abc").as_deref(),
            Some("GET, HEAD, PATCH")
        );
        assert_eq!(table.allowed("/v1/nothing"), None);
        assert_eq!(table.parameter_at("/v1/complaints/abc", 2), Some("id"));
        assert_eq!(table.parameter_at("/v1/complaints/abc", 1), None);
        assert_eq!(table.parameter_at("/v1/nothing/abc", 2), None);
    }

    #[test]
    fn a_nul_is_found_and_named_wherever_it_is_in_a_json_body() {
        let field = |body: &str| nul_in_json(body.as_bytes()).map(|e| e.field);
        assert_eq!(field(r#"{"a": "x"}"#), None);
        assert_eq!(field(r#"{"a": "x\\u0000"}"#), None, "an escaped backslash");
        assert_eq!(field(r#"{"a": "x\u0000"}"#), Some(Some("a".into())));
        assert_eq!(
            field(r#"{"a": {"b": [1, "ok", {"c": "\u0000"}]}}"#),
            Some(Some("a.b[2].c".into()))
        );
        assert_eq!(field(r#"{"a": {"b\u0000": 1}}"#), Some(Some("a".into())));
        assert_eq!(field(r#"{"b\u0000": 1}"#), Some(None));
        assert_eq!(field(r#"["\u0000"]"#), Some(Some("[0]".into())));
        assert_eq!(field(r#""\u0000""#), Some(None));
        assert_eq!(
            field(r#"{"a": "\u0000"#),
            None,
            "malformed: the handler answers"
        );
    }

    #[test]
    fn a_nul_is_found_and_named_in_the_query_and_the_path() {
        let spec = serde_json::json!({"paths": {"/v1/feedback/{token}": {"post": {}}}});
        let table = MethodTable::from_spec(&spec);
        let field =
            |uri: &str| nul_in_target(&uri.parse().expect("a URI"), &table).map(|e| e.field);
        assert_eq!(field("/v1/feedback/abc?q=x"), None);
        assert_eq!(field("/v1/x?q=a%00b"), Some(Some("q".into())));
        assert_eq!(field("/v1/x?a=1&product=%00"), Some(Some("product".into())));
        assert_eq!(field("/v1/x?a%00=1"), Some(None));
        assert_eq!(field("/v1/feedback/ab%00c"), Some(Some("token".into())));
        assert_eq!(field("/v1/nothing/ab%00c"), Some(None));
    }

    #[test]
    fn only_json_bodies_are_read() {
        let headers = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ct.parse().expect("a header value"));
            h
        };
        assert!(is_json(&headers("application/json")));
        assert!(is_json(&headers("Application/JSON; charset=utf-8")));
        assert!(is_json(&headers("application/merge-patch+json")));
        assert!(!is_json(&headers("text/plain")));
        assert!(!is_json(&headers("text/csv")));
        assert!(!is_json(&HeaderMap::new()));
    }
}
