//! The root-cause taxonomy as the organisation keeps it, and the complaint categories. Every
//! change moves the taxonomy's version and is recorded in the audit log.

use chrono::{DateTime, Utc};
use entity::{category, root_cause, taxonomy_meta};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, sea_query::Expr, sea_query::ExprTrait, sea_query::OnConflict,
};
use serde_json::json;

use crate::domain::rule::Rule;
use crate::service::{audit, stored::stored};
use crate::{
    auth::Actor,
    db::Db,
    domain::case::catalogue::{self, Entry},
    domain::improvement::taxonomy::{
        CodeError, CodeStatus, SEED, UseError, aliases, parse_code, usable,
    },
    error::{ApiError, ErrorCode},
    state::AppState,
};

/// Seeds the codes and the version row on first start.
pub async fn seed(db: &Db, now: DateTime<Utc>) -> Result<(), sea_orm::DbErr> {
    let tx = db.begin_write().await?;
    if root_cause::Entity::find().count(tx.conn()).await? == 0 {
        let rows = SEED
            .iter()
            .map(|(code, label, definition)| root_cause::ActiveModel {
                code: Set((*code).to_owned()),
                group: Set(code[..3].to_owned()),
                label: Set((*label).to_owned()),
                definition: Set((*definition).to_owned()),
                status: Set(CodeStatus::Active.as_str().to_owned()),
                merged_into: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            });
        // Another replica starting at the same moment may seed first: its rows stand.
        root_cause::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(root_cause::Column::Code)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(tx.conn())
            .await
            .or_else(|e| match e {
                sea_orm::DbErr::RecordNotInserted => Ok(0),
                other => Err(other),
            })?;
    }
    taxonomy_meta::Entity::insert(taxonomy_meta::ActiveModel {
        id: Set(1),
        version: Set(1),
    })
    .on_conflict(
        OnConflict::column(taxonomy_meta::Column::Id)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(tx.conn())
    .await
    .or_else(|e| match e {
        sea_orm::DbErr::RecordNotInserted => Ok(0),
        other => Err(other),
    })?;
    tx.commit().await
}

/// The taxonomy's current version.
pub async fn version(db: &impl ConnectionTrait) -> Result<i64, ApiError> {
    Ok(taxonomy_meta::Entity::find_by_id(1)
        .one(db)
        .await?
        .map_or(1, |m| m.version))
}

/// Every code, by group and code, and the version.
pub async fn list(state: &AppState) -> Result<(Vec<root_cause::Model>, i64), ApiError> {
    let db = &state.db.conn;
    let rows = root_cause::Entity::find()
        .order_by_asc(root_cause::Column::Code)
        .all(db)
        .await?;
    Ok((rows, version(db).await?))
}

/// Moves the version on, in the caller's transaction.
async fn bump(db: &impl ConnectionTrait) -> Result<i64, ApiError> {
    taxonomy_meta::Entity::update_many()
        .col_expr(
            taxonomy_meta::Column::Version,
            Expr::col(taxonomy_meta::Column::Version).add(1),
        )
        .filter(taxonomy_meta::Column::Id.eq(1))
        .exec(db)
        .await?;
    version(db).await
}

/// Checks that `code` may be used for a classification now; 422 naming `field` otherwise.
pub async fn check_usable(
    db: &impl ConnectionTrait,
    field: &str,
    code: &str,
) -> Result<(), ApiError> {
    let row = root_cause::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?;
    let status = match &row {
        Some(r) => Some((
            stored::<CodeStatus>("root_causes.status", &r.status)?,
            r.merged_into.as_deref(),
        )),
        None => None,
    };
    usable(status).map_err(|e| {
        let why = match e {
            UseError::Unknown => format!("{code} is not in the root-cause taxonomy"),
            UseError::Deprecated => format!("{code} is deprecated; choose a current code"),
            UseError::MergedInto(into) => format!("{code} was merged into {into}; use {into}"),
        };
        ApiError::invalid_field(field, why)
    })
}

/// The codes whose history counts as `code`'s (itself and those merged into it).
pub async fn aliases_of(db: &impl ConnectionTrait, code: &str) -> Result<Vec<String>, ApiError> {
    let merges: Vec<(String, String)> = root_cause::Entity::find()
        .filter(root_cause::Column::MergedInto.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.merged_into.map(|into| (r.code, into)))
        .collect();
    Ok(aliases(code, &merges))
}

fn conflict(detail: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::AlreadyExists, detail)
}

async fn load(db: &impl ConnectionTrait, code: &str) -> Result<root_cause::Model, ApiError> {
    root_cause::Entity::find_by_id(code.to_owned())
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("root-cause code"))
}

/// A change to a code, as the service applies it.
#[derive(Debug, Clone)]
pub enum Change {
    Add {
        code: String,
        label: String,
        definition: String,
    },
    Rename {
        label: Option<String>,
        definition: Option<String>,
    },
    Deprecate,
    Merge {
        into: String,
    },
}

