//! Command line: `serve` (the default), `migrate`, `openapi`, `token`. Every flag falls back
//! to an environment variable.

use std::{path::PathBuf, str::FromStr, time::Duration};

use clap::{Args, Parser, Subcommand};
use jsonwebtoken::Algorithm;

use crate::{
    config::{Config, ConnectionLimits, JwtConfig, KeySource, Secret, WebhookConfig},
    domain::{
        access::ratelimit::RateLimit,
        case::complaint::Profile,
        integration::webhooks::{RetryPolicy, TargetPolicy},
    },
};

/// Recourse: complaint handling through a formal, regulated procedure.
#[derive(Parser)]
#[command(name = "recourse", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub settings: Settings,
}

impl std::fmt::Debug for Cli {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cli").finish_non_exhaustive()
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the API (the default when no command is given).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Print the table of error codes as Markdown (docs/errors.md).
    Errors,
    /// Mint a bearer token from the configured signing key and print it alone on stdout.
    Token(TokenArgs),
    /// Run the deadline sweeper: raise timer warnings and breaches (`serve` also runs it).
    Sweep {
        /// Sweep once and exit, instead of every --sweep-interval.
        #[arg(long)]
        once: bool,
    },
    /// Fill the database with demo data (`--demo`): complaints across teams, products,
    /// channels, causes and outcomes over the last 180 days, through the service code.
    Seed {
        /// Write demo complaints (the only kind of seeding there is).
        #[arg(long)]
        demo: bool,
        /// How many complaints.
        #[arg(long, default_value_t = 500)]
        complaints: u32,
        /// The random seed: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// At most this many complaints go through the service code one by one; the rest are
        /// copies of them, inserted a batch at a time (a million load in minutes).
        #[arg(long, default_value_t = 2000)]
        templates: u32,
        /// Copies of finished complaints move back a random whole number of weeks up to this,
        /// spreading them over a longer history; 0 keeps them in the last 180 days.
        #[arg(long, default_value_t = 0)]
        spread_weeks: u32,
        /// This many copies of open complaints are moved back past a running timer's next
        /// check, so that a sweep finds them due.
        #[arg(long, default_value_t = 0)]
        due: u32,
    },
    /// Run the recurrence rules over the last window (`serve` also runs them).
    Recurrence {
        /// Run once and exit, instead of every --recurrence-interval.
        #[arg(long)]
        once: bool,
    },
}

#[derive(Args, Debug)]
pub struct TokenArgs {
    /// Subject: the user or service account id.
    #[arg(long, env = "RECOURSE_TOKEN_SUB")]
    pub sub: String,
    /// Display name (defaults to the subject).
    #[arg(long, env = "RECOURSE_TOKEN_NAME")]
    pub name: Option<String>,
    /// Role; repeat for several (agent, team_leader, analyst, admin, auditor, integrator).
    /// The environment form takes a comma-separated list.
    #[arg(
        long = "role",
        env = "RECOURSE_TOKEN_ROLES",
        value_delimiter = ',',
        required = true
    )]
    pub roles: Vec<String>,
    /// Team key, for agents and team leaders.
    #[arg(long, env = "RECOURSE_TOKEN_TEAM")]
    pub team: Option<String>,
    /// Lifetime, e.g. `8h`, `30m`.
    #[arg(long, env = "RECOURSE_TOKEN_TTL", default_value = "8h", value_parser = humantime::parse_duration)]
    pub ttl: Duration,
}

