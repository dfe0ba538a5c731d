//! The HTTP API: one `#[OpenApi]` struct per resource, DTOs in `dto`, thin handlers that
//! parse, require a permission, call the service and map the result.

pub mod actions;
pub mod complaints;
pub mod csv;
pub mod dto;
pub mod dto_mi;
pub mod dto_rca;
pub mod dto_webhooks;
pub mod escalations;
pub mod improvements;
pub mod locate;
pub mod ops;
pub mod profiles;
pub mod remedies;
pub mod reports;
pub mod root_causes;
pub mod strict;
pub mod surveys;
pub mod teams;
pub mod webhooks;

use std::future::Future;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, TimeZone, Utc};
use poem_openapi::{OpenApiService, Tags};
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode};

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
    complaints::ComplaintsApi,
    actions::ActionsApi,
    escalations::EscalationsApi,
    remedies::RemediesApi,
    root_causes::RootCausesApi,
    improvements::ImprovementsApi,
    reports::ReportsApi,
    surveys::SurveysApi,
    webhooks::WebhooksApi,
    teams::TeamsApi,
    profiles::ProfilesApi,
    ops::OpsApi,
);

/// The service's OpenAPI description.
pub fn service() -> OpenApiService<Api, ()> {
    OpenApiService::new(
        (
            complaints::ComplaintsApi,
            actions::ActionsApi,
            escalations::EscalationsApi,
            remedies::RemediesApi,
            root_causes::RootCausesApi,
            improvements::ImprovementsApi,
            reports::ReportsApi,
            surveys::SurveysApi,
            webhooks::WebhooksApi,
            teams::TeamsApi,
            profiles::ProfilesApi,
            ops::OpsApi,
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
];

/// The OpenAPI document, as served at `/openapi.json` and committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let raw = service().spec();
    let Ok(mut spec) = serde_json::from_str::<serde_json::Value>(&raw) else {
        return raw;
    };
    for name in CLOSED_SCHEMAS {
        if let Some(schema) = spec["components"]["schemas"].get_mut(*name) {
            schema["additionalProperties"] = serde_json::Value::Bool(false);
        }
    }
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

/// The versions an `If-Match` header accepts; 428 without one. `*` matches any version.
pub fn if_match_versions(header: Option<&str>) -> Result<IfMatch, ApiError> {
    let header = header.ok_or_else(|| {
        ApiError::new(
            ErrorCode::PreconditionRequired,
            "send If-Match with the complaint's current ETag",
        )
    })?;
    if header.trim() == "*" {
        return Ok(IfMatch::Any);
    }
    let versions = header
        .split(',')
        .filter_map(|tag| {
            tag.trim()
                .strip_prefix('"')?
                .strip_suffix('"')?
                .parse::<i64>()
                .ok()
        })
        .collect();
    Ok(IfMatch::Versions(versions))
}

/// What an `If-Match` header asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    Any,
    Versions(Vec<i64>),
}

impl IfMatch {
    /// The acceptable versions, or `None` for any.
    pub fn versions(&self) -> Option<&[i64]> {
        match self {
            IfMatch::Any => None,
            IfMatch::Versions(v) => Some(v),
        }
    }
}

/// Instants a caller gives for filtering or previewing are clamped to 1900..9000: no
/// complaint lies outside, both engines store the range, and deadlines computed from it stay
/// within four-digit years.
pub fn clamp_instant(at: DateTime<Utc>) -> DateTime<Utc> {
    let min = Utc
        .with_ymd_and_hms(1900, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let max = Utc
        .with_ymd_and_hms(9000, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or_default();
    at.clamp(min, max)
}

/// Opaque list cursor: base64url of the last item's received instant (microseconds, 8 bytes)
/// and id (16 bytes). Exactly 32 characters, and every such string decodes, so a cursor that
/// matches the published pattern is never refused.
pub fn encode_cursor(at: DateTime<Utc>, id: Uuid) -> String {
    let mut bytes = [0u8; 24];
    bytes[..8].copy_from_slice(&at.timestamp_micros().to_be_bytes());
    bytes[8..].copy_from_slice(id.as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn decode_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    let bad = || {
        ApiError::new(
            ErrorCode::InvalidRequest,
            "cursor is not one this service issued",
        )
        .with_field("cursor")
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let bytes: [u8; 24] = bytes.try_into().map_err(|_| bad())?;
    let micros = i64::from_be_bytes(bytes[..8].try_into().map_err(|_| bad())?);
    let at = match DateTime::from_timestamp_micros(micros) {
        Some(at) => clamp_instant(at),
        None if micros < 0 => clamp_instant(DateTime::<Utc>::MIN_UTC),
        None => clamp_instant(DateTime::<Utc>::MAX_UTC),
    };
    let id = Uuid::from_slice(&bytes[8..]).map_err(|_| bad())?;
    Ok((at, id))
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
    fn cursors_round_trip_and_are_32_characters() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .single()
            .unwrap_or_default();
        let id = Uuid::now_v7();
        let cursor = encode_cursor(at, id);
        assert_eq!(cursor.len(), 32);
        assert_eq!(decode_cursor(&cursor).ok(), Some((at, id)));
    }

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

    #[test]
    fn if_match_is_required_and_parsed() {
        assert_eq!(
            if_match_versions(None).err().map(|e| e.code),
            Some(ErrorCode::PreconditionRequired)
        );
        assert_eq!(
            if_match_versions(Some("\"3\"")).ok(),
            Some(IfMatch::Versions(vec![3]))
        );
        assert_eq!(
            if_match_versions(Some("\"3\", \"4\"")).ok(),
            Some(IfMatch::Versions(vec![3, 4]))
        );
        assert_eq!(
            if_match_versions(Some("W/\"3\"")).ok(),
            Some(IfMatch::Versions(vec![]))
        );
        assert_eq!(if_match_versions(Some("*")).ok(), Some(IfMatch::Any));
    }
}
