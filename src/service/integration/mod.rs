//! Webhooks: subscriptions, the outbox written with each change, and the delivery worker.

pub mod delivery;
pub mod outbox;
pub mod webhooks;