/// Settings shared by every command.
#[derive(Args)]
pub struct Settings {
    /// Database URL: `sqlite://path?mode=rwc` or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        global = true,
        default_value = "sqlite://recourse.db?mode=rwc",
        hide_env_values = true
    )]
    pub database_url: String,
    /// Address to listen on.
    #[arg(
        long,
        env = "RECOURSE_BIND",
        global = true,
        default_value = "127.0.0.1:8080"
    )]
    pub bind: String,
    /// The one JWT algorithm accepted (HS256, HS384, HS512, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA).
    #[arg(
        long,
        env = "RECOURSE_JWT_ALGORITHM",
        global = true,
        default_value = "HS256"
    )]
    pub jwt_algorithm: String,
    /// HS* shared secret. Prefer --jwt-secret-file.
    #[arg(
        long,
        env = "RECOURSE_JWT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub jwt_secret: Option<String>,
    /// File holding the HS* shared secret; created with a random secret (mode 0600) if absent.
    /// Defaults to `recourse.jwt-secret` beside a SQLite database, or in the working directory.
    #[arg(long, env = "RECOURSE_JWT_SECRET_FILE", global = true)]
    pub jwt_secret_file: Option<PathBuf>,
    /// PEM public key for RS*/PS*/ES*/EdDSA tokens.
    #[arg(long, env = "RECOURSE_JWT_PUBLIC_KEY_FILE", global = true)]
    pub jwt_public_key_file: Option<PathBuf>,
    /// JWKS file for RS*/PS*/ES*/EdDSA tokens; the token's `kid` selects the key.
    #[arg(long, env = "RECOURSE_JWT_JWKS_FILE", global = true)]
    pub jwt_jwks_file: Option<PathBuf>,
    /// PEM private key, used only by `recourse token` to mint RS*/ES* tokens.
    #[arg(long, env = "RECOURSE_JWT_PRIVATE_KEY_FILE", global = true)]
    pub jwt_private_key_file: Option<PathBuf>,
    /// Required `iss` claim; empty to accept any issuer.
    #[arg(
        long,
        env = "RECOURSE_JWT_ISSUER",
        global = true,
        default_value = "recourse"
    )]
    pub jwt_issuer: String,
    /// Required `aud` claim; empty to accept any audience.
    #[arg(
        long,
        env = "RECOURSE_JWT_AUDIENCE",
        global = true,
        default_value = "recourse"
    )]
    pub jwt_audience: String,
    /// Clock leeway for `exp` and `nbf`.
    #[arg(long, env = "RECOURSE_JWT_LEEWAY", global = true, default_value = "30s", value_parser = humantime::parse_duration)]
    pub jwt_leeway: Duration,
    /// Profile for complaints logged without one.
    #[arg(
        long,
        env = "RECOURSE_DEFAULT_PROFILE",
        global = true,
        default_value = "fca_disp"
    )]
    pub default_profile: String,
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "RECOURSE_MAX_BODY_BYTES", global = true, default_value_t = crate::config::DEFAULT_MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// How often `serve` runs the deadline sweeper; `0s` turns it off (run `recourse sweep`
    /// separately instead).
    #[arg(long, env = "RECOURSE_SWEEP_INTERVAL", global = true, default_value = "30s", value_parser = humantime::parse_duration)]
    pub sweep_interval: Duration,
    /// How often `serve` runs the recurrence rules over the last window (they also run on
    /// every classification); `0s` turns the schedule off.
    #[arg(long, env = "RECOURSE_RECURRENCE_INTERVAL", global = true, default_value = "1h", value_parser = humantime::parse_duration)]
    pub recurrence_interval: Duration,
    /// Whether a breached regulatory deadline raises an escalation (`true` or `false`).
    #[arg(long, env = "RECOURSE_ESCALATE_ON_BREACH", global = true, default_value_t = true, action = clap::ArgAction::Set)]
    pub escalate_on_breach: bool,
    /// Redress above this amount, in minor currency units, needs a team leader's approval.
    #[arg(
        long,
        env = "RECOURSE_APPROVAL_THRESHOLD_MINOR",
        global = true,
        default_value_t = 50_000
    )]
    pub approval_threshold_minor: i64,
    /// How long a satisfaction survey's link stays valid after it is created.
    #[arg(long, env = "RECOURSE_SURVEY_VALIDITY", global = true, default_value = "30days", value_parser = humantime::parse_duration)]
    pub survey_validity: Duration,
    /// How long an `Idempotency-Key` replays the complaint it created; after it the key is new
    /// again, and `serve` purges it (hourly, and at start).
    #[arg(long, env = "RECOURSE_IDEMPOTENCY_RETENTION", global = true, default_value = "24h", value_parser = humantime::parse_duration)]
    pub idempotency_retention: Duration,
    /// How often `serve` delivers queued webhook events; `0s` turns delivery off in this
    /// process (run another replica with it on).
    #[arg(long, env = "RECOURSE_WEBHOOK_POLL", global = true, default_value = "1s", value_parser = humantime::parse_duration)]
    pub webhook_poll: Duration,
    /// How long a worker holds a claimed webhook delivery; after a crash, another replica (or
    /// the restarted process) takes the delivery over once this has passed.
    #[arg(long, env = "RECOURSE_WEBHOOK_LEASE", global = true, default_value = "60s", value_parser = humantime::parse_duration)]
    pub webhook_lease: Duration,
    /// How long a receiver has to answer a webhook delivery.
    #[arg(long, env = "RECOURSE_WEBHOOK_TIMEOUT", global = true, default_value = "10s", value_parser = humantime::parse_duration)]
    pub webhook_timeout: Duration,
    /// The wait after a webhook delivery's first failure; it doubles after each further one.
    #[arg(long, env = "RECOURSE_WEBHOOK_RETRY_BASE", global = true, default_value = "30s", value_parser = humantime::parse_duration)]
    pub webhook_retry_base: Duration,
    /// How long a failing webhook delivery keeps being retried after it was queued.
    #[arg(long, env = "RECOURSE_WEBHOOK_RETRY_WINDOW", global = true, default_value = "24h", value_parser = humantime::parse_duration)]
    pub webhook_retry_window: Duration,
    /// Failed attempts in a row after which a webhook subscription is turned off.
    #[arg(
        long,
        env = "RECOURSE_WEBHOOK_DISABLE_AFTER",
        global = true,
        default_value_t = 50
    )]
    pub webhook_disable_after: u32,
    /// Allow webhook targets on loopback and private networks (`true` or `false`).
    #[arg(long, env = "RECOURSE_WEBHOOK_ALLOW_PRIVATE", global = true, default_value_t = false, action = clap::ArgAction::Set)]
    pub webhook_allow_private: bool,
    /// Allow webhook targets on link-local addresses, where cloud metadata services answer
    /// (`true` or `false`).
    #[arg(long, env = "RECOURSE_WEBHOOK_ALLOW_LINK_LOCAL", global = true, default_value_t = false, action = clap::ArgAction::Set)]
    pub webhook_allow_link_local: bool,
    /// Database connections in the pool.
    #[arg(
        long,
        env = "RECOURSE_DB_POOL_SIZE",
        global = true,
        default_value_t = 16
    )]
    pub db_pool_size: u32,
    /// Requests each caller (token subject) may make per second, on average; `0` turns the
    /// limit off. A caller over it gets 429 with `Retry-After`.
    #[arg(
        long,
        env = "RECOURSE_RATE_LIMIT_PER_SECOND",
        global = true,
        default_value_t = 50.0
    )]
    pub rate_limit_per_second: f64,
    /// Requests each caller may make at once before the per-second rate applies.
    #[arg(
        long,
        env = "RECOURSE_RATE_LIMIT_BURST",
        global = true,
        default_value_t = 200
    )]
    pub rate_limit_burst: u32,
    /// How long `serve` lets in-flight requests and background work finish after SIGTERM or
    /// Ctrl-C before it exits.
    #[arg(long, env = "RECOURSE_SHUTDOWN_TIMEOUT", global = true, default_value = "30s", value_parser = humantime::parse_duration)]
    pub shutdown_timeout: Duration,
    /// Longest a request may take before it is answered 503 with `Retry-After`; `0s` for no
    /// limit. CSV exports stream, so only their start counts.
    #[arg(long, env = "RECOURSE_REQUEST_TIMEOUT", global = true, default_value = "30s", value_parser = humantime::parse_duration)]
    pub request_timeout: Duration,
    /// How long a client has to send a request's headers: from connecting, for its first
    /// request, and from the request's first byte after that. A connection that takes longer
    /// is closed. `0s` for no limit.
    #[arg(long, env = "RECOURSE_HEADER_READ_TIMEOUT", global = true, default_value = "10s", value_parser = humantime::parse_duration)]
    pub header_read_timeout: Duration,
    /// How long a connection with no request in progress is kept open (HTTP/1.1 keep-alive and
    /// HTTP/2), and how long a response may wait on a client that reads none of it. `0s` for
    /// no limit.
    #[arg(long, env = "RECOURSE_IDLE_TIMEOUT", global = true, default_value = "60s", value_parser = humantime::parse_duration)]
    pub idle_timeout: Duration,
    /// Connections served at once; more wait to be accepted until one closes. Keep it below
    /// the process's open-file limit (`ulimit -n`).
    #[arg(
        long,
        env = "RECOURSE_MAX_CONNECTIONS",
        global = true,
        default_value_t = 2048
    )]
    pub max_connections: usize,
    /// Streams (requests) an HTTP/2 connection may have open at once.
    #[arg(
        long,
        env = "RECOURSE_HTTP2_MAX_CONCURRENT_STREAMS",
        global = true,
        default_value_t = 100
    )]
    pub http2_max_concurrent_streams: u32,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The database URL and secret may carry credentials.
        f.debug_struct("Settings")
            .field("bind", &self.bind)
            .finish_non_exhaustive()
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// The rate limit the flags ask for: off at a rate of zero.
fn rate_limit(per_second: f64, burst: u32) -> anyhow::Result<Option<RateLimit>> {
    anyhow::ensure!(
        per_second.is_finite() && per_second >= 0.0,
        "--rate-limit-per-second must be zero (off) or a positive number"
    );
    Ok((per_second > 0.0).then(|| RateLimit {
        per_second,
        burst: f64::from(burst.max(1)),
    }))
}

