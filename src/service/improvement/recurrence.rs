//! Running the recurrence rules: after a classification is saved, and on a schedule
//! (`recourse recurrence --once`, or inside `serve`). A hit opens one improvement item per
//! rule key or adds evidence to the open one; a unique key on open items keeps that true with
//! concurrent classifications on several replicas. A hit on a cause whose fix went live counts
//! only complaints received since, and reopens that item to `plan`.

use chrono::{DateTime, Duration, Utc};
use entity::{classification, complaint, improvement, improvement_evidence};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr, sea_query::OnConflict,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::service::{
    admin::settings,
    audit::{self, Author, SYSTEM},
    improvement::taxonomy,
};
use crate::{
    auth::Actor,
    domain::{
        improvement::ItemState,
        improvement::recurrence::{
            Case, Hit, Params, Rule, of_key, post_fix, rule_key, spread, systemic, threshold,
        },
    },
    error::ApiError,
    state::AppState,
};

const KEY: &str = "recurrence";

/// Days after go-live before complaints count against a fix, unless the item's plan says.
pub const DEFAULT_LAG_DAYS: u32 = 14;

pub fn params_json(p: &Params) -> Value {
    json!({
        "threshold_enabled": p.threshold_enabled,
        "min_cases": p.min_cases,
        "window_days": p.window_days,
        "by_product": p.by_product,
        "systemic_enabled": p.systemic_enabled,
        "spread_enabled": p.spread_enabled,
        "min_spread": p.min_spread,
        "post_fix_enabled": p.post_fix_enabled,
    })
}

fn params_from(v: &Value) -> Params {
    let d = Params::default();
    let flag = |k: &str, def: bool| v.get(k).and_then(Value::as_bool).unwrap_or(def);
    let num = |k: &str, def: u32| {
        v.get(k)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(def)
    };
    Params {
        threshold_enabled: flag("threshold_enabled", d.threshold_enabled),
        min_cases: num("min_cases", d.min_cases),
        window_days: num("window_days", d.window_days),
        by_product: flag("by_product", d.by_product),
        systemic_enabled: flag("systemic_enabled", d.systemic_enabled),
        spread_enabled: flag("spread_enabled", d.spread_enabled),
        min_spread: num("min_spread", d.min_spread),
        post_fix_enabled: flag("post_fix_enabled", d.post_fix_enabled),
    }
}

/// The rules' parameters and their version (0 while the defaults apply).
pub async fn params(db: &impl ConnectionTrait) -> Result<(Params, i64), ApiError> {
    Ok(settings::get(db, KEY)
        .await?
        .map_or((Params::default(), 0), |(v, version)| {
            (params_from(&v), version)
        }))
}

/// The rules' parameters for an admin to read, with the version of their configuration (0
/// while the defaults apply).
pub async fn current_params(state: &AppState) -> Result<(Params, i64), ApiError> {
    params(&state.db.conn).await
}

/// Sets the rules' parameters.
pub async fn set_params(
    state: &AppState,
    actor: &Actor,
    p: Params,
) -> Result<(Params, i64), ApiError> {
    let (before, _) = params(&state.db.conn).await?;
    let version = settings::put(state, actor, KEY, params_json(&before), params_json(&p)).await?;
    Ok((p, version))
}

/// The classified complaints with one of `causes`, optionally of one product, received in
/// `[from, to)`.
async fn cases(
    db: &impl ConnectionTrait,
    causes: &[String],
    product: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Case>, ApiError> {
    let mut q = complaint::Entity::find()
        .filter(complaint::Column::PrimaryCause.is_in(causes.iter().cloned()))
        .filter(complaint::Column::ReceivedAt.gte(from))
        .filter(complaint::Column::ReceivedAt.lt(to));
    if let Some(p) = product {
        q = q.filter(complaint::Column::Product.eq(p));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|c| Case {
            id: c.id,
            received_at: c.received_at,
            product: c.product,
            channel: c.channel,
        })
        .collect())
}

/// What one evaluation did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub hits: u32,
    pub items_created: u32,
    pub items_reopened: u32,
    pub evidence_added: u32,
}

impl std::ops::AddAssign for Outcome {
    fn add_assign(&mut self, o: Outcome) {
        self.hits += o.hits;
        self.items_created += o.items_created;
        self.items_reopened += o.items_reopened;
        self.evidence_added += o.evidence_added;
    }
}

/// Runs the rules for the cause (and product) of one complaint, over the windows around its
/// receipt.
pub async fn evaluate_complaint(state: &AppState, id: Uuid) -> Result<Outcome, ApiError> {
    let db = &state.db.conn;
    let Some(c) = complaint::Entity::find_by_id(id).one(db).await? else {
        return Ok(Outcome::default());
    };
    let Some(cause) = c.primary_cause.clone() else {
        return Ok(Outcome::default());
    };
    let (p, _) = params(db).await?;
    let flagged = classification::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|k| k.potentially_systemic);
    let width = Duration::days(i64::from(p.window_days));
    evaluate(
        state,
        &cause,
        Some(&c.product),
        c.received_at - width,
        c.received_at + width,
        flagged.then(|| Case {
            id: c.id,
            received_at: c.received_at,
            product: c.product.clone(),
            channel: c.channel.clone(),
        }),
        &p,
    )
    .await
}

