//! `/v1/escalations`: what the procedure has escalated, for team leaders and analysts.

use poem::web::Data;
use poem_openapi::{OpenApi, param::Query, payload::Json};

use crate::api::{ApiTags, after_cursor, dto, encode_cursor, respond};
use crate::{
    api_response, auth::BearerAuth, domain::access::rbac::Permission,
    service::cases::escalations as service, state::AppState,
};

api_response! {
    pub enum ListEscalationsResponse {
        /// A page of escalations in the caller's scope.
        #[oai(status = 200)]
        Ok(Json<dto::EscalationPage>),
    }
    errors {
        /// The caller's roles do not allow reading escalations.
        Forbidden = 403,
    }
}

#[derive(Debug)]
pub struct EscalationsApi;

#[OpenApi(tag = "ApiTags::Complaints")]
impl EscalationsApi {
    /// Escalations, newest first: breached regulatory deadlines and the like.
    #[oai(
        path = "/v1/escalations",
        method = "get",
        operation_id = "list_escalations"
    )]
    async fn list_escalations(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Only this team's escalations.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        team: Query<Option<String>>,
        /// Page size, 1 to 200 (default 50).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[A-Za-z0-9_\-]{32}$"))]
        cursor: Query<Option<String>>,
    ) -> ListEscalationsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadEscalations)?;
            let after = after_cursor(cursor.0.as_deref())?;
            let limit = u64::from(limit.0.unwrap_or(50));
            let (rows, next) =
                service::list(&state, &actor, team.0.as_deref(), after, limit).await?;
            Ok(ListEscalationsResponse::Ok(Json(dto::EscalationPage {
                items: rows.into_iter().map(Into::into).collect(),
                next_cursor: next.map(|p| encode_cursor(p.at, p.id)),
            })))
        })
        .await
    }
}
