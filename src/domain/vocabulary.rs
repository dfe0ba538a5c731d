//! The closed vocabularies the database stores: one trait over every such enum, so that a row
//! becomes typed values in one place (`service::stored`) and the schema's CHECK lists can be
//! compared with the enums they guard.

/// A closed vocabulary with a stored form.
pub trait Vocabulary: Copy + std::fmt::Debug + PartialEq + 'static {
    /// Every value, in declaration order.
    fn values() -> &'static [Self];

    /// The stored form.
    fn text(self) -> &'static str;

    /// The value whose stored form this is; `None` for anything else.
    fn from_text(s: &str) -> Option<Self> {
        Self::values().iter().copied().find(|v| v.text() == s)
    }

    /// Every stored form, in declaration order.
    fn texts() -> Vec<&'static str> {
        Self::values().iter().map(|v| v.text()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Light {
        Red,
        Green,
    }

    impl Vocabulary for Light {
        fn values() -> &'static [Self] {
            &[Light::Red, Light::Green]
        }

        fn text(self) -> &'static str {
            match self {
                Light::Red => "red",
                Light::Green => "green",
            }
        }
    }

    #[test]
    fn a_value_reads_back_from_its_stored_form_and_nothing_else_does() {
        for v in Light::values() {
            assert_eq!(Light::from_text(v.text()), Some(*v));
        }
        for other in ["", "Red", "red ", "amber"] {
            assert_eq!(Light::from_text(other), None, "{other:?}");
        }
        assert_eq!(Light::texts(), ["red", "green"]);
    }
}
