//! The FCA complaints return (DISP 1 Annex 1R) over the cases in scope.

use super::*;

/// What the figures of [`fca_disp`] mean, and how complaints map to the return's product
/// groupings and main causes.
pub fn fca_disp_definitions() -> Vec<Definition> {
    vec![
        def(
            "in_scope",
            "complaints in the caller's scope open at the start, received in the period or closed in it; complaints found not to be complaints and those transferred to another firm are left out",
        ),
        def(
            "product_grouping",
            "from the complaint's product: current accounts, credit cards, savings, loans, overdrafts -> Banking and credit cards; mortgages, equity release -> Home finance; insurance, protection -> Insurance and pure protection; pensions, annuities, drawdown -> Decumulation and pensions; investments, ISAs, funds, bonds -> Investments; anything else -> Other",
        ),
        def(
            "main_cause",
            "from the complaint's category: arrears, collections, debt -> Arrears related; advice, sale, suitability -> Advising, selling and arranging; fees, charges, rates, interest, terms -> Terms and disputed sums/charges; anything else -> General admin/customer service",
        ),
        def(
            "outstanding_at_start",
            "received before the period and, at its start, never closed or reopened since its last closing",
        ),
        def(
            "closed",
            "the last closing or reopening before the period's end is a closing (close, summary resolution, an ombudsman's decision that left no remedy due, withdrawal) inside the period; a decision that leaves ordered remedies due closes the complaint only at its later `close`",
        ),
        def(
            "closed_within_3_business_days",
            "closed on or before the third business day after the day of receipt, in the profile's calendar",
        ),
        def(
            "closed_within_8_weeks",
            "closed after that but at most eight weeks (56 days) after receipt",
        ),
        def(
            "upheld",
            "the firm's outcome upheld or partially_upheld (DISP counts partial as upheld); not upheld, resolved and withdrawn count as not upheld. An ombudsman's decision does not change the firm's outcome here",
        ),
        def(
            "redress_paid",
            "remedies issued with an amount and settled as completed on the complaints closed in the period, exact minor units per currency. This includes redress an ombudsman or scheme ordered (remedies with `ordered_by`): the DISP reporting guidance counts as redress what the firm paid on the complaint (distress and inconvenience, goodwill, interest, refunds, ...) and makes no exception for redress a scheme decided was owed; since a complaint with ordered redress due closes only once it is settled, that redress falls in the period of the closing",
        ),
        def(
            "period",
            "UTC days from period_start to period_end inclusive",
        ),
    ]
}

