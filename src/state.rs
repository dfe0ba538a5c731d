//! Shared application state: cheap to clone, attached to every request.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use chrono::{DateTime, SubsecRound, Utc};

use crate::{auth::Verifier, config::Config, db::Db, metrics::Metrics};

/// The source of "now". Times are kept to the microsecond, the precision both databases
/// store, so a value reads back exactly as it was written.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// A settable clock for tests.
    Fixed(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        let now = match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at.lock().unwrap_or_else(|p| p.into_inner()),
        };
        now.trunc_subsecs(6)
    }

    /// Moves a fixed clock to `at` (a system clock keeps real time).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Clock::Fixed(now) = self {
            *now.lock().unwrap_or_else(|p| p.into_inner()) = at;
        }
    }
}

/// Identities already recorded in `users`, with a fingerprint of their claims, so a request
/// writes the user row only when something about the caller changed.
#[derive(Debug, Default)]
pub struct KnownUsers(Mutex<HashMap<String, u64>>);

impl KnownUsers {
    /// Whether `sub` was recorded with this fingerprint.
    pub fn is_current(&self, sub: &str, fingerprint: u64) -> bool {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(sub) == Some(&fingerprint)
    }

    pub fn record(&self, sub: &str, fingerprint: u64) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        // Bounded: a flood of distinct identities costs a re-check, never unbounded memory.
        if map.len() >= 100_000 {
            map.clear();
        }
        map.insert(sub.to_owned(), fingerprint);
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub verifier: Arc<Verifier>,
    pub clock: Clock,
    pub known_users: Arc<KnownUsers>,
    pub metrics: Arc<Metrics>,
}
