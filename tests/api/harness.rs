//! Starts a real server on a free port over a fresh database, and mints tokens for it.

/// Declares each listed `async fn(TestApp)` as two tests: `sqlite::name` and `postgres::name`.
macro_rules! engine_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(crate::harness::TestApp::sqlite().await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = crate::harness::TestApp::postgres().await {
                        super::$name(app).await
                    }
                }
            )*
        }
    };
}

use std::{
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};

use recourse::{
    auth::{Claims, Signer},
    build_app, build_state,
    config::{Config, JwtConfig, KeySource, Secret, WebhookConfig},
    db::Db,
    domain::{
        case::complaint::Profile,
        integration::webhooks::{RetryPolicy, TargetPolicy},
    },
    state::{AppState, Clock},
};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

pub const SECRET: &str = "test-secret-0123456789-0123456789-abcdef";
pub const AUDIENCE: &str = "recourse-test";
pub const ISSUER: &str = "recourse-test-issuer";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub state: AppState,
    pub engine: Engine,
    signer: Signer,
    _dir: Option<tempfile::TempDir>,
}

pub fn jwt_config() -> JwtConfig {
    JwtConfig {
        algorithm: jsonwebtoken::Algorithm::HS256,
        key: KeySource::Secret(Secret::new(SECRET)),
        private_key_file: None,
        issuer: Some(ISSUER.into()),
        audience: Some(AUDIENCE.into()),
        leeway: Duration::from_secs(5),
    }
}

/// Webhook delivery for tests: receivers on 127.0.0.1 are allowed, retries come quickly, and
/// the tests run the worker themselves.
pub fn webhook_config() -> WebhookConfig {
    WebhookConfig {
        poll_interval: Duration::ZERO,
        lease: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            base: Duration::from_millis(20),
            cap: Duration::from_millis(200),
            window: Duration::from_secs(60),
        },
        disable_after: 50,
        targets: TargetPolicy {
            allow_private: true,
            allow_link_local: false,
        },
    }
}

