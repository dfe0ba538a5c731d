//! Columns that hold a closed vocabulary accept only its values. The service reads them into
//! the domain's enums and answers an unknown value with an internal error rather than a guess;
//! with this the database refuses to store one in the first place, whoever writes it.
//!
//! PostgreSQL gets a CHECK constraint per column, `<table>_<column>_known`. SQLite cannot add a
//! CHECK constraint to an existing table without rebuilding it (and, for `complaints`, its
//! indexes and the foreign keys that point at it), so there each column gets two triggers
//! instead, `<table>_<column>_known_insert` (BEFORE INSERT) and `<table>_<column>_known_update`
//! (BEFORE UPDATE OF the column), that abort the statement with `<table>.<column>: unknown
//! value`. Null passes both where the column may be null.
//!
//! The lists are written out here because this crate cannot depend on the service's; a test in
//! the service (`service::stored`) checks that they are the domain's values, so they cannot
//! drift apart.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A column that holds a closed vocabulary, and the values it may hold.
#[derive(Debug, Clone, Copy)]
pub struct KnownValues {
    pub table: &'static str,
    pub column: &'static str,
    /// Stored as an integer rather than text (a stage).
    pub numeric: bool,
    pub values: &'static [&'static str],
}

const fn text(
    table: &'static str,
    column: &'static str,
    values: &'static [&'static str],
) -> KnownValues {
    KnownValues {
        table,
        column,
        numeric: false,
        values,
    }
}

const STATES: &[&str] = &[
    "received",
    "acknowledged",
    "investigating",
    "awaiting_information",
    "pending_approval",
    "responded",
    "escalated",
    "referred",
    "closed",
    "withdrawn",
    "not_a_complaint",
    "transferred",
];
const STAGES: &[&str] = &["1", "2"];
const PROFILES: &[&str] = &[
    "fca_disp",
    "fca_psd",
    "spso",
    "housing_ombudsman",
    "asic_rg271",
    "cfpb",
    "internal",
];
const CHANNELS: &[&str] = &["phone", "email", "web", "letter", "social", "in_person"];
const REFERRAL_SCHEMES: &[&str] = &[
    "financial_ombudsman_service",
    "scottish_public_services_ombudsman",
    "housing_ombudsman",
    "afca",
    "cfpb",
    "other",
];
const REFERRAL_DECISIONS: &[&str] = &[
    "upheld",
    "partially_upheld",
    "not_upheld",
    "settled",
    "withdrawn",
];
const TIMER_STATES: &[&str] = &["running", "paused", "met", "breached", "stopped"];
const REMEDY_KINDS: &[&str] = &[
    "apology",
    "explanation",
    "corrective_action",
    "decision_changed",
    "record_amended",
    "financial_loss_compensation",
    "distress_inconvenience_payment",
    "interest",
    "goodwill_payment",
    "fee_refund_or_waiver",
    "other",
];
const REMEDY_STATUSES: &[&str] = &["due", "completed", "declined"];
const COMMUNICATION_KINDS: &[&str] = &[
    "acknowledgement",
    "summary_resolution",
    "holding_response",
    "extension_notice",
    "stage_response",
    "final_response",
    "referral_rights",
];
const ITEM_STATES: &[&str] = &[
    "proposed", "triaged", "plan", "do", "check", "act", "closed", "rejected", "merged", "on_hold",
];

/// Every column this migration constrained, with the values of its vocabulary in the domain's
/// order. Later migrations change some; `crate::KNOWN_VALUES` is the current list.
pub const KNOWN_VALUES: &[KnownValues] = &[
    text("complaints", "state", STATES),
    KnownValues {
        table: "complaints",
        column: "stage",
        numeric: true,
        values: STAGES,
    },
    text("complaints", "profile", PROFILES),
    text("complaints", "channel", CHANNELS),
    text("complaints", "referral_scheme", REFERRAL_SCHEMES),
    text("complaints", "referral_outcome", REFERRAL_DECISIONS),
    text("complaint_timers", "state", TIMER_STATES),
    KnownValues {
        table: "complaint_timers",
        column: "stage",
        numeric: true,
        values: STAGES,
    },
    text("remedies", "kind", REMEDY_KINDS),
    text("remedies", "status", REMEDY_STATUSES),
    text("communications", "kind", COMMUNICATION_KINDS),
    text("communications", "channel", CHANNELS),
    text("improvements", "state", ITEM_STATES),
    text("improvements", "held_from", ITEM_STATES),
];

