//! One error type and one table of stable codes. Every error leaves the service as
//! `application/problem+json` (RFC 9457) carrying one of these codes; the rendering is the
//! API's business (`api::kit::problem`), so services and the domain never see poem.

use crate::domain::rule::Rule;

/// Stable machine-readable error code; docs/errors.md says when each is answered. Clients
/// match on these, never on `detail`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidRequest,
    ValidationFailed,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    AlreadyExists,
    IdempotencyKeyReused,
    InvalidTransition,
    GuardFailed,
    SurveyAnswered,
    SurveyExpired,
    PreconditionFailed,
    PreconditionRequired,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Unavailable,
    Internal,
}

impl ErrorCode {
    /// Every code, in the order the error table lists them.
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::InvalidRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::AlreadyExists,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::InvalidTransition,
        ErrorCode::GuardFailed,
        ErrorCode::SurveyAnswered,
        ErrorCode::SurveyExpired,
        ErrorCode::PreconditionFailed,
        ErrorCode::PreconditionRequired,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::RateLimited,
        ErrorCode::Unavailable,
        ErrorCode::Internal,
    ];

    /// The code table: code, HTTP status, title.
    pub fn describe(self) -> (&'static str, u16, &'static str) {
        use ErrorCode::*;
        match self {
            InvalidRequest => ("invalid_request", 400, "The request is malformed"),
            ValidationFailed => ("validation_failed", 422, "The request breaks a rule"),
            Unauthenticated => ("unauthenticated", 401, "A valid bearer token is required"),
            Forbidden => ("forbidden", 403, "Not allowed for this caller"),
            NotFound => ("not_found", 404, "No such resource"),
            MethodNotAllowed => ("method_not_allowed", 405, "Method not allowed on this path"),
            AlreadyExists => ("already_exists", 409, "The resource already exists"),
            InvalidTransition => (
                "invalid_transition",
                409,
                "The action is not possible in the complaint's current state",
            ),
            GuardFailed => (
                "guard_failed",
                409,
                "A rule of the procedure refuses the action",
            ),
            SurveyAnswered => (
                "survey_answered",
                409,
                "This survey has already been answered",
            ),
            SurveyExpired => (
                "survey_expired",
                410,
                "This survey link has expired or was replaced by a newer one",
            ),
            IdempotencyKeyReused => (
                "idempotency_key_reused",
                409,
                "Idempotency-Key already used with a different request",
            ),
            PreconditionFailed => (
                "precondition_failed",
                412,
                "If-Match does not match the current version",
            ),
            PreconditionRequired => ("precondition_required", 428, "If-Match is required"),
            PayloadTooLarge => ("payload_too_large", 413, "The request body is too large"),
            UnsupportedMediaType => (
                "unsupported_media_type",
                415,
                "The request body must be application/json",
            ),
            RateLimited => (
                "rate_limited",
                429,
                "Too many requests from this caller; retry after Retry-After seconds",
            ),
            Unavailable => ("unavailable", 503, "The service cannot serve requests now"),
            Internal => ("internal", 500, "Internal error"),
        }
    }

    /// When a client meets the code and what it should do: the error table's last column.
    pub fn guidance(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidRequest => {
                "A parameter, header or body field failed to parse (wrong type, unknown field, \
                 a query parameter the operation does not declare, a key repeated in a JSON \
                 object, an `If-Match` that is not `*` or quoted entity tags, NUL character, \
                 malformed JSON); `field` names it as the spec does (`id`, `state`, `If-Match`, \
                 `complainant.email`, `remedies[0].amount`). Fix the request; retrying it \
                 unchanged fails the same way."
            }
            ValidationFailed => {
                "The request parsed but breaks a rule about its content (a date before the \
                 receipt or in the future, an unknown assignee, a deprecated root cause, a \
                 product or category that is not active in the catalogue, a webhook URL that \
                 points inside the network); `field` names the field at fault, and for the \
                 catalogue `detail` lists the values to choose from."
            }
            Unauthenticated => {
                "No bearer token, or one that is malformed, expired, wrongly signed or carries \
                 a parameter Recourse does not understand; the answer carries \
                 `WWW-Authenticate: Bearer`. Obtain a new token."
            }
            Forbidden => {
                "The token is valid but none of its roles grants the operation. A resource \
                 outside the caller's team scope answers `not_found` instead, so that its \
                 existence is not revealed."
            }
            NotFound => {
                "No such resource, or one outside the caller's scope (the two are answered \
                 alike)."
            }
            MethodNotAllowed => {
                "The path exists but not with this method; `Allow` lists those it has."
            }
            AlreadyExists => {
                "A resource with the same key exists already (a team, a cause code, a rule)."
            }
            IdempotencyKeyReused => {
                "The `Idempotency-Key` was used before with a different request body. Use a new \
                 key for a new request."
            }
            InvalidTransition => {
                "The action is not possible from the complaint's (or improvement item's) \
                 current state. `GET .../actions` lists what is possible now."
            }
            GuardFailed => {
                "A rule of the procedure refuses the action; `reason` names the rule (for \
                 example `four_eyes`, `root_cause_required`) and is stable for clients to \
                 switch on."
            }
            SurveyAnswered => "The satisfaction survey behind this link was answered already.",
            SurveyExpired => "The survey link expired or was replaced by a newer one.",
            PreconditionFailed => {
                "The resource changed since the `ETag` in `If-Match` was read. Read it again, \
                 check the change still makes sense, and retry with the new `ETag`."
            }
            PreconditionRequired => "Changes need `If-Match` with the `ETag` last read (or `*`).",
            PayloadTooLarge => {
                "The body is over the server's size limit (`--max-body-bytes`, 1 MiB by \
                 default), or is chunked without a length."
            }
            UnsupportedMediaType => "Send the body as `application/json`.",
            RateLimited => {
                "The caller's token has spent its rate limit. Wait `Retry-After` seconds before \
                 the next request."
            }
            Unavailable => {
                "The service is overloaded (no database connection came free in time) or the \
                 request ran past the server's timeout. Retry after `Retry-After` seconds; \
                 creating with an `Idempotency-Key` makes the retry safe."
            }
            Internal => {
                "An unexpected failure. Nothing about its cause is returned; the server logs \
                 it. Retrying may help; report it if it persists."
            }
        }
    }

    /// The error table as Markdown: `docs/errors.md`, checked by a drift test and printed by
    /// `recourse errors`.
    pub fn table_markdown() -> String {
        let mut out = String::from(
            "# Errors\n\n\
             <!-- Generated from `ErrorCode` in src/error.rs by `cargo run -q -- errors > \
             docs/errors.md`; a test fails when this file differs. -->\n\n\
             Every error is an RFC 9457 problem document (`application/problem+json`) with a \
             stable `code`. Clients switch on `code`, and on `reason` for `guard_failed`, never \
             on `detail`, which is prose and may change. `field` names the request field at \
             fault when there is one; `type` is `urn:recourse:problem:<code>`. Answers with \
             status 429 and 503 carry `Retry-After`.\n\n\
             | code | status | title | when, and what to do |\n\
             |---|---:|---|---|\n",
        );
        for code in ErrorCode::ALL {
            let (name, status, title) = code.describe();
            out.push_str(&format!(
                "| `{name}` | {status} | {title} | {} |\n",
                code.guidance()
            ));
        }
        out.push_str(
            "\n## Reasons\n\n\
             A `guard_failed` problem names the rule that refused the action in `reason` (the \
             spec's `RefusalReason`). `GET /v1/complaints/{id}/actions?all=true` gives the same \
             names for each action not available now, or `invalid_transition` when the action \
             is not possible from the current state at all.\n\n\
             | reason | the rule |\n\
             |---|---|\n",
        );
        for rule in Rule::ALL {
            out.push_str(&format!("| `{}` | {} |\n", rule.as_str(), rule.meaning()));
        }
        out
    }

    pub fn as_str(self) -> &'static str {
        self.describe().0
    }

    pub fn status(self) -> u16 {
        self.describe().1
    }

    /// The code for a status that poem or poem-openapi produced on its own.
    pub(crate) fn for_status(status: u16) -> ErrorCode {
        use ErrorCode::*;
        match status {
            401 => Unauthenticated,
            403 => Forbidden,
            404 => NotFound,
            405 => MethodNotAllowed,
            411 | 413 => PayloadTooLarge,
            415 => UnsupportedMediaType,
            429 => RateLimited,
            503 => Unavailable,
            s if (400..500).contains(&s) => InvalidRequest,
            _ => Internal,
        }
    }
}

