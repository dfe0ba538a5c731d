//! Who may do what: roles, permissions and team scope, and the per-caller rate limit.

pub mod ratelimit;
pub mod rbac;
