//! Logging, reading and correcting complaints (listing them is `queue`).

use chrono::{DateTime, Datelike, Utc};
use entity::{communication, complaint, complaint_event, complaint_timer, idempotency_key, team};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::service::stored::stored_vulnerability;
use crate::service::{
    audit::{self, Recording},
    cases::idempotency,
    cases::timers,
    improvement::taxonomy,
    is_unique_violation, page,
};
use crate::{
    auth::Actor,
    domain::{
        access::rbac::{Permission, Role, Scope},
        case::audit::{ChainVerdict, GENESIS_HASH, canonical_json, redact_vulnerability},
        case::complaint::{
            ComplaintPatch, IntakeError, NewComplaint, Profile, State, TeamError, Vulnerability,
            owning_team, reference,
        },
        case::instants::{self, Mark},
        case::procedure::is_terminal,
        deadlines::{StartEvent, Starts},
    },
    error::{ApiError, ErrorCode},
    state::AppState,
};

impl From<IntakeError> for ApiError {
    fn from(e: IntakeError) -> Self {
        ApiError::invalid_field(e.field, e.reason)
    }
}

/// The outcome of a create: a new complaint, or the replay of an earlier identical request.
#[derive(Debug)]
pub enum Created {
    New(complaint::Model),
    Replayed(complaint::Model),
}

const CREATE_OPERATION: &str = "create_complaint";

fn request_hash(input: &NewComplaint) -> Result<String, ApiError> {
    let value = serde_json::to_value(input).map_err(ApiError::internal)?;
    Ok(hex::encode(Sha256::digest(
        canonical_json(&value).as_bytes(),
    )))
}

/// What a stored idempotency record means for a retry: the complaint it created, reloaded
/// as it is now and through the caller's current scope (404 like any complaint out of scope,
/// should the caller have moved team since), or 409 for a different request under the key.
async fn replay(
    db: &impl ConnectionTrait,
    actor: &Actor,
    record: idempotency_key::Model,
    hash: &str,
) -> Result<Created, ApiError> {
    if record.operation != CREATE_OPERATION || record.request_hash != hash {
        return Err(ApiError::new(
            ErrorCode::IdempotencyKeyReused,
            "this Idempotency-Key was already used with a different request body",
        ));
    }
    let id = record
        .resource_id
        .ok_or_else(|| ApiError::internal("idempotency record names no complaint"))?;
    Ok(Created::Replayed(
        load_in_scope(db, &actor.scope, id).await?,
    ))
}

/// Takes the next reference number for `year`, in the caller's transaction, so a number is
/// used only if the complaint that took it commits.
async fn next_reference_number(db: &impl ConnectionTrait, year: i32) -> Result<i64, ApiError> {
    reserve_reference_numbers(db, year, 1).await
}

