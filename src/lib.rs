//! Recourse: complaint-handling case management.
//!
//! `api` (HTTP, OpenAPI) calls `service` (one transaction per use case), which decides with
//! `domain` (pure rules) and stores with the `entity` crate.

pub mod api;
pub mod auth;
pub mod cli;
pub mod config;
mod dashboard;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod metrics;
pub mod seed;
pub mod service;
pub mod state;

use std::sync::Arc;

use poem::{Endpoint, EndpointExt, Route};

use crate::{
    config::Config,
    db::Db,
    http::{
        AllowHeader, BodyLimit, MethodTable, NoStore, RefuseNul, RequestTimeout,
        declared::{DeclaredParameters, Operations},
        unique_keys::RefuseDuplicateKeys,
    },
    metrics::{Metrics, RecordMetrics},
    state::{AppState, Clock, KnownUsers, RateLimiter},
};

/// Brings a database up to date: migrations, then the holiday calendars' seed data.
/// Makes rustls use the ring provider, which the database driver already brings, for outbound
/// HTTPS (webhook deliveries). Safe to call more than once.
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub async fn prepare_database(db: &Db, clock: &Clock) -> Result<(), sea_orm::DbErr> {
    db.migrate().await?;
    service::admin::calendars::seed(db, clock.now()).await?;
    service::improvement::taxonomy::seed(db, clock.now()).await
}

/// Builds the state for `config` over an open database.
pub fn build_state(config: Config, db: Db, clock: Clock) -> anyhow::Result<AppState> {
    let verifier = auth::Verifier::from_config(&config.jwt)?;
    let limiter = Arc::new(RateLimiter::new(config.rate_limit));
    Ok(AppState {
        db,
        config: Arc::new(config),
        verifier: Arc::new(verifier),
        clock,
        known_users: Arc::new(KnownUsers::default()),
        metrics: Arc::new(Metrics::default()),
        limiter,
    })
}

/// The whole HTTP application: the API, its spec and docs, and the root middleware.
pub fn build_app(state: AppState) -> impl Endpoint {
    let spec_text = api::spec_json();
    let spec: serde_json::Value = serde_json::from_str(&spec_text).unwrap_or_default();
    let table = Arc::new(MethodTable::from_spec(&spec));
    let operations = Arc::new(Operations::from_spec(&spec));
    let docs_html = api::swagger_html();
    let docs = poem::endpoint::make_sync(move |_| poem::web::Html(docs_html.clone()));
    let spec_endpoint = poem::endpoint::make_sync(move |_| {
        poem::Response::builder()
            .content_type("application/json")
            .body(spec_text.clone())
    });
    let metrics = state.metrics.clone();
    let max_body = state.config.max_body_bytes;
    let timeout = state.config.request_timeout;
    Route::new()
        .nest("/", api::service())
        .at("/docs", docs)
        .at("/dashboard", dashboard::page())
        .at("/dashboard/:asset", dashboard::assets())
        .at("/openapi.json", spec_endpoint)
        .data(state)
        .with(DeclaredParameters(operations))
        .with(RefuseDuplicateKeys)
        .with(RefuseNul(table.clone()))
        .with(BodyLimit(max_body))
        .with(RequestTimeout(timeout))
        .catch_all_error(api::kit::problem::catch_all)
        .with(AllowHeader(table))
        .with(NoStore)
        .with(RecordMetrics(metrics))
}
