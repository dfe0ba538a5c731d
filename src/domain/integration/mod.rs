//! What leaves Recourse for other systems: webhook events, their signatures and targets.

pub mod webhooks;
