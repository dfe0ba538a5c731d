//! Teams, users, complaints, the hash-chained complaint audit trail, the audit log of other
//! writes, idempotency keys and the reference counter.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    Name,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Name,
    Roles,
    TeamId,
    FirstSeenAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum Complaints {
    Table,
    Id,
    Reference,
    TeamId,
    CreatedBy,
    AssigneeId,
    State,
    Stage,
    Profile,
    Channel,
    Product,
    Category,
    Description,
    RemedySought,
    ComplainantName,
    ComplainantEmail,
    ComplainantPhone,
    CustomerRef,
    Vulnerable,
    Vulnerability,
    ReceivedAt,
    CreatedAt,
    UpdatedAt,
    Version,
    EventCount,
    LastEventHash,
    Outcome,
    PrimaryCause,
    RcaPending,
    Stage1Handler,
    Approved,
    AcknowledgedAt,
    EscalationReceivedAt,
    EscalationAcknowledgedAt,
}

#[derive(DeriveIden)]
enum ComplaintEvents {
    Table,
    Id,
    ComplaintId,
    Seq,
    Kind,
    ActorId,
    ActorRole,
    OccurredAt,
    Data,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    PrincipalId,
    Key,
    Operation,
    RequestHash,
    Status,
    ResourceId,
    Response,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    OccurredAt,
    ActorId,
    ActorRole,
    Kind,
    SubjectType,
    SubjectId,
    Data,
}