/// Reserves the next `count` reference numbers for `year` in the caller's transaction and
/// returns the last of them: the block is `last - count + 1 ..= last`.
pub(crate) async fn reserve_reference_numbers(
    db: &impl ConnectionTrait,
    year: i32,
    count: i64,
) -> Result<i64, ApiError> {
    #[derive(sea_orm::DeriveIden)]
    enum ReferenceCounters {
        Table,
        Year,
        Last,
    }
    let stmt = Query::insert()
        .into_table(ReferenceCounters::Table)
        .columns([ReferenceCounters::Year, ReferenceCounters::Last])
        .values_panic([year.into(), count.into()])
        .on_conflict(
            OnConflict::column(ReferenceCounters::Year)
                .value(
                    ReferenceCounters::Last,
                    Expr::col((ReferenceCounters::Table, ReferenceCounters::Last)).add(count),
                )
                .to_owned(),
        )
        .returning_col(ReferenceCounters::Last)
        .to_owned();
    let row = db
        .query_one(&stmt)
        .await?
        .ok_or_else(|| ApiError::internal("reference counter returned no row"))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// Logs a complaint. With an `Idempotency-Key`, a retry of the same request within the
/// retention period returns the complaint it created (as it is now, if still in the caller's
/// scope) and a different request under the same key is refused; concurrent retries create
/// exactly one complaint. After the retention period the key is new again.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewComplaint,
    idempotency_key: Option<&str>,
) -> Result<Created, ApiError> {
    let now = state.clock.now();
    input.check(now)?;
    // Any role that may log complaints may log this one: the first whose rule accepts the
    // team asked for (an agent who is also an integrator logs for another team as the
    // integrator), and the complaint is recorded as logged in that role.
    let owning = |role| owning_team(role, actor.team.as_deref(), input.team.as_deref());
    let team_id = actor
        .roles
        .iter()
        .find_map(|r| owning(*r).ok())
        .map_or_else(|| owning(actor.role), Ok)
        .map_err(|e| match e {
            TeamError::CallerHasNoTeam => ApiError::invalid_field(
                "team",
                "your token names no team, so you cannot log complaints",
            ),
            TeamError::OtherTeam => {
                ApiError::forbidden("you can only log complaints for your own team")
            }
            TeamError::TeamRequired => {
                ApiError::invalid_field("team", "name the team the complaint belongs to")
            }
        })?;
    let actor = &actor.within(&team_id, &actor.sub);
    let hash = match idempotency_key {
        Some(_) => Some(request_hash(&input)?),
        None => None,
    };

    let tx = state.db.begin_write().await?;
    if let (Some(key), Some(hash)) = (idempotency_key, &hash) {
        let cutoff = idempotency::cutoff(state);
        match idempotency::find(tx.conn(), &actor.sub, key).await? {
            Some(record) if record.created_at > cutoff => {
                // On SQLite the record may be in the open shared commit: the replay is
                // answered only once that is durable, as the original is.
                let replayed = replay(tx.conn(), actor, record, hash).await;
                tx.commit().await?;
                return replayed;
            }
            Some(_) => idempotency::forget_expired(tx.conn(), &actor.sub, key, cutoff).await?,
            None => {}
        }
        // Claim the key first: a concurrent retry on PostgreSQL waits here for this
        // transaction and then fails on the primary key, and replays what this one stored.
        let claim = idempotency_key::ActiveModel {
            principal_id: Set(actor.sub.clone()),
            key: Set(key.to_owned()),
            operation: Set(CREATE_OPERATION.to_owned()),
            request_hash: Set(hash.clone()),
            status: Set(0),
            resource_id: Set(None),
            created_at: Set(now),
        };
        if let Err(err) = idempotency_key::Entity::insert(claim)
            .exec_without_returning(tx.conn())
            .await
        {
            drop(tx);
            if is_unique_violation(&err) {
                let db = &state.db.conn;
                return match idempotency::find(db, &actor.sub, key).await? {
                    Some(record) => replay(db, actor, record, hash).await,
                    None => Err(ApiError::internal("idempotency record vanished")),
                };
            }
            return Err(err.into());
        }
    }

    if team::Entity::find_by_id(team_id.clone())
        .one(tx.conn())
        .await?
        .is_none()
    {
        return Err(ApiError::invalid_field(
            "team",
            format!("there is no team {team_id:?}"),
        ));
    }
    let model = log_in(
        state,
        tx.conn(),
        actor.into(),
        &actor.sub,
        team_id,
        input,
        now,
        Recording::Live,
    )
    .await?;
    let id = model.id;
    if let Some(key) = idempotency_key {
        idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::Status, Expr::value(201i16))
            .col_expr(idempotency_key::Column::ResourceId, Expr::value(id))
            .filter(idempotency_key::Column::PrincipalId.eq(actor.sub.as_str()))
            .filter(idempotency_key::Column::Key.eq(key))
            .exec(tx.conn())
            .await?;
    }
    tx.commit().await?;
    tracing::info!(complaint = %model.reference, team = %model.team_id, "complaint logged");
    Ok(Created::New(model))
}

