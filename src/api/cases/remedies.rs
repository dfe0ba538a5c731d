//! `/v1/complaints/{id}/remedies` and `/communications`: what a response promised and what was
//! sent, and settling a promised remedy.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path},
    payload::Json,
};
use uuid::Uuid;

use crate::api::{
    ApiTags, dto, etag,
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::{
    api_response, auth::BearerAuth, domain::access::rbac::Permission,
    service::cases::remedies as service, state::AppState,
};

api_response! {
    pub enum ListRemediesResponse {
        /// The complaint's remedies, oldest first.
        #[oai(status = 200)]
        Ok(
            Json<dto::RemedyList>,
            /// The complaint's current version, for settling a remedy with `If-Match`.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller cannot read complaints.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum ListCommunicationsResponse {
        /// The complaint's communications, in the order they were sent.
        #[oai(status = 200)]
        Ok(Json<dto::CommunicationList>),
    }
    errors {
        /// The caller cannot read complaints.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

api_response! {
    pub enum SettleRemedyResponse {
        /// The settled remedy; the ETag is the complaint's new version.
        #[oai(status = 200)]
        Ok(
            Json<dto::RemedyRecord>,
            /// The complaint's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow procedure actions.
        Forbidden = 403,
        /// No such complaint in the caller's scope, or no such remedy on it.
        NotFound = 404,
        /// The remedy is already settled (`remedy_settled`) or not yet issued
        /// (`remedy_not_issued`).
        Conflict = 409,
        /// `If-Match` does not name the complaint's current version.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

#[derive(Debug)]
pub struct RemediesApi;

#[OpenApi(tag = "ApiTags::Procedure")]
impl RemediesApi {
    /// The remedies of a complaint: those issued in responses, those an ombudsman ordered
    /// (`ordered_by`), and those of a proposal awaiting approval (no `issued_at`).
    #[oai(
        path = "/v1/complaints/:id/remedies",
        method = "get",
        operation_id = "list_remedies"
    )]
    async fn list_remedies(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ListRemediesResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let (version, rows) = service::list(&state, &actor, id.0).await?;
            Ok(ListRemediesResponse::Ok(
                Json(dto::RemedyList {
                    items: rows
                        .into_iter()
                        .map(TryInto::try_into)
                        .collect::<Result<_, _>>()?,
                }),
                etag(version),
            ))
        })
        .await
    }

    /// Settle an issued remedy: carried out, or declined by the complainant. A complaint
    /// closes only when every issued remedy is settled.
    #[oai(
        path = "/v1/complaints/:id/remedies/:remedy_id/settle",
        method = "post",
        operation_id = "settle_remedy"
    )]
    async fn settle_remedy(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        remedy_id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::SettleRemedy>>,
    ) -> SettleRemedyResponse {
        respond(async {
            let actor = auth.require(Permission::ActOnComplaint)?;
            let expected = if_match.0.require("complaint")?;
            let b = body.0.0;
            let (complaint, remedy) = service::settle(
                &state,
                &actor,
                id.0,
                remedy_id.0,
                expected.versions(),
                &dto::enum_text(&b.status),
                dto::text(b.note),
            )
            .await?;
            Ok(SettleRemedyResponse::Ok(
                Json(remedy.try_into()?),
                etag(complaint.version),
            ))
        })
        .await
    }

    /// The communications sent to the complainant: acknowledgements, responses, notices.
    #[oai(
        path = "/v1/complaints/:id/communications",
        method = "get",
        operation_id = "list_communications"
    )]
    async fn list_communications(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ListCommunicationsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let rows = service::communications(&state, &actor, id.0).await?;
            Ok(ListCommunicationsResponse::Ok(Json(
                dto::CommunicationList {
                    items: rows
                        .into_iter()
                        .map(TryInto::try_into)
                        .collect::<Result<_, _>>()?,
                },
            )))
        })
        .await
    }
}
