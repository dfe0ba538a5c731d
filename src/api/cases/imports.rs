//! `/v1/imports/complaints`: complaints handled in another system, imported with their history.

use poem::web::Data;
use poem_openapi::{OpenApi, payload::Json};

use crate::api::{
    ApiTags,
    cases::actions::{finding, remedies},
    clamp_instant,
    dto::{self, HistoryAction as A, HistoryEntry},
    etag,
    kit::locate::Located,
    respond,
};
use crate::{
    api_response,
    auth::BearerAuth,
    domain::access::rbac::{Permission, Role},
    error::ApiError,
    service::cases::actions::{ActionInput, Communication},
    service::cases::import::{self as service, ImportCase, Imported, Source, Step},
    state::AppState,
};

api_response! {
    pub enum ImportResponse {
        /// The case was imported.
        #[oai(status = 201)]
        Created(
            Json<dto::Complaint>,
            /// Where the complaint lives.
            #[oai(header = "Location")] String,
            /// The complaint's version, for `If-Match`.
            #[oai(header = "ETag")] String,
        ),
        /// The case was imported before from the same source: the complaint as it is now,
        /// unchanged by this request.
        #[oai(status = 200)]
        Ok(
            Json<dto::Complaint>,
            /// The complaint's version, for `If-Match`.
            #[oai(header = "ETag")] String,
        ),
    }
    errors {
        /// The caller's roles do not allow importing complaints, or not for this team.
        Forbidden = 403,
        /// The source id was imported by another caller.
        Conflict = 409,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
        /// The case breaks a rule: an intake rule of the complaint (`complaint.category`),
        /// or a history the procedure does not allow, named by its entry (`history[3]`,
        /// `history[3].at`, `history[3].outcome`): out of order, in the future, a transition
        /// or guard the procedure refuses (`reason` names the guard), a close with remedies
        /// unsettled.
        Unprocessable = 422,
    }
}

api_response! {
    pub enum ImportBatchResponse {
        /// Each case's outcome: imported, imported before, or refused and why.
        #[oai(status = 200)]
        Ok(Json<dto::ImportReport>),
    }
    errors {
        /// The caller's roles do not allow importing complaints.
        Forbidden = 403,
        /// The request body is larger than the service accepts.
        PayloadTooLarge = 413,
        /// The request body is not `application/json`.
        UnsupportedMediaType = 415,
    }
}

/// Importing complaints from another system.
#[derive(Debug)]
pub struct ImportsApi;

#[OpenApi(tag = "ApiTags::Complaints")]
impl ImportsApi {
    /// Import a complaint handled in another system, with its history.
    ///
    /// The complaint is logged as it was received, then taken through each recorded action
    /// at its original instant and by its original person, under the same procedure, guards
    /// and deadline rules as a live action; the whole history is refused (422, naming the
    /// entry) if the procedure would not have allowed it, and nothing is written. Deadlines
    /// are met, breached or still running as the real instants make them, but nothing that
    /// happened before the import raises a webhook, an escalation or a breach notice. Every
    /// historical event keeps its instant and actor and is marked `imported`; the last event
    /// records the import itself (who, when, the source). An open case then goes on under
    /// the live procedure. Importing the same source id again changes nothing (200).
    #[oai(
        path = "/v1/imports/complaints",
        method = "post",
        operation_id = "import_complaint"
    )]
    async fn import_complaint(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::ImportCase>>,
    ) -> ImportResponse {
        respond(async {
            let importer = auth.require(Permission::ImportComplaints)?;
            let imported = service::import_one(&state, &importer, case(body.0.0)?).await?;
            let (created, model) = match imported {
                Imported::New(model) => (true, model),
                Imported::Already(model) => (false, model),
            };
            let (id, tag) = (model.id, etag(model.version));
            let timers = crate::service::cases::complaints::timers(&state, id).await?;
            let complaint = super::with_timers(&state, model, timers).await?;
            Ok(if created {
                ImportResponse::Created(Json(complaint), format!("/v1/complaints/{id}"), tag)
            } else {
                ImportResponse::Ok(Json(complaint), tag)
            })
        })
        .await
    }

    /// Import up to 500 complaints in one request.
    ///
    /// Each case is imported as `import_complaint` imports one, all or nothing, and a case
    /// refused does not stop the others: the answer says for each case whether it was
    /// imported, had been imported before, or was refused and why (the problem a single
    /// import would have answered, its `field` within the case). The batch commits once,
    /// and counts once against the caller's rate limit.
    #[oai(
        path = "/v1/imports/complaints/batch",
        method = "post",
        operation_id = "import_complaints"
    )]
    async fn import_complaints(
        &self,
        state: Data<&AppState>,
        auth: BearerAuth,
        body: Json<Located<dto::ImportBatch>>,
    ) -> ImportBatchResponse {
        respond(async {
            let importer = auth.require(Permission::ImportComplaints)?;
            let cases = body.0.0.cases;
            let sources: Vec<String> = cases.iter().map(|c| c.source.id.0.clone()).collect();
            let results =
                service::import_many(&state, &importer, cases.into_iter().map(case).collect())
                    .await?;
            Ok(ImportBatchResponse::Ok(Json(report(sources, results))))
        })
        .await
    }
}

