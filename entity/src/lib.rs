//! Recourse's storage entities. Plain SeaORM models: no HTTP types and no business rules,
//! which live in the `recourse` crate's `domain` and `service` modules.

pub mod audit_log;
pub mod category;
pub mod classification;
pub mod communication;
pub mod complaint;
pub mod complaint_event;
pub mod complaint_timer;
pub mod escalation;
pub mod holiday;
pub mod idempotency_key;
pub mod improvement;
pub mod improvement_evidence;
pub mod improvement_task;
pub mod outbox_event;
pub mod remedy;
pub mod root_cause;
pub mod setting;
pub mod survey;
pub mod taxonomy_meta;
pub mod team;
pub mod user;
pub mod webhook_attempt;
pub mod webhook_delivery;
pub mod webhook_subscription;
