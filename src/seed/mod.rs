//! Demo data: realistic complaints across teams, products, channels, causes, outcomes and
//! dates, written through the same service code as the API (intake, procedure actions,
//! classification), so reports and the backlog have something to show on first run. The same
//! seed gives the same data.

pub mod copies;

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng};

use crate::service::{
    admin::users, cases::actions, cases::complaints, cases::surveys, improvement::classification,
    improvement::taxonomy,
};
use crate::{
    auth::{Actor, Principal},
    domain::{
        access::rbac::{Permission, Role},
        case::complaint::{Channel, Complainant, NewComplaint, Vulnerability, VulnerabilityDriver},
        case::procedure::Outcome,
    },
    error::ApiError,
    state::{AppState, Clock},
};

const TEAMS: [&str; 3] = ["north", "south", "east"];
/// Agents per team.
const AGENTS: u32 = 4;
const CHANNELS: [Channel; 5] = [
    Channel::Phone,
    Channel::Email,
    Channel::Web,
    Channel::Letter,
    Channel::Social,
];
/// Causes with weights: a few common ones and a long tail, as real complaints have.
const CAUSES: [(&str, u32); 10] = [
    ("PRC.HANDOFF", 18),
    ("COM.NOT_UPDATED", 14),
    ("SYS.DEFECT", 12),
    ("PEO.KNOWLEDGE", 10),
    ("POL.PRICING_FEES", 9),
    ("PRC.DELAY", 8),
    ("COM.INFO_INCORRECT", 7),
    ("TPY.SUPPLIER_PERFORMANCE", 4),
    ("SYS.USABILITY", 4),
    ("NFF.EXPECTATION_GAP", 14),
];

/// What the seeding wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DemoReport {
    pub complaints: u32,
    pub responded: u32,
    pub closed: u32,
    pub classified: u32,
    pub surveys_answered: u32,
}

/// Records a demo user as a sign-in would, and returns it cleared for `permission`.
async fn sign_in(
    state: &AppState,
    sub: &str,
    role: Role,
    team: Option<&str>,
    permission: Permission,
) -> Result<Actor, ApiError> {
    let principal = Principal {
        sub: sub.to_owned(),
        name: sub.to_owned(),
        roles: vec![role],
        team: team.map(str::to_owned),
    };
    users::remember(state, &principal).await?;
    principal.require(permission)
}

fn weighted<'a>(rng: &mut StdRng, items: &'a [(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    items.first().map_or("", |(item, _)| item)
}

/// One of `items`, uniformly: the same draw from `rng` as indexing with
/// `random_range(0..items.len())`, so a seed gives the same data. An error when there is
/// nothing to pick from.
fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> Result<&'a T, ApiError> {
    if items.is_empty() {
        return Err(ApiError::internal("demo data picked from an empty list"));
    }
    items
        .get(rng.random_range(0..items.len()))
        .ok_or_else(|| ApiError::internal("demo data picked past the end of a list"))
}

