//! Complaint cases over HTTP: intake, reads and corrections, procedure actions, remedies,
//! escalations and satisfaction surveys.

pub mod actions;
pub mod complaints;
pub mod escalations;
pub mod imports;
pub mod remedies;
pub mod surveys;

use crate::{
    api::dto, error::ApiError, service::admin::profiles, service::stored::stored, state::AppState,
};

/// A complaint as a single read shows it: with its timers, their due instants also in the
/// time zone of the complaint's profile.
pub async fn with_timers(
    state: &AppState,
    complaint: entity::complaint::Model,
    timers: Vec<entity::complaint_timer::Model>,
) -> Result<dto::Complaint, ApiError> {
    let profile = stored("complaints.profile", &complaint.profile)?;
    let tz = profiles::time_zone(&state.db.conn, profile).await?;
    Ok(dto::Complaint {
        timers: Some(
            timers
                .into_iter()
                .map(|t| dto::Timer::of(t, tz))
                .collect::<Result<_, _>>()?,
        ),
        ..complaint.try_into()?
    })
}
