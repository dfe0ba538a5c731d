use super::*;
use crate::domain::testing::t;
use std::collections::BTreeSet;

/// Facts under which every guard passes for a team leader.
fn permissive() -> Facts {
    Facts {
        now: t("2026-11-24T10:00:00Z"),
        actor: "lead".into(),
        role: Role::TeamLeader,
        stage: 1,
        max_stages: 2,
        assignee: Some("handler-2".into()),
        stage1_handler: Some("handler-1".into()),
        assign_to: Some(("handler-2".into(), true)),
        outcome: Some(Outcome::Upheld),
        has_primary_cause: true,
        rca_pending: false,
        profile_allows_rca_pending: false,
        redress_minor: 0,
        approval_threshold_minor: 50_000,
        approved: true,
        matches_proposal: true,
        remedies_settled: true,
        referral_decided: false,
        summary_window_due: Some(t("2026-11-26T17:00:00Z")),
        reason: Some("new evidence".into()),
        extension_allowed: true,
        extension_notice_given: true,
        extension_notice_in_time: true,
        extension_within_cap: true,
    }
}

/// The whole state x action table: the target state, or `None` where the action is not
/// possible from that state.
#[test]
fn every_state_and_action_pair_matches_the_table() {
    use ActionKind as A;
    use State::*;
    let table: &[(A, &[(State, State)])] = &[
        (
            A::Acknowledge,
            &[(Received, Acknowledged), (Escalated, Acknowledged)],
        ),
        (A::StartInvestigation, &[(Acknowledged, Investigating)]),
        (
            A::RequestInformation,
            &[(Investigating, AwaitingInformation)],
        ),
        (
            A::InformationReceived,
            &[(AwaitingInformation, Investigating)],
        ),
        (A::ProposeResponse, &[(Investigating, PendingApproval)]),
        (A::ReturnForRework, &[(PendingApproval, Investigating)]),
        (A::ApproveResponse, &[(PendingApproval, PendingApproval)]),
        (
            A::IssueResponse,
            &[(Investigating, Responded), (PendingApproval, Responded)],
        ),
        (
            A::ResolveSummarily,
            &[
                (Received, Closed),
                (Acknowledged, Closed),
                (Investigating, Closed),
            ],
        ),
        (A::Escalate, &[(Responded, Escalated)]),
        (A::Refer, &[(Responded, Referred), (Closed, Referred)]),
        (A::RecordReferralOutcome, &[(Referred, Closed)]),
        (
            A::RejectScope,
            &[(Received, NotAComplaint), (Acknowledged, NotAComplaint)],
        ),
        (
            A::Transfer,
            &[
                (Received, Transferred),
                (Acknowledged, Transferred),
                (Investigating, Transferred),
            ],
        ),
        (A::Close, &[(Responded, Closed), (Referred, Closed)]),
        (
            A::Reopen,
            &[(Closed, Investigating), (NotAComplaint, Investigating)],
        ),
    ];
    for (action, moves) in table {
        // A referred case closes with `close` only after the scheme's decision.
        let facts = Facts {
            referral_decided: *action == A::Close,
            ..permissive()
        };
        for state in State::ALL {
            let expected = moves
                .iter()
                .find(|(from, _)| from == state)
                .map(|(_, to)| *to);
            let got = transition(*state, *action, &facts);
            match expected {
                Some(to) => assert_eq!(
                    got.map(|e| e.to).ok(),
                    Some(to),
                    "{} from {}",
                    action.as_str(),
                    state.as_str()
                ),
                None => assert_eq!(
                    got.err().map(|r| r.code.to_string()),
                    Some("invalid_transition".to_owned()),
                    "{} from {}",
                    action.as_str(),
                    state.as_str()
                ),
            }
        }
    }
    // Assign, extend and withdraw keep or end the case from every live state.
    let facts = permissive();
    for state in State::ALL {
        let live = !is_terminal(*state);
        assert_eq!(
            transition(*state, A::Withdraw, &facts).map(|e| e.to).ok(),
            (live && *state != Referred).then_some(Withdrawn),
            "withdraw from {}",
            state.as_str()
        );
        assert_eq!(
            transition(*state, A::Assign, &facts).is_ok(),
            live,
            "assign from {}",
            state.as_str()
        );
    }
}

