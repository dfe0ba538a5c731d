//! The server under test as a child process, its databases, and its tokens: the benchmark
//! measures the binary that is deployed, started the way an operator starts it.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use anyhow::{Context, bail};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

use crate::{Args, Engine};

/// A temporary directory for the SQLite files, the signing secret and the server's log,
/// removed on drop.
#[derive(Debug)]
pub struct WorkDir {
    pub path: PathBuf,
}

impl WorkDir {
    pub fn create() -> anyhow::Result<WorkDir> {
        let path = std::env::temp_dir().join(format!(
            "recourse-bench-{}-{}",
            std::process::id(),
            unix_nanos()
        ));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(WorkDir { path })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// The databases of one run: the API's, the raw baseline's, and (with seeded data) an empty one
/// for the cold start. On PostgreSQL they are created on the `--pg-url` server and dropped by
/// [`Databases::drop_all`].
#[derive(Debug)]
pub struct Databases {
    pub api_url: String,
    pub raw_url: String,
    pub cold_url: Option<String>,
    postgres: Option<(String, Vec<String>)>,
}

impl Databases {
    pub async fn create(args: &Args, work: &WorkDir) -> anyhow::Result<Databases> {
        let seeded =
            args.seed_complaints > 0 || args.sqlite_file.is_some() || args.pg_database.is_some();
        match args.db {
            Engine::Sqlite => {
                let url =
                    |name: &str| format!("sqlite://{}/{name}.db?mode=rwc", work.path.display());
                let api_url = match &args.sqlite_file {
                    Some(path) => {
                        anyhow::ensure!(path.is_file(), "no database at {}", path.display());
                        format!("sqlite://{}?mode=rwc", path.display())
                    }
                    None => url("recourse"),
                };
                Ok(Databases {
                    api_url,
                    raw_url: url("raw"),
                    cold_url: seeded.then(|| url("cold")),
                    postgres: None,
                })
            }
            Engine::Postgres => {
                let base = format!(
                    "recourse_bench_{}_{}",
                    std::process::id(),
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or_default()
                );
                let mut names = vec![format!("{base}_raw")];
                if seeded {
                    names.push(format!("{base}_cold"));
                }
                // An existing database is used as it is and kept; the others are made here.
                let api_name = match &args.pg_database {
                    Some(name) => name.clone(),
                    None => {
                        names.insert(0, base.clone());
                        base.clone()
                    }
                };
                let admin = admin_connection(&args.pg_url).await?;
                let mut created = Vec::new();
                for name in &names {
                    if let Err(err) = admin
                        .execute_unprepared(&format!("CREATE DATABASE {name}"))
                        .await
                    {
                        drop_databases(&admin, &created).await;
                        return Err(err).context(format!("CREATE DATABASE {name}"));
                    }
                    created.push(name.clone());
                }
                let _ = admin.close().await;
                let url = |name: &str| database_url(&args.pg_url, name);
                let raw = format!("{base}_raw");
                Ok(Databases {
                    api_url: url(&api_name)?,
                    raw_url: url(&raw)?,
                    cold_url: if seeded {
                        Some(url(&format!("{base}_cold"))?)
                    } else {
                        None
                    },
                    postgres: Some((args.pg_url.clone(), names)),
                })
            }
        }
    }

    pub async fn drop_all(&self) -> anyhow::Result<()> {
        if let Some((admin_url, names)) = &self.postgres {
            let admin = admin_connection(admin_url).await?;
            drop_databases(&admin, names).await;
            let _ = admin.close().await;
        }
        Ok(())
    }
}

async fn admin_connection(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .context("connecting to PostgreSQL (--pg-url or BENCH_PG_URL)")
}

async fn drop_databases(admin: &DatabaseConnection, names: &[String]) {
    for name in names {
        // FORCE: a killed server's sessions may not have ended yet.
        if let Err(err) = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await
        {
            eprintln!("recourse-bench: DROP DATABASE {name}: {err}");
        }
    }
}

/// `url` with its database name replaced by `name`.
fn database_url(url: &str, name: &str) -> anyhow::Result<String> {
    let mut parsed = reqwest::Url::parse(url).context("--pg-url is not a URL")?;
    parsed.set_path(&format!("/{name}"));
    Ok(parsed.to_string())
}

/// The environment shared by `seed`, `token` and `serve`, so that all three use one database
/// and one signing secret. The background jobs are off: only requests are measured.
#[derive(Debug, Clone)]
pub struct ChildEnv {
    vars: Vec<(&'static str, String)>,
}

impl ChildEnv {
    pub fn new(work: &WorkDir, database_url: &str, pool_size: u32) -> ChildEnv {
        ChildEnv {
            vars: vec![
                ("DATABASE_URL", database_url.to_owned()),
                (
                    "RECOURSE_JWT_SECRET_FILE",
                    work.path.join("secret").display().to_string(),
                ),
                ("RECOURSE_SWEEP_INTERVAL", "0s".into()),
                ("RECOURSE_RECURRENCE_INTERVAL", "0s".into()),
                ("RECOURSE_WEBHOOK_POLL", "0s".into()),
                // The benchmark's clients share one caller's token: the per-caller limit
                // would measure itself.
                ("RECOURSE_RATE_LIMIT_PER_SECOND", "0".into()),
                ("RECOURSE_DB_POOL_SIZE", pool_size.to_string()),
                ("RUST_LOG", "warn".into()),
                ("NO_COLOR", "1".into()),
            ],
        }
    }

    fn command(&self, bin: &Path) -> Command {
        let mut cmd = Command::new(bin);
        // Settings from the caller's environment would make the children disagree with the
        // secret file above or with each other.
        for name in [
            "RECOURSE_JWT_SECRET",
            "RECOURSE_JWT_ALGORITHM",
            "RECOURSE_JWT_PUBLIC_KEY_FILE",
            "RECOURSE_JWT_JWKS_FILE",
            "RECOURSE_JWT_PRIVATE_KEY_FILE",
            "RECOURSE_JWT_ISSUER",
            "RECOURSE_JWT_AUDIENCE",
            "RECOURSE_BIND",
        ] {
            cmd.env_remove(name);
        }
        for (name, value) in &self.vars {
            cmd.env(name, value);
        }
        cmd.stdin(Stdio::null());
        cmd
    }
}

/// Runs `recourse seed --demo`, with `due` copies made due for a deadline check; answers its
/// wall time.
pub fn seed(bin: &Path, env: &ChildEnv, complaints: u32, due: u32) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let out = env
        .command(bin)
        .args(["seed", "--demo", "--complaints"])
        .arg(complaints.to_string())
        .args(["--seed", "7", "--spread-weeks", "104", "--due"])
        .arg(due.to_string())
        .output()
        .context("running recourse seed")?;
    if !out.status.success() {
        bail!(
            "recourse seed failed ({}): {}",
            out.status,
            tail(&String::from_utf8_lossy(&out.stderr), 40)
        );
    }
    eprintln!("{}", String::from_utf8_lossy(&out.stdout).trim());
    Ok(started.elapsed())
}

/// Runs one `recourse sweep --once` over the database; answers its wall time (process start
/// and the migrations check included) and what it printed.
pub fn sweep(bin: &Path, env: &ChildEnv) -> anyhow::Result<(Duration, String)> {
    let started = Instant::now();
    let out = env
        .command(bin)
        .args(["sweep", "--once"])
        .output()
        .context("running recourse sweep")?;
    let took = started.elapsed();
    if !out.status.success() {
        bail!(
            "recourse sweep failed ({}): {}",
            out.status,
            tail(&String::from_utf8_lossy(&out.stderr), 40)
        );
    }
    Ok((took, String::from_utf8_lossy(&out.stdout).trim().to_owned()))
}

/// Complaints stored, read from the database itself. A database the server never migrated
/// holds none.
pub async fn count_complaints(url: &str) -> anyhow::Result<u64> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(1).sqlx_logging(false);
    let conn = Database::connect(options)
        .await
        .context("connecting to the API's database to count complaints")?;
    let backend = conn.get_database_backend();
    let exists = conn
        .query_one_raw(Statement::from_string(
            backend,
            match backend {
                sea_orm::DbBackend::Sqlite => {
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'complaints'"
                }
                _ => "SELECT count(*) FROM information_schema.tables WHERE table_name = 'complaints'",
            },
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    let count = if exists == 0 {
        0
    } else {
        conn.query_one_raw(Statement::from_string(
            backend,
            "SELECT count(*) FROM complaints",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0)
    };
    let _ = conn.close().await;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// A running `recourse serve`, killed on drop.
#[derive(Debug)]
pub struct Server {
    child: Child,
    pub base: String,
    /// From spawning the process to the first 200 from `/healthz`.
    pub started_in: Duration,
}

impl Server {
    pub async fn start(
        bin: &Path,
        env: &ChildEnv,
        work: &WorkDir,
        name: &str,
    ) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .context("finding a free port")?
            .port();
        let bind = format!("127.0.0.1:{port}");
        let log_path = work.path.join(format!("{name}.log"));
        let log = std::fs::File::create(&log_path)?;
        let mut cmd = env.command(bin);
        cmd.arg("serve")
            .env("RECOURSE_BIND", &bind)
            .stdout(log.try_clone()?)
            .stderr(log);
        let started = Instant::now();
        let child = cmd
            .spawn()
            .with_context(|| format!("starting {}", bin.display()))?;
        let mut server = Server {
            child,
            base: format!("http://{bind}"),
            started_in: Duration::ZERO,
        };
        let probe = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let health = format!("{}/healthz", server.base);
        loop {
            if let Ok(resp) = probe.get(&health).send().await
                && resp.status().is_success()
            {
                break;
            }
            if let Some(status) = server.child.try_wait()? {
                bail!(
                    "the server exited ({status}) before answering /healthz:\n{}",
                    log_tail(&log_path)
                );
            }
            if started.elapsed() > Duration::from_secs(120) {
                bail!(
                    "the server did not answer /healthz within 120 s:\n{}",
                    log_tail(&log_path)
                );
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.started_in = started.elapsed();
        Ok(server)
    }

    /// The server's peak resident set (VmHWM), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        self.status_kib("VmHWM:")
    }

    /// The server's own memory now (`RssAnon`: heap, stacks), apart from the mapped database
    /// pages that SQLite reads through (`RssFile`, the operating system's file cache).
    pub fn rss_now_kib(&self) -> Option<(u64, u64)> {
        Some((self.status_kib("RssAnon:")?, self.status_kib("RssFile:")?))
    }

    fn status_kib(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn log_tail(path: &Path) -> String {
    tail(&std::fs::read_to_string(path).unwrap_or_default(), 40)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all.get(all.len().saturating_sub(lines)..)
        .unwrap_or_default()
        .join("\n")
}

/// Bearer tokens minted by `recourse token` from the server's own signing secret.
#[derive(Debug, Clone)]
pub struct Tokens {
    /// An agent of team `north`: creates, reads, lists and acts.
    pub agent: String,
    /// Creates the teams.
    pub admin: String,
    /// Reads the reports.
    pub analyst: String,
    /// Imports historical cases.
    pub integrator: String,
}

impl Tokens {
    pub fn mint(bin: &Path, env: &ChildEnv) -> anyhow::Result<Tokens> {
        let mint = |args: &[&str]| -> anyhow::Result<String> {
            let out = env
                .command(bin)
                .arg("token")
                .args(args)
                .output()
                .context("running recourse token")?;
            if !out.status.success() {
                bail!(
                    "recourse token {}: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            let token = String::from_utf8(out.stdout)?.trim().to_owned();
            anyhow::ensure!(!token.is_empty(), "recourse token printed nothing");
            Ok(token)
        };
        Ok(Tokens {
            agent: mint(&["--sub", "bench-agent", "--role", "agent", "--team", "north"])?,
            admin: mint(&["--sub", "bench-admin", "--role", "admin"])?,
            analyst: mint(&["--sub", "bench-analyst", "--role", "analyst"])?,
            integrator: mint(&["--sub", "bench-integrator", "--role", "integrator"])?,
        })
    }
}

/// The 1-, 5- and 15-minute load averages: a shared machine's load shows in every figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The engine, its version and its durability settings, as the header states them.
pub async fn describe_engine(engine: Engine, raw_url: &str, api_url: &str) -> String {
    let url = if raw_url.is_empty() { api_url } else { raw_url };
    let version = async {
        let mut options = ConnectOptions::new(url.to_owned());
        options.max_connections(1).sqlx_logging(false);
        let conn = Database::connect(options).await.ok()?;
        let backend = conn.get_database_backend();
        let query = |sql: &str| Statement::from_string(backend, sql.to_owned());
        let one = |sql: &'static str| {
            let conn = &conn;
            async move {
                conn.query_one_raw(query(sql))
                    .await
                    .ok()
                    .flatten()
                    .and_then(|row| row.try_get_by_index::<String>(0).ok())
            }
        };
        let text = match engine {
            Engine::Sqlite => {
                let version = one("SELECT sqlite_version()").await?;
                format!("SQLite {version}, WAL, synchronous=FULL, busy_timeout 10 s")
            }
            Engine::Postgres => {
                let version = one("SHOW server_version").await?;
                let sync = one("SHOW synchronous_commit").await?;
                let fsync = one("SHOW fsync").await?;
                format!("PostgreSQL {version}, fsync={fsync}, synchronous_commit={sync}")
            }
        };
        let _ = conn.close().await;
        Some(text)
    }
    .await;
    version.unwrap_or_else(|| match engine {
        Engine::Sqlite => "SQLite, WAL, synchronous=FULL".into(),
        Engine::Postgres => "PostgreSQL, default settings".into(),
    })
}
