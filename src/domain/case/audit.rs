//! The audit trail's hash chain. Each event's hash covers its own content and the previous
//! event's hash, so changing, removing or reordering any event breaks every hash after it,
//! and the complaint's stored head hash catches a truncated tail.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `prev_hash` of a complaint's first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an event's hash covers.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    pub complaint_id: &'a str,
    pub seq: i64,
    pub kind: &'a str,
    pub actor_id: &'a str,
    pub actor_role: &'a str,
    pub occurred_at: DateTime<Utc>,
    pub data: &'a Value,
    pub prev_hash: &'a str,
}

/// SHA-256 over a length-prefixed encoding of the link (so no two different links encode
/// alike), with the data as canonical JSON (keys sorted at every level), hex encoded.
pub fn hash_link(link: &Link<'_>) -> String {
    let mut hasher = Sha256::new();
    let mut field = |bytes: &[u8]| {
        // A slice's length always fits: `usize` is at most 64 bits wide.
        hasher.update(u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_be_bytes());
        hasher.update(bytes);
    };
    field(b"recourse.audit.v1");
    field(link.complaint_id.as_bytes());
    field(&link.seq.to_be_bytes());
    field(link.kind.as_bytes());
    field(link.actor_id.as_bytes());
    field(link.actor_role.as_bytes());
    field(&link.occurred_at.timestamp_micros().to_be_bytes());
    field(canonical_json(link.data).as_bytes());
    field(link.prev_hash.as_bytes());
    hex::encode(hasher.finalize())
}

/// JSON with object keys sorted at every level, whatever order the database returns them in.
pub fn canonical_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let body: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical_json(&map[k])))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(canonical_json)
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        other => other.to_string(),
    }
}

/// A stored event as the verifier sees it.
#[derive(Debug, Clone, Copy)]
pub struct StoredLink<'a> {
    pub link: Link<'a>,
    pub hash: &'a str,
}

/// The outcome of recomputing a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerdict {
    pub intact: bool,
    pub events_checked: i64,
    /// The first sequence number at which the chain does not hold.
    pub first_broken_seq: Option<i64>,
    pub reason: Option<String>,
}