#[test]
fn every_state_is_reachable_and_every_live_state_has_an_exit() {
    let facts = permissive();
    let mut reached = BTreeSet::from([State::Received.as_str()]);
    let mut frontier = vec![State::Received];
    while let Some(state) = frontier.pop() {
        for action in ActionKind::ALL {
            let mut f = facts.clone();
            if state == State::Escalated {
                f.stage1_handler = Some("someone-else".into());
            }
            if let Ok(effects) = transition(state, action, &f)
                && reached.insert(effects.to.as_str())
            {
                frontier.push(effects.to);
            }
        }
    }
    let all: BTreeSet<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(reached, all);
    for state in State::ALL.iter().filter(|s| !is_terminal(**s)) {
        let exits = ActionKind::ALL
            .iter()
            .filter(|a| transition(*state, **a, &facts).is_ok_and(|e| e.to != *state))
            .count();
        assert!(exits > 0, "{} has no exit", state.as_str());
    }
}

#[test]
fn only_those_who_may_close_a_complaint_settle_its_remedies() {
    use Role::*;
    let table: [(&[Role], bool); 7] = [
        (&[Agent], true),
        (&[TeamLeader], true),
        (&[Integrator], true),
        (&[Analyst], false),
        (&[Admin], false),
        (&[Auditor], false),
        (&[Integrator, Agent], true),
    ];
    for (roles, may) in table {
        assert_eq!(may_settle_remedies(roles), may, "{roles:?}");
    }
}

/// The action table, written out for each role: a change to `allowed_roles` must change this.
#[test]
fn who_may_take_each_action() {
    use ActionKind as A;
    let leader_only = [
        A::ReturnForRework,
        A::ApproveResponse,
        A::Extend,
        A::RejectScope,
        A::Transfer,
        A::Reopen,
    ];
    for action in ActionKind::ALL {
        let allowed = allowed_roles(action);
        assert!(allowed.contains(&Role::TeamLeader), "{}", action.as_str());
        assert_eq!(
            allowed.contains(&Role::Agent),
            !leader_only.contains(&action),
            "agent {}",
            action.as_str()
        );
        // An integrator records its own complaints' handling, but neither reviews nor
        // decides for the team, nor picks a handler.
        assert_eq!(
            allowed.contains(&Role::Integrator),
            !leader_only.contains(&action) && action != A::Assign,
            "integrator {}",
            action.as_str()
        );
        for role in [Role::Analyst, Role::Admin, Role::Auditor] {
            assert!(!allowed.contains(&role), "{role} {}", action.as_str());
        }
    }
}

#[test]
fn roles_are_enforced_per_action() {
    let mut facts = permissive();
    facts.role = Role::Agent;
    facts.actor = "handler-2".into();
    assert_eq!(
        transition(State::PendingApproval, ActionKind::ApproveResponse, &facts)
            .err()
            .map(|r| r.code.to_string()),
        Some("guard_failed:role".to_owned())
    );
    assert_eq!(
        transition(State::Closed, ActionKind::Reopen, &facts)
            .err()
            .map(|r| r.code.to_string()),
        Some("guard_failed:role".to_owned())
    );
    facts.role = Role::Auditor;
    for action in ActionKind::ALL {
        for state in sources(action) {
            assert_eq!(
                transition(*state, action, &facts)
                    .err()
                    .map(|r| r.code.to_string()),
                Some("guard_failed:role".to_owned()),
                "auditor {}",
                action.as_str()
            );
        }
    }
}