fn config(url: &str) -> Config {
    Config {
        database_url: Secret::new(url),
        bind: "127.0.0.1:0".into(),
        jwt: jwt_config(),
        default_profile: Profile::FcaDisp,
        max_body_bytes: recourse::config::DEFAULT_MAX_BODY_BYTES,
        db_pool_size: 4,
        sweep_interval: Duration::ZERO,
        recurrence_interval: Duration::ZERO,
        escalate_on_breach: true,
        approval_threshold_minor: 50_000,
        survey_validity: std::time::Duration::from_secs(30 * 86_400),
        idempotency_retention: Duration::from_secs(86_400),
        webhooks: webhook_config(),
        rate_limit: None,
        shutdown_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(60),
        connections: Default::default(),
    }
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with(|_| {}).await
    }

    /// A server on a fresh SQLite database whose configuration `tweak` adjusts.
    pub async fn sqlite_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/recourse.db?mode=rwc", dir.path().display());
        let db = Db::connect(&url, 4, None).await.unwrap();
        let mut config = config(&url);
        tweak(&mut config);
        TestApp::start(config, db, Engine::Sqlite, Some(dir)).await
    }

    /// A fresh schema in the `TEST_DATABASE_URL` database, or `None` when it is not set
    /// (which fails the test under `CI=true`: PostgreSQL tests may not silently skip there).
    pub async fn postgres() -> Option<TestApp> {
        let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run");
            }
            eprintln!("skipped: TEST_DATABASE_URL is not set");
            return None;
        };
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = Db::connect(&url, 1, None).await.unwrap();
        use sea_orm::ConnectionTrait;
        admin
            .conn
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .unwrap();
        admin.conn.close().await.unwrap();
        let db = Db::connect(&url, 4, Some(&schema)).await.unwrap();
        Some(TestApp::start(config(&url), db, Engine::Postgres, None).await)
    }

    async fn start(
        config: Config,
        db: Db,
        engine: Engine,
        dir: Option<tempfile::TempDir>,
    ) -> TestApp {
        recourse::prepare_database(&db, &Clock::System)
            .await
            .unwrap();
        let signer = Signer::from_config(&config.jwt).unwrap();
        let clock = Clock::Fixed(Arc::new(Mutex::new(chrono::Utc::now())));
        let state = build_state(config, db, clock).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let acceptor = poem::listener::TcpAcceptor::from_tokio(listener).unwrap();
        let app = build_app(state.clone());
        tokio::spawn(async move {
            let _ = poem::Server::new_with_acceptor(acceptor).run(app).await;
        });
        TestApp {
            base: format!("http://{addr}"),
            http: {
                recourse::install_tls_provider();
                reqwest::Client::new()
            },
            state,
            engine,
            signer,
            _dir: dir,
        }
    }

    /// Moves the service's clock (tokens keep using real time).
    pub fn set_now(&self, at: chrono::DateTime<chrono::Utc>) {
        if let Clock::Fixed(now) = &self.state.clock {
            *now.lock().unwrap() = at;
        }
    }

    /// A valid token for `sub` with `roles` and `team`.
    pub fn token(&self, sub: &str, roles: &[&str], team: Option<&str>) -> String {
        self.sign(claims(sub, roles, team))
    }

    pub fn sign(&self, claims: Claims) -> String {
        self.signer.sign(claims).unwrap()
    }

    pub fn agent(&self, team: &str) -> String {
        self.token(&format!("agent-{team}"), &["agent"], Some(team))
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let req = self.http.request(method, format!("{}{path}", self.base));
        match token {
            Some(t) => req.bearer_auth(t),
            None => req,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Response {
        let mut req = self.request(Method::PATCH, path, Some(token)).json(body);
        if let Some(tag) = if_match {
            req = req.header("If-Match", tag);
        }
        req.send().await.unwrap()
    }

    /// Logs a complaint as `token` and returns its JSON.
    pub async fn create(&self, token: &str, body: &Value) -> Value {
        let resp = self.post("/v1/complaints", token, body).await;
        let status = resp.status();
        let json: Value = resp.json().await.unwrap();
        assert_eq!(status, 201, "{json}");
        json
    }

    /// Creates a team as an admin.
    pub async fn team(&self, id: &str) {
        let admin = self.token("admin-1", &["admin"], None);
        let resp = self
            .post(
                "/v1/teams",
                &admin,
                &json!({"id": id, "name": id.to_uppercase()}),
            )
            .await;
        assert!(
            resp.status() == 201 || resp.status() == 409,
            "{}",
            resp.status()
        );
    }

    pub fn client(&self, token: &str) -> recourse_client::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        recourse::install_tls_provider();
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .unwrap();
        recourse_client::Client::new_with_client(&self.base, http)
    }
}

pub fn claims(sub: &str, roles: &[&str], team: Option<&str>) -> Claims {
    let now = chrono::Utc::now().timestamp();
    Claims {
        sub: sub.into(),
        name: Some(format!("{sub} name")),
        roles: roles.iter().map(|r| r.to_string()).collect(),
        team: team.map(str::to_owned),
        exp: now + 3600,
        iat: Some(now),
        nbf: Some(now),
        iss: None,
        aud: None,
    }
}

/// Active categories of `current_account`, the product of [`complaint_body`], in the catalogue
/// a fresh installation starts with: corrections move a complaint between them.
pub const CURRENT_ACCOUNT_CATEGORIES: &[&str] = &[
    "account_access",
    "advice_and_sale",
    "arrears",
    "fraud",
    "interest",
    "payments",
    "service",
    "terms",
];

/// A complete, valid complaint body, filed under the default catalogue.
pub fn complaint_body() -> Value {
    static BODY: OnceLock<Value> = OnceLock::new();
    BODY.get_or_init(|| {
        json!({
            "complainant": {"name": "Jo Bloggs", "email": "jo@example.com", "customer_ref": "CUST-42"},
            "channel": "phone",
            "product": "current_account",
            "category": "fees",
            "description": "I was charged an overdraft fee twice.",
            "remedy_sought": "Refund the duplicate fee.",
        })
    })
    .clone()
}

/// Asserts `resp` is a problem document with `status` and `code`; returns it.
pub async fn problem(resp: Response, status: u16, code: &str) -> Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    let content_type = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "{body}"
    );
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["title"].is_string() && body["type"].is_string(),
        "{body}"
    );
    body
}
