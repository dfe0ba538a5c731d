//! Pure rules: no HTTP, no database, no clock reads, no I/O. Everything here is a plain
//! function over plain types, tested with tables.

pub mod audit;
pub mod calendar;
pub mod complaint;
pub mod deadlines;
pub mod holidays;
pub mod improvement;
pub mod instants;
pub mod procedure;
pub mod ratelimit;
pub mod rbac;
pub mod recurrence;
pub mod returns;
pub mod stats;
pub mod taxonomy;
#[cfg(test)]
pub(crate) mod testing;
pub mod webhooks;
pub mod wire;
