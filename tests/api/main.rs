//! Integration tests: real HTTP against a fresh database per test, on SQLite always and on
//! PostgreSQL when `TEST_DATABASE_URL` is set (required under `CI=true`).

#![allow(clippy::unwrap_used)]

/// Declares each listed `async fn(TestApp)` as two tests: `sqlite::name` and `postgres::name`.
macro_rules! engine_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::harness::TestApp::sqlite().await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::harness::TestApp::postgres().await {
                        super::$name(app).await
                    }
                }
            )*
        }
    };
}

mod audit;
mod auth;
mod cli;
mod client;
mod complaints;
mod contract;
mod errors;
mod harness;
mod improvement;
mod keys;
mod procedure;
mod procedure_actions;
mod profiles;
mod reports;
mod roles;
mod surveys;
mod sweeper;
mod webhooks;