/// The FCA complaints return over `[start, end)` for the complaints in the caller's scope
/// (and the filter's team, product, channel and profile; its dates are ignored).
pub async fn fca_disp(
    reader: &Reader<'_>,
    actor: &Actor,
    f: &Filter,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(u64, returns::Return), ApiError> {
    let db = reader.db();
    let undated = Filter {
        from: None,
        to: Some(end),
        ..f.clone()
    };
    let Some(cond) = received(actor, &undated) else {
        return Ok((0, returns::Return::default()));
    };
    // Not complaints, and complaints forwarded to another firm, are not on the return.
    let cond = cond.add(
        complaint::Column::State
            .is_not_in([State::NotAComplaint.as_str(), State::Transferred.as_str()]),
    );
    let ids = || {
        Query::select()
            .column(complaint::Column::Id)
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned()
    };
    let backend = reader.backend();
    let c = |column: complaint::Column| Expr::col((complaint::Entity, column));
    // (id, product, category, received_at, profile, outcome), as read from JSON.
    type Row = (String, String, String, String, String, Option<String>);
    // The three reads are independent, and all in the report's one snapshot.
    let complaints = json_rows::<Row>(
        reader,
        Query::select()
            .from(complaint::Entity)
            .cond_where(cond.clone())
            .to_owned(),
        vec![
            id_text(backend, c(complaint::Column::Id)),
            c(complaint::Column::Product),
            c(complaint::Column::Category),
            c(complaint::Column::ReceivedAt),
            c(complaint::Column::Profile),
            c(complaint::Column::Outcome),
        ],
    );
    let closing_kinds = CLOSING_EVENTS.iter().copied().chain(["complaint.withdraw"]);
    let e = |column: complaint_event::Column| Expr::col((complaint_event::Entity, column));
    // Unordered: each complaint's few marks are put in order below, cheaper than the
    // database sorting every mark of every complaint.
    let events = json_rows::<(String, String, String, i64, Option<String>)>(
        reader,
        Query::select()
            .from(complaint_event::Entity)
            .and_where(
                e(complaint_event::Column::Kind)
                    .is_in(closing_kinds.clone().chain(["complaint.reopen"])),
            )
            .and_where(e(complaint_event::Column::OccurredAt).lt(end))
            .and_where(e(complaint_event::Column::ComplaintId).in_subquery(ids()))
            .to_owned(),
        vec![
            id_text(backend, e(complaint_event::Column::ComplaintId)),
            e(complaint_event::Column::Kind),
            e(complaint_event::Column::OccurredAt),
            e(complaint_event::Column::Seq),
            event_to(backend),
        ],
    );
    let paid = remedy::Entity::find()
        .select_only()
        .column(remedy::Column::ComplaintId)
        .column(remedy::Column::Currency)
        .column(remedy::Column::AmountMinor)
        .filter(remedy::Column::Status.eq("completed"))
        .filter(remedy::Column::AmountMinor.is_not_null())
        .filter(remedy::Column::IssuedAt.is_not_null())
        .filter(remedy::Column::ComplaintId.in_subquery(ids()))
        .into_tuple::<(uuid::Uuid, Option<String>, Option<i64>)>()
        .all(db);
    let (complaints, events, paid) = tokio::try_join!(complaints, events, async {
        paid.await.map_err(ApiError::from)
    })?;
    let closing: Vec<&str> = closing_kinds.collect();
    let mut ordered: HashMap<uuid::Uuid, Vec<(DateTime<Utc>, i64, returns::Mark)>> = HashMap::new();
    for (id, kind, at, seq, to) in events {
        // A scheme's decision that left remedies due did not close the case; its `close` will.
        if kind == "complaint.record_referral_outcome" && to.as_deref() != Some("closed") {
            continue;
        }
        let (id, at) = (parse_id(&id)?, parse_instant(&at)?);
        let mark = if closing.contains(&kind.as_str()) {
            returns::Mark::Closed
        } else {
            returns::Mark::Reopened
        };
        ordered.entry(id).or_default().push((at, seq, mark));
    }
    let mut marks: HashMap<uuid::Uuid, Vec<(DateTime<Utc>, returns::Mark)>> = ordered
        .into_iter()
        .map(|(id, mut list)| {
            list.sort_unstable_by_key(|(at, seq, _)| (*at, *seq));
            (
                id,
                list.into_iter().map(|(at, _, mark)| (at, mark)).collect(),
            )
        })
        .collect();
    let mut redress: HashMap<uuid::Uuid, Vec<(String, i64)>> = HashMap::new();
    for (id, currency, amount) in paid {
        if let (Some(currency), Some(amount)) = (currency, amount) {
            redress.entry(id).or_default().push((currency, amount));
        }
    }
    let mut business_days = BusinessDays::new(reader);
    let mut cases = Vec::with_capacity(complaints.len());
    for (id, product, category, received_at, profile, outcome) in complaints {
        let (id, received_at) = (parse_id(&id)?, parse_instant(&received_at)?);
        let marks = marks.remove(&id).unwrap_or_default();
        let business_days_to_close = match returns::closing_in(&marks, start, end) {
            Some(at) => Some(
                business_days
                    .between(&profile, received_at, at.date_naive())
                    .await?,
            ),
            None => None,
        };
        cases.push(returns::Case {
            product,
            category,
            received_at,
            marks,
            business_days_to_close,
            upheld: stored_opt::<Outcome>("complaints.outcome", outcome.as_deref())?
                .is_some_and(Outcome::finds_fault),
            redress: redress.remove(&id).unwrap_or_default(),
        });
    }
    let in_scope = cases
        .iter()
        .filter(|c| {
            returns::open_at(c, start)
                || c.received_at >= start
                || returns::closing_in(&c.marks, start, end).is_some()
        })
        .count();
    let in_scope = u64::try_from(in_scope).unwrap_or(u64::MAX);
    Ok((in_scope, returns::fca_disp(&cases, start, end)))
}
