//! The per-caller rate limit as a token bucket: each caller may spend `burst` requests at
//! once, and earns them back at `per_second`. Pure: the caller passes the time.
//!
//! The server does not run this bucket: `governor`'s keyed limiter does (`src/state.rs`), as
//! it keeps callers in a sharded map without one lock for all of them. Its GCRA grants exactly
//! what a token bucket does, and this one stays as the statement of the policy: the property
//! tests hold it to the rate's promises, and the limiter's tests hold governor to it.

use std::time::Duration;

/// How fast a caller may go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Requests earned back per second.
    pub per_second: f64,
    /// Most requests a caller may make at once (the bucket's size).
    pub burst: f64,
}

/// One caller's bucket. `at` is the instant (in seconds on the caller's monotonic clock) its
/// `tokens` were last counted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bucket {
    pub tokens: f64,
    pub at: f64,
}

impl Bucket {
    /// A caller seen for the first time has a full bucket.
    pub fn full(limit: RateLimit, now: f64) -> Bucket {
        Bucket {
            tokens: limit.burst,
            at: now,
        }
    }

    /// The tokens the bucket holds at `now`. A clock that went backwards earns nothing.
    pub fn level(&self, limit: RateLimit, now: f64) -> f64 {
        let earned = (now - self.at).max(0.0) * limit.per_second;
        (self.tokens + earned).min(limit.burst)
    }

    /// Spends one request at `now`, or says how long until one is earned (at least a second,
    /// because `Retry-After` counts whole seconds).
    pub fn take(&mut self, limit: RateLimit, now: f64) -> Result<(), Duration> {
        let level = self.level(limit, now);
        self.at = now.max(self.at);
        if level >= 1.0 {
            self.tokens = level - 1.0;
            Ok(())
        } else {
            self.tokens = level;
            // Capped, so that an absurdly slow rate cannot overflow the Duration.
            let wait = if limit.per_second > 0.0 {
                ((1.0 - level) / limit.per_second)
                    .ceil()
                    .clamp(1.0, f64::from(u32::MAX))
            } else {
                f64::from(u32::MAX)
            };
            Err(Duration::from_secs_f64(wait))
        }
    }

    /// Whether the bucket is full at `now`, so that forgetting it changes nothing.
    pub fn is_full(&self, limit: RateLimit, now: f64) -> bool {
        self.level(limit, now) >= limit.burst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: RateLimit = RateLimit {
        per_second: 2.0,
        burst: 3.0,
    };

    #[test]
    fn a_new_caller_may_spend_the_whole_burst_at_once_and_then_must_wait() {
        let mut b = Bucket::full(LIMIT, 0.0);
        for _ in 0..3 {
            assert_eq!(b.take(LIMIT, 0.0), Ok(()));
        }
        assert_eq!(b.take(LIMIT, 0.0), Err(Duration::from_secs(1)));
    }

    #[test]
    fn requests_are_earned_back_at_the_rate() {
        // (seconds after the burst is spent, requests that then succeed in a row)
        let table = [(0.0, 0), (0.5, 1), (1.0, 2), (1.4, 2), (1.5, 3), (100.0, 3)];
        for (after, allowed) in table {
            let mut b = Bucket::full(LIMIT, 0.0);
            for _ in 0..3 {
                assert!(b.take(LIMIT, 0.0).is_ok());
            }
            let granted = (0..10).take_while(|_| b.take(LIMIT, after).is_ok()).count();
            assert_eq!(granted, allowed, "after {after} s");
        }
    }

    #[test]
    fn the_wait_is_whole_seconds_and_never_zero() {
        let slow = RateLimit {
            per_second: 0.1,
            burst: 1.0,
        };
        let mut b = Bucket::full(slow, 0.0);
        assert!(b.take(slow, 0.0).is_ok());
        assert_eq!(b.take(slow, 0.0), Err(Duration::from_secs(10)));
        assert_eq!(b.take(slow, 5.0), Err(Duration::from_secs(5)));
        assert_eq!(b.take(slow, 9.95), Err(Duration::from_secs(1)));
        assert_eq!(b.take(slow, 10.1), Ok(()));
    }

    #[test]
    fn an_absurdly_slow_rate_asks_for_a_long_but_finite_wait() {
        let glacial = RateLimit {
            per_second: 1e-20,
            burst: 1.0,
        };
        let mut b = Bucket::full(glacial, 0.0);
        assert!(b.take(glacial, 0.0).is_ok());
        assert_eq!(
            b.take(glacial, 0.0),
            Err(Duration::from_secs(u64::from(u32::MAX)))
        );
    }

    #[test]
    fn refused_requests_do_not_spend_anything() {
        let mut b = Bucket::full(LIMIT, 0.0);
        for _ in 0..3 {
            assert!(b.take(LIMIT, 0.0).is_ok());
        }
        for _ in 0..50 {
            assert!(b.take(LIMIT, 0.1).is_err());
        }
        assert_eq!(b.take(LIMIT, 0.6), Ok(()));
    }

    #[test]
    fn a_clock_that_goes_backwards_earns_nothing() {
        let mut b = Bucket::full(LIMIT, 10.0);
        for _ in 0..3 {
            assert!(b.take(LIMIT, 10.0).is_ok());
        }
        assert!(b.take(LIMIT, 5.0).is_err());
        assert!(b.take(LIMIT, 10.2).is_err());
        assert!(b.take(LIMIT, 10.6).is_ok());
    }

    #[test]
    fn a_bucket_is_full_again_once_the_burst_is_earned_back() {
        let mut b = Bucket::full(LIMIT, 0.0);
        assert!(b.is_full(LIMIT, 0.0));
        assert!(b.take(LIMIT, 0.0).is_ok());
        assert!(!b.is_full(LIMIT, 0.4));
        assert!(b.is_full(LIMIT, 0.5));
    }
}
