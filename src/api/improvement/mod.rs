//! Root causes and the improvement backlog over HTTP.

pub mod backlog;
pub mod item_actions;
pub mod root_causes;
