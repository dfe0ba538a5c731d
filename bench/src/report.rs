//! The results as a markdown table (stdout) and as JSON (`--json`).

use std::{io::Write, time::Duration};

use serde_json::{Value, json};

use crate::load::Outcome;

#[derive(Debug)]
pub struct Results {
    pub engine: String,
    pub concurrency: usize,
    pub requests: usize,
    pub max_seconds: u64,
    pub stored_at_start: u64,
    pub stored_at_end: u64,
    pub seed_seconds: Option<f64>,
    pub outcomes: Vec<Outcome>,
    pub raw: Vec<Outcome>,
    pub peak_rss_kib: Option<u64>,
    pub cold_start: Duration,
    /// One deadline sweep: its wall time and what it printed.
    pub sweep: Option<(Duration, String)>,
    pub notes: Vec<String>,
}

impl Results {
    pub fn errors(&self) -> u64 {
        self.outcomes
            .iter()
            .chain(&self.raw)
            .map(|o| o.errors)
            .sum()
    }

    fn find(&self, name: &str) -> Option<&Outcome> {
        self.outcomes
            .iter()
            .chain(&self.raw)
            .find(|o| o.name == name)
    }

    /// API throughput over raw throughput, for create and for get.
    fn ratios(&self) -> Vec<(&'static str, f64, f64)> {
        [("create", "raw_create"), ("get", "raw_get")]
            .into_iter()
            .filter_map(|(api, raw)| {
                let (a, r) = (self.find(api)?, self.find(raw)?);
                (r.throughput() > 0.0).then(|| (api, a.throughput(), r.throughput()))
            })
            .collect()
    }

    fn header(&self) -> String {
        format!(
            "engine: {} · concurrency {} · stored complaints: {} at start, {} at end · {} requests per scenario, each bounded to {} s",
            self.engine,
            self.concurrency,
            self.stored_at_start,
            self.stored_at_end,
            self.requests,
            self.max_seconds
        )
    }

    fn remarks(&self) -> Vec<String> {
        let mut out = self.notes.clone();
        for o in self.outcomes.iter().chain(&self.raw) {
            if let Some(note) = &o.note {
                out.push(note.clone());
            }
            if o.stopped_early() {
                out.push(format!(
                    "{}: stopped by the {} s bound after {} of {} requests",
                    o.name, self.max_seconds, o.requests, o.planned
                ));
            }
            if let Some(err) = &o.first_error {
                out.push(format!("{}: first error: {err}", o.name));
            }
        }
        if let Some(secs) = self.seed_seconds {
            out.push(format!(
                "seeded {} demo complaints in {secs:.1} s",
                self.stored_at_start
            ));
        }
        out
    }
}

fn row(o: &Outcome) -> String {
    let requests = if o.stopped_early() {
        format!("{} of {}", o.requests, o.planned)
    } else {
        o.requests.to_string()
    };
    format!(
        "| {} | {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {:.2} |",
        o.name,
        requests,
        o.errors,
        o.throughput(),
        o.quantile_ms(0.50),
        o.quantile_ms(0.95),
        o.quantile_ms(0.99),
        o.max_ms()
    )
}

pub fn print(r: &Results) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out)?;
    writeln!(out, "{}", r.header())?;
    writeln!(out)?;
    writeln!(
        out,
        "| scenario | requests | errors | throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|")?;
    for o in r.outcomes.iter().chain(&r.raw) {
        writeln!(out, "{}", row(o))?;
        for part in &o.parts {
            writeln!(out, "{}", row(part))?;
        }
    }
    writeln!(out)?;
    for (name, api, raw) in r.ratios() {
        writeln!(
            out,
            "API/raw throughput, {name}: {:.2} ({api:.1} req/s through the API, {raw:.1} raw)",
            api / raw
        )?;
    }
    match r.peak_rss_kib {
        Some(kib) => writeln!(out, "server peak RSS (VmHWM): {:.1} MiB", mib(kib))?,
        None => writeln!(out, "server peak RSS (VmHWM): unknown")?,
    }
    writeln!(
        out,
        "server cold start (spawn to first 200 from /healthz, empty database, migrations included): {} ms",
        r.cold_start.as_millis()
    )?;
    let remarks = r.remarks();
    if !remarks.is_empty() {
        writeln!(out)?;
        for remark in remarks {
            writeln!(out, "- {remark}")?;
        }
    }
    Ok(())
}

fn outcome_json(o: &Outcome) -> Value {
    json!({
        "scenario": o.name,
        "planned": o.planned,
        "requests": o.requests,
        "errors": o.errors,
        "seconds": o.elapsed.as_secs_f64(),
        "throughput_rps": o.throughput(),
        "p50_ms": o.quantile_ms(0.50),
        "p95_ms": o.quantile_ms(0.95),
        "p99_ms": o.quantile_ms(0.99),
        "max_ms": o.max_ms(),
        "first_error": o.first_error,
        "note": o.note,
        "parts": o.parts.iter().map(outcome_json).collect::<Vec<_>>(),
    })
}

pub fn json(r: &Results) -> Value {
    json!({
        "header": r.header(),
        "engine": r.engine,
        "concurrency": r.concurrency,
        "requests_per_scenario": r.requests,
        "max_seconds": r.max_seconds,
        "stored_complaints_at_start": r.stored_at_start,
        "stored_complaints_at_end": r.stored_at_end,
        "scenarios": r.outcomes.iter().map(outcome_json).collect::<Vec<_>>(),
        "raw": r.raw.iter().map(outcome_json).collect::<Vec<_>>(),
        "api_raw_throughput_ratio": r.ratios().into_iter()
            .map(|(name, api, raw)| (name.to_owned(), json!({"ratio": api / raw, "api_rps": api, "raw_rps": raw})))
            .collect::<serde_json::Map<_, _>>(),
        "server_peak_rss_kib": r.peak_rss_kib,
        "server_cold_start_ms": r.cold_start.as_secs_f64() * 1000.0,
        "seed_seconds": r.seed_seconds,
        "sweep": r.sweep.as_ref().map(|(took, said)| json!({"ms": took.as_secs_f64() * 1000.0, "result": said})),
        "errors": r.errors(),
        "notes": r.remarks(),
    })
}

/// KiB as MiB, for display.
#[expect(
    clippy::as_conversions,
    reason = "a memory size for display: KiB counts are exact in f64 below 2^53"
)]
pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