/// Writes a new complaint of `team_id`, logged by `author` at `at` for `created_by` (whose scope
/// it falls in), with its first event and the timers that run from its receipt, in the caller's
/// transaction. An import logs the case as it was logged in its old system
/// ([`Recording::Imported`]: at its original instant, by its original author, raising nothing).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn log_in(
    state: &AppState,
    db: &impl ConnectionTrait,
    author: audit::Author<'_>,
    created_by: &str,
    team_id: String,
    input: NewComplaint,
    at: DateTime<Utc>,
    recording: Recording,
) -> Result<complaint::Model, ApiError> {
    taxonomy::check_filing(db, &input.product, &input.category).await?;
    let number = next_reference_number(db, at.year()).await?;
    let id = Uuid::now_v7();
    let profile = input.profile.unwrap_or(state.config.default_profile);
    let received_at = input.received_at.unwrap_or(at);
    let c = input.complainant;
    let vulnerability = input.vulnerability.as_ref().map(Vulnerability::to_json);
    let model = complaint::Model {
        id,
        reference: reference(at.year(), number),
        team_id,
        created_by: created_by.to_owned(),
        assignee_id: None,
        state: State::Received.as_str().to_owned(),
        stage: 1,
        profile: profile.as_str().to_owned(),
        channel: input.channel.as_str().to_owned(),
        product: input.product,
        category: input.category,
        description: input.description,
        remedy_sought: input.remedy_sought,
        complainant_name: c.name,
        complainant_email: c.email,
        complainant_phone: c.phone,
        customer_ref: c.customer_ref,
        vulnerable: input.vulnerability.is_some(),
        vulnerability,
        received_at,
        responded_at: None,
        responded_by: None,
        escalated_at: None,
        closed_at: None,
        created_at: at,
        updated_at: at,
        version: 1,
        event_count: 1,
        last_event_hash: String::new(),
        outcome: None,
        primary_cause: None,
        rca_pending: false,
        stage1_handler: None,
        approved: false,
        acknowledged_at: None,
        escalation_received_at: None,
        escalation_acknowledged_at: None,
        referral_scheme: None,
        referral_reference: None,
        referred_at: None,
        referral_outcome: None,
        referral_outcome_at: None,
        transferred_to: None,
        source_system: None,
        source_id: None,
        imported_at: None,
    };
    let starts = Starts {
        received: Some(received_at),
        ..Starts::default()
    };
    let planned = timers::plan(db, profile, StartEvent::Received, &starts).await?;
    let mut data = json!({
        "after": intake_summary(&model)?,
        "timers": timers::summary(&planned),
    });
    recording.mark(&mut data);
    let event = audit::next_event(id, 1, GENESIS_HASH, author, at, "complaint.created", data);
    let model = complaint::Model {
        last_event_hash: event.hash.clone(),
        ..model
    };
    complaint::Entity::insert(complaint::ActiveModel::from(model.clone()))
        .exec_without_returning(db)
        .await?;
    complaint_event::Entity::insert(event.row)
        .exec_without_returning(db)
        .await?;
    if recording == Recording::Live {
        crate::service::integration::outbox::emit_for_complaint(
            db,
            &model,
            &model,
            "complaint.created",
            &serde_json::Value::Null,
            at,
        )
        .await?;
    }
    timers::insert(db, id, &planned).await?;
    Ok(model)
}

/// The audit summary of a complaint's intake details. Vulnerability notes are recorded only
/// as present or not; the details stay on the complaint.
fn intake_summary(m: &complaint::Model) -> Result<Value, ApiError> {
    let vulnerability = m
        .vulnerability
        .as_ref()
        .map(|v| stored_vulnerability(v).map(|v| v.audit_summary()))
        .transpose()?;
    Ok(json!({
        "reference": m.reference,
        "team": m.team_id,
        "state": m.state,
        "profile": m.profile,
        "channel": m.channel,
        "product": m.product,
        "category": m.category,
        "description": m.description,
        "remedy_sought": m.remedy_sought,
        "complainant_name": m.complainant_name,
        "complainant_email": m.complainant_email,
        "complainant_phone": m.complainant_phone,
        "customer_ref": m.customer_ref,
        "vulnerability": vulnerability,
        "received_at": m.received_at.to_rfc3339(),
    }))
}

/// Reads one complaint; out of scope answers as not found.
/// Reads one complaint with its timers; out of scope answers as not found.
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(complaint::Model, Vec<complaint_timer::Model>), ApiError> {
    let complaint = load_in_scope(&state.db.conn, &actor.scope, id).await?;
    let timers = timers::of(&state.db.conn, id).await?;
    Ok((complaint, timers))
}

/// A complaint and its timers by its human reference (`CMP-2026-000123`), through the same
/// scope guard as [`get`]: absent and out of scope are the same 404.
pub async fn get_by_reference(
    state: &AppState,
    actor: &Actor,
    reference: &str,
) -> Result<(complaint::Model, Vec<complaint_timer::Model>), ApiError> {
    let id: Option<Uuid> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::Id)
        .filter(complaint::Column::Reference.eq(reference))
        .into_tuple()
        .one(&state.db.conn)
        .await?;
    let id = id.ok_or_else(|| ApiError::not_found("complaint"))?;
    get(state, actor, id).await
}

/// The timers of a complaint the caller has just been shown (created or replayed).
pub async fn timers(state: &AppState, id: Uuid) -> Result<Vec<complaint_timer::Model>, ApiError> {
    timers::of(&state.db.conn, id).await
}

