//! Flow through the procedure, and the open backlog by state.

use super::*;

/// How complaints flowed through the procedure.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    pub closed_at_stage1: Rate,
    pub escalated: Rate,
    pub reopened: Rate,
    pub referred: Rate,
    pub overturned: Rate,
}

/// What the figures of [`flow`] mean.
pub fn flow_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "closed_at_stage1",
            "complaints now closed at stage 1 over complaints now closed",
        ),
        def(
            "escalated",
            "complaints with an escalation to stage 2 over complaints with an outcome",
        ),
        def(
            "reopened",
            "complaints with a reopen event over complaints with any closing event",
        ),
        def(
            "referred",
            "complaints referred to an ombudsman or scheme over complaints with an outcome",
        ),
        def(
            "overturned",
            "scheme decisions upheld or partially upheld where our outcome was neither, over scheme decisions recorded",
        ),
    ]
}

/// The flow report: [`flow`] over the filter and, with `group_by`, per period.
pub async fn flow_report(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Option<Period>,
) -> Result<WithSeries<Flow>, ApiError> {
    with_series(reader, actor, f, group_by, |w| async move {
        flow(reader, actor, &w).await
    })
    .await
}

/// Flow of the complaints received in the period: closed at stage 1, escalated, reopened,
/// referred to an ombudsman, and the ombudsman's decisions against ours.
pub async fn flow(reader: &Reader<'_>, actor: &Actor, f: &Filter) -> Result<Flow, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Flow::default());
    };
    // Every figure is a count over the complaints in scope, made by the database in one pass.
    let c = |column: complaint::Column| Expr::col((complaint::Entity, column));
    let count_if = |when: Condition| Into::<Expr>::into(Expr::case(when, 1)).count();
    let faults = ["upheld", "partially_upheld"];
    type Counts = (i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let counts: Option<Counts> = complaint::Entity::find()
        .select_only()
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::State).eq(State::Closed.as_str()))),
            "closed_now",
        )
        .column_as(
            count_if(
                Condition::all()
                    .add(c(complaint::Column::State).eq(State::Closed.as_str()))
                    .add(c(complaint::Column::Stage).lte(1)),
            ),
            "closed_at_stage1",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::Outcome).is_not_null())),
            "answered",
        )
        .column_as(
            count_if(
                Condition::all().add(c(complaint::Column::EscalationReceivedAt).is_not_null()),
            ),
            "escalated",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::ReferredAt).is_not_null())),
            "referred",
        )
        .column_as(
            count_if(Condition::all().add(c(complaint::Column::ReferralOutcome).is_not_null())),
            "decided",
        )
        .column_as(
            count_if(
                Condition::all()
                    .add(c(complaint::Column::ReferralOutcome).is_in(faults))
                    .add(
                        Condition::any()
                            .add(c(complaint::Column::Outcome).is_null())
                            .add(c(complaint::Column::Outcome).is_not_in(faults)),
                    ),
            ),
            "overturned",
        )
        .column_as(
            count_if(Condition::all().add(has_closing_event(reader.backend()))),
            "ever_closed",
        )
        .column_as(
            count_if(Condition::all().add(has_event(&["complaint.reopen"]))),
            "reopened",
        )
        .filter(cond)
        .into_tuple()
        .one(db)
        .await?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    let (
        closed_now,
        stage1,
        answered,
        escalated,
        referred,
        decided,
        overturned,
        ever_closed,
        reopened,
    ) = counts.unwrap_or_default();
    Ok(Flow {
        closed_at_stage1: rate(n(stage1), n(closed_now), MIN_CASES),
        escalated: rate(n(escalated), n(answered), MIN_CASES),
        reopened: rate(n(reopened), n(ever_closed), MIN_CASES),
        referred: rate(n(referred), n(answered), MIN_CASES),
        overturned: rate(n(overturned), n(decided), MIN_CASES),
    })
}

/// The improvement backlog in figures.
#[derive(Debug, Clone)]
pub struct Backlog {
    pub by_state: Vec<(&'static str, u64)>,
    pub overdue_tasks: u64,
    pub effective: Rate,
}

/// What the figures of [`backlog`] mean.
pub fn backlog_definitions() -> Vec<Definition> {
    vec![
        def("by_state", "improvement items by their current state"),
        def(
            "overdue_tasks",
            "tasks of the do step still open after their due date (UTC)",
        ),
        def(
            "effective",
            "items whose last check's verdict is effective over items with a verdict",
        ),
    ]
}

/// Items by state, open tasks past their due date, and checked items judged effective.
pub async fn backlog(reader: &Reader<'_>) -> Result<Backlog, ApiError> {
    use crate::domain::improvement::{ItemState, Verdict};
    let db = reader.db();
    let rows: Vec<(String, i64)> = entity::improvement::Entity::find()
        .select_only()
        .column(entity::improvement::Column::State)
        .column_as(entity::improvement::Column::Id.count(), "n")
        .group_by(entity::improvement::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    let by_state = ItemState::ALL
        .iter()
        .map(|s| {
            let n = rows
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            (s.as_str(), n)
        })
        .collect();
    let today = reader.state.clock.now().date_naive();
    let overdue_tasks = entity::improvement_task::Entity::find()
        .filter(entity::improvement_task::Column::Status.eq("open"))
        .filter(entity::improvement_task::Column::DueOn.lt(today))
        .count(db)
        .await?;
    let verdicts: Vec<(Option<String>, i64)> = entity::improvement::Entity::find()
        .select_only()
        .column(entity::improvement::Column::Verdict)
        .column_as(entity::improvement::Column::Id.count(), "n")
        .filter(entity::improvement::Column::Verdict.is_not_null())
        .group_by(entity::improvement::Column::Verdict)
        .into_tuple()
        .all(db)
        .await?;
    let checked: u64 = verdicts
        .iter()
        .map(|(_, n)| u64::try_from(*n).unwrap_or(0))
        .sum();
    let effective = verdicts
        .iter()
        .find(|(v, _)| v.as_deref() == Some(Verdict::Effective.as_str()))
        .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
    Ok(Backlog {
        by_state,
        overdue_tasks,
        effective: rate(effective, checked, MIN_CASES),
    })
}