/// Recomputes the chain of `events` (ordered by `seq`) and compares it with the complaint's
/// recorded head (`event_count`, `head_hash`).
pub fn verify_chain(events: &[StoredLink<'_>], event_count: i64, head_hash: &str) -> ChainVerdict {
    let broken = |seq: i64, reason: String, checked: i64| ChainVerdict {
        intact: false,
        events_checked: checked,
        first_broken_seq: Some(seq),
        reason: Some(reason),
    };
    let mut prev = GENESIS_HASH.to_owned();
    for (expected_seq, event) in (1_i64..).zip(events) {
        let checked = expected_seq - 1;
        let link = &event.link;
        if link.seq != expected_seq {
            return broken(
                expected_seq,
                format!("event {expected_seq} is missing"),
                checked,
            );
        }
        if link.prev_hash != prev {
            return broken(
                link.seq,
                format!("event {} does not follow its predecessor", link.seq),
                checked,
            );
        }
        if hash_link(link) != event.hash {
            return broken(
                link.seq,
                format!("event {} does not match its hash", link.seq),
                checked,
            );
        }
        prev = event.hash.to_owned();
    }
    let checked = i64::try_from(events.len()).unwrap_or(i64::MAX);
    if checked != event_count || prev != head_hash {
        return broken(
            checked + 1,
            format!("the complaint records {event_count} events but {checked} are stored"),
            checked,
        );
    }
    ChainVerdict {
        intact: true,
        events_checked: checked,
        first_broken_seq: None,
        reason: None,
    }
}

/// What a reader without the right to see vulnerability details finds in an event's data in
/// their place. The stored data, which the hash covers, is untouched.
pub const REDACTED: &str = "redacted";

/// Hides the vulnerability summary an event records (the drivers, and whether there are
/// notes) from a reader who may not see it, wherever in the data it sits: a `vulnerability`
/// value becomes [`REDACTED`], and a change's `before` and `after` each do where they hold
/// one.
pub fn redact_vulnerability(data: &mut Value) {
    fn hide(v: &mut Value) {
        if !v.is_null() {
            *v = Value::String(REDACTED.to_owned());
        }
    }
    match data {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key != "vulnerability" {
                    redact_vulnerability(value);
                } else if let Some(change) = value
                    .as_object_mut()
                    .filter(|c| c.contains_key("before") || c.contains_key("after"))
                {
                    change.values_mut().for_each(hide);
                } else {
                    hide(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_vulnerability),
        _ => {}
    }
}

#[cfg(test)]
#[expect(
    clippy::as_conversions,
    reason = "fixtures number their items from a small loop counter"
)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_every_vulnerability_summary_and_nothing_else() {
        let summary = serde_json::json!({"drivers": ["health"], "has_notes": true});
        // (event data, what a reader without the right sees)
        let table = [
            (
                serde_json::json!({"reference": "CMP-1", "vulnerability": summary}),
                serde_json::json!({"reference": "CMP-1", "vulnerability": "redacted"}),
            ),
            (
                serde_json::json!({"after": {"reference": "CMP-1", "vulnerability": summary}}),
                serde_json::json!({"after": {"reference": "CMP-1", "vulnerability": "redacted"}}),
            ),
            (
                serde_json::json!({"reference": "CMP-1", "vulnerability": null}),
                serde_json::json!({"reference": "CMP-1", "vulnerability": null}),
            ),
            (
                serde_json::json!({"changes": {"vulnerability": {"before": null, "after": summary},
                    "category": {"before": "a", "after": "b"}}}),
                serde_json::json!({"changes": {"vulnerability": {"before": null, "after": "redacted"},
                    "category": {"before": "a", "after": "b"}}}),
            ),
            (
                serde_json::json!({"changes": {"category": {"before": "a", "after": "b"}}}),
                serde_json::json!({"changes": {"category": {"before": "a", "after": "b"}}}),
            ),
        ];
        for (mut data, seen) in table {
            redact_vulnerability(&mut data);
            assert_eq!(data, seen);
        }
    }
    use serde_json::json;

    struct Owned {
        seq: i64,
        kind: String,
        data: Value,
        prev: String,
        hash: String,
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000 + seconds, 0).unwrap_or_default()
    }

    fn chain(kinds: &[&str]) -> Vec<Owned> {
        let mut prev = GENESIS_HASH.to_owned();
        let mut out = Vec::new();
        for (i, kind) in kinds.iter().enumerate() {
            let data = json!({"after": {"n": i}, "a": [1, {"z": 1, "b": 2}]});
            let seq = i as i64 + 1;
            let hash = hash_link(&link_of(seq, kind, &data, &prev));
            out.push(Owned {
                seq,
                kind: kind.to_string(),
                data,
                prev: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        out
    }

    fn link_of<'a>(seq: i64, kind: &'a str, data: &'a Value, prev: &'a str) -> Link<'a> {
        Link {
            complaint_id: "c1",
            seq,
            kind,
            actor_id: "alice",
            actor_role: "agent",
            occurred_at: at(seq),
            data,
            prev_hash: prev,
        }
    }

    fn stored(events: &[Owned]) -> Vec<StoredLink<'_>> {
        events
            .iter()
            .map(|e| StoredLink {
                link: link_of(e.seq, &e.kind, &e.data, &e.prev),
                hash: &e.hash,
            })
            .collect()
    }

    fn head(events: &[Owned]) -> String {
        events
            .last()
            .map(|e| e.hash.clone())
            .unwrap_or_else(|| GENESIS_HASH.to_owned())
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let events = chain(&["created", "updated", "updated"]);
        let verdict = verify_chain(&stored(&events), 3, &head(&events));
        assert!(verdict.intact, "{verdict:?}");
        assert_eq!(verdict.events_checked, 3);
    }

    #[test]
    fn key_order_does_not_change_the_hash() {
        let a = json!({"x": 1, "y": {"b": 2, "a": 1}});
        let b: Value =
            serde_json::from_str(r#"{"y": {"a": 1, "b": 2}, "x": 1}"#).unwrap_or_default();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(
            hash_link(&link_of(1, "k", &a, GENESIS_HASH)),
            hash_link(&link_of(1, "k", &b, GENESIS_HASH))
        );
    }

    #[test]
    fn each_kind_of_tampering_is_detected_at_the_right_event() {
        type Tamper = fn(&mut Vec<Owned>);
        let cases: &[(&str, Tamper, i64)] = &[
            (
                "edited data",
                |e| e[1].data = json!({"after": {"n": 99}}),
                2,
            ),
            ("edited kind", |e| e[0].kind = "deleted".into(), 1),
            (
                "removed middle event",
                |e| {
                    e.remove(1);
                },
                2,
            ),
            ("swapped events", |e| e.swap(1, 2), 2),
            (
                "rehashed edit without relinking",
                |e| {
                    e[1].data = json!({"forged": true});
                    e[1].hash = hash_link(&link_of(2, &e[1].kind, &e[1].data, &e[1].prev));
                },
                3,
            ),
        ];
        for (what, tamper, seq) in cases {
            let mut events = chain(&["created", "updated", "updated"]);
            let head_hash = head(&events);
            tamper(&mut events);
            let verdict = verify_chain(&stored(&events), 3, &head_hash);
            assert!(!verdict.intact, "{what} went unnoticed");
            assert_eq!(verdict.first_broken_seq, Some(*seq), "{what}: {verdict:?}");
        }
    }

    #[test]
    fn a_truncated_tail_is_detected_by_the_head() {
        let mut events = chain(&["created", "updated", "updated"]);
        let head_hash = head(&events);
        events.pop();
        let verdict = verify_chain(&stored(&events), 3, &head_hash);
        assert!(!verdict.intact);
        assert_eq!(verdict.first_broken_seq, Some(3));
    }
}
