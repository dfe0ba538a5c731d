//! The procedure's timers say what kind of limit each is, and a complaint keeps the instants
//! its users ask for.
//!
//! - `complaint_timers.kind`: `deadline` (set by a rule: missing it is a breach), `target` (an
//!   internal target: missing it is a missed target) or `window` (an option that lapses, such
//!   as the FCA's summary-resolution window). Existing rows take their kind from their name and
//!   `regulatory` flag; a lapsed window or a missed target stored as `breached` is restated.
//! - Timer states gain `missed` and `lapsed`.
//! - `breached_at` of a breach already recorded becomes the instant the deadline passed (its
//!   due instant, extended where it was), which is when reports count it.
//! - `complaint_timers.beyond_calendar`: the due instant was computed past the holiday data
//!   the calendar knows.
//! - `complaints.responded_at`, `responded_by`, `escalated_at`, `closed_at`, filled from the
//!   audit trail for existing cases.
//! - `remedies.ordered_by`: the external scheme that ordered a remedy; null for the firm's own.

use sea_orm_migration::prelude::*;

use crate::m20261201_000014_known_vocabularies::{self as known, KnownValues};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TIMER_STATES: &[&str] = &[
    "running", "paused", "met", "breached", "missed", "lapsed", "stopped",
];
const TIMER_KINDS: &[&str] = &["deadline", "target", "window"];

/// The constrained columns this migration changes or adds.
pub const CHANGED: &[KnownValues] = &[
    KnownValues {
        table: "complaint_timers",
        column: "state",
        numeric: false,
        values: TIMER_STATES,
    },
    KnownValues {
        table: "complaint_timers",
        column: "kind",
        numeric: false,
        values: TIMER_KINDS,
    },
];

/// Every constrained column as the schema stands after this migration.
pub fn known_values() -> Vec<KnownValues> {
    let mut all: Vec<KnownValues> = known::KNOWN_VALUES
        .iter()
        .filter(|k| {
            !CHANGED
                .iter()
                .any(|c| c.table == k.table && c.column == k.column)
        })
        .copied()
        .collect();
    all.extend_from_slice(CHANGED);
    all
}

#[derive(DeriveIden)]
enum ComplaintTimers {
    Table,
    Kind,
    BeyondCalendar,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    RespondedAt,
    RespondedBy,
    EscalatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Remedies {
    Table,
    OrderedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        // The old state constraint goes first: the restatement below writes the new states.
        for k in known::KNOWN_VALUES
            .iter()
            .filter(|k| k.table == "complaint_timers" && k.column == "state")
        {
            for sql in k.drops(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        manager
            .alter_table(
                Table::alter()
                    .table(ComplaintTimers::Table)
                    .add_column(
                        ColumnDef::new(ComplaintTimers::Kind)
                            .string_len(16)
                            .not_null()
                            .default("target"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ComplaintTimers::Table)
                    .add_column(
                        ColumnDef::new(ComplaintTimers::BeyondCalendar)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        for col in [
            Complaints::RespondedAt,
            Complaints::EscalatedAt,
            Complaints::ClosedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Complaints::Table)
                        .add_column(ColumnDef::new(col).timestamp_with_time_zone().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Complaints::Table)
                    .add_column(
                        ColumnDef::new(Complaints::RespondedBy)
                            .string_len(128)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Remedies::Table)
                    .add_column(ColumnDef::new(Remedies::OrderedBy).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        for sql in [
            "UPDATE complaint_timers SET kind = 'window' WHERE name = 'summary_resolution'",
            "UPDATE complaint_timers SET kind = 'deadline' \
             WHERE regulatory AND name <> 'summary_resolution'",
            "UPDATE complaint_timers SET state = 'lapsed' \
             WHERE kind = 'window' AND state = 'breached'",
            "UPDATE complaint_timers SET state = 'missed' \
             WHERE kind = 'target' AND state = 'breached'",
            "UPDATE complaint_timers SET breached_at = COALESCE(extended_due_at, due_at) \
             WHERE state IN ('breached', 'missed', 'lapsed')",
            "UPDATE complaints SET escalated_at = escalation_received_at",
            "UPDATE complaints SET responded_at = (SELECT MAX(e.occurred_at) \
             FROM complaint_events e WHERE e.complaint_id = complaints.id \
             AND e.kind IN ('complaint.issue_response', 'complaint.resolve_summarily'))",
            "UPDATE complaints SET responded_by = (SELECT e.actor_id \
             FROM complaint_events e WHERE e.complaint_id = complaints.id \
             AND e.kind IN ('complaint.issue_response', 'complaint.resolve_summarily') \
             ORDER BY e.seq DESC LIMIT 1)",
            "UPDATE complaints SET closed_at = (SELECT MAX(e.occurred_at) \
             FROM complaint_events e WHERE e.complaint_id = complaints.id \
             AND e.kind IN ('complaint.close', 'complaint.resolve_summarily', \
             'complaint.withdraw', 'complaint.reject_scope', 'complaint.transfer')) \
             WHERE state IN ('closed', 'withdrawn', 'not_a_complaint', 'transferred')",
        ] {
            db.execute_unprepared(sql).await?;
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
        for k in CHANGED {
            for sql in k.drops(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        db.execute_unprepared(
            "UPDATE complaint_timers SET state = 'breached' WHERE state IN ('missed', 'lapsed')",
        )
        .await?;
        for (table, column) in [
            ("complaint_timers", "kind"),
            ("complaint_timers", "beyond_calendar"),
            ("complaints", "responded_at"),
            ("complaints", "responded_by"),
            ("complaints", "escalated_at"),
            ("complaints", "closed_at"),
            ("remedies", "ordered_by"),
        ] {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .await?;
        }
        for k in known::KNOWN_VALUES
            .iter()
            .filter(|k| k.table == "complaint_timers" && k.column == "state")
        {
            for sql in k.statements(backend) {
                db.execute_unprepared(&sql).await?;
            }
        }
        Ok(())
    }
}
