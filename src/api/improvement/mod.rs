//! Root causes and the improvement backlog over HTTP.

pub mod backlog;
pub mod root_causes;
