//! Request and response bodies of webhook subscriptions and their deliveries.

use chrono::{DateTime, Utc};
use poem_openapi::{Enum, Object};
use uuid::Uuid;

use crate::api::kit::strict::{NoNull, StrictString};
use crate::domain::integration::webhooks::EventType;

/// An event type a subscription can receive.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEventType {
    /// A complaint was logged.
    #[oai(rename = "complaint.created")]
    ComplaintCreated,
    /// A complaint was acknowledged.
    #[oai(rename = "complaint.acknowledged")]
    ComplaintAcknowledged,
    /// A final or stage response, or a summary resolution, was sent.
    #[oai(rename = "complaint.responded")]
    ComplaintResponded,
    /// A complaint was closed, by whatever action.
    #[oai(rename = "complaint.closed")]
    ComplaintClosed,
    /// A timer passed one of its warning points.
    #[oai(rename = "timer.warning")]
    TimerWarning,
    /// A deadline (set by a rule) passed before it was met: a breach.
    #[oai(rename = "timer.breached")]
    TimerBreached,
    /// An internal target passed before it was met: a missed target, not a breach.
    #[oai(rename = "timer.missed")]
    TimerMissed,
    /// A breached regulatory deadline was escalated to the team leader.
    #[oai(rename = "escalation.raised")]
    EscalationRaised,
    /// An improvement item was opened, by hand or by a recurrence rule.
    #[oai(rename = "improvement.created")]
    ImprovementCreated,
    /// An improvement's check reached a verdict on whether the fix worked.
    #[oai(rename = "improvement.verdict")]
    ImprovementVerdict,
}

impl From<WebhookEventType> for EventType {
    fn from(t: WebhookEventType) -> Self {
        use WebhookEventType as W;
        match t {
            W::ComplaintCreated => EventType::ComplaintCreated,
            W::ComplaintAcknowledged => EventType::ComplaintAcknowledged,
            W::ComplaintResponded => EventType::ComplaintResponded,
            W::ComplaintClosed => EventType::ComplaintClosed,
            W::TimerWarning => EventType::TimerWarning,
            W::TimerBreached => EventType::TimerBreached,
            W::TimerMissed => EventType::TimerMissed,
            W::EscalationRaised => EventType::EscalationRaised,
            W::ImprovementCreated => EventType::ImprovementCreated,
            W::ImprovementVerdict => EventType::ImprovementVerdict,
        }
    }
}

impl From<EventType> for WebhookEventType {
    fn from(t: EventType) -> Self {
        use WebhookEventType as W;
        match t {
            EventType::ComplaintCreated => W::ComplaintCreated,
            EventType::ComplaintAcknowledged => W::ComplaintAcknowledged,
            EventType::ComplaintResponded => W::ComplaintResponded,
            EventType::ComplaintClosed => W::ComplaintClosed,
            EventType::TimerWarning => W::TimerWarning,
            EventType::TimerBreached => W::TimerBreached,
            EventType::TimerMissed => W::TimerMissed,
            EventType::EscalationRaised => W::EscalationRaised,
            EventType::ImprovementCreated => W::ImprovementCreated,
            EventType::ImprovementVerdict => W::ImprovementVerdict,
        }
    }
}

impl WebhookEventType {
    /// The API name of a stored event type name.
    pub fn from_name(name: &str) -> Option<WebhookEventType> {
        EventType::parse(name).map(Into::into)
    }
}

/// A webhook subscription to register.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct NewWebhook {
    /// Where events are posted: an `http` or `https` URL. Link-local and cloud metadata
    /// addresses are refused, and loopback and private ones unless the service allows them.
    #[oai(validator(min_length = 1, max_length = 2048))]
    pub url: StrictString,
    /// The event types to receive (at least one).
    #[oai(validator(min_items = 1, max_items = 9, unique_items))]
    pub event_types: Vec<WebhookEventType>,
    /// What the subscription is for.
    #[oai(validator(max_length = 500))]
    pub description: NoNull<StrictString>,
    /// Whether events are delivered (default true).
    pub active: NoNull<bool>,
}

/// Changes to a webhook subscription; absent fields stay as they are.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct WebhookPatch {
    /// New target URL.
    #[oai(validator(min_length = 1, max_length = 2048))]
    pub url: NoNull<StrictString>,
    /// New set of event types.
    #[oai(validator(min_items = 1, max_items = 9, unique_items))]
    pub event_types: NoNull<Vec<WebhookEventType>>,
    /// New description.
    #[oai(validator(max_length = 500))]
    pub description: NoNull<StrictString>,
    /// Turn delivery on or off. Turning it on again clears the run of failures that turned it
    /// off.
    pub active: NoNull<bool>,
}

/// A webhook subscription. Its secret is shown only when it is created.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct Webhook {
    /// Identifier.
    pub id: Uuid,
    /// Where events are posted.
    pub url: String,
    /// The event types it receives.
    pub event_types: Vec<WebhookEventType>,
    /// What it is for.
    pub description: String,
    /// Whether events are delivered.
    pub active: bool,
    /// Failed delivery attempts in a row; at the configured limit the subscription is turned
    /// off.
    pub failure_run: i32,
    /// When it was turned off for failing, if it was.
    pub disabled_at: Option<DateTime<Utc>>,
    /// Why it was turned off.
    pub disabled_reason: Option<String>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// Who registered it.
    pub created_by: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Version for optimistic concurrency.
    pub version: i64,
}