fn report(sources: Vec<String>, results: Vec<Result<Imported, ApiError>>) -> dto::ImportReport {
    let mut report = dto::ImportReport {
        imported: 0,
        already_imported: 0,
        refused: 0,
        results: Vec::with_capacity(results.len()),
    };
    for (index, (source_id, result)) in sources.into_iter().zip(results).enumerate() {
        let mut row = dto::ImportResult {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            source_id,
            status: dto::ImportStatus::Refused,
            id: None,
            reference: None,
            problem: None,
        };
        match result {
            Ok(imported) => {
                let (status, m) = match imported {
                    Imported::New(m) => {
                        report.imported += 1;
                        (dto::ImportStatus::Imported, m)
                    }
                    Imported::Already(m) => {
                        report.already_imported += 1;
                        (dto::ImportStatus::AlreadyImported, m)
                    }
                };
                row.status = status;
                row.id = Some(m.id);
                row.reference = Some(m.reference);
            }
            Err(e) => {
                report.refused += 1;
                row.problem = Some(dto::ImportProblem {
                    code: e.code.as_str().to_owned(),
                    status: e.code.status(),
                    detail: e.detail,
                    field: e.field,
                });
            }
        }
        report.results.push(row);
    }
    report
}

/// A case as the service imports it; a field the action does not take, or one it needs and
/// lacks, is 422 naming it within the history (`history[2].outcome`).
fn case(c: dto::ImportCase) -> Result<ImportCase, ApiError> {
    let history = c
        .history
        .into_iter()
        .enumerate()
        .map(|(i, entry)| step(i, entry))
        .collect::<Result<_, _>>()?;
    Ok(ImportCase {
        source: Source {
            system: c.source.system.into_inner(),
            id: c.source.id.into_inner(),
        },
        logged_by: dto::text(c.logged_by),
        complaint: c.complaint.into(),
        history,
    })
}

/// The fields an action's entry may carry beyond `action`, `at`, `actor` and `role`.
fn takes(action: A) -> &'static [&'static str] {
    match action {
        A::Acknowledge => &["channel", "summary"],
        A::Assign => &["assignee"],
        A::StartInvestigation | A::InformationReceived | A::ApproveResponse | A::Close => &["note"],
        A::RequestInformation => &["what", "note"],
        A::ProposeResponse => &[
            "outcome",
            "primary_cause",
            "rca_pending",
            "remedies",
            "note",
        ],
        A::IssueResponse => &[
            "outcome",
            "primary_cause",
            "rca_pending",
            "remedies",
            "channel",
            "summary",
        ],
        A::ResolveSummarily => &["outcome", "primary_cause", "channel", "summary"],
        A::Extend => &["timer", "new_due_at", "reason", "channel", "summary"],
        A::Escalate | A::Withdraw => &["reason"],
        A::Refer => &["scheme", "reference"],
        A::RecordReferralOutcome => &["decision", "note", "remedies"],
        A::ReturnForRework | A::RejectScope | A::Reopen => &["reason"],
        A::Transfer => &["to", "reason"],
    }
}

