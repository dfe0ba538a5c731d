//! `/v1/reports/...`: management information over the complaints in the caller's scope, each
//! with the count of complaints in scope and the definitions it uses.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{OpenApi, param::Query};

use crate::api::{
    ApiTags, clamp_instant, dto,
    kit::csv::{self, Format, JsonOrCsv, wants_csv},
    respond,
};
use crate::{
    api::kit::strict::IsoDate,
    api_response,
    auth::BearerAuth,
    domain::{
        access::rbac::Permission,
        case::instants,
        improvement::stats::{Period, rate},
        reporting::returns,
    },
    error::ApiError,
    service::improvement::taxonomy,
    service::reports::{self as service, CauseLevel, Filter, MIN_CASES, Paid},
    state::AppState,
};

mod figures;
mod responses;

use figures::*;
use responses::*;

#[derive(Debug)]
pub struct ReportsApi;

#[OpenApi(tag = "ApiTags::Reports")]
impl ReportsApi {
    /// Volumes: complaints received and closed in the period (per day, week or month) and the
    /// complaints open now by age in business days.
    #[oai(
        path = "/v1/reports/volumes",
        method = "get",
        operation_id = "report_volumes"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn volumes(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received (or closed) at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received (or closed) before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// The series' period (default `week`).
        group_by: Query<Option<dto::GroupBy>>,
    ) -> VolumesResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let period = period_of(group_by.0.unwrap_or(dto::GroupBy::Week));
            let reader = service::Reader::begin(&state).await?;
            let v = service::volumes(&reader, &actor, &f, period).await?;
            reader.finish().await?;
            Ok(VolumesResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("volumes", state.clock.now()),
            )(dto::VolumesReport {
                in_scope: v.received,
                received: v.received,
                closed: v.closed,
                breached: v.breached,
                open: v.open,
                ageing: v
                    .ageing
                    .into_iter()
                    .map(|(bucket, count)| dto::AgeingBucket {
                        bucket: bucket.to_owned(),
                        count,
                    })
                    .collect(),
                series: v
                    .series
                    .into_iter()
                    .map(|(d, received, closed, breached)| dto::VolumePoint {
                        period_start: crate::api::kit::strict::IsoDate(d),
                        received,
                        closed,
                        breached,
                    })
                    .collect(),
                definitions: definitions(service::volumes_definitions()),
            })))
        })
        .await
    }

    /// Outcomes and redress of the complaints received in the period.
    #[oai(
        path = "/v1/reports/outcomes",
        method = "get",
        operation_id = "report_outcomes"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn outcomes(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// Also give the figures per day, week or month of `from`..`to` (both then required).
        group_by: Query<Option<dto::GroupBy>>,
    ) -> OutcomesResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let r =
                service::outcomes_report(&reader, &actor, &f, group_by.0.map(period_of)).await?;
            reader.finish().await?;
            let report = with_series(r, service::outcomes_definitions(), outcomes_dto);
            Ok(OutcomesResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("outcomes", state.clock.now()),
            )(report)))
        })
        .await
    }

    /// The root-cause Pareto of the complaints received in the period: counts, shares and the
    /// running share, largest first, by code (`l2`) or group (`l1`).
    #[oai(
        path = "/v1/reports/root-causes",
        method = "get",
        operation_id = "report_root_causes"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn root_causes(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// By code (`l2`, the default) or group (`l1`).
        level: Query<Option<dto::CauseLevel>>,
        /// Only upheld and partially upheld complaints.
        upheld_only: Query<Option<bool>>,
    ) -> ParetoResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let in_scope = service::in_scope(&reader, &actor, &f).await?;
            let level = match level.0 {
                Some(dto::CauseLevel::L1) => CauseLevel::L1,
                _ => CauseLevel::L2,
            };
            let (classified, rows) = service::pareto_of_causes(
                &reader,
                &actor,
                &f,
                level,
                upheld_only.0.unwrap_or(false),
            )
            .await?;
            reader.finish().await?;
            Ok(ParetoResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("root-causes", state.clock.now()),
            )(dto::ParetoReport {
                in_scope,
                classified,
                items: rows
                    .into_iter()
                    .map(|r| dto::ParetoBar {
                        cause: r.key,
                        count: r.count,
                        share_percent: r.share_percent,
                        cumulative_percent: r.cumulative_percent,
                    })
                    .collect(),
                definitions: definitions(service::pareto_definitions()),
            })))
        })
        .await
    }

    /// Timeliness of the complaints received in the period: targets and deadlines met, time to
    /// respond in business days, extensions and breaches.
    #[oai(
        path = "/v1/reports/timeliness",
        method = "get",
        operation_id = "report_timeliness"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn timeliness(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// Also give the figures per day, week or month of `from`..`to` (both then required).
        group_by: Query<Option<dto::GroupBy>>,
    ) -> TimelinessResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let r =
                service::timeliness_report(&reader, &actor, &f, group_by.0.map(period_of)).await?;
            reader.finish().await?;
            let report = with_series(r, service::timeliness_definitions(), timeliness_dto);
            Ok(TimelinessResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("timeliness", state.clock.now()),
            )(report)))
        })
        .await
    }

    /// Flow of the complaints received in the period: closed at stage 1, escalation, reopening,
    /// referral to an ombudsman and the ombudsman's overturn rate.
    #[oai(
        path = "/v1/reports/flow",
        method = "get",
        operation_id = "report_flow"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn flow(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// Also give the figures per day, week or month of `from`..`to` (both then required).
        group_by: Query<Option<dto::GroupBy>>,
    ) -> FlowResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let r = service::flow_report(&reader, &actor, &f, group_by.0.map(period_of)).await?;
            reader.finish().await?;
            let report = with_series(r, service::flow_definitions(), flow_dto);
            Ok(FlowResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("flow", state.clock.now()),
            )(report)))
        })
        .await
    }

    /// The improvement backlog in figures: items by state, overdue tasks, and the share of
    /// checked items whose fix was verified effective.
    #[oai(
        path = "/v1/reports/improvement",
        method = "get",
        operation_id = "report_improvement"
    )]
    async fn improvement(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
    ) -> BacklogResponse {
        respond(async {
            auth.require(Permission::ReadImprovements)?;
            let reader = service::Reader::begin(&state).await?;
            let b = service::backlog(&reader).await?;
            reader.finish().await?;
            Ok(BacklogResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("improvement", state.clock.now()),
            )(dto::BacklogReport {
                by_state: b
                    .by_state
                    .into_iter()
                    .map(|(state, count)| dto::StateCount {
                        state: state.to_owned(),
                        count,
                    })
                    .collect(),
                overdue_tasks: b.overdue_tasks,
                effective: b.effective.into(),
                definitions: definitions(service::backlog_definitions()),
            })))
        })
        .await
    }

    /// Team and handler performance for the complaints received in the period, with the case
    /// counts behind every rate so a noisy figure can be told from a robust one.
    #[oai(
        path = "/v1/reports/people",
        method = "get",
        operation_id = "report_people"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn people(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
    ) -> PeopleResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let in_scope = service::in_scope(&reader, &actor, &f).await?;
            let (teams, handlers) = service::people(&reader, &actor, &f).await?;
            reader.finish().await?;
            Ok(PeopleResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("people", state.clock.now()),
            )(dto::PeopleReport {
                in_scope,
                teams: teams.into_iter().map(person).collect(),
                handlers: handlers.into_iter().map(person).collect(),
                min_cases: MIN_CASES,
                definitions: definitions(service::people_definitions()),
            })))
        })
        .await
    }

    /// Customer satisfaction from the surveys of the complaints received in the period:
    /// invitations, response rate, mean scores for outcome and handling, and their spread.
    #[oai(
        path = "/v1/reports/satisfaction",
        method = "get",
        operation_id = "report_satisfaction"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn satisfaction(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints from vulnerable customers (`true`) or the others (`false`).
        vulnerable: Query<Option<bool>>,
        /// Also give the figures per day, week or month of `from`..`to` (both then required).
        group_by: Query<Option<dto::GroupBy>>,
    ) -> SatisfactionResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state,
                from.0,
                to.0,
                team.0,
                agent.0,
                product.0,
                channel.0,
                profile.0,
                vulnerable.0,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let r = service::satisfaction_report(&reader, &actor, &f, group_by.0.map(period_of))
                .await?;
            reader.finish().await?;
            let report = with_series(r, service::satisfaction_definitions(), satisfaction_dto);
            Ok(SatisfactionResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("satisfaction", state.clock.now()),
            )(report)))
        })
        .await
    }

    /// The FCA complaints return (DISP 1 Annex 1R shape) for a reporting period: outstanding
    /// at the start, opened, closed, closing times, upheld and redress, by product grouping and
    /// main cause. `definitions` states the mapping used.
    #[oai(
        path = "/v1/reports/returns/fca-disp",
        method = "get",
        operation_id = "report_fca_disp_return"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn fca_disp_return(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// First day of the period (UTC days; 1970 to a year ahead).
        period_start: Query<IsoDate>,
        /// Last day of the period, inclusive.
        period_end: Query<IsoDate>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
    ) -> FcaReturnResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let (first, last) = (period_start.0.0, period_end.0.0);
            let day = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
            instants::period(
                ("period_start", Some(day(first))),
                ("period_end", Some(day(last))),
                state.clock.now(),
            )?;
            if last < first {
                return Err(ApiError::invalid_field(
                    "period_end",
                    "the period ends before it starts",
                ));
            }
            if (last - first).num_days() > 366 {
                return Err(ApiError::invalid_field(
                    "period_end",
                    "a return covers at most a year",
                ));
            }
            let start = first.and_time(NaiveTime::MIN).and_utc();
            let end = (last + Duration::days(1))
                .and_time(NaiveTime::MIN)
                .and_utc();
            let f = filter(&state, None, None, team.0, None, None, None, None, None).await?;
            let reader = service::Reader::begin(&state).await?;
            let (in_scope, r) = service::fca_disp(&reader, &actor, &f, start, end).await?;
            reader.finish().await?;
            Ok(FcaReturnResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                format!("fca-disp-return-{first}-to-{last}.csv"),
            )(dto::FcaReturn {
                period_start: IsoDate(first),
                period_end: IsoDate(last),
                in_scope,
                nil_return: r.totals.is_empty(),
                rows: r
                    .rows
                    .into_iter()
                    .map(|((grouping, cause), f)| dto::FcaReturnRow {
                        product_grouping: grouping.to_owned(),
                        main_cause: Some(cause.to_owned()),
                        figures: fca_figures(f),
                    })
                    .collect(),
                by_product_grouping: r
                    .by_grouping
                    .into_iter()
                    .map(|(grouping, f)| dto::FcaReturnRow {
                        product_grouping: grouping.to_owned(),
                        main_cause: None,
                        figures: fca_figures(f),
                    })
                    .collect(),
                totals: fca_figures(r.totals),
                definitions: definitions(service::fca_disp_definitions()),
            })))
        })
        .await
    }

    /// The vulnerable-customer gap: upheld rate and time to respond for customers with a
    /// recorded vulnerability against the others, over the same period and filters.
    #[oai(
        path = "/v1/reports/vulnerable-gap",
        method = "get",
        operation_id = "report_vulnerable_gap"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn vulnerable_gap(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        req: &Request,
        /// `csv` for one CSV table (as `Accept: text/csv` asks); JSON by default.
        format: Query<Option<Format>>,
        /// Received at or after this instant (1970 to a year ahead).
        from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (1970 to a year ahead; not before `from`).
        to: Query<Option<DateTime<Utc>>>,
        /// Only this team.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned now to this handler (their token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        agent: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<dto::Channel>>,
        /// Only this profile.
        profile: Query<Option<dto::Profile>>,
    ) -> VulnerableGapResponse {
        respond(async {
            let actor = auth.require(Permission::ReadReports)?;
            let f = filter(
                &state, from.0, to.0, team.0, agent.0, product.0, channel.0, profile.0, None,
            )
            .await?;
            let reader = service::Reader::begin(&state).await?;
            let (v, o) = service::vulnerable_gap(&reader, &actor, &f).await?;
            reader.finish().await?;
            let upheld_gap_points = v.upheld.percent.zip(o.upheld.percent).map(|(a, b)| a - b);
            let median_days_gap = v
                .median_business_days_to_response
                .zip(o.median_business_days_to_response)
                .map(|(a, b)| a - b);
            Ok(VulnerableGapResponse::Ok(csv::reply(
                wants_csv(req, format.0),
                csv::file_name("vulnerable-gap", state.clock.now()),
            )(
                dto::VulnerableGapReport {
                    vulnerable: cohort(v),
                    others: cohort(o),
                    upheld_gap_points,
                    median_days_gap,
                    definitions: definitions(service::vulnerable_gap_definitions()),
                },
            )))
        })
        .await
    }
}
