//! `recourse-bench`: a load benchmark of the real `recourse serve` binary over HTTP, beside a
//! raw-SQL baseline of the same writes and reads on the same engine and durability, so that the
//! cost of the service itself (HTTP, JSON, auth, the ORM, the audit chain) can be told apart
//! from the cost of the database.
//!
//! ```sh
//! cargo run --release --bin recourse-bench -- --db sqlite
//! cargo run --release --bin recourse-bench -- --db postgres --pg-url postgres://postgres@127.0.0.1:5432/postgres
//! ```

mod load;
mod raw;
mod report;
mod scenarios;
mod server;

use std::{path::PathBuf, process::ExitCode, sync::Arc, time::Duration};

use anyhow::Context;
use clap::{Parser, ValueEnum};

/// Load benchmark for Recourse: starts `recourse serve` on a fresh database and drives it.
#[derive(Parser, Debug)]
#[command(name = "recourse-bench")]
pub struct Args {
    /// The engine: a fresh SQLite file in a temporary directory, or a fresh PostgreSQL database.
    #[arg(long, value_enum, default_value = "sqlite")]
    pub db: Engine,
    /// PostgreSQL server on which the bench creates (and at the end drops) its databases.
    #[arg(
        long,
        env = "BENCH_PG_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres",
        hide_env_values = true
    )]
    pub pg_url: String,
    /// Requests per scenario (for `reports`: see --report-requests).
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Time bound of each scenario (and of each preparation step): no request is issued after it.
    #[arg(long, default_value_t = 60)]
    pub max_seconds: u64,
    /// Scenarios to run, comma-separated; they always run in the order listed here.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "create,get,list_first,list_deep,action,reports,mixed,import"
    )]
    pub scenarios: Vec<Scenario>,
    /// Fill the database with `recourse seed --demo --complaints N --seed 7` before serving.
    #[arg(long, default_value_t = 0)]
    pub seed_complaints: u32,
    /// Run against this existing SQLite database (say one seeded once with `recourse seed
    /// --demo --complaints 1000000 --due 10000`) instead of a fresh one. The benchmark writes
    /// into it: pass a copy if it must stay as it is.
    #[arg(long, conflicts_with = "seed_complaints")]
    pub sqlite_file: Option<PathBuf>,
    /// Run against this existing database on the `--pg-url` server (say one seeded once with
    /// `DATABASE_URL=postgres://…/NAME recourse seed --demo --complaints 1000000`) instead of a
    /// fresh one. It is written into and kept.
    #[arg(long, conflicts_with_all = ["seed_complaints", "sqlite_file"])]
    pub pg_database: Option<String>,
    /// With --seed-complaints: make this many of the seeded complaints due for a deadline
    /// check, and time one `recourse sweep --once` over them after the HTTP scenarios (with
    /// --sqlite-file or --pg-database: time the sweep over whatever is due in it).
    #[arg(long, default_value_t = 0)]
    pub sweep_due: u32,
    /// The `recourse` binary (default: the one beside this benchmark's binary).
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    /// Also write the results as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Cases per request in the `import` scenario (the API takes up to 500); its requests
    /// are `--requests` divided by this, so that it imports about `--requests` cases.
    #[arg(long, default_value_t = 500)]
    pub import_batch: usize,
    /// Requests per report in the `reports` scenario, one at a time.
    #[arg(long, default_value_t = 5)]
    pub report_requests: usize,
    /// Pages followed before `list_deep` times its cursor.
    #[arg(long, default_value_t = 10)]
    pub list_depth: usize,
    /// Page size (`limit`) of the list scenarios.
    #[arg(long, default_value_t = 50)]
    pub page_size: u32,
    /// Database connections, of the server and of the raw baseline alike.
    #[arg(long, default_value_t = 16)]
    pub db_pool_size: u32,
    /// Skip the raw-SQL baseline.
    #[arg(long)]
    pub no_raw: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scenario {
    #[value(name = "create")]
    Create,
    #[value(name = "get")]
    Get,
    #[value(name = "list_first")]
    ListFirst,
    #[value(name = "list_deep")]
    ListDeep,
    #[value(name = "action")]
    Action,
    #[value(name = "reports")]
    Reports,
    #[value(name = "mixed")]
    Mixed,
    /// Historical cases imported in batches (`POST /v1/imports/complaints/batch`).
    #[value(name = "import")]
    Import,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("recourse-bench: some requests failed (see the errors column and notes)");
            ExitCode::from(1)
        }
        Err(err) => {
            eprintln!("recourse-bench: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs everything; `Ok(false)` when any request failed. The databases made for the run are
/// removed whatever happens.
async fn run(args: Args) -> anyhow::Result<bool> {
    recourse::install_tls_provider();
    anyhow::ensure!(args.requests > 0, "--requests must be at least 1");
    anyhow::ensure!(args.concurrency > 0, "--concurrency must be at least 1");
    anyhow::ensure!(
        args.sqlite_file.is_none() || args.db == Engine::Sqlite,
        "--sqlite-file goes with --db sqlite"
    );
    anyhow::ensure!(
        args.pg_database.is_none() || args.db == Engine::Postgres,
        "--pg-database goes with --db postgres"
    );
    anyhow::ensure!(
        (1..=200).contains(&args.page_size),
        "--page-size must be 1..200"
    );
    let server_bin = match &args.server_bin {
        Some(path) => path.clone(),
        None => std::env::current_exe()
            .context("locating this binary")?
            .parent()
            .context("this binary has no directory")?
            .join("recourse"),
    };
    anyhow::ensure!(
        server_bin.is_file(),
        "no server binary at {} (build it: cargo build --release --bin recourse, or pass --server-bin)",
        server_bin.display()
    );
    let work = server::WorkDir::create()?;
    let dbs = server::Databases::create(&args, &work).await?;
    let result = bench(&args, &server_bin, &work, &dbs).await;
    if let Err(err) = dbs.drop_all().await {
        eprintln!("recourse-bench: could not drop the benchmark databases: {err:#}");
    }
    let results = result?;
    report::print(&results)?;
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report::json(&results))?)
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("recourse-bench: wrote {}", path.display());
    }
    Ok(results.errors() == 0)
}

