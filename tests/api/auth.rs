//! Token verification: only well-formed, unexpired tokens for this audience, signed with the
//! pinned algorithm and key, get through.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::{Value, json};

use recourse::domain::access::ratelimit::RateLimit;

use crate::harness::{AUDIENCE, ISSUER, SECRET, TestApp, claims, complaint_body, problem};

engine_tests!(
    bad_tokens_are_refused,
    a_good_token_identifies_the_caller,
    unknown_roles_grant_nothing,
    signed_tokens_with_header_parameters_this_service_does_not_understand_are_refused,
    an_audience_array_is_accepted_when_one_member_is_this_service,
);

/// The limiter sits in front of the database, so one engine proves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_over_its_rate_limit_gets_429_with_retry_after_and_others_are_unaffected() {
    // Slow enough that the burst cannot be earned back while the test runs.
    let limit = RateLimit {
        per_second: 0.2,
        burst: 5.0,
    };
    let app = TestApp::sqlite_with(|c| c.rate_limit = Some(limit)).await;
    let alice = app.token("alice", &["agent"], Some("north"));
    let bob = app.token("bob", &["agent"], Some("north"));
    for n in 0..5 {
        assert_eq!(app.get("/v1/me", &alice).await.status(), 200, "request {n}");
    }
    for _ in 0..3 {
        let refused = app.get("/v1/me", &alice).await;
        let wait: u64 = refused.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=5).contains(&wait), "Retry-After {wait}");
        let body = problem(refused, 429, "rate_limited").await;
        assert!(!body.to_string().contains(&alice), "the token is echoed");
    }
    // Another caller has its own bucket.
    assert_eq!(app.get("/v1/me", &bob).await.status(), 200);
    // So does an operation with a body: the limit is checked before anything is written.
    let resp = app.post("/v1/complaints", &alice, &complaint_body()).await;
    problem(resp, 429, "rate_limited").await;
}

fn sign_with(alg: Algorithm, key: &[u8], body: &Value) -> String {
    encode(&Header::new(alg), body, &EncodingKey::from_secret(key)).unwrap()
}

fn good_claims() -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": "mallory", "roles": ["admin"], "exp": now + 600, "iat": now, "iss": ISSUER, "aud": AUDIENCE})
}

async fn bad_tokens_are_refused(app: TestApp) {
    let now = chrono::Utc::now().timestamp();
    let good = sign_with(Algorithm::HS256, SECRET.as_bytes(), &good_claims());
    // Tampered: the payload is swapped for one granting more, the signature kept.
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut forged = good_claims();
    forged["sub"] = json!("root");
    parts[1] = URL_SAFE_NO_PAD.encode(forged.to_string());
    let tampered = parts.join(".");
    // alg: none, unsigned.
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(good_claims().to_string())
    );
    let with = |k: &str, v: Value| {
        let mut c = good_claims();
        c[k] = v;
        sign_with(Algorithm::HS256, SECRET.as_bytes(), &c)
    };
    let without = |k: &str| {
        let mut c = good_claims();
        c.as_object_mut().unwrap().remove(k);
        sign_with(Algorithm::HS256, SECRET.as_bytes(), &c)
    };
    let cases = [
        ("tampered", tampered),
        ("alg none", none),
        (
            "wrong algorithm (HS384)",
            sign_with(Algorithm::HS384, SECRET.as_bytes(), &good_claims()),
        ),
        (
            "wrong key",
            sign_with(
                Algorithm::HS256,
                b"another-secret-another-secret-another",
                &good_claims(),
            ),
        ),
        ("expired", with("exp", json!(now - 3600))),
        ("not yet valid", with("nbf", json!(now + 3600))),
        ("issued in the future", with("iat", json!(now + 3600))),
        ("wrong audience", with("aud", json!("someone-else"))),
        ("wrong issuer", with("iss", json!("evil-idp"))),
        ("no exp", without("exp")),
        ("no aud", without("aud")),
        ("no sub", without("sub")),
        ("malformed team", with("team", json!("North Team"))),
        ("garbage", "a.b.c".to_owned()),
        // Correctly signed, but longer than any real token: refused before decoding.
        ("oversized", with("name", json!("x".repeat(9000)))),
    ];
    for (what, token) in cases {
        let resp = app
            .request(Method::GET, "/v1/me", Some(&token))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401, "{what}");
        let body = problem(resp, 401, "unauthenticated").await;
        assert!(
            !body.to_string().contains(&token),
            "{what}: the token is echoed"
        );
    }
    let ok = app
        .request(Method::GET, "/v1/me", Some(&good))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
}

async fn a_good_token_identifies_the_caller(app: TestApp) {
    let token = app.sign(claims("alice", &["agent", "team_leader"], Some("north")));
    let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
    assert_eq!(me["sub"], "alice");
    assert_eq!(me["name"], "alice name");
    assert_eq!(me["roles"], json!(["agent", "team_leader"]));
    assert_eq!(me["team"], "north");
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("create_complaint"))
    );
    // The team named in the token now exists.
    let teams: Value = app.get("/v1/teams", &token).await.json().await.unwrap();
    assert!(
        teams["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "north"),
        "{teams}"
    );
}

