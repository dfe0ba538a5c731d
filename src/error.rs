//! One error type and one table of stable codes. Every error leaves the service as
//! `application/problem+json` (RFC 9457) carrying one of these codes.

use std::borrow::Cow;

use poem::http::StatusCode;
use poem_openapi::{
    Object, ResponseContent,
    registry::{MetaMediaType, MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use serde_json::Value;

use crate::domain::rule::{RefusalKind, Rule};

/// Stable machine-readable error code; docs/errors.md says when each is answered. Clients
/// match on these, never on `detail`.
#[derive(poem_openapi::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
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
                 NUL character, malformed JSON); `field` names it. Fix the request; retrying it \
                 unchanged fails the same way."
            }
            ValidationFailed => {
                "The request parsed but breaks a rule about its content (a date before the \
                 receipt or in the future, an unknown assignee, a deprecated root cause, a \
                 webhook URL that points inside the network); `field` names the field at \
                 fault."
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
                "The body is over the server's size limit (`--max-body-bytes`, 64 KiB by \
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
    fn for_status(status: u16) -> ErrorCode {
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

    pub fn to_problem(&self) -> Problem {
        let (code, status, title) = self.code.describe();
        Problem {
            kind: format!("urn:recourse:problem:{code}"),
            title: title.to_owned(),
            status,
            detail: Some(self.detail.clone()),
            code: self.code,
            field: self.field.clone(),
            reason: self.reason.map(RefusalReason),
            retry_after: self.retry_after,
        }
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

impl poem::error::ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn as_response(&self) -> poem::Response {
        poem::IntoResponse::into_response(ProblemJson(self.to_problem()))
    }
}

/// An RFC 9457 problem document.
#[derive(Object, Debug, Clone, PartialEq)]
#[oai(skip_serializing_if_is_none)]
pub struct Problem {
    /// A URI naming the problem type: `urn:recourse:problem:<code>`.
    #[oai(rename = "type")]
    pub kind: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request, naming the parameter or field at fault.
    pub detail: Option<String>,
    /// Stable machine-readable error code (the error table is docs/errors.md).
    pub code: ErrorCode,
    /// The request field at fault, for validation errors.
    pub field: Option<String>,
    /// The procedure rule that refused the action, for `guard_failed`.
    pub reason: Option<RefusalReason>,
    /// Sent as the `Retry-After` header, not in the document.
    #[oai(skip)]
    pub retry_after: Option<u64>,
}

/// Builds the problem for any error that reaches the HTTP layer: our own [`ApiError`], or one
/// of poem's or poem-openapi's (bad parameters, bodies, content types, authentication).
pub fn problem_of(err: &poem::Error) -> Problem {
    if let Some(api) = err.downcast_ref::<ApiError>() {
        return api.to_problem();
    }
    let status = err.status().as_u16();
    let code = ErrorCode::for_status(status);
    let detail = match code {
        // poem-openapi's own wording ("authorization error") says less than this.
        ErrorCode::Unauthenticated => "a valid bearer token is required".to_owned(),
        ErrorCode::Internal => {
            tracing::error!(error = %err, "unhandled error");
            "the request could not be completed".to_owned()
        }
        _ => err.to_string(),
    };
    let field = detail
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(field, _)| field.to_owned());
    let mut problem = ApiError {
        code,
        detail,
        field,
        reason: None,
        retry_after: None,
    }
    .to_problem();
    // 411 (no length on a chunked body) and friends keep their real status.
    problem.status = status;
    problem
}

/// A problem document on the wire as `application/problem+json`. The spec declares it under
/// both `application/problem+json` and `application/json`, so that generated clients that
/// only understand the latter still decode errors into a typed `Problem`.
#[derive(Debug, Clone)]
pub struct ProblemJson(pub Problem);

impl From<Problem> for ProblemJson {
    fn from(p: Problem) -> Self {
        ProblemJson(p)
    }
}

impl poem::IntoResponse for ProblemJson {
    fn into_response(self) -> poem::Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = poem::Response::builder()
            .status(status)
            .content_type("application/problem+json");
        if let Some(seconds) = self.0.retry_after {
            resp = resp.header(poem::http::header::RETRY_AFTER, seconds);
        }
        resp.body(self.0.to_json_string())
    }
}

impl ResponseContent for ProblemJson {
    fn media_types() -> Vec<MetaMediaType> {
        let media = |content_type| MetaMediaType {
            content_type,
            schema: <Problem as Type>::schema_ref(),
        };
        vec![media("application/problem+json"), media("application/json")]
    }

    fn register(registry: &mut Registry) {
        <Problem as Type>::register(registry);
    }
}

/// Declares a string type whose schema is a named enum of the values `$all` lists, over a
/// domain type that is not a poem-openapi type itself (the domain does not depend on poem).
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident($inner:ty), $schema:literal, $description:literal, $all:expr, $to:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(pub $inner);

        impl $name {
            fn wire(self) -> &'static str {
                ($to)(self.0)
            }
        }

        impl Type for $name {
            const IS_REQUIRED: bool = true;
            type RawValueType = Self;
            type RawElementValueType = Self;

            fn name() -> Cow<'static, str> {
                Cow::Borrowed($schema)
            }

            fn schema_ref() -> MetaSchemaRef {
                MetaSchemaRef::Reference($schema.to_owned())
            }

            fn register(registry: &mut Registry) {
                registry.create_schema::<Self, _>($schema.to_owned(), |_| MetaSchema {
                    description: Some($description),
                    enum_items: $all.map(|v| Value::String($name(v).wire().to_owned())).collect(),
                    ..MetaSchema::new("string")
                });
            }

            fn as_raw_value(&self) -> Option<&Self> {
                Some(self)
            }

            fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a Self> + 'a> {
                Box::new(self.as_raw_value().into_iter())
            }
        }

        impl ToJSON for $name {
            fn to_json(&self) -> Option<Value> {
                Some(Value::String(self.wire().to_owned()))
            }
        }

        impl ParseFromJSON for $name {
            fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
                let value = value.unwrap_or_default();
                $all.find(|v| Some($name(*v).wire()) == value.as_str())
                    .map($name)
                    .ok_or_else(|| ParseError::expected_type(value))
            }
        }
    };
}