#[test]
fn each_guard_refuses_with_its_reason() {
    use ActionKind as A;
    type Tweak = fn(&mut Facts);
    let cases: &[(State, A, Tweak, &str)] = &[
        (
            State::Investigating,
            A::IssueResponse,
            |f| f.has_primary_cause = false,
            "guard_failed:root_cause_required",
        ),
        (
            State::Investigating,
            A::IssueResponse,
            |f| {
                f.has_primary_cause = false;
                f.rca_pending = true;
            },
            "guard_failed:rca_pending_not_allowed",
        ),
        (
            State::Investigating,
            A::IssueResponse,
            |f| f.outcome = None,
            "guard_failed:outcome_required",
        ),
        (
            State::Investigating,
            A::IssueResponse,
            |f| {
                f.redress_minor = 60_000;
                f.approved = false;
            },
            "guard_failed:approval_required",
        ),
        (
            State::PendingApproval,
            A::IssueResponse,
            |f| f.approved = false,
            "guard_failed:approval_required",
        ),
        (
            State::Investigating,
            A::IssueResponse,
            |f| {
                f.stage = 2;
                f.actor = "handler-1".into();
            },
            "guard_failed:stage2_handler",
        ),
        (
            State::Escalated,
            A::Acknowledge,
            |f| f.assignee = Some("handler-1".into()),
            "guard_failed:stage2_handler",
        ),
        (
            State::PendingApproval,
            A::ApproveResponse,
            |f| f.assignee = Some("lead".into()),
            "guard_failed:four_eyes",
        ),
        (
            State::Responded,
            A::Close,
            |f| f.remedies_settled = false,
            "guard_failed:remedies_unsettled",
        ),
        (
            State::Responded,
            A::Close,
            |f| f.outcome = None,
            "guard_failed:outcome_required",
        ),
        (
            State::Referred,
            A::RecordReferralOutcome,
            |f| f.referral_decided = true,
            "guard_failed:referral_decided",
        ),
        (
            State::Received,
            A::ResolveSummarily,
            |f| f.now = t("2026-11-26T17:00:01Z"),
            "guard_failed:summary_window_passed",
        ),
        (
            State::Received,
            A::ResolveSummarily,
            |f| f.summary_window_due = None,
            "guard_failed:no_summary_window",
        ),
        (
            State::Responded,
            A::Escalate,
            |f| f.stage = 2,
            "guard_failed:final_stage",
        ),
        (
            State::Responded,
            A::Escalate,
            |f| {
                f.max_stages = 1;
                f.reason = None;
            },
            "guard_failed:single_stage_profile",
        ),
        (
            State::Responded,
            A::Escalate,
            |f| {
                f.max_stages = 1;
                f.role = Role::Agent;
            },
            "guard_failed:single_stage_profile",
        ),
        (
            State::Closed,
            A::Reopen,
            |f| f.reason = Some("  ".into()),
            "guard_failed:reason_required",
        ),
        (
            State::Investigating,
            A::Extend,
            |f| f.extension_allowed = false,
            "guard_failed:extension_not_allowed",
        ),
        (
            State::Investigating,
            A::Extend,
            |f| f.extension_notice_in_time = false,
            "guard_failed:extension_notice_late",
        ),
        (
            State::Investigating,
            A::Extend,
            |f| f.extension_within_cap = false,
            "guard_failed:extension_over_cap",
        ),
        (
            State::Investigating,
            A::Extend,
            |f| f.extension_notice_given = false,
            "guard_failed:extension_notice_required",
        ),
        (
            State::PendingApproval,
            A::IssueResponse,
            |f| f.matches_proposal = false,
            "guard_failed:differs_from_proposal",
        ),
        (
            State::PendingApproval,
            A::ReturnForRework,
            |f| f.reason = None,
            "guard_failed:reason_required",
        ),
        (
            State::Received,
            A::RejectScope,
            |f| f.reason = None,
            "guard_failed:reason_required",
        ),
        (
            State::Investigating,
            A::Transfer,
            |f| f.reason = Some(String::new()),
            "guard_failed:reason_required",
        ),
        (
            State::Investigating,
            A::Assign,
            |f| f.assign_to = Some(("outsider".into(), false)),
            "guard_failed:assignee_team",
        ),
        (
            State::Investigating,
            A::Assign,
            |f| {
                f.role = Role::Agent;
                f.actor = "handler-3".into();
                f.assign_to = Some(("handler-3".into(), true));
            },
            "guard_failed:reassign",
        ),
    ];
    for (state, action, tweak, code) in cases {
        let mut facts = permissive();
        assert!(
            transition(*state, *action, &facts).is_ok(),
            "{} from {} should pass with permissive facts",
            action.as_str(),
            state.as_str()
        );
        tweak(&mut facts);
        assert_eq!(
            transition(*state, *action, &facts)
                .err()
                .map(|r| r.code.to_string()),
            Some(code.to_string()),
            "{} from {}",
            action.as_str(),
            state.as_str()
        );
    }
}

