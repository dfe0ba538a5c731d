//! The examples the published spec shows for request bodies and the main responses, so that
//! "Try it out" in `/docs` starts from a body the service accepts. They tell one story: Priya
//! Shah, a current-account customer, was charged an unarranged-overdraft fee twice in
//! November; the branch promised a refund that never reached the back office. Her complaint
//! is handled under the FCA DISP profile by team `north`.
//!
//! Each example is written as the JSON a client sends or receives and parsed through the type
//! it illustrates, so a value the type refuses cannot reach the spec. Instants a request may
//! leave out (`sent_at`, `received_at`, `referred_at`, `decided_at`) are left out, as they
//! default to now and a fixed instant would soon be refused as before the event it follows.
//! `tests/api/contract.rs` checks every example against its published schema.

use poem_openapi::types::{Example, ParseFromJSON, Type};
use serde_json::{Value, json};

use super::*;
use crate::api::kit::problem::Problem;

/// The complaint the examples follow.
const COMPLAINT_ID: &str = "0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01";
const REFERENCE: &str = "CMP-2026-000123";
const HANDLER: &str = "agent-asha";

/// `value` as a `T`. A value `T` refuses is a mistake in this file, found by the contract
/// tests as soon as the spec is built.
fn parsed<T: ParseFromJSON + Type>(value: Value) -> T {
    match T::parse_from_json(Some(value)) {
        Ok(v) => v,
        Err(e) => panic!(
            "the example of {} does not parse: {}",
            T::name(),
            e.into_message()
        ),
    }
}

macro_rules! examples {
    ($($ty:ty => $json:expr;)+) => {
        $(impl Example for $ty {
            fn example() -> Self {
                parsed($json)
            }
        })+
    };
}

fn fee_refund() -> Value {
    json!({
        "kind": "fee_refund_or_waiver",
        "amount_minor": 2500,
        "currency": "GBP",
        "description": "Refund of the duplicated £25 unarranged-overdraft fee of 4 November."
    })
}

fn distress_payment() -> Value {
    json!({
        "kind": "distress_inconvenience_payment",
        "amount_minor": 5000,
        "currency": "GBP",
        "description": "For the time spent chasing the refund the branch promised."
    })
}

fn apology() -> Value {
    json!({
        "kind": "apology",
        "status": "completed",
        "description": "Written apology in the final response letter."
    })
}

fn timers() -> Value {
    json!([
        {
            "name": "acknowledgement",
            "stage": 1,
            "regulatory": false,
            "kind": "target",
            "state": "met",
            "started_at": "2026-11-23T09:14:00Z",
            "due_at": "2026-11-30T17:00:00Z",
            "due_local": {"date": "2026-11-30", "time": "17:00:00", "time_zone": "Europe/London"},
            "warn_at": ["2026-11-26T13:07:00Z", "2026-11-27T15:03:30Z"],
            "met_at": "2026-11-23T11:02:00Z",
            "beyond_calendar": false
        },
        {
            "name": "final_response",
            "stage": 1,
            "regulatory": true,
            "kind": "deadline",
            "state": "running",
            "started_at": "2026-11-23T09:14:00Z",
            "due_at": "2027-01-18T09:14:00Z",
            "due_local": {"date": "2027-01-18", "time": "09:14:00", "time_zone": "Europe/London"},
            "warn_at": ["2026-12-21T09:14:00Z", "2027-01-04T09:14:00Z"],
            "beyond_calendar": false
        }
    ])
}

fn complaint() -> Value {
    json!({
        "id": COMPLAINT_ID,
        "reference": REFERENCE,
        "state": "investigating",
        "stage": 1,
        "profile": "fca_disp",
        "team": "north",
        "assignee": HANDLER,
        "created_by": HANDLER,
        "complainant": {
            "name": "Priya Shah",
            "email": "priya.shah@example.co.uk",
            "phone": "+44 20 7946 0321",
            "customer_ref": "CUST-40817"
        },
        "channel": "phone",
        "product": "current_account",
        "category": "fees",
        "description": "I was charged the £25 unarranged-overdraft fee twice on 4 November. \
                        The branch told me on 6 November it would be refunded, but it has not been.",
        "remedy_sought": "Refund the duplicated fee and explain why the promised refund never arrived.",
        "received_at": "2026-11-23T09:14:00Z",
        "acknowledged_at": "2026-11-23T11:02:00Z",
        "vulnerable": false,
        "rca_pending": false,
        "approved": false,
        "next_due_at": "2027-01-18T09:14:00Z",
        "timers": timers(),
        "created_at": "2026-11-23T09:16:41Z",
        "updated_at": "2026-11-24T10:30:12Z",
        "version": 3
    })
}