async fn bench(
    args: &Args,
    server_bin: &std::path::Path,
    work: &server::WorkDir,
    dbs: &server::Databases,
) -> anyhow::Result<report::Results> {
    let max = Duration::from_secs(args.max_seconds);
    let mut notes = Vec::new();
    notes.push(format!("load average at start: {}", server::load_average()));
    let env = server::ChildEnv::new(work, &dbs.api_url, args.db_pool_size);

    let mut seed_seconds = None;
    if args.seed_complaints > 0 {
        eprintln!(
            "==> seeding {} demo complaints (recourse seed --demo --seed 7)",
            args.seed_complaints
        );
        let took = server::seed(server_bin, &env, args.seed_complaints, args.sweep_due)?;
        seed_seconds = Some(took.as_secs_f64());
    }
    let stored_at_start = server::count_complaints(&dbs.api_url).await?;

    // The cold start is measured on an empty database, so with seeded data it takes a
    // throwaway server on a database of its own.
    let cold_start = match &dbs.cold_url {
        Some(url) => {
            let cold_env = server::ChildEnv::new(work, url, args.db_pool_size);
            let cold = server::Server::start(server_bin, &cold_env, work, "cold").await?;
            let took = cold.started_in;
            drop(cold);
            took
        }
        None => Duration::ZERO,
    };
    eprintln!("==> starting {}", server_bin.display());
    let server = server::Server::start(server_bin, &env, work, "server").await?;
    let cold_start = if dbs.cold_url.is_some() {
        notes.push(format!(
            "server start on the seeded database: {} ms",
            server.started_in.as_millis()
        ));
        cold_start
    } else {
        server.started_in
    };

    let tokens = server::Tokens::mint(server_bin, &env)?;
    let api = Arc::new(scenarios::Api::new(server.base.clone(), tokens)?);
    api.setup_teams().await?;

    let plan = scenarios::Plan {
        requests: args.requests,
        concurrency: args.concurrency,
        max,
        report_requests: args.report_requests,
        import_batch: args.import_batch,
        list_depth: args.list_depth,
        page_size: args.page_size,
    };
    let mut selected = args.scenarios.clone();
    selected.sort();
    selected.dedup();
    let outcomes = scenarios::run_all(&api, &plan, &selected, &mut notes).await?;

    let peak_rss_kib = server.peak_rss_kib();
    if let Some((anon, file)) = server.rss_now_kib() {
        notes.push(format!(
            "server RSS after the runs: {:.1} MiB own memory (RssAnon), {:.1} MiB mapped database file (RssFile)",
            report::mib(anon),
            report::mib(file)
        ));
    }
    drop(server);
    notes.push(format!(
        "load average at the end of the API runs: {}",
        server::load_average()
    ));

    let sweep = if args.sweep_due > 0
        && (args.seed_complaints > 0 || args.sqlite_file.is_some() || args.pg_database.is_some())
    {
        eprintln!("==> one deadline sweep over the due timers (recourse sweep --once)");
        let (took, said) = server::sweep(server_bin, &env)?;
        notes.push(format!(
            "deadline sweeper pass ({} complaints made due): {said} in {} ms, process start included",
            args.sweep_due,
            took.as_millis()
        ));
        Some((took, said))
    } else {
        None
    };
    let stored_at_end = server::count_complaints(&dbs.api_url).await?;
    let raw = if args.no_raw
        || !(selected.contains(&Scenario::Create) || selected.contains(&Scenario::Get))
    {
        Vec::new()
    } else {
        raw::run(
            &dbs.raw_url,
            args.db_pool_size,
            args.requests,
            args.concurrency,
            max,
        )
        .await?
    };
    let engine = server::describe_engine(args.db, &dbs.raw_url, &dbs.api_url).await;
    Ok(report::Results {
        engine,
        concurrency: args.concurrency,
        requests: args.requests,
        max_seconds: args.max_seconds,
        stored_at_start,
        stored_at_end,
        seed_seconds,
        outcomes,
        raw,
        peak_rss_kib,
        cold_start,
        sweep,
        notes,
    })
}
