//! Integration tests: real HTTP against a fresh database per test, on SQLite always and on
//! PostgreSQL when `TEST_DATABASE_URL` is set (required under `CI=true`).

#![allow(clippy::unwrap_used)]
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "a test reads fixtures and answers of a known shape and fails loudly when they differ"
)]

#[macro_use]
mod harness;

mod assign;
mod audit;
mod auth;
mod caching;
mod calendars;
mod catalogue;
mod cli;
mod client;
mod complaints;
mod contract;
mod errors;
mod finding;
mod handling;
mod idempotency;
mod import;
mod improvement;
mod instants;
mod integrator;
mod keys;
mod procedure;
mod procedure_actions;
mod profiles;
mod queue;
mod remedies_orders;
mod reports;
mod roles;
mod stored;
mod strict;
mod surveys;
mod sweeper;
mod truth;
mod vulnerability;
mod webhooks;
