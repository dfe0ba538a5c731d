//! `/v1/complaints/{id}/actions/{action}`: the procedure, one typed operation per action.
//! Every action needs `If-Match`; a refusal is 409 with `invalid_transition` or
//! `guard_failed` and the rule in `reason`.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use uuid::Uuid;

use crate::api::kit::problem::UnavailableReason;
use crate::api::{
    ApiTags, clamp_instant, dto, etag,
    kit::strict::{NoNull, StrictString},
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::domain::rule::{RefusalKind, Rule};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::Permission,
    error::ApiError,
    service::cases::actions::{self as service, ActionInput, Finding, Remedy},
    state::AppState,
};

api_response! {
    pub enum ActionResponse {
        /// The complaint after the action, with its timers.
        #[oai(status = 200)]
        Ok(
            Json<dto::Complaint>,
            /// The complaint's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow procedure actions.
        Forbidden = 403,
        /// No such complaint in the caller's scope.
        NotFound = 404,
        /// The action is refused: `invalid_transition` from this state, or `guard_failed` with
        /// the rule in `reason`.
        Conflict = 409,
        /// `If-Match` does not name the current version: reload and retry.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The body breaks a rule the schema cannot express (an instant before the event it
        /// follows or in the future, an unknown root cause; `field` names it).
        Unprocessable = 422,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

pub(crate) fn remedies(list: Vec<dto::RemedyInput>) -> Result<Vec<Remedy>, ApiError> {
    list.into_iter()
        .enumerate()
        .map(|(i, r)| {
            let amount = r.amount_minor.into_option();
            let currency = dto::text(r.currency);
            if amount.is_some() != currency.is_some() {
                return Err(ApiError::invalid_field(
                    &format!("remedies[{i}]"),
                    "give amount_minor and currency together, or neither",
                ));
            }
            Ok(Remedy {
                kind: dto::enum_text(&r.kind),
                amount_minor: amount,
                currency,
                status: dto::enum_text(&r.status.into_option().unwrap_or(dto::RemedyStatus::Due)),
                description: dto::text(r.description),
            })
        })
        .collect()
}

pub(crate) fn finding(
    outcome: dto::Outcome,
    primary_cause: NoNull<StrictString>,
    rca_pending: NoNull<bool>,
    list: NoNull<Vec<dto::RemedyInput>>,
) -> Result<Finding, ApiError> {
    Ok(Finding {
        outcome: outcome.into(),
        primary_cause: dto::text(primary_cause),
        rca_pending: rca_pending.into_option().unwrap_or(false),
        remedies: remedies(list.into_option().unwrap_or_default())?,
    })
}

async fn run(
    state: &AppState,
    auth: &BearerAuth,
    id: Uuid,
    if_match: IfMatchHeader,
    input: Result<ActionInput, ApiError>,
) -> ActionResponse {
    respond(async {
        let actor = auth.require(Permission::ActOnComplaint)?;
        let expected = if_match.require("complaint")?;
        let acted = service::act(state, &actor, id, expected.versions(), input?).await?;
        let tag = etag(acted.complaint.version);
        let complaint = super::with_timers(state, acted.complaint, acted.timers).await?;
        Ok(ActionResponse::Ok(Json(complaint), tag))
    })
    .await
}

api_response! {
    pub enum ListActionsResponse {
        /// The actions.
        #[oai(status = 200)]
        Ok(
            Json<dto::ActionList>,
            /// The complaint's current version.
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

#[derive(Debug)]
pub struct ActionsApi;

#[OpenApi(tag = "ApiTags::Procedure")]
impl ActionsApi {
    /// Acknowledge the complaint (at stage 2: the escalation). Meets the acknowledgement
    /// target and starts the timers that run from acknowledgement.
    #[oai(
        path = "/v1/complaints/:id/actions/acknowledge",
        method = "post",
        operation_id = "acknowledge"
    )]
    async fn acknowledge(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::AcknowledgeAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::Acknowledge {
            communication: body.0.0.communication.into(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Start investigating an acknowledged complaint.
    #[oai(
        path = "/v1/complaints/:id/actions/start_investigation",
        method = "post",
        operation_id = "start_investigation"
    )]
    async fn start_investigation(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::NoteAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::StartInvestigation {
            note: dto::text(body.0.0.note),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Ask for information. Regulatory deadlines keep running.
    #[oai(
        path = "/v1/complaints/:id/actions/request_information",
        method = "post",
        operation_id = "request_information"
    )]
    async fn request_information(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::RequestInformationAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::RequestInformation {
            what: b.what.into_inner(),
            note: dto::text(b.note),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record that the information asked for arrived.
    #[oai(
        path = "/v1/complaints/:id/actions/information_received",
        method = "post",
        operation_id = "information_received"
    )]
    async fn information_received(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::NoteAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::InformationReceived {
            note: dto::text(body.0.0.note),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Send the response with its outcome and remedies. Meets the stage's response deadline;
    /// an upheld outcome needs a primary root cause; redress above the approval threshold
    /// needs a team leader's approval first.
    #[oai(
        path = "/v1/complaints/:id/actions/issue_response",
        method = "post",
        operation_id = "issue_response"
    )]
    async fn issue_response(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::IssueResponseAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = finding(b.outcome, b.primary_cause, b.rca_pending, b.remedies).map(|finding| {
            ActionInput::IssueResponse {
                finding,
                communication: b.communication.into(),
            }
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Close a responded complaint: needs an outcome and every remedy settled.
    #[oai(
        path = "/v1/complaints/:id/actions/close",
        method = "post",
        operation_id = "close"
    )]
    async fn close(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::NoteAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::Close {
            note: dto::text(body.0.0.note),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record that the complainant withdrew the complaint; running timers stop.
    #[oai(
        path = "/v1/complaints/:id/actions/withdraw",
        method = "post",
        operation_id = "withdraw"
    )]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::WithdrawAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::Withdraw {
            reason: dto::text(body.0.0.reason),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Assign the complaint to a handler of its team. An `assignee` who is not a user of the
    /// complaint's team is 422 naming `assignee`, alike for an id of another team and an id
    /// nobody holds.
    #[oai(
        path = "/v1/complaints/:id/actions/assign",
        method = "post",
        operation_id = "assign"
    )]
    async fn assign(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::AssignAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::Assign {
            assignee: body.0.0.assignee.into_inner(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Escalate a responded complaint to stage 2; the stage-2 timers start from the
    /// request's receipt (`received_at`, now by default).
    #[oai(
        path = "/v1/complaints/:id/actions/escalate",
        method = "post",
        operation_id = "escalate"
    )]
    async fn escalate(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::EscalateAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::Escalate {
            reason: dto::text(b.reason),
            received_at: b.received_at.into_option().map(clamp_instant),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Reopen a closed complaint or one rejected as not a complaint (team leaders, with a reason).
    #[oai(
        path = "/v1/complaints/:id/actions/reopen",
        method = "post",
        operation_id = "reopen"
    )]
    async fn reopen(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReopenAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::Reopen {
            reason: body.0.0.reason.into_inner(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Resolve the complaint summarily inside the profile's window: it closes, and the
    /// summary-resolution deadline is met.
    #[oai(
        path = "/v1/complaints/:id/actions/resolve_summarily",
        method = "post",
        operation_id = "resolve_summarily"
    )]
    async fn resolve_summarily(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ResolveSummarilyAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::ResolveSummarily {
            outcome: b.outcome.into(),
            primary_cause: dto::text(b.primary_cause),
            communication: b.communication.into(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Propose a response for a team leader's approval: the case waits in `pending_approval`
    /// with the proposed outcome and remedies.
    #[oai(
        path = "/v1/complaints/:id/actions/propose_response",
        method = "post",
        operation_id = "propose_response"
    )]
    async fn propose_response(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ProposeResponseAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let note = dto::text(b.note);
        let input = finding(b.outcome, b.primary_cause, b.rca_pending, b.remedies)
            .map(|finding| ActionInput::ProposeResponse { finding, note });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Return a proposed response for rework (team leaders, with a reason); the proposal's
    /// remedies are withdrawn.
    #[oai(
        path = "/v1/complaints/:id/actions/return_for_rework",
        method = "post",
        operation_id = "return_for_rework"
    )]
    async fn return_for_rework(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReasonAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::ReturnForRework {
            reason: body.0.0.reason.into_inner(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Approve the proposed response (team leaders other than its handler); it can then be
    /// issued as proposed.
    #[oai(
        path = "/v1/complaints/:id/actions/approve_response",
        method = "post",
        operation_id = "approve_response"
    )]
    async fn approve_response(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::NoteAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::ApproveResponse {
            note: dto::text(body.0.0.note),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Extend a running timer where the profile allows it (team leaders): with the notice the
    /// profile requires, recorded before the current due instant, and within the cap.
    #[oai(
        path = "/v1/complaints/:id/actions/extend",
        method = "post",
        operation_id = "extend"
    )]
    async fn extend(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ExtendAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::Extend {
            timer: b.timer.into_inner(),
            new_due_at: clamp_instant(b.new_due_at),
            reason: b.reason.into_inner(),
            notice: b.notice.into_option().map(Into::into),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record that the complainant referred the complaint to an ombudsman or scheme.
    #[oai(
        path = "/v1/complaints/:id/actions/refer",
        method = "post",
        operation_id = "refer"
    )]
    async fn refer(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReferAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::Refer {
            scheme: dto::enum_text(&b.scheme),
            reference: dto::text(b.reference),
            referred_at: b.referred_at.into_option().map(clamp_instant),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record the ombudsman's or scheme's decision and the remedies it ordered; the complaint
    /// closes, or, while a remedy is due, stays referred until they are settled and it is
    /// closed.
    #[oai(
        path = "/v1/complaints/:id/actions/record_referral_outcome",
        method = "post",
        operation_id = "record_referral_outcome"
    )]
    async fn record_referral_outcome(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::RecordReferralOutcomeAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = remedies(b.remedies.into_option().unwrap_or_default()).map(|remedies| {
            ActionInput::RecordReferralOutcome {
                decision: dto::enum_text(&b.decision),
                decided_at: b.decided_at.into_option().map(clamp_instant),
                note: dto::text(b.note),
                remedies,
            }
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record that this is not a complaint (team leaders, with a reason); timers stop. A team
    /// leader can reopen it.
    #[oai(
        path = "/v1/complaints/:id/actions/reject_scope",
        method = "post",
        operation_id = "reject_scope"
    )]
    async fn reject_scope(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReasonAction>>,
    ) -> ActionResponse {
        let input = Ok(ActionInput::RejectScope {
            reason: body.0.0.reason.into_inner(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Transfer the complaint to the organisation responsible for it (team leaders).
    #[oai(
        path = "/v1/complaints/:id/actions/transfer",
        method = "post",
        operation_id = "transfer"
    )]
    async fn transfer(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The complaint's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::TransferAction>>,
    ) -> ActionResponse {
        let b = body.0.0;
        let input = Ok(ActionInput::Transfer {
            to: b.to.into_inner(),
            reason: b.reason.into_inner(),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// What the caller may do to the complaint now, by state, role and the guards the case
    /// decides; with `all=true`, every action, each unavailable one with its reason.
    #[oai(
        path = "/v1/complaints/:id/actions",
        method = "get",
        operation_id = "list_actions"
    )]
    async fn list_actions(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// List every action, with the reason each unavailable one is refused.
        all: Query<Option<bool>>,
    ) -> ListActionsResponse {
        respond(async {
            let actor = auth.require(Permission::ReadComplaint)?;
            let (complaint, items) = service::available(&state, &actor, id.0).await?;
            let may_act = auth.require(Permission::ActOnComplaint).is_ok();
            let items = items
                .into_iter()
                .map(|a| {
                    let refusal = if may_act {
                        a.refusal.map(|r| (r.code, r.detail))
                    } else {
                        Some((
                            RefusalKind::Guard(Rule::Role),
                            "your roles take no procedure actions".into(),
                        ))
                    };
                    dto::ActionAvailability {
                        action: a.action.into(),
                        available: refusal.is_none(),
                        reason: refusal.as_ref().map(|(code, _)| UnavailableReason(*code)),
                        detail: refusal.map(|(_, detail)| detail),
                    }
                })
                .filter(|a| all.0.unwrap_or(false) || a.available)
                .collect();
            let tag = etag(complaint.version);
            Ok(ListActionsResponse::Ok(
                Json(dto::ActionList {
                    state: crate::service::stored::stored::<crate::domain::case::complaint::State>(
                        "complaints.state",
                        &complaint.state,
                    )?
                    .into(),
                    stage: complaint.stage,
                    version: complaint.version,
                    items,
                }),
                tag,
            ))
        })
        .await
    }
}
