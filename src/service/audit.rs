//! Appending to and verifying a complaint's hash-chained audit trail.

use chrono::{DateTime, Utc};
use entity::{audit_log, complaint, complaint_event};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::Value;
use uuid::Uuid;

use crate::{
    auth::Actor,
    domain::case::audit::{ChainVerdict, Link, StoredLink, hash_link, verify_chain},
};

/// Who an audit record names: a caller acting in one of its roles, or the system itself.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub id: &'a str,
    pub role: &'a str,
}

/// The service's own jobs (the deadline sweeper).
pub const SYSTEM: Author<'static> = Author {
    id: "system",
    role: "system",
};

impl<'a> From<&'a Actor> for Author<'a> {
    fn from(actor: &'a Actor) -> Self {
        Author {
            id: &actor.sub,
            role: actor.role.as_str(),
        }
    }
}

/// Whether a write records what happens now, or replays a case's history from the system it is
/// imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording {
    Live,
    /// Each event keeps its original instant and actor, says it was imported, and raises
    /// nothing (no webhook, no escalation): it happened before the case came to Recourse.
    Imported,
}

impl Recording {
    /// Marks an event's data as imported, where it is.
    pub fn mark(self, data: &mut Value) {
        if self == Recording::Imported
            && let Value::Object(map) = data
        {
            map.insert("imported".to_owned(), Value::Bool(true));
        }
    }
}

/// Writes `next` over `current` with the event that records the change: the version and the
/// chain head move on, conditionally on `current.version`, so a concurrent write makes this one
/// fail (`Ok(None)`) rather than fork the chain.
pub async fn record_change(
    db: &impl ConnectionTrait,
    current: &complaint::Model,
    next: complaint::Model,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    data: Value,
) -> Result<Option<complaint::Model>, sea_orm::DbErr> {
    record(db, current, next, author, at, kind, data, Recording::Live).await
}

/// [`record_change`], live or imported: an imported event is marked so in its data and emits
/// no webhook.
#[allow(clippy::too_many_arguments)]
pub async fn record(
    db: &impl ConnectionTrait,
    current: &complaint::Model,
    mut next: complaint::Model,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    mut data: Value,
    recording: Recording,
) -> Result<Option<complaint::Model>, sea_orm::DbErr> {
    recording.mark(&mut data);
    let event = next_event(
        current.id,
        current.event_count + 1,
        &current.last_event_hash,
        author,
        at,
        kind,
        data.clone(),
    );
    next.version = current.version + 1;
    next.updated_at = at;
    next.event_count = event.seq;
    next.last_event_hash = event.hash.clone();
    // Every column but the key is written; the WHERE clause carries the version check.
    let mut row = complaint::ActiveModel::from(next.clone()).reset_all();
    row.id = sea_orm::ActiveValue::Unchanged(current.id);
    let result = complaint::Entity::update_many()
        .set(row)
        .filter(complaint::Column::Id.eq(current.id))
        .filter(complaint::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Ok(None);
    }
    complaint_event::Entity::insert(event.row)
        .exec_without_returning(db)
        .await?;
    if recording == Recording::Live {
        super::integration::outbox::emit_for_complaint(db, current, &next, kind, &data, at).await?;
    }
    Ok(Some(next))
}

/// Appends an event to a complaint whose recorded details do not change.
pub async fn append(
    db: &impl ConnectionTrait,
    current: &complaint::Model,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    data: Value,
) -> Result<Option<complaint::Model>, sea_orm::DbErr> {
    record_change(db, current, current.clone(), author, at, kind, data).await
}

/// An event ready to insert, with the hash that becomes the complaint's new chain head.
#[derive(Debug)]
pub struct NextEvent {
    pub row: complaint_event::ActiveModel,
    pub seq: i64,
    pub hash: String,
}

/// Builds the event that follows `prev_hash` as number `seq` of the complaint's chain.
pub fn next_event(
    complaint_id: Uuid,
    seq: i64,
    prev_hash: &str,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    data: Value,
) -> NextEvent {
    let id = complaint_id.to_string();
    let hash = hash_link(&Link {
        complaint_id: &id,
        seq,
        kind,
        actor_id: author.id,
        actor_role: author.role,
        occurred_at: at,
        data: &data,
        prev_hash,
    });
    let row = complaint_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        complaint_id: Set(complaint_id),
        seq: Set(seq),
        kind: Set(kind.to_owned()),
        actor_id: Set(author.id.to_owned()),
        actor_role: Set(author.role.to_owned()),
        occurred_at: Set(at),
        data: Set(data),
        prev_hash: Set(prev_hash.to_owned()),
        hash: Set(hash.clone()),
    };
    NextEvent { row, seq, hash }
}

/// Appends a record of a write that is not about one complaint, in the writer's transaction.
pub async fn log(
    db: &impl ConnectionTrait,
    actor: &Actor,
    at: DateTime<Utc>,
    kind: &str,
    subject: (&str, &str),
    data: Value,
) -> Result<(), sea_orm::DbErr> {
    log_as(db, actor.into(), at, kind, subject, data).await
}

/// [`log`] for any author, the service's own jobs included.
pub async fn log_as(
    db: &impl ConnectionTrait,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    subject: (&str, &str),
    data: Value,
) -> Result<(), sea_orm::DbErr> {
    super::integration::outbox::emit_for_record(db, kind, subject, &data, at).await?;
    append_log(db, author, at, kind, subject, data).await
}

/// Appends one record to the audit log, and nothing else.
pub async fn append_log(
    db: &impl ConnectionTrait,
    author: Author<'_>,
    at: DateTime<Utc>,
    kind: &str,
    subject: (&str, &str),
    data: Value,
) -> Result<(), sea_orm::DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        occurred_at: Set(at),
        actor_id: Set(author.id.to_owned()),
        actor_role: Set(author.role.to_owned()),
        kind: Set(kind.to_owned()),
        subject_type: Set(subject.0.to_owned()),
        subject_id: Set(subject.1.to_owned()),
        data: Set(data),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A complaint's events in chain order.
pub async fn events_of(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    after_seq: i64,
    limit: Option<u64>,
) -> Result<Vec<complaint_event::Model>, sea_orm::DbErr> {
    complaint_event::Entity::find()
        .filter(complaint_event::Column::ComplaintId.eq(complaint_id))
        .filter(complaint_event::Column::Seq.gt(after_seq))
        .order_by_asc(complaint_event::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

/// Recomputes the chain of stored events against the complaint's recorded head.
pub fn verify(
    events: &[complaint_event::Model],
    event_count: i64,
    head_hash: &str,
) -> ChainVerdict {
    let ids: Vec<String> = events.iter().map(|e| e.complaint_id.to_string()).collect();
    let links: Vec<StoredLink<'_>> = events
        .iter()
        .zip(&ids)
        .map(|(e, id)| StoredLink {
            link: Link {
                complaint_id: id,
                seq: e.seq,
                kind: &e.kind,
                actor_id: &e.actor_id,
                actor_role: &e.actor_role,
                occurred_at: e.occurred_at,
                data: &e.data,
                prev_hash: &e.prev_hash,
            },
            hash: &e.hash,
        })
        .collect();
    verify_chain(&links, event_count, head_hash)
}