impl KnownValues {
    /// `('a', 'b')`, or `(1, 2)` for a numeric column.
    fn list(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|v| {
                if self.numeric {
                    (*v).to_owned()
                } else {
                    format!("'{v}'")
                }
            })
            .collect();
        format!("({})", values.join(", "))
    }

    /// The statements that make the database refuse any other value.
    pub(crate) fn statements(&self, backend: DbBackend) -> Vec<String> {
        let KnownValues { table, column, .. } = *self;
        let list = self.list();
        match backend {
            DbBackend::Postgres => vec![format!(
                "ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_known \
                 CHECK ({column} IN {list})"
            )],
            DbBackend::Sqlite => [
                ("insert", "INSERT".to_owned()),
                ("update", format!("UPDATE OF {column}")),
            ]
            .into_iter()
            .map(|(suffix, event)| {
                // `NOT IN` is null for a null value, so null passes as it does a CHECK.
                format!(
                    "CREATE TRIGGER {table}_{column}_known_{suffix} BEFORE {event} ON {table} \
                     WHEN NEW.{column} NOT IN {list} \
                     BEGIN SELECT RAISE(ABORT, '{table}.{column}: unknown value'); END;"
                )
            })
            .collect(),
            _ => Vec::new(),
        }
    }
}

impl KnownValues {
    /// The statements that drop what [`KnownValues::statements`] created.
    pub(crate) fn drops(&self, backend: DbBackend) -> Vec<String> {
        let KnownValues { table, column, .. } = *self;
        match backend {
            DbBackend::Postgres => vec![format!(
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_{column}_known"
            )],
            DbBackend::Sqlite => ["insert", "update"]
                .into_iter()
                .map(|s| format!("DROP TRIGGER IF EXISTS {table}_{column}_known_{s}"))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        // The longest scheme name (`scottish_public_services_ombudsman`, 34) did not fit the
        // 32 characters PostgreSQL enforced; SQLite never enforces a length.
        if backend == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE complaints ALTER COLUMN referral_scheme TYPE varchar(64)",
            )
            .await?;
        }
        for known in KNOWN_VALUES {
            for sql in known.statements(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        for known in KNOWN_VALUES {
            for sql in known.drops(backend) {
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
    fn postgres_gets_one_check_per_column() {
        let state = KNOWN_VALUES[0].statements(DbBackend::Postgres);
        assert_eq!(
            state,
            [format!(
                "ALTER TABLE complaints ADD CONSTRAINT complaints_state_known CHECK (state IN ({}))",
                STATES
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )]
        );
        let stage = KNOWN_VALUES[1].statements(DbBackend::Postgres);
        assert_eq!(
            stage,
            [
                "ALTER TABLE complaints ADD CONSTRAINT complaints_stage_known CHECK (stage IN (1, 2))"
            ]
        );
    }

    #[test]
    fn sqlite_gets_an_insert_and_an_update_trigger_per_column() {
        let stage = KNOWN_VALUES[1].statements(DbBackend::Sqlite);
        assert_eq!(
            stage,
            [
                "CREATE TRIGGER complaints_stage_known_insert BEFORE INSERT ON complaints \
                 WHEN NEW.stage NOT IN (1, 2) \
                 BEGIN SELECT RAISE(ABORT, 'complaints.stage: unknown value'); END;",
                "CREATE TRIGGER complaints_stage_known_update BEFORE UPDATE OF stage ON complaints \
                 WHEN NEW.stage NOT IN (1, 2) \
                 BEGIN SELECT RAISE(ABORT, 'complaints.stage: unknown value'); END;",
            ]
        );
    }

    #[test]
    fn each_column_is_constrained_once_with_distinct_values() {
        let mut columns: Vec<_> = KNOWN_VALUES.iter().map(|k| (k.table, k.column)).collect();
        columns.sort();
        columns.dedup();
        assert_eq!(columns.len(), KNOWN_VALUES.len());
        for k in KNOWN_VALUES {
            let mut values = k.values.to_vec();
            values.sort();
            values.dedup();
            assert_eq!(values.len(), k.values.len(), "{}.{}", k.table, k.column);
            assert!(
                k.values.iter().all(|v| !v.is_empty() && !v.contains('\'')),
                "{}.{}",
                k.table,
                k.column
            );
        }
    }
}
