//! Holiday calendars: computed from the jurisdictions' rules for any year, seeded for the
//! known years so admins can see and amend them, read by every deadline computation.

use chrono::{DateTime, NaiveDate, Utc};
use entity::holiday;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

use crate::service::audit;
use crate::{
    auth::Actor,
    db::Db,
    domain::{
        deadlines::calendar::Calendar,
        deadlines::holidays::{CalendarId, SEEDED_YEARS, holidays},
    },
    error::ApiError,
    state::AppState,
};

/// Seeds each calendar that has no dates yet. A calendar an admin has edited is never
/// re-seeded, so removed dates stay removed.
pub async fn seed(db: &Db, now: DateTime<Utc>) -> Result<(), sea_orm::DbErr> {
    for id in CalendarId::ALL {
        let tx = db.begin_write().await?;
        let existing = holiday::Entity::find()
            .filter(holiday::Column::Calendar.eq(id.as_str()))
            .count(tx.conn())
            .await?;
        if existing == 0 {
            let rows =
                SEEDED_YEARS
                    .flat_map(|y| holidays(id, y))
                    .map(|date| holiday::ActiveModel {
                        calendar: Set(id.as_str().to_owned()),
                        date: Set(date),
                        active: Set(true),
                        source: Set("seed".to_owned()),
                        updated_at: Set(now),
                    });
            // Another replica starting at the same moment may seed first: its rows stand.
            holiday::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::columns([holiday::Column::Calendar, holiday::Column::Date])
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(tx.conn())
                .await
                .or_else(|e| match e {
                    sea_orm::DbErr::RecordNotInserted => Ok(0),
                    other => Err(other),
                })?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// A calendar as deadlines count it: the jurisdiction's holidays by rule for any year, plus the
/// dates stored active, less those stored removed. The seeded rows repeat the rules for the
/// seeded years; an admin's removal of a date takes it off even where a rule gives it.
pub async fn calendar(
    db: &impl ConnectionTrait,
    id: CalendarId,
) -> Result<Calendar, sea_orm::DbErr> {
    let rows = holiday::Entity::find()
        .filter(holiday::Column::Calendar.eq(id.as_str()))
        .all(db)
        .await?;
    let (active, removed): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.active);
    Ok(Calendar::of(
        id,
        active.into_iter().map(|r| r.date),
        removed.into_iter().map(|r| r.date),
    ))
}

/// A calendar's dates, removed ones included, optionally for one year.
pub async fn list(
    state: &AppState,
    id: CalendarId,
    year: Option<i32>,
) -> Result<Vec<holiday::Model>, ApiError> {
    let mut query = holiday::Entity::find().filter(holiday::Column::Calendar.eq(id.as_str()));
    if let Some(year) = year {
        let (from, to) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year + 1, 1, 1),
        );
        if let (Some(from), Some(to)) = (from, to) {
            query = query
                .filter(holiday::Column::Date.gte(from))
                .filter(holiday::Column::Date.lt(to));
        }
    }
    Ok(query
        .order_by_asc(holiday::Column::Date)
        .all(&state.db.conn)
        .await?)
}

/// Adds (`active`) or removes a date, recording who did in the audit log.
pub async fn set(
    state: &AppState,
    actor: &Actor,
    id: CalendarId,
    date: NaiveDate,
    active: bool,
) -> Result<holiday::Model, ApiError> {
    let now = state.clock.now();
    crate::domain::case::instants::holiday("date", date, now.date_naive())?;
    let tx = state.db.begin_write().await?;
    let before = holiday::Entity::find_by_id((id.as_str().to_owned(), date))
        .one(tx.conn())
        .await?;
    let model = holiday::Model {
        calendar: id.as_str().to_owned(),
        date,
        active,
        source: "admin".to_owned(),
        updated_at: now,
    };
    holiday::Entity::insert(holiday::ActiveModel::from(model.clone()))
        .on_conflict(
            OnConflict::columns([holiday::Column::Calendar, holiday::Column::Date])
                .update_columns([
                    holiday::Column::Active,
                    holiday::Column::Source,
                    holiday::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    let kind = if active {
        "holiday.added"
    } else {
        "holiday.removed"
    };
    let data = serde_json::json!({
        "before": before.map(|b| b.active),
        "after": active,
        "date": date.to_string(),
    });
    let subject = format!("{}/{date}", id.as_str());
    audit::log(tx.conn(), actor, now, kind, ("holiday", &subject), data).await?;
    tx.commit().await?;
    Ok(model)
}
