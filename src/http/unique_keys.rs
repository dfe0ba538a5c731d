//! Refuses a JSON body that names a field twice in one object, at any depth. JSON parsers
//! disagree on such a body (serde_json, and so poem-openapi, keeps the last; others keep the
//! first), so a request that means one thing to a proxy or an audit log and another to the
//! handler is refused instead.

use std::{cell::RefCell, collections::HashSet, fmt};

use poem::{Body, Endpoint, Middleware, Request};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::{
    api::kit::locate,
    error::{ApiError, ErrorCode},
};

/// Refuses JSON bodies with a repeated key with 400 `invalid_request` naming it by its path
/// (`complainant.email`, `remedies[0].amount`). A body that is not JSON at all is left for
/// the handler to refuse. Runs inside the body limit, like the NUL check.
#[derive(Debug, Clone, Copy)]
pub struct RefuseDuplicateKeys;

impl<E: Endpoint> Middleware<E> for RefuseDuplicateKeys {
    type Output = RefuseDuplicateKeysEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RefuseDuplicateKeysEndpoint { inner }
    }
}

#[derive(Debug)]
pub struct RefuseDuplicateKeysEndpoint<E> {
    inner: E,
}

impl<E: Endpoint> Endpoint for RefuseDuplicateKeysEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> poem::Result<Self::Output> {
        if super::is_json(req.headers()) {
            let body = req.take_body().into_bytes().await.map_err(|e| {
                poem::Error::from(ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("could not read the body: {e}"),
                ))
            })?;
            if let Some(path) = duplicate_key(&body) {
                return Err(ApiError::new(
                    ErrorCode::InvalidRequest,
                    format!("`{path}` appears more than once in the body; send each field once"),
                )
                .with_field(&path)
                .into());
            }
            req.set_body(Body::from(body));
        }
        self.inner.call(req).await
    }
}

/// The path of the first key repeated within one object of `body`, as far as it is JSON. One pass
/// over the text, keeping only the keys of the objects open at the moment and the path to
/// them, so the cost grows with the body's length and nesting, not with their product.
pub fn duplicate_key(body: &[u8]) -> Option<String> {
    let walk = Walk::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = Node(&walk).deserialize(&mut de).and_then(|()| de.end());
    match parsed {
        Ok(()) => None,
        Err(_) => walk.found.into_inner(),
    }
}

enum Step {
    Key(String),
    Index(usize),
}

#[derive(Default)]
struct Walk {
    path: RefCell<Vec<Step>>,
    found: RefCell<Option<String>>,
}

impl Walk {
    fn path_to(&self, key: &str) -> String {
        let mut path = String::new();
        for step in self.path.borrow().iter() {
            path = match step {
                Step::Key(k) => locate::join(&path, k),
                Step::Index(i) => locate::item(&path, *i),
            };
        }
        locate::join(&path, key)
    }
}

/// One JSON value; its contents are visited and dropped.
#[derive(Clone, Copy)]
struct Node<'w>(&'w Walk);

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.0.path.borrow_mut().push(Step::Index(index));
            let more = seq.next_element_seed(self)?;
            self.0.path.borrow_mut().pop();
            if more.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                *self.0.found.borrow_mut() = Some(self.0.path_to(&key));
                return Err(de::Error::custom("duplicate key"));
            }
            self.0.path.borrow_mut().push(Step::Key(key.clone()));
            map.next_value_seed(self)?;
            self.0.path.borrow_mut().pop();
            seen.insert(key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_named_by_its_path_at_any_depth() {
        let table = [
            (r#"{"a": 1, "b": 2}"#, None),
            (r#"{"a": 1, "a": 2}"#, Some("a")),
            (r#"{"a": {"b": 1}, "c": {"b": 2}}"#, None),
            (r#"{"c": {"email": "x", "email": "y"}}"#, Some("c.email")),
            (
                r#"{"r": [{"n": 1}, {"n": 2, "m": 1, "n": 3}]}"#,
                Some("r[1].n"),
            ),
            (r#"[[{"k": 1, "k": 1}]]"#, Some("[0][0].k")),
            (r#"{"a": 1, "\u0061": 2}"#, Some("a")),
            // Read up to the repeat: what follows is not looked at.
            (r#"{"a": 1, "a": "#, Some("a")),
            (r#"{"a": 1, "b": "#, None),
            ("not json", None),
            (r#""text""#, None),
        ];
        for (body, expected) in table {
            assert_eq!(
                duplicate_key(body.as_bytes()).as_deref(),
                expected,
                "{body}"
            );
        }
    }

    #[test]
    fn a_large_body_is_checked_in_one_pass() {
        let items: Vec<String> = (0..20_000)
            .map(|i| format!(r#"{{"id": {i}, "name": "item {i}", "tags": ["a", "b"]}}"#))
            .collect();
        let body = format!(r#"{{"items": [{}], "items": 1}}"#, items.join(","));
        assert!(body.len() > 500_000);
        let started = std::time::Instant::now();
        assert_eq!(duplicate_key(body.as_bytes()).as_deref(), Some("items"));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
