//! Complaint cases over HTTP: intake, reads and corrections, procedure actions, remedies,
//! escalations and satisfaction surveys.

pub mod actions;
pub mod complaints;
pub mod escalations;
pub mod remedies;
pub mod surveys;