fn rate(numerator: u32, denominator: u32, robust: bool) -> Value {
    let percent = f64::from(numerator) * 100.0 / f64::from(denominator);
    json!({
        "numerator": numerator,
        "denominator": denominator,
        "percent": (percent * 10.0).round() / 10.0,
        "robust": robust
    })
}

fn definition(name: &str, rule: &str) -> Value {
    json!({"name": name, "rule": rule})
}

fn fca_figures() -> Value {
    json!({
        "outstanding_at_start": 41,
        "opened": 212,
        "closed": 198,
        "closed_within_3_business_days": rate(87, 198, true),
        "closed_within_8_weeks": rate(104, 198, true),
        "closed_after_8_weeks": rate(7, 198, true),
        "upheld": rate(92, 198, true),
        "redress_paid": [{"currency": "GBP", "sum_minor": 1_284_550}]
    })
}

// Request bodies.
examples! {
    NewComplaint => json!({
        "complainant": {
            "name": "Priya Shah",
            "email": "priya.shah@example.co.uk",
            "phone": "+44 20 7946 0321",
            "customer_ref": "CUST-40817"
        },
        "channel": "phone",
        "product": "current_account",
        "category": "fees",
        "description": "I was charged the £25 unarranged-overdraft fee twice on 4 November. \
                        The branch told me on 6 November it would be refunded, but it has not been.",
        "remedy_sought": "Refund the duplicated fee and explain why the promised refund never arrived.",
        "profile": "fca_disp"
    });
    ImportCase => imported_case_json();
    ImportBatch => json!({"cases": [imported_case_json()]});
    ImportReport => json!({
        "imported": 1,
        "already_imported": 0,
        "refused": 1,
        "results": [
            {"index": 0, "source_id": "C-2025-01187", "status": "imported",
             "id": COMPLAINT_ID, "reference": "CMP-2025-000412"},
            {"index": 1, "source_id": "C-2025-01188", "status": "refused",
             "problem": {"code": "validation_failed", "status": 422,
                         "field": "history[2]", "reason": "remedies_unsettled",
                         "detail": "history[2] (close at 2025-04-02T09:00:00+00:00): every remedy must be completed or declined before closing"}}
        ]
    });
    ComplaintPatch => json!({
        "complainant": {"phone": "+44 7700 900123"},
        "reason": "The customer gave a new mobile number on the call back."
    });
    AcknowledgeAction => json!({
        "communication": {
            "channel": "email",
            "summary": "Acknowledged the complaint, gave reference CMP-2026-000123 and the name of the handler."
        }
    });
    NoteAction => json!({"note": "Branch notes and the fee history for November requested from the back office."});
    RequestInformationAction => json!({
        "what": "Ask the customer for the statement page showing both fees of 4 November.",
        "note": "Sent by secure message."
    });
    ProposeResponseAction => json!({
        "outcome": "upheld",
        "primary_cause": "PRC.HANDOFF",
        "remedies": [fee_refund(), distress_payment(), apology()],
        "note": "The branch raised the refund but it never reached the back office. £75 in all."
    });
    IssueResponseAction => json!({
        "outcome": "upheld",
        "primary_cause": "PRC.HANDOFF",
        "remedies": [fee_refund(), apology()],
        "communication": {
            "channel": "letter",
            "summary": "Final response: upheld. The duplicated fee is refunded; referral rights to the Financial Ombudsman Service given."
        }
    });
    ResolveSummarilyAction => json!({
        "outcome": "resolved",
        "communication": {
            "channel": "phone",
            "summary": "Refunded the duplicated fee on the call; the customer is satisfied. Summary resolution letter sent."
        }
    });
    AssignAction => json!({"assignee": HANDLER});
    EscalateAction => json!({
        "reason": "The customer disagrees with the £75 offered and asks for a review by a senior handler."
    });
    ExtendAction => json!({
        "timer": "acknowledgement",
        "new_due_at": "2026-12-02T17:00:00Z",
        "reason": "The customer asked to be called back after a hospital stay."
    });
    ReopenAction => json!({
        "reason": "The customer sent new evidence: a second duplicated fee on 5 November."
    });
    ReasonAction => json!({
        "reason": "A request to change the overdraft limit, not an expression of dissatisfaction."
    });
    TransferAction => json!({
        "to": "Northbank Cards Ltd",
        "reason": "The fee was charged on a credit card the bank's card partner issues and runs."
    });
    WithdrawAction => json!({"reason": "The customer found the refund on a later statement."});
    ReferAction => json!({
        "scheme": "financial_ombudsman_service",
        "reference": "PNX-4471823"
    });
    RecordReferralOutcomeAction => json!({
        "decision": "not_upheld",
        "note": "The ombudsman found the firm's offer fair and reasonable."
    });
    SettleRemedy => json!({
        "status": "completed",
        "note": "£25.00 credited to the current account, payment reference RF-2611-0042."
    });
    ClassificationInput => json!({
        "primary_cause": "PRC.HANDOFF",
        "contributing": ["COM.NOT_UPDATED"],
        "five_whys": [
            {"why": "Why was the fee not refunded?", "because": "The back office never received the branch's refund request."},
            {"why": "Why did the request not arrive?", "because": "Branches send refund requests by e-mail to a shared inbox nobody owns."}
        ],
        "potentially_systemic": true,
        "vulnerability_relevant": false,
        "lessons": "Refund requests need a tracked hand-off with an owner, not a shared inbox."
    });
    CategoryInput => json!({"label": "Fees and charges", "active": true});
    Feedback => json!({
        "outcome_score": 4,
        "handling_score": 5,
        "comment": "Sorted quickly once it reached the complaints team."
    });
    NewImprovement => json!({
        "title": "Track branch refund requests to the back office",
        "description": "Refunds promised in branch are lost between the branch and the back office.",
        "cause": "PRC.HANDOFF",
        "product": "current_account",
        "complaints": [COMPLAINT_ID]
    });
    TriageAction => json!({"priority": "high", "owner": "ops-lead-mark"});
    PlanAction => json!({
        "problem_statement": "Refunds promised in branch do not reach the back office: 14 complaints in 90 days.",
        "others_affected": "yes",
        "others_affected_note": "Customers who were promised a refund and did not complain; a look-back is planned.",
        "baseline_from": "2026-08-01",
        "baseline_to": "2026-10-31",
        "target_reduction_pct": 50,
        "measurement_days": 90,
        "lag_days": 14
    });
    StartAction => json!({
        "tasks": [
            {"description": "Replace the shared inbox with a refund request form in the case system.", "owner": "ops-lead-mark", "due_on": "2027-01-15"},
            {"description": "Brief branch staff on the new form.", "owner": "branch-trainer-ella", "due_on": "2027-01-29"}
        ]
    });
    UpdateTaskAction => json!({
        "task_id": "0193a5c0-1d2e-7f3a-8b4c-5d6e7f809a1b",
        "status": "done"
    });
    GoLiveAction => json!({
        "went_live_at": "2027-02-01T08:00:00Z",
        "change_reference": "CHG-2027-0117"
    });
    Standardisation => json!({
        "policy": "Refund policy section 4.2 now requires the tracked request form.",
        "training": "Added to the branch induction course.",
        "control": "Monthly check that every branch refund request is closed within 5 business days.",
        "note": "Fix held at 58% fewer complaints over 90 days."
    });
    MergeAction => json!({"into": "0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f"});
    InternalTargets => json!({
        "calendar": "uk-england-wales",
        "stages": 2,
        "acknowledgement_business_days": 2,
        "stage1_response_business_days": 10,
        "stage2_response_business_days": 20,
        "rca_pending_allowed": false
    });
    RecurrenceRules => json!({
        "threshold_enabled": true,
        "min_cases": 5,
        "window_days": 90,
        "by_product": true,
        "systemic_enabled": true,
        "spread_enabled": true,
        "min_spread": 2,
        "post_fix_enabled": true
    });
    NewRootCause => json!({
        "code": "PRC.REFUND_ROUTING",
        "label": "Refund routed to the wrong team",
        "definition": "A refund was agreed but sent to a team that cannot make it."
    });
    RootCausePatch => json!({"label": "Hand-off between teams failed"});
    MergeRootCause => json!({"into": "PRC.HANDOFF"});
    NewTeam => json!({"id": "north", "name": "North complaints team"});
    NewWebhook => json!({
        "url": "https://crm.example.co.uk/hooks/recourse",
        "event_types": ["complaint.created", "complaint.responded", "timer.breached"],
        "description": "CRM: show complaint status to branch staff.",
        "active": true
    });
    WebhookPatch => json!({"active": false, "description": "Paused during the CRM upgrade."});
    ReplayRange => json!({"from": "2026-11-23T00:00:00Z", "to": "2026-11-24T00:00:00Z"});
}

