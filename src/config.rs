//! Run-time configuration, from flags with environment fallbacks (see `cli.rs`). Secrets are
//! wrapped so they never reach logs or `Debug` output.

use std::{fmt, path::PathBuf, time::Duration};

use jsonwebtoken::Algorithm;

use crate::domain::{
    access::ratelimit::RateLimit,
    case::complaint::Profile,
    integration::webhooks::{RetryPolicy, TargetPolicy},
};

/// A secret string. `Debug` and `Display` print a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Where the token verification key comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// An HS* shared secret given directly.
    Secret(Secret),
    /// An HS* shared secret read from a file (created with a random value if absent).
    SecretFile(PathBuf),
    /// An RS*/ES*/PS*/EdDSA public key in PEM.
    PublicKeyPem(PathBuf),
    /// A JWKS document; the token's `kid` picks the key.
    JwksFile(PathBuf),
}

/// How bearer tokens are verified (and, for `recourse token`, signed).
#[derive(Clone, Debug)]
pub struct JwtConfig {
    /// The only algorithm accepted.
    pub algorithm: Algorithm,
    pub key: KeySource,
    /// PEM private key for minting RS*/ES* tokens with `recourse token`.
    pub private_key_file: Option<PathBuf>,
    /// Required `iss`, when set.
    pub issuer: Option<String>,
    /// Required `aud`, when set.
    pub audience: Option<String>,
    /// Clock leeway for `exp` and `nbf`.
    pub leeway: Duration,
}

/// The largest request body accepted unless configured otherwise: 1 MiB. A complaint's
/// description and remedy sought take up to 100,000 characters each; at four bytes a character
/// (UTF-8's longest) both together are 800,000 bytes, and one of them written with JSON's
/// `\uXXXX` escapes of the multilingual plane (six bytes a character, as clients that escape
/// all non-ASCII text send it) is 600,000, so every complaint the schema accepts fits, while a
/// body stays small enough to hold in memory per request.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Everything the service needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: Secret,
    pub bind: String,
    pub jwt: JwtConfig,
    /// Profile given to complaints logged without one.
    pub default_profile: Profile,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Connections in the database pool.
    pub db_pool_size: u32,
    /// How often `serve` sweeps deadlines; zero for never.
    pub sweep_interval: Duration,
    /// How often `serve` runs the recurrence rules; zero turns the schedule off.
    pub recurrence_interval: Duration,
    /// A breached regulatory deadline raises an escalation to the team leader.
    pub escalate_on_breach: bool,
    /// Redress above this (minor units) needs a team leader's approval before the response.
    pub approval_threshold_minor: i64,
    /// How long a satisfaction survey's link stays valid.
    pub survey_validity: Duration,
    /// How long an `Idempotency-Key` replays its create; after it the key is new again, and
    /// `serve` purges it.
    pub idempotency_retention: Duration,
    /// Outbound webhook delivery.
    pub webhooks: WebhookConfig,
    /// The per-caller request rate; `None` turns the limit off.
    pub rate_limit: Option<RateLimit>,
    /// How long `serve` lets in-flight requests and background work finish after SIGTERM.
    pub shutdown_timeout: Duration,
    /// Longest a request may take before it is answered 503; zero for no limit.
    pub request_timeout: Duration,
    /// How `serve` treats connections.
    pub connections: ConnectionLimits,
}

/// What a connection may cost the server: how long a client has to send a request's headers,
/// how long a connection with nothing to do is kept, and how many are served at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// How long a client has to send a request's headers, counted from the connection's
    /// opening for its first request and from the request's first byte after that; zero for
    /// no limit.
    pub header_read_timeout: Duration,
    /// How long a connection with no request in progress is kept open (HTTP/1.1 keep-alive
    /// and HTTP/2 alike), and how long a response may wait on a client that reads none of it;
    /// zero for no limit.
    pub idle_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog until one closes.
    pub max_connections: usize,
    /// Streams an HTTP/2 connection may have open at once.
    pub http2_max_concurrent_streams: u32,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 2048,
            http2_max_concurrent_streams: 100,
        }
    }
}

/// How webhook deliveries are made.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookConfig {
    /// How often the delivery worker looks for work; zero turns the worker off in `serve`.
    pub poll_interval: Duration,
    /// How long a worker holds a claimed delivery before another may take it.
    pub lease: Duration,
    /// How long a receiver has to answer.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// Failed attempts in a row after which a subscription is turned off.
    pub disable_after: u32,
    pub targets: TargetPolicy,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig {
            poll_interval: Duration::from_secs(1),
            lease: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            disable_after: 50,
            targets: TargetPolicy::default(),
        }
    }
}

impl Config {
    /// The directory a SQLite database file lives in, when the URL names one.
    pub fn sqlite_dir(&self) -> Option<PathBuf> {
        let url = self.database_url.expose();
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))?;
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        let parent = PathBuf::from(path)
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default();
        Some(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent
        })
    }

    /// Whether the database URL is a PostgreSQL one.
    pub fn is_postgres(&self) -> bool {
        let url = self.database_url.expose();
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let jwt = JwtConfig {
            algorithm: Algorithm::HS256,
            key: KeySource::Secret(Secret::new("hunter2-very-secret")),
            private_key_file: None,
            issuer: None,
            audience: None,
            leeway: Duration::from_secs(30),
        };
        let config = Config {
            database_url: Secret::new("postgres://app:pa55word@db/recourse"),
            bind: "127.0.0.1:8080".into(),
            jwt,
            default_profile: Profile::FcaDisp,
            max_body_bytes: 65536,
            db_pool_size: 8,
            sweep_interval: Duration::from_secs(30),
            recurrence_interval: Duration::from_secs(3600),
            escalate_on_breach: true,
            approval_threshold_minor: 50_000,
            survey_validity: Duration::from_secs(30 * 86_400),
            idempotency_retention: Duration::from_secs(86_400),
            webhooks: WebhookConfig::default(),
            rate_limit: None,
            shutdown_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(30),
            connections: ConnectionLimits::default(),
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("pa55word"), "{shown}");
    }

    #[test]
    fn the_sqlite_directory_is_found_from_the_url() {
        let dir = |url: &str| {
            let mut c = Config {
                database_url: Secret::new(url),
                bind: String::new(),
                jwt: JwtConfig {
                    algorithm: Algorithm::HS256,
                    key: KeySource::Secret(Secret::new("x")),
                    private_key_file: None,
                    issuer: None,
                    audience: None,
                    leeway: Duration::ZERO,
                },
                default_profile: Profile::FcaDisp,
                max_body_bytes: 1,
                db_pool_size: 1,
                sweep_interval: Duration::ZERO,
                recurrence_interval: Duration::ZERO,
                escalate_on_breach: true,
                approval_threshold_minor: 0,
                survey_validity: Duration::ZERO,
                idempotency_retention: Duration::ZERO,
                webhooks: WebhookConfig::default(),
                rate_limit: None,
                shutdown_timeout: Duration::ZERO,
                request_timeout: Duration::ZERO,
                connections: ConnectionLimits::default(),
            };
            c.bind.clear();
            c.sqlite_dir()
        };
        assert_eq!(
            dir("sqlite://recourse.db?mode=rwc"),
            Some(PathBuf::from("."))
        );
        assert_eq!(
            dir("sqlite:///var/lib/recourse/r.db"),
            Some(PathBuf::from("/var/lib/recourse"))
        );
        assert_eq!(dir("sqlite::memory:"), None);
        assert_eq!(dir("postgres://localhost/recourse"), None);
    }
}
