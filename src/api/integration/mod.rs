//! Webhook subscriptions and their deliveries over HTTP.

pub mod webhooks;
