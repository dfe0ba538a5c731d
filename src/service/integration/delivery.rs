//! The webhook delivery worker. Each pass fans new outbox events out to the subscriptions that
//! want them, claims due deliveries with a lease, posts them signed, and records each attempt.
//!
//! Several replicas may run it against one database: fan-out and claims are conditional updates
//! (`... WHERE dispatched_at IS NULL`, `... WHERE lease expired`), so one worker wins each row,
//! and a worker that dies mid-delivery only holds its rows until the lease runs out. Delivery is
//! at least once: a receiver that answered but whose answer was lost is posted to again, with
//! the same `webhook-id`.
//!
//! Scheduling uses the system clock, not the service's domain clock: retries and leases are about
//! real waiting, whatever instant the procedure's deadlines are computed at.

use std::{
    net::{IpAddr, SocketAddr},
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use entity::{outbox_event, webhook_attempt, webhook_delivery, webhook_subscription};
use futures::{StreamExt, future::BoxFuture};
use rand::Rng;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Expr, ExprTrait},
};
use serde_json::json;
use uuid::Uuid;

use crate::service::{
    audit::{self, SYSTEM},
    integration::webhooks::{DELIVERED, FAILED, PENDING, check_url, event_types, new_delivery},
};
use crate::{
    config::WebhookConfig,
    domain::integration::webhooks::{TargetPolicy, check_address, sign},
    state::AppState,
};

/// Rows a pass takes at once.
const BATCH: u64 = 100;
/// Deliveries posted at the same time by one worker.
const CONCURRENCY: usize = 8;
/// How much of a receiver's answer is kept.
const EXCERPT_BYTES: usize = 512;

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassReport {
    pub fanned_out: u64,
    pub attempted: u64,
    pub delivered: u64,
}

/// Resolves a host name to its addresses. [`Worker::new`] asks the system resolver; a test
/// can answer for names of its own with [`Worker::with_lookup`].
pub type Lookup =
    Arc<dyn Fn(String) -> BoxFuture<'static, std::io::Result<Vec<IpAddr>>> + Send + Sync>;

/// A delivery worker: an HTTP client that refuses disallowed addresses, and its settings.
#[derive(Debug, Clone)]
pub struct Worker {
    http: reqwest::Client,
    config: WebhookConfig,
}

impl Worker {
    pub fn new(config: &WebhookConfig) -> anyhow::Result<Worker> {
        let system: Lookup = Arc::new(|host: String| {
            Box::pin(async move {
                Ok(tokio::net::lookup_host((host.as_str(), 0))
                    .await?
                    .map(|a| a.ip())
                    .collect())
            })
        });
        Worker::with_lookup(config, system)
    }

