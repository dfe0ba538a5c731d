//! The outbox: integration events written in the transaction of the change each describes, so
//! that an event is sent if and only if its change committed. The audit trail calls here; the
//! delivery worker reads what is written here.

use chrono::{DateTime, Utc};
use entity::{complaint, outbox_event};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::integration::webhooks::{EventType, complaint_events, improvement_event};

/// Writes one integration event to the outbox. The body is what subscribers receive; its `id`
/// is the stable `webhook-id` of every delivery of it.
pub async fn emit(
    db: &impl ConnectionTrait,
    event_type: EventType,
    at: DateTime<Utc>,
    data: Value,
) -> Result<(), sea_orm::DbErr> {
    outbox_event::Entity::insert(outbox_row(event_type, at, data))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The outbox row of one integration event.
pub fn outbox_row(
    event_type: EventType,
    at: DateTime<Utc>,
    data: Value,
) -> outbox_event::ActiveModel {
    let id = Uuid::now_v7();
    let payload = json!({
        "id": id,
        "type": event_type.as_str(),
        "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "data": data,
    });
    outbox_event::ActiveModel {
        id: Set(id),
        event_type: Set(event_type.as_str().to_owned()),
        occurred_at: Set(at),
        payload: Set(payload),
        dispatch_token: Set(None),
        dispatched_at: Set(None),
    }
}

/// The outbox events a complaint's audit event stands for. The data names the complaint and
/// where it stands, never the complainant: receivers fetch details through the API, under
/// their own token's scope.
pub async fn emit_for_complaint(
    db: &impl ConnectionTrait,
    before: &complaint::Model,
    after: &complaint::Model,
    kind: &str,
    event_data: &Value,
    at: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let rows = complaint_outbox_rows(&before.state, after, kind, event_data, at);
    if !rows.is_empty() {
        outbox_event::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The outbox rows of [`emit_for_complaint`], for a writer that inserts many at once.
pub fn complaint_outbox_rows(
    state_before: &str,
    after: &complaint::Model,
    kind: &str,
    event_data: &Value,
    at: DateTime<Utc>,
) -> Vec<outbox_event::ActiveModel> {
    complaint_events(kind, state_before, &after.state)
        .into_iter()
        .map(|event_type| {
            let mut data = json!({
                "complaint_id": after.id,
                "reference": after.reference,
                "state": after.state,
                "stage": after.stage,
                "team": after.team_id,
            });
            let copy: &[&str] = match event_type {
                EventType::TimerWarning | EventType::TimerBreached | EventType::TimerMissed => {
                    &["timer", "due_at"]
                }
                EventType::EscalationRaised => &["level", "timer"],
                _ => &[],
            };
            if let Some(object) = data.as_object_mut() {
                for key in copy {
                    if let Some(v) = event_data.get(*key) {
                        object.insert((*key).to_owned(), v.clone());
                    }
                }
            }
            outbox_row(event_type, at, data)
        })
        .collect()
}

/// The outbox event an audit record about an improvement item stands for, if any.
pub async fn emit_for_record(
    db: &impl ConnectionTrait,
    kind: &str,
    subject: (&str, &str),
    record: &Value,
    at: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    if subject.0 != "improvement" {
        return Ok(());
    }
    // A check records its measurement, verdict included, under `check`.
    let verdict = record.pointer("/check/verdict").filter(|v| !v.is_null());
    let Some(event_type) = improvement_event(kind, verdict.is_some()) else {
        return Ok(());
    };
    let mut data = json!({ "improvement_id": subject.1 });
    if let (Some(v), Some(object)) = (verdict, data.as_object_mut()) {
        object.insert("verdict".to_owned(), v.clone());
    }
    emit(db, event_type, at, data).await
}