/// Seeds `n` complaints received over the 180 days before `until`. The state's clock must be
/// fixed: it is moved to each step's instant, so timers and events carry demo dates.
pub async fn seed(
    state: &AppState,
    n: u32,
    seed: u64,
    until: DateTime<Utc>,
) -> Result<DemoReport, ApiError> {
    if !matches!(state.clock, Clock::Fixed(_)) {
        return Err(ApiError::internal("demo seeding needs a fixed clock"));
    }
    // Complaints are filed under the installation's catalogue, as at intake.
    let catalogue = taxonomy::offered(&state.db.conn).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let span = Duration::days(180).num_seconds();
    let mut offsets: Vec<i64> = (0..n).map(|_| rng.random_range(0..span)).collect();
    offsets.sort_unstable();
    let analyst = sign_in(
        state,
        "demo-analyst",
        Role::Analyst,
        None,
        Permission::Classify,
    )
    .await?;
    let mut report = DemoReport::default();
    for (i, offset) in offsets.into_iter().enumerate() {
        let received = until - Duration::seconds(span) + Duration::seconds(offset);
        let team = *pick(&mut rng, &TEAMS)?;
        // Whoever takes the call logs it; a team leader hands most cases to a handler, and
        // otherwise the agent who picks it up becomes its handler by acknowledging it, as a
        // team shares its work.
        let intake = sign_in(
            state,
            &format!("demo-agent-{team}-{}", rng.random_range(1..=AGENTS)),
            Role::Agent,
            Some(team),
            Permission::ActOnComplaint,
        )
        .await?;
        let agent = sign_in(
            state,
            &format!("demo-agent-{team}-{}", rng.random_range(1..=AGENTS)),
            Role::Agent,
            Some(team),
            Permission::ActOnComplaint,
        )
        .await?;
        let assigned_by_leader = rng.random_bool(0.6);
        let (product, categories) = pick(&mut rng, &catalogue)?;
        let vulnerable = rng.random_bool(0.12);
        let input = NewComplaint {
            complainant: Complainant {
                name: format!("Demo Customer {}", i + 1),
                email: Some(format!("customer{}@example.com", i + 1)),
                phone: None,
                customer_ref: Some(format!("DEMO-{:06}", i + 1)),
            },
            channel: *pick(&mut rng, &CHANNELS)?,
            product: product.clone(),
            category: pick(&mut rng, categories)?.clone(),
            description: "Demo complaint: the customer describes what went wrong.".to_owned(),
            remedy_sought: "Put it right.".to_owned(),
            received_at: None,
            vulnerability: vulnerable.then(|| Vulnerability {
                drivers: vec![VulnerabilityDriver::Health],
                notes: None,
            }),
            profile: None,
            team: None,
        };
        state.clock.set(received);
        let created = match complaints::create(state, &intake, input, None).await? {
            complaints::Created::New(c) | complaints::Created::Replayed(c) => c,
        };
        report.complaints += 1;
        let mut version = created.version;
        let id = created.id;
        // Most are acknowledged within a day; older ones are answered, most of those closed.
        let age_days = (until - received).num_days();
        let mut at = received + Duration::hours(rng.random_range(1..24));
        let step = |input: actions::ActionInput, when: DateTime<Utc>| {
            state.clock.set(when);
            input
        };
        if assigned_by_leader {
            let leader = sign_in(
                state,
                &format!("demo-lead-{team}"),
                Role::TeamLeader,
                Some(team),
                Permission::ActOnComplaint,
            )
            .await?;
            let assign = step(
                actions::ActionInput::Assign {
                    assignee: agent.sub.clone(),
                },
                (received + Duration::minutes(30)).min(until),
            );
            version = actions::act(state, &leader, id, Some(&[version]), assign)
                .await?
                .complaint
                .version;
        }
        let ack = step(
            actions::ActionInput::Acknowledge {
                communication: actions::Communication {
                    channel: "email".to_owned(),
                    sent_at: None,
                    summary: None,
                },
            },
            at.min(until),
        );
        version = actions::act(state, &agent, id, Some(&[version]), ack)
            .await?
            .complaint
            .version;
        if age_days < 3 || rng.random_bool(0.1) {
            continue;
        }
        at += Duration::hours(2);
        let start = step(actions::ActionInput::StartInvestigation { note: None }, at);
        version = actions::act(state, &agent, id, Some(&[version]), start)
            .await?
            .complaint
            .version;
        let answer_days = rng.random_range(2..=age_days.clamp(3, 70));
        at = (received + Duration::days(answer_days)).min(until);
        let cause = weighted(&mut rng, &CAUSES);
        let outcome = if cause.starts_with("NFF") {
            Outcome::NotUpheld
        } else {
            *pick(
                &mut rng,
                &[Outcome::Upheld, Outcome::PartiallyUpheld, Outcome::Resolved],
            )?
        };
        let remedies = if outcome.finds_fault() && rng.random_bool(0.6) {
            vec![actions::Remedy {
                kind: "goodwill_payment".to_owned(),
                amount_minor: Some(rng.random_range(1..=100) * 500),
                currency: Some("GBP".to_owned()),
                status: "completed".to_owned(),
                description: None,
            }]
        } else {
            Vec::new()
        };
        let respond = step(
            actions::ActionInput::IssueResponse {
                finding: actions::Finding {
                    outcome,
                    primary_cause: Some(cause.to_owned()),
                    rca_pending: false,
                    remedies,
                },
                communication: actions::Communication {
                    channel: "letter".to_owned(),
                    sent_at: None,
                    summary: None,
                },
            },
            at,
        );
        version = actions::act(state, &agent, id, Some(&[version]), respond)
            .await?
            .complaint
            .version;
        report.responded += 1;
        if rng.random_bool(0.4) {
            state.clock.set(at);
            let (complaint, invitation) =
                surveys::invite(state, &agent, id, Some(&[version])).await?;
            version = complaint.version;
            if rng.random_bool(0.6) {
                // Complainants who were proved right tend to rate the outcome higher.
                let outcome_score = if outcome.finds_fault() {
                    rng.random_range(3..=5)
                } else {
                    rng.random_range(1..=3)
                };
                let answer = surveys::Answer {
                    outcome_score,
                    handling_score: rng.random_range(2..=5),
                    comment: None,
                };
                state.clock.set((at + Duration::hours(6)).min(until));
                surveys::answer(state, &invitation.token, answer).await?;
                version += 1;
                report.surveys_answered += 1;
            }
        }
        if rng.random_bool(0.8) {
            let classify = classification::Input {
                primary_cause: cause.to_owned(),
                contributing: Vec::new(),
                five_whys: Vec::new(),
                potentially_systemic: rng.random_bool(0.02),
                vulnerability_relevant: vulnerable && rng.random_bool(0.3),
                lessons: None,
            };
            state.clock.set(at);
            version = classification::record(state, &analyst, id, Some(&[version]), classify)
                .await?
                .0
                .version;
            report.classified += 1;
        }
        if rng.random_bool(0.85) {
            let close = step(
                actions::ActionInput::Close { note: None },
                (at + Duration::days(1)).min(until),
            );
            actions::act(state, &agent, id, Some(&[version]), close).await?;
            report.closed += 1;
        }
    }
    // The rules run once over the data, as the scheduled run would, rather than after every
    // classification.
    state.clock.set(until);
    crate::service::improvement::recurrence::run_all(state).await?;
    // As if the sweeper had been running: every warning and breach due by now is raised, so
    // the demo's open cases carry the deadlines events a live system would have given them.
    crate::service::jobs::sweeper::sweep_once(state, u32::MAX).await?;
    Ok(report)
}