/// Loads a complaint for a change in the writer's transaction: 404 out of scope, 412 unless
/// `expected_versions` (from `If-Match`; `None` for any) names its current version.
pub(crate) async fn load_for_change(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: Uuid,
    expected_versions: Option<&[i64]>,
) -> Result<complaint::Model, ApiError> {
    // FOR UPDATE on PostgreSQL: a concurrent writer of this complaint waits here until the
    // other commits and then reads the version it left, so a lost race is a 412 before this
    // one touches any other row (a timer, a remedy) and trips over what the winner wrote.
    // SQLite's writers already take turns, and sea-query emits no lock clause there.
    let found = complaint::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?;
    let current = in_scope(found, scope)?;
    if expected_versions.is_some_and(|v| !v.contains(&current.version)) {
        return Err(stale(current.version));
    }
    Ok(current)
}

pub(crate) async fn load_in_scope(
    db: &impl ConnectionTrait,
    scope: &Scope,
    id: Uuid,
) -> Result<complaint::Model, ApiError> {
    in_scope(complaint::Entity::find_by_id(id).one(db).await?, scope)
}

/// The complaint found, if the caller's scope covers it; 404 alike for absent and unseen.
fn in_scope(found: Option<complaint::Model>, scope: &Scope) -> Result<complaint::Model, ApiError> {
    found
        .filter(|c| scope.covers(&c.team_id, &c.created_by))
        .ok_or_else(|| ApiError::not_found("complaint"))
}

/// Records the change of one field in `changes` when `new` differs from `old`.
fn diff<T: PartialEq + serde::Serialize>(
    changes: &mut Map<String, Value>,
    field: &str,
    old: &T,
    new: &T,
) -> bool {
    if old == new {
        return false;
    }
    changes.insert(field.to_owned(), json!({"before": old, "after": new}));
    true
}

/// Corrects intake details, if `expected_version` is still current. A patch that changes
/// nothing returns the complaint untouched, with no new version and no event.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    patch: ComplaintPatch,
) -> Result<complaint::Model, ApiError> {
    let now = state.clock.now();
    patch.check(now)?;
    let tx = state.db.begin_write().await?;
    let current = load_for_change(tx.conn(), &actor.scope, id, expected_versions).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    let author = correcting_author(&current, actor, patch.reason.as_deref())?;
    if let Some(at) = patch.received_at {
        check_receipt_correction(tx.conn(), &current, at, now).await?;
    }
    let mut next = current.clone();
    let mut changes = Map::new();
    macro_rules! apply {
        ($field:ident, $name:literal) => {
            if let Some(value) = patch.$field.clone() {
                let value = value.into();
                if diff(&mut changes, $name, &current.$field, &value) {
                    next.$field = value;
                }
            }
        };
    }
    apply!(complainant_name, "complainant_name");
    apply!(complainant_email, "complainant_email");
    apply!(complainant_phone, "complainant_phone");
    apply!(customer_ref, "customer_ref");
    apply!(product, "product");
    apply!(category, "category");
    apply!(description, "description");
    apply!(remedy_sought, "remedy_sought");
    apply!(received_at, "received_at");
    if let Some(channel) = patch.channel {
        let channel = channel.as_str().to_owned();
        if diff(&mut changes, "channel", &current.channel, &channel) {
            next.channel = channel;
        }
    }
    if let Some(v) = &patch.vulnerability {
        let stored = Some(v.to_json());
        if stored != current.vulnerability {
            let summary = |j: &Option<Value>| {
                j.as_ref()
                    .map(|j| stored_vulnerability(j).map(|v| v.audit_summary()))
                    .transpose()
            };
            changes.insert(
                "vulnerability".to_owned(),
                json!({"before": summary(&current.vulnerability)?, "after": summary(&stored)?}),
            );
            next.vulnerability = stored;
            next.vulnerable = true;
        }
    }
    if changes.is_empty() {
        return Ok(current);
    }
    // A correction files the complaint anew only when it moves it: a complaint whose category
    // has since been retired keeps it through corrections of its other details.
    if next.product != current.product || next.category != current.category {
        taxonomy::check_filing(tx.conn(), &next.product, &next.category).await?;
    }

    let mut data = Map::from_iter([("changes".to_owned(), Value::Object(changes))]);
    if let Some(reason) = &patch.reason {
        data.insert("reason".to_owned(), json!(reason));
    }
    let next = audit::record_change(
        tx.conn(),
        &current,
        next,
        author,
        now,
        "complaint.updated",
        Value::Object(data),
    )
    .await?
    .ok_or_else(|| stale(current.version))?;
    if next.received_at != current.received_at {
        // Deadlines run from receipt: a corrected receipt re-times the timers still running.
        let profile: Profile = crate::service::stored::stored("complaints.profile", &next.profile)?;
        let starts = Starts {
            received: Some(next.received_at),
            ..Starts::default()
        };
        timers::restart(tx.conn(), id, profile, StartEvent::Received, &starts).await?;
    }
    tx.commit().await?;
    Ok(next)
}

