//! Satisfaction from survey answers.

use super::*;

/// The survey answers on the complaints in `ids`, as (complaint, outcome score, handling score).
pub(super) async fn survey_answers(
    db: &impl sea_orm::ConnectionTrait,
    ids: SelectStatement,
) -> Result<Vec<(uuid::Uuid, i16, i16)>, ApiError> {
    let rows: Vec<(uuid::Uuid, Option<i16>, Option<i16>)> = survey::Entity::find()
        .select_only()
        .column(survey::Column::ComplaintId)
        .column(survey::Column::OutcomeScore)
        .column(survey::Column::HandlingScore)
        .filter(survey::Column::AnsweredAt.is_not_null())
        .filter(survey::Column::ComplaintId.in_subquery(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, o, h)| Some((id, o?, h?)))
        .collect())
}

/// Customer satisfaction over the complaints received in the period.
#[derive(Debug, Clone, Default)]
pub struct Satisfaction {
    pub invited: u64,
    pub response_rate: Rate,
    pub outcome: Mean,
    pub handling: Mean,
    /// Answers per score 1..=5.
    pub outcome_scores: [u64; 5],
    pub handling_scores: [u64; 5],
}

/// What the figures of [`satisfaction`] mean.
pub fn satisfaction_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "invited",
            "survey invitations created for complaints in scope, replaced ones included",
        ),
        def(
            "response_rate",
            "answered invitations over invitations no longer open (answered, expired or replaced)",
        ),
        def(
            "outcome, handling",
            "mean of the answered scores (1 very dissatisfied to 5 very satisfied); every answer counts once",
        ),
    ]
}

/// The satisfaction report: [`satisfaction`] over the filter and, with `group_by`, per period.
pub async fn satisfaction_report(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Option<Period>,
) -> Result<WithSeries<Satisfaction>, ApiError> {
    with_series(reader, actor, f, group_by, |w| async move {
        satisfaction(reader, actor, &w).await
    })
    .await
}

/// Survey invitations, answers and mean scores of the complaints received in the period.
pub async fn satisfaction(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<Satisfaction, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Satisfaction::default());
    };
    let ids = || {
        Query::select()
            .column(complaint::Column::Id)
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned()
    };
    let now = reader.state.clock.now();
    // (answered_at, superseded_at, expires_at)
    type Invitation = (Option<DateTime<Utc>>, Option<DateTime<Utc>>, DateTime<Utc>);
    let invitations: Vec<Invitation> = survey::Entity::find()
        .select_only()
        .column(survey::Column::AnsweredAt)
        .column(survey::Column::SupersededAt)
        .column(survey::Column::ExpiresAt)
        .filter(survey::Column::ComplaintId.in_subquery(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let answered = count(invitations.iter().filter(|i| i.0.is_some()).count());
    let still_open = count(
        invitations
            .iter()
            .filter(|i| i.0.is_none() && i.1.is_none() && i.2 > now)
            .count(),
    );
    let answers = survey_answers(db, ids()).await?;
    let mut out = Satisfaction {
        invited: count(invitations.len()),
        response_rate: rate(answered, count(invitations.len()) - still_open, MIN_CASES),
        ..Satisfaction::default()
    };
    let (mut outcome, mut handling) = (Vec::new(), Vec::new());
    for (_, o, h) in answers {
        outcome.push(f64::from(o));
        handling.push(f64::from(h));
        if let Some(n) = out
            .outcome_scores
            .get_mut(usize::try_from(o - 1).unwrap_or(9))
        {
            *n += 1;
        }
        if let Some(n) = out
            .handling_scores
            .get_mut(usize::try_from(h - 1).unwrap_or(9))
        {
            *n += 1;
        }
    }
    out.outcome = mean(&outcome, MIN_CASES);
    out.handling = mean(&handling, MIN_CASES);
    Ok(out)
}
