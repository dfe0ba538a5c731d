//! `/v1/profiles` and `/v1/calendars`: the regulatory profiles, a deadline preview computed by
//! the same code that sets a case's timers, and the holiday calendars behind them.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::api::{
    ApiTags, clamp_instant, dto, kit::locate::Located, kit::strict::IsoDate, respond,
};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::{access::rbac::Permission, case::instants, deadlines::Starts},
    error::ApiError,
    service::{admin::calendars, admin::profiles},
    state::AppState,
};

api_response! {
    pub enum ListProfilesResponse {
        /// Every profile with its timer rules.
        #[oai(status = 200)]
        Ok(Json<dto::ProfileList>),
    }
    errors {
        /// The caller's roles do not allow reading profiles.
        Forbidden = 403,
    }
}

api_response! {
    pub enum PreviewDeadlinesResponse {
        /// The timers a case would get.
        #[oai(status = 200)]
        Ok(Json<dto::DeadlinePreview>),
    }
    errors {
        /// The caller's roles do not allow reading profiles.
        Forbidden = 403,
        /// An instant is before 1970 or more than five years ahead, or before the one it
        /// follows (`field` names it).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum ListHolidaysResponse {
        /// The calendar's dates.
        #[oai(status = 200)]
        Ok(Json<dto::HolidayList>),
    }
    errors {
        /// The caller's roles do not allow reading calendars.
        Forbidden = 403,
    }
}

api_response! {
    pub enum SetHolidayResponse {
        /// The date as it now stands.
        #[oai(status = 200)]
        Ok(Json<dto::Holiday>),
    }
    errors {
        /// Only admins keep calendars.
        Forbidden = 403,
        /// The date is before 1970 or more than ten years ahead (`field` is `date`).
        UnprocessableEntity = 422,
    }
}

api_response! {
    pub enum InternalTargetsResponse {
        /// The `internal` profile's targets.
        #[oai(status = 200)]
        Ok(Json<dto::InternalTargetsSetting>),
    }
    errors {
        /// The caller's roles do not allow this.
        Forbidden = 403,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
    }
}

#[derive(Debug)]
pub struct ProfilesApi;

/// A preview's instants, each within the planning horizon and after the one it follows: the
/// acknowledgement after receipt, the escalation after both, its acknowledgement after it.
fn preview_instants(
    now: DateTime<Utc>,
    received: DateTime<Utc>,
    acknowledged: Option<DateTime<Utc>>,
    escalation_received: Option<DateTime<Utc>>,
    escalation_acknowledged: Option<DateTime<Utc>>,
) -> Result<(), ApiError> {
    let latest = instants::horizon(now);
    let mut follows = Vec::new();
    for (field, at) in [
        ("received_at", Some(received)),
        ("acknowledged_at", acknowledged),
        ("escalation_received_at", escalation_received),
        ("escalation_acknowledged_at", escalation_acknowledged),
    ] {
        if let Some(at) = at {
            instants::planned(field, at, &follows, latest)?;
            follows.push(instants::Mark::new(field, at));
        }
    }
    Ok(())
}

