//! Parsers of the text clients send beside the JSON bodies: list cursors and `If-Match`
//! headers. Pure and self-contained (std, base64, chrono, uuid), so that the fuzz target in
//! `tests/fuzz` compiles this very file without the rest of the service.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

/// Instants a caller gives for filtering or previewing are clamped to 1900..9000: no
/// complaint lies outside, both engines store the range, and deadlines computed from it stay
/// within four-digit years.
pub fn clamp_instant(at: DateTime<Utc>) -> DateTime<Utc> {
    let min = Utc
        .with_ymd_and_hms(1900, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let max = Utc
        .with_ymd_and_hms(9000, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or_default();
    at.clamp(min, max)
}

/// Opaque list cursor: base64url of the last item's instant (microseconds, 8 bytes) and id
/// (16 bytes). Exactly 32 characters, and every such string decodes, so a cursor that matches
/// the published pattern is never refused.
pub fn encode_cursor(at: DateTime<Utc>, id: Uuid) -> String {
    let mut bytes = [0u8; 24];
    bytes[..8].copy_from_slice(&at.timestamp_micros().to_be_bytes());
    bytes[8..].copy_from_slice(id.as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The (instant, id) a cursor names, its instant clamped like any other; `None` for text that
/// is not a cursor.
pub fn decode_cursor(cursor: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let bytes: [u8; 24] = URL_SAFE_NO_PAD.decode(cursor).ok()?.try_into().ok()?;
    let micros = i64::from_be_bytes(bytes[..8].try_into().ok()?);
    let at = match DateTime::from_timestamp_micros(micros) {
        Some(at) => clamp_instant(at),
        None if micros < 0 => clamp_instant(DateTime::<Utc>::MIN_UTC),
        None => clamp_instant(DateTime::<Utc>::MAX_UTC),
    };
    let id = Uuid::from_slice(&bytes[8..]).ok()?;
    Some((at, id))
}

/// What an `If-Match` header asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    Any,
    Versions(Vec<i64>),
}

/// What `If-Match` must look like, for messages: the syntax and an example.
pub const IF_MATCH_SYNTAX: &str =
    "must be `*` or a comma-separated list of quoted entity tags, as in `If-Match: \"3\"`";

impl IfMatch {
    /// Reads a header value: `*`, or a comma-separated list of entity tags (`"3", "4"`), as
    /// RFC 9110 writes them. Tags that are well formed but not a quoted version (`W/"3"`,
    /// `"x"`) match nothing, so a made-up tag is a 412; text that is not a list of tags at all
    /// (`3`, `"3`, an empty value) is refused with [`IF_MATCH_SYNTAX`].
    pub fn parse(header: &str) -> Result<IfMatch, &'static str> {
        if header.trim() == "*" {
            return Ok(IfMatch::Any);
        }
        let mut versions = Vec::new();
        let mut tags = 0;
        // Empty list members (`"1", , "2"`) are allowed by the list syntax and ignored.
        for member in header.split(',').map(str::trim).filter(|m| !m.is_empty()) {
            let (weak, tag) = match member.strip_prefix("W/") {
                Some(rest) => (true, rest),
                None => (false, member),
            };
            let opaque = tag
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .filter(|o| {
                    o.bytes()
                        .all(|b| b == 0x21 || (0x23..=0x7e).contains(&b) || b >= 0x80)
                })
                .ok_or(IF_MATCH_SYNTAX)?;
            tags += 1;
            // If-Match compares strongly: a weak tag never matches.
            if !weak && let Ok(v) = opaque.parse::<i64>() {
                versions.push(v);
            }
        }
        if tags == 0 {
            return Err(IF_MATCH_SYNTAX);
        }
        Ok(IfMatch::Versions(versions))
    }

    /// The acceptable versions, or `None` for any.
    pub fn versions(&self) -> Option<&[i64]> {
        match self {
            IfMatch::Any => None,
            IfMatch::Versions(v) => Some(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_reads_a_star_or_entity_tags_and_refuses_anything_else() {
        let table: [(&str, Result<IfMatch, &str>); 12] = [
            ("*", Ok(IfMatch::Any)),
            (" * ", Ok(IfMatch::Any)),
            ("\"3\"", Ok(IfMatch::Versions(vec![3]))),
            ("\"3\", \"4\"", Ok(IfMatch::Versions(vec![3, 4]))),
            ("\"3\",, \"4\"", Ok(IfMatch::Versions(vec![3, 4]))),
            ("W/\"3\", \"x\"", Ok(IfMatch::Versions(vec![]))),
            ("\"\"", Ok(IfMatch::Versions(vec![]))),
            ("3", Err(IF_MATCH_SYNTAX)),
            ("\"3", Err(IF_MATCH_SYNTAX)),
            ("\"3\", 4", Err(IF_MATCH_SYNTAX)),
            ("\"a b\"", Err(IF_MATCH_SYNTAX)),
            ("", Err(IF_MATCH_SYNTAX)),
        ];
        for (header, expected) in table {
            assert_eq!(IfMatch::parse(header), expected, "{header:?}");
        }
    }

    #[test]
    fn a_cursor_is_32_characters_and_reads_back_as_written() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
            .single()
            .unwrap_or_default();
        let id = Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        let cursor = encode_cursor(at, id);
        assert_eq!(cursor.len(), 32);
        assert_eq!(decode_cursor(&cursor), Some((at, id)));
        for bad in ["", "x", &"A".repeat(31), &"A".repeat(33), "!!!!"] {
            assert_eq!(decode_cursor(bad), None, "{bad:?}");
        }
    }
}
