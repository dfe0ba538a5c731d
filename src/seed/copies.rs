//! Bulk demo data: copies of complaints that were written through the service code, inserted
//! a batch at a time, so that a database of a million complaints loads in minutes instead of
//! hours. A copy is its template moved back a whole number of weeks (so weekdays, and with
//! them business-day deadlines, stay as the procedure set them, bank holidays apart), under a
//! new id, reference and complainant: every row the template has (events, timers,
//! communications, remedies, classification, surveys, escalations) is copied with its instants
//! moved by the same amount, the ids inside event data renamed, and the audit chain hashed
//! again for the new complaint.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, SecondsFormat, Utc};
use entity::{
    classification, communication, complaint, complaint_event, complaint_timer, escalation, remedy,
    survey,
};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryOrder,
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::service::{
    cases::complaints::reserve_reference_numbers, cases::timers::RUNNING, insert_chunked,
};
use crate::{
    domain::{
        case::audit::{GENESIS_HASH, Link, hash_link},
        case::complaint::{State, reference},
        case::procedure::is_terminal,
    },
    error::ApiError,
    state::AppState,
};
use rand::{Rng, SeedableRng, rngs::StdRng};

/// Copies written per transaction.
const BATCH: u32 = 500;

/// How the copies are spread.
#[derive(Debug, Clone, Copy)]
pub struct CopyPlan {
    /// How many copies to write.
    pub copies: u32,
    /// Copies of finished complaints move back a random whole number of weeks in
    /// `0..=spread_weeks`; open ones stay where their template is, so that their timers run.
    pub spread_weeks: u32,
    /// This many copies of open complaints move back just far enough that a timer of theirs is
    /// due for a check: the deadline sweeper's backlog.
    pub due: u32,
    /// Numbering of the copies' demo customers starts after this.
    pub first_customer: u32,
}

/// Everything a template complaint has.
#[derive(Debug, Clone, Default)]
struct Template {
    complaint: Option<complaint::Model>,
    events: Vec<complaint_event::Model>,
    timers: Vec<complaint_timer::Model>,
    communications: Vec<communication::Model>,
    remedies: Vec<remedy::Model>,
    classification: Option<classification::Model>,
    surveys: Vec<survey::Model>,
    escalations: Vec<escalation::Model>,
}

impl Template {
    fn complaint(&self) -> Result<&complaint::Model, ApiError> {
        self.complaint
            .as_ref()
            .ok_or_else(|| ApiError::internal("template without its complaint"))
    }

    /// The latest next check of a running timer: moving the copy back further than this makes
    /// the timer due.
    fn last_running_check(&self) -> Option<DateTime<Utc>> {
        self.timers
            .iter()
            .filter(|t| t.state == RUNNING)
            .filter_map(|t| t.next_check_at)
            .max()
    }

    fn is_open(&self) -> Result<bool, ApiError> {
        let state = State::parse(&self.complaint()?.state)
            .ok_or_else(|| ApiError::internal("template in an unknown state"))?;
        Ok(!is_terminal(state))
    }
}

/// Reads every complaint now stored, with its records, as templates.
async fn load_templates(db: &impl ConnectionTrait) -> Result<Vec<Template>, ApiError> {
    let mut by_id: BTreeMap<Uuid, Template> = BTreeMap::new();
    for c in complaint::Entity::find()
        .order_by_asc(complaint::Column::ReceivedAt)
        .order_by_asc(complaint::Column::Id)
        .all(db)
        .await?
    {
        let id = c.id;
        by_id.entry(id).or_default().complaint = Some(c);
    }
    for e in complaint_event::Entity::find()
        .order_by_asc(complaint_event::Column::ComplaintId)
        .order_by_asc(complaint_event::Column::Seq)
        .all(db)
        .await?
    {
        if let Some(t) = by_id.get_mut(&e.complaint_id) {
            t.events.push(e);
        }
    }
    for r in complaint_timer::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.timers.push(r);
        }
    }
    for r in communication::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.communications.push(r);
        }
    }
    for r in remedy::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.remedies.push(r);
        }
    }
    for r in classification::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.classification = Some(r);
        }
    }
    for r in survey::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.surveys.push(r);
        }
    }
    for r in escalation::Entity::find().all(db).await? {
        if let Some(t) = by_id.get_mut(&r.complaint_id) {
            t.escalations.push(r);
        }
    }
    // Ordered by receipt, so the same database and seed give the same copies.
    let mut templates: Vec<Template> = by_id.into_values().collect();
    templates.sort_by_key(|t| t.complaint.as_ref().map(|c| (c.received_at, c.id)));
    Ok(templates)
}

