//! The `If-Match` header of every mutation. The spec declares it required, so that generated
//! clients make it an argument no caller can forget; the server still parses its absence, so
//! that a request without it is answered 428 `precondition_required` naming the resource
//! rather than poem-openapi's generic 400.

use std::borrow::Cow;

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef},
    types::{ParseError, ParseFromParameter, ParseResult, Type},
};

use crate::{
    domain::wire::IfMatch,
    error::{ApiError, ErrorCode},
};

/// Longest `If-Match` accepted: room for a few dozen versions.
const MAX_LEN: usize = 256;

/// The header's syntax as the schema publishes it, so that clients and fuzzers send only
/// what [`IfMatch::parse`] reads: `*`, or entity tags (optionally weak, `W/`) separated by
/// commas. The tag characters are RFC 9110's `etagc` in ASCII, less the comma that separates
/// list members.
pub const PATTERN: &str =
    r#"^[ \t]*(\*|(W/)?"[!#-+\x2D-~]*"([ \t]*,[ \t]*(W/)?"[!#-+\x2D-~]*")*)[ \t]*$"#;

/// An `If-Match` header: absent, or `*` or a list of entity tags. Malformed text is refused as
/// the header is read (400 naming `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfMatchHeader(pub Option<IfMatch>);

impl IfMatchHeader {
    /// The versions the header accepts; 428 without one, telling the caller to send the
    /// current ETag of `resource` (`complaint`, `improvement item`, `webhook subscription`).
    pub fn require(self, resource: &str) -> Result<IfMatch, ApiError> {
        self.0.ok_or_else(|| {
            ApiError::new(
                ErrorCode::PreconditionRequired,
                format!(
                    "send If-Match with the {resource}'s current ETag, as in `If-Match: \"3\"` \
                     (read the {resource} to learn it)"
                ),
            )
            .with_field("If-Match")
        })
    }
}

impl Type for IfMatchHeader {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string(if_match)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            max_length: Some(MAX_LEN),
            pattern: Some(PATTERN.to_owned()),
            ..MetaSchema::new("string")
        }))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::once(self))
    }
}

impl ParseFromParameter for IfMatchHeader {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        if value.chars().count() > MAX_LEN {
            return Err(ParseError::custom(format!(
                "must be at most {MAX_LEN} characters"
            )));
        }
        IfMatch::parse(value)
            .map(|m| IfMatchHeader(Some(m)))
            .map_err(ParseError::custom)
    }

    /// Absent is accepted here and refused by [`IfMatchHeader::require`]; several `If-Match`
    /// lines are one list, as HTTP reads them.
    fn parse_from_parameters<I: IntoIterator<Item = A>, A: AsRef<str>>(
        iter: I,
    ) -> ParseResult<Self> {
        let values: Vec<A> = iter.into_iter().collect();
        if values.is_empty() {
            return Ok(IfMatchHeader(None));
        }
        let joined = values
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ");
        Self::parse_from_parameter(&joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_is_read_and_then_required() {
        let none: [&str; 0] = [];
        let header = IfMatchHeader::parse_from_parameters(none).ok();
        assert_eq!(header, Some(IfMatchHeader(None)));
        let err = header.map(|h| h.require("improvement item").err());
        let err = err.flatten().map(|e| (e.code, e.detail));
        assert!(
            matches!(&err, Some((ErrorCode::PreconditionRequired, d)) if d.contains("improvement item's current ETag")),
            "{err:?}"
        );
    }

    #[test]
    fn the_published_pattern_accepts_what_the_parser_reads() {
        let pattern = regex::Regex::new(PATTERN).ok();
        let matches = |text: &str| pattern.as_ref().is_some_and(|p| p.is_match(text));
        for text in ["*", " * ", "\"3\"", "\"3\", \"4\"", "W/\"3\",\"x\"", "\"\""] {
            assert!(matches(text), "{text}");
            assert!(IfMatch::parse(text).is_ok(), "{text}");
        }
        for text in ["3", "\"3", "\"3\", 4", "\"a b\"", "", "\"a,b\""] {
            assert!(!matches(text), "{text}");
        }
        for text in ["3", "\"3", "\"3\", 4", "\"a b\"", ""] {
            assert!(IfMatch::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn several_lines_are_one_list_and_malformed_text_is_refused() {
        assert_eq!(
            IfMatchHeader::parse_from_parameters(["\"1\"", "\"2\""]).ok(),
            Some(IfMatchHeader(Some(IfMatch::Versions(vec![1, 2]))))
        );
        assert!(IfMatchHeader::parse_from_parameters(["2"]).is_err());
        assert!(
            IfMatchHeader::parse_from_parameters([format!("\"{}\"", "1".repeat(300))]).is_err()
        );
    }
}
