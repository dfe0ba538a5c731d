//! Administration and operations over HTTP: profiles and calendars, teams and the caller's
//! identity, health, readiness and metrics.

pub mod ops;
pub mod profiles;
pub mod teams;
