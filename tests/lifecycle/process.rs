//! The real `recourse` binary as a child process: a database that outlives the processes
//! started on it (a SQLite file, or a fresh PostgreSQL database beside `TEST_DATABASE_URL`'s,
//! dropped at the end), `recourse serve` started on a free port and killed when dropped, and
//! tokens minted with `recourse token`.
//!
//! Shared by the `lifecycle` and `replicas` test crates (`#[path]`), so there is one copy.

use std::{
    fs::File,
    os::unix::process::ExitStatusExt,
    path::PathBuf,
    process::{Child, Command, ExitStatus, Stdio},
    time::{Duration, Instant},
};

pub(crate) const SECRET: &str = "lifecycle-test-secret-0123456789-abcdef";
/// Every request gives up after this; a server that stops answering shows as no response.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------------
// The database the server processes share across restarts.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Sqlite,
    Postgres,
}

/// A database that outlives the server processes started on it, removed when dropped.
pub(crate) struct Store {
    pub(crate) engine: Engine,
    pub(crate) url: String,
    /// The servers' working directory: the SQLite database and the servers' logs.
    pub(crate) dir: tempfile::TempDir,
    /// PostgreSQL: the administrative URL and the database to drop at the end.
    postgres: Option<(String, String)>,
}

impl Store {
    pub(crate) fn sqlite() -> Store {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("recourse.db").display()
        );
        Store {
            engine: Engine::Sqlite,
            url,
            dir,
            postgres: None,
        }
    }

    /// A fresh database beside `TEST_DATABASE_URL`'s, or `None` when that is not set (which
    /// fails the test under `CI=true`: PostgreSQL tests may not silently skip there).
    pub(crate) async fn postgres() -> Option<Store> {
        let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run");
            }
            eprintln!("skipped: TEST_DATABASE_URL is not set");
            return None;
        };
        // A whole database rather than a schema: the binary takes nothing but a URL.
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        postgres_execute(&admin, &format!("CREATE DATABASE {name}")).await;
        Some(Store {
            engine: Engine::Postgres,
            url: with_database(&admin, &name),
            dir: tempfile::tempdir().unwrap(),
            postgres: Some((admin, name)),
        })
    }

    pub(crate) fn label(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// The binary with this store's settings and nothing inherited that could change them.
    pub(crate) fn recourse(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recourse"));
        for (name, _) in std::env::vars() {
            if name.starts_with("RECOURSE_") {
                cmd.env_remove(name);
            }
        }
        cmd.current_dir(self.dir.path())
            .env("DATABASE_URL", &self.url)
            .env("RECOURSE_JWT_SECRET", SECRET)
            // Sixteen callers hammering one server are load, not abuse.
            .env("RECOURSE_RATE_LIMIT_PER_SECOND", "0")
            .env("RUST_LOG", "info,sqlx=warn,sea_orm=warn")
            // Logs go to a file that failure messages quote: plain text reads best there.
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// On SQLite, a database closed by its last connection is checkpointed and its write-ahead
    /// log removed: a log left behind means the server exited with connections still open.
    pub(crate) fn assert_closed_cleanly(&self, server: &Server) {
        if self.engine == Engine::Sqlite {
            let wal = self.dir.path().join("recourse.db-wal");
            assert!(
                !wal.exists(),
                "the server exited without closing the database ({} is left):\n{}",
                wal.display(),
                server.log_tail()
            );
        }
    }

    /// Mints a token with `recourse token`, as an operator would.
    pub(crate) fn token(&self, sub: &str, role: &str, team: Option<&str>) -> String {
        let mut cmd = self.recourse();
        cmd.args(["token", "--sub", sub, "--role", role, "--ttl", "1h"]);
        if let Some(team) = team {
            cmd.args(["--team", team]);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "recourse token: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // A thread of its own: this drop runs inside the test's runtime, which cannot be
            // blocked on from within. FORCE ends whatever sessions a killed server left behind.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(postgres_execute(
                    &admin,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ));
            })
            .join();
        }
    }
}

pub(crate) async fn postgres_execute(url: &str, sql: &str) {
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(url.to_owned())
        .await
        .unwrap_or_else(|e| panic!("connecting to TEST_DATABASE_URL: {e}"));
    conn.execute_unprepared(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

/// `url` with its database name replaced by `name`.
pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The server process.

/// A running `recourse serve`; SIGKILLed when dropped, so a failing test leaves none behind.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: String,
    pub(crate) base: String,
    pub(crate) log: PathBuf,
}

impl Server {
    /// Starts `recourse serve` on a free port with `env` added, and waits until it is ready.
    pub(crate) async fn start(store: &Store, name: &str, env: &[(&str, &str)]) -> Server {
        let addr = format!("127.0.0.1:{}", free_port());
        let log = store.dir.path().join(format!("{name}.log"));
        let out = File::create(&log).unwrap();
        let mut cmd = store.recourse();
        cmd.arg("serve")
            .env("RECOURSE_BIND", &addr)
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let mut server = Server {
            child: cmd.spawn().unwrap(),
            base: format!("http://{addr}"),
            addr,
            log,
        };
        server.wait_ready().await;
        server
    }

    pub(crate) async fn wait_ready(&mut self) {
        let http = http();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "the server exited before it was ready ({}):\n{}",
                    describe(status),
                    self.log_tail()
                );
            }
            let probe = http
                .get(format!("{}/readyz", self.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if probe.is_ok_and(|r| r.status() == 200) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server was not ready within 60 s:\n{}",
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub(crate) fn sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -TERM failed");
    }

    pub(crate) fn sigkill(&mut self) {
        self.child.kill().unwrap();
        let status = self.child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "{}", describe(status));
    }

    /// The exit status, or `None` if the process is still running after `limit`.
    pub(crate) async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The end of the server's log, for failure messages.
    pub(crate) fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let from = lines.len().saturating_sub(40);
        format!(
            "--- {} ---\n{}",
            self.log.display(),
            lines[from..].join("\n")
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

pub(crate) fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => format!("{status:?}"),
    }
}

pub(crate) fn http() -> reqwest::Client {
    recourse::install_tls_provider();
    reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
}