impl From<entity::webhook_subscription::Model> for Webhook {
    fn from(s: entity::webhook_subscription::Model) -> Self {
        let event_types = crate::service::integration::webhooks::event_types(&s)
            .iter()
            .filter_map(|n| WebhookEventType::from_name(n))
            .collect();
        Webhook {
            id: s.id,
            url: s.url,
            event_types,
            description: s.description,
            active: s.active,
            failure_run: s.failure_run,
            disabled_at: s.disabled_at,
            disabled_reason: s.disabled_reason,
            created_at: s.created_at,
            created_by: s.created_by,
            updated_at: s.updated_at,
            version: s.version,
        }
    }
}

/// A new subscription with its signing secret. The secret is shown here once: store it now.
#[derive(Object, Debug)]
pub struct CreatedWebhook {
    /// The subscription.
    pub subscription: Webhook,
    /// `whsec_` followed by the base64 signing key: the HMAC-SHA256 key is the decoded bytes
    /// after the prefix.
    pub secret: String,
}

/// Webhook subscriptions.
#[derive(Object, Debug)]
pub struct WebhookList {
    /// Subscriptions, oldest first.
    pub items: Vec<Webhook>,
}

/// Where a delivery stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its next attempt.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// No attempt succeeded within the retry window, or the target's address was refused
    /// (not retried; the attempt's error says why).
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> DeliveryState {
        match s {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        }
    }
}

/// One event on its way to one subscription.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WebhookDelivery {
    /// Identifier.
    pub id: Uuid,
    /// The event's id: the `webhook-id` header of every attempt, replays included.
    pub event_id: Uuid,
    /// The event's type.
    pub event_type: WebhookEventType,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts made so far.
    pub attempts: i32,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The last answer's HTTP status, when an answer came.
    pub last_status: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was delivered or given up.
    pub finished_at: Option<DateTime<Utc>>,
    /// The delivery this one replays.
    pub replay_of: Option<Uuid>,
}

impl TryFrom<entity::webhook_delivery::Model> for WebhookDelivery {
    type Error = crate::error::ApiError;

    fn try_from(d: entity::webhook_delivery::Model) -> Result<Self, Self::Error> {
        let state = DeliveryState::parse(&d.state);
        let event_type: EventType =
            crate::service::stored::stored("webhook_deliveries.event_type", &d.event_type)?;
        Ok(WebhookDelivery {
            id: d.id,
            event_id: d.event_id,
            event_type: event_type.into(),
            state,
            attempts: d.attempts,
            next_attempt_at: (state == DeliveryState::Pending).then_some(d.next_attempt_at),
            last_status: d.last_status,
            last_error: d.last_error,
            created_at: d.created_at,
            finished_at: d.finished_at,
            replay_of: d.replay_of,
        })
    }
}

/// A page of deliveries.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WebhookDeliveryPage {
    /// Deliveries, newest first.
    pub items: Vec<WebhookDelivery>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One attempt at posting a delivery.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct WebhookAttempt {
    /// 1 for the first attempt.
    pub number: i32,
    /// When it was sent.
    pub attempted_at: DateTime<Utc>,
    /// The answer's HTTP status; absent when no answer came.
    pub status: Option<i32>,
    /// How long the receiver took, in milliseconds.
    pub latency_ms: i64,
    /// The start of the answer's body (at most 512 bytes).
    pub response_excerpt: Option<String>,
    /// Why it failed: a non-2xx status, a timeout, a refused or unreachable address.
    pub error: Option<String>,
}

impl From<entity::webhook_attempt::Model> for WebhookAttempt {
    fn from(a: entity::webhook_attempt::Model) -> Self {
        WebhookAttempt {
            number: a.number,
            attempted_at: a.attempted_at,
            status: a.status,
            latency_ms: a.latency_ms,
            response_excerpt: a.response_excerpt,
            error: a.error,
        }
    }
}

/// A delivery with every attempt made at it.
#[derive(Object, Debug)]
pub struct WebhookDeliveryDetail {
    /// The delivery.
    pub delivery: WebhookDelivery,
    /// Its attempts, first to last.
    pub attempts: Vec<WebhookAttempt>,
}

/// A time range of events to deliver again.
#[derive(Object, Debug)]
#[oai(deny_unknown_fields, example)]
pub struct ReplayRange {
    /// Events that occurred at or after this instant.
    pub from: DateTime<Utc>,
    /// Events that occurred before this instant.
    pub to: DateTime<Utc>,
}

/// How many deliveries a replay queued.
#[derive(Object, Debug)]
pub struct ReplayQueued {
    /// Deliveries queued.
    pub queued: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_type_has_its_api_name_and_back() {
        for t in EventType::ALL {
            assert_eq!(EventType::from(WebhookEventType::from(t)), t);
            assert_eq!(
                WebhookEventType::from_name(t.as_str()),
                Some(WebhookEventType::from(t))
            );
        }
    }
}
