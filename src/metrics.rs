//! Prometheus metrics: request counts and latency histograms by operation and status.
//!
//! Written by hand on purpose. `/metrics` is declared as `text/plain; version=0.0.4`, the
//! classic Prometheus text format, in which `recourse_http_requests_total` is typed under
//! its own name. `prometheus-client` writes only OpenMetrics text: its `# TYPE` line names the
//! counter without `_total`, and it ends with `# EOF`, so serving it would take a change of
//! media type (and of the spec). `metrics-exporter-prometheus` writes the classic format, but
//! through a global recorder, and its histograms keep every raw sample until a background
//! upkeep task drains them, where this keeps twelve counts per series; with `metrics`,
//! `metrics-util`, `evmap` and `quanta` it would be more code to run than it replaces.

use std::{
    collections::BTreeMap,
    fmt::Write,
    sync::Mutex,
    time::{Duration, Instant},
};

use poem::{Endpoint, IntoResponse, Middleware, Request, Response};
use poem_openapi::OperationId;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum_seconds: f64,
    /// Per-bucket counts (not cumulative; summed when rendered).
    buckets: [u64; BUCKETS.len()],
}

/// Counters keyed by (operation, method, status).
#[derive(Debug, Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    pub fn observe(&self, operation: &str, method: &str, status: u16, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let mut series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let s = series
            .entry((operation.to_owned(), method.to_owned(), status))
            .or_default();
        s.count += 1;
        s.sum_seconds += seconds;
        if let Some(count) = BUCKETS
            .iter()
            .position(|b| seconds <= *b)
            .and_then(|i| s.buckets.get_mut(i))
        {
            *count += 1;
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let series = self
            .series
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let mut out = String::new();
        out.push_str(
            "# HELP recourse_http_requests_total HTTP requests by operation, method and status.\n",
        );
        out.push_str("# TYPE recourse_http_requests_total counter\n");
        for ((op, method, status), s) in &series {
            let _ = writeln!(
                out,
                "recourse_http_requests_total{{operation=\"{op}\",method=\"{method}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP recourse_http_request_duration_seconds HTTP request latency by operation.\n",
        );
        out.push_str("# TYPE recourse_http_request_duration_seconds histogram\n");
        for ((op, method, status), s) in &series {
            let labels = format!("operation=\"{op}\",method=\"{method}\",status=\"{status}\"");
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(s.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "recourse_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "recourse_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "recourse_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_seconds
            );
            let _ = writeln!(
                out,
                "recourse_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

/// Records every request's latency under the poem-openapi operation id that served it
/// (`unmatched` for paths outside the API), and logs one line per request without headers,
/// so tokens never reach the log.
#[derive(Debug, Clone)]
pub struct RecordMetrics(pub std::sync::Arc<Metrics>);

impl<E: Endpoint> Middleware<E> for RecordMetrics {
    type Output = RecordMetricsEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        RecordMetricsEndpoint {
            inner,
            metrics: self.0.clone(),
        }
    }
}

#[derive(Debug)]
pub struct RecordMetricsEndpoint<E> {
    inner: E,
    metrics: std::sync::Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for RecordMetricsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let started = Instant::now();
        let method = req.method().to_string();
        let (operation, status, result) = match self.inner.call(req).await {
            Ok(out) => {
                let resp = out.into_response();
                let op = resp
                    .data::<OperationId>()
                    .map(|o| o.0)
                    .unwrap_or("unmatched");
                (op, resp.status().as_u16(), Ok(resp))
            }
            Err(err) => {
                let op = err
                    .data::<OperationId>()
                    .map(|o| o.0)
                    .unwrap_or("unmatched");
                (op, err.status().as_u16(), Err(err))
            }
        };
        let elapsed = started.elapsed();
        self.metrics.observe(operation, &method, status, elapsed);
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        tracing::info!(operation, %method, status, micros, "request");
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_counted() {
        let m = Metrics::default();
        m.observe("get_complaint", "GET", 200, Duration::from_micros(800));
        m.observe("get_complaint", "GET", 200, Duration::from_millis(30));
        let text = m.render();
        assert!(text.contains(
            "recourse_http_requests_total{operation=\"get_complaint\",method=\"GET\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.001\"} 1"), "{text}");
        assert!(text.contains("le=\"0.05\"} 2"), "{text}");
        assert!(text.contains("le=\"+Inf\"} 2"), "{text}");
    }
}
