//! Names the field at fault when a request body does not parse. poem-openapi reports a wrong
//! type or a missing field without saying which field, and a broken length or pattern rule by
//! the field's own name without its parents; [`Located`] walks the body against the type's
//! own schema to find the first place it breaks, and names it by its full path
//! (`complainant.email`, `remedies[0].amount`). Several missing required fields are named
//! together.

use std::borrow::Cow;

use poem_openapi::{
    registry::{MetaSchema, MetaSchemaRef, Registry},
    types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
};
use serde_json::Value;

/// A request body type whose parse errors name the field (`complainant.email`). Publishes
/// exactly `T`'s schema.
#[derive(Debug, Clone)]
pub struct Located<T>(pub T);

impl<T: Type> Type for Located<T> {
    const IS_REQUIRED: bool = T::IS_REQUIRED;
    type RawValueType = T::RawValueType;
    type RawElementValueType = T::RawElementValueType;

    fn name() -> Cow<'static, str> {
        T::name()
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        self.0.as_raw_value()
    }

    fn raw_element_iter<'a>(
        &'a self,
    ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
        self.0.raw_element_iter()
    }
}

impl<T: ParseFromJSON> ParseFromJSON for Located<T> {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match T::parse_from_json(value.clone()) {
            Ok(v) => Ok(Located(v)),
            Err(err) => {
                let mut registry = Registry::new();
                T::register(&mut registry);
                let value = value.unwrap_or(Value::Null);
                let schema = T::schema_ref();
                Err(ParseError::custom(
                    match first_fault(&registry, &schema, &value, "") {
                        Some((path, why)) if path.is_empty() => format!("the body {why}"),
                        Some((path, why)) if why == REQUIRED => {
                            let mut missing = Vec::new();
                            all_missing(&registry, &schema, &value, "", &mut missing);
                            match missing.as_slice() {
                                [_, _, ..] => format!("fields {} are required", listed(&missing)),
                                _ => format!("field `{path}` {why}"),
                            }
                        }
                        Some((path, why)) => format!("field `{path}` {why}"),
                        None => err.into_message(),
                    },
                ))
            }
        }
    }
}

