//! Complaints are filed under the catalogue, and arrive by three more channels.
//!
//! - An installation whose catalogue is empty starts with [`DEFAULT_CATALOGUE`]: the products
//!   of a UK retail financial firm under the FCA's DISP rules, the default profile, each with
//!   categories that fall into the complaints return's product groupings and main causes.
//! - Every product and category already on a complaint and not in the catalogue is added to
//!   it, retired: those complaints keep their values and can still be filtered and reported
//!   by them, but new complaints must use an active category.
//! - `complaints.channel` and `communications.channel` accept `fax`, `referral` (the complaint
//!   was referred by another body) and `other`.

use std::collections::BTreeSet;

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

use crate::m20261201_000014_known_vocabularies::{self as known, KnownValues};
use crate::m20261203_000015_timer_kinds_and_case_instants as previous;

#[derive(DeriveMigrationName)]
pub struct Migration;

const CHANNELS: &[&str] = &[
    "phone",
    "email",
    "web",
    "letter",
    "social",
    "in_person",
    "fax",
    "referral",
    "other",
];

/// The constrained columns this migration changes.
pub const CHANGED: &[KnownValues] = &[
    KnownValues {
        table: "complaints",
        column: "channel",
        numeric: false,
        values: CHANNELS,
    },
    KnownValues {
        table: "communications",
        column: "channel",
        numeric: false,
        values: CHANNELS,
    },
];

/// Every constrained column as the schema stands after this migration.
pub fn known_values() -> Vec<KnownValues> {
    let mut all: Vec<KnownValues> = previous::known_values()
        .into_iter()
        .filter(|k| {
            !CHANGED
                .iter()
                .any(|c| c.table == k.table && c.column == k.column)
        })
        .collect();
    all.extend_from_slice(CHANGED);
    all
}

/// A product of the default catalogue: its code and its categories, `(code, label)`.
#[derive(Debug, Clone, Copy)]
pub struct DefaultProduct {
    pub code: &'static str,
    pub categories: &'static [(&'static str, &'static str)],
}

const ADVICE: (&str, &str) = ("advice_and_sale", "Advice, sale and suitability");
const FEES: (&str, &str) = ("fees", "Fees and charges");
const TERMS: (&str, &str) = ("terms", "Terms and conditions");
const SERVICE: (&str, &str) = ("service", "Customer service and administration");
const FRAUD: (&str, &str) = ("fraud", "Fraud and scams");
const INTEREST: (&str, &str) = ("interest", "Interest rates");
const ARREARS: (&str, &str) = ("arrears", "Arrears, collections and financial difficulty");
const PAYMENTS: (&str, &str) = ("payments", "Payments, transfers and direct debits");
const ACCESS: (&str, &str) = (
    "account_access",
    "Opening, closing and access to the account",
);
const CLAIMS: (&str, &str) = ("claims", "Claims handling and settlement");
const CANCELLATION: (&str, &str) = ("cancellation", "Cancellation and renewal");
const TRANSFERS: (&str, &str) = ("transfers", "Transfers between providers");
const PERFORMANCE: (&str, &str) = ("performance", "Performance and valuation");

/// The catalogue a new installation starts with. Product codes and category codes name the
/// words the FCA return's mapping looks for (docs/reports.md), so each product falls in its
/// DISP 1 Annex 1R product grouping and each category in its main cause.
pub const DEFAULT_CATALOGUE: &[DefaultProduct] = &[
    DefaultProduct {
        code: "current_account",
        categories: &[
            ADVICE, FEES, TERMS, SERVICE, FRAUD, INTEREST, ARREARS, PAYMENTS, ACCESS,
        ],
    },
    DefaultProduct {
        code: "credit_card",
        categories: &[
            ADVICE,
            FEES,
            TERMS,
            SERVICE,
            FRAUD,
            INTEREST,
            ARREARS,
            PAYMENTS,
            ("credit_limit", "Credit limits"),
        ],
    },
    DefaultProduct {
        code: "loan",
        categories: &[
            ADVICE,
            FEES,
            TERMS,
            SERVICE,
            FRAUD,
            INTEREST,
            ARREARS,
            ("payments", "Repayments"),
        ],
    },
    DefaultProduct {
        code: "savings",
        categories: &[ADVICE, FEES, TERMS, SERVICE, FRAUD, INTEREST, ACCESS],
    },
    DefaultProduct {
        code: "mortgage",
        categories: &[
            ADVICE,
            FEES,
            TERMS,
            SERVICE,
            FRAUD,
            ("interest", "Interest rates and product transfers"),
            ("arrears", "Arrears, forbearance and repossession"),
            ("payments", "Payments and redemption"),
        ],
    },
    DefaultProduct {
        code: "home_insurance",
        categories: &[
            ADVICE,
            ("fees", "Premiums, fees and charges"),
            TERMS,
            SERVICE,
            FRAUD,
            CLAIMS,
            CANCELLATION,
        ],
    },
    DefaultProduct {
        code: "motor_insurance",
        categories: &[
            ADVICE,
            ("fees", "Premiums, fees and charges"),
            TERMS,
            SERVICE,
            FRAUD,
            CLAIMS,
            CANCELLATION,
        ],
    },
    DefaultProduct {
        code: "travel_insurance",
        categories: &[
            ADVICE,
            ("fees", "Premiums, fees and charges"),
            TERMS,
            SERVICE,
            FRAUD,
            CLAIMS,
            CANCELLATION,
        ],
    },
    DefaultProduct {
        code: "protection",
        categories: &[
            ADVICE,
            ("fees", "Premiums, fees and charges"),
            TERMS,
            SERVICE,
            FRAUD,
            CLAIMS,
            CANCELLATION,
        ],
    },
    DefaultProduct {
        code: "pension",
        categories: &[
            ADVICE,
            FEES,
            TERMS,
            SERVICE,
            FRAUD,
            ("transfers", "Transfers, drawdown and annuity options"),
            PERFORMANCE,
        ],
    },
    DefaultProduct {
        code: "investment",
        categories: &[ADVICE, FEES, TERMS, SERVICE, FRAUD, TRANSFERS, PERFORMANCE],
    },
];

