//! Framework glue shared by every handler: problem documents and the per-operation response
//! enums, strict request types, `If-Match`, locating resources by id, CSV rendering, and the
//! links the published spec adds between operations.

pub mod csv;
pub mod links;
pub mod locate;
pub mod precondition;
pub mod problem;
pub mod strict;
