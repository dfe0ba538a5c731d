//! Webhooks: the subscriptions admins keep, and the delivery records they read and replay.
//! Events reach the outbox through [`crate::service::integration::outbox`], in the transaction
//! of the change each describes; the worker that posts deliveries is in
//! [`crate::service::integration::delivery`].

use chrono::{DateTime, Utc};
use entity::{outbox_event, webhook_attempt, webhook_delivery, webhook_subscription};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::service::audit;
use crate::{
    auth::Actor,
    domain::integration::webhooks::{EventType, TargetPolicy, check_target, secret_from},
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// Delivery states.
pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const FAILED: &str = "failed";

/// Most events one range replay may queue.
pub const MAX_REPLAY: u64 = 10_000;

/// What an admin gives to register or change a subscription.
#[derive(Debug, Clone, Default)]
pub struct SubscriptionInput {
    pub url: Option<String>,
    pub event_types: Option<Vec<EventType>>,
    pub description: Option<String>,
    pub active: Option<bool>,
}

/// Parses a target URL and applies the checks that need no name lookup. The subscription
/// endpoints and every delivery use this one check.
pub fn check_url(url: &str, policy: TargetPolicy) -> Result<reqwest::Url, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("is not a URL: {e}"))?;
    let credentials = !parsed.username().is_empty() || parsed.password().is_some();
    check_target(parsed.scheme(), parsed.host_str(), credentials, policy)
        .map_err(|refusal| refusal.to_string())?;
    Ok(parsed)
}

/// Refuses a target the configuration does not allow, naming the `url` field.
pub fn validate_url(url: &str, policy: TargetPolicy) -> Result<(), ApiError> {
    check_url(url, policy)
        .map(drop)
        .map_err(|why| ApiError::invalid_field("url", format!("{url:?} {why}")))
}

fn types_json(types: &[EventType]) -> Value {
    let mut names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    json!(names)
}

/// The event types a stored subscription asks for.
pub fn event_types(sub: &webhook_subscription::Model) -> Vec<String> {
    sub.event_types
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Registers a subscription and returns it with its secret, which is not shown again.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: SubscriptionInput,
) -> Result<(webhook_subscription::Model, String), ApiError> {
    let url = input.url.unwrap_or_default();
    validate_url(&url, state.config.webhooks.targets)?;
    let types = input.event_types.unwrap_or_default();
    if types.is_empty() {
        return Err(ApiError::invalid_field(
            "event_types",
            "name at least one event type",
        ));
    }
    let mut key = [0u8; 32];
    rand::rng().fill(&mut key[..]);
    let secret = secret_from(&key);
    let now = state.clock.now();
    let row = webhook_subscription::Model {
        id: Uuid::now_v7(),
        url,
        event_types: types_json(&types),
        description: input.description.unwrap_or_default(),
        secret: secret.clone(),
        active: input.active.unwrap_or(true),
        failure_run: 0,
        disabled_at: None,
        disabled_reason: None,
        created_at: now,
        created_by: actor.sub.clone(),
        updated_at: now,
        version: 1,
    };
    let tx = state.db.begin_write().await?;
    webhook_subscription::Entity::insert(webhook_subscription::ActiveModel::from(row.clone()))
        .exec_without_returning(tx.conn())
        .await?;
    audit::log(
        tx.conn(),
        actor,
        now,
        "webhook.created",
        ("webhook", &row.id.to_string()),
        json!({"url": row.url, "event_types": row.event_types, "active": row.active}),
    )
    .await?;
    tx.commit().await?;
    Ok((row, secret))
}

/// Every subscription, oldest first.
pub async fn list(state: &AppState) -> Result<Vec<webhook_subscription::Model>, ApiError> {
    Ok(webhook_subscription::Entity::find()
        .order_by_asc(webhook_subscription::Column::Id)
        .all(&state.db.conn)
        .await?)
}

pub async fn get(state: &AppState, id: Uuid) -> Result<webhook_subscription::Model, ApiError> {
    find(&state.db.conn, id).await
}

