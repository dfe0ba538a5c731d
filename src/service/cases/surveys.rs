//! Satisfaction surveys: an invitation sent after a response carries a single-use, expiring link
//! token; the complainant answers through it without logging in.
//!
//! Only a SHA-256 hash of the token is stored, so a copy of the database cannot be used to answer
//! on a complainant's behalf, and the token is shown once, to the caller who created it.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use entity::{communication, complaint, survey};
use rand::Rng;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::rule::Rule;
use crate::service::{
    audit::{self, Author},
    cases::complaints::{load_for_change, load_in_scope},
};
use crate::{
    auth::Actor,
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// How the complainant appears in the audit trail when answering a survey.
const COMPLAINANT: Author<'static> = Author {
    id: "complainant",
    role: "complainant",
};

/// Scores run from 1 (very dissatisfied) to 5 (very satisfied).
pub const SCORES: std::ops::RangeInclusive<i16> = 1..=5;

/// A new invitation with its link token, which is not stored and cannot be shown again.
#[derive(Debug)]
pub struct Invitation {
    pub survey: survey::Model,
    pub token: String,
}

/// The complainant's answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub outcome_score: i16,
    pub handling_score: i16,
    pub comment: Option<String>,
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes[..]);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a survey invitation for a complaint that has been sent a stage or final response.
/// An earlier invitation not yet answered is replaced: its link stops working.
pub async fn invite(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    expected_versions: Option<&[i64]>,
) -> Result<(complaint::Model, Invitation), ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let current = load_for_change(db, &actor.scope, id, expected_versions).await?;
    let actor = &actor.within(&current.team_id, &current.created_by);
    let responses = communication::Entity::find()
        .filter(communication::Column::ComplaintId.eq(id))
        .filter(communication::Column::Kind.is_in(["stage_response", "final_response"]))
        .count(db)
        .await?;
    if responses == 0 {
        return Err(ApiError::guard(
            Rule::ResponseRequired,
            "a survey asks about a response; this complaint has not been sent one",
        ));
    }
    let superseded = survey::Entity::update_many()
        .col_expr(survey::Column::SupersededAt, Expr::value(Some(now)))
        .filter(survey::Column::ComplaintId.eq(id))
        .filter(survey::Column::AnsweredAt.is_null())
        .filter(survey::Column::SupersededAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    let token = new_token();
    let validity = chrono::Duration::from_std(state.config.survey_validity)
        .unwrap_or(chrono::Duration::days(30));
    let row = survey::Model {
        id: Uuid::now_v7(),
        complaint_id: id,
        token_hash: hash(&token),
        created_at: now,
        created_by: actor.sub.clone(),
        expires_at: now + validity,
        superseded_at: None,
        answered_at: None,
        outcome_score: None,
        handling_score: None,
        comment: None,
    };
    survey::Entity::insert(survey::ActiveModel::from(row.clone()))
        .exec_without_returning(db)
        .await?;
    let next = audit::append(
        db,
        &current,
        actor.into(),
        now,
        "complaint.survey_invited",
        json!({"survey": row.id, "expires_at": row.expires_at, "replaced": superseded}),
    )
    .await?
    .ok_or_else(changed_meanwhile)?;
    tx.commit().await?;
    Ok((next, Invitation { survey: row, token }))
}

fn changed_meanwhile() -> ApiError {
    ApiError::new(
        ErrorCode::PreconditionFailed,
        "the complaint changed meanwhile; reload and retry",
    )
}

/// Records the complainant's answer. The token works once, until it expires or a newer
/// invitation replaces it; the answer and its audit event commit together.
pub async fn answer(state: &AppState, token: &str, answer: Answer) -> Result<(), ApiError> {
    for field in [
        ("outcome_score", answer.outcome_score),
        ("handling_score", answer.handling_score),
    ] {
        if !SCORES.contains(&field.1) {
            return Err(ApiError::invalid_field(field.0, "a score runs from 1 to 5"));
        }
    }
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let row = survey::Entity::find()
        .filter(survey::Column::TokenHash.eq(hash(token)))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("survey"))?;
    refuse_unusable(&row, now)?;
    let taken = survey::Entity::update_many()
        .col_expr(survey::Column::AnsweredAt, Expr::value(Some(now)))
        .col_expr(
            survey::Column::OutcomeScore,
            Expr::value(Some(answer.outcome_score)),
        )
        .col_expr(
            survey::Column::HandlingScore,
            Expr::value(Some(answer.handling_score)),
        )
        .col_expr(survey::Column::Comment, Expr::value(answer.comment.clone()))
        .filter(survey::Column::Id.eq(row.id))
        .filter(survey::Column::AnsweredAt.is_null())
        .filter(survey::Column::SupersededAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if taken != 1 {
        return Err(ApiError::new(
            ErrorCode::SurveyAnswered,
            "this survey was answered meanwhile",
        ));
    }
    // The comment is the complainant's own words: the trail records only that there is one.
    let data = json!({
        "survey": row.id,
        "outcome_score": answer.outcome_score,
        "handling_score": answer.handling_score,
        "comment": answer.comment.is_some(),
    });
    // Staff may be writing to the complaint at the same moment; the answer is not theirs to
    // lose, so the event is appended to whatever the complaint's head is now.
    for _ in 0..5 {
        let current = complaint::Entity::find_by_id(row.complaint_id)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found("complaint"))?;
        if audit::append(
            db,
            &current,
            COMPLAINANT,
            now,
            "complaint.feedback_received",
            data.clone(),
        )
        .await?
        .is_some()
        {
            tx.commit().await?;
            return Ok(());
        }
    }
    Err(ApiError::new(
        ErrorCode::Unavailable,
        "the complaint is busy; send the answer again",
    ))
}

fn refuse_unusable(row: &survey::Model, now: DateTime<Utc>) -> Result<(), ApiError> {
    if row.answered_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::SurveyAnswered,
            "this survey has already been answered; thank you",
        ));
    }
    if row.superseded_at.is_some() || row.expires_at <= now {
        return Err(ApiError::new(
            ErrorCode::SurveyExpired,
            "this survey link is no longer valid",
        ));
    }
    Ok(())
}

/// A complaint's survey invitations, newest first, with their answers.
pub async fn of_complaint(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<survey::Model>, ApiError> {
    let db = &state.db.conn;
    load_in_scope(db, &actor.scope, id).await?;
    Ok(survey::Entity::find()
        .filter(survey::Column::ComplaintId.eq(id))
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
    }

    #[test]
    fn a_used_replaced_or_expired_survey_is_refused() {
        let now = crate::domain::testing::t("2026-11-23T10:00:00Z");
        let open = survey::Model {
            id: Uuid::nil(),
            complaint_id: Uuid::nil(),
            token_hash: String::new(),
            created_at: now,
            created_by: String::new(),
            expires_at: now + chrono::Duration::days(1),
            superseded_at: None,
            answered_at: None,
            outcome_score: None,
            handling_score: None,
            comment: None,
        };
        let code = |m: &survey::Model| refuse_unusable(m, now).err().map(|e| e.code);
        assert_eq!(code(&open), None);
        let answered = survey::Model {
            answered_at: Some(now),
            ..open.clone()
        };
        assert_eq!(code(&answered), Some(ErrorCode::SurveyAnswered));
        let replaced = survey::Model {
            superseded_at: Some(now),
            ..open.clone()
        };
        assert_eq!(code(&replaced), Some(ErrorCode::SurveyExpired));
        let expired = survey::Model {
            expires_at: now,
            ..open
        };
        assert_eq!(code(&expired), Some(ErrorCode::SurveyExpired));
    }
}
