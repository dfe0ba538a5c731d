//! `/v1/root-causes`, `/v1/categories`, `/v1/recurrence-rules`: the cause taxonomy, the
//! complaint categories and the rules that turn recurring causes into improvement items.

use poem::web::Data;
use poem_openapi::{
    OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::api::{ApiTags, dto, kit::locate::Located, respond};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::{
        access::rbac::Permission, improvement::recurrence::Params, improvement::taxonomy::GROUPS,
    },
    service::{
        improvement::recurrence, improvement::taxonomy as service, improvement::taxonomy::Change,
    },
    state::AppState,
};

api_response! {
    pub enum ListRootCausesResponse {
        /// The taxonomy.
        #[oai(status = 200)]
        Ok(Json<dto::RootCauseList>),
    }
    errors {
        /// The caller's roles do not allow this.
        Forbidden = 403,
    }
}

api_response! {
    pub enum RootCauseResponse {
        /// The code as it now stands, and the taxonomy's new version.
        #[oai(status = 200)]
        Ok(Json<dto::RootCauseChange>),
    }
    errors {
        /// Only admins keep the taxonomy.
        Forbidden = 403,
        /// No such code.
        NotFound = 404,
        /// The code exists already, or is not active (`guard_failed`, `code_not_active`).
        Conflict = 409,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The code's group is unknown, or the merge target is not an active code.
        Unprocessable = 422,
    }
}

api_response! {
    pub enum ListCategoriesResponse {
        /// The categories.
        #[oai(status = 200)]
        Ok(Json<dto::CategoryList>),
    }
    errors {
        /// The caller's roles do not allow this.
        Forbidden = 403,
        /// `product` is not in the catalogue (`detail` lists its products).
        Unprocessable = 422,
    }
}

api_response! {
    pub enum SetCategoryResponse {
        /// The category as it now stands.
        #[oai(status = 200)]
        Ok(Json<dto::Category>),
    }
    errors {
        /// Only admins keep categories.
        Forbidden = 403,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
    }
}

