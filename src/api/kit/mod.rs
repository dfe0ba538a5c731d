//! Framework glue shared by every handler: problem documents and the per-operation response
//! enums, strict request types, `If-Match`, locating resources by id, and CSV rendering.

pub mod csv;
pub mod locate;
pub mod precondition;
pub mod problem;
pub mod strict;
