//! Root causes and continuous improvement: the cause taxonomy and its version, complaint
//! categories, classifications, improvement items with their evidence and tasks.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RootCauses {
    Table,
    Code,
    Group,
    Label,
    Definition,
    Status,
    MergedInto,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TaxonomyMeta {
    Table,
    Id,
    Version,
}

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
enum Classifications {
    Table,
    ComplaintId,
    PrimaryCause,
    Contributing,
    FiveWhys,
    PotentiallySystemic,
    VulnerabilityRelevant,
    Lessons,
    ClassifiedBy,
    ClassifiedAt,
    TaxonomyVersion,
}

#[derive(DeriveIden)]
enum Improvements {
    Table,
    Id,
    Title,
    Description,
    State,
    HeldFrom,
    Source,
    Rule,
    RuleKey,
    OpenKey,
    Cause,
    Product,
    Priority,
    Owner,
    Plan,
    WentLiveAt,
    ChangeReference,
    CheckResult,
    Verdict,
    Standardisation,
    MergedInto,
    Iteration,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ImprovementEvidence {
    Table,
    Id,
    ItemId,
    ComplaintId,
    Rule,
    Params,
    Explanation,
    MatchedAt,
}

#[derive(DeriveIden)]
enum ImprovementTasks {
    Table,
    Id,
    ItemId,
    Description,
    Owner,
    DueOn,
    Status,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    PrimaryCause,
    ReceivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Codes such as `NFF.DISAGREES_WITH_LEGITIMATE_DECISION` outgrow the first column size.
        // SQLite does not enforce lengths; PostgreSQL widens in place.
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            manager
                .alter_table(
                    Table::alter()
                        .table(Complaints::Table)
                        .modify_column(
                            ColumnDef::new(Complaints::PrimaryCause)
                                .string_len(64)
                                .null(),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_complaints_cause_received")
                    .table(Complaints::Table)
                    .col(Complaints::PrimaryCause)
                    .col(Complaints::ReceivedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RootCauses::Table)
                    .col(string_len(RootCauses::Code, 64).primary_key())
                    .col(string_len(RootCauses::Group, 3))
                    .col(string_len(RootCauses::Label, 200))
                    .col(text(RootCauses::Definition))
                    .col(string_len(RootCauses::Status, 16))
                    .col(string_len_null(RootCauses::MergedInto, 64))
                    .col(timestamp_with_time_zone(RootCauses::CreatedAt))
                    .col(timestamp_with_time_zone(RootCauses::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TaxonomyMeta::Table)
                    .col(integer(TaxonomyMeta::Id).primary_key())
                    .col(big_integer(TaxonomyMeta::Version))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(string_len(Categories::Product, 100))
                    .col(string_len(Categories::Code, 100))
                    .col(string_len(Categories::Label, 200))
                    .col(boolean(Categories::Active))
                    .col(timestamp_with_time_zone(Categories::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(Categories::Product)
                            .col(Categories::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Classifications::Table)
                    .col(pk_uuid(Classifications::ComplaintId))
                    .col(string_len(Classifications::PrimaryCause, 64))
                    .col(json(Classifications::Contributing))
                    .col(json(Classifications::FiveWhys))
                    .col(boolean(Classifications::PotentiallySystemic))
                    .col(boolean(Classifications::VulnerabilityRelevant))
                    .col(text_null(Classifications::Lessons))
                    .col(string_len(Classifications::ClassifiedBy, 255))
                    .col(timestamp_with_time_zone(Classifications::ClassifiedAt))
                    .col(big_integer(Classifications::TaxonomyVersion))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Classifications::Table, Classifications::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Improvements::Table)
                    .col(pk_uuid(Improvements::Id))
                    .col(string_len(Improvements::Title, 200))
                    .col(text_null(Improvements::Description))
                    .col(string_len(Improvements::State, 16))
                    .col(string_len_null(Improvements::HeldFrom, 16))
                    .col(string_len(Improvements::Source, 16))
                    .col(string_len_null(Improvements::Rule, 16))
                    .col(string_len_null(Improvements::RuleKey, 200))
                    .col(string_len_null(Improvements::OpenKey, 200))
                    .col(string_len_null(Improvements::Cause, 64))
                    .col(string_len_null(Improvements::Product, 100))
                    .col(string_len_null(Improvements::Priority, 16))
                    .col(string_len_null(Improvements::Owner, 255))
                    .col(json_null(Improvements::Plan))
                    .col(timestamp_with_time_zone_null(Improvements::WentLiveAt))
                    .col(string_len_null(Improvements::ChangeReference, 200))
                    .col(json_null(Improvements::CheckResult))
                    .col(string_len_null(Improvements::Verdict, 16))
                    .col(json_null(Improvements::Standardisation))
                    .col(uuid_null(Improvements::MergedInto))
                    .col(integer(Improvements::Iteration))
                    .col(string_len(Improvements::CreatedBy, 255))
                    .col(timestamp_with_time_zone(Improvements::CreatedAt))
                    .col(timestamp_with_time_zone(Improvements::UpdatedAt))
                    .col(big_integer(Improvements::Version))
                    .to_owned(),
            )
            .await?;
        // One open item per rule key: a second insert for the key conflicts and adds evidence
        // to the first instead, however many classifications race.
        manager
            .create_index(
                Index::create()
                    .name("ux_improvements_open_key")
                    .table(Improvements::Table)
                    .col(Improvements::OpenKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_improvements_state")
                    .table(Improvements::Table)
                    .col(Improvements::State)
                    .col(Improvements::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_improvements_rule_key")
                    .table(Improvements::Table)
                    .col(Improvements::RuleKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImprovementEvidence::Table)
                    .col(pk_uuid(ImprovementEvidence::Id))
                    .col(uuid(ImprovementEvidence::ItemId))
                    .col(uuid(ImprovementEvidence::ComplaintId))
                    .col(string_len(ImprovementEvidence::Rule, 16))
                    .col(json(ImprovementEvidence::Params))
                    .col(text(ImprovementEvidence::Explanation))
                    .col(timestamp_with_time_zone(ImprovementEvidence::MatchedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImprovementEvidence::Table, ImprovementEvidence::ItemId)
                            .to(Improvements::Table, Improvements::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImprovementEvidence::Table, ImprovementEvidence::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_improvement_evidence")
                    .table(ImprovementEvidence::Table)
                    .col(ImprovementEvidence::ItemId)
                    .col(ImprovementEvidence::ComplaintId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_improvement_evidence_complaint")
                    .table(ImprovementEvidence::Table)
                    .col(ImprovementEvidence::ComplaintId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImprovementTasks::Table)
                    .col(pk_uuid(ImprovementTasks::Id))
                    .col(uuid(ImprovementTasks::ItemId))
                    .col(text(ImprovementTasks::Description))
                    .col(string_len(ImprovementTasks::Owner, 255))
                    .col(date(ImprovementTasks::DueOn))
                    .col(string_len(ImprovementTasks::Status, 16))
                    .col(timestamp_with_time_zone(ImprovementTasks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImprovementTasks::Table, ImprovementTasks::ItemId)
                            .to(Improvements::Table, Improvements::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_improvement_tasks_item")
                    .table(ImprovementTasks::Table)
                    .col(ImprovementTasks::ItemId)
                    .to_owned(),
            )
            .await
    }
}
