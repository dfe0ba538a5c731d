//! Classifying a complaint's root cause: the primary cause (which the procedure's guards and
//! the recurrence rules read from the complaint), contributing causes, the five-whys chain and
//! flags. Allowed after closure; every change is an event on the complaint.

use entity::{classification, complaint};
use sea_orm::{EntityTrait, sea_query::OnConflict};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::service::{
    audit,
    cases::complaints::{load_for_change, load_in_scope},
    improvement::recurrence,
    improvement::taxonomy,
};
use crate::{
    auth::Actor,
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// A classification as given.
#[derive(Debug, Clone)]
pub struct Input {
    pub primary_cause: String,
    pub contributing: Vec<String>,
    /// Ordered why/because pairs.
    pub five_whys: Vec<(String, String)>,
    pub potentially_systemic: bool,
    pub vulnerability_relevant: bool,
    pub lessons: Option<String>,
}

/// A complaint's classification, if it has one (404 outside the caller's scope).
pub async fn get(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<(complaint::Model, Option<classification::Model>), ApiError> {
    let c = load_in_scope(&state.db.conn, &actor.scope, id).await?;
    let k = classification::Entity::find_by_id(id)
        .one(&state.db.conn)
        .await?;
    Ok((c, k))
}

fn describe(k: &classification::Model) -> Value {
    json!({
        "primary_cause": k.primary_cause,
        "contributing": k.contributing,
        "five_whys": k.five_whys,
        "potentially_systemic": k.potentially_systemic,
        "vulnerability_relevant": k.vulnerability_relevant,
        "lessons": k.lessons.is_some(),
    })
}

/// Saves the classification if `expected_versions` is current, then runs the recurrence rules
/// for its cause.
pub async fn put(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    input: Input,
) -> Result<(complaint::Model, classification::Model), ApiError> {
    let recorded = record(state, actor, id, expected_versions, input).await?;
    // The classification stands even if the rules fail now; the scheduled run catches up.
    if let Err(err) = recurrence::evaluate_complaint(state, id).await {
        tracing::error!(error = %err, "recurrence rules after a classification failed");
    }
    Ok(recorded)
}

/// [`put`] without running the recurrence rules afterwards, for bulk loading that runs them
/// once at the end.
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
    input: Input,
) -> Result<(complaint::Model, classification::Model), ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let current = load_for_change(db, &actor.scope, id, expected_versions).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    taxonomy::check_usable(db, "primary_cause", &input.primary_cause).await?;
    for (i, code) in input.contributing.iter().enumerate() {
        let field = format!("contributing[{i}]");
        if *code == input.primary_cause {
            return Err(ApiError::invalid_field(
                &field,
                "the primary cause is not also a contributing cause",
            ));
        }
        if input.contributing.iter().take(i).any(|c| c == code) {
            return Err(ApiError::invalid_field(&field, "listed twice"));
        }
        taxonomy::check_usable(db, &field, code).await?;
    }
    let before = classification::Entity::find_by_id(id).one(db).await?;
    let row = classification::Model {
        complaint_id: id,
        primary_cause: input.primary_cause.clone(),
        contributing: json!(input.contributing),
        five_whys: Value::Array(
            input
                .five_whys
                .iter()
                .map(|(why, because)| json!({"why": why, "because": because}))
                .collect(),
        ),
        potentially_systemic: input.potentially_systemic,
        vulnerability_relevant: input.vulnerability_relevant,
        lessons: input.lessons,
        classified_by: actor.sub.clone(),
        classified_at: now,
        taxonomy_version: taxonomy::version(db).await?,
    };
    classification::Entity::insert(classification::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::column(classification::Column::ComplaintId)
                .update_columns([
                    classification::Column::PrimaryCause,
                    classification::Column::Contributing,
                    classification::Column::FiveWhys,
                    classification::Column::PotentiallySystemic,
                    classification::Column::VulnerabilityRelevant,
                    classification::Column::Lessons,
                    classification::Column::ClassifiedBy,
                    classification::Column::ClassifiedAt,
                    classification::Column::TaxonomyVersion,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    let mut next = current.clone();
    next.primary_cause = Some(row.primary_cause.clone());
    next.rca_pending = false;
    let kind = if before.is_some() {
        "complaint.reclassified"
    } else {
        "complaint.classified"
    };
    let data = json!({
        "before": before.as_ref().map(describe),
        "after": describe(&row),
        "taxonomy_version": row.taxonomy_version,
    });
    let next = audit::record_change(db, &current, next, actor.into(), now, kind, data)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::PreconditionFailed,
                "the complaint changed meanwhile; reload and retry",
            )
        })?;
    tx.commit().await?;
    Ok((next, row))
}
