//! Satisfaction surveys: staff create an invitation after a response; the complainant answers
//! through its single-use link at `/v1/feedback/{token}` without logging in.

use poem::web::Data;
use poem_openapi::{
    ApiResponse, OpenApi,
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
    api::kit::problem::{FromProblem, Problem, ProblemJson, problem_of, undeclared},
    api_response,
    auth::BearerAuth,
    domain::access::rbac::Permission,
    error::ApiError,
    service::cases::surveys::{self as service, Answer},
    state::AppState,
};

api_response! {
    pub enum InviteResponse {
        /// The invitation, with its link token shown this once; the ETag is the complaint's new
        /// version.
        #[oai(status = 201)]
        Created(
            Json<dto::SurveyInvitation>,
            /// The complaint's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow procedure actions.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
        /// The complaint has not been sent a response (`response_required`).
        Conflict = 409,
        /// `If-Match` does not name the complaint's current version.
        PreconditionFailed = 412,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

api_response! {
    pub enum ListSurveysResponse {
        /// The complaint's survey invitations, newest first.
        #[oai(status = 200)]
        Ok(Json<dto::SurveyList>),
    }
    errors {
        /// The caller cannot read complaints.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
    }
}

/// The answers of the one operation that needs no bearer token.
#[derive(ApiResponse, Debug)]
#[oai(bad_request_handler = "FeedbackResponse::from_poem_error")]
pub enum FeedbackResponse {
    /// Thank you: the answer is recorded.
    #[oai(status = 204)]
    Recorded,
    /// The request is malformed: a field failed to parse or validate; `detail` names it.
    #[oai(status = 400)]
    BadRequest(ProblemJson),
    /// No survey has this token.
    #[oai(status = 404)]
    NotFound(ProblemJson),
    /// The survey has already been answered (`survey_answered`).
    #[oai(status = 409)]
    Conflict(ProblemJson),
    /// The link has expired or was replaced by a newer invitation (`survey_expired`).
    #[oai(status = 410)]
    Gone(ProblemJson),
    /// The request body is larger than the service accepts.
    #[oai(status = 413)]
    PayloadTooLarge(ProblemJson),
    /// The request body is not `application/json`.
    #[oai(status = 415)]
    UnsupportedMediaType(ProblemJson),
    /// Unexpected server error; the details are logged, not returned.
    #[oai(status = 500)]
    Internal(ProblemJson),
    /// The complaint was too busy to record the answer; send it again.
    #[oai(status = 503)]
    Unavailable(ProblemJson),
}

impl FeedbackResponse {
    fn from_poem_error(err: poem::Error) -> Self {
        Self::from_problem(problem_of(&err))
    }
}

impl FromProblem for FeedbackResponse {
    fn from_problem(p: Problem) -> Self {
        match p.status {
            400 => Self::BadRequest(p.into()),
            404 => Self::NotFound(p.into()),
            409 => Self::Conflict(p.into()),
            410 => Self::Gone(p.into()),
            413 => Self::PayloadTooLarge(p.into()),
            415 => Self::UnsupportedMediaType(p.into()),
            503 => Self::Unavailable(p.into()),
            _ => Self::Internal(undeclared(p)),
        }
    }
}

impl From<ApiError> for FeedbackResponse {
    fn from(err: ApiError) -> Self {
        Self::from_problem(err.to_problem())
    }
}

fn record(s: entity::survey::Model, now: chrono::DateTime<chrono::Utc>) -> dto::SurveyRecord {
    let status = if s.answered_at.is_some() {
        dto::SurveyStatus::Answered
    } else if s.superseded_at.is_some() {
        dto::SurveyStatus::Replaced
    } else if s.expires_at <= now {
        dto::SurveyStatus::Expired
    } else {
        dto::SurveyStatus::Open
    };
    dto::SurveyRecord {
        id: s.id,
        status,
        created_at: s.created_at,
        created_by: s.created_by,
        expires_at: s.expires_at,
        answered_at: s.answered_at,
        outcome_score: s.outcome_score,
        handling_score: s.handling_score,
        comment: s.comment,
    }
}

#[derive(Debug)]
pub struct SurveysApi;

#[OpenApi(tag = "ApiTags::Reports")]
impl SurveysApi {
    /// Create a satisfaction survey invitation for a complaint that has been sent a response.
    /// The link token is returned once; an earlier invitation not yet answered stops working.
    #[oai(
        path = "/v1/complaints/:id/surveys",
        method = "post",
        operation_id = "create_survey"
    )]
    async fn create_survey(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
    ) -> InviteResponse {
        respond(async {
            let actor = auth.require(Permission::ActOnComplaint)?;
            let expected = if_match.0.require("complaint")?;
            let (complaint, invitation) =
                service::invite(&state, &actor, id.0, expected.versions()).await?;
            Ok(InviteResponse::Created(
                Json(dto::SurveyInvitation {
                    id: invitation.survey.id,
                    answer_path: format!("/v1/feedback/{}", invitation.token),
                    token: invitation.token,
                    expires_at: invitation.survey.expires_at,
                }),
                etag(complaint.version),
            ))
        })
        .await
    }

    /// A complaint's survey invitations and their answers, newest first.
    #[oai(
        path = "/v1/complaints/:id/surveys",
        method = "get",
        operation_id = "list_surveys"
    )]
    async fn list_surveys(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ListSurveysResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let now = state.clock.now();
            let rows = service::of_complaint(&state, &actor, id.0).await?;
            Ok(ListSurveysResponse::Ok(Json(dto::SurveyList {
                items: rows.into_iter().map(|s| record(s, now)).collect(),
            })))
        })
        .await
    }

    /// The complainant's answer to a satisfaction survey, through the link they were sent. No
    /// login: the token is the credential, and it works once.
    #[oai(
        path = "/v1/feedback/:token",
        method = "post",
        operation_id = "submit_feedback"
    )]
    async fn submit_feedback(
        &self,
        state: Data<&AppState>,
        /// The link token from the invitation.
        #[oai(validator(pattern = r"^[A-Za-z0-9_\-]{43}$"))]
        token: Path<String>,
        body: Json<Located<dto::Feedback>>,
    ) -> FeedbackResponse {
        respond(async {
            let b = body.0.0;
            service::answer(
                &state,
                &token.0,
                Answer {
                    outcome_score: b.outcome_score,
                    handling_score: b.handling_score,
                    comment: dto::text(b.comment),
                },
            )
            .await?;
            Ok(FeedbackResponse::Recorded)
        })
        .await
    }
}
