//! Use cases. Each write is one transaction: load, decide in `domain`, conditional write plus
//! audit event, commit.

pub mod admin;
pub mod cases;
pub mod improvement;
pub mod integration;
pub mod jobs;
pub mod reports;

pub mod audit;
pub mod stored;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, DbErr, SqlErr};
use uuid::Uuid;

/// Tells a background loop to stop: it finishes the pass it is in, then returns.
pub type Stop = tokio::sync::watch::Receiver<bool>;

/// Waits for the loop's next turn. False once `stop` is raised (or its sender is gone): a
/// pass already under way is never cut off, because the loop only looks here between passes.
pub async fn next_turn(ticker: &mut tokio::time::Interval, stop: &mut Stop) -> bool {
    if *stop.borrow_and_update() {
        return false;
    }
    tokio::select! {
        _ = ticker.tick() => !*stop.borrow(),
        changed = stop.changed() => changed.is_ok() && !*stop.borrow(),
    }
}

/// Where a page of a newest-first list starts: the last item's (instant, id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

/// Rows after `pos` in `(at DESC, id DESC)` order: the keyset condition every newest-first
/// list pages with.
pub fn after_position(at: impl ColumnTrait, id: impl ColumnTrait, pos: Position) -> Condition {
    // `at <= pos.at` first: a bare OR gives the engine no range on the (…, at, id) index, and
    // SQLite then walks every entry newer than the page from the start.
    Condition::all()
        .add(at.lte(pos.at))
        .add(Condition::any().add(at.lt(pos.at)).add(id.lt(pos.id)))
}

/// Cuts the `limit + 1` rows a keyset query read down to one page, and says where the next
/// page starts (the last row's key) when there is one.
pub fn page<T, K>(mut rows: Vec<T>, limit: u64, key: impl Fn(&T) -> K) -> (Vec<T>, Option<K>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(key);
        (rows, next)
    } else {
        (rows, None)
    }
}

/// Whether `err` is a unique-constraint violation.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Rows per INSERT statement in [`insert_chunked`]: under SQLite's and PostgreSQL's limits on
/// bound parameters for the widest table.
const ROWS_PER_INSERT: usize = 300;

/// Inserts `rows` a few hundred to a statement, in the caller's transaction.
pub async fn insert_chunked<A>(
    db: &impl sea_orm::ConnectionTrait,
    rows: Vec<A>,
) -> Result<(), crate::error::ApiError>
where
    A: sea_orm::ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as sea_orm::EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::page;

    #[test]
    fn a_page_is_cut_to_the_limit_and_points_at_its_last_row() {
        assert_eq!(page(vec![1, 2, 3, 4], 3, |n| *n), (vec![1, 2, 3], Some(3)));
        assert_eq!(page(vec![1, 2, 3], 3, |n| *n), (vec![1, 2, 3], None));
        assert_eq!(page(Vec::<i32>::new(), 3, |n| *n), (vec![], None));
    }
}
