//! The commands behind `recourse <command>`.

use std::io::Write;

use anyhow::Context;
use recourse::{
    api,
    auth::{Claims, Principal, Signer, is_team_key},
    build_app, build_state,
    cli::{Cli, Command, TokenArgs},
    config::{Config, KeySource},
    db::Db,
    domain::access::rbac::Role,
    prepare_database,
    state::Clock,
};
use tracing_subscriber::EnvFilter;

fn init_tracing() {
    init_tracing_with("info,sqlx=warn,sea_orm=warn");
}

/// Logging with `default` as the filter unless `RUST_LOG` says otherwise.
fn init_tracing_with(default: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // Colour codes only for a person at a terminal, never in a file or a log collector.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve);
    if let Command::Openapi = command {
        let mut out = std::io::stdout().lock();
        out.write_all(api::spec_json().as_bytes())?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    if let Command::Errors = command {
        std::io::stdout()
            .lock()
            .write_all(recourse::error::ErrorCode::table_markdown().as_bytes())?;
        return Ok(());
    }
    let config = cli.settings.into_config()?;
    match command {
        Command::Token(args) => token(&config, args),
        Command::Migrate => {
            init_tracing();
            let db = connect(&config).await?;
            prepare_database(&db, &Clock::System)
                .await
                .context("applying migrations")?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Sweep { once } => {
            init_tracing();
            let db = connect(&config).await?;
            prepare_database(&db, &Clock::System)
                .await
                .context("applying migrations")?;
            let interval = config.sweep_interval.max(std::time::Duration::from_secs(1));
            let state = build_state(config, db, Clock::System)?;
            if once {
                let report = recourse::service::jobs::sweeper::sweep_once(&state, u32::MAX).await?;
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "checked {} timers: {} warnings, {} breaches, {} missed targets, {} lapsed windows",
                    report.timers_checked,
                    report.warnings,
                    report.breaches,
                    report.missed,
                    report.lapsed
                )?;
            } else {
                recourse::service::jobs::sweeper::run(state, interval, stop_on_signal()).await;
            }
            Ok(())
        }
        Command::Seed {
            demo,
            complaints,
            seed,
            templates,
            spread_weeks,
            due,
        } => {
            // Demo history passes thousands of deadlines: the sweeper's line for each would
            // bury the summary the command prints.
            init_tracing_with("warn,sqlx=warn,sea_orm=warn,recourse::service::jobs::sweeper=error");
            anyhow::ensure!(demo, "say --demo: demo data is the only seeding there is");
            // Demo data can be made again from its seed: commits need not wait for the disk.
            let db = Db::connect_with(
                config.database_url.expose(),
                config.db_pool_size,
                None,
                recourse::db::SqliteSynchronous::Normal,
            )
            .await?;
            prepare_database(&db, &Clock::System)
                .await
                .context("applying migrations")?;
            let until = chrono::Utc::now();
            let clock = Clock::Fixed(std::sync::Arc::new(std::sync::Mutex::new(until)));
            let state = build_state(config, db, clock)?;
            let started = std::time::Instant::now();
            let direct = complaints.min(templates.max(1));
            let r = recourse::seed::seed(&state, direct, seed, until).await?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{} demo complaints ({} answered, {} closed, {} classified, {} surveys answered) in {:.1} s",
                r.complaints,
                r.responded,
                r.closed,
                r.classified,
                r.surveys_answered,
                started.elapsed().as_secs_f64()
            )?;
            if complaints > direct {
                let started = std::time::Instant::now();
                let plan = recourse::seed::copies::CopyPlan {
                    copies: complaints - direct,
                    spread_weeks,
                    due,
                    first_customer: direct,
                };
                let n = recourse::seed::copies::copy(&state, plan, seed, until).await?;
                writeln!(
                    out,
                    "{n} copies of them ({due} with a timer due) in {:.1} s",
                    started.elapsed().as_secs_f64()
                )?;
            }
            let started = std::time::Instant::now();
            if state.db.refresh_statistics().await? {
                writeln!(
                    out,
                    "planner statistics refreshed (VACUUM ANALYZE) in {:.1} s",
                    started.elapsed().as_secs_f64()
                )?;
            }
            Ok(())
        }
        Command::Recurrence { once } => {
            init_tracing();
            let db = connect(&config).await?;
            prepare_database(&db, &Clock::System)
                .await
                .context("applying migrations")?;
            let interval = config
                .recurrence_interval
                .max(std::time::Duration::from_secs(1));
            let state = build_state(config, db, Clock::System)?;
            if once {
                let o = recourse::service::improvement::recurrence::run_all(&state).await?;
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "{} rule hits: {} items opened, {} reopened, {} complaints linked as evidence",
                    o.hits, o.items_created, o.items_reopened, o.evidence_added
                )?;
            } else {
                recourse::service::improvement::recurrence::run(state, interval, stop_on_signal())
                    .await;
            }
            Ok(())
        }
        Command::Serve | Command::Openapi | Command::Errors => {
            init_tracing();
            serve(config).await
        }
    }
}

