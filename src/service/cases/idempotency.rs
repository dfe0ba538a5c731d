//! `Idempotency-Key` records: which resource a caller's key created, kept for the configured
//! retention period and then purged. A record holds no copy of the resource: a replay reloads
//! it through the caller's current scope, so it never outlives the data it points to, never
//! shows what the caller may no longer see, and never goes stale when the resource changes.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::idempotency_key;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::{error::ApiError, state::AppState};

/// Expired keys deleted per transaction, so that the purge never holds SQLite's writers for
/// long however many keys expired at once.
const PURGE_BATCH: u64 = 1_000;

/// The purge runs this often at most (and at start): an expired key is already refused as a
/// replay, so the purge only bounds how long the table keeps it.
const PURGE_EVERY: Duration = Duration::from_secs(3_600);

/// Keys made at or before this instant have expired.
pub fn cutoff(state: &AppState) -> DateTime<Utc> {
    let retention = chrono::Duration::from_std(state.config.idempotency_retention)
        .unwrap_or(chrono::Duration::MAX);
    state
        .clock
        .now()
        .checked_sub_signed(retention)
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The caller's record of `key`, whatever its age.
pub(crate) async fn find(
    db: &impl ConnectionTrait,
    principal: &str,
    key: &str,
) -> Result<Option<idempotency_key::Model>, sea_orm::DbErr> {
    idempotency_key::Entity::find_by_id((principal.to_owned(), key.to_owned()))
        .one(db)
        .await
}

/// Forgets the caller's `key` if it expired at or before `cutoff`, so that it can be used
/// again; a record made since is left alone.
pub(crate) async fn forget_expired(
    db: &impl ConnectionTrait,
    principal: &str,
    key: &str,
    cutoff: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::PrincipalId.eq(principal))
        .filter(idempotency_key::Column::Key.eq(key))
        .filter(idempotency_key::Column::CreatedAt.lte(cutoff))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes every expired key, a batch per transaction; answers how many.
pub async fn purge_expired(state: &AppState) -> Result<u64, ApiError> {
    let cutoff = cutoff(state);
    let mut purged = 0;
    loop {
        let tx = state.db.begin_write().await?;
        // The batch ends at the made-instant of the `PURGE_BATCH`th oldest expired key (keys
        // made in the same instant go together); without one, the rest fit in this batch.
        let edge: Option<DateTime<Utc>> = idempotency_key::Entity::find()
            .select_only()
            .column(idempotency_key::Column::CreatedAt)
            .filter(idempotency_key::Column::CreatedAt.lte(cutoff))
            .order_by_asc(idempotency_key::Column::CreatedAt)
            .offset(PURGE_BATCH - 1)
            .limit(1)
            .into_tuple()
            .one(tx.conn())
            .await?;
        let deleted = idempotency_key::Entity::delete_many()
            .filter(idempotency_key::Column::CreatedAt.lte(edge.unwrap_or(cutoff)))
            .exec(tx.conn())
            .await?;
        tx.commit().await?;
        purged += deleted.rows_affected;
        if edge.is_none() {
            return Ok(purged);
        }
    }
}

/// Purges expired keys at start and then every hour (or every `retention`, if shorter)
/// until `stop` is raised.
pub async fn run(state: AppState, mut stop: crate::service::Stop) {
    let every = state
        .config
        .idempotency_retention
        .clamp(Duration::from_secs(1), PURGE_EVERY);
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while crate::service::next_turn(&mut ticker, &mut stop).await {
        match purge_expired(&state).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "expired idempotency keys purged"),
            Err(err) => tracing::error!(error = %err, "idempotency key purge failed"),
        }
    }
}