/// Who may correct the complaint as it stands, and in which role the change is recorded. A
/// complaint in an end state has been counted in returns by its product, category, channel and
/// dates: correcting it moves it between groupings after the fact, so only a team leader may,
/// and only with a reason, which the trail keeps.
fn correcting_author<'a>(
    current: &complaint::Model,
    actor: &'a Actor,
    reason: Option<&str>,
) -> Result<audit::Author<'a>, ApiError> {
    let state: State = crate::service::stored::stored("complaints.state", &current.state)?;
    if !is_terminal(state) {
        return Ok(actor.into());
    }
    if !actor.roles.contains(&Role::TeamLeader) {
        return Err(ApiError::forbidden(format!(
            "the complaint is {}, and reported as it stands: a team leader corrects it, with a reason",
            state.as_str()
        )));
    }
    if reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(ApiError::invalid_field(
            "reason",
            format!(
                "correcting a complaint that is {} needs a reason",
                state.as_str()
            ),
        ));
    }
    Ok(audit::Author {
        id: &actor.sub,
        role: Role::TeamLeader.as_str(),
    })
}

fn stale(current: i64) -> ApiError {
    ApiError::new(
        ErrorCode::PreconditionFailed,
        format!("the complaint has changed; its current ETag is \"{current}\""),
    )
}

/// One page of a complaint's audit trail, in chain order.
pub async fn events(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    after_seq: i64,
    limit: u64,
) -> Result<(Vec<complaint_event::Model>, Option<i64>), ApiError> {
    let complaint = load_in_scope(&state.db.conn, &actor.scope, id).await?;
    let mut rows = audit::events_of(&state.db.conn, id, after_seq, Some(limit + 1)).await?;
    // Only a role that may read the details and reaches this complaint sees them: reading the
    // trail through another role (an analyst's, say) does not lend that role's reach.
    if !actor.may_on(
        Permission::ReadVulnerability,
        &complaint.team_id,
        &complaint.created_by,
    ) {
        for event in &mut rows {
            redact_vulnerability(&mut event.data);
        }
    }
    Ok(page(rows, limit, |e| e.seq))
}

/// Recomputes a complaint's whole chain, reading the complaint and its events in one
/// transaction so a concurrent write cannot make an intact chain look broken.
pub async fn verify_events(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(complaint::Model, ChainVerdict), ApiError> {
    let tx = state.db.begin_snapshot().await?;
    let complaint = load_in_scope(&tx, &actor.scope, id).await?;
    let events = audit::events_of(&tx, id, 0, None).await?;
    tx.commit().await?;
    let verdict = audit::verify(&events, complaint.event_count, &complaint.last_event_hash);
    Ok((complaint, verdict))
}

/// A corrected receipt must still come before everything recorded as following it: the
/// acknowledgements, the escalation, the referral and every letter sent.
async fn check_receipt_correction(
    db: &impl ConnectionTrait,
    current: &complaint::Model,
    received_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let first_letter: Option<DateTime<Utc>> = communication::Entity::find()
        .select_only()
        .column_as(communication::Column::SentAt.min(), "at")
        .filter(communication::Column::ComplaintId.eq(current.id))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let followed: Vec<Mark> = [
        ("the acknowledgement", current.acknowledged_at),
        ("the escalation", current.escalation_received_at),
        (
            "the acknowledgement of the escalation",
            current.escalation_acknowledged_at,
        ),
        ("the referral", current.referred_at),
        ("the first letter sent", first_letter),
    ]
    .into_iter()
    .filter_map(|(what, at)| at.map(|at| Mark::new(what, at)))
    .collect();
    Ok(instants::precedes(
        "received_at",
        received_at,
        &followed,
        now,
    )?)
}