// Responses.
examples! {
    Complaint => complaint();
    ComplaintPage => json!({
        "items": [complaint()],
        "next_cursor": "MjAyNi0xMS0yM1QwOToxNDowMFp8MDE5M2E1YjI"
    });
    ActionList => json!({
        "state": "investigating",
        "stage": 1,
        "version": 3,
        "items": [
            {"action": "request_information", "available": true},
            {"action": "propose_response", "available": true},
            {"action": "issue_response", "available": true},
            {"action": "withdraw", "available": true}
        ]
    });
    RemedyRecord => json!({
        "id": "0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f01",
        "kind": "fee_refund_or_waiver",
        "amount_minor": 2500,
        "currency": "GBP",
        "status": "completed",
        "description": "Refund of the duplicated £25 unarranged-overdraft fee of 4 November.",
        "issued_at": "2026-12-10T15:00:00Z",
        "settled_at": "2026-12-11T09:20:00Z",
        "settled_by": HANDLER
    });
    RemedyList => json!({
        "items": [
            {
                "id": "0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f01",
                "kind": "fee_refund_or_waiver",
                "amount_minor": 2500,
                "currency": "GBP",
                "status": "due",
                "description": "Refund of the duplicated £25 unarranged-overdraft fee of 4 November.",
                "issued_at": "2026-12-10T15:00:00Z"
            },
            {
                "id": "0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f02",
                "kind": "apology",
                "status": "completed",
                "description": "Written apology in the final response letter.",
                "issued_at": "2026-12-10T15:00:00Z",
                "settled_at": "2026-12-10T15:00:00Z",
                "settled_by": HANDLER
            }
        ]
    });
    Classification => json!({
        "complaint_id": COMPLAINT_ID,
        "primary_cause": "PRC.HANDOFF",
        "contributing": ["COM.NOT_UPDATED"],
        "five_whys": [
            {"why": "Why was the fee not refunded?", "because": "The back office never received the branch's refund request."}
        ],
        "potentially_systemic": true,
        "vulnerability_relevant": false,
        "lessons": "Refund requests need a tracked hand-off with an owner, not a shared inbox.",
        "classified_by": "analyst-ravi",
        "classified_at": "2026-12-11T14:05:00Z",
        "taxonomy_version": 1
    });
    CategoryList => json!({
        "items": [
            {"product": "current_account", "code": "fees", "label": "Fees and charges", "active": true},
            {"product": "current_account", "code": "payments", "label": "Payments, transfers and direct debits", "active": true}
        ]
    });
    Improvement => json!({
        "id": "0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f",
        "title": "Track branch refund requests to the back office",
        "description": "Refunds promised in branch are lost between the branch and the back office.",
        "state": "do",
        "source": "recurrence",
        "rule": "threshold",
        "cause": "PRC.HANDOFF",
        "product": "current_account",
        "priority": "high",
        "owner": "ops-lead-mark",
        "plan": {
            "problem_statement": "Refunds promised in branch do not reach the back office: 14 complaints in 90 days.",
            "others_affected": "yes",
            "baseline_from": "2026-08-01",
            "baseline_to": "2026-10-31",
            "target_reduction_pct": 50,
            "measurement_days": 90,
            "lag_days": 14
        },
        "tasks": [{
            "id": "0193a5c0-1d2e-7f3a-8b4c-5d6e7f809a1b",
            "description": "Replace the shared inbox with a refund request form in the case system.",
            "owner": "ops-lead-mark",
            "due_on": "2027-01-15",
            "status": "open"
        }],
        "iteration": 1,
        "evidence_count": 14,
        "created_by": "system",
        "created_at": "2026-12-11T14:05:02Z",
        "updated_at": "2026-12-14T10:00:00Z",
        "version": 4
    });
    ImprovementPage => json!({
        "items": [{
            "id": "0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f",
            "title": "Track branch refund requests to the back office",
            "state": "triaged",
            "source": "recurrence",
            "rule": "threshold",
            "cause": "PRC.HANDOFF",
            "priority": "high",
            "owner": "ops-lead-mark",
            "tasks": [],
            "iteration": 1,
            "evidence_count": 14,
            "created_by": "system",
            "created_at": "2026-12-11T14:05:02Z",
            "updated_at": "2026-12-12T09:00:00Z",
            "version": 2
        }]
    });
    VolumesReport => json!({
        "in_scope": 212,
        "received": 212,
        "closed": 198,
        "breached": 3,
        "open": 55,
        "ageing": [
            {"bucket": "0-7d", "count": 31},
            {"bucket": "8-28d", "count": 17},
            {"bucket": "29-56d", "count": 6},
            {"bucket": ">56d", "count": 1}
        ],
        "series": [
            {"period_start": "2026-10-01", "received": 104, "closed": 97, "breached": 1},
            {"period_start": "2026-11-01", "received": 108, "closed": 101, "breached": 2}
        ],
        "definitions": [definition("received", "complaints received in the period")]
    });
    TimelinessReport => json!({
        "in_scope": 212,
        "acknowledged_in_time": rate(205, 212, true),
        "summary_resolved_in_window": rate(87, 212, true),
        "responded_in_time": rate(104, 111, true),
        "extended": rate(2, 212, true),
        "breaches": 3,
        "regulatory_breaches": 3,
        "missed_targets": 7,
        "lapsed_windows": 125,
        "responses": 111,
        "median_business_days_to_response": 12.0,
        "p90_business_days_to_response": 31.5,
        "definitions": [definition("responded_in_time", "responses sent by the stage's response deadline, of the responses sent")]
    });
    OutcomesReport => json!({
        "in_scope": 212,
        "decided": 198,
        "by_outcome": [
            {"outcome": "upheld", "count": 71},
            {"outcome": "partially_upheld", "count": 21},
            {"outcome": "not_upheld", "count": 79},
            {"outcome": "resolved", "count": 27}
        ],
        "upheld": rate(92, 198, true),
        "redress_paid": [{"currency": "GBP", "count": 88, "sum_minor": 1_284_550, "mean_minor": 14597.16}],
        "redress_paid_by_kind": [
            {"currency": "GBP", "kind": "fee_refund_or_waiver", "count": 61, "sum_minor": 402_500, "mean_minor": 6598.36}
        ],
        "referral_decided": 4,
        "by_referral_outcome": [{"outcome": "not_upheld", "count": 3}, {"outcome": "upheld", "count": 1}],
        "ombudsman_redress_paid": [{"currency": "GBP", "count": 1, "sum_minor": 15_000, "mean_minor": 15000.0}],
        "definitions": [definition("upheld", "upheld or partially upheld, of the complaints with a finding")]
    });
    FlowReport => json!({
        "in_scope": 212,
        "closed_at_stage1": rate(190, 198, true),
        "escalated": rate(8, 198, true),
        "reopened": rate(2, 198, true),
        "referred": rate(5, 198, true),
        "overturned": rate(1, 4, false),
        "definitions": [definition("escalated", "complaints escalated to stage 2, of those with a finding")]
    });
    ParetoReport => json!({
        "in_scope": 212,
        "classified": 92,
        "items": [
            {"cause": "PRC.HANDOFF", "count": 31, "share_percent": 33.7, "cumulative_percent": 33.7},
            {"cause": "POL.PRICING_FEES", "count": 19, "share_percent": 20.7, "cumulative_percent": 54.3},
            {"cause": "COM.NOT_UPDATED", "count": 12, "share_percent": 13.0, "cumulative_percent": 67.4}
        ],
        "definitions": [definition("share_percent", "the cause's classified complaints, of all classified")]
    });
    FcaReturn => json!({
        "period_start": "2026-07-01",
        "period_end": "2026-12-31",
        "in_scope": 212,
        "nil_return": false,
        "rows": [{"product_grouping": "Banking and credit cards", "main_cause": "Charges and fees", "figures": fca_figures()}],
        "by_product_grouping": [{"product_grouping": "Banking and credit cards", "figures": fca_figures()}],
        "totals": fca_figures(),
        "definitions": [definition("closed_within_8_weeks", "closed more than 3 business days and within 8 weeks of receipt")]
    });
    PeopleReport => json!({
        "in_scope": 212,
        "teams": [{
            "key": "north",
            "handled": 111,
            "on_time": rate(104, 111, true),
            "reopened": rate(2, 111, true),
            "median_business_days_to_response": 12.0,
            "satisfaction_outcome": {"count": 38, "mean": 3.9, "robust": true},
            "satisfaction_handling": {"count": 38, "mean": 4.2, "robust": true}
        }],
        "handlers": [{
            "key": HANDLER,
            "handled": 27,
            "on_time": rate(26, 27, true),
            "reopened": rate(0, 27, true),
            "median_business_days_to_response": 9.0,
            "satisfaction_outcome": {"count": 9, "robust": false},
            "satisfaction_handling": {"count": 9, "robust": false}
        }],
        "min_cases": 10,
        "definitions": [definition("on_time", "responses sent by their deadline, of the responses the handler sent")]
    });
    SatisfactionReport => json!({
        "in_scope": 212,
        "invited": 120,
        "response_rate": rate(38, 120, true),
        "outcome": {"count": 38, "mean": 3.9, "robust": true},
        "handling": {"count": 38, "mean": 4.2, "robust": true},
        "outcome_scores": [{"score": 5, "count": 14}, {"score": 4, "count": 12}, {"score": 3, "count": 6}, {"score": 2, "count": 4}, {"score": 1, "count": 2}],
        "handling_scores": [{"score": 5, "count": 19}, {"score": 4, "count": 11}, {"score": 3, "count": 5}, {"score": 2, "count": 2}, {"score": 1, "count": 1}],
        "min_cases": 10,
        "definitions": [definition("response_rate", "surveys answered, of the surveys sent")]
    });
    BacklogReport => json!({
        "by_state": [{"state": "do", "count": 3}, {"state": "check", "count": 1}, {"state": "closed", "count": 5}],
        "overdue_tasks": 1,
        "effective": rate(4, 5, false),
        "definitions": [definition("effective", "items whose last check judged the fix effective, of the items checked")]
    });
    VulnerableGapReport => json!({
        "vulnerable": {"in_scope": 23, "upheld": rate(12, 21, true), "responses": 21, "median_business_days_to_response": 14.0},
        "others": {"in_scope": 189, "upheld": rate(80, 177, true), "responses": 177, "median_business_days_to_response": 12.0},
        "median_days_gap": 2.0,
        "upheld_gap_points": 11.9,
        "definitions": [definition("median_days_gap", "the vulnerable cohort's median business days to respond less the others'")]
    });
    CommunicationList => json!({
        "items": [
            {
                "id": "0193a5b3-0c1d-7e2f-8a3b-4c5d6e7f8091",
                "kind": "acknowledgement",
                "channel": "email",
                "sent_at": "2026-11-23T11:02:00Z",
                "summary": "Acknowledged the complaint, gave reference CMP-2026-000123 and the name of the handler.",
                "actor_id": HANDLER
            },
            {
                "id": "0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f10",
                "kind": "final_response",
                "channel": "letter",
                "sent_at": "2026-12-10T15:00:00Z",
                "summary": "Final response: upheld. The duplicated fee is refunded; referral rights to the Financial Ombudsman Service given.",
                "actor_id": HANDLER
            }
        ]
    });
    EventPage => json!({
        "items": [
            {
                "id": "0193a5b2-7c1f-7a00-8000-000000000001",
                "seq": 1,
                "kind": "complaint.created",
                "actor": HANDLER,
                "actor_role": "agent",
                "occurred_at": "2026-11-23T09:16:41Z",
                "data": {"state": "received", "profile": "fca_disp", "channel": "phone"},
                "prev_hash": "0000000000000000000000000000000000000000000000000000000000000000",
                "hash": "5be0f1c7a9d24e8b3f6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f"
            },
            {
                "id": "0193a5b3-0c1d-7e2f-8a3b-4c5d6e7f8092",
                "seq": 2,
                "kind": "complaint.acknowledge",
                "actor": HANDLER,
                "actor_role": "agent",
                "occurred_at": "2026-11-23T11:02:00Z",
                "data": {"from": "received", "to": "acknowledged"},
                "prev_hash": "5be0f1c7a9d24e8b3f6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f",
                "hash": "a41c9e2b7d6f5038e1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4d5e6f7081"
            }
        ]
    });
    ChainVerification => json!({
        "complaint_id": COMPLAINT_ID,
        "intact": true,
        "events_checked": 2,
        "head_hash": "a41c9e2b7d6f5038e1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4d5e6f7081"
    });
    Vulnerability => json!({
        "complaint_id": COMPLAINT_ID,
        "recorded": true,
        "drivers": ["life_events"],
        "notes": "Recently bereaved; prefers contact by email."
    });
    VulnerabilityReadPage => json!({
        "items": [{"read_at": "2026-11-24T10:02:00Z", "reader": HANDLER, "reader_role": "agent"}]
    });
    EscalationPage => json!({
        "items": [{
            "id": "0193a5e2-5c3d-7f4e-9a5b-6c7d8e9fa0b1",
            "complaint_id": COMPLAINT_ID,
            "team": "north",
            "timer": "final_response",
            "level": 1,
            "reason": "final_response passed 75% of its time with no response.",
            "raised_at": "2027-01-04T09:14:00Z"
        }]
    });
    SurveyInvitation => json!({
        "id": "0193a5d9-6e4f-7a5b-8c6d-7e8f9a0b1c2d",
        "token": "q3Vb8ZkR1mXw0Lp7Ys2Tn6Ud4He9Fc5Ja1Ko3Gi8Nr0",
        "answer_path": "/v1/feedback/q3Vb8ZkR1mXw0Lp7Ys2Tn6Ud4He9Fc5Ja1Ko3Gi8Nr0",
        "expires_at": "2027-01-09T15:00:00Z"
    });
    SurveyList => json!({
        "items": [{
            "id": "0193a5d9-6e4f-7a5b-8c6d-7e8f9a0b1c2d",
            "status": "answered",
            "created_at": "2026-12-10T15:00:00Z",
            "created_by": HANDLER,
            "expires_at": "2027-01-09T15:00:00Z",
            "answered_at": "2026-12-12T19:41:00Z",
            "outcome_score": 4,
            "handling_score": 5,
            "comment": "Sorted quickly once it reached the complaints team."
        }]
    });
    Problem => json!({
        "type": "urn:recourse:problem:guard_failed",
        "title": "A rule of the procedure refuses the action",
        "status": 409,
        "detail": "the handler cannot approve their own response",
        "code": "guard_failed",
        "reason": "four_eyes"
    });
}

