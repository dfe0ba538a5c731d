//! `/v1/complaints/{id}/classification`, `/v1/improvements`: classifying root causes and the
//! continuous-improvement backlog: its items, their evidence, and the complaints they cite. The
//! PDCA actions on an item are in [`super::item_actions`].

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use uuid::Uuid;

use crate::api::{
    ApiTags, after_cursor, dto, encode_cursor, etag,
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::Permission,
    error::ApiError,
    service::{
        improvement::backlog::{self as service, Filter, NewItem},
        improvement::classification::{self, Input},
    },
    state::AppState,
};

api_response! {
    pub enum GetClassificationResponse {
        /// The classification.
        #[oai(status = 200)]
        Ok(
            Json<dto::Classification>,
            /// The complaint's version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller cannot read complaints.
        Forbidden = 403,
        /// No such complaint in scope, or it is not classified yet.
        NotFound = 404,
    }
}

api_response! {
    pub enum PutClassificationResponse {
        /// The classification as saved; the ETag is the complaint's new version.
        #[oai(status = 200)]
        Ok(
            Json<dto::Classification>,
            /// The complaint's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only analysts and team leaders classify.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
        /// `If-Match` does not name the complaint's current version.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// A code is unknown, deprecated or merged (the field says which).
        Unprocessable = 422,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

api_response! {
    pub enum ListImprovementsResponse {
        /// A page of items.
        #[oai(status = 200)]
        Ok(Json<dto::ImprovementPage>),
    }
    errors {
        /// The caller's roles do not allow reading the backlog.
        Forbidden = 403,
    }
}

api_response! {
    pub enum ComplaintImprovementsResponse {
        /// The items.
        #[oai(status = 200)]
        Ok(Json<dto::ImprovementList>),
    }
    errors {
        /// The caller's roles do not allow this.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum GetImprovementResponse {
        /// The item.
        #[oai(status = 200)]
        Ok(
            Json<dto::Improvement>,
            /// The item's version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow reading the backlog.
        Forbidden = 403,
        /// No such item.
        NotFound = 404,
    }
}

api_response! {
    pub enum CreateImprovementResponse {
        /// The item, `proposed`.
        #[oai(status = 201)]
        Created(
            Json<dto::Improvement>,
            /// Where it lives.
            #[oai(header = "Location")] String,
            /// Its version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only analysts and admins open items.
        Forbidden = 403,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The cause is not an active code, the product is not in the catalogue, or a
        /// complaint does not exist.
        Unprocessable = 422,
    }
}

api_response! {
    pub enum EvidenceResponse {
        /// The evidence the caller may see, and a count of the rest.
        #[oai(status = 200)]
        Ok(Json<dto::EvidenceList>),
    }
    errors {
        /// The caller's roles do not allow reading the backlog.
        Forbidden = 403,
        /// No such item.
        NotFound = 404,
    }
}

#[derive(Debug)]
pub struct ImprovementsApi;

#[OpenApi(tag = "ApiTags::Improvement")]
impl ImprovementsApi {
    /// A complaint's root-cause classification.
    #[oai(
        path = "/v1/complaints/:id/classification",
        method = "get",
        operation_id = "get_classification"
    )]
    async fn get_classification(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> GetClassificationResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let (c, k) = classification::get(&state, &actor, id.0).await?;
            let k = k.ok_or_else(|| ApiError::not_found("classification"))?;
            Ok(GetClassificationResponse::Ok(
                Json(k.into()),
                etag(c.version),
            ))
        })
        .await
    }

    /// Classify (or reclassify, also after closure) a complaint's root cause. Codes must be
    /// active in the taxonomy. The recurrence rules run for its cause once it is saved.
    #[oai(
        path = "/v1/complaints/:id/classification",
        method = "put",
        operation_id = "classify"
    )]
    async fn classify(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ClassificationInput>>,
    ) -> PutClassificationResponse {
        respond(async {
            let actor = auth.require(Permission::Classify)?;
            let expected = if_match.0.require("complaint")?;
            let b = body.0.0;
            let input = Input {
                primary_cause: b.primary_cause.into_inner(),
                contributing: b
                    .contributing
                    .into_option()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| c.into_inner())
                    .collect(),
                five_whys: b
                    .five_whys
                    .into_option()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| (s.why.into_inner(), s.because.into_inner()))
                    .collect(),
                potentially_systemic: b.potentially_systemic.into_option().unwrap_or(false),
                vulnerability_relevant: b.vulnerability_relevant.into_option().unwrap_or(false),
                lessons: dto::text(b.lessons),
            };
            let (c, k) =
                classification::put(&state, &actor, id.0, expected.versions(), input).await?;
            Ok(PutClassificationResponse::Ok(
                Json(k.into()),
                etag(c.version),
            ))
        })
        .await
    }

    /// The improvement items a complaint is evidence for.
    #[oai(
        path = "/v1/complaints/:id/improvements",
        method = "get",
        operation_id = "list_complaint_improvements"
    )]
    async fn list_complaint_improvements(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ComplaintImprovementsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let items = service::of_complaint(&state, &actor, id.0)
                .await?
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_, _>>()?;
            Ok(ComplaintImprovementsResponse::Ok(Json(
                dto::ImprovementList { items },
            )))
        })
        .await
    }

    /// The improvement backlog, newest first.
    #[oai(
        path = "/v1/improvements",
        method = "get",
        operation_id = "list_improvements"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list_improvements(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Only items in this state.
        #[oai(name = "state")]
        item_state: Query<Option<dto::ItemState>>,
        /// Only items about this root cause.
        #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
        cause: Query<Option<String>>,
        /// Only this owner's items.
        #[oai(validator(min_length = 1, max_length = 255))]
        owner: Query<Option<String>>,
        /// Only items with (`true`) or without (`false`) an open task past its due date.
        overdue: Query<Option<bool>>,
        /// Page size, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[A-Za-z0-9_\-]{32}$"))]
        cursor: Query<Option<String>>,
    ) -> ListImprovementsResponse {
        respond(async {
            auth.require(Permission::ReadImprovements)?;
            let filter = Filter {
                state: item_state
                    .0
                    .map(|s| crate::domain::improvement::ItemState::from(s).as_str()),
                cause: cause.0,
                owner: owner.0,
                overdue: overdue.0,
            };
            let after = after_cursor(cursor.0.as_deref())?;
            let limit = u64::from(limit.0.unwrap_or(50));
            let (rows, next) = service::list(&state, &filter, after, limit).await?;
            let items = rows
                .into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_, _>>()?;
            Ok(ListImprovementsResponse::Ok(Json(dto::ImprovementPage {
                items,
                next_cursor: next.map(|p| encode_cursor(p.at, p.id)),
            })))
        })
        .await
    }

    /// Open an item by hand (analysts, admins): from an audit, an ombudsman decision, a
    /// handler's report.
    #[oai(
        path = "/v1/improvements",
        method = "post",
        operation_id = "create_improvement"
    )]
    async fn create_improvement(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::NewImprovement>>,
    ) -> CreateImprovementResponse {
        respond(async {
            let actor = auth.require(Permission::ManageImprovements)?;
            let b = body.0.0;
            let input = NewItem {
                title: b.title.into_inner(),
                description: dto::text(b.description),
                cause: dto::text(b.cause),
                product: dto::text(b.product),
                complaints: b.complaints.into_option().unwrap_or_default(),
            };
            let item = service::create(&state, &actor, input).await?;
            let location = format!("/v1/improvements/{}", item.item.id);
            let tag = etag(item.item.version);
            Ok(CreateImprovementResponse::Created(
                Json(item.try_into()?),
                location,
                tag,
            ))
        })
        .await
    }

    /// One item, with its plan, tasks and last check.
    #[oai(
        path = "/v1/improvements/:id",
        method = "get",
        operation_id = "get_improvement"
    )]
    async fn get_improvement(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> GetImprovementResponse {
        respond(async {
            auth.require(Permission::ReadImprovements)?;
            let item = service::get(&state, id.0).await?;
            let tag = etag(item.item.version);
            Ok(GetImprovementResponse::Ok(Json(item.try_into()?), tag))
        })
        .await
    }

    /// The complaints that matched the item's rule, with the rule, its parameters and why.
    ///
    /// Read under the caller's scope: complaints the caller could not read directly (a team
    /// leader's view of another team's complaints) are not listed, only counted in
    /// `out_of_scope`. The item's `evidence_count` stays the whole count.
    #[oai(
        path = "/v1/improvements/:id/evidence",
        method = "get",
        operation_id = "list_improvement_evidence"
    )]
    async fn list_improvement_evidence(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> EvidenceResponse {
        respond(async {
            let actor = auth.require(Permission::ReadImprovements)?;
            let found = service::evidence(&state, &actor, id.0).await?;
            Ok(EvidenceResponse::Ok(Json(dto::EvidenceList {
                rule: found.item.rule,
                items: found
                    .visible
                    .into_iter()
                    .map(|(e, c)| dto::Evidence {
                        complaint_id: c.id,
                        reference: c.reference,
                        received_at: c.received_at,
                        product: c.product,
                        channel: c.channel,
                        primary_cause: c.primary_cause,
                        rule: e.rule,
                        parameters: e.params,
                        explanation: e.explanation,
                        matched_at: e.matched_at,
                    })
                    .collect(),
                out_of_scope: found.out_of_scope,
            })))
        })
        .await
    }
}