impl Settings {
    pub fn into_config(self) -> anyhow::Result<Config> {
        let algorithm = Algorithm::from_str(&self.jwt_algorithm)
            .map_err(|_| anyhow::anyhow!("unknown JWT algorithm {:?}", self.jwt_algorithm))?;
        let default_profile = Profile::parse(&self.default_profile)
            .ok_or_else(|| anyhow::anyhow!("unknown profile {:?}", self.default_profile))?;
        let symmetric = matches!(
            algorithm,
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512
        );
        let mut config = Config {
            database_url: Secret::new(self.database_url),
            bind: self.bind,
            jwt: JwtConfig {
                algorithm,
                key: KeySource::Secret(Secret::new(String::new())),
                private_key_file: self.jwt_private_key_file,
                issuer: non_empty(&self.jwt_issuer),
                audience: non_empty(&self.jwt_audience),
                leeway: self.jwt_leeway,
            },
            default_profile,
            max_body_bytes: self.max_body_bytes,
            db_pool_size: self.db_pool_size.max(1),
            sweep_interval: self.sweep_interval,
            recurrence_interval: self.recurrence_interval,
            escalate_on_breach: self.escalate_on_breach,
            approval_threshold_minor: self.approval_threshold_minor,
            survey_validity: self.survey_validity,
            idempotency_retention: self.idempotency_retention.max(Duration::from_secs(1)),
            webhooks: WebhookConfig {
                poll_interval: self.webhook_poll,
                // A lease shorter than the timeout would hand a live delivery to a second worker.
                lease: self
                    .webhook_lease
                    .max(self.webhook_timeout + Duration::from_secs(1)),
                timeout: self.webhook_timeout,
                retry: RetryPolicy {
                    base: self.webhook_retry_base.max(Duration::from_millis(1)),
                    window: self.webhook_retry_window,
                    ..RetryPolicy::default()
                },
                disable_after: self.webhook_disable_after.max(1),
                targets: TargetPolicy {
                    allow_private: self.webhook_allow_private,
                    allow_link_local: self.webhook_allow_link_local,
                },
            },
            rate_limit: rate_limit(self.rate_limit_per_second, self.rate_limit_burst)?,
            shutdown_timeout: self.shutdown_timeout,
            request_timeout: self.request_timeout,
            connections: ConnectionLimits {
                header_read_timeout: self.header_read_timeout,
                idle_timeout: self.idle_timeout,
                max_connections: self.max_connections.max(1),
                http2_max_concurrent_streams: self.http2_max_concurrent_streams.max(1),
            },
        };
        config.jwt.key = match (
            symmetric,
            self.jwt_secret,
            self.jwt_secret_file,
            self.jwt_public_key_file,
            self.jwt_jwks_file,
        ) {
            (true, Some(secret), None, _, _) => KeySource::Secret(Secret::new(secret)),
            (true, None, Some(file), _, _) => KeySource::SecretFile(file),
            (true, None, None, _, _) => KeySource::SecretFile(
                config
                    .sqlite_dir()
                    .unwrap_or_else(|| PathBuf::from("."))
                    .join("recourse.jwt-secret"),
            ),
            (true, Some(_), Some(_), _, _) => {
                anyhow::bail!("give either --jwt-secret or --jwt-secret-file, not both")
            }
            (false, _, _, Some(pem), None) => KeySource::PublicKeyPem(pem),
            (false, _, _, None, Some(jwks)) => KeySource::JwksFile(jwks),
            (false, _, _, Some(_), Some(_)) => {
                anyhow::bail!("give either --jwt-public-key-file or --jwt-jwks-file, not both")
            }
            (false, _, _, None, None) => anyhow::bail!(
                "{:?} needs --jwt-public-key-file or --jwt-jwks-file",
                algorithm
            ),
        };
        Ok(config)
    }
}