fn step(i: usize, e: HistoryEntry) -> Result<Step, ApiError> {
    let field = |name: &str| format!("history[{i}].{name}");
    let given = [
        ("channel", e.channel.0.is_some()),
        ("summary", e.summary.0.is_some()),
        ("note", e.note.0.is_some()),
        ("reason", e.reason.0.is_some()),
        ("outcome", e.outcome.0.is_some()),
        ("primary_cause", e.primary_cause.0.is_some()),
        ("rca_pending", e.rca_pending.0.is_some()),
        ("remedies", e.remedies.0.is_some()),
        ("assignee", e.assignee.0.is_some()),
        ("what", e.what.0.is_some()),
        ("timer", e.timer.0.is_some()),
        ("new_due_at", e.new_due_at.0.is_some()),
        ("scheme", e.scheme.0.is_some()),
        ("reference", e.reference.0.is_some()),
        ("decision", e.decision.0.is_some()),
        ("to", e.to.0.is_some()),
    ];
    let action = e.action;
    let name = poem_openapi::types::ToJSON::to_json(&action)
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    if let Some((extra, _)) = given
        .iter()
        .find(|(f, present)| *present && !takes(action).contains(f))
    {
        return Err(ApiError::invalid_field(
            &field(extra),
            format!("{name} takes no {extra}"),
        ));
    }
    let required =
        |what: &str| ApiError::invalid_field(&field(what), format!("{name} needs {what}"));
    let at = clamp_instant(e.at);
    let letter = |channel: Option<dto::Channel>, summary| -> Result<Communication, ApiError> {
        Ok(Communication {
            channel: dto::enum_text(&channel.ok_or_else(|| required("channel"))?),
            sent_at: Some(at),
            summary: dto::text(summary),
        })
    };
    let input = match action {
        A::Acknowledge => ActionInput::Acknowledge {
            communication: letter(e.channel.into_option(), e.summary)?,
        },
        A::Assign => ActionInput::Assign {
            assignee: dto::text(e.assignee).ok_or_else(|| required("assignee"))?,
        },
        A::StartInvestigation => ActionInput::StartInvestigation {
            note: dto::text(e.note),
        },
        A::RequestInformation => ActionInput::RequestInformation {
            what: dto::text(e.what).ok_or_else(|| required("what"))?,
            note: dto::text(e.note),
        },
        A::InformationReceived => ActionInput::InformationReceived {
            note: dto::text(e.note),
        },
        A::ProposeResponse => ActionInput::ProposeResponse {
            finding: finding(
                e.outcome.into_option().ok_or_else(|| required("outcome"))?,
                e.primary_cause,
                e.rca_pending,
                e.remedies,
            )
            .map_err(|err| prefixed(err, i))?,
            note: dto::text(e.note),
        },
        A::ReturnForRework => ActionInput::ReturnForRework {
            reason: dto::text(e.reason).ok_or_else(|| required("reason"))?,
        },
        A::ApproveResponse => ActionInput::ApproveResponse {
            note: dto::text(e.note),
        },
        A::IssueResponse => ActionInput::IssueResponse {
            finding: finding(
                e.outcome.into_option().ok_or_else(|| required("outcome"))?,
                e.primary_cause,
                e.rca_pending,
                e.remedies,
            )
            .map_err(|err| prefixed(err, i))?,
            communication: letter(e.channel.into_option(), e.summary)?,
        },
        A::ResolveSummarily => ActionInput::ResolveSummarily {
            outcome: e
                .outcome
                .into_option()
                .ok_or_else(|| required("outcome"))?
                .into(),
            primary_cause: dto::text(e.primary_cause),
            communication: letter(e.channel.into_option(), e.summary)?,
        },
        A::Extend => ActionInput::Extend {
            timer: dto::text(e.timer).ok_or_else(|| required("timer"))?,
            new_due_at: clamp_instant(
                e.new_due_at
                    .into_option()
                    .ok_or_else(|| required("new_due_at"))?,
            ),
            reason: dto::text(e.reason).ok_or_else(|| required("reason"))?,
            notice: match e.channel.into_option() {
                Some(channel) => Some(letter(Some(channel), e.summary)?),
                None => None,
            },
        },
        A::Escalate => ActionInput::Escalate {
            reason: dto::text(e.reason),
            received_at: Some(at),
        },
        A::Refer => ActionInput::Refer {
            scheme: dto::enum_text(&e.scheme.into_option().ok_or_else(|| required("scheme"))?),
            reference: dto::text(e.reference),
            referred_at: Some(at),
        },
        A::RecordReferralOutcome => ActionInput::RecordReferralOutcome {
            decision: dto::enum_text(
                &e.decision
                    .into_option()
                    .ok_or_else(|| required("decision"))?,
            ),
            decided_at: Some(at),
            note: dto::text(e.note),
            remedies: remedies(e.remedies.into_option().unwrap_or_default())
                .map_err(|err| prefixed(err, i))?,
        },
        A::Withdraw => ActionInput::Withdraw {
            reason: dto::text(e.reason),
        },
        A::RejectScope => ActionInput::RejectScope {
            reason: dto::text(e.reason).ok_or_else(|| required("reason"))?,
        },
        A::Transfer => ActionInput::Transfer {
            to: dto::text(e.to).ok_or_else(|| required("to"))?,
            reason: dto::text(e.reason).ok_or_else(|| required("reason"))?,
        },
        A::Close => ActionInput::Close {
            note: dto::text(e.note),
        },
        A::Reopen => ActionInput::Reopen {
            reason: dto::text(e.reason).ok_or_else(|| required("reason"))?,
        },
    };
    Ok(Step {
        at,
        actor: e.actor.into_inner(),
        role: e.role.into_option().map(|r| match r {
            dto::HistoryRole::Agent => Role::Agent,
            dto::HistoryRole::TeamLeader => Role::TeamLeader,
        }),
        input,
    })
}

/// An error about a field of an entry (`remedies[0]`), named within the history.
fn prefixed(mut e: ApiError, i: usize) -> ApiError {
    e.field = Some(match e.field.take() {
        Some(f) => format!("history[{i}].{f}"),
        None => format!("history[{i}]"),
    });
    e
}