#[derive(DeriveIden)]
enum Categories {
    Table,
    Product,
    Code,
    Label,
    Active,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Product,
    Category,
}

/// Inserts `(product, code, label, active)` rows; a row already there stands.
async fn insert<C: ConnectionTrait>(
    db: &C,
    rows: &[(String, String, String, bool)],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    for chunk in rows.chunks(200) {
        let mut stmt = Query::insert();
        stmt.into_table(Categories::Table)
            .columns([
                Categories::Product,
                Categories::Code,
                Categories::Label,
                Categories::Active,
                Categories::UpdatedAt,
            ])
            .on_conflict(
                OnConflict::columns([Categories::Product, Categories::Code])
                    .do_nothing()
                    .to_owned(),
            );
        for (product, code, label, active) in chunk {
            stmt.values([
                product.clone().into(),
                code.clone().into(),
                label.clone().into(),
                (*active).into(),
                now.into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        db.execute(&stmt).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// On one connection, in one transaction, on SQLite as well: a pooled connection whose
    /// cached schema predates the dropped trigger would refuse to create it again ("already
    /// exists"), and the catalogue rows and the constraints land together or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let now = chrono::Utc::now();
        let catalogue = db
            .query_all(
                Query::select()
                    .columns([Categories::Product, Categories::Code])
                    .from(Categories::Table),
            )
            .await?
            .into_iter()
            .map(|r| {
                Ok((
                    r.try_get::<String>("", "product")?,
                    r.try_get::<String>("", "code")?,
                ))
            })
            .collect::<Result<BTreeSet<(String, String)>, DbErr>>()?;
        if catalogue.is_empty() {
            let rows: Vec<_> = DEFAULT_CATALOGUE
                .iter()
                .flat_map(|p| {
                    p.categories.iter().map(|(code, label)| {
                        (
                            p.code.to_owned(),
                            (*code).to_owned(),
                            (*label).to_owned(),
                            true,
                        )
                    })
                })
                .collect();
            insert(db, &rows, now).await?;
        }
        let in_use = db
            .query_all(
                Query::select()
                    .distinct()
                    .columns([Complaints::Product, Complaints::Category])
                    .from(Complaints::Table),
            )
            .await?;
        let default: BTreeSet<(&str, &str)> = if catalogue.is_empty() {
            DEFAULT_CATALOGUE
                .iter()
                .flat_map(|p| p.categories.iter().map(|(code, _)| (p.code, *code)))
                .collect()
        } else {
            BTreeSet::new()
        };
        let mut retired = Vec::new();
        for row in in_use {
            let product: String = row.try_get("", "product")?;
            let category: String = row.try_get("", "category")?;
            let key = (product.clone(), category.clone());
            if catalogue.contains(&key) || default.contains(&(product.as_str(), category.as_str()))
            {
                continue;
            }
            let label = category.clone();
            retired.push((product, category, label, false));
        }
        insert(db, &retired, now).await?;

        for k in known::KNOWN_VALUES.iter().filter(|k| {
            CHANGED
                .iter()
                .any(|c| c.table == k.table && c.column == k.column)
        }) {
            for sql in k.drops(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        for k in CHANGED {
            for sql in k.statements(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        // A complaint or letter that came by a new channel cannot be restated truthfully in
        // the old list: going back is refused while any exists. The catalogue stays as it is.
        let new_channels = "('fax', 'referral', 'other')";
        for table in ["complaints", "communications"] {
            let found = db
                .query_one_raw(sea_orm_migration::sea_orm::Statement::from_string(
                    backend,
                    format!(
                        "SELECT 1 AS found FROM {table} WHERE channel IN {new_channels} LIMIT 1"
                    ),
                ))
                .await?;
            if found.is_some() {
                return Err(DbErr::Custom(format!(
                    "{table} uses the channels fax, referral or other; they cannot be undone"
                )));
            }
        }
        for k in CHANGED {
            for sql in k.drops(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        for k in known::KNOWN_VALUES.iter().filter(|k| {
            CHANGED
                .iter()
                .any(|c| c.table == k.table && c.column == k.column)
        }) {
            for sql in k.statements(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalogue_has_distinct_codes_that_fit_the_category_paths() {
        let pattern = |s: &str| {
            !s.is_empty()
                && s.len() <= 100
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        let mut products = BTreeSet::new();
        for p in DEFAULT_CATALOGUE {
            assert!(pattern(p.code), "{}", p.code);
            assert!(products.insert(p.code), "{} twice", p.code);
            let mut codes = BTreeSet::new();
            for (code, label) in p.categories {
                assert!(pattern(code), "{code}");
                assert!(!label.is_empty() && label.len() <= 200, "{label}");
                assert!(codes.insert(*code), "{}/{code} twice", p.code);
            }
        }
    }

    #[test]
    fn the_new_channels_extend_the_old_list() {
        let old = known::KNOWN_VALUES
            .iter()
            .find(|k| k.table == "complaints" && k.column == "channel")
            .map(|k| k.values.to_vec())
            .unwrap_or_default();
        assert_eq!(CHANNELS.get(..old.len()), Some(old.as_slice()));
        let after = known_values();
        assert_eq!(after.len(), previous::known_values().len());
    }
}