/// A case closed in a legacy system in spring 2025: acknowledged, investigated, upheld with a
/// refund paid with the response, and closed.
fn imported_case_json() -> Value {
    json!({
        "source": {"system": "legacy-crm", "id": "C-2025-01187"},
        "logged_by": "m.jones",
        "complaint": {
            "complainant": {"name": "Priya Shah", "customer_ref": "CUST-40817"},
            "channel": "phone",
            "product": "current_account",
            "category": "fees",
            "description": "Charged the unarranged-overdraft fee twice on 3 March.",
            "remedy_sought": "Refund the duplicated fee.",
            "received_at": "2025-03-04T10:15:00Z",
            "profile": "fca_disp",
            "team": "north"
        },
        "history": [
            {"action": "acknowledge", "at": "2025-03-05T09:00:00Z", "actor": "m.jones",
             "channel": "email", "summary": "Acknowledged; reference given."},
            {"action": "start_investigation", "at": "2025-03-05T09:05:00Z", "actor": "m.jones"},
            {"action": "issue_response", "at": "2025-03-20T14:30:00Z", "actor": "m.jones",
             "outcome": "upheld", "primary_cause": "PRC.HANDOFF",
             "remedies": [{"kind": "fee_refund_or_waiver", "amount_minor": 2500,
                           "currency": "GBP", "status": "completed"}],
             "channel": "letter", "summary": "Final response: fee refunded."},
            {"action": "close", "at": "2025-03-21T08:00:00Z", "actor": "m.jones"}
        ]
    })
}
