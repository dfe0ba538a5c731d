//! The HTTP API: one `#[OpenApi]` struct per resource, DTOs in `dto`, thin handlers that
//! parse, require a permission, call the service and map the result.

pub mod admin;
pub mod cases;
pub mod improvement;
pub mod integration;
pub mod kit;
pub mod reports;

pub mod dto;

use std::future::Future;

use chrono::{DateTime, Utc};
use poem_openapi::{OpenApiService, Tags};
use uuid::Uuid;

pub use crate::domain::wire::{IfMatch, clamp_instant, encode_cursor};
use crate::{
    domain::wire,
    error::{ApiError, ErrorCode},
};

#[derive(Tags, Debug)]
pub enum ApiTags {
    /// Logging, reading, listing and correcting complaints, and their audit trail.
    Complaints,
    /// The formal procedure: actions that move a complaint on.
    Procedure,
    /// Teams and the caller's identity.
    Teams,
    /// Regulatory profiles, deadline previews and holiday calendars.
    Profiles,
    /// Root causes, classification, recurrence rules and the improvement backlog.
    Improvement,
    /// Management information.
    Reports,
    /// Webhook subscriptions and their deliveries.
    Integrations,
    /// Health, readiness and metrics.
    Operations,
}

pub type Api = (
    cases::complaints::ComplaintsApi,
    cases::actions::ActionsApi,
    cases::escalations::EscalationsApi,
    cases::imports::ImportsApi,
    cases::remedies::RemediesApi,
    improvement::root_causes::RootCausesApi,
    improvement::backlog::ImprovementsApi,
    improvement::item_actions::ItemActionsApi,
    reports::ReportsApi,
    cases::surveys::SurveysApi,
    integration::webhooks::WebhooksApi,
    admin::teams::TeamsApi,
    admin::profiles::ProfilesApi,
    admin::ops::OpsApi,
);

/// The service's OpenAPI description.
pub fn service() -> OpenApiService<Api, ()> {
    OpenApiService::new(
        (
            cases::complaints::ComplaintsApi,
            cases::actions::ActionsApi,
            cases::escalations::EscalationsApi,
            cases::imports::ImportsApi,
            cases::remedies::RemediesApi,
            improvement::root_causes::RootCausesApi,
            improvement::backlog::ImprovementsApi,
            improvement::item_actions::ItemActionsApi,
            reports::ReportsApi,
            cases::surveys::SurveysApi,
            integration::webhooks::WebhooksApi,
            admin::teams::TeamsApi,
            admin::profiles::ProfilesApi,
            admin::ops::OpsApi,
        ),
        "Recourse",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "Complaint-handling case management: log complaints, move them through a regulated \
         procedure with deadlines, find root causes, and measure improvements. Errors are \
         RFC 9457 problem documents with a stable `code`.",
    )
}

/// Request schemas whose types refuse unknown fields (`deny_unknown_fields`). poem-openapi
/// does not say so in the spec, so [`spec_json`] adds `additionalProperties: false` to them.
const CLOSED_SCHEMAS: &[&str] = &[
    "NewComplaint",
    "NewComplainant",
    "ImportBatch",
    "ImportCase",
    "ImportSource",
    "HistoryEntry",
    "VulnerabilityInput",
    "ComplaintPatch",
    "ComplainantPatch",
    "NewTeam",
    "CommunicationInput",
    "RemedyInput",
    "AcknowledgeAction",
    "NoteAction",
    "RequestInformationAction",
    "IssueResponseAction",
    "WithdrawAction",
    "AssignAction",
    "EscalateAction",
    "ReopenAction",
    "ResolveSummarilyAction",
    "ProposeResponseAction",
    "ReasonAction",
    "ExtendAction",
    "ReferAction",
    "RecordReferralOutcomeAction",
    "TransferAction",
    "SettleRemedy",
    "InternalTargets",
    "NewRootCause",
    "RootCausePatch",
    "MergeRootCause",
    "CategoryInput",
    "WhyStep",
    "ClassificationInput",
    "RecurrenceRules",
    "Standardisation",
    "NewImprovement",
    "TriageAction",
    "PlanAction",
    "TaskInput",
    "StartAction",
    "UpdateTaskAction",
    "GoLiveAction",
    "MergeAction",
    "Feedback",
    "NewWebhook",
    "WebhookPatch",
    "ReplayRange",
    "ImportSource",
    "HistoryEntry",
    "ImportCase",
    "ImportBatch",
];

/// The OpenAPI document, as served at `/openapi.json` and committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let raw = service().spec();
    let Ok(mut spec) = serde_json::from_str::<serde_json::Value>(&raw) else {
        return raw;
    };
    for name in CLOSED_SCHEMAS {
        if let Some(schema) = spec
            .pointer_mut("/components/schemas")
            .and_then(|schemas| schemas.get_mut(*name))
            .and_then(serde_json::Value::as_object_mut)
        {
            schema.insert(
                "additionalProperties".to_owned(),
                serde_json::Value::Bool(false),
            );
        }
    }
    // The problem document's type lives with the error rendering, which names no examples;
    // its example is added here, from the same table as every other one.
    if let Some(problem) = spec.pointer_mut("/components/schemas/Problem") {
        use poem_openapi::types::{Example, ToJSON};
        if let (Some(schema), Some(example)) = (
            problem.as_object_mut(),
            kit::problem::Problem::example().to_json(),
        ) {
            schema.insert("example".to_owned(), example);
        }
    }
    kit::links::add_links(&mut spec);
    serde_json::to_string_pretty(&spec).unwrap_or(raw)
}

/// Swagger UI over the same document as [`spec_json`].
pub fn swagger_html() -> String {
    let api = service();
    api.swagger_ui_html().replace(&api.spec(), &spec_json())
}

/// Runs a handler body and turns its error into the operation's declared response.
pub async fn respond<R: From<ApiError>>(body: impl Future<Output = Result<R, ApiError>>) -> R {
    body.await.unwrap_or_else(R::from)
}

/// The ETag of a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// A list cursor from a query parameter; 400 naming `cursor` for text this service did not
/// issue.
pub fn decode_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    wire::decode_cursor(cursor).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidRequest,
            "cursor is not one this service issued",
        )
        .with_field("cursor")
    })
}

/// Where the page asked for by an optional `cursor` starts.
pub fn after_cursor(cursor: Option<&str>) -> Result<Option<crate::service::Position>, ApiError> {
    cursor
        .map(|c| decode_cursor(c).map(|(at, id)| crate::service::Position { at, id }))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_string_matching_the_cursor_pattern_decodes() {
        for cursor in [
            "A".repeat(32),
            "_".repeat(32),
            "-".repeat(32),
            "z9".repeat(16),
        ] {
            assert!(decode_cursor(&cursor).is_ok(), "{cursor}");
        }
    }
}
