//! Health, readiness and metrics. No authentication: load balancers and scrapers call these.

use poem::web::Data;
use poem_openapi::{
    ApiResponse, OpenApi,
    payload::{Json, PlainText},
};

use crate::api::{ApiTags, dto, kit::problem::ProblemJson};
use crate::{
    error::{ApiError, ErrorCode},
    state::AppState,
};

#[derive(ApiResponse, Debug)]
pub enum HealthResponse {
    /// The process is up.
    #[oai(status = 200)]
    Ok(Json<dto::Health>),
}

#[derive(ApiResponse, Debug)]
pub enum ReadyResponse {
    /// The database answers.
    #[oai(status = 200)]
    Ok(Json<dto::Health>),
    /// The database does not answer.
    #[oai(status = 503)]
    Unavailable(ProblemJson),
}

#[derive(ApiResponse, Debug)]
pub enum MetricsResponse {
    /// Prometheus text exposition.
    #[oai(status = 200, content_type = "text/plain; version=0.0.4")]
    Ok(PlainText<String>),
}

#[derive(Debug)]
pub struct OpsApi;

#[OpenApi(tag = "ApiTags::Operations")]
impl OpsApi {
    /// Liveness: the process answers.
    #[oai(path = "/healthz", method = "get", operation_id = "healthz")]
    async fn healthz(&self) -> HealthResponse {
        HealthResponse::Ok(Json(dto::Health {
            status: "ok".into(),
        }))
    }

    /// Readiness: the database answers.
    #[oai(path = "/readyz", method = "get", operation_id = "readyz")]
    async fn readyz(&self, state: Data<&AppState>) -> ReadyResponse {
        match state.db.ping().await {
            Ok(()) => ReadyResponse::Ok(Json(dto::Health {
                status: "ok".into(),
            })),
            Err(err) => {
                tracing::warn!(error = %err, "readiness check failed");
                ReadyResponse::Unavailable(ProblemJson(
                    ApiError::new(ErrorCode::Unavailable, "the database does not answer")
                        .to_problem(),
                ))
            }
        }
    }

    /// Request counts and latencies by operation, in Prometheus text format.
    #[oai(path = "/metrics", method = "get", operation_id = "metrics")]
    async fn metrics(&self, state: Data<&AppState>) -> MetricsResponse {
        MetricsResponse::Ok(PlainText(state.metrics.render()))
    }
}