/// One copy being made: the template's instants moved back by `back`, its ids renamed.
struct Copy<'a> {
    back: Duration,
    /// Template text (ids, reference, complainant details) to the copy's.
    renames: HashMap<String, String>,
    rng: &'a mut StdRng,
}

impl Copy<'_> {
    fn at(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        t - self.back
    }

    fn opt(&self, t: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        t.map(|t| self.at(t))
    }

    /// A new id for a template row, remembered so that event data naming it is renamed.
    fn id(&mut self, old: Uuid) -> Uuid {
        let new = uuid::Builder::from_random_bytes(self.rng.random()).into_uuid();
        self.renames.insert(old.to_string(), new.to_string());
        new
    }

    /// JSON with the template's ids and details renamed and its instants moved.
    fn json(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => {
                if let Some(renamed) = self.renames.get(s) {
                    Value::String(renamed.clone())
                } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                    Value::String(
                        self.at(t.with_timezone(&Utc))
                            .to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    )
                } else {
                    value.clone()
                }
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| self.json(v)).collect()),
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), self.json(v))).collect())
            }
            other => other.clone(),
        }
    }
}

/// The rows of one batch of copies.
#[derive(Default)]
struct Rows {
    complaints: Vec<complaint::ActiveModel>,
    events: Vec<complaint_event::ActiveModel>,
    timers: Vec<complaint_timer::ActiveModel>,
    communications: Vec<communication::ActiveModel>,
    remedies: Vec<remedy::ActiveModel>,
    classifications: Vec<classification::ActiveModel>,
    surveys: Vec<survey::ActiveModel>,
    escalations: Vec<escalation::ActiveModel>,
}

/// Every column set, for an insert of the whole row.
fn row<M, A>(model: M) -> A
where
    M: IntoActiveModel<A>,
    A: ActiveModelTrait + ActiveModelBehavior,
{
    model.into_active_model().reset_all()
}

impl Rows {
    async fn insert(self, db: &impl ConnectionTrait) -> Result<(), ApiError> {
        insert_chunked(db, self.complaints).await?;
        insert_chunked(db, self.events).await?;
        insert_chunked(db, self.timers).await?;
        insert_chunked(db, self.communications).await?;
        insert_chunked(db, self.remedies).await?;
        insert_chunked(db, self.classifications).await?;
        insert_chunked(db, self.surveys).await?;
        insert_chunked(db, self.escalations).await?;
        Ok(())
    }
}