#[OpenApi(tag = "ApiTags::Profiles")]
impl ProfilesApi {
    /// The regulatory profiles: stages, calendar, time zone and every timer rule.
    #[oai(path = "/v1/profiles", method = "get", operation_id = "list_profiles")]
    async fn list_profiles(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ListProfilesResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let items = profiles::all_rules(&state)
                .await?
                .into_iter()
                .map(Into::into)
                .collect();
            Ok(ListProfilesResponse::Ok(Json(dto::ProfileList { items })))
        })
        .await
    }

    /// Preview a profile's deadlines without creating a case.
    ///
    /// Gives every timer whose starting instant is supplied, computed by the same code that
    /// sets a real case's timers: what to tell a customer about when to expect an answer.
    #[oai(
        path = "/v1/profiles/:profile/deadlines",
        method = "get",
        operation_id = "preview_deadlines"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn preview_deadlines(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The profile.
        profile: Path<dto::Profile>,
        /// When the complaint was (or would be) received.
        received_at: Query<DateTime<Utc>>,
        /// When it was acknowledged.
        acknowledged_at: Query<Option<DateTime<Utc>>>,
        /// When escalation to stage 2 was requested.
        escalation_received_at: Query<Option<DateTime<Utc>>>,
        /// When the escalation was acknowledged.
        escalation_acknowledged_at: Query<Option<DateTime<Utc>>>,
    ) -> PreviewDeadlinesResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            preview_instants(
                state.clock.now(),
                received_at.0,
                acknowledged_at.0,
                escalation_received_at.0,
                escalation_acknowledged_at.0,
            )?;
            let starts = Starts {
                received: Some(clamp_instant(received_at.0)),
                acknowledged: acknowledged_at.0.map(clamp_instant),
                escalation_received: escalation_received_at.0.map(clamp_instant),
                escalation_acknowledged: escalation_acknowledged_at.0.map(clamp_instant),
            };
            let (rules, timers) = profiles::preview(&state, profile.0.into(), &starts).await?;
            Ok(PreviewDeadlinesResponse::Ok(Json(dto::DeadlinePreview {
                profile: profile.0,
                calendar: rules.calendar.into(),
                time_zone: rules.calendar.time_zone().to_owned(),
                timers: timers.into_iter().map(Into::into).collect(),
            })))
        })
        .await
    }

    /// A holiday calendar's dates, including those an admin removed.
    #[oai(
        path = "/v1/calendars/:calendar/holidays",
        method = "get",
        operation_id = "list_holidays"
    )]
    async fn list_holidays(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The calendar.
        calendar: Path<dto::CalendarId>,
        /// Only this year.
        #[oai(validator(minimum(value = "1970"), maximum(value = "9999")))]
        year: Query<Option<i32>>,
    ) -> ListHolidaysResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let rows = calendars::list(&state, calendar.0.into(), year.0).await?;
            Ok(ListHolidaysResponse::Ok(Json(dto::HolidayList {
                items: rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?,
            })))
        })
        .await
    }

    /// Add a holiday (admins). Idempotent; recorded in the audit log.
    #[oai(
        path = "/v1/calendars/:calendar/holidays/:date",
        method = "put",
        operation_id = "add_holiday"
    )]
    async fn add_holiday(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The calendar.
        calendar: Path<dto::CalendarId>,
        /// The date, `YYYY-MM-DD`.
        date: Path<IsoDate>,
    ) -> SetHolidayResponse {
        respond(async {
            let actor = auth.require(Permission::ManageProfiles)?;
            let row = calendars::set(&state, &actor, calendar.0.into(), date.0.0, true).await?;
            Ok(SetHolidayResponse::Ok(Json(row.try_into()?)))
        })
        .await
    }

    /// Remove a holiday (admins): it stays listed as inactive, and is never re-seeded.
    #[oai(
        path = "/v1/calendars/:calendar/holidays/:date",
        method = "delete",
        operation_id = "remove_holiday"
    )]
    async fn remove_holiday(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The calendar.
        calendar: Path<dto::CalendarId>,
        /// The date, `YYYY-MM-DD`.
        date: Path<IsoDate>,
    ) -> SetHolidayResponse {
        respond(async {
            let actor = auth.require(Permission::ManageProfiles)?;
            let row = calendars::set(&state, &actor, calendar.0.into(), date.0.0, false).await?;
            Ok(SetHolidayResponse::Ok(Json(row.try_into()?)))
        })
        .await
    }

    /// The `internal` profile's targets (complaints no regulator governs).
    #[oai(
        path = "/v1/profiles/internal/targets",
        method = "get",
        operation_id = "get_internal_targets"
    )]
    async fn get_internal_targets(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> InternalTargetsResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let (targets, version) = profiles::current_internal_targets(&state).await?;
            Ok(InternalTargetsResponse::Ok(Json(
                dto::InternalTargetsSetting {
                    targets: targets.into(),
                    version,
                },
            )))
        })
        .await
    }

    /// Set the `internal` profile's targets (admins). They apply to timers started from now
    /// on; running timers keep their due instants. Recorded in the audit log.
    #[oai(
        path = "/v1/profiles/internal/targets",
        method = "put",
        operation_id = "set_internal_targets"
    )]
    async fn set_internal_targets(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::InternalTargets>>,
    ) -> InternalTargetsResponse {
        respond(async {
            let actor = auth.require(Permission::ManageProfiles)?;
            let (targets, version) =
                profiles::set_internal_targets(&state, &actor, body.0.0.into()).await?;
            Ok(InternalTargetsResponse::Ok(Json(
                dto::InternalTargetsSetting {
                    targets: targets.into(),
                    version,
                },
            )))
        })
        .await
    }
}