/// Applies a change to `code` (for `Add`, the new code) and moves the version on.
pub async fn change(
    state: &AppState,
    actor: &Actor,
    code: &str,
    change: Change,
) -> Result<(root_cause::Model, i64), ApiError> {
    let now = state.clock.now();
    let tx = state.db.begin_write().await?;
    let db = tx.conn();
    let (kind, before, after) = match change {
        Change::Add {
            code: new,
            label,
            definition,
        } => {
            let l1 = parse_code(&new).map(|(l1, _)| l1.to_owned()).map_err(|e| {
                ApiError::invalid_field(
                    "code",
                    match e {
                        CodeError::Malformed => "write codes as L1.L2, e.g. PRC.HANDOFF",
                        CodeError::UnknownGroup => {
                            "the group must be one of PEO, PRC, POL, SYS, PRD, TPY, COM, CHX, EXT, NFF"
                        }
                    },
                )
            })?;
            if root_cause::Entity::find_by_id(new.clone())
                .one(db)
                .await?
                .is_some()
            {
                return Err(conflict(format!(
                    "{new} already exists (codes are never reused)"
                )));
            }
            let row = root_cause::Model {
                code: new,
                group: l1,
                label,
                definition,
                status: CodeStatus::Active.as_str().to_owned(),
                merged_into: None,
                created_at: now,
                updated_at: now,
            };
            root_cause::Entity::insert(root_cause::ActiveModel::from(row.clone()))
                .exec_without_returning(db)
                .await?;
            ("root_cause.added", None, row)
        }
        Change::Rename { label, definition } => {
            let before = load(db, code).await?;
            let after = root_cause::Model {
                label: label.unwrap_or_else(|| before.label.clone()),
                definition: definition.unwrap_or_else(|| before.definition.clone()),
                updated_at: now,
                ..before.clone()
            };
            save(db, &after).await?;
            ("root_cause.renamed", Some(before), after)
        }
        Change::Deprecate => {
            let before = load(db, code).await?;
            if before.status != CodeStatus::Active.as_str() {
                return Err(ApiError::guard(
                    Rule::CodeNotActive,
                    format!("{code} is already {}", before.status),
                ));
            }
            let after = root_cause::Model {
                status: CodeStatus::Deprecated.as_str().to_owned(),
                updated_at: now,
                ..before.clone()
            };
            save(db, &after).await?;
            ("root_cause.deprecated", Some(before), after)
        }
        Change::Merge { into } => {
            let before = load(db, code).await?;
            if into == code {
                return Err(ApiError::invalid_field(
                    "into",
                    "a code cannot merge into itself",
                ));
            }
            if before.status == CodeStatus::Merged.as_str() {
                return Err(ApiError::guard(
                    Rule::CodeNotActive,
                    format!("{code} is already merged"),
                ));
            }
            let target = root_cause::Entity::find_by_id(into.clone())
                .one(db)
                .await?
                .ok_or_else(|| {
                    ApiError::invalid_field("into", format!("{into} is not in the taxonomy"))
                })?;
            if target.status != CodeStatus::Active.as_str() {
                return Err(ApiError::invalid_field(
                    "into",
                    format!("{into} is {}; merge into an active code", target.status),
                ));
            }
            let after = root_cause::Model {
                status: CodeStatus::Merged.as_str().to_owned(),
                merged_into: Some(into),
                updated_at: now,
                ..before.clone()
            };
            save(db, &after).await?;
            ("root_cause.merged", Some(before), after)
        }
    };
    let version = bump(db).await?;
    let describe = |m: &root_cause::Model| json!({"label": m.label, "definition": m.definition, "status": m.status, "merged_into": m.merged_into});
    audit::log(
        db,
        actor,
        now,
        kind,
        ("root_cause", &after.code),
        json!({"before": before.as_ref().map(describe), "after": describe(&after), "taxonomy_version": version}),
    )
    .await?;
    tx.commit().await?;
    Ok((after, version))
}