    /// A worker whose host names are resolved by `lookup`; every address it answers is held
    /// to the target policy, as the system resolver's are.
    pub fn with_lookup(config: &WebhookConfig, lookup: Lookup) -> anyhow::Result<Worker> {
        crate::install_tls_provider();
        let resolver = GuardedResolver {
            policy: config.targets,
            lookup,
        };
        let http = reqwest::Client::builder()
            // A redirect would lead to a target that was never checked.
            .redirect(reqwest::redirect::Policy::none())
            // Through a proxy (HTTP_PROXY and the like, which reqwest follows by default) the
            // proxy resolves and connects to the target, and the address check never sees it.
            .no_proxy()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(concat!("Recourse-Webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(resolver))
            .build()?;
        Ok(Worker {
            http,
            config: config.clone(),
        })
    }

    /// Fans out new events and makes every delivery that is due, until none is left.
    pub async fn pass(&self, state: &AppState) -> Result<PassReport, sea_orm::DbErr> {
        let mut report = PassReport::default();
        loop {
            let n = dispatch(state).await?;
            report.fanned_out += n;
            if n < BATCH {
                break;
            }
        }
        loop {
            let claimed = claim(state, self.config.lease).await?;
            if claimed.is_empty() {
                break;
            }
            let outcomes: Vec<Result<bool, sea_orm::DbErr>> = futures::stream::iter(claimed)
                .map(|job| self.deliver(state, job))
                .buffer_unordered(CONCURRENCY)
                .collect()
                .await;
            for outcome in outcomes {
                report.attempted += 1;
                report.delivered += u64::from(outcome?);
            }
        }
        Ok(report)
    }

    /// Posts one claimed delivery and records the attempt. True when the receiver took it.
    async fn deliver(&self, state: &AppState, job: Job) -> Result<bool, sea_orm::DbErr> {
        let started = Instant::now();
        let attempted_at = Utc::now();
        let result = self.post(&job).await;
        let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        let answer = match result {
            Ok(answer) => answer,
            Err(failure) => Answer {
                status: None,
                excerpt: None,
                error: Some(truncate(&failure.error, 500)),
                refused: failure.refused,
            },
        };
        record(state, &self.config, &job, attempted_at, latency_ms, answer).await
    }

    async fn post(&self, job: &Job) -> Result<Answer, Failure> {
        let url = check_url(&job.url, self.config.targets).map_err(|why| Failure {
            error: format!("target refused: {why}"),
            refused: true,
        })?;
        let body =
            serde_json::to_vec(&job.payload).map_err(|e| Failure::transient(e.to_string()))?;
        let id = job.event_id.to_string();
        let timestamp = Utc::now().timestamp();
        let signature = sign(&job.secret, &id, timestamp, &body).ok_or_else(|| {
            Failure::transient("the subscription's secret is malformed".to_owned())
        })?;
        let mut response = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|err| Failure {
                refused: is_refusal(&err),
                error: describe(err),
            })?;
        let status = response.status().as_u16();
        let mut excerpt = Vec::new();
        while excerpt.len() < EXCERPT_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => excerpt.extend_from_slice(&chunk),
                // The status decides the outcome; a body cut short does not change it.
                Ok(None) | Err(_) => break,
            }
        }
        excerpt.truncate(EXCERPT_BYTES);
        // The receiver's text is stored; PostgreSQL refuses NUL in text, so a receiver that
        // answered one would make the attempt fail to record, and the delivery be retried.
        let excerpt = String::from_utf8_lossy(&excerpt).replace('\0', "\u{FFFD}");
        Ok(Answer {
            status: Some(status),
            excerpt: (!excerpt.is_empty()).then_some(excerpt),
            error: (!(200..300).contains(&status)).then(|| format!("answered {status}")),
            refused: false,
        })
    }
}

/// Runs passes every `poll_interval` until `stop` is raised, then one last pass.
pub async fn run(state: AppState, mut stop: crate::service::Stop) {
    let config = state.config.webhooks.clone();
    let worker = match Worker::new(&config) {
        Ok(w) => w,
        Err(err) => {
            tracing::error!(error = %err, "webhook delivery cannot start");
            return;
        }
    };
    let mut ticker = tokio::time::interval(config.poll_interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while crate::service::next_turn(&mut ticker, &mut stop).await {
        log_pass(worker.pass(&state).await);
    }
    // One last pass on the way out, so the events the last requests queued are offered to
    // their receivers now rather than when the service is next up.
    log_pass(worker.pass(&state).await);
}

fn log_pass(pass: Result<PassReport, sea_orm::DbErr>) {
    match pass {
        Ok(r) if r.attempted > 0 || r.fanned_out > 0 => tracing::debug!(
            fanned_out = r.fanned_out,
            attempted = r.attempted,
            delivered = r.delivered,
            "webhook pass"
        ),
        Ok(_) => {}
        Err(err) => tracing::error!(error = %err, "webhook pass failed"),
    }
}

/// A claimed delivery with what posting it needs.
#[derive(Debug, Clone)]
struct Job {
    delivery: webhook_delivery::Model,
    event_id: Uuid,
    payload: serde_json::Value,
    url: String,
    secret: String,
    lease: Uuid,
}

#[derive(Debug)]
struct Answer {
    status: Option<u16>,
    excerpt: Option<String>,
    error: Option<String>,
    /// The target policy refused the address: trying again would be refused again.
    refused: bool,
}

/// An attempt that got no answer.
#[derive(Debug)]
struct Failure {
    error: String,
    refused: bool,
}

impl Failure {
    fn transient(error: String) -> Failure {
        Failure {
            error,
            refused: false,
        }
    }
}

/// The resolver's refusal, found again in the request error's source chain.
#[derive(Debug, thiserror::Error)]
#[error("target refused: {0}")]
struct Refused(String);

fn is_refusal(err: &reqwest::Error) -> bool {
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        if s.is::<Refused>() {
            return true;
        }
        source = s.source();
    }
    false
}