/// The error every service and handler returns.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {detail}", code.as_str())]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: String,
    /// The request field the error is about, when there is one.
    pub field: Option<String>,
    /// Which rule refused the request, for `guard_failed` (e.g. `root_cause_required`).
    pub reason: Option<Rule>,
    /// Whole seconds the caller should wait before trying again, sent as `Retry-After`.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: detail.into(),
            field: None,
            reason: None,
            retry_after: None,
        }
    }

    /// A 422 about one field of the request.
    pub fn invalid_field(field: &str, detail: impl Into<String>) -> Self {
        ApiError {
            code: ErrorCode::ValidationFailed,
            detail: detail.into(),
            field: Some(field.into()),
            reason: None,
            retry_after: None,
        }
    }

    /// Names the request field or parameter at fault.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// Tells the caller to try again after `seconds` (sent as `Retry-After`).
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// A procedure or lifecycle rule refused the request: 409 `guard_failed`, with the rule in
    /// `reason`.
    pub fn guard(rule: Rule, detail: impl Into<String>) -> Self {
        ApiError {
            reason: Some(rule),
            ..ApiError::new(ErrorCode::GuardFailed, detail)
        }
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Forbidden, detail)
    }

    pub fn unauthenticated(detail: impl Into<String>) -> Self {
        ApiError::new(ErrorCode::Unauthenticated, detail)
    }

    /// The caller has spent its rate limit; it may try again after `wait`.
    pub fn rate_limited(wait: std::time::Duration) -> Self {
        let seconds = wait.as_secs().max(1);
        ApiError::new(
            ErrorCode::RateLimited,
            format!("too many requests from this caller; try again in {seconds} s"),
        )
        .with_retry_after(seconds)
    }

    /// Database and other unexpected failures: logged here, answered as an opaque 500.
    pub fn internal(err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "internal error");
        ApiError::new(ErrorCode::Internal, "the request could not be completed")
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        // Every pooled connection busy for the pool's whole wait: the service is overloaded,
        // not broken, and the caller may try again.
        if let sea_orm::DbErr::ConnectionAcquire(cause) = &err {
            tracing::warn!(error = %cause, "no database connection free");
            return ApiError::new(
                ErrorCode::Unavailable,
                "the database is busy; try again shortly",
            )
            .with_retry_after(1);
        }
        ApiError::internal(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_map_to_error_statuses() {
        let all = ErrorCode::ALL;
        let mut seen = std::collections::HashSet::new();
        for code in all {
            let (name, status, title) = code.describe();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert!((400..600).contains(&status), "{name} -> {status}");
            assert!(!title.is_empty());
        }
    }

    #[test]
    fn a_pool_with_no_connection_free_is_a_503_to_retry_not_a_500() {
        let err = ApiError::from(sea_orm::DbErr::ConnectionAcquire(
            sea_orm::error::ConnAcquireErr::Timeout,
        ));
        assert_eq!(err.code, ErrorCode::Unavailable);
        assert_eq!(err.retry_after, Some(1));
        let other = ApiError::from(sea_orm::DbErr::Custom("boom".into()));
        assert_eq!(other.code, ErrorCode::Internal);
    }

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let err = ApiError::internal("password authentication failed for user x");
        assert_eq!(err.code.status(), 500);
        assert!(!err.detail.contains("password"));
    }
}