wire_enum!(
    /// The rule that refused an action, in a `guard_failed` problem.
    RefusalReason(Rule),
    "RefusalReason",
    "The rule of the procedure, of the improvement cycle or of a case's records that refused the action.",
    Rule::ALL.iter().copied(),
    Rule::as_str
);

wire_enum!(
    /// Why an action is not available now: not possible from the current state at all, or
    /// refused there by a rule.
    UnavailableReason(RefusalKind),
    "UnavailableReason",
    "`invalid_transition` when the action is not possible from the current state; otherwise the rule that refuses it.",
    std::iter::once(RefusalKind::InvalidTransition).chain(Rule::ALL.iter().map(|r| RefusalKind::Guard(*r))),
    |r: RefusalKind| match r {
        RefusalKind::InvalidTransition => "invalid_transition",
        RefusalKind::Guard(rule) => rule.as_str(),
    }
);

/// Per-operation response enums are built by [`api_response!`]; this maps a problem onto the
/// variant declared for its status.
pub trait FromProblem: Sized {
    fn from_problem(problem: Problem) -> Self;
}

/// A problem whose status the operation did not declare: a bug, so it is logged and answered
/// as a 500 rather than breaking the contract.
pub fn undeclared(problem: Problem) -> ProblemJson {
    tracing::error!(
        status = problem.status,
        code = problem.code.as_str(),
        "undeclared error status"
    );
    ProblemJson(
        ApiError::new(ErrorCode::Internal, "the request could not be completed").to_problem(),
    )
}

/// Routes any error that escapes the API (unknown path, unsupported method, oversized body)
/// into a problem document.
pub async fn catch_all(err: poem::Error) -> poem::Response {
    poem::IntoResponse::into_response(ProblemJson(problem_of(&err)))
}

/// Declares one operation's response enum: its success variants, the error statuses it can
/// return beyond the universal 400, 401, 429, 500 and 503, and the wiring that turns
/// poem-openapi's own parse and authentication failures into problem documents of the
/// declared statuses.
#[macro_export]
macro_rules! api_response {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ( $($vty:tt)* ) ),* $(,)?
        }
        errors { $( $(#[$emeta:meta])* $err:ident = $status:literal ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(poem_openapi::ApiResponse, Debug)]
        #[oai(bad_request_handler = "Self::from_poem_error")]
        // Built once per request and moved straight into the response: size does not matter.
        #[allow(clippy::large_enum_variant)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ( $($vty)* ), )*
            /// The request is malformed: a parameter or body field failed to parse or validate;
            /// `detail` names it.
            #[oai(status = 400)]
            BadRequest($crate::error::ProblemJson),
            /// The bearer token is missing, malformed, expired or otherwise invalid.
            #[oai(status = 401)]
            Unauthorized(
                $crate::error::ProblemJson,
                /// Always `Bearer`.
                #[oai(header = "WWW-Authenticate")] String,
            ),
            $( $(#[$emeta])* #[oai(status = $status)] $err($crate::error::ProblemJson), )*
            /// The caller has made too many requests: the per-caller rate limit is spent.
            #[oai(status = 429)]
            TooManyRequests(
                $crate::error::ProblemJson,
                /// Whole seconds to wait before trying again.
                #[oai(header = "Retry-After")] u64,
            ),
            /// Unexpected server error; the details are logged, not returned.
            #[oai(status = 500)]
            Internal($crate::error::ProblemJson),
            /// The service is overloaded (no database connection came free in time) or the
            /// request took longer than the server's timeout; try again after `Retry-After`.
            #[oai(status = 503)]
            Unavailable(
                $crate::error::ProblemJson,
                /// Whole seconds to wait before trying again.
                #[oai(header = "Retry-After")] u64,
            ),
        }

        impl $name {
            fn from_poem_error(err: poem::Error) -> Self {
                <Self as $crate::error::FromProblem>::from_problem($crate::error::problem_of(&err))
            }
        }

        impl $crate::error::FromProblem for $name {
            fn from_problem(p: $crate::error::Problem) -> Self {
                match p.status {
                    400 => Self::BadRequest(p.into()),
                    401 => Self::Unauthorized(p.into(), "Bearer".to_owned()),
                    429 => {
                        let wait = p.retry_after.unwrap_or(1);
                        Self::TooManyRequests(p.into(), wait)
                    }
                    503 => {
                        let wait = p.retry_after.unwrap_or(1);
                        Self::Unavailable(p.into(), wait)
                    }
                    $( $status => Self::$err(p.into()), )*
                    _ => Self::Internal($crate::error::undeclared(p)),
                }
            }
        }

        impl From<$crate::error::ApiError> for $name {
            fn from(err: $crate::error::ApiError) -> Self {
                <Self as $crate::error::FromProblem>::from_problem(err.to_problem())
            }
        }
    };
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
        let problem = ApiError::internal("password authentication failed for user x").to_problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.unwrap_or_default().contains("password"));
    }
}
