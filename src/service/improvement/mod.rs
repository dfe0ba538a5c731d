//! Root causes and continuous improvement: the taxonomy, classification, recurrence rules and
//! the improvement backlog.

pub mod backlog;
pub mod classification;
pub mod recurrence;
pub mod taxonomy;
