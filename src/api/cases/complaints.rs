//! `/v1/complaints`: intake, reading, listing, correction and the audit trail.

use chrono::{DateTime, Utc};
use poem::{Request, web::Data};
use poem_openapi::{
    OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use uuid::Uuid;

use crate::api::{
    ApiTags, after_cursor, clamp_instant,
    dto::{self, Channel, ComplaintState},
    encode_cursor, etag,
    kit::csv::{self, Format, JsonOrCsv, line, streamed, wants_csv},
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::{
    api_response,
    auth::{Actor, BearerAuth},
    domain::access::rbac::Permission,
    error::ApiError,
    service::cases::complaints::{self as service, Created},
    service::cases::queue::{self, ListFilter, ListOrder},
    service::improvement::taxonomy,
    state::AppState,
};

api_response! {
    pub enum CreateComplaintResponse {
        /// The complaint was logged (or, for a retried `Idempotency-Key`, had been logged: it
        /// is then shown as it is now, with its current ETag).
        #[oai(status = 201)]
        Created(
            Json<dto::Complaint>,
            /// Where the complaint lives.
            #[oai(header = "Location")] String,
            /// The complaint's version, for `If-Match`.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow logging complaints, or not for this team.
        Forbidden = 403,
        /// A retried `Idempotency-Key` names a complaint the caller can no longer see (its
        /// team has changed since): answered as for any complaint out of scope.
        NotFound = 404,
        /// The `Idempotency-Key` was already used with a different request body.
        Conflict = 409,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The complaint breaks an intake rule (no contact, future `received_at`, unknown team,
        /// a `product` or `category` that is not active in the catalogue: `detail` lists the
        /// active ones).
        Unprocessable = 422,
    }
}

api_response! {
    pub enum GetComplaintResponse {
        /// The complaint.
        #[oai(status = 200)]
        Ok(
            Json<dto::Complaint>,
            /// The complaint's version, for `If-Match`.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow reading complaints.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum ListComplaintsResponse {
        /// A page of complaints in the caller's scope; as CSV, every matching complaint.
        #[oai(status = 200)]
        Ok(JsonOrCsv<dto::ComplaintPage>),
    }
    errors {
        /// The caller's roles do not allow reading complaints.
        Forbidden = 403,
        /// A period's end (`received_to`, `responded_to`, `closed_to`) is before its start, or
        /// `product` or `category` is not in the catalogue (`field` names it; `detail` lists
        /// the catalogue's values).
        Unprocessable = 422,
    }
}

api_response! {
    pub enum UpdateComplaintResponse {
        /// The corrected complaint (unchanged, with the same ETag, when nothing differed).
        #[oai(status = 200)]
        Ok(
            Json<dto::Complaint>,
            /// The complaint's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow correcting complaints, or this one: a complaint in
        /// an end state is corrected only by a team leader.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
        /// `If-Match` does not name the current version: reload and retry.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The correction breaks an intake rule (a new `product` or `category` must be active
        /// in the catalogue: `detail` lists the active ones), or a complaint in an end state is
        /// corrected without a `reason`.
        Unprocessable = 422,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

api_response! {
    pub enum GetVulnerabilityResponse {
        /// The complaint's vulnerability details; this read is now in its access log.
        #[oai(status = 200)]
        Ok(Json<dto::Vulnerability>),
    }
    errors {
        /// The caller's roles do not allow reading vulnerability details.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum ListVulnerabilityReadsResponse {
        /// A page of the reads of the complaint's vulnerability details.
        #[oai(status = 200)]
        Ok(Json<dto::VulnerabilityReadPage>),
    }
    errors {
        /// The caller's roles do not allow reading the access log.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum ListEventsResponse {
        /// A page of the complaint's audit trail.
        #[oai(status = 200)]
        Ok(Json<dto::EventPage>),
    }
    errors {
        /// The caller's roles do not allow reading audit trails.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum VerifyEventsResponse {
        /// The verdict on the complaint's audit chain.
        #[oai(status = 200)]
        Ok(Json<dto::ChainVerification>),
    }
    errors {
        /// The caller's roles do not allow reading audit trails.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

/// A list filter's period, each end clamped to the instants anything stored can have: from
/// its start (inclusive) to its end (exclusive), the end not before the start (422 naming the
/// end otherwise). An empty period (the same instant twice) is allowed and matches nothing.
type Period = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn period(
    (from_field, from): (&str, Option<DateTime<Utc>>),
    (to_field, to): (&str, Option<DateTime<Utc>>),
) -> Result<Period, ApiError> {
    let (from, to) = (from.map(clamp_instant), to.map(clamp_instant));
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err(ApiError::invalid_field(
            to_field,
            format!(
                "{to_field} ({}) is before {from_field} ({})",
                to.to_rfc3339(),
                from.to_rfc3339()
            ),
        ));
    }
    Ok((from, to))
}

fn location(id: Uuid) -> String {
    format!("/v1/complaints/{id}")
}

#[derive(Debug)]
pub struct ComplaintsApi;

#[OpenApi(tag = "ApiTags::Complaints")]
impl ComplaintsApi {
    /// Log a complaint.
    ///
    /// With an `Idempotency-Key`, retrying the same request returns the complaint it logged
    /// (201, the complaint as it is now, if the caller can still see it; 404 otherwise) and
    /// reusing the key with a different body is 409. Keys are kept for the configured
    /// retention period (24 hours by default); after it, the key is new again.
    #[oai(
        path = "/v1/complaints",
        method = "post",
        operation_id = "create_complaint"
    )]
    async fn create_complaint(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Makes retries safe: up to 128 visible ASCII characters, unique per caller for the
        /// retention period.
        #[oai(name = "Idempotency-Key", validator(pattern = r"^[!-~]{1,128}$"))]
        idempotency_key: Header<Option<String>>,
        body: Json<Located<dto::NewComplaint>>,
    ) -> CreateComplaintResponse {
        respond(async {
            let actor = auth.require(Permission::CreateComplaint)?;
            let created = service::create(
                &state,
                &actor,
                body.0.0.into(),
                idempotency_key.0.as_deref(),
            )
            .await?;
            let (Created::New(model) | Created::Replayed(model)) = created;
            let (loc, tag) = (location(model.id), etag(model.version));
            // The timers the complaint started with, as a read shows them: what the caller
            // must meet is known from the first answer.
            let timers = service::timers(&state, model.id).await?;
            let complaint = super::with_timers(&state, model, timers).await?;
            Ok(CreateComplaintResponse::Created(Json(complaint), loc, tag))
        })
        .await
    }

    /// Read a complaint.
    #[oai(
        path = "/v1/complaints/:id",
        method = "get",
        operation_id = "get_complaint"
    )]
    async fn get_complaint(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> GetComplaintResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let (model, timers) = service::get(&state, &actor, id.0).await?;
            let tag = etag(model.version);
            let complaint = super::with_timers(&state, model, timers).await?;
            Ok(GetComplaintResponse::Ok(Json(complaint), tag))
        })
        .await
    }

    /// Read a complaint by its reference.
    ///
    /// The reference (`CMP-2026-000123`) is what complainants and colleagues quote; the
    /// answer is the complaint as `get_complaint` gives it, with the same ETag. A reference
    /// not of that form is 400 naming `reference`.
    #[oai(
        path = "/v1/complaints/by-reference/:reference",
        method = "get",
        operation_id = "get_complaint_by_reference"
    )]
    async fn get_complaint_by_reference(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The complaint's reference: `CMP-`, the year, `-` and its number in that year, of
        /// at least six digits.
        #[oai(validator(pattern = r"^CMP-[0-9]{4}-[0-9]{6,12}$"))]
        reference: Path<String>,
    ) -> GetComplaintResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let (model, timers) = service::get_by_reference(&state, &actor, &reference.0).await?;
            let tag = etag(model.version);
            let complaint = super::with_timers(&state, model, timers).await?;
            Ok(GetComplaintResponse::Ok(Json(complaint), tag))
        })
        .await
    }

    /// List complaints in the caller's scope, newest received first.
    ///
    /// Filters combine with AND. Pages are stable under concurrent inserts: pass
    /// `next_cursor` back as `cursor`.
    #[oai(
        path = "/v1/complaints",
        method = "get",
        operation_id = "list_complaints"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list_complaints(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Only complaints in this procedure state.
        #[oai(name = "state")]
        complaint_state: Query<Option<ComplaintState>>,
        /// Only this team's complaints.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Only complaints assigned to this user (token subject).
        #[oai(validator(min_length = 1, max_length = 255))]
        assignee: Query<Option<String>>,
        /// Only this product: one in the catalogue (`/v1/categories`), retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
        /// Only this channel.
        channel: Query<Option<Channel>>,
        /// Only this category.
        #[oai(validator(min_length = 1, max_length = 100))]
        category: Query<Option<String>>,
        /// Only complaints under this procedure profile.
        profile: Query<Option<dto::Profile>>,
        /// Only complaints with a recorded vulnerability (`true`), or only those without
        /// (`false`).
        vulnerable: Query<Option<bool>>,
        /// Received at or after this instant.
        received_from: Query<Option<DateTime<Utc>>>,
        /// Received before this instant (not before `received_from`).
        received_to: Query<Option<DateTime<Utc>>>,
        /// Latest response (a stage's, the final one or a summary resolution) sent at or
        /// after this instant; complaints not yet answered are left out.
        responded_from: Query<Option<DateTime<Utc>>>,
        /// Latest response sent before this instant (not before `responded_from`).
        responded_to: Query<Option<DateTime<Utc>>>,
        /// Reached an end state (closed, withdrawn, not a complaint, transferred) at or after
        /// this instant; complaints still open are left out.
        closed_from: Query<Option<DateTime<Utc>>>,
        /// Reached an end state before this instant (not before `closed_from`).
        closed_to: Query<Option<DateTime<Utc>>>,
        /// Case-insensitive text in the reference, complainant name or email, or customer ref.
        #[oai(validator(min_length = 1, max_length = 100))]
        q: Query<Option<String>>,
        /// Page size, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[A-Za-z0-9_\-]{32}$"))]
        cursor: Query<Option<String>>,
        /// Only complaints at this stage.
        #[oai(validator(minimum(value = "1"), maximum(value = "2")))]
        stage: Query<Option<i16>>,
        /// Only complaints with (`true`) or without (`false`) a breached timer.
        breached: Query<Option<bool>>,
        /// Only complaints with a running timer due before this instant.
        due_before: Query<Option<DateTime<Utc>>>,
        /// Only complaints with a timer in this state.
        timer_state: Query<Option<dto::TimerState>>,
        /// Only complaints with this outcome.
        outcome: Query<Option<dto::Outcome>>,
        /// Only open complaints with a passed deadline or target (`true`): a breached
        /// deadline, a missed target, or a running deadline or target past its due instant;
        /// or only the others (`false`). A lapsed window is not overdue.
        overdue: Query<Option<bool>>,
        /// Only complaints with a running deadline or target (not a window) due between now
        /// and the end of this many business days ahead (0: today, or the next business day),
        /// counted in the calendar and time zone of each complaint's profile.
        #[oai(validator(minimum(value = "0"), maximum(value = "250")))]
        due_within: Query<Option<u32>>,
        /// `newest` (default): newest received first. `next_due`: a work queue of every open
        /// complaint, the overdue first (by the earliest instant a deadline or target passed),
        /// then by the next due instant of a running deadline or target, those with neither
        /// last.
        sort: Query<Option<dto::ComplaintSort>>,
        req: &Request,
        /// `csv` (as `Accept: text/csv` asks) exports every matching complaint from `cursor`
        /// on, streamed, without contact details; `limit` does not apply. JSON by default.
        format: Query<Option<Format>>,
    ) -> ListComplaintsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let received = period(
                ("received_from", received_from.0),
                ("received_to", received_to.0),
            )?;
            let responded = period(
                ("responded_from", responded_from.0),
                ("responded_to", responded_to.0),
            )?;
            let closed = period(("closed_from", closed_from.0), ("closed_to", closed_to.0))?;
            if let Some(p) = &product.0 {
                taxonomy::check_product(&state.db.conn, "product", p).await?;
            }
            if let Some(c) = &category.0 {
                taxonomy::check_category(&state.db.conn, "category", product.0.as_deref(), c)
                    .await?;
            }
            let filter = ListFilter {
                state: complaint_state.0.map(Into::into),
                team: team.0,
                assignee: assignee.0,
                product: product.0,
                category: category.0,
                profile: profile.0.map(Into::into),
                vulnerable: vulnerable.0,
                channel: channel.0.map(Into::into),
                received_from: received.0,
                received_to: received.1,
                responded_from: responded.0,
                responded_to: responded.1,
                closed_from: closed.0,
                closed_to: closed.1,
                text: q.0,
                stage: stage.0,
                breached: breached.0,
                due_before: due_before.0.map(clamp_instant),
                timer_state: timer_state.0.map(dto::TimerState::as_str),
                outcome: outcome
                    .0
                    .map(|o| crate::domain::case::procedure::Outcome::from(o).as_str()),
                overdue: overdue.0,
                due_within: due_within.0,
                order: match sort.0 {
                    Some(dto::ComplaintSort::NextDue) => ListOrder::NextDue,
                    _ => ListOrder::Newest,
                },
            };
            let after = after_cursor(cursor.0.as_deref())?;
            if wants_csv(req, format.0) {
                let name = csv::file_name("complaints", state.clock.now());
                let rows = export(state.clone(), actor, filter, after);
                return Ok(ListComplaintsResponse::Ok(JsonOrCsv::Csv(rows, name)));
            }
            let limit = u64::from(limit.0.unwrap_or(50));
            let (rows, next) = queue::list(&state, &actor, &filter, after, limit).await?;
            Ok(ListComplaintsResponse::Ok(JsonOrCsv::Json(
                dto::ComplaintPage {
                    items: rows
                        .into_iter()
                        .map(|(c, due)| {
                            Ok(dto::Complaint {
                                next_due_at: due.next,
                                overdue_since: due.overdue_since,
                                ..c.try_into()?
                            })
                        })
                        .collect::<Result<_, ApiError>>()?,
                    next_cursor: next.map(|p| encode_cursor(p.at, p.id)),
                },
            )))
        })
        .await
    }

    /// Correct a complaint's intake details.
    ///
    /// `If-Match` with the current ETag is required (428 without it, 412 when stale). Each
    /// change is recorded in the audit trail with its before and after values. A complaint in
    /// an end state (closed, withdrawn, not a complaint, transferred) has been reported as it
    /// stands, and correcting it moves it between a return's groupings after the fact: only a
    /// team leader may (others get 403), giving a `reason` (422 naming `reason` without one),
    /// which the trail records with the change.
    #[oai(
        path = "/v1/complaints/:id",
        method = "patch",
        operation_id = "update_complaint"
    )]
    async fn update_complaint(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ComplaintPatch>>,
    ) -> UpdateComplaintResponse {
        respond(async {
            let actor = auth.require(Permission::UpdateComplaint)?;
            let expected = if_match.0.require("complaint")?;
            let model =
                service::update(&state, &actor, id.0, expected.versions(), body.0.0.into()).await?;
            let tag = etag(model.version);
            Ok(UpdateComplaintResponse::Ok(Json(model.try_into()?), tag))
        })
        .await
    }

    /// Read a complaint's vulnerability details (drivers and notes).
    ///
    /// For the roles that handle or audit the case (agent, team leader, auditor). Every read
    /// that returns details is recorded, with the reader and the role, before they are sent;
    /// see `list_vulnerability_reads`.
    #[oai(
        path = "/v1/complaints/:id/vulnerability",
        method = "get",
        operation_id = "get_vulnerability"
    )]
    async fn get_vulnerability(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> GetVulnerabilityResponse {
        respond(async {
            let actor = auth.require(Permission::ReadVulnerability)?;
            let details = crate::service::cases::vulnerability::read(&state, &actor, id.0).await?;
            Ok(GetVulnerabilityResponse::Ok(Json(dto::Vulnerability::of(
                id.0, details,
            ))))
        })
        .await
    }

    /// Who has read a complaint's vulnerability details, newest first.
    #[oai(
        path = "/v1/complaints/:id/vulnerability/reads",
        method = "get",
        operation_id = "list_vulnerability_reads"
    )]
    async fn list_vulnerability_reads(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Page size, 1 to 200 (default 100).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[A-Za-z0-9_\-]{32}$"))]
        cursor: Query<Option<String>>,
    ) -> ListVulnerabilityReadsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadAccessLog)?;
            let after = after_cursor(cursor.0.as_deref())?;
            let limit = u64::from(limit.0.unwrap_or(100));
            let (rows, next) =
                crate::service::cases::vulnerability::reads(&state, &actor, id.0, after, limit)
                    .await?;
            Ok(ListVulnerabilityReadsResponse::Ok(Json(
                dto::VulnerabilityReadPage {
                    items: rows.into_iter().map(Into::into).collect(),
                    next_cursor: next.map(|p| encode_cursor(p.at, p.id)),
                },
            )))
        })
        .await
    }

    /// A complaint's audit trail, oldest first.
    ///
    /// For a caller whose roles may not read vulnerability details, the vulnerability summary
    /// an event's data holds reads `redacted`. The hashes cover the stored data, which
    /// `verify_complaint_events` checks.
    #[oai(
        path = "/v1/complaints/:id/events",
        method = "get",
        operation_id = "list_complaint_events"
    )]
    async fn list_complaint_events(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// Page size, 1 to 200 (default 100).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[0-9]{1,18}$"))]
        cursor: Query<Option<String>>,
    ) -> ListEventsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadAudit)?;
            let after = match cursor.0.as_deref() {
                Some(c) => c
                    .parse::<i64>()
                    .map_err(|_| ApiError::invalid_field("cursor", "not a cursor"))?,
                None => 0,
            };
            let limit = u64::from(limit.0.unwrap_or(100));
            let (rows, next) = service::events(&state, &actor, id.0, after, limit).await?;
            Ok(ListEventsResponse::Ok(Json(dto::EventPage {
                items: rows.into_iter().map(Into::into).collect(),
                next_cursor: next.map(|seq| seq.to_string()),
            })))
        })
        .await
    }

    /// Recompute a complaint's audit hash chain and say whether it is intact.
    #[oai(
        path = "/v1/complaints/:id/events/verify",
        method = "get",
        operation_id = "verify_complaint_events"
    )]
    async fn verify_complaint_events(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> VerifyEventsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadAudit)?;
            let (complaint, verdict) = service::verify_events(&state, &actor, id.0).await?;
            Ok(VerifyEventsResponse::Ok(Json(dto::ChainVerification {
                complaint_id: complaint.id,
                intact: verdict.intact,
                events_checked: verdict.events_checked,
                head_hash: complaint.last_event_hash,
                first_broken_seq: verdict.first_broken_seq,
                reason: verdict.reason,
            })))
        })
        .await
    }
}