async fn connect(config: &Config) -> anyhow::Result<Db> {
    Db::connect(config.database_url.expose(), config.db_pool_size, None)
        .await
        .context("connecting to the database")
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let db = connect(&config).await?;
    prepare_database(&db, &Clock::System)
        .await
        .context("applying migrations")?;
    let bind = config.bind.clone();
    if let KeySource::SecretFile(path) = &config.jwt.key {
        tracing::info!(
            secret_file = %path.display(),
            "tokens are signed with the shared secret in this file; mint one with: \
             recourse token --sub alice --name Alice --role agent --team north"
        );
    }
    let backend = format!("{:?}", db.backend());
    let sweep_interval = config.sweep_interval;
    let recurrence_interval = config.recurrence_interval;
    let deliver_webhooks = !config.webhooks.poll_interval.is_zero();
    let grace = config.shutdown_timeout;
    let limits = config.connections.clone();
    let state = build_state(config, db, Clock::System)?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    if !sweep_interval.is_zero() {
        workers.push(tokio::spawn(recourse::service::jobs::sweeper::run(
            state.clone(),
            sweep_interval,
            stopped.clone(),
        )));
    }
    if !recurrence_interval.is_zero() {
        workers.push(tokio::spawn(
            recourse::service::improvement::recurrence::run(
                state.clone(),
                recurrence_interval,
                stopped.clone(),
            ),
        ));
    }
    // Always on: expired keys are purged at start and then periodically.
    workers.push(tokio::spawn(recourse::service::cases::idempotency::run(
        state.clone(),
        stopped.clone(),
    )));
    if deliver_webhooks {
        workers.push(tokio::spawn(recourse::service::integration::delivery::run(
            state.clone(),
            stopped,
        )));
    }
    let app = build_app(state.clone());
    let listener = tokio::net::TcpListener::bind(&bind)
        .await
        .with_context(|| format!("listening on {bind}"))?;
    let bound = listener.local_addr().context("listening")?;
    tracing::info!(bind = %bound, database = %backend, "Recourse listening; API docs at /docs");
    // On SIGTERM or Ctrl-C the listener closes at once and in-flight requests get `grace` to
    // finish; then the background loops get another `grace` to finish their pass (webhook
    // delivery makes one more), and the database is closed.
    recourse::http::server::serve(listener, app, &limits, shutdown_requested(), grace)
        .await
        .context("serving")?;
    tracing::info!("no longer serving; finishing background work");
    let _ = stop.send(true);
    let finished = futures::future::join_all(workers);
    if tokio::time::timeout(grace, finished).await.is_err() {
        tracing::warn!(
            grace_seconds = grace.as_secs(),
            "background work did not finish in time; its open transactions roll back"
        );
    }
    // A connection still held by a stuck transaction must not keep the process up.
    match tokio::time::timeout(grace, state.db.conn.close_by_ref()).await {
        Ok(closed) => closed.context("closing the database")?,
        Err(_) => tracing::warn!("the database did not close in time"),
    }
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM (how service managers and orchestrators stop a process) or Ctrl-C.
async fn shutdown_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM; Ctrl-C only");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    tracing::info!("shutdown requested");
}

/// A stop signal raised by SIGTERM or Ctrl-C, for the commands that loop on their own.
fn stop_on_signal() -> recourse::service::Stop {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_requested().await;
        let _ = stop.send(true);
    });
    stopped
}

fn token(config: &Config, args: TokenArgs) -> anyhow::Result<()> {
    for role in &args.roles {
        anyhow::ensure!(Role::parse(role).is_some(), "unknown role {role:?}");
    }
    let signer = Signer::from_config(&config.jwt)?;
    let now = chrono::Utc::now().timestamp();
    let ttl = i64::try_from(args.ttl.as_secs()).context("ttl too long")?;
    let claims = Claims {
        name: Some(args.name.unwrap_or_else(|| args.sub.clone())),
        sub: args.sub,
        roles: args.roles,
        team: args.team,
        exp: now + ttl,
        iat: Some(now),
        nbf: Some(now),
        iss: None,
        aud: None,
    };
    if let Some(team) = &claims.team
        && !is_team_key(team)
    {
        anyhow::bail!(
            "--team {team:?} is not a team key the server accepts: lower-case letters, digits, \
             `_` and `-`, 1 to 64 long, starting with a letter or digit (e.g. `north`)"
        );
    }
    // The server's own reading of the claims: a token it would refuse (a team key such as
    // `North`, a control character in the name) is not minted at all.
    if let Err(err) = Principal::from_claims(claims.clone()) {
        anyhow::bail!("the server would refuse this token: {}", err.detail);
    }
    let token = signer.sign(claims)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{token}")?;
    Ok(())
}