async fn save(db: &impl ConnectionTrait, m: &root_cause::Model) -> Result<(), ApiError> {
    root_cause::Entity::update(root_cause::ActiveModel {
        code: Set(m.code.clone()),
        group: Set(m.group.clone()),
        label: Set(m.label.clone()),
        definition: Set(m.definition.clone()),
        status: Set(m.status.clone()),
        merged_into: Set(m.merged_into.clone()),
        created_at: Set(m.created_at),
        updated_at: Set(m.updated_at),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The whole catalogue, by product and code.
async fn catalogue(db: &impl ConnectionTrait) -> Result<Vec<category::Model>, ApiError> {
    Ok(category::Entity::find()
        .order_by_asc(category::Column::Product)
        .order_by_asc(category::Column::Code)
        .all(db)
        .await?)
}

fn entries(rows: &[category::Model]) -> Vec<Entry<'_>> {
    rows.iter()
        .map(|r| Entry {
            product: &r.product,
            code: &r.code,
            active: r.active,
        })
        .collect()
}

/// The products offered now, each with its active categories, by code: what new complaints
/// may be filed under.
pub async fn offered(db: &impl ConnectionTrait) -> Result<Vec<(String, Vec<String>)>, ApiError> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for row in catalogue(db).await?.into_iter().filter(|r| r.active) {
        match out.last_mut() {
            Some((product, codes)) if *product == row.product => codes.push(row.code),
            _ => out.push((row.product, vec![row.code])),
        }
    }
    Ok(out)
}

/// Checks that a complaint may be filed under `product` and `category` now: 422 naming the
/// field at fault and listing what is offered instead.
pub async fn check_filing(
    db: &impl ConnectionTrait,
    product: &str,
    category: &str,
) -> Result<(), ApiError> {
    // The usual answer is one row by its key; the whole catalogue is read only to explain a
    // refusal.
    let row = category::Entity::find_by_id((product.to_owned(), category.to_owned()))
        .one(db)
        .await?;
    if row.is_some_and(|r| r.active) {
        return Ok(());
    }
    let rows = catalogue(db).await?;
    Ok(catalogue::check_use(&entries(&rows), product, category)?)
}

/// Checks that `product`, asked for as `field` (a filter, an improvement item's product), is
/// in the catalogue, retired or not: 422 listing the catalogue's products otherwise.
pub async fn check_product(
    db: &impl ConnectionTrait,
    field: &'static str,
    product: &str,
) -> Result<(), ApiError> {
    let found = category::Entity::find()
        .filter(category::Column::Product.eq(product))
        .one(db)
        .await?;
    if found.is_some() {
        return Ok(());
    }
    let rows = catalogue(db).await?;
    Ok(catalogue::check_known_product(
        &entries(&rows),
        field,
        product,
    )?)
}

/// Checks that `category`, asked for as `field` in a filter, is a code the catalogue holds (of
/// `product` when the filter names one), retired or not: 422 listing the codes otherwise.
pub async fn check_category(
    db: &impl ConnectionTrait,
    field: &'static str,
    product: Option<&str>,
    category: &str,
) -> Result<(), ApiError> {
    let mut q = category::Entity::find().filter(category::Column::Code.eq(category));
    if let Some(p) = product {
        q = q.filter(category::Column::Product.eq(p));
    }
    if q.one(db).await?.is_some() {
        return Ok(());
    }
    let rows = catalogue(db).await?;
    Ok(catalogue::check_known_category(
        &entries(&rows),
        field,
        product,
        category,
    )?)
}

/// The categories, optionally of one product (which must be in the catalogue).
pub async fn categories(
    state: &AppState,
    product: Option<&str>,
) -> Result<Vec<category::Model>, ApiError> {
    let mut q = category::Entity::find();
    if let Some(p) = product {
        check_product(&state.db.conn, "product", p).await?;
        q = q.filter(category::Column::Product.eq(p));
    }
    Ok(q.order_by_asc(category::Column::Product)
        .order_by_asc(category::Column::Code)
        .all(&state.db.conn)
        .await?)
}

/// Adds or updates a category (`active` false retires it; it is never deleted).
pub async fn set_category(
    state: &AppState,
    actor: &Actor,
    row: category::Model,
) -> Result<category::Model, ApiError> {
    let tx = state.db.begin_write().await?;
    let before = category::Entity::find_by_id((row.product.clone(), row.code.clone()))
        .one(tx.conn())
        .await?;
    category::Entity::insert(category::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::columns([category::Column::Product, category::Column::Code])
                .update_columns([
                    category::Column::Label,
                    category::Column::Active,
                    category::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx.conn())
        .await?;
    let subject = format!("{}/{}", row.product, row.code);
    audit::log(
        tx.conn(),
        actor,
        row.updated_at,
        "category.set",
        ("category", &subject),
        json!({"before": before.map(|b| json!({"label": b.label, "active": b.active})), "after": {"label": row.label, "active": row.active}}),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use crate::domain::reporting::returns::{
        MAIN_CAUSES, PRODUCT_GROUPINGS, main_cause, product_grouping,
    };

    /// The catalogue a new installation starts with is named for the FCA return's mapping:
    /// no product falls in "Other", and each category in the main cause it means.
    #[test]
    fn the_default_catalogue_falls_in_the_returns_lines() {
        let cause = |code: &str| match code {
            "advice_and_sale" => MAIN_CAUSES[0],
            "fees" | "terms" | "interest" => MAIN_CAUSES[1],
            "arrears" => MAIN_CAUSES[3],
            _ => MAIN_CAUSES[2],
        };
        for p in migration::DEFAULT_CATALOGUE {
            assert_ne!(product_grouping(p.code), PRODUCT_GROUPINGS[5], "{}", p.code);
            for (code, _) in p.categories {
                assert_eq!(main_cause(code), cause(code), "{}/{code}", p.code);
            }
        }
        assert_eq!(product_grouping("savings"), PRODUCT_GROUPINGS[0]);
        assert_eq!(product_grouping("mortgage"), PRODUCT_GROUPINGS[1]);
        assert_eq!(product_grouping("protection"), PRODUCT_GROUPINGS[2]);
        assert_eq!(product_grouping("pension"), PRODUCT_GROUPINGS[3]);
        assert_eq!(product_grouping("investment"), PRODUCT_GROUPINGS[4]);
    }
}