fn describe(err: reqwest::Error) -> String {
    let kind = if err.is_timeout() {
        "timed out"
    } else if err.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    // The source chain says why (refused address, TLS, reset) without the URL's query string.
    let mut why = String::new();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        why = s.to_string();
        source = s.source();
    }
    if why.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {why}")
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Fans out up to a batch of undispatched outbox events to the active subscriptions that
/// want them. Returns how many events this pass took.
async fn dispatch(state: &AppState) -> Result<u64, sea_orm::DbErr> {
    let token = Uuid::new_v4();
    let now = Utc::now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let batch = outbox_event::Entity::find()
        .select_only()
        .column(outbox_event::Column::Id)
        .filter(outbox_event::Column::DispatchedAt.is_null())
        .order_by_asc(outbox_event::Column::Id)
        .limit(BATCH)
        .into_query();
    let taken = outbox_event::Entity::update_many()
        .col_expr(
            outbox_event::Column::DispatchToken,
            Expr::value(Some(token)),
        )
        .col_expr(outbox_event::Column::DispatchedAt, Expr::value(Some(now)))
        .filter(outbox_event::Column::Id.in_subquery(batch))
        .filter(outbox_event::Column::DispatchedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if taken == 0 {
        return Ok(0);
    }
    let events: Vec<(Uuid, String)> = outbox_event::Entity::find()
        .select_only()
        .column(outbox_event::Column::Id)
        .column(outbox_event::Column::EventType)
        .filter(outbox_event::Column::DispatchToken.eq(token))
        .order_by_asc(outbox_event::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let subscriptions = webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::Active.eq(true))
        .all(db)
        .await?;
    let wanted: Vec<(Uuid, Vec<String>)> = subscriptions
        .iter()
        .map(|s| (s.id, event_types(s)))
        .collect();
    let rows: Vec<webhook_delivery::ActiveModel> = events
        .iter()
        .flat_map(|(event, kind)| {
            wanted
                .iter()
                .filter(move |(_, types)| types.iter().any(|t| t == kind))
                .map(move |(sub, _)| {
                    webhook_delivery::ActiveModel::from(new_delivery(*event, kind, *sub, now, None))
                })
        })
        .collect();
    for chunk in rows.chunks(500) {
        webhook_delivery::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    tx.commit().await?;
    Ok(taken)
}

/// Leases up to a batch of due deliveries of active subscriptions to this pass.
async fn claim(state: &AppState, lease: Duration) -> Result<Vec<Job>, sea_orm::DbErr> {
    let token = Uuid::new_v4();
    let now = Utc::now();
    let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::seconds(60));
    let free = || {
        Condition::any()
            .add(webhook_delivery::Column::LeaseUntil.is_null())
            .add(webhook_delivery::Column::LeaseUntil.lt(now))
    };
    let active = webhook_subscription::Entity::find()
        .select_only()
        .column(webhook_subscription::Column::Id)
        .filter(webhook_subscription::Column::Active.eq(true))
        .into_query();
    let due = webhook_delivery::Entity::find()
        .select_only()
        .column(webhook_delivery::Column::Id)
        .filter(webhook_delivery::Column::State.eq(PENDING))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
        .filter(free())
        .filter(webhook_delivery::Column::SubscriptionId.in_subquery(active))
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .limit(BATCH)
        .into_query();
    let tx = state.db.begin_write().await?;
    let taken = webhook_delivery::Entity::update_many()
        .col_expr(
            webhook_delivery::Column::LeaseToken,
            Expr::value(Some(token)),
        )
        .col_expr(
            webhook_delivery::Column::LeaseUntil,
            Expr::value(Some(until)),
        )
        .filter(webhook_delivery::Column::Id.in_subquery(due))
        .filter(webhook_delivery::Column::State.eq(PENDING))
        .filter(free())
        .exec(tx.conn())
        .await?
        .rows_affected;
    tx.commit().await?;
    if taken == 0 {
        return Ok(Vec::new());
    }
    let db = &state.db.conn;
    let deliveries = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::LeaseToken.eq(token))
        .all(db)
        .await?;
    let event_ids: Vec<Uuid> = deliveries.iter().map(|d| d.event_id).collect();
    let sub_ids: Vec<Uuid> = deliveries.iter().map(|d| d.subscription_id).collect();
    let events: std::collections::HashMap<Uuid, serde_json::Value> = outbox_event::Entity::find()
        .filter(outbox_event::Column::Id.is_in(event_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e.payload))
        .collect();
    let subs: std::collections::HashMap<Uuid, webhook_subscription::Model> =
        webhook_subscription::Entity::find()
            .filter(webhook_subscription::Column::Id.is_in(sub_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    Ok(deliveries
        .into_iter()
        .filter_map(|d| {
            let payload = events.get(&d.event_id)?.clone();
            let sub = subs.get(&d.subscription_id)?;
            Some(Job {
                event_id: d.event_id,
                payload,
                url: sub.url.clone(),
                secret: sub.secret.clone(),
                lease: token,
                delivery: d,
            })
        })
        .collect())
}

/// Records an attempt and moves the delivery on: delivered, due again after a backoff, or
/// failed once the retry window has closed or at once when the target policy refused the
/// address. A subscription whose run of failures reaches the configured limit is turned off.
async fn record(
    state: &AppState,
    config: &WebhookConfig,
    job: &Job,
    attempted_at: DateTime<Utc>,
    latency_ms: i64,
    answer: Answer,
) -> Result<bool, sea_orm::DbErr> {
    let now = Utc::now();
    let d = &job.delivery;
    let ok = answer.status.is_some_and(|s| (200..300).contains(&s));
    let number = d.attempts + 1;
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    webhook_attempt::Entity::insert(webhook_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        delivery_id: Set(d.id),
        number: Set(number),
        attempted_at: Set(attempted_at),
        status: Set(answer.status.map(i32::from)),
        latency_ms: Set(latency_ms),
        response_excerpt: Set(answer.excerpt),
        error: Set(answer.error.clone()),
    })
    .exec_without_returning(db)
    .await?;

    let mut update = webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::Attempts, Expr::value(number))
        .col_expr(
            webhook_delivery::Column::LastStatus,
            Expr::value(answer.status.map(i32::from)),
        )
        .col_expr(
            webhook_delivery::Column::LastError,
            Expr::value(answer.error.clone()),
        )
        .col_expr(
            webhook_delivery::Column::LeaseToken,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            webhook_delivery::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    if ok {
        update = update
            .col_expr(webhook_delivery::Column::State, Expr::value(DELIVERED))
            .col_expr(webhook_delivery::Column::FinishedAt, Expr::value(Some(now)));
    } else if answer.refused {
        // Not a passing fault of the receiver's: the name resolves, or the URL points, where
        // this service may not go. The attempt's error says why; a replay tries again.
        update = update
            .col_expr(webhook_delivery::Column::State, Expr::value(FAILED))
            .col_expr(webhook_delivery::Column::FinishedAt, Expr::value(Some(now)));
    } else {
        let failures = u32::try_from(number).unwrap_or(u32::MAX);
        let wait = config.retry.wait(failures, rand::rng().random::<f64>());
        let elapsed = (now - d.created_at).to_std().unwrap_or_default();
        if config.retry.may_retry(elapsed, wait) {
            let next = now + chrono::Duration::from_std(wait).unwrap_or_default();
            update = update.col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(next));
        } else {
            update = update
                .col_expr(webhook_delivery::Column::State, Expr::value(FAILED))
                .col_expr(webhook_delivery::Column::FinishedAt, Expr::value(Some(now)));
        }
    }
    // Only while the lease is still ours: a worker that overran its lease records the attempt
    // but leaves the delivery to whoever holds it now.
    update
        .filter(webhook_delivery::Column::Id.eq(d.id))
        .filter(webhook_delivery::Column::LeaseToken.eq(job.lease))
        .exec(db)
        .await?;

    let sub = webhook_subscription::Column::FailureRun;
    if ok {
        webhook_subscription::Entity::update_many()
            .col_expr(sub, Expr::value(0))
            .filter(webhook_subscription::Column::Id.eq(d.subscription_id))
            .filter(sub.ne(0))
            .exec(db)
            .await?;
    } else {
        webhook_subscription::Entity::update_many()
            .col_expr(sub, Expr::col(sub).add(1))
            .filter(webhook_subscription::Column::Id.eq(d.subscription_id))
            .exec(db)
            .await?;
        let limit = i32::try_from(config.disable_after).unwrap_or(i32::MAX);
        let reason = format!("{limit} delivery attempts in a row failed");
        let disabled = webhook_subscription::Entity::update_many()
            .col_expr(webhook_subscription::Column::Active, Expr::value(false))
            .col_expr(
                webhook_subscription::Column::DisabledAt,
                Expr::value(Some(now)),
            )
            .col_expr(
                webhook_subscription::Column::DisabledReason,
                Expr::value(Some(reason.clone())),
            )
            .col_expr(
                webhook_subscription::Column::Version,
                Expr::col(webhook_subscription::Column::Version).add(1),
            )
            .filter(webhook_subscription::Column::Id.eq(d.subscription_id))
            .filter(webhook_subscription::Column::Active.eq(true))
            .filter(sub.gte(limit))
            .exec(db)
            .await?
            .rows_affected;
        if disabled == 1 {
            tracing::warn!(subscription = %d.subscription_id, "webhook subscription turned off: {reason}");
            audit::log_as(
                db,
                SYSTEM,
                state.clock.now(),
                "webhook.disabled",
                ("webhook", &d.subscription_id.to_string()),
                json!({"reason": reason}),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(ok)
}

/// Resolves host names and drops every address the target policy refuses, so a name that
/// points (or is later pointed) at an internal address cannot be reached: the connection is
/// made only to the addresses this returns.
struct GuardedResolver {
    policy: TargetPolicy,
    lookup: Lookup,
}

impl std::fmt::Debug for GuardedResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedResolver")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// The addresses of `host` the policy allows; an error naming the refusal when none is.
fn allowed_addresses(
    host: &str,
    addrs: Vec<IpAddr>,
    policy: TargetPolicy,
) -> Result<Vec<IpAddr>, Refused> {
    let mut refused = None;
    let allowed: Vec<IpAddr> = addrs
        .into_iter()
        .filter(|ip| match check_address(*ip, policy) {
            Ok(()) => true,
            Err(r) => {
                refused = Some(r);
                false
            }
        })
        .collect();
    match (allowed.is_empty(), refused) {
        (false, _) => Ok(allowed),
        (true, Some(why)) => Err(Refused(format!("{host} resolves to {why}"))),
        (true, None) => Err(Refused(format!("{host} resolves to no address"))),
    }
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let policy = self.policy;
        let host = name.as_str().to_owned();
        let lookup = (self.lookup)(host.clone());
        Box::pin(async move {
            let allowed = allowed_addresses(&host, lookup.await?, policy)?;
            let addrs: reqwest::dns::Addrs =
                Box::new(allowed.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    #[test]
    fn a_name_reaches_only_the_addresses_the_policy_allows() {
        let strict = TargetPolicy::default();
        let public = IpAddr::V4(Ipv4Addr::new(93, 184, 216, 34));
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let mapped = IpAddr::V6(Ipv4Addr::LOCALHOST.to_ipv6_mapped());
        // A name with an internal address among public ones keeps only the public ones.
        assert_eq!(
            allowed_addresses("h", vec![loopback, public, mapped], strict).expect("allowed"),
            vec![public]
        );
        let refused = allowed_addresses("h", vec![loopback, mapped], strict)
            .expect_err("refused")
            .to_string();
        assert!(
            refused.starts_with("target refused: h resolves to"),
            "{refused}"
        );
        assert!(refused.contains("loopback"), "{refused}");
        assert!(allowed_addresses("h", vec![], strict).is_err());
    }
}