/// `a`, `b` and `c`.
fn listed(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

impl<T: ToJSON> ToJSON for Located<T> {
    fn to_json(&self) -> Option<Value> {
        self.0.to_json()
    }
}

fn resolve<'a>(registry: &'a Registry, schema: &'a MetaSchemaRef) -> Option<&'a MetaSchema> {
    match schema {
        MetaSchemaRef::Inline(s) => Some(s),
        MetaSchemaRef::Reference(name) => registry.schemas.get(name),
    }
}

/// A field's path: names joined by dots, array items by their index in brackets
/// (`remedies[0].amount`), the one form every problem document uses.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The path of item `index` of the array at `path`.
pub fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

const REQUIRED: &str = "is required";

/// Every required field missing from `value`, at any depth, in the order the schema lists them.
fn all_missing(
    registry: &Registry,
    schema: &MetaSchemaRef,
    value: &Value,
    path: &str,
    out: &mut Vec<String>,
) {
    let Some(schema) = resolve(registry, schema) else {
        return;
    };
    for part in &schema.all_of {
        all_missing(registry, part, value, path, out);
    }
    match value {
        Value::Object(map) if schema.ty == "object" => {
            for required in &schema.required {
                let name = join(path, required);
                if !map.contains_key(*required) && !out.contains(&name) {
                    out.push(name);
                }
            }
            for (name, sub) in &schema.properties {
                if let Some(v) = map.get(*name) {
                    all_missing(registry, sub, v, &join(path, name), out);
                }
            }
        }
        Value::Array(items) if schema.ty == "array" => {
            if let Some(item_schema) = &schema.items {
                for (i, v) in items.iter().enumerate() {
                    all_missing(registry, item_schema, v, &item(path, i), out);
                }
            }
        }
        _ => {}
    }
}

/// A bound as written in a message: `5`, not `5.0`.
fn bound(n: f64) -> String {
    let text = n.to_string();
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

/// The first length, pattern, range or item-count rule of `schema` that `value` breaks.
fn broken_rule(schema: &MetaSchema, value: &Value) -> Option<String> {
    if let Some(text) = value.as_str() {
        let length = text.chars().count();
        if let Some(max) = schema.max_length.filter(|max| length > *max) {
            return Some(format!("must be at most {max} characters long"));
        }
        if let Some(min) = schema.min_length.filter(|min| length < *min) {
            return Some(format!("must be at least {min} characters long"));
        }
        if let Some(pattern) = &schema.pattern
            && regex::Regex::new(pattern).is_ok_and(|re| !re.is_match(text))
        {
            return Some(format!("must match the pattern `{pattern}`"));
        }
    }
    if let Some(n) = value.as_f64() {
        let exclusive = |flag: Option<bool>| flag.unwrap_or(false);
        if let Some(max) = schema.maximum {
            if exclusive(schema.exclusive_maximum) && n >= max {
                return Some(format!("must be less than {}", bound(max)));
            }
            if n > max {
                return Some(format!("must be at most {}", bound(max)));
            }
        }
        if let Some(min) = schema.minimum {
            if exclusive(schema.exclusive_minimum) && n <= min {
                return Some(format!("must be more than {}", bound(min)));
            }
            if n < min {
                return Some(format!("must be at least {}", bound(min)));
            }
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(max) = schema.max_items.filter(|max| items.len() > *max) {
            return Some(format!("must have at most {max} items"));
        }
        if let Some(min) = schema.min_items.filter(|min| items.len() < *min) {
            return Some(format!("must have at least {min} items"));
        }
        if schema.unique_items == Some(true)
            && items
                .iter()
                .enumerate()
                .any(|(i, a)| items.iter().take(i).any(|b| b == a))
        {
            return Some("must not list an item twice".to_owned());
        }
    }
    None
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first (path, problem) where `value` breaks `schema`: type, required and unknown
/// fields, nulls, enum members, and the length, pattern, range and item-count rules (which
/// poem-openapi reports by the field's own name alone, `email` for `complainant.email`).
fn first_fault(
    registry: &Registry,
    schema: &MetaSchemaRef,
    value: &Value,
    path: &str,
) -> Option<(String, String)> {
    let schema = resolve(registry, schema)?;
    for part in &schema.all_of {
        if let Some(fault) = first_fault(registry, part, value, path) {
            return Some(fault);
        }
    }
    let expected = match schema.ty {
        "object" if !schema.properties.is_empty() => {
            let Value::Object(map) = value else {
                return Some((
                    path.to_owned(),
                    format!("must be an object, not {}", kind(value)),
                ));
            };
            for required in &schema.required {
                if !map.contains_key(*required) {
                    return Some((join(path, required), REQUIRED.to_owned()));
                }
            }
            for key in map.keys() {
                if !schema.properties.iter().any(|(name, _)| name == key) {
                    return Some((join(path, key), "is not a known field".to_owned()));
                }
            }
            for (name, sub) in &schema.properties {
                match map.get(*name) {
                    Some(Value::Null) => {
                        return Some((
                            join(path, name),
                            "must not be null; leave it out instead".to_owned(),
                        ));
                    }
                    Some(v) => {
                        if let Some(fault) = first_fault(registry, sub, v, &join(path, name)) {
                            return Some(fault);
                        }
                    }
                    None => {}
                }
            }
            return None;
        }
        "array" => {
            let Value::Array(items) = value else {
                return Some((
                    path.to_owned(),
                    format!("must be an array, not {}", kind(value)),
                ));
            };
            if let Some(why) = broken_rule(schema, value) {
                return Some((path.to_owned(), why));
            }
            if let Some(item_schema) = &schema.items {
                for (i, value) in items.iter().enumerate() {
                    if let Some(fault) = first_fault(registry, item_schema, value, &item(path, i)) {
                        return Some(fault);
                    }
                }
            }
            return None;
        }
        "string" => value.is_string().then_some(()).ok_or("a string"),
        "integer" => value
            .as_i64()
            .or(value.as_u64().map(|_| 0))
            .map(|_| ())
            .ok_or("an integer"),
        "number" => value.is_number().then_some(()).ok_or("a number"),
        "boolean" => value.is_boolean().then_some(()).ok_or("a boolean"),
        _ => Ok(()),
    };
    if let Err(expected) = expected {
        return Some((
            path.to_owned(),
            format!("must be {expected}, not {}", kind(value)),
        ));
    }
    if let (Some(format), Some(text)) = (schema.format, value.as_str()) {
        let ok = match format {
            "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            "uuid" => uuid::Uuid::parse_str(text).is_ok(),
            _ => true,
        };
        if !ok {
            return Some((path.to_owned(), format!("must be a valid {format}")));
        }
    }
    if !schema.enum_items.is_empty() && !schema.enum_items.contains(value) {
        let allowed: Vec<String> = schema
            .enum_items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect();
        return Some((
            path.to_owned(),
            format!("must be one of: {}", allowed.join(", ")),
        ));
    }
    broken_rule(schema, value).map(|why| (path.to_owned(), why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dto::NewComplaint;
    use serde_json::json;

    fn message(body: Value) -> String {
        match Located::<NewComplaint>::parse_from_json(Some(body)) {
            Ok(_) => "parsed".to_owned(),
            Err(e) => e.into_message(),
        }
    }

    fn valid() -> Value {
        json!({
            "complainant": {"name": "Jo", "email": "jo@example.com"},
            "channel": "phone",
            "product": "loan",
            "category": "fees",
            "description": "Charged twice",
            "remedy_sought": "Refund",
        })
    }

    #[test]
    fn parse_errors_name_the_field_at_fault() {
        type Change = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(Change, &str)> = vec![
            (
                Box::new(|v| v["complainant"]["name"] = json!(5)),
                "field `complainant.name` must be a string, not a number",
            ),
            (
                Box::new(|v| {
                    v.as_object_mut().map(|o| o.remove("product"));
                }),
                "field `product` is required",
            ),
            (
                Box::new(|v| v["channel"] = json!("pigeon")),
                "field `channel` must be one of",
            ),
            (
                Box::new(|v| v["complainant"]["email"] = json!(null)),
                "field `complainant.email` must not be null",
            ),
            (
                Box::new(|v| v["colour"] = json!("red")),
                "field `colour` is not a known field",
            ),
            (
                Box::new(|v| v["vulnerability"] = json!({"drivers": ["health", 3]})),
                "field `vulnerability.drivers[1]` must be a string",
            ),
            (
                Box::new(|v| v["received_at"] = json!("tomorrow")),
                "field `received_at` must be a valid date-time",
            ),
        ];
        for (change, expected) in cases {
            let mut body = valid();
            change(&mut body);
            let got = message(body);
            assert!(got.contains(expected), "expected {expected:?}, got {got:?}");
        }
        assert_eq!(message(valid()), "parsed");
    }
}