/// Writes the copies of one template into `rows`.
fn copy_into(
    rows: &mut Rows,
    template: &Template,
    copy: &mut Copy<'_>,
    customer: u32,
    reference_text: String,
) -> Result<(), ApiError> {
    let source = template.complaint()?;
    let id = copy.id(source.id);
    copy.renames
        .insert(source.reference.clone(), reference_text.clone());
    let name = format!("Demo Customer {customer}");
    let email = format!("customer{customer}@example.com");
    let customer_ref = format!("DEMO-{customer:06}");
    copy.renames
        .insert(source.complainant_name.clone(), name.clone());
    if let Some(old) = &source.complainant_email {
        copy.renames.insert(old.clone(), email.clone());
    }
    if let Some(old) = &source.customer_ref {
        copy.renames.insert(old.clone(), customer_ref.clone());
    }
    // Ids first, so that event data naming any of these rows is renamed.
    let timer_ids: Vec<Uuid> = template.timers.iter().map(|t| copy.id(t.id)).collect();
    let comm_ids: Vec<Uuid> = template
        .communications
        .iter()
        .map(|c| copy.id(c.id))
        .collect();
    let remedy_ids: Vec<Uuid> = template.remedies.iter().map(|r| copy.id(r.id)).collect();
    let survey_ids: Vec<Uuid> = template.surveys.iter().map(|s| copy.id(s.id)).collect();
    let escalation_ids: Vec<Uuid> = template.escalations.iter().map(|e| copy.id(e.id)).collect();
    let event_ids: Vec<Uuid> = template.events.iter().map(|e| copy.id(e.id)).collect();

    let complaint_id = id.to_string();
    let mut prev = GENESIS_HASH.to_owned();
    for (e, new_id) in template.events.iter().zip(event_ids) {
        let data = copy.json(&e.data);
        let occurred_at = copy.at(e.occurred_at);
        let hash = hash_link(&Link {
            complaint_id: &complaint_id,
            seq: e.seq,
            kind: &e.kind,
            actor_id: &e.actor_id,
            actor_role: &e.actor_role,
            occurred_at,
            data: &data,
            prev_hash: &prev,
        });
        rows.events.push(row(complaint_event::Model {
            id: new_id,
            complaint_id: id,
            occurred_at,
            data,
            prev_hash: std::mem::replace(&mut prev, hash.clone()),
            hash,
            ..e.clone()
        }));
    }
    rows.complaints.push(row(complaint::Model {
        id,
        reference: reference_text,
        complainant_name: name,
        complainant_email: source.complainant_email.as_ref().map(|_| email),
        customer_ref: source.customer_ref.as_ref().map(|_| customer_ref),
        received_at: copy.at(source.received_at),
        created_at: copy.at(source.created_at),
        updated_at: copy.at(source.updated_at),
        acknowledged_at: copy.opt(source.acknowledged_at),
        responded_at: copy.opt(source.responded_at),
        escalated_at: copy.opt(source.escalated_at),
        closed_at: copy.opt(source.closed_at),
        escalation_received_at: copy.opt(source.escalation_received_at),
        escalation_acknowledged_at: copy.opt(source.escalation_acknowledged_at),
        referred_at: copy.opt(source.referred_at),
        referral_outcome_at: copy.opt(source.referral_outcome_at),
        vulnerability: source.vulnerability.as_ref().map(|v| copy.json(v)),
        last_event_hash: prev,
        ..source.clone()
    }));
    for (t, new_id) in template.timers.iter().zip(timer_ids) {
        rows.timers.push(row(complaint_timer::Model {
            id: new_id,
            complaint_id: id,
            started_at: copy.at(t.started_at),
            due_at: copy.at(t.due_at),
            warn_at: copy.json(&t.warn_at),
            next_check_at: copy.opt(t.next_check_at),
            met_at: copy.opt(t.met_at),
            breached_at: copy.opt(t.breached_at),
            extended_due_at: copy.opt(t.extended_due_at),
            extension_cap_at: copy.opt(t.extension_cap_at),
            extension_notice_at: copy.opt(t.extension_notice_at),
            paused_at: copy.opt(t.paused_at),
            ..t.clone()
        }));
    }
    for (c, new_id) in template.communications.iter().zip(comm_ids) {
        rows.communications.push(row(communication::Model {
            id: new_id,
            complaint_id: id,
            sent_at: copy.at(c.sent_at),
            ..c.clone()
        }));
    }
    for (r, new_id) in template.remedies.iter().zip(remedy_ids) {
        rows.remedies.push(row(remedy::Model {
            id: new_id,
            complaint_id: id,
            updated_at: copy.at(r.updated_at),
            issued_at: copy.opt(r.issued_at),
            settled_at: copy.opt(r.settled_at),
            ..r.clone()
        }));
    }
    if let Some(c) = &template.classification {
        rows.classifications.push(row(classification::Model {
            complaint_id: id,
            classified_at: copy.at(c.classified_at),
            contributing: copy.json(&c.contributing),
            five_whys: copy.json(&c.five_whys),
            ..c.clone()
        }));
    }
    for (s, new_id) in template.surveys.iter().zip(survey_ids) {
        // A fresh token hash: the template's link must not open the copy's survey, and no one
        // holds a link to the copy's.
        let token_hash = hex::encode(Sha256::digest(copy.rng.random::<[u8; 32]>()));
        rows.surveys.push(row(survey::Model {
            id: new_id,
            complaint_id: id,
            token_hash,
            created_at: copy.at(s.created_at),
            expires_at: copy.at(s.expires_at),
            superseded_at: copy.opt(s.superseded_at),
            answered_at: copy.opt(s.answered_at),
            ..s.clone()
        }));
    }
    for (e, new_id) in template.escalations.iter().zip(escalation_ids) {
        rows.escalations.push(row(escalation::Model {
            id: new_id,
            complaint_id: id,
            raised_at: copy.at(e.raised_at),
            ..e.clone()
        }));
    }
    Ok(())
}

