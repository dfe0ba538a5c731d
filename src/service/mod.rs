//! Use cases. Each write is one transaction: load, decide in `domain`, conditional write plus
//! audit event, commit.

pub mod audit;
pub mod complaints;
pub mod teams;
pub mod users;

use sea_orm::{DbErr, SqlErr};

/// Whether `err` is a unique-constraint violation.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
