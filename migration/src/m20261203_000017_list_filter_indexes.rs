//! Indexes for the complaint list's filters on category, profile and vulnerability, and on the
//! instants of the response and the end.
//!
//! Each equality filter gets an index that leads with its column and then follows the list's
//! order `(received_at, id)`, like the product and channel ones, so that a filtered page is
//! one index range read in order: without it, a page of a rare category (or profile) walks
//! every complaint received since. A period of responses or endings cannot follow that order;
//! its index lets the engine read the complaints of a short period (a month's closings) and
//! sort those, rather than walk every complaint received since the period.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Complaints {
    Table,
    Category,
    Profile,
    Vulnerable,
    RespondedAt,
    ClosedAt,
    ReceivedAt,
    Id,
}

/// (name, leading column, whether the list's order follows it).
const INDEXES: [(&str, Complaints, bool); 5] = [
    ("ix_complaints_category", Complaints::Category, true),
    ("ix_complaints_profile", Complaints::Profile, true),
    ("ix_complaints_vulnerable", Complaints::Vulnerable, true),
    ("ix_complaints_responded", Complaints::RespondedAt, false),
    ("ix_complaints_closed", Complaints::ClosedAt, false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, lead, ordered) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Complaints::Table).col(lead);
            if ordered {
                index.col(Complaints::ReceivedAt).col(Complaints::Id);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Complaints::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
