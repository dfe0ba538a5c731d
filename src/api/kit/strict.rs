//! Request types exactly as strict as the schema says. poem-openapi's `String` accepts JSON
//! numbers and booleans (coercing them to text) and `Option<T>` accepts an explicit `null`;
//! these wrappers emit the same schema but refuse both.

use std::borrow::Cow;

use poem_openapi::{
    registry::{MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use serde_json::Value;

/// A JSON string, and only a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrictString(pub String);

impl StrictString {
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl Type for StrictString {
    const IS_REQUIRED: bool = true;
    type RawValueType = String;
    type RawElementValueType = String;

    fn name() -> Cow<'static, str> {
        <String as Type>::name()
    }

    fn schema_ref() -> MetaSchemaRef {
        <String as Type>::schema_ref()
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(&self.0)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::once(&self.0))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl ParseFromJSON for StrictString {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(s)) => Ok(StrictString(s)),
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl ToJSON for StrictString {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

/// An optional field that may be left out but not sent as `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoNull<T>(pub Option<T>);

impl<T> NoNull<T> {
    pub fn into_option(self) -> Option<T> {
        self.0
    }
}

impl<T> Default for NoNull<T> {
    fn default() -> Self {
        NoNull(None)
    }
}

impl<T: Type> Type for NoNull<T> {
    const IS_REQUIRED: bool = false;
    type RawValueType = T::RawValueType;
    type RawElementValueType = T::RawElementValueType;

    fn name() -> Cow<'static, str> {
        format!("optional_{}", T::name()).into()
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        self.0.as_ref().and_then(|v| v.as_raw_value())
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        match &self.0 {
            Some(v) => v.raw_element_iter(),
            None => Box::new(std::iter::empty()),
        }
    }

    fn is_none(&self) -> bool {
        self.0.is_none()
    }
}

impl<T: ParseFromJSON> ParseFromJSON for NoNull<T> {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            None => Ok(NoNull(None)),
            Some(Value::Null) => Err(ParseError::custom(
                "null is not allowed here; leave the field out instead",
            )),
            Some(v) => Ok(NoNull(Some(
                T::parse_from_json(Some(v)).map_err(ParseError::propagate)?,
            ))),
        }
    }
}

impl<T: ToJSON> ToJSON for NoNull<T> {
    fn to_json(&self) -> Option<Value> {
        self.0.as_ref().and_then(ToJSON::to_json)
    }
}

/// A calendar date, `YYYY-MM-DD`, published as the standard `format: date` (poem-openapi's
/// own `NaiveDate` says `naive-date`, which generators and fuzzers do not know).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub chrono::NaiveDate);

impl Type for IsoDate {
    const IS_REQUIRED: bool = true;
    type RawValueType = Self;
    type RawElementValueType = Self;

    fn name() -> Cow<'static, str> {
        "string_date".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        let mut schema = poem_openapi::registry::MetaSchema::new_with_format("string", "date");
        schema.pattern = Some(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$".to_owned());
        MetaSchemaRef::Inline(Box::new(schema))
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

impl poem_openapi::types::ParseFromParameter for IsoDate {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(IsoDate)
            .map_err(|_| ParseError::custom("expected a date as YYYY-MM-DD"))
    }
}

impl ParseFromJSON for IsoDate {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(s)) => {
                <Self as poem_openapi::types::ParseFromParameter>::parse_from_parameter(&s)
            }
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl ToJSON for IsoDate {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.format("%Y-%m-%d").to_string()))
    }
}

/// The shape of a root-cause code, `L1.L2`, as the schema states it.
const CAUSE_CODE_PATTERN: &str = r"^[A-Z]{3}\.[A-Z0-9_]{1,40}$";

/// A root-cause code in a list: a string of the code's shape and only that, so that the list's
/// items are bounded in the schema like every other string (the taxonomy then decides whether
/// the code names an active cause).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CauseCode(pub String);

impl CauseCode {
    pub fn into_inner(self) -> String {
        self.0
    }

    /// Whether `s` has the shape [`CAUSE_CODE_PATTERN`] describes.
    fn fits(s: &str) -> bool {
        s.split_once('.').is_some_and(|(group, code)| {
            group.len() == 3
                && group.bytes().all(|b| b.is_ascii_uppercase())
                && (1..=40).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        })
    }
}

impl Type for CauseCode {
    const IS_REQUIRED: bool = true;
    type RawValueType = String;
    type RawElementValueType = String;

    fn name() -> Cow<'static, str> {
        "string(cause_code)".into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(poem_openapi::registry::MetaSchema {
            pattern: Some(CAUSE_CODE_PATTERN.to_owned()),
            max_length: Some(44),
            ..poem_openapi::registry::MetaSchema::new("string")
        }))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(&self.0)
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        Box::new(std::iter::once(&self.0))
    }
}

impl ParseFromJSON for CauseCode {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value {
            Some(Value::String(s)) if CauseCode::fits(&s) => Ok(CauseCode(s)),
            Some(Value::String(_)) => Err(ParseError::custom(format!(
                "a root-cause code must match {CAUSE_CODE_PATTERN}"
            ))),
            Some(other) => Err(ParseError::expected_type(other)),
            None => Err(ParseError::expected_input()),
        }
    }
}

impl ToJSON for CauseCode {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_code_is_three_capitals_a_dot_and_up_to_forty_more() {
        let table = [
            ("PRC.HANDOFF", true),
            ("ABC.X", true),
            (&*format!("ABC.{}", "A".repeat(40)), true),
            (&*format!("ABC.{}", "A".repeat(41)), false),
            ("AB.X", false),
            ("abc.X", false),
            ("ABC.", false),
            ("ABC.x", false),
            ("ABCX", false),
            ("ABC.A.B", false),
        ];
        for (code, fits) in table {
            assert_eq!(CauseCode::fits(code), fits, "{code}");
        }
    }
    use serde_json::json;

    #[test]
    fn strict_strings_refuse_numbers_booleans_and_null() {
        assert!(StrictString::parse_from_json(Some(json!("x"))).is_ok());
        for v in [json!(1), json!(true), json!(null), json!(["x"])] {
            assert!(
                StrictString::parse_from_json(Some(v.clone())).is_err(),
                "{v}"
            );
        }
        assert!(StrictString::parse_from_json(None).is_err());
    }

    #[test]
    fn optional_fields_may_be_absent_but_not_null() {
        assert_eq!(
            NoNull::<StrictString>::parse_from_json(None).ok(),
            Some(NoNull(None))
        );
        assert!(NoNull::<StrictString>::parse_from_json(Some(json!(null))).is_err());
        assert!(NoNull::<StrictString>::parse_from_json(Some(json!(5))).is_err());
    }
}
