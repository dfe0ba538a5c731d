//! Outcomes and redress, and the root-cause Pareto.

use super::*;
use crate::domain::case::records::ReferralDecision;

/// Money paid in one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paid {
    pub currency: String,
    pub kind: Option<String>,
    pub count: u64,
    pub sum_minor: i64,
}

/// Findings and redress.
#[derive(Debug, Clone, Default)]
pub struct Outcomes {
    /// Complaints received in the period with a finding.
    pub decided: u64,
    pub by_outcome: Vec<(&'static str, u64)>,
    /// Upheld or partially upheld, of those decided.
    pub upheld: Rate,
    /// The firm's own completed remedies with an amount, by currency.
    pub paid: Vec<Paid>,
    /// The same by currency and remedy type.
    pub paid_by_kind: Vec<Paid>,
    /// Complaints with an ombudsman's or scheme's decision recorded.
    pub referral_decided: u64,
    /// Those by the scheme's decision, in the vocabulary's order.
    pub by_referral_outcome: Vec<(&'static str, u64)>,
    /// Completed remedies with an amount that a scheme ordered, by currency.
    pub ordered_paid: Vec<Paid>,
}

/// What the figures of [`outcomes`] mean.
pub fn outcomes_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def("decided", "complaints in scope with an outcome recorded"),
        def(
            "upheld",
            format!(
                "upheld or partially_upheld over decided; not robust below {MIN_CASES} decided complaints"
            ),
        ),
        def(
            "redress_paid",
            "the firm's own remedies (not ordered by a scheme) issued in a response, with an amount, settled as completed, on complaints in scope; sums exact in minor units per currency",
        ),
        def(
            "by_referral_outcome",
            "complaints in scope with an ombudsman's or scheme's decision recorded, by that decision; `outcome` stays the firm's own finding, so an ombudsman upholding a complaint the firm did not uphold counts here and under the firm's not_upheld",
        ),
        def(
            "ombudsman_redress_paid",
            "remedies an ombudsman or scheme ordered in its decision, with an amount, settled as completed, on complaints in scope; counted here and not in redress_paid",
        ),
    ]
}

/// The outcomes report: [`outcomes`] over the filter and, with `group_by`, per period.
pub async fn outcomes_report(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    group_by: Option<Period>,
) -> Result<WithSeries<Outcomes>, ApiError> {
    with_series(reader, actor, f, group_by, |w| async move {
        outcomes(reader, actor, &w).await
    })
    .await
}

/// Outcomes of the complaints received in the period, and the redress paid on them.
pub async fn outcomes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
) -> Result<Outcomes, ApiError> {
    let db = reader.db();
    let Some(cond) = received(actor, f) else {
        return Ok(Outcomes::default());
    };
    let rows: Vec<(Option<String>, i64)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::Outcome)
        .column_as(complaint::Column::Id.count(), "n")
        .filter(cond.clone())
        .filter(complaint::Column::Outcome.is_not_null())
        .group_by(complaint::Column::Outcome)
        .into_tuple()
        .all(db)
        .await?;
    let count_of = |o: Outcome| {
        rows.iter()
            .find(|(k, _)| k.as_deref() == Some(o.as_str()))
            .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
    };
    let by_outcome: Vec<_> = Outcome::ALL
        .iter()
        .map(|o| (o.as_str(), count_of(*o)))
        .collect();
    let decided: u64 = by_outcome.iter().map(|(_, n)| n).sum();
    let upheld = count_of(Outcome::Upheld) + count_of(Outcome::PartiallyUpheld);

    let rows: Vec<(Option<String>, i64)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::ReferralOutcome)
        .column_as(complaint::Column::Id.count(), "n")
        .filter(cond.clone())
        .filter(complaint::Column::ReferralOutcome.is_not_null())
        .group_by(complaint::Column::ReferralOutcome)
        .into_tuple()
        .all(db)
        .await?;
    let by_referral_outcome: Vec<_> = ReferralDecision::ALL
        .iter()
        .map(|d| {
            let n = rows
                .iter()
                .find(|(k, _)| k.as_deref() == Some(d.as_str()))
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0));
            (d.as_str(), n)
        })
        .collect();
    let referral_decided = by_referral_outcome.iter().map(|(_, n)| n).sum();

    let (paid, paid_by_kind) = redress_paid(db, &cond, false).await?;
    let (ordered_paid, _) = redress_paid(db, &cond, true).await?;
    Ok(Outcomes {
        decided,
        by_outcome,
        upheld: rate(upheld, decided, MIN_CASES),
        paid,
        paid_by_kind,
        referral_decided,
        by_referral_outcome,
        ordered_paid,
    })
}

