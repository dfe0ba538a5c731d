//! Stored text becomes the domain's typed values here, and only here. Every column that holds a
//! closed vocabulary (a complaint's state, stage, profile and channel, a timer's state, a
//! remedy's kind and status, a referral's scheme and decision, a communication's kind, an
//! improvement item's state, ...) is read through [`stored`]. A value the domain does not know
//! is never replaced by a plausible default: it is logged with its `table.column` and answered
//! as an internal error. The schema refuses such values too (CHECK constraints, migration
//! `m20261201_000014_known_vocabularies`), so one can only appear when someone writes to the
//! database around them.

use crate::domain::{
    case::complaint::Vulnerability, deadlines::purpose::Purpose, vocabulary::Vocabulary,
};
use crate::error::ApiError;

/// The value of `T` stored as `value` in `column` (`table.column`); an unknown value is logged
/// and is an internal error.
pub fn stored<T: Vocabulary>(column: &'static str, value: &str) -> Result<T, ApiError> {
    T::from_text(value)
        .ok_or_else(|| ApiError::internal(format!("{column} holds an unknown value {value:?}")))
}

/// [`stored`] for a column that may be null.
pub fn stored_opt<T: Vocabulary>(
    column: &'static str,
    value: Option<&str>,
) -> Result<Option<T>, ApiError> {
    value.map(|v| stored(column, v)).transpose()
}

/// [`stored`] for a number stored as an integer (a stage).
pub fn stored_number<T: Vocabulary>(column: &'static str, value: i64) -> Result<T, ApiError> {
    stored(column, &value.to_string())
}

/// The purpose of a complaint's stored timer, from its name; a name no profile defines is
/// logged and is an internal error.
pub fn stored_purpose(name: &str) -> Result<Purpose, ApiError> {
    Purpose::of_stored(name).ok_or_else(|| {
        ApiError::internal(format!(
            "complaint_timers.name holds an unknown timer {name:?}"
        ))
    })
}

/// The vulnerability details stored on a complaint; a driver the domain does not know is
/// logged and is an internal error.
pub fn stored_vulnerability(value: &serde_json::Value) -> Result<Vulnerability, ApiError> {
    Vulnerability::from_json(value)
        .ok_or_else(|| ApiError::internal("complaints.vulnerability holds an unknown driver"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::case::complaint::{Channel, Profile, Stage, State};
    use crate::domain::case::records::{
        CommunicationKind, ReferralDecision, ReferralScheme, RemedyKind, RemedyStatus,
    };
    use crate::domain::deadlines::{TimerKind, TimerState};
    use crate::domain::improvement::ItemState;
    use crate::error::ErrorCode;

    #[test]
    fn a_known_value_reads_as_its_enum() {
        assert_eq!(
            stored::<State>("complaints.state", "awaiting_information").ok(),
            Some(State::AwaitingInformation)
        );
        assert_eq!(
            stored::<TimerState>("complaint_timers.state", "breached").ok(),
            Some(TimerState::Breached)
        );
        assert_eq!(
            stored_number::<Stage>("complaints.stage", 2).ok(),
            Some(Stage::Two)
        );
        assert_eq!(
            stored_opt::<ReferralDecision>("complaints.referral_outcome", None).ok(),
            Some(None)
        );
        assert_eq!(
            stored_opt::<ReferralScheme>("complaints.referral_scheme", Some("afca")).ok(),
            Some(Some(ReferralScheme::Afca))
        );
    }

    #[test]
    fn an_unknown_value_is_an_internal_error_not_a_default() {
        let internal = |r: Result<(), ApiError>| r.map_err(|e| e.code);
        let cases = [
            internal(stored::<State>("complaints.state", "archived").map(drop)),
            internal(stored::<State>("complaints.state", "").map(drop)),
            internal(stored::<State>("complaints.state", "Received").map(drop)),
            internal(stored::<Profile>("complaints.profile", "fca").map(drop)),
            internal(stored::<Channel>("complaints.channel", "pigeon").map(drop)),
            internal(stored_number::<Stage>("complaints.stage", 3).map(drop)),
            internal(stored_number::<Stage>("complaints.stage", 0).map(drop)),
            internal(stored::<TimerState>("complaint_timers.state", "late").map(drop)),
            internal(stored::<RemedyKind>("remedies.kind", "voucher").map(drop)),
            internal(stored::<RemedyStatus>("remedies.status", "paid").map(drop)),
            internal(stored::<CommunicationKind>("communications.kind", "memo").map(drop)),
            internal(stored::<ItemState>("improvements.state", "doing").map(drop)),
            internal(
                stored_opt::<ReferralDecision>("complaints.referral_outcome", Some("won"))
                    .map(drop),
            ),
        ];
        for (i, got) in cases.into_iter().enumerate() {
            assert_eq!(got, Err(ErrorCode::Internal), "case {i}");
        }
    }

    /// The migration writes its CHECK lists out (it cannot depend on this crate); they must
    /// stay the domain's values, column by column.
    #[test]
    fn the_schemas_check_lists_are_the_domains_vocabularies() {
        let domain: BTreeMap<&str, Vec<&str>> = [
            ("complaints.state", State::texts()),
            ("complaints.stage", Stage::texts()),
            ("complaints.profile", Profile::texts()),
            ("complaints.channel", Channel::texts()),
            ("complaints.referral_scheme", ReferralScheme::texts()),
            ("complaints.referral_outcome", ReferralDecision::texts()),
            ("complaint_timers.state", TimerState::texts()),
            ("complaint_timers.kind", TimerKind::texts()),
            ("complaint_timers.stage", Stage::texts()),
            ("remedies.kind", RemedyKind::texts()),
            ("remedies.status", RemedyStatus::texts()),
            ("communications.kind", CommunicationKind::texts()),
            ("communications.channel", Channel::texts()),
            ("improvements.state", ItemState::texts()),
            ("improvements.held_from", ItemState::texts()),
        ]
        .into_iter()
        .collect();
        let known = migration::known_values();
        let schema: BTreeMap<String, Vec<&str>> = known
            .iter()
            .map(|k| (format!("{}.{}", k.table, k.column), k.values.to_vec()))
            .collect();
        assert_eq!(schema.len(), known.len(), "a column twice");
        let schema: BTreeMap<&str, Vec<&str>> = schema
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        assert_eq!(schema, domain);
    }

    #[test]
    fn an_unknown_outcome_verdict_timer_or_driver_is_an_error_not_a_default() {
        use crate::domain::case::procedure::Outcome;
        use crate::domain::improvement::Verdict;
        let internal = |e: ApiError| e.code == ErrorCode::Internal;
        assert!(
            stored_opt::<Outcome>("complaints.outcome", Some("sort_of_upheld"))
                .is_err_and(internal)
        );
        assert_eq!(
            stored_opt::<Outcome>("complaints.outcome", Some("upheld")).ok(),
            Some(Some(Outcome::Upheld))
        );
        assert!(stored_opt::<Verdict>("improvements.verdict", Some("maybe")).is_err_and(internal));
        assert!(stored_purpose("stage3_response").is_err_and(internal));
        assert!(
            stored_vulnerability(&serde_json::json!({"drivers": ["health", "moonphase"]}))
                .is_err_and(internal)
        );
        assert_eq!(
            stored_vulnerability(&serde_json::json!({"drivers": ["health"], "notes": "n"}))
                .ok()
                .map(|v| v.drivers.len()),
            Some(1)
        );
    }
}
