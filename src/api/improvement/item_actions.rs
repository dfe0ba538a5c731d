//! `/v1/improvements/{id}/actions/...`: the PDCA actions on an improvement item, one typed
//! operation per action, each under `If-Match`.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Header, Path},
    payload::Json,
};
use serde_json::json;
use uuid::Uuid;

use crate::api::{
    ApiTags, clamp_instant, dto, etag,
    kit::{locate::Located, precondition::IfMatchHeader},
    respond,
};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::Permission,
    service::improvement::{
        backlog::{self as service, ItemInput, Plan, Task},
        recurrence::DEFAULT_LAG_DAYS,
    },
    state::AppState,
};

api_response! {
    pub enum ItemActionResponse {
        /// The item after the action.
        #[oai(status = 200)]
        Ok(
            Json<dto::Improvement>,
            /// The item's new version.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// Only analysts and admins move items.
        Forbidden = 403,
        /// No such item.
        NotFound = 404,
        /// `invalid_transition` from this state, or `guard_failed` with the missing data in
        /// `reason`.
        Conflict = 409,
        /// `If-Match` does not name the item's current version.
        PreconditionFailed = 412,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The body breaks a rule the schema cannot express (a baseline that ends before it
        /// starts or lies ahead, a due day or go-live out of bounds, an unknown task).
        Unprocessable = 422,
        /// `If-Match` is missing.
        PreconditionRequired = 428,
    }
}

async fn run(
    state: &AppState,
    auth: &BearerAuth,
    id: Uuid,
    if_match: IfMatchHeader,
    input: ItemInput,
) -> ItemActionResponse {
    respond(async {
        let actor = auth.require(Permission::ManageImprovements)?;
        let expected = if_match.require("improvement item")?;
        let item = service::act(state, &actor, id, expected.versions(), input).await?;
        let tag = etag(item.item.version);
        Ok(ItemActionResponse::Ok(Json(item.try_into()?), tag))
    })
    .await
}
#[derive(Debug)]
pub struct ItemActionsApi;

#[OpenApi(tag = "ApiTags::Improvement")]
impl ItemActionsApi {
    /// Triage: set priority and owner (`proposed` to `triaged`).
    #[oai(
        path = "/v1/improvements/:id/actions/triage",
        method = "post",
        operation_id = "triage_improvement"
    )]
    async fn triage(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::TriageAction>>,
    ) -> ItemActionResponse {
        let b = body.0.0;
        let input = ItemInput::Triage {
            priority: dto::enum_text(&b.priority),
            owner: b.owner.into_inner(),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Plan: the problem, whether customers who did not complain could be affected, the
    /// baseline and the success criterion (`triaged` to `plan`).
    ///
    /// In `plan`, for instance after `iterate`, it revises the plan: the new one replaces the
    /// last, which the audit trail keeps. Once `start` is taken, `iterate` first.
    #[oai(
        path = "/v1/improvements/:id/actions/plan",
        method = "post",
        operation_id = "plan_improvement"
    )]
    async fn plan(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::PlanAction>>,
    ) -> ItemActionResponse {
        let b = body.0.0;
        let input = ItemInput::Plan(Plan {
            problem_statement: b.problem_statement.into_inner(),
            others_affected: dto::enum_text(&b.others_affected),
            others_affected_note: dto::text(b.others_affected_note),
            baseline_from: b.baseline_from.0,
            baseline_to: b.baseline_to.0,
            target_reduction_pct: b.target_reduction_pct,
            measurement_days: b.measurement_days,
            lag_days: b.lag_days.into_option().unwrap_or(DEFAULT_LAG_DAYS),
        });
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Do: the tasks, each with an owner and due date (`plan` to `do`).
    #[oai(
        path = "/v1/improvements/:id/actions/start",
        method = "post",
        operation_id = "start_improvement"
    )]
    async fn start(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::StartAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Start {
            tasks: body
                .0
                .0
                .tasks
                .into_iter()
                .map(|t| Task {
                    description: t.description.into_inner(),
                    owner: t.owner.into_inner(),
                    due_on: t.due_on.0,
                })
                .collect(),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record a task's progress (in `do`).
    #[oai(
        path = "/v1/improvements/:id/actions/update_task",
        method = "post",
        operation_id = "update_improvement_task"
    )]
    async fn update_task(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::UpdateTaskAction>>,
    ) -> ItemActionResponse {
        let b = body.0.0;
        let input = ItemInput::UpdateTask {
            task_id: b.task_id,
            status: dto::enum_text(&b.status),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Record when the change went live (in `do`); the check measures from then plus the lag.
    #[oai(
        path = "/v1/improvements/:id/actions/go_live",
        method = "post",
        operation_id = "go_live_improvement"
    )]
    async fn go_live(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::GoLiveAction>>,
    ) -> ItemActionResponse {
        let b = body.0.0;
        let input = ItemInput::GoLive {
            went_live_at: clamp_instant(b.went_live_at),
            change_reference: dto::text(b.change_reference),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Check: Recourse compares the cause's complaint rate in the baseline window with the
    /// window after go-live and gives a verdict (`do` to `check`; again from `check`). Refused
    /// until the measurement window has ended.
    #[oai(
        path = "/v1/improvements/:id/actions/check",
        method = "post",
        operation_id = "check_improvement"
    )]
    async fn check(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        _body: Json<Located<dto::NoteAction>>,
    ) -> ItemActionResponse {
        run(&state, &auth, id.0, if_match.0, ItemInput::Check).await
    }

    /// Act: record what was standardised after an effective fix (`check` to `act`).
    #[oai(
        path = "/v1/improvements/:id/actions/act",
        method = "post",
        operation_id = "act_improvement"
    )]
    async fn act(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::Standardisation>>,
    ) -> ItemActionResponse {
        let b = body.0.0;
        let standardisation = json!({
            "policy": dto::text(b.policy),
            "training": dto::text(b.training),
            "control": dto::text(b.control),
            "note": dto::text(b.note),
        });
        run(
            &state,
            &auth,
            id.0,
            if_match.0,
            ItemInput::Act { standardisation },
        )
        .await
    }

    /// Iterate: back to `plan` with a new hypothesis (from `check` or `act`).
    #[oai(
        path = "/v1/improvements/:id/actions/iterate",
        method = "post",
        operation_id = "iterate_improvement"
    )]
    async fn iterate(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReasonAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Iterate {
            reason: body.0.0.reason.into_inner(),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Close an item after `act`. The rules keep watching its cause: a recurrence reopens it.
    #[oai(
        path = "/v1/improvements/:id/actions/close",
        method = "post",
        operation_id = "close_improvement"
    )]
    async fn close(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::NoteAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Close {
            note: dto::text(body.0.0.note),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Reject an item, keeping the rationale (from `proposed` or `triaged`).
    #[oai(
        path = "/v1/improvements/:id/actions/reject",
        method = "post",
        operation_id = "reject_improvement"
    )]
    async fn reject(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReasonAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Reject {
            reason: body.0.0.reason.into_inner(),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Merge a duplicate into another open item (from `proposed` or `triaged`).
    #[oai(
        path = "/v1/improvements/:id/actions/merge",
        method = "post",
        operation_id = "merge_improvement"
    )]
    async fn merge(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::MergeAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Merge {
            into: body.0.0.into,
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Put an open item on hold, with a reason.
    #[oai(
        path = "/v1/improvements/:id/actions/hold",
        method = "post",
        operation_id = "hold_improvement"
    )]
    async fn hold(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        body: Json<Located<dto::ReasonAction>>,
    ) -> ItemActionResponse {
        let input = ItemInput::Hold {
            reason: body.0.0.reason.into_inner(),
        };
        run(&state, &auth, id.0, if_match.0, input).await
    }

    /// Resume an item on hold, in the state it was held from.
    #[oai(
        path = "/v1/improvements/:id/actions/resume",
        method = "post",
        operation_id = "resume_improvement"
    )]
    async fn resume(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        id: Path<Uuid>,
        /// The item's current ETag, as in `If-Match: "3"`. Required: 428 without
        /// it; 400 if it is not `*` or a list of quoted entity tags.
        #[oai(name = "If-Match")]
        if_match: Header<IfMatchHeader>,
        _body: Json<Located<dto::NoteAction>>,
    ) -> ItemActionResponse {
        run(&state, &auth, id.0, if_match.0, ItemInput::Resume).await
    }
}
