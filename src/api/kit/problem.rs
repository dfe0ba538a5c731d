//! Problem documents (RFC 9457) on the wire: how an [`ApiError`] or one of poem's own errors
//! becomes `application/problem+json`, the schema the spec publishes for it, and the
//! per-operation response enums ([`api_response!`](crate::api_response)).

use std::borrow::Cow;

use poem::http::StatusCode;
use poem_openapi::{
    Object, ResponseContent,
    error::{ParseParamError, ParsePathError, ParseRequestPayloadError},
    registry::{MetaMediaType, MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use serde_json::Value;

use crate::{
    domain::rule::{RefusalKind, Rule},
    error::{ApiError, ErrorCode},
    http::declared,
};

impl ApiError {
    pub fn to_problem(&self) -> Problem {
        let (code, status, title) = self.code.describe();
        Problem {
            kind: format!("urn:recourse:problem:{code}"),
            title: title.to_owned(),
            status,
            detail: Some(self.detail.clone()),
            code: ProblemCode(self.code),
            field: self.field.clone(),
            reason: self.reason.map(RefusalReason),
            retry_after: self.retry_after,
        }
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
    pub code: ProblemCode,
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
    if let Some(e) = err.downcast_ref::<ParseParamError>() {
        return parameter(e.name, false, &e.reason).to_problem();
    }
    if let Some(e) = err.downcast_ref::<ParsePathError>() {
        return parameter(e.name, true, &e.reason).to_problem();
    }
    if let Some(e) = err.downcast_ref::<ParseRequestPayloadError>() {
        return body(&e.reason).to_problem();
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

/// A path, query or header parameter that failed to parse, named as the spec publishes it
/// (poem-openapi calls path parameters `param0`, `param1`...) and described by what its
/// schema asks (`` `id` must be a UUID ``, the allowed values of an enum), not by the Rust type
/// that refused it.
fn parameter(name: &str, in_path: bool, reason: &str) -> ApiError {
    let missing = reason.contains("expects an input value");
    let (field, rule) = declared::describe(name, in_path)
        .unwrap_or_else(|| (name.to_owned(), format!("is not valid: {}", plain(reason))));
    let detail = if missing {
        format!("`{field}` is required; it {rule}")
    } else {
        format!("`{field}` {rule}")
    };
    ApiError::new(ErrorCode::InvalidRequest, detail).with_field(&field)
}

/// A JSON body that failed to parse. [`Located`](super::locate::Located) bodies say where
/// (`field `a.b` ...`, `fields `a`, `b` ... are required`, `the body ...`); what is left is
/// text that is not JSON at all.
fn body(reason: &str) -> ApiError {
    let located = ["field `", "fields `", "the body "]
        .iter()
        .filter_map(|marker| reason.find(marker))
        .min();
    if let Some(at) = located {
        let message = &reason[at..];
        let field = message
            .split_once('`')
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(field, _)| field)
            .filter(|_| !message.starts_with("the body "));
        let detail = message
            .strip_prefix("fields ")
            .or_else(|| message.strip_prefix("field "))
            .unwrap_or(message);
        let err = ApiError::new(ErrorCode::InvalidRequest, detail);
        return match field {
            Some(field) => err.with_field(field),
            None => err,
        };
    }
    let from_a_type = ["failed to parse \"", "Expected input type", "Type \""]
        .iter()
        .any(|p| reason.starts_with(p));
    let detail = if from_a_type {
        format!("the body is not valid: {}", plain(reason))
    } else {
        format!("the body is not valid JSON: {reason}")
    };
    ApiError::new(ErrorCode::InvalidRequest, detail)
}

/// A poem-openapi parse message without its `failed to parse "Type": ` preamble.
fn plain(reason: &str) -> &str {
    reason
        .strip_prefix("failed to parse \"")
        .and_then(|rest| rest.split_once("\": "))
        .map_or(reason, |(_, message)| message)
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
    /// The error code of a problem document, as the spec publishes it.
    ProblemCode(ErrorCode),
    "ErrorCode",
    "Stable machine-readable error code; docs/errors.md says when each is answered. Clients\nmatch on these, never on `detail`.",
    ErrorCode::ALL.iter().copied(),
    ErrorCode::as_str
);

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
        code = problem.code.0.as_str(),
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
            BadRequest($crate::api::kit::problem::ProblemJson),
            /// The bearer token is missing, malformed, expired or otherwise invalid.
            #[oai(status = 401)]
            Unauthorized(
                $crate::api::kit::problem::ProblemJson,
                /// Always `Bearer`.
                #[oai(header = "WWW-Authenticate")] String,
            ),
            $( $(#[$emeta])* #[oai(status = $status)] $err($crate::api::kit::problem::ProblemJson), )*
            /// The caller has made too many requests: the per-caller rate limit is spent.
            #[oai(status = 429)]
            TooManyRequests(
                $crate::api::kit::problem::ProblemJson,
                /// Whole seconds to wait before trying again.
                #[oai(header = "Retry-After")] u64,
            ),
            /// Unexpected server error; the details are logged, not returned.
            #[oai(status = 500)]
            Internal($crate::api::kit::problem::ProblemJson),
            /// The service is overloaded (no database connection came free in time) or the
            /// request took longer than the server's timeout; try again after `Retry-After`.
            #[oai(status = 503)]
            Unavailable(
                $crate::api::kit::problem::ProblemJson,
                /// Whole seconds to wait before trying again.
                #[oai(header = "Retry-After")] u64,
            ),
        }

        impl $name {
            fn from_poem_error(err: poem::Error) -> Self {
                <Self as $crate::api::kit::problem::FromProblem>::from_problem($crate::api::kit::problem::problem_of(&err))
            }
        }

        impl $crate::api::kit::problem::FromProblem for $name {
            fn from_problem(p: $crate::api::kit::problem::Problem) -> Self {
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
                    _ => Self::Internal($crate::api::kit::problem::undeclared(p)),
                }
            }
        }

        impl From<$crate::error::ApiError> for $name {
            fn from(err: $crate::error::ApiError) -> Self {
                <Self as $crate::api::kit::problem::FromProblem>::from_problem(err.to_problem())
            }
        }
    };
}
