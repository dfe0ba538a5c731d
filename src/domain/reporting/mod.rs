//! Regulatory returns computed from plain case facts.

pub mod returns;
