//! Recourse schema migrations. Applied at start-up by `recourse serve`, by `recourse migrate`,
//! or by this crate's own CLI (`cargo run -p migration -- up`).

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_foundation;
mod m20261123_000002_create_holidays;
mod m20261123_000003_create_complaint_timers;
mod m20261123_000004_create_escalations;
mod m20261123_000005_create_communications_and_remedies;
mod m20261123_000006_extend_procedure_records;
mod m20261123_000007_create_root_causes_and_improvements;
mod m20261123_000008_create_surveys;
mod m20261128_000009_create_webhooks;
mod m20261128_000010_report_indexes;
mod m20261128_000011_list_and_period_indexes;
mod m20261129_000012_sweeper_index;
mod m20261130_000013_idempotency_keys_without_copies;
mod m20261201_000014_known_vocabularies;
mod m20261203_000015_timer_kinds_and_case_instants;
mod m20261203_000016_catalogue_and_channels;
mod m20261203_000017_list_filter_indexes;
mod m20261203_000018_imported_cases;

pub use m20261201_000014_known_vocabularies::KnownValues;
pub use m20261203_000016_catalogue_and_channels::{
    DEFAULT_CATALOGUE, DefaultProduct, known_values,
};

/// Every migration, oldest first.
#[derive(Debug)]
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_foundation::Migration),
            Box::new(m20261123_000002_create_holidays::Migration),
            Box::new(m20261123_000003_create_complaint_timers::Migration),
            Box::new(m20261123_000004_create_escalations::Migration),
            Box::new(m20261123_000005_create_communications_and_remedies::Migration),
            Box::new(m20261123_000006_extend_procedure_records::Migration),
            Box::new(m20261123_000007_create_root_causes_and_improvements::Migration),
            Box::new(m20261123_000008_create_surveys::Migration),
            Box::new(m20261128_000009_create_webhooks::Migration),
            Box::new(m20261128_000010_report_indexes::Migration),
            Box::new(m20261128_000011_list_and_period_indexes::Migration),
            Box::new(m20261129_000012_sweeper_index::Migration),
            Box::new(m20261130_000013_idempotency_keys_without_copies::Migration),
            Box::new(m20261201_000014_known_vocabularies::Migration),
            Box::new(m20261203_000015_timer_kinds_and_case_instants::Migration),
            Box::new(m20261203_000016_catalogue_and_channels::Migration),
            Box::new(m20261203_000017_list_filter_indexes::Migration),
            Box::new(m20261203_000018_imported_cases::Migration),
        ]
    }
}
