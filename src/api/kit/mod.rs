//! Framework glue shared by every handler: strict request types, locating resources by id,
//! and CSV rendering.

pub mod csv;
pub mod locate;
pub mod strict;
