//! Importing complaints handled in another system, with their history: each case is logged and
//! then taken through its recorded actions at their original instants and by their original
//! people, through the same procedure, guards, timers and records as a live action
//! ([`act_on`]), in one transaction, so that what the procedure would refuse live is refused
//! here and the case arrives as if it had been handled in Recourse. Nothing that happened
//! before the import raises anything (`Recording::Imported`): no webhook, no escalation, no
//! breach notification. The import itself is the case's last event, by the importer.

use chrono::{DateTime, Utc};
use entity::{complaint, user};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use serde_json::json;

use crate::{
    auth::Actor,
    domain::{
        access::rbac::Role,
        case::complaint::{NewComplaint, TeamError, owning_team},
        case::instants::{self, Mark},
        case::procedure::{ActionKind, allowed_roles},
    },
    error::{ApiError, ErrorCode},
    service::{
        audit::{self, Author, Recording},
        cases::actions::{ActionInput, act_on},
        cases::complaints::log_in,
        is_unique_violation,
        jobs::sweeper::notice_due,
    },
    state::AppState,
};

/// Where an imported case comes from: the system and the case's id there. A case is imported
/// once per source: importing it again finds it.
#[derive(Debug, Clone)]
pub struct Source {
    pub system: String,
    pub id: String,
}

/// One recorded action of a case's history.
#[derive(Debug, Clone)]
pub struct Step {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who took it, by their name or id in the source system.
    pub actor: String,
    /// The role they took it in; the first role the procedure allows the action when absent.
    pub role: Option<Role>,
    pub input: ActionInput,
}

/// A case to import: the complaint as it was logged, and what happened to it since.
#[derive(Debug, Clone)]
pub struct ImportCase {
    pub source: Source,
    /// Who logged it in the source system; the source system itself when absent.
    pub logged_by: Option<String>,
    /// As `POST /v1/complaints` takes it; `received_at` is required.
    pub complaint: NewComplaint,
    pub history: Vec<Step>,
}

/// What importing a case did.
#[derive(Debug)]
pub enum Imported {
    /// The case is now in Recourse.
    New(complaint::Model),
    /// The case was imported before, from the same source: nothing changed.
    Already(complaint::Model),
}

/// Cases one bulk request may carry.
pub const MAX_BULK: usize = 500;

/// Imports one case, all or nothing.
pub async fn import_one(
    state: &AppState,
    importer: &Actor,
    case: ImportCase,
) -> Result<Imported, ApiError> {
    let now = state.clock.now();
    let source = case.source.clone();
    let tx = state.db.begin_write().await?;
    match import_in(state, tx.conn(), importer, case, now).await? {
        Ok(imported) => {
            tx.commit().await?;
            Ok(imported)
        }
        Err(Raced) => {
            drop(tx);
            found(imported_before(&state.db.conn, importer, &source).await?)
        }
    }
}