async fn unknown_roles_grant_nothing(app: TestApp) {
    let token = app.token("bob", &["superuser"], Some("north"));
    let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
    assert_eq!(me["roles"], json!([]));
    assert_eq!(me["permissions"], json!([]));
    problem(app.get("/v1/complaints", &token).await, 403, "forbidden").await;
}

/// Signs `header` and `payload`, given as JSON text, with the test secret, so a test can
/// write headers and payloads the library would not (duplicate names, `crit`, `b64`).
fn sign_raw(header: &str, payload: &str) -> String {
    use hmac::{Hmac, Mac};
    let message = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(message.as_bytes());
    format!(
        "{message}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.request(Method::GET, "/v1/me", Some(token))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn signed_tokens_with_header_parameters_this_service_does_not_understand_are_refused(
    app: TestApp,
) {
    let payload = good_claims().to_string();
    let hs256 = r#""alg":"HS256""#;
    // The same payload and key under a plain header gets in, so each refusal below is the
    // header's doing.
    for header in [
        format!("{{{hs256},\"typ\":\"JWT\"}}"),
        format!("{{{hs256}}}"),
        format!("{{{hs256},\"typ\":\"at+jwt\"}}"),
        format!("{{{hs256},\"typ\":\"application/at+JWT\"}}"),
        format!("{{{hs256},\"typ\":\"JWT\",\"kid\":\"k1\",\"jku\":\"https://evil.example/jwks\"}}"),
    ] {
        assert_eq!(
            me_status(&app, &sign_raw(&header, &payload)).await,
            200,
            "{header}"
        );
    }
    let cases = [
        // RFC 7515 4.1.11: extensions listed in crit must be understood, and this service
        // understands none.
        ("crit", format!("{{{hs256},\"crit\":[\"exp\"],\"exp\":1}}")),
        (
            "crit b64",
            format!("{{{hs256},\"crit\":[\"b64\"],\"b64\":false}}"),
        ),
        ("empty crit", format!("{{{hs256},\"crit\":[]}}")),
        ("null crit", format!("{{{hs256},\"crit\":null}}")),
        // RFC 7797: an unencoded payload is another way of reading the token.
        ("b64 false", format!("{{{hs256},\"b64\":false}}")),
        // Explicit typing (RFC 8725 3.11): a token minted for another purpose.
        ("typ dpop", format!("{{{hs256},\"typ\":\"dpop+jwt\"}}")),
        ("typ logout", format!("{{{hs256},\"typ\":\"logout+jwt\"}}")),
        // A nested token, or a JWE's header parameters on a JWS.
        ("cty JWT", format!("{{{hs256},\"cty\":\"JWT\"}}")),
        ("enc", format!("{{{hs256},\"enc\":\"A256GCM\"}}")),
        ("zip", format!("{{{hs256},\"zip\":\"DEF\"}}")),
        // RFC 7515 4: header parameter names must be unique.
        ("duplicate alg", format!("{{{hs256},{hs256}}}")),
        (
            "duplicate typ",
            format!("{{{hs256},\"typ\":\"JWT\",\"typ\":\"JWT\"}}"),
        ),
    ];
    for (what, header) in cases {
        let token = sign_raw(&header, &payload);
        let resp = app
            .request(Method::GET, "/v1/me", Some(&token))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 401, "{what}: {header}");
        problem(resp, 401, "unauthenticated").await;
    }
    // Duplicate claims: the one read is not necessarily the one a reviewer of the token saw.
    let plain = format!("{{{hs256},\"typ\":\"JWT\"}}");
    let text = payload.trim_end_matches('}');
    for extra in [
        r#""sub":"root""#,
        r#""aud":"elsewhere""#,
        r#""roles":["admin"]"#,
    ] {
        let token = sign_raw(&plain, &format!("{text},{extra}}}"));
        assert_eq!(me_status(&app, &token).await, 401, "{extra}");
    }
}

async fn an_audience_array_is_accepted_when_one_member_is_this_service(app: TestApp) {
    let with_aud = |aud: Value| {
        let mut c = good_claims();
        c["aud"] = aud;
        sign_with(Algorithm::HS256, SECRET.as_bytes(), &c)
    };
    for aud in [
        json!([AUDIENCE]),
        json!(["https://graph.example", AUDIENCE]),
        json!([AUDIENCE, AUDIENCE]),
    ] {
        let resp = app
            .request(Method::GET, "/v1/me", Some(&with_aud(aud.clone())))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200, "{aud}");
        let me: Value = resp.json().await.unwrap();
        assert_eq!(me["sub"], "mallory");
    }
    for aud in [
        json!([]),
        json!(["https://graph.example"]),
        json!(["recourse-test-other", "RECOURSE-TEST"]),
        json!([null]),
        json!([7]),
        json!({"aud": AUDIENCE}),
    ] {
        let resp = app
            .request(Method::GET, "/v1/me", Some(&with_aud(aud.clone())))
            .send()
            .await
            .unwrap();
        let body = problem(resp, 401, "unauthenticated").await;
        assert!(
            body.to_string().contains("audience") || body.to_string().contains("malformed"),
            "{aud}: {body}"
        );
    }
    let resp = app
        .request(
            Method::GET,
            "/v1/me",
            Some(&with_aud(json!(["https://graph.example"]))),
        )
        .send()
        .await
        .unwrap();
    let body = problem(resp, 401, "unauthenticated").await;
    assert!(body.to_string().contains("another audience"), "{body}");
}
