//! `/v1/teams` and `/v1/me`.

use poem::web::Data;
use poem_openapi::{OpenApi, param::Query, payload::Json};

use crate::api::{ApiTags, dto, etag, kit::locate::Located, respond};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::{Permission, grants},
    service::admin::teams as service,
    state::AppState,
};

api_response! {
    pub enum CreateTeamResponse {
        /// The team was created.
        #[oai(status = 201)]
        Created(
            Json<dto::Team>,
            /// Where the team lives.
            #[oai(header = "Location")] String,
            /// The team's version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only admins manage teams.
        Forbidden = 403,
        /// A team with this key already exists.
        Conflict = 409,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
    }
}

api_response! {
    pub enum ListTeamsResponse {
        /// A page of teams.
        #[oai(status = 200)]
        Ok(Json<dto::TeamPage>),
    }
    errors {
        /// The caller's roles do not allow reading teams.
        Forbidden = 403,
    }
}

api_response! {
    pub enum GetMeResponse {
        /// The caller.
        #[oai(status = 200)]
        Ok(Json<dto::Me>),
    }
    errors {}
}

#[derive(Debug)]
pub struct TeamsApi;

#[OpenApi(tag = "ApiTags::Teams")]
impl TeamsApi {
    /// Create a team (admins).
    ///
    /// Teams named in a verified token's `team` claim are also created on first sight, with
    /// the key as their name.
    #[oai(path = "/v1/teams", method = "post", operation_id = "create_team")]
    async fn create_team(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::NewTeam>>,
    ) -> CreateTeamResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTeams)?;
            let team = service::create(
                &state,
                &actor,
                body.0.0.id.into_inner(),
                body.0.0.name.into_inner(),
            )
            .await?;
            let (loc, tag) = (format!("/v1/teams/{}", team.id), etag(team.version));
            Ok(CreateTeamResponse::Created(Json(team.into()), loc, tag))
        })
        .await
    }

    /// List teams in key order.
    #[oai(path = "/v1/teams", method = "get", operation_id = "list_teams")]
    async fn list_teams(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Page size, 1 to 200 (default 100).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
        /// `next_cursor` from the previous page.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,63}$"))]
        cursor: Query<Option<String>>,
    ) -> ListTeamsResponse {
        respond(async {
            auth.require(Permission::ReadTeams)?;
            let limit = u64::from(limit.0.unwrap_or(100));
            let (rows, next) = service::list(&state, cursor.0.as_deref(), limit).await?;
            Ok(ListTeamsResponse::Ok(Json(dto::TeamPage {
                items: rows.into_iter().map(Into::into).collect(),
                next_cursor: next,
            })))
        })
        .await
    }

    /// The caller: subject, roles, team and what they allow.
    #[oai(
        path = "/v1/me",
        method = "get",
        operation_id = "get_me",
        tag = "ApiTags::Teams"
    )]
    async fn get_me(&self, auth: BearerAuth) -> GetMeResponse {
        let p = auth.0;
        let permissions = crate::domain::access::rbac::Permission::ALL
            .into_iter()
            .filter(|perm| p.roles.iter().any(|r| grants(*r, *perm)))
            .map(|perm| perm.as_str().to_owned())
            .collect();
        GetMeResponse::Ok(Json(dto::Me {
            sub: p.sub,
            name: p.name,
            roles: p.roles.into_iter().map(Into::into).collect(),
            team: p.team,
            permissions,
        }))
    }
}