/// Imports each case all or nothing, in one transaction (one commit to disk for them all): a
/// case refused leaves the others to import. `Err` in the list is a case refused, given here
/// (refused on reading) or by its import; the request fails as a whole only on a server error.
pub async fn import_many(
    state: &AppState,
    importer: &Actor,
    cases: Vec<Result<ImportCase, ApiError>>,
) -> Result<Vec<Result<Imported, ApiError>>, ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let mut results = Vec::with_capacity(cases.len());
    for case in cases {
        let case = match case {
            Ok(case) => case,
            Err(e) => {
                results.push(Err(e));
                continue;
            }
        };
        // A savepoint per case: a refused case's writes go, the others' stay.
        let source = case.source.clone();
        let savepoint = tx.conn().begin().await?;
        match import_in(state, &savepoint, importer, case, now).await {
            Ok(Ok(imported)) => {
                savepoint.commit().await?;
                results.push(Ok(imported));
            }
            Ok(Err(Raced)) => {
                savepoint.rollback().await?;
                match imported_before(tx.conn(), importer, &source)
                    .await
                    .and_then(found)
                {
                    Err(e) if e.code.status() >= 500 => return Err(e),
                    before => results.push(before),
                }
            }
            Err(e) if e.code.status() >= 500 => return Err(e),
            Err(e) => {
                savepoint.rollback().await?;
                results.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}

/// Another request imported the same case at the same time and committed first: on
/// PostgreSQL, this one's write of the source waited for that one's and then broke the unique
/// index. The caller rolls this attempt back and answers as a second import would.
struct Raced;

/// The complaint an earlier import of `source` made, as importing it again answers it:
/// unchanged, or 409 when it is out of the importer's reach (another importer's case).
async fn imported_before(
    db: &impl ConnectionTrait,
    importer: &Actor,
    source: &Source,
) -> Result<Option<Imported>, ApiError> {
    let Some(existing) = complaint::Entity::find()
        .filter(complaint::Column::SourceSystem.eq(source.system.as_str()))
        .filter(complaint::Column::SourceId.eq(source.id.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !importer
        .scope
        .covers(&existing.team_id, &existing.created_by)
    {
        // Another importer's case: say no more than that the source id is taken.
        return Err(ApiError::new(
            ErrorCode::AlreadyExists,
            "a case with this source system and id was imported by another caller",
        )
        .with_field("source.id"));
    }
    Ok(Some(Imported::Already(existing)))
}

/// The earlier import a raced one lost to, which is there by then.
fn found(before: Option<Imported>) -> Result<Imported, ApiError> {
    before.ok_or_else(|| ApiError::internal("an import lost a race to a case that is not there"))
}

/// Imports a case in the caller's transaction; `Ok(Err(Raced))` when another request imported
/// the same case at once and committed first, after which the caller's transaction (or
/// savepoint) can only be rolled back.
async fn import_in(
    state: &AppState,
    db: &impl ConnectionTrait,
    importer: &Actor,
    case: ImportCase,
    now: DateTime<Utc>,
) -> Result<Result<Imported, Raced>, ApiError> {
    let ImportCase {
        source,
        logged_by,
        complaint: input,
        history,
    } = case;
    if let Some(before) = imported_before(db, importer, &source).await? {
        return Ok(Ok(before));
    }
    let received_at = input.received_at.ok_or_else(|| {
        ApiError::invalid_field(
            "complaint.received_at",
            "an imported complaint needs the instant it was received",
        )
    })?;
    input
        .check(now)
        .map_err(|e| ApiError::invalid_field(&format!("complaint.{}", e.field), e.reason))?;
    check_order(received_at, &history, now)?;
    let team_id = importing_team(importer, input.team.as_deref())?;
    if entity::team::Entity::find_by_id(team_id.clone())
        .one(db)
        .await?
        .is_none()
    {
        return Err(ApiError::invalid_field(
            "complaint.team",
            format!("there is no team {team_id:?}"),
        ));
    }

    let logger = logged_by.unwrap_or_else(|| source.system.clone());
    record_people(db, &team_id, &history, received_at).await?;
    let mut current = log_in(
        state,
        db,
        Author {
            id: &logger,
            role: Role::Agent.as_str(),
        },
        &importer.sub,
        team_id.clone(),
        input,
        received_at,
        Recording::Imported,
    )
    .await
    .map_err(in_complaint)?;
    for (i, step) in history.into_iter().enumerate() {
        let action = step.input.kind();
        let role = acting_role(&step);
        let actor = Actor::recorded(&step.actor, role, &team_id);
        current = act_on(
            state,
            db,
            &actor,
            current,
            step.input,
            step.at,
            Recording::Imported,
        )
        .await
        .map_err(|e| in_step(e, i, action, step.at))?
        .complaint;
    }
    // What came due between the last recorded action and now happened before the import too.
    let current = notice_due(state, db, current, now, Recording::Imported).await?;
    let mut next = current.clone();
    next.source_system = Some(source.system.clone());
    next.source_id = Some(source.id.clone());
    next.imported_at = Some(now);
    let recorded = audit::record(
        db,
        &current,
        next,
        importer.into(),
        now,
        "complaint.imported",
        json!({
            "source_system": source.system,
            "source_id": source.id,
            "logged_by": logger,
        }),
        // The import is not itself imported, but it raises nothing either: the case's
        // subscribers learn of it from its first live change.
        Recording::Live,
    )
    .await;
    let imported = match recorded {
        Err(e) if is_unique_violation(&e) => return Ok(Err(Raced)),
        recorded => recorded?
            .ok_or_else(|| ApiError::internal("an imported case changed while it was imported"))?,
    };
    Ok(Ok(Imported::New(imported)))
}

/// The role a step was taken in: as given, or the first the procedure allows its action
/// (`agent`, or `team_leader` for what only a team leader may do).
fn acting_role(step: &Step) -> Role {
    step.role.unwrap_or_else(|| {
        allowed_roles(step.input.kind())
            .first()
            .copied()
            .unwrap_or(Role::Agent)
    })
}

/// Records the people of the history as users of the case's team, as signing in records a
/// caller, so that whoever handled the case can be its assignee (which names a user). A person
/// already recorded keeps their row: a real user's roles and team are their identity
/// provider's to say, not an old system's.
async fn record_people(
    db: &impl ConnectionTrait,
    team_id: &str,
    history: &[Step],
    received_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut people: Vec<(&str, Role, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for step in history {
        let role = acting_role(step);
        let names = std::iter::once(step.actor.as_str()).chain(match &step.input {
            ActionInput::Assign { assignee } => Some(assignee.as_str()),
            _ => None,
        });
        for name in names {
            match people.iter_mut().find(|p| p.0 == name) {
                Some(person) => person.3 = step.at,
                None => people.push((name, role, step.at.max(received_at), step.at)),
            }
        }
    }
    if people.is_empty() {
        return Ok(());
    }
    let rows = people
        .into_iter()
        .map(|(name, role, first, last)| user::ActiveModel {
            id: Set(name.to_owned()),
            name: Set(name.to_owned()),
            roles: Set(json!([role.as_str()])),
            team_id: Set(Some(team_id.to_owned())),
            first_seen_at: Set(first),
            last_seen_at: Set(last),
        });
    user::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([user::Column::Id])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The team the importer may import the case into: as `POST /v1/complaints` decides it, the
/// team named when the importer's role needs one.
fn importing_team(importer: &Actor, requested: Option<&str>) -> Result<String, ApiError> {
    let owning = |role| owning_team(role, importer.team.as_deref(), requested);
    importer
        .roles
        .iter()
        .find_map(|r| owning(*r).ok())
        .map_or_else(|| owning(importer.role), Ok)
        .map_err(|e| match e {
            TeamError::CallerHasNoTeam => ApiError::invalid_field(
                "complaint.team",
                "your token names no team, so you cannot import complaints",
            ),
            TeamError::OtherTeam => {
                ApiError::forbidden("you can only import complaints for your own team")
            }
            TeamError::TeamRequired => {
                ApiError::invalid_field("complaint.team", "name the team the complaint belongs to")
            }
        })
}

/// The history as a whole, before anything is written: each step at or after the receipt and
/// the step before it, and none in the future.
fn check_order(
    received_at: DateTime<Utc>,
    history: &[Step],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let labels: Vec<String> = history
        .iter()
        .enumerate()
        .map(|(i, step)| format!("history[{i}] ({})", step.input.kind().as_str()))
        .collect();
    let mut previous = Mark::new("the complaint's receipt", received_at);
    for ((i, step), label) in history.iter().enumerate().zip(&labels) {
        instants::happened(&format!("history[{i}].at"), step.at, &[previous], now)?;
        previous = Mark::new(label, step.at);
    }
    Ok(())
}

/// An error about the complaint's own fields, named within the imported case.
fn in_complaint(e: ApiError) -> ApiError {
    rename(e, "complaint", None)
}

/// An error about a step of the history, named by the step (`history[3]`, or one of its fields,
/// `history[3].outcome`), and always a 422: the history is the request, and a path the
/// procedure does not allow is a history it refuses, not a conflict with the case's state.
fn in_step(e: ApiError, i: usize, action: ActionKind, at: DateTime<Utc>) -> ApiError {
    if e.code.status() >= 500 {
        return e;
    }
    let detail = format!(
        "history[{i}] ({} at {}): {}",
        action.as_str(),
        at.to_rfc3339(),
        e.detail
    );
    let mut renamed = rename(e, &format!("history[{i}]"), Some(detail));
    renamed.code = ErrorCode::ValidationFailed;
    renamed
}

fn rename(mut e: ApiError, prefix: &str, detail: Option<String>) -> ApiError {
    e.field = Some(match e.field.take() {
        Some(field) if field.starts_with('[') => format!("{prefix}{field}"),
        Some(field) => format!("{prefix}.{field}"),
        None => prefix.to_owned(),
    });
    if let Some(detail) = detail {
        e.detail = detail;
    }
    e
}