api_response! {
    pub enum RecurrenceRulesResponse {
        /// The rules' parameters.
        #[oai(status = 200)]
        Ok(Json<dto::RecurrenceRulesSetting>),
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

api_response! {
    pub enum RunRecurrenceResponse {
        /// What the run did.
        #[oai(status = 200)]
        Ok(Json<dto::RecurrenceRun>),
    }
    errors {
        /// The caller's roles do not allow this.
        Forbidden = 403,
    }
}

fn rules_dto(p: Params) -> dto::RecurrenceRules {
    dto::RecurrenceRules {
        threshold_enabled: p.threshold_enabled,
        min_cases: p.min_cases,
        window_days: p.window_days,
        by_product: p.by_product,
        systemic_enabled: p.systemic_enabled,
        spread_enabled: p.spread_enabled,
        min_spread: p.min_spread,
        post_fix_enabled: p.post_fix_enabled,
    }
}

fn changed(
    r: Result<(entity::root_cause::Model, i64), crate::error::ApiError>,
) -> Result<RootCauseResponse, crate::error::ApiError> {
    let (row, version) = r?;
    Ok(RootCauseResponse::Ok(Json(dto::RootCauseChange {
        root_cause: row.try_into()?,
        version,
    })))
}

#[derive(Debug)]
pub struct RootCausesApi;

#[OpenApi(tag = "ApiTags::Improvement")]
impl RootCausesApi {
    /// The root-cause taxonomy: ten groups and their `L1.L2` codes, deprecated and merged ones
    /// included, with the taxonomy's version.
    #[oai(
        path = "/v1/root-causes",
        method = "get",
        operation_id = "list_root_causes"
    )]
    async fn list_root_causes(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> ListRootCausesResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let (rows, version) = service::list(&state).await?;
            Ok(ListRootCausesResponse::Ok(Json(dto::RootCauseList {
                version,
                groups: GROUPS
                    .iter()
                    .map(|g| dto::RootCauseGroup {
                        code: g.code.to_owned(),
                        label: g.label.to_owned(),
                    })
                    .collect(),
                items: rows
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?,
            })))
        })
        .await
    }

    /// Add a code (admins). Codes are never deleted or reused.
    #[oai(
        path = "/v1/root-causes",
        method = "post",
        operation_id = "add_root_cause"
    )]
    async fn add_root_cause(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::NewRootCause>>,
    ) -> RootCauseResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            let b = body.0.0;
            let code = b.code.into_inner();
            let change = Change::Add {
                code: code.clone(),
                label: b.label.into_inner(),
                definition: b.definition.into_inner(),
            };
            changed(service::change(&state, &actor, &code, change).await)
        })
        .await
    }

    /// Rename a code or reword its definition (admins).
    #[oai(
        path = "/v1/root-causes/:code",
        method = "patch",
        operation_id = "rename_root_cause"
    )]
    async fn rename_root_cause(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The code.
        #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
        code: Path<String>,
        body: Json<Located<dto::RootCausePatch>>,
    ) -> RootCauseResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            let b = body.0.0;
            let change = Change::Rename {
                label: dto::text(b.label),
                definition: dto::text(b.definition),
            };
            changed(service::change(&state, &actor, &code.0, change).await)
        })
        .await
    }

    /// Deprecate a code (admins): kept for history, refused for new classifications.
    #[oai(
        path = "/v1/root-causes/:code/deprecate",
        method = "post",
        operation_id = "deprecate_root_cause"
    )]
    async fn deprecate_root_cause(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The code.
        #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
        code: Path<String>,
    ) -> RootCauseResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            changed(service::change(&state, &actor, &code.0, Change::Deprecate).await)
        })
        .await
    }

    /// Merge a code into a surviving one (admins): its history and trends follow the survivor.
    #[oai(
        path = "/v1/root-causes/:code/merge",
        method = "post",
        operation_id = "merge_root_cause"
    )]
    async fn merge_root_cause(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The code that goes.
        #[oai(validator(pattern = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$"))]
        code: Path<String>,
        body: Json<Located<dto::MergeRootCause>>,
    ) -> RootCauseResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            let change = Change::Merge {
                into: body.0.0.into.into_inner(),
            };
            changed(service::change(&state, &actor, &code.0, change).await)
        })
        .await
    }

    /// Complaint categories: what customers complain about, per product.
    #[oai(
        path = "/v1/categories",
        method = "get",
        operation_id = "list_categories"
    )]
    async fn list_categories(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// Only this product's: one in the catalogue, retired ones included.
        #[oai(validator(min_length = 1, max_length = 100))]
        product: Query<Option<String>>,
    ) -> ListCategoriesResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let rows = service::categories(&state, product.0.as_deref()).await?;
            Ok(ListCategoriesResponse::Ok(Json(dto::CategoryList {
                items: rows.into_iter().map(Into::into).collect(),
            })))
        })
        .await
    }

    /// Add or change a category (admins); `active: false` retires it, it is never deleted.
    #[oai(
        path = "/v1/categories/:product/:code",
        method = "put",
        operation_id = "set_category"
    )]
    async fn set_category(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        /// The product.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,99}$"))]
        product: Path<String>,
        /// The category code.
        #[oai(validator(pattern = r"^[a-z0-9][a-z0-9_\-]{0,99}$"))]
        code: Path<String>,
        body: Json<Located<dto::CategoryInput>>,
    ) -> SetCategoryResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            let b = body.0.0;
            let row = entity::category::Model {
                product: product.0,
                code: code.0,
                label: b.label.into_inner(),
                active: b.active.into_option().unwrap_or(true),
                updated_at: state.clock.now(),
            };
            let row = service::set_category(&state, &actor, row).await?;
            Ok(SetCategoryResponse::Ok(Json(row.into())))
        })
        .await
    }

    /// The recurrence rules' parameters.
    #[oai(
        path = "/v1/recurrence-rules",
        method = "get",
        operation_id = "get_recurrence_rules"
    )]
    async fn get_recurrence_rules(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> RecurrenceRulesResponse {
        respond(async {
            auth.require(Permission::ReadProfiles)?;
            let (p, version) = recurrence::current_params(&state).await?;
            Ok(RecurrenceRulesResponse::Ok(Json(
                dto::RecurrenceRulesSetting {
                    rules: rules_dto(p),
                    version,
                },
            )))
        })
        .await
    }

    /// Set the recurrence rules' parameters (admins); recorded in the audit log.
    #[oai(
        path = "/v1/recurrence-rules",
        method = "put",
        operation_id = "set_recurrence_rules"
    )]
    async fn set_recurrence_rules(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::RecurrenceRules>>,
    ) -> RecurrenceRulesResponse {
        respond(async {
            let actor = auth.require(Permission::ManageTaxonomy)?;
            let b = body.0.0;
            let p = Params {
                threshold_enabled: b.threshold_enabled,
                min_cases: b.min_cases,
                window_days: b.window_days,
                by_product: b.by_product,
                systemic_enabled: b.systemic_enabled,
                spread_enabled: b.spread_enabled,
                min_spread: b.min_spread,
                post_fix_enabled: b.post_fix_enabled,
            };
            let (p, version) = recurrence::set_params(&state, &actor, p).await?;
            Ok(RecurrenceRulesResponse::Ok(Json(
                dto::RecurrenceRulesSetting {
                    rules: rules_dto(p),
                    version,
                },
            )))
        })
        .await
    }

    /// Run the recurrence rules now over the last window (analysts, admins), as the schedule
    /// does.
    #[oai(
        path = "/v1/recurrence-rules/run",
        method = "post",
        operation_id = "run_recurrence_rules"
    )]
    async fn run_recurrence_rules(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
    ) -> RunRecurrenceResponse {
        respond(async {
            auth.require(Permission::ManageImprovements)?;
            let o = recurrence::run_all(&state).await?;
            Ok(RunRecurrenceResponse::Ok(Json(dto::RecurrenceRun {
                hits: o.hits,
                items_created: o.items_created,
                items_reopened: o.items_reopened,
                evidence_added: o.evidence_added,
            })))
        })
        .await
    }
}
