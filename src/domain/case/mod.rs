//! The complaint case: its vocabulary, the catalogue of products and categories, the
//! procedure's state machine, the instants a client supplies, and the hash-chained audit trail.

pub mod audit;
pub mod catalogue;
pub mod complaint;
pub mod instants;
pub mod procedure;
pub mod records;