async fn find(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<webhook_subscription::Model, ApiError> {
    webhook_subscription::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook subscription"))
}

/// Changes a subscription's target, event types, description or active flag. Turning it back
/// on clears its run of failures.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    input: SubscriptionInput,
) -> Result<webhook_subscription::Model, ApiError> {
    if let Some(url) = &input.url {
        validate_url(url, state.config.webhooks.targets)?;
    }
    if input.event_types.as_ref().is_some_and(Vec::is_empty) {
        return Err(ApiError::invalid_field(
            "event_types",
            "name at least one event type",
        ));
    }
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let current = find(db, id).await?;
    if expected_versions.is_some_and(|v| !v.contains(&current.version)) {
        return Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            format!(
                "the subscription has changed; its current ETag is \"{}\"",
                current.version
            ),
        ));
    }
    let mut next = current.clone();
    if let Some(url) = input.url {
        next.url = url;
    }
    if let Some(types) = &input.event_types {
        next.event_types = types_json(types);
    }
    if let Some(description) = input.description {
        next.description = description;
    }
    if let Some(active) = input.active {
        if active && !current.active {
            next.failure_run = 0;
            next.disabled_at = None;
            next.disabled_reason = None;
        }
        next.active = active;
    }
    if next == current {
        return Ok(current);
    }
    next.version = current.version + 1;
    next.updated_at = now;
    let mut row = webhook_subscription::ActiveModel::from(next.clone()).reset_all();
    row.id = sea_orm::ActiveValue::Unchanged(id);
    let written = webhook_subscription::Entity::update_many()
        .set(row)
        .filter(webhook_subscription::Column::Id.eq(id))
        .filter(webhook_subscription::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if written.rows_affected != 1 {
        return Err(ApiError::new(
            ErrorCode::PreconditionFailed,
            "the subscription changed while it was being updated; reload and retry",
        ));
    }
    audit::log(
        db,
        actor,
        now,
        "webhook.updated",
        ("webhook", &id.to_string()),
        json!({"url": next.url, "event_types": next.event_types, "active": next.active,
               "description": next.description}),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// Delivery list filters.
#[derive(Debug, Default, Clone)]
pub struct DeliveryFilter {
    pub state: Option<String>,
    pub event_type: Option<String>,
    /// Deliveries created before this one (the previous page's last), newest first.
    pub before: Option<Uuid>,
}

/// A page of a subscription's deliveries, newest first, and where the next page starts.
pub async fn deliveries(
    state: &AppState,
    subscription: Uuid,
    filter: DeliveryFilter,
    limit: u64,
) -> Result<(Vec<webhook_delivery::Model>, Option<Uuid>), ApiError> {
    let db = &state.db.conn;
    find(db, subscription).await?;
    let mut q = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription));
    if let Some(s) = filter.state {
        q = q.filter(webhook_delivery::Column::State.eq(s));
    }
    if let Some(t) = filter.event_type {
        q = q.filter(webhook_delivery::Column::EventType.eq(t));
    }
    if let Some(before) = filter.before {
        q = q.filter(webhook_delivery::Column::Id.lt(before));
    }
    let rows = q
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    Ok(crate::service::page(rows, limit, |d| d.id))
}

/// One delivery with its attempts in order.
pub async fn delivery(
    state: &AppState,
    subscription: Uuid,
    id: Uuid,
) -> Result<(webhook_delivery::Model, Vec<webhook_attempt::Model>), ApiError> {
    let db = &state.db.conn;
    let d = webhook_delivery::Entity::find_by_id(id)
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook delivery"))?;
    let attempts = webhook_attempt::Entity::find()
        .filter(webhook_attempt::Column::DeliveryId.eq(id))
        .order_by_asc(webhook_attempt::Column::Number)
        .all(db)
        .await?;
    Ok((d, attempts))
}