/// The complaint list's CSV columns. Contact details and free text stay out of exports.
const EXPORT_COLUMNS: [&str; 21] = [
    "id",
    "reference",
    "team",
    "assignee",
    "state",
    "stage",
    "profile",
    "channel",
    "product",
    "category",
    "vulnerable",
    "received_at",
    "acknowledged_at",
    "responded_at",
    "responded_by",
    "escalated_at",
    "closed_at",
    "outcome",
    "primary_cause",
    "next_due_at",
    "overdue_since",
];

/// Rows fetched per page of an export.
const EXPORT_PAGE: u64 = 500;

/// Every complaint matching `filter` after `after`, as CSV, one page of the list at a time.
fn export(
    state: AppState,
    actor: Actor,
    filter: ListFilter,
    after: Option<crate::service::Position>,
) -> poem::Body {
    let header = futures::stream::once(async { Ok(line(EXPORT_COLUMNS)) });
    let pages = futures::stream::try_unfold(Some(after), move |cursor| {
        let (state, actor, filter) = (state.clone(), actor.clone(), filter.clone());
        async move {
            let Some(after) = cursor else {
                return Ok(None);
            };
            let (rows, next) = queue::list(&state, &actor, &filter, after, EXPORT_PAGE).await?;
            let mut chunk = String::new();
            for (c, due) in &rows {
                let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
                let cells = [
                    c.id.to_string(),
                    c.reference.clone(),
                    c.team_id.clone(),
                    c.assignee_id.clone().unwrap_or_default(),
                    c.state.clone(),
                    c.stage.to_string(),
                    c.profile.clone(),
                    c.channel.clone(),
                    c.product.clone(),
                    c.category.clone(),
                    c.vulnerable.to_string(),
                    c.received_at.to_rfc3339(),
                    time(c.acknowledged_at),
                    time(c.responded_at),
                    c.responded_by.clone().unwrap_or_default(),
                    time(c.escalated_at),
                    time(c.closed_at),
                    c.outcome.clone().unwrap_or_default(),
                    c.primary_cause.clone().unwrap_or_default(),
                    time(due.next),
                    time(due.overdue_since),
                ];
                chunk.push_str(&line(cells.iter().map(String::as_str)));
            }
            let more = next.is_some() && !rows.is_empty();
            Ok(Some((chunk, more.then_some(next))))
        }
    });
    streamed(futures::StreamExt::chain(header, pages))
}
