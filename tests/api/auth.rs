//! Token verification: only well-formed, unexpired tokens for this audience, signed with the
//! pinned algorithm and key, get through.

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{AUDIENCE, ISSUER, SECRET, TestApp, claims, problem};

engine_tests!(
    bad_tokens_are_refused,
    a_good_token_identifies_the_caller,
    unknown_roles_grant_nothing
);

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
        ("wrong audience", with("aud", json!("someone-else"))),
        ("wrong issuer", with("iss", json!("evil-idp"))),
        ("no exp", without("exp")),
        ("no aud", without("aud")),
        ("no sub", without("sub")),
        ("malformed team", with("team", json!("North Team"))),
        ("garbage", "a.b.c".to_owned()),
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