/// A new pending delivery of an event to a subscription, due now.
pub fn new_delivery(
    event_id: Uuid,
    event_type: &str,
    subscription: Uuid,
    now: DateTime<Utc>,
    replay_of: Option<Uuid>,
) -> webhook_delivery::Model {
    webhook_delivery::Model {
        id: Uuid::now_v7(),
        event_id,
        subscription_id: subscription,
        event_type: event_type.to_owned(),
        state: PENDING.to_owned(),
        attempts: 0,
        next_attempt_at: now,
        lease_token: None,
        lease_until: None,
        last_status: None,
        last_error: None,
        created_at: now,
        finished_at: None,
        replay_of,
    }
}

/// Queues one delivery again, as a new delivery of the same event (receivers see the same
/// `webhook-id`).
pub async fn replay_one(
    state: &AppState,
    actor: &Actor,
    subscription: Uuid,
    id: Uuid,
) -> Result<webhook_delivery::Model, ApiError> {
    let now = Utc::now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let original = webhook_delivery::Entity::find_by_id(id)
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("webhook delivery"))?;
    let queued = new_delivery(
        original.event_id,
        &original.event_type,
        subscription,
        now,
        Some(original.id),
    );
    webhook_delivery::Entity::insert(webhook_delivery::ActiveModel::from(queued.clone()))
        .exec_without_returning(db)
        .await?;
    audit::log(
        db,
        actor,
        state.clock.now(),
        "webhook.replayed",
        ("webhook", &subscription.to_string()),
        json!({"delivery": id, "event": original.event_id, "queued": 1}),
    )
    .await?;
    tx.commit().await?;
    Ok(queued)
}

/// Queues again every event of the subscription's types that occurred in `[from, to)`.
/// Returns how many deliveries were queued.
pub async fn replay_range(
    state: &AppState,
    actor: &Actor,
    subscription: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<u64, ApiError> {
    if to <= from {
        return Err(ApiError::invalid_field("to", "must be after from"));
    }
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let sub = find(db, subscription).await?;
    let types = event_types(&sub);
    let events = outbox_event::Entity::find()
        .select_only()
        .column(outbox_event::Column::Id)
        .column(outbox_event::Column::EventType)
        .filter(outbox_event::Column::OccurredAt.gte(from))
        .filter(outbox_event::Column::OccurredAt.lt(to))
        .filter(outbox_event::Column::EventType.is_in(types.clone()));
    let count = events.clone().count(db).await?;
    if count > MAX_REPLAY {
        return Err(ApiError::invalid_field(
            "to",
            format!("the range holds {count} events; replay at most {MAX_REPLAY} at a time"),
        ));
    }
    let rows: Vec<(Uuid, String)> = events
        .order_by_asc(outbox_event::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let now = Utc::now();
    for chunk in rows.chunks(500) {
        webhook_delivery::Entity::insert_many(chunk.iter().map(|(event, kind)| {
            webhook_delivery::ActiveModel::from(new_delivery(*event, kind, subscription, now, None))
        }))
        .exec_without_returning(db)
        .await?;
    }
    audit::log(
        db,
        actor,
        state.clock.now(),
        "webhook.replayed",
        ("webhook", &subscription.to_string()),
        json!({"from": from, "to": to, "queued": rows.len()}),
    )
    .await?;
    tx.commit().await?;
    Ok(u64::try_from(rows.len()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_internal_address_in_a_url_is_refused() {
        let strict = TargetPolicy::default();
        // The URL parser rewrites these to the address they stand for, so the address check
        // sees 127.0.0.1 however the URL spells it.
        for url in [
            "http://2130706433/hook",
            "http://0x7f.1/hook",
            "http://0177.0.0.1/hook",
            "http://127.1/hook",
            "http://[::127.0.0.1]/hook",
            "http://[::ffff:127.0.0.1]:8080/hook",
            "http://[0:0:0:0:0:ffff:7f00:0001]/hook",
            "http://[64:ff9b::127.0.0.1]/hook",
            "http://[2002:7f00:1::]/hook",
            "http://localhost:8080/hook",
            "http://LOCALHOST./hook",
        ] {
            let why = check_url(url, strict).expect_err(url);
            assert!(why.contains("loopback"), "{url}: {why}");
        }
        assert!(check_url("https://hooks.example.com/x", strict).is_ok());
        assert!(check_url("https://[2002:808:808::1]/x", strict).is_ok());
    }
}
