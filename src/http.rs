//! Middleware at the root of the service: the body size limit, the request timeout and the
//! `Allow` header on 405.

use std::{collections::BTreeSet, sync::Arc, time::Duration};

use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, http::StatusCode};

use crate::error::{ApiError, ErrorCode};

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
        let declared = req
            .headers()
            .get(poem::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(n) if n > self.max as u64 => return Err(too_large(self.max)),
            Some(_) => {}
            None => {
                // No declared length (chunked): read at most max + 1 bytes to decide.
                use tokio::io::AsyncReadExt;
                let mut buf = Vec::new();
                let mut reader = req.take_body().into_async_read().take(self.max as u64 + 1);
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

    /// The methods allowed on `path`, if it matches a template.
    pub fn allowed(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.0.iter().find_map(|(template, methods)| {
            let matches = template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()));
            matches.then(|| methods.iter().cloned().collect::<Vec<_>>().join(", "))
        })
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
            crate::error::catch_all,
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
    }
}