#[test]
fn guards_that_allow() {
    let mut facts = permissive();
    // RCA pending where the profile allows it.
    facts.has_primary_cause = false;
    facts.rca_pending = true;
    facts.profile_allows_rca_pending = true;
    assert!(transition(State::Investigating, ActionKind::IssueResponse, &facts).is_ok());
    // A not-upheld outcome needs no root cause.
    let mut facts = permissive();
    facts.has_primary_cause = false;
    facts.outcome = Some(Outcome::NotUpheld);
    assert!(transition(State::Investigating, ActionKind::IssueResponse, &facts).is_ok());
    // A team leader overrides a one-stage profile with a reason.
    let mut facts = permissive();
    facts.max_stages = 1;
    assert_eq!(
        transition(State::Responded, ActionKind::Escalate, &facts)
            .map(|e| e.to)
            .ok(),
        Some(State::Escalated)
    );
    // An agent takes an unassigned case.
    let mut facts = permissive();
    facts.role = Role::Agent;
    facts.actor = "handler-3".into();
    facts.assignee = None;
    facts.assign_to = Some(("handler-3".into(), true));
    assert!(transition(State::Acknowledged, ActionKind::Assign, &facts).is_ok());
}

#[test]
fn stage_two_starts_on_acknowledging_an_escalation_and_records_the_stage_one_handler() {
    let facts = permissive();
    let issued = transition(State::Investigating, ActionKind::IssueResponse, &facts);
    assert_eq!(
        issued.map(|e| e.stage1_handler).ok().flatten().as_deref(),
        Some("handler-2")
    );
    let mut facts = permissive();
    facts.assignee = Some("handler-9".into());
    let ack = transition(State::Escalated, ActionKind::Acknowledge, &facts);
    assert_eq!(
        ack.map(|e| (e.to, e.stage)).ok(),
        Some((State::Acknowledged, 2))
    );
}

#[test]
fn reopening_returns_to_investigation_at_the_same_stage() {
    let mut facts = permissive();
    facts.stage = 2;
    let effects = transition(State::Closed, ActionKind::Reopen, &facts);
    assert_eq!(
        effects.map(|e| (e.to, e.stage)).ok(),
        Some((State::Investigating, 2))
    );
}

/// "What may I do now" reads the case alone: whatever a body would say, `permitted` answers
/// the same, and an action `transition` allows is one `permitted` allows.
#[test]
fn permitted_reads_no_body_and_transition_never_allows_more() {
    let bodies: [fn(&mut Facts); 6] = [
        |_| {},
        |f| f.assign_to = None,
        |f| f.assign_to = Some(("someone-else".into(), false)),
        |f| {
            f.has_primary_cause = false;
            f.rca_pending = true;
            f.redress_minor = 1_000_000;
            f.matches_proposal = false;
        },
        |f| f.reason = None,
        |f| {
            f.extension_notice_given = false;
            f.extension_within_cap = false;
        },
    ];
    for &state in State::ALL {
        for action in ActionKind::ALL {
            for role in Role::ALL {
                for case in [
                    permissive(),
                    Facts {
                        stage: 2,
                        max_stages: 1,
                        approved: false,
                        assignee: None,
                        ..permissive()
                    },
                ] {
                    let base = Facts {
                        role,
                        actor: "handler-2".into(),
                        ..case
                    };
                    let answer = permitted(state, action, &base);
                    for body in bodies {
                        let mut facts = base.clone();
                        body(&mut facts);
                        assert_eq!(
                            permitted(state, action, &facts),
                            answer,
                            "{state:?} {action:?} {role:?}"
                        );
                        if transition(state, action, &facts).is_ok() {
                            assert!(answer.is_ok(), "{state:?} {action:?} {role:?}");
                        }
                    }
                }
            }
        }
    }
}