/// Runs every rule over the last window for every cause seen in it (the scheduled run).
pub async fn run_all(state: &AppState) -> Result<Outcome, ApiError> {
    let db = &state.db.conn;
    let now = state.clock.now();
    let (p, _) = params(db).await?;
    let width = Duration::days(i64::from(p.window_days));
    let recent: Vec<(String, String)> = complaint::Entity::find()
        .select_only()
        .column(complaint::Column::PrimaryCause)
        .column(complaint::Column::Product)
        .filter(complaint::Column::PrimaryCause.is_not_null())
        .filter(complaint::Column::ReceivedAt.gte(now - width))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut total = Outcome::default();
    for (cause, product) in recent {
        total += evaluate(
            state,
            &cause,
            Some(&product),
            now - width - width,
            now + width,
            None,
            &p,
        )
        .await?;
    }
    let flagged: Vec<Uuid> = classification::Entity::find()
        .select_only()
        .column(classification::Column::ComplaintId)
        .filter(classification::Column::PotentiallySystemic.eq(true))
        .filter(classification::Column::ClassifiedAt.gte(now - width))
        .into_tuple()
        .all(db)
        .await?;
    for id in flagged {
        total += evaluate_complaint(state, id).await?;
    }
    Ok(total)
}

async fn evaluate(
    state: &AppState,
    cause: &str,
    product: Option<&str>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    flagged: Option<Case>,
    p: &Params,
) -> Result<Outcome, ApiError> {
    let db = &state.db.conn;
    let aliases = taxonomy::aliases_of(db, cause).await?;
    let key_product = if p.by_product { product } else { None };
    let key = rule_key(cause, key_product);
    let all = cases(db, &aliases, None, from, to).await?;
    let keyed = of_key(&all, key_product);
    let mut out = Outcome::default();
    let mut hits: Vec<(String, Option<&str>, Hit)> = Vec::new();
    if let Some(h) = threshold(cause, &keyed, p) {
        hits.push((key.clone(), key_product, h));
    }
    if let Some(c) = &flagged
        && let Some(h) = systemic(cause, c, p)
    {
        hits.push((key.clone(), key_product, h));
    }
    if let Some(h) = spread(cause, &all, p) {
        hits.push((rule_key(cause, None), None, h));
    }
    for (key, product, hit) in hits {
        out.hits += 1;
        out += apply(state, &key, cause, product, &aliases, hit, p).await?;
    }
    Ok(out)
}

/// Where a fix's measurement starts counting: go-live plus the plan's lag.
fn live_from(item: &improvement::Model) -> Option<DateTime<Utc>> {
    let lag = item
        .plan
        .as_ref()
        .and_then(|p| p.get("lag_days"))
        .and_then(Value::as_u64)
        .unwrap_or(u64::from(DEFAULT_LAG_DAYS));
    item.went_live_at
        .map(|at| at + Duration::days(i64::try_from(lag).unwrap_or(0)))
}

fn title(cause: &str, product: Option<&str>) -> String {
    match product {
        Some(p) => format!("Recurring {cause} complaints ({p})"),
        None => format!("Recurring {cause} complaints"),
    }
}

