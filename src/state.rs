//! Shared application state: cheap to clone, attached to every request.

use std::{
    collections::HashMap,
    num::NonZeroU32,
    sync::{Arc, Mutex, RwLock},
    time::Duration,
};

use chrono::{DateTime, SubsecRound, Utc};
use governor::{
    Quota, clock::DefaultClock, middleware::NoOpMiddleware, state::keyed::DefaultKeyedStateStore,
};

use crate::{
    auth::keys::Verifier, config::Config, db::Db, domain::access::ratelimit::RateLimit,
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

/// Governor's keyed limiter over any clock: the process's in service, a fake one in tests.
type Keyed<C = DefaultClock> = governor::RateLimiter<
    String,
    DefaultKeyedStateStore<String>,
    C,
    NoOpMiddleware<<C as governor::clock::Clock>::Instant>,
>;

/// The longest a caller's bucket takes to earn one request back, in nanoseconds, given its
/// size: governor counts in `u64` nanoseconds without overflow checks, and a full bucket is
/// `burst` such periods ahead of the process's uptime. Half the range leaves centuries of
/// uptime; only a rate far below one request a year is raised to it.
fn slowest_period(burst: u32) -> u64 {
    (u64::MAX / 2) / u64::from(burst.max(1))
}

/// The limit as governor's quota: a request earned back every `1 / per_second` seconds, and
/// `burst` at once. `None` for no limit.
#[expect(
    clippy::as_conversions,
    reason = "f64 to integer has no conversion but `as`; every value is clamped into range first"
)]
fn quota(limit: RateLimit) -> Option<Quota> {
    // The configuration makes whole bursts of at least one; anything else is clamped to it.
    let burst = NonZeroU32::new(limit.burst.clamp(1.0, f64::from(u32::MAX)) as u32)?;
    let cap = slowest_period(burst.get());
    let period = if limit.per_second > 0.0 {
        (1e9 / limit.per_second).clamp(1.0, cap as f64) as u64
    } else {
        cap
    };
    Some(Quota::with_period(Duration::from_nanos(period))?.allow_burst(burst))
}

/// Spends one of `caller`'s requests on `limiter`, or says how long until one is earned: in
/// whole seconds, at least one, because `Retry-After` counts whole seconds (as
/// [`Bucket::take`](crate::domain::access::ratelimit::Bucket::take) does).
fn take<C: governor::clock::Clock>(limiter: &Keyed<C>, caller: &str) -> Result<(), Duration> {
    limiter.check_key(&caller.to_owned()).map_err(|not_until| {
        let wait = not_until.wait_time_from(limiter.clock().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Duration::from_secs(seconds.clamp(1, u64::from(u32::MAX)))
    })
}

/// The per-caller rate limit: one token bucket per token subject, in memory, kept by
/// governor's keyed limiter (GCRA, which grants exactly what the token bucket of
/// [`crate::domain::access::ratelimit`] does). Each replica keeps its own, so N replicas allow
/// a caller up to N times the rate.
#[derive(Debug)]
pub struct RateLimiter {
    quota: Option<Quota>,
    /// Behind a lock only so that it can be swapped for an empty one; see [`Self::check`].
    buckets: RwLock<Keyed>,
}

impl RateLimiter {
    pub fn new(limit: Option<RateLimit>) -> Self {
        let quota = limit.and_then(quota);
        RateLimiter {
            quota,
            // An unused placeholder when there is no limit: any quota will do.
            buckets: RwLock::new(Keyed::keyed(
                quota.unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)),
            )),
        }
    }

    /// Spends one of `caller`'s requests, or says how long it must wait.
    pub fn check(&self, caller: &str) -> Result<(), std::time::Duration> {
        let Some(quota) = self.quota else {
            return Ok(());
        };
        {
            let buckets = self.buckets.read().unwrap_or_else(|p| p.into_inner());
            if buckets.len() < MAX_CALLERS {
                return take(&buckets, caller);
            }
            // Bounded memory under a flood of distinct callers: a full bucket is what a new
            // caller gets anyway, so forgetting it changes nothing.
            buckets.retain_recent();
            if buckets.len() < MAX_CALLERS {
                return take(&buckets, caller);
            }
        }
        // Past the bound even partly spent buckets are forgotten, which errs towards letting
        // requests through.
        let mut buckets = self.buckets.write().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CALLERS {
            *buckets = Keyed::keyed(quota);
        }
        take(&buckets, caller)
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

#[cfg(test)]
mod tests {
    use governor::clock::FakeRelativeClock;

    use super::*;
    use crate::domain::access::ratelimit::Bucket;

    #[test]
    fn governor_grants_and_refuses_as_the_token_bucket_does() {
        let limits = [(2.0, 3.0), (0.2, 5.0), (0.1, 1.0), (7.0, 1.0), (0.5, 200.0)];
        // Seconds since the first request: bursts at one instant, quick runs and pauses.
        let instants = [
            0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.4, 0.5, 0.5, 0.5, 1.0, 1.4, 1.5, 1.5, 2.0, 4.9, 5.0,
            5.0, 9.95, 10.1, 10.1, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0,
        ];
        for (per_second, burst) in limits {
            let limit = RateLimit { per_second, burst };
            let clock = FakeRelativeClock::default();
            let keyed: Keyed<FakeRelativeClock> = governor::RateLimiter::new(
                quota(limit).expect("a limit"),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            );
            let mut bucket = Bucket::full(limit, 0.0);
            let mut at = 0.0;
            for now in instants {
                clock.advance(Duration::from_secs_f64(now - at));
                at = now;
                assert_eq!(
                    take(&keyed, "caller"),
                    bucket.take(limit, now),
                    "{limit:?} at {now}"
                );
            }
        }
    }

    #[test]
    fn any_limit_the_command_line_accepts_refuses_without_panicking() {
        for (per_second, burst) in [(1e-40, 1.0), (1e-40, f64::from(u32::MAX)), (1e12, 1.0)] {
            let limiter = RateLimiter::new(Some(RateLimit { per_second, burst }));
            for _ in 0..3 {
                if let Err(wait) = limiter.check("caller") {
                    assert!(wait >= Duration::from_secs(1), "{per_second} {burst}");
                }
            }
        }
        let glacial = RateLimiter::new(Some(RateLimit {
            per_second: 1e-20,
            burst: 1.0,
        }));
        assert_eq!(glacial.check("caller"), Ok(()));
        assert_eq!(
            glacial.check("caller"),
            Err(Duration::from_secs(u64::from(u32::MAX)))
        );
    }

    #[test]
    fn callers_have_their_own_buckets_and_no_limit_refuses_nothing() {
        let limiter = RateLimiter::new(Some(RateLimit {
            per_second: 0.2,
            burst: 2.0,
        }));
        assert!(limiter.check("alice").is_ok());
        assert!(limiter.check("alice").is_ok());
        assert!(limiter.check("alice").is_err());
        assert!(limiter.check("bob").is_ok());
        let open = RateLimiter::new(None);
        assert!((0..1000).all(|_| open.check("alice").is_ok()));
    }
}
