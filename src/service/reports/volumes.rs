//! Volumes: complaints received, open and closed, their ageing, breaches and the series.

use super::*;

/// Received against closed over time, and open cases by age.
#[derive(Debug, Clone, Default)]
pub struct Volumes {
    pub received: u64,
    pub closed: u64,
    pub open: u64,
    /// Regulatory timers breached in the period.
    pub breached: u64,
    pub ageing: Vec<(&'static str, u64)>,
    /// `(period start, received, closed, breached)`, oldest first.
    pub series: Vec<(NaiveDate, u64, u64, u64)>,
}

/// What the figures of [`volumes`] mean.
pub fn volumes_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "received",
            "complaints in scope received in the period (by `received_at`)",
        ),
        def(
            "closed",
            format!(
                "closing events ({}; a scheme's decision only when it closed the complaint, not when it left remedies due) in the period on complaints matching the filters, whenever received",
                CLOSING_EVENTS.join(", ")
            ),
        ),
        def(
            "open",
            "complaints matching the filters (any receipt date) whose state now is not closed, withdrawn, not_a_complaint or transferred",
        ),
        def(
            "ageing",
            "open complaints by business days from the day of receipt to today in their profile's calendar: 0-3, 4-15, 16-40, more than 40",
        ),
        def(
            "breached",
            "deadlines of complaints matching the filters (any receipt date) breached in the period, counted at the instant the deadline passed (`breached_at`), whenever that was noticed",
        ),
        def(
            "series",
            "received, closed and breached per period; weeks start on Monday, periods in UTC",
        ),
    ]
}

/// Volumes: complaints received in the period, complaints closed in it (by their closing
/// event), and the complaints open now with their age in business days.
pub async fn volumes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Period,
) -> Result<Volumes, ApiError> {
    let db = reader.db();
    let (Some(received_cond), Some(base_cond)) = (received(actor, f), base(actor, f)) else {
        return Ok(Volumes {
            ageing: AGEING_BUCKETS.iter().map(|b| (*b, 0)).collect(),
            ..Volumes::default()
        });
    };
    // Counted per UTC day by the database; the days are then put into periods here.
    let backend = db.get_database_backend();
    let received_day = utc_day(backend, complaint::Entity, complaint::Column::ReceivedAt);
    let received_at = complaint::Entity::find()
        .select_only()
        .column_as(received_day.clone(), "day")
        .column_as(complaint::Column::Id.count(), "n")
        .filter(received_cond)
        .group_by(received_day)
        .into_tuple::<(String, i64)>()
        .all(db);
    let closed_day = utc_day(
        backend,
        complaint_event::Entity,
        complaint_event::Column::OccurredAt,
    );
    let mut closing = complaint_event::Entity::find()
        .select_only()
        .column_as(closed_day.clone(), "day")
        .column_as(complaint_event::Column::Id.count(), "n")
        .filter(closing_event(backend))
        .filter(of_complaints_in(
            Expr::col((
                complaint_event::Entity,
                complaint_event::Column::ComplaintId,
            )),
            &base_cond,
        ));
    if let Some(from) = f.from {
        closing = closing.filter(complaint_event::Column::OccurredAt.gte(from));
    }
    if let Some(to) = f.to {
        closing = closing.filter(complaint_event::Column::OccurredAt.lt(to));
    }
    let closed_at = closing
        .group_by(closed_day)
        .into_tuple::<(String, i64)>()
        .all(db);
    let breached_day = utc_day(
        backend,
        complaint_timer::Entity,
        complaint_timer::Column::BreachedAt,
    );
    let mut breaching = complaint_timer::Entity::find()
        .select_only()
        .column_as(breached_day.clone(), "day")
        .column_as(complaint_timer::Column::Id.count(), "n")
        .filter(complaint_timer::Column::BreachedAt.is_not_null())
        // Only a deadline is breached; a missed target or a lapsed window also has its instant.
        .filter(
            complaint_timer::Column::State
                .eq(crate::domain::deadlines::TimerState::Breached.as_str()),
        )
        .filter(of_complaints_in(
            Expr::col((
                complaint_timer::Entity,
                complaint_timer::Column::ComplaintId,
            )),
            &base_cond,
        ));
    if let Some(from) = f.from {
        breaching = breaching.filter(complaint_timer::Column::BreachedAt.gte(from));
    }
    if let Some(to) = f.to {
        breaching = breaching.filter(complaint_timer::Column::BreachedAt.lt(to));
    }
    let breached_at = breaching
        .group_by(breached_day)
        .into_tuple::<(String, i64)>()
        .all(db);

    // Named as the states still open, so that the state index is read only for them.
    let open_states: Vec<&str> = State::ALL
        .iter()
        .filter(|s| !crate::domain::case::procedure::is_terminal(**s))
        .map(|s| s.as_str())
        .collect();
    let open = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::ReceivedAt)
        .column(complaint::Column::Profile)
        .filter(base_cond)
        .filter(complaint::Column::State.is_in(open_states))
        .into_tuple::<(DateTime<Utc>, String)>()
        .all(db);
    // Independent reads, all in the report's one snapshot (and so on its one connection).
    let (received_at, closed_at, breached_at, open) =
        tokio::try_join!(received_at, closed_at, breached_at, open)?;
    let today = reader.state.clock.now().date_naive();
    let mut business_days = BusinessDays::new(reader);
    let mut ageing: BTreeMap<&'static str, u64> = AGEING_BUCKETS.iter().map(|b| (*b, 0)).collect();
    for (at, profile) in &open {
        let days = business_days.between(profile, *at, today).await?;
        *ageing.entry(ageing_bucket(days)).or_default() += 1;
    }

    let mut series: BTreeMap<NaiveDate, (u64, u64, u64)> = BTreeMap::new();
    let mut totals = [0u64; 3];
    for (i, (days, total)) in [&received_at, &closed_at, &breached_at]
        .into_iter()
        .zip(&mut totals)
        .enumerate()
    {
        for (day, n) in days {
            let n = u64::try_from(*n).unwrap_or(0);
            let at = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|e| ApiError::internal(format!("a stored day {day:?}: {e}")))?
                .and_time(chrono::NaiveTime::MIN)
                .and_utc();
            let entry = series.entry(period_start(at, group_by)).or_default();
            match i {
                0 => entry.0 += n,
                1 => entry.1 += n,
                _ => entry.2 += n,
            }
            *total += n;
        }
    }
    Ok(Volumes {
        received: totals[0],
        closed: totals[1],
        open: u64::try_from(open.len()).unwrap_or(u64::MAX),
        breached: totals[2],
        ageing: AGEING_BUCKETS
            .iter()
            .map(|b| (*b, ageing.get(b).copied().unwrap_or(0)))
            .collect(),
        series: series
            .into_iter()
            .map(|(d, (r, c, b))| (d, r, c, b))
            .collect(),
    })
}