/// Applies one hit in one transaction.
async fn apply(
    state: &AppState,
    key: &str,
    cause: &str,
    product: Option<&str>,
    aliases: &[String],
    hit: Hit,
    p: &Params,
) -> Result<Outcome, ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let mut out = Outcome::default();
    let open = improvement::Entity::find()
        .filter(improvement::Column::OpenKey.eq(key))
        .one(db)
        .await?;
    let fixed = match &open {
        Some(item) => {
            let s: ItemState = crate::service::stored::stored("improvements.state", &item.state)?;
            matches!(s, ItemState::Check | ItemState::Act).then(|| item.clone())
        }
        None => {
            improvement::Entity::find()
                .filter(improvement::Column::RuleKey.eq(key))
                .filter(improvement::Column::State.eq(ItemState::Closed.as_str()))
                .filter(improvement::Column::WentLiveAt.is_not_null())
                .order_by_desc(improvement::Column::UpdatedAt)
                .one(db)
                .await?
        }
    };
    let (item_id, evidence) = if let Some(item) = fixed {
        // The fix went live: only complaints since then count, and only as a recurrence.
        let Some(from) = live_from(&item) else {
            return Ok(out);
        };
        let since = cases(db, aliases, product, from, now + Duration::days(1)).await?;
        let Some(again) = post_fix(cause, &since, from, p) else {
            return Ok(out);
        };
        let reopened = improvement::Entity::update_many()
            .col_expr(
                improvement::Column::State,
                Expr::value(ItemState::Plan.as_str()),
            )
            .col_expr(
                improvement::Column::OpenKey,
                Expr::value(Some(key.to_owned())),
            )
            .col_expr(
                improvement::Column::Iteration,
                Expr::value(item.iteration + 1),
            )
            .col_expr(
                improvement::Column::Verdict,
                Expr::value(Option::<String>::None),
            )
            .col_expr(improvement::Column::UpdatedAt, Expr::value(now))
            .col_expr(improvement::Column::Version, Expr::value(item.version + 1))
            .filter(improvement::Column::Id.eq(item.id))
            .filter(improvement::Column::Version.eq(item.version))
            .exec(db)
            .await;
        match reopened {
            Ok(r) if r.rows_affected == 1 => {
                out.items_reopened += 1;
                audit::log_as(
                    db,
                    SYSTEM,
                    now,
                    "improvement.reopened",
                    ("improvement", &item.id.to_string()),
                    json!({"from": item.state, "to": "plan", "rule": Rule::PostFix.as_str(), "explanation": again.explanation, "complaints": again.matched}),
                )
                .await?;
            }
            // Another evaluation reopened it, or opened another item for the key first.
            Ok(_) => {}
            Err(e) if crate::service::is_unique_violation(&e) => return Ok(out),
            Err(e) => return Err(e.into()),
        }
        (item.id, again)
    } else if let Some(item) = open {
        (item.id, hit)
    } else {
        let id = Uuid::now_v7();
        let row = improvement::Model {
            id,
            title: title(cause, product),
            description: Some(hit.explanation.clone()),
            state: ItemState::Proposed.as_str().to_owned(),
            held_from: None,
            source: "rule".to_owned(),
            rule: Some(hit.rule.as_str().to_owned()),
            rule_key: Some(key.to_owned()),
            open_key: Some(key.to_owned()),
            cause: Some(cause.to_owned()),
            product: product.map(str::to_owned),
            priority: None,
            owner: None,
            plan: None,
            went_live_at: None,
            change_reference: None,
            check_result: None,
            verdict: None,
            standardisation: None,
            merged_into: None,
            iteration: 1,
            created_by: SYSTEM.id.to_owned(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let inserted = improvement::Entity::insert(improvement::ActiveModel::from(row))
            .on_conflict(
                OnConflict::column(improvement::Column::OpenKey)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(db)
            .await;
        let created = match inserted {
            Ok(n) => n == 1,
            Err(sea_orm::DbErr::RecordNotInserted) => false,
            Err(e) => return Err(e.into()),
        };
        if created {
            out.items_created += 1;
            audit::log_as(
                db,
                SYSTEM,
                now,
                "improvement.created",
                ("improvement", &id.to_string()),
                json!({"rule": hit.rule.as_str(), "key": key, "explanation": hit.explanation}),
            )
            .await?;
            (id, hit)
        } else {
            let winner = improvement::Entity::find()
                .filter(improvement::Column::OpenKey.eq(key))
                .one(db)
                .await?
                .ok_or_else(|| ApiError::internal("open improvement vanished"))?;
            (winner.id, hit)
        }
    };
    out.evidence_added += add_evidence(db, SYSTEM, item_id, &evidence, p, now).await?;
    tx.commit().await?;
    Ok(out)
}

/// Links the hit's complaints to the item, each once.
async fn add_evidence(
    db: &impl ConnectionTrait,
    author: Author<'_>,
    item_id: Uuid,
    hit: &Hit,
    p: &Params,
    now: DateTime<Utc>,
) -> Result<u32, ApiError> {
    let mut added = 0;
    let params = json!({
        "rule": hit.rule.as_str(),
        "parameters": params_json(p),
        "window_from": hit.window_from.to_rfc3339(),
        "window_to": hit.window_to.to_rfc3339(),
    });
    for complaint_id in &hit.matched {
        let n = improvement_evidence::Entity::insert(improvement_evidence::ActiveModel {
            id: Set(Uuid::now_v7()),
            item_id: Set(item_id),
            complaint_id: Set(*complaint_id),
            rule: Set(hit.rule.as_str().to_owned()),
            params: Set(params.clone()),
            explanation: Set(hit.explanation.clone()),
            matched_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                improvement_evidence::Column::ItemId,
                improvement_evidence::Column::ComplaintId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await;
        match n {
            Ok(1) => added += 1,
            Ok(_) | Err(sea_orm::DbErr::RecordNotInserted) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if added > 0 {
        audit::log_as(
            db,
            author,
            now,
            "improvement.evidence_added",
            ("improvement", &item_id.to_string()),
            json!({"rule": hit.rule.as_str(), "added": added, "explanation": hit.explanation}),
        )
        .await?;
    }
    Ok(added)
}

/// Runs the schedule every `interval` until `stop` is raised.
pub async fn run(state: AppState, interval: std::time::Duration, mut stop: crate::service::Stop) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while crate::service::next_turn(&mut ticker, &mut stop).await {
        match run_all(&state).await {
            Ok(o) if o.items_created + o.items_reopened + o.evidence_added > 0 => {
                tracing::info!(
                    created = o.items_created,
                    reopened = o.items_reopened,
                    evidence = o.evidence_added,
                    "recurrence rules"
                );
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "recurrence rules failed"),
        }
    }
}