#[derive(DeriveIden)]
enum ReferenceCounters {
    Table,
    Year,
    Last,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Teams::Table)
                    .col(string_len(Teams::Id, 64).primary_key())
                    .col(string_len(Teams::Name, 200))
                    .col(timestamp_with_time_zone(Teams::CreatedAt))
                    .col(timestamp_with_time_zone(Teams::UpdatedAt))
                    .col(big_integer(Teams::Version))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(string_len(Users::Id, 255).primary_key())
                    .col(string_len(Users::Name, 200))
                    .col(json_binary(Users::Roles))
                    .col(string_len_null(Users::TeamId, 64))
                    .col(timestamp_with_time_zone(Users::FirstSeenAt))
                    .col(timestamp_with_time_zone(Users::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Complaints::Table)
                    .col(pk_uuid(Complaints::Id))
                    .col(string_len_uniq(Complaints::Reference, 32))
                    .col(string_len(Complaints::TeamId, 64))
                    .col(string_len(Complaints::CreatedBy, 255))
                    .col(string_len_null(Complaints::AssigneeId, 255))
                    .col(string_len(Complaints::State, 32))
                    .col(small_integer(Complaints::Stage))
                    .col(string_len(Complaints::Profile, 32))
                    .col(string_len(Complaints::Channel, 16))
                    .col(string_len(Complaints::Product, 100))
                    .col(string_len(Complaints::Category, 100))
                    .col(text(Complaints::Description))
                    .col(text(Complaints::RemedySought))
                    .col(string_len(Complaints::ComplainantName, 200))
                    .col(string_len_null(Complaints::ComplainantEmail, 254))
                    .col(string_len_null(Complaints::ComplainantPhone, 40))
                    .col(string_len_null(Complaints::CustomerRef, 100))
                    .col(boolean(Complaints::Vulnerable))
                    .col(json_binary_null(Complaints::Vulnerability))
                    .col(timestamp_with_time_zone(Complaints::ReceivedAt))
                    .col(timestamp_with_time_zone(Complaints::CreatedAt))
                    .col(timestamp_with_time_zone(Complaints::UpdatedAt))
                    .col(big_integer(Complaints::Version))
                    .col(big_integer(Complaints::EventCount))
                    .col(string_len(Complaints::LastEventHash, 64))
                    .col(string_len_null(Complaints::Outcome, 32))
                    .col(string_len_null(Complaints::PrimaryCause, 32))
                    .col(boolean(Complaints::RcaPending).default(false))
                    .col(string_len_null(Complaints::Stage1Handler, 255))
                    .col(boolean(Complaints::Approved).default(false))
                    .col(timestamp_with_time_zone_null(Complaints::AcknowledgedAt))
                    .col(timestamp_with_time_zone_null(
                        Complaints::EscalationReceivedAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        Complaints::EscalationAcknowledgedAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Complaints::Table, Complaints::TeamId)
                            .to(Teams::Table, Teams::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Complaints::Table, Complaints::AssigneeId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;

        // The list endpoint orders by (received_at DESC, id DESC); each filter gets an index
        // that leads with its column and then follows that order, so a filtered page is an
        // index range scan.
        let complaint_indexes: [(&str, Option<Complaints>); 7] = [
            ("ix_complaints_received", None),
            ("ix_complaints_team", Some(Complaints::TeamId)),
            ("ix_complaints_state", Some(Complaints::State)),
            ("ix_complaints_assignee", Some(Complaints::AssigneeId)),
            ("ix_complaints_created_by", Some(Complaints::CreatedBy)),
            ("ix_complaints_product", Some(Complaints::Product)),
            ("ix_complaints_channel", Some(Complaints::Channel)),
        ];
        for (name, lead) in complaint_indexes {
            let mut index = Index::create();
            index.name(name).table(Complaints::Table);
            if let Some(lead) = lead {
                index.col(lead);
            }
            index.col(Complaints::ReceivedAt).col(Complaints::Id);
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ComplaintEvents::Table)
                    .col(pk_uuid(ComplaintEvents::Id))
                    .col(uuid(ComplaintEvents::ComplaintId))
                    .col(big_integer(ComplaintEvents::Seq))
                    .col(string_len(ComplaintEvents::Kind, 64))
                    .col(string_len(ComplaintEvents::ActorId, 255))
                    .col(string_len(ComplaintEvents::ActorRole, 32))
                    .col(timestamp_with_time_zone(ComplaintEvents::OccurredAt))
                    .col(json_binary(ComplaintEvents::Data))
                    .col(string_len(ComplaintEvents::PrevHash, 64))
                    .col(string_len(ComplaintEvents::Hash, 64))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ComplaintEvents::Table, ComplaintEvents::ComplaintId)
                            .to(Complaints::Table, Complaints::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_complaint_events_chain")
                    .table(ComplaintEvents::Table)
                    .col(ComplaintEvents::ComplaintId)
                    .col(ComplaintEvents::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(string_len(IdempotencyKeys::PrincipalId, 255))
                    .col(string_len(IdempotencyKeys::Key, 128))
                    .col(string_len(IdempotencyKeys::Operation, 64))
                    .col(string_len(IdempotencyKeys::RequestHash, 64))
                    .col(small_integer(IdempotencyKeys::Status))
                    .col(uuid_null(IdempotencyKeys::ResourceId))
                    .col(json_binary(IdempotencyKeys::Response))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::PrincipalId)
                            .col(IdempotencyKeys::Key),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReferenceCounters::Table)
                    .col(integer(ReferenceCounters::Year).primary_key())
                    .col(big_integer(ReferenceCounters::Last))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_uuid(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::OccurredAt))
                    .col(string_len(AuditLog::ActorId, 255))
                    .col(string_len(AuditLog::ActorRole, 32))
                    .col(string_len(AuditLog::Kind, 64))
                    .col(string_len(AuditLog::SubjectType, 32))
                    .col(string_len(AuditLog::SubjectId, 255))
                    .col(json_binary(AuditLog::Data))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_subject")
                    .table(AuditLog::Table)
                    .col(AuditLog::SubjectType)
                    .col(AuditLog::SubjectId)
                    .col(AuditLog::OccurredAt)
                    .to_owned(),
            )
            .await?;

        for table in ["complaint_events", "audit_log"] {
            forbid_rewrites(manager, table).await?;
        }
        Ok(())
    }
}

/// Audit tables are append-only in the database itself, not only in the API: an UPDATE or
/// DELETE on them fails, whoever issues it.
async fn forbid_rewrites(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DbBackend::Sqlite => {
            for op in ["UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_no_{lower} BEFORE {op} ON {table} \
                     BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
                    lower = op.to_lowercase()
                ))
                .await?;
            }
        }
        DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION {table}_append_only() RETURNS trigger \
                 LANGUAGE plpgsql AS $$ BEGIN \
                 RAISE EXCEPTION '{table} is append-only'; END $$;"
            ))
            .await?;
            db.execute_unprepared(&format!(
                "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE \
                 ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_append_only();"
            ))
            .await?;
        }
        _ => {}
    }
    Ok(())
}
