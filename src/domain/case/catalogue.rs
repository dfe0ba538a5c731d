//! The catalogue of what complaints are about: products, and the categories of each. A product
//! is offered while at least one of its categories is active; a retired category is kept, so
//! complaints filed under it read, report and filter as before, but no new complaint takes it.

use crate::domain::case::complaint::IntakeError;

/// One category of the catalogue, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub product: &'a str,
    pub code: &'a str,
    pub active: bool,
}

/// The products new complaints may name: those with an active category, sorted, each once.
pub fn active_products<'a>(entries: &[Entry<'a>]) -> Vec<&'a str> {
    sorted(entries.iter().filter(|e| e.active).map(|e| e.product))
}

/// Every product the catalogue has ever held, retired ones included, sorted, each once.
pub fn known_products<'a>(entries: &[Entry<'a>]) -> Vec<&'a str> {
    sorted(entries.iter().map(|e| e.product))
}

/// The active categories of `product`, sorted.
pub fn active_categories<'a>(entries: &[Entry<'a>], product: &str) -> Vec<&'a str> {
    sorted(
        entries
            .iter()
            .filter(|e| e.active && e.product == product)
            .map(|e| e.code),
    )
}

fn sorted<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = values.collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn listed(values: &[&str]) -> String {
    if values.is_empty() {
        "none".to_owned()
    } else {
        values.join(", ")
    }
}

/// Whether a complaint may be filed under `product` and `category` now: the product must be
/// offered and the category active for it. The refusal names the field at fault and lists what
/// may be used instead.
pub fn check_use(entries: &[Entry<'_>], product: &str, category: &str) -> Result<(), IntakeError> {
    let products = active_products(entries);
    if !products.contains(&product) {
        let what = if known_products(entries).contains(&product) {
            "is retired"
        } else {
            "is not in the catalogue"
        };
        return Err(IntakeError {
            field: "product",
            reason: format!(
                "product {product:?} {what}; the active products are: {}",
                listed(&products)
            ),
        });
    }
    let categories = active_categories(entries, product);
    if !categories.contains(&category) {
        let what = if entries
            .iter()
            .any(|e| e.product == product && e.code == category)
        {
            "is retired"
        } else {
            "is not in the catalogue"
        };
        return Err(IntakeError {
            field: "category",
            reason: format!(
                "category {category:?} of product {product:?} {what}; its active categories are: {}",
                listed(&categories)
            ),
        });
    }
    Ok(())
}

/// Whether `product` may be asked for in a filter (or named by an improvement item): any
/// product the catalogue holds, retired ones included, since their complaints stay on record.
pub fn check_known_product(
    entries: &[Entry<'_>],
    field: &'static str,
    product: &str,
) -> Result<(), IntakeError> {
    let known = known_products(entries);
    if known.contains(&product) {
        return Ok(());
    }
    Err(IntakeError {
        field,
        reason: format!(
            "product {product:?} is not in the catalogue; its products are: {}",
            listed(&known)
        ),
    })
}

/// Whether `category` may be asked for in a filter: a code the catalogue holds (of `product`
/// when one is given), retired ones included, since their complaints stay on record.
pub fn check_known_category(
    entries: &[Entry<'_>],
    field: &'static str,
    product: Option<&str>,
    category: &str,
) -> Result<(), IntakeError> {
    let mut known: Vec<&str> = entries
        .iter()
        .filter(|e| product.is_none_or(|p| e.product == p))
        .map(|e| e.code)
        .collect();
    known.sort_unstable();
    known.dedup();
    if known.contains(&category) {
        return Ok(());
    }
    let of = product
        .map(|p| format!(" for product {p:?}"))
        .unwrap_or_default();
    Err(IntakeError {
        field,
        reason: format!(
            "category {category:?} is not in the catalogue{of}; its categories are: {}",
            listed(&known)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRIES: &[Entry<'static>] = &[
        Entry {
            product: "mortgage",
            code: "arrears",
            active: true,
        },
        Entry {
            product: "mortgage",
            code: "fees",
            active: false,
        },
        Entry {
            product: "loan",
            code: "fees",
            active: true,
        },
        Entry {
            product: "loan",
            code: "arrears",
            active: true,
        },
        Entry {
            product: "pension",
            code: "transfers",
            active: false,
        },
    ];

    #[test]
    fn products_are_offered_while_a_category_is_active() {
        assert_eq!(active_products(ENTRIES), ["loan", "mortgage"]);
        assert_eq!(known_products(ENTRIES), ["loan", "mortgage", "pension"]);
        assert_eq!(active_categories(ENTRIES, "loan"), ["arrears", "fees"]);
        assert_eq!(active_categories(ENTRIES, "mortgage"), ["arrears"]);
        assert!(active_categories(ENTRIES, "pension").is_empty());
    }

    #[test]
    fn a_complaint_takes_an_active_category_of_an_offered_product() {
        type Refusal<'a> = Option<(&'a str, &'a [&'a str])>;
        let cases: &[(&str, &str, Refusal)] = &[
            ("loan", "fees", None),
            ("mortgage", "arrears", None),
            (
                "mortgage",
                "fees",
                Some(("category", &["is retired", "arrears"])),
            ),
            (
                "loan",
                "interest",
                Some(("category", &["is not in the catalogue", "arrears, fees"])),
            ),
            (
                "pension",
                "transfers",
                Some(("product", &["is retired", "loan, mortgage"])),
            ),
            (
                "car",
                "fees",
                Some(("product", &["is not in the catalogue", "loan, mortgage"])),
            ),
        ];
        for (product, category, refused) in cases {
            let got = check_use(ENTRIES, product, category);
            match refused {
                None => assert_eq!(got, Ok(()), "{product}/{category}"),
                Some((field, words)) => {
                    let e = got.expect_err(&format!("{product}/{category}"));
                    assert_eq!(e.field, *field, "{product}/{category}");
                    for w in *words {
                        assert!(e.reason.contains(w), "{product}/{category}: {}", e.reason);
                    }
                }
            }
        }
    }

    #[test]
    fn filters_take_any_product_on_record() {
        for p in ["loan", "mortgage", "pension"] {
            assert_eq!(check_known_product(ENTRIES, "product", p), Ok(()), "{p}");
        }
        let e = check_known_product(ENTRIES, "product", "car").expect_err("car is unknown");
        assert_eq!(e.field, "product");
        assert!(e.reason.contains("loan, mortgage, pension"), "{}", e.reason);
    }

    #[test]
    fn an_empty_catalogue_says_so() {
        let e = check_use(&[], "loan", "fees").expect_err("nothing is offered");
        assert!(e.reason.ends_with("are: none"), "{}", e.reason);
    }

    #[test]
    fn a_category_filter_takes_any_code_the_catalogue_holds_retired_or_not() {
        assert!(check_known_category(ENTRIES, "category", None, "arrears").is_ok());
        assert!(check_known_category(ENTRIES, "category", Some("mortgage"), "fees").is_ok());
        let err = check_known_category(ENTRIES, "category", Some("mortgage"), "nope")
            .expect_err("unknown code");
        assert_eq!(err.field, "category");
        assert!(err.reason.contains("arrears"), "{}", err.reason);
        assert!(check_known_category(ENTRIES, "category", Some("pension"), "arrears").is_err());
    }
}
