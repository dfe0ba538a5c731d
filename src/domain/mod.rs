//! Pure rules: no HTTP, no database, no clock reads, no I/O. Everything here is a plain
//! function over plain types, tested with tables.

pub mod audit;
pub mod calendar;
pub mod complaint;
pub mod deadlines;
pub mod holidays;
pub mod procedure;
pub mod rbac;
#[cfg(test)]
mod testing;
