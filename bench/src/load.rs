//! A closed-loop load runner: a fixed number of requests, a fixed number in flight, and a time
//! bound after which no further request is issued. Each request's latency goes into an HDR
//! histogram; a request that fails counts as an error and its latency is still recorded.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use hdrhistogram::Histogram;

/// What one request did: which kind of request it was (an index into the runner's kinds) and
/// whether it succeeded (the error says what came back).
pub type Step = (usize, Result<(), String>);

/// The figures of one scenario, or of one kind of request within it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    /// Requests the scenario meant to issue.
    pub planned: usize,
    /// Requests issued (fewer than planned when the time bound stopped the scenario).
    pub requests: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Latencies in microseconds.
    pub hist: Histogram<u64>,
    pub first_error: Option<String>,
    /// Per kind of request, for scenarios that mix several.
    pub parts: Vec<Outcome>,
    /// Remarks shown below the table.
    pub note: Option<String>,
}

impl Outcome {
    #[expect(
        clippy::as_conversions,
        reason = "a rate for display: counts are exact in f64 below 2^53"
    )]
    pub fn throughput(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.requests as f64 / secs
        } else {
            0.0
        }
    }

    #[expect(
        clippy::as_conversions,
        reason = "microseconds for display: exact in f64 below 2^53 (the histogram stops at 10 minutes)"
    )]
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.hist.is_empty() {
            return 0.0;
        }
        self.hist.value_at_quantile(q) as f64 / 1000.0
    }

    #[expect(
        clippy::as_conversions,
        reason = "microseconds for display: exact in f64 below 2^53 (the histogram stops at 10 minutes)"
    )]
    pub fn max_ms(&self) -> f64 {
        self.hist.max() as f64 / 1000.0
    }

    pub fn stopped_early(&self) -> bool {
        self.requests < u64::try_from(self.planned).unwrap_or(u64::MAX)
    }
}

pub fn histogram() -> Histogram<u64> {
    // 1 µs to 10 min at 3 significant figures.
    #[expect(
        clippy::expect_used,
        reason = "constant bounds within what hdrhistogram accepts (low >= 1, high >= 2 * low, at most 5 significant figures): it cannot fail"
    )]
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid histogram bounds")
}

/// The `i`th of `items`, going round them again after the last; `None` when there are none.
pub fn cycled<T: Copy>(items: &[T], i: usize) -> Option<T> {
    items.get(i.checked_rem(items.len())?).copied()
}

/// The figures of one kind of request.
struct Tally {
    hist: Histogram<u64>,
    requests: u64,
    errors: u64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            hist: histogram(),
            requests: 0,
            errors: 0,
        }
    }
}

struct Worker {
    /// One per kind of request.
    kinds: Vec<Tally>,
    first_error: Option<String>,
}

/// Runs `planned` requests, `concurrency` at a time, each made by `request(i)` for
/// `i` in `0..planned`, and stops issuing new ones once `max` has passed. `kinds` names the
/// kinds of request `request` reports; with more than one, the outcome has a part per kind.
pub async fn run<F, Fut>(
    name: &str,
    kinds: &[&str],
    planned: usize,
    concurrency: usize,
    max: Duration,
    request: F,
) -> Outcome
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Step> + Send + 'static,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + max;
    let kind_count = kinds.len().max(1);
    let workers = concurrency.clamp(1, planned.max(1));
    let mut handles = Vec::with_capacity(workers);
    for _ in 0..workers {
        let request = request.clone();
        let next = next.clone();
        handles.push(tokio::spawn(async move {
            let mut w = Worker {
                kinds: (0..kind_count).map(|_| Tally::new()).collect(),
                first_error: None,
            };
            loop {
                if Instant::now() >= deadline {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= planned {
                    break;
                }
                let t = Instant::now();
                let (kind, result) = request(i).await;
                let micros = u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX);
                if let Some(tally) = w.kinds.get_mut(kind.min(kind_count - 1)) {
                    tally.hist.saturating_record(micros.max(1));
                    tally.requests += 1;
                    tally.errors += u64::from(result.is_err());
                }
                if let Err(err) = result {
                    w.first_error.get_or_insert(err);
                }
            }
            w
        }));
    }
    let mut tallies: Vec<Tally> = (0..kind_count).map(|_| Tally::new()).collect();
    let mut first_error = None;
    for handle in handles {
        match handle.await {
            Ok(w) => {
                for (tally, part) in tallies.iter_mut().zip(&w.kinds) {
                    // Same bounds on both sides: adding cannot fail.
                    let _ = tally.hist.add(&part.hist);
                    tally.requests += part.requests;
                    tally.errors += part.errors;
                }
                if first_error.is_none() {
                    first_error = w.first_error;
                }
            }
            Err(err) => {
                if let Some(tally) = tallies.first_mut() {
                    tally.errors += 1;
                }
                first_error.get_or_insert(format!("a load worker failed: {err}"));
            }
        }
    }
    let elapsed = started.elapsed();
    let mut total = histogram();
    for tally in &tallies {
        let _ = total.add(&tally.hist);
    }
    let parts = if kinds.len() > 1 {
        kinds
            .iter()
            .zip(&tallies)
            .map(|(kind, tally)| Outcome {
                name: format!("{name}: {kind}"),
                planned: 0,
                requests: tally.requests,
                errors: tally.errors,
                elapsed,
                hist: tally.hist.clone(),
                first_error: None,
                parts: Vec::new(),
                note: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Outcome {
        name: name.to_owned(),
        planned,
        requests: tallies.iter().map(|t| t.requests).sum(),
        errors: tallies.iter().map(|t| t.errors).sum(),
        elapsed,
        hist: total,
        first_error,
        parts,
        note: None,
    }
}