/// How far back one copy moves: finished complaints a random number of weeks within the
/// spread; the first `due` copies of open ones just past their last running timer's check;
/// other open ones not at all.
fn weeks_back(
    template: &Template,
    plan: &CopyPlan,
    due_left: &mut u32,
    until: DateTime<Utc>,
    rng: &mut StdRng,
) -> Result<i64, ApiError> {
    if template.is_open()? {
        if *due_left > 0
            && let Some(check) = template.last_running_check()
        {
            *due_left -= 1;
            let ahead = (check - until).num_seconds().max(0);
            return Ok(ahead / Duration::weeks(1).num_seconds() + 1);
        }
        return Ok(0);
    }
    Ok(i64::from(rng.random_range(0..=plan.spread_weeks)))
}

/// Writes `plan.copies` copies of the complaints now stored, a batch per transaction, and
/// returns how many were written.
pub async fn copy(
    state: &AppState,
    plan: CopyPlan,
    seed: u64,
    until: DateTime<Utc>,
) -> Result<u32, ApiError> {
    let db = &state.db;
    let templates = load_templates(&db.conn).await?;
    if templates.is_empty() || plan.copies == 0 {
        return Ok(0);
    }
    let open_with_timers: Vec<&Template> = templates
        .iter()
        .filter(|t| t.is_open().unwrap_or(false) && t.last_running_check().is_some())
        .collect();
    if plan.due > 0 && open_with_timers.is_empty() {
        return Err(ApiError::internal(
            "no open template has a running timer to make due",
        ));
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0x636f_7069_6573);
    let mut due_left = plan.due;
    let mut written = 0u32;
    let mut customer = plan.first_customer;
    while written < plan.copies {
        let n = (plan.copies - written).min(BATCH);
        // Choose the batch first: reference numbers are reserved per year of receipt.
        let mut chosen = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        for _ in 0..n {
            // Due copies are drawn from the open templates until there are enough.
            let template = if due_left > 0 {
                *super::pick(&mut rng, &open_with_timers)?
            } else {
                super::pick(&mut rng, &templates)?
            };
            let weeks = weeks_back(template, &plan, &mut due_left, until, &mut rng)?;
            chosen.push((template, Duration::weeks(weeks)));
        }
        let mut per_year: BTreeMap<i32, i64> = BTreeMap::new();
        for (template, back) in &chosen {
            *per_year
                .entry((template.complaint()?.created_at - *back).year())
                .or_default() += 1;
        }
        let tx = db.begin_write().await?;
        let mut next_number: HashMap<i32, i64> = HashMap::new();
        for (year, count) in per_year {
            let last = reserve_reference_numbers(tx.conn(), year, count).await?;
            next_number.insert(year, last - count + 1);
        }
        let mut rows = Rows::default();
        for (template, back) in chosen {
            let year = (template.complaint()?.created_at - back).year();
            let number = next_number
                .get_mut(&year)
                .ok_or_else(|| ApiError::internal("no reference block for the year"))?;
            let text = reference(year, *number);
            *number += 1;
            customer += 1;
            let mut copy = Copy {
                back,
                renames: HashMap::new(),
                rng: &mut rng,
            };
            copy_into(&mut rows, template, &mut copy, customer, text)?;
        }
        rows.insert(tx.conn()).await?;
        tx.commit().await?;
        written += n;
        if written % 50_000 < n {
            tracing::info!(written, total = plan.copies, "demo copies");
        }
    }
    Ok(written)
}
