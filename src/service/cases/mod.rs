//! Complaint cases: intake and correction, the procedure's actions, timers, remedies,
//! vulnerability details, escalations, surveys and idempotent creation.

pub mod actions;
pub mod complaints;
pub mod escalations;
pub mod idempotency;
pub mod import;
pub mod queue;
pub mod remedies;
pub mod surveys;
pub mod timers;
pub mod vulnerability;
