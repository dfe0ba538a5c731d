//! Pure rules: no HTTP, no database, no clock reads, no I/O. Everything here is a plain
//! function over plain types, tested with tables.

pub mod access;
pub mod case;
pub mod deadlines;
pub mod improvement;
pub mod integration;
pub mod reporting;

pub mod rule;
#[cfg(test)]
pub(crate) mod testing;
pub mod vocabulary;
pub mod wire;