/// Completed remedies with an amount on the complaints matching `cond`, by currency and by
/// currency and type: the firm's own, or (`ordered`) those a scheme ordered.
async fn redress_paid(
    db: &impl ConnectionTrait,
    cond: &Condition,
    ordered: bool,
) -> Result<(Vec<Paid>, Vec<Paid>), ApiError> {
    let by = if ordered {
        remedy::Column::OrderedBy.is_not_null()
    } else {
        remedy::Column::OrderedBy.is_null()
    };
    let paid_rows: Vec<(Option<String>, String, i64, i64)> = remedy::Entity::find()
        .select_only()
        .column(remedy::Column::Currency)
        .column(remedy::Column::Kind)
        .column_as(remedy::Column::Id.count(), "n")
        // PostgreSQL sums a bigint as numeric; the cast keeps it an exact integer on both.
        .column_as(
            Expr::expr(Func::cast_as(
                Func::sum(Expr::col(remedy::Column::AmountMinor)),
                Alias::new("BIGINT"),
            )),
            "total",
        )
        .filter(remedy::Column::Status.eq("completed"))
        .filter(remedy::Column::AmountMinor.is_not_null())
        .filter(remedy::Column::IssuedAt.is_not_null())
        .filter(by)
        .filter(
            remedy::Column::ComplaintId.in_subquery(
                Query::select()
                    .column(complaint::Column::Id)
                    .from(complaint::Entity)
                    .cond_where(cond.clone())
                    .to_owned(),
            ),
        )
        .group_by(remedy::Column::Currency)
        .group_by(remedy::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_currency: BTreeMap<String, Paid> = BTreeMap::new();
    let mut by_kind = Vec::new();
    for (currency, kind, n, total) in paid_rows {
        let n = u64::try_from(n).unwrap_or(0);
        let currency = currency.unwrap_or_default();
        let entry = by_currency.entry(currency.clone()).or_insert_with(|| Paid {
            currency: currency.clone(),
            ..Paid::default()
        });
        entry.count += n;
        entry.sum_minor += total;
        by_kind.push(Paid {
            currency,
            kind: Some(kind),
            count: n,
            sum_minor: total,
        });
    }
    by_kind.sort_by(|a, b| (&a.currency, &a.kind).cmp(&(&b.currency, &b.kind)));
    Ok((by_currency.into_values().collect(), by_kind))
}

/// How the root-cause Pareto groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CauseLevel {
    L1,
    L2,
}

/// What the figures of [`pareto_of_causes`] mean.
pub fn pareto_definitions() -> Vec<Definition> {
    vec![
        in_scope_definition(),
        def(
            "classified",
            "complaints in scope with a primary root cause (and an upheld or partially upheld outcome when `upheld_only`)",
        ),
        def(
            "items",
            "counts by primary cause; a merged code counts under the code it was merged into; share of `classified`, running share largest first (ties by name)",
        ),
    ]
}

/// The root-cause Pareto of complaints received in the period: merged codes count under their
/// survivor.
pub async fn pareto_of_causes(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    level: CauseLevel,
    upheld_only: bool,
) -> Result<(u64, Vec<ParetoRow>), ApiError> {
    let db = reader.db();
    let Some(mut cond) = received(actor, f) else {
        return Ok((0, Vec::new()));
    };
    cond = cond.add(complaint::Column::PrimaryCause.is_not_null());
    if upheld_only {
        cond = cond.add(
            complaint::Column::Outcome
                .is_in([Outcome::Upheld.as_str(), Outcome::PartiallyUpheld.as_str()]),
        );
    }
    let rows: Vec<(Option<String>, i64)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::PrimaryCause)
        .column_as(complaint::Column::Id.count(), "n")
        .filter(cond)
        .group_by(complaint::Column::PrimaryCause)
        .into_tuple()
        .all(db)
        .await?;
    let survivors: HashMap<String, String> = root_cause::Entity::find()
        .filter(root_cause::Column::MergedInto.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.merged_into.map(|into| (r.code, into)))
        .collect();
    let survivor = |code: &str| {
        let mut code = code.to_owned();
        // Follow chains of merges; a cycle cannot form, since merge targets must be active.
        for _ in 0..16 {
            match survivors.get(&code) {
                Some(next) => code = next.clone(),
                None => break,
            }
        }
        code
    };
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut total = 0;
    for (code, n) in rows {
        let n = u64::try_from(n).unwrap_or(0);
        let Some(code) = code else { continue };
        let code = survivor(&code);
        let key = match level {
            CauseLevel::L2 => code,
            CauseLevel::L1 => code.split('.').next().unwrap_or_default().to_owned(),
        };
        *counts.entry(key).or_default() += n;
        total += n;
    }
    Ok((total, pareto(counts.into_iter().collect())))
}
