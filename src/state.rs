//! Shared application state: cheap to clone, attached to every request.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use chrono::{DateTime, SubsecRound, Utc};

use crate::{
    auth::keys::Verifier,
    config::Config,
    db::Db,
    domain::access::ratelimit::{Bucket, RateLimit},
    metrics::Metrics,
};

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

/// Callers whose buckets are kept at most; see [`RateLimiter::check`].
const MAX_CALLERS: usize = 100_000;

/// The per-caller rate limit: one token bucket per token subject, in memory. Each replica
/// keeps its own, so N replicas allow a caller up to N times the rate.
#[derive(Debug)]
pub struct RateLimiter {
    limit: Option<RateLimit>,
    started: std::time::Instant,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    pub fn new(limit: Option<RateLimit>) -> Self {
        RateLimiter {
            limit,
            started: std::time::Instant::now(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Spends one of `caller`'s requests, or says how long it must wait.
    pub fn check(&self, caller: &str) -> Result<(), std::time::Duration> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let now = self.started.elapsed().as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(bucket) = buckets.get_mut(caller) {
            return bucket.take(limit, now);
        }
        // Bounded memory under a flood of distinct callers: a full bucket is what a new
        // caller gets anyway, so forgetting it changes nothing; past the bound even partly
        // spent buckets are forgotten, which errs towards letting requests through.
        if buckets.len() >= MAX_CALLERS {
            buckets.retain(|_, b| !b.is_full(limit, now));
            if buckets.len() >= MAX_CALLERS {
                buckets.clear();
            }
        }
        let mut bucket = Bucket::full(limit, now);
        let taken = bucket.take(limit, now);
        buckets.insert(caller.to_owned(), bucket);
        taken
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
    pub limiter: Arc<RateLimiter>,
}