/// The first handling action an agent takes on an unassigned case makes them its handler;
/// an assigned case keeps its handler, and team leaders' actions (supervision, triage) and
/// the actions that record what others did assign no one.
#[test]
fn an_agents_first_handling_action_on_an_unassigned_case_assigns_it_to_them() {
    use ActionKind as A;
    use State::*;
    /// Action, state it is taken from, role, assignee before, assignee the effects set.
    type Row = (A, State, Role, Option<&'static str>, Option<&'static str>);
    let table: &[Row] = &[
        (A::Acknowledge, Received, Role::Agent, None, Some("agent-1")),
        (
            A::StartInvestigation,
            Acknowledged,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        (
            A::RequestInformation,
            Investigating,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        (
            A::InformationReceived,
            AwaitingInformation,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        (
            A::ProposeResponse,
            Investigating,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        (
            A::IssueResponse,
            Investigating,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        (
            A::ResolveSummarily,
            Received,
            Role::Agent,
            None,
            Some("agent-1"),
        ),
        // Already handled by someone: nobody takes it over by acting on it.
        (A::Acknowledge, Received, Role::Agent, Some("agent-2"), None),
        (
            A::IssueResponse,
            Investigating,
            Role::Agent,
            Some("agent-2"),
            None,
        ),
        // Team leaders supervise and triage.
        (A::Acknowledge, Received, Role::TeamLeader, None, None),
        (
            A::IssueResponse,
            Investigating,
            Role::TeamLeader,
            None,
            None,
        ),
        (A::Escalate, Responded, Role::TeamLeader, None, None),
        (A::Escalate, Responded, Role::Agent, None, None),
        (A::Extend, Investigating, Role::TeamLeader, None, None),
        // Recording what the complainant or a scheme did, or closing, is not handling.
        (A::Withdraw, Received, Role::Agent, None, None),
        (A::Close, Responded, Role::Agent, None, None),
        (A::Refer, Responded, Role::Agent, None, None),
        (A::Acknowledge, Received, Role::Integrator, None, None),
    ];
    for (action, from, role, before, after) in table {
        let mut facts = permissive();
        facts.actor = "agent-1".into();
        facts.role = *role;
        facts.assignee = before.map(str::to_owned);
        facts.stage1_handler = None;
        facts.approved = false;
        let effects = transition(*from, *action, &facts).unwrap_or_else(|r| {
            panic!(
                "{} from {} as {role}: {r:?}",
                action.as_str(),
                from.as_str()
            )
        });
        assert_eq!(
            effects.assignee.as_deref(),
            *after,
            "{} from {} as {role} with assignee {before:?}",
            action.as_str(),
            from.as_str()
        );
    }
    // An explicit assignment names its assignee, whatever the role.
    let mut facts = permissive();
    facts.assignee = None;
    let assigned = transition(Received, A::Assign, &facts).map(|e| e.assignee);
    assert_eq!(assigned.ok().flatten().as_deref(), Some("handler-2"));
}

/// An ombudsman's decision closes the case, unless a remedy (one it ordered, or the firm's
/// own) is still due: then the case stays referred until they are settled and it is closed.
#[test]
fn a_referral_decision_closes_only_once_every_remedy_is_settled() {
    let settled = permissive();
    let due = Facts {
        remedies_settled: false,
        ..permissive()
    };
    let to =
        |f: &Facts| transition(State::Referred, ActionKind::RecordReferralOutcome, f).map(|e| e.to);
    assert_eq!(to(&settled), Ok(State::Closed));
    assert_eq!(to(&due), Ok(State::Referred));
    let decided = Facts {
        referral_decided: true,
        ..permissive()
    };
    assert_eq!(
        transition(State::Referred, ActionKind::Close, &decided).map(|e| e.to),
        Ok(State::Closed)
    );
    let refused = |f: &Facts| {
        transition(State::Referred, ActionKind::Close, f)
            .err()
            .map(|r| r.code.to_string())
    };
    // Not before the scheme has decided, nor while a remedy is due.
    assert_eq!(
        refused(&permissive()).as_deref(),
        Some("guard_failed:outcome_required")
    );
    assert_eq!(
        refused(&Facts {
            remedies_settled: false,
            ..decided
        })
        .as_deref(),
        Some("guard_failed:remedies_unsettled")
    );
}
