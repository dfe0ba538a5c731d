//! Asymmetric keys from an identity provider: PEM public keys and JWKS files, with the
//! algorithm pinned.

use std::{path::PathBuf, time::Duration};

use jsonwebtoken::Algorithm;
use recourse::{
    auth::{Audience, Signer, Verifier},
    config::{JwtConfig, KeySource},
};

use crate::harness::claims;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn config(algorithm: Algorithm, key: KeySource, private: &str) -> JwtConfig {
    JwtConfig {
        algorithm,
        key,
        private_key_file: Some(fixture(private)),
        issuer: Some("https://idp.example".into()),
        audience: Some("recourse".into()),
        leeway: Duration::from_secs(5),
    }
}

#[test]
fn rs256_tokens_verify_against_a_pem_public_key() {
    let cfg = config(
        Algorithm::RS256,
        KeySource::PublicKeyPem(fixture("rsa-public.pem")),
        "rsa-private.pem",
    );
    let token = Signer::from_config(&cfg)
        .unwrap()
        .sign(claims("idp-user", &["analyst"], None))
        .unwrap();
    let verified = Verifier::from_config(&cfg).unwrap().verify(&token).unwrap();
    assert_eq!(verified.sub, "idp-user");
    assert_eq!(verified.roles, vec!["analyst".to_owned()]);
}

#[test]
fn es256_tokens_verify_and_other_algorithms_do_not() {
    let es = config(
        Algorithm::ES256,
        KeySource::PublicKeyPem(fixture("ec-public.pem")),
        "ec-private.pem",
    );
    let token = Signer::from_config(&es)
        .unwrap()
        .sign(claims("svc", &["integrator"], None))
        .unwrap();
    assert!(Verifier::from_config(&es).unwrap().verify(&token).is_ok());
    // The same service pinned to RS256 refuses an ES256 token outright.
    let rs = config(
        Algorithm::RS256,
        KeySource::PublicKeyPem(fixture("rsa-public.pem")),
        "rsa-private.pem",
    );
    let err = Verifier::from_config(&rs)
        .unwrap()
        .verify(&token)
        .unwrap_err();
    assert_eq!(
        err.public_reason(),
        "the bearer token uses an algorithm this service does not accept"
    );
}

#[test]
fn a_jwks_key_is_chosen_by_kid() {
    let cfg = config(
        Algorithm::RS256,
        KeySource::JwksFile(fixture("rsa-jwks.json")),
        "rsa-private.pem",
    );
    let verifier = Verifier::from_config(&cfg).unwrap();
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(
        &std::fs::read(fixture("rsa-private.pem")).unwrap(),
    )
    .unwrap();
    let mut body = claims("idp-user", &["agent"], Some("north"));
    body.iss = Some("https://idp.example".into());
    body.aud = Some("recourse".into());
    let sign = |kid: Option<&str>| {
        let mut header = jsonwebtoken::Header::new(Algorithm::RS256);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(&header, &body, &key).unwrap()
    };
    assert!(verifier.verify(&sign(Some("test-key-1"))).is_ok());
    // The only key serves a token without a kid.
    assert!(verifier.verify(&sign(None)).is_ok());
    let err = verifier.verify(&sign(Some("rotated-away"))).unwrap_err();
    assert_eq!(
        err.public_reason(),
        "the bearer token is signed with an unknown key"
    );
}

#[test]
fn a_shared_secret_cannot_pose_as_a_public_key() {
    // HS256 pinned with a secret never accepts an RS256 token, even one signed with a key
    // whose public half an attacker could present as the "secret".
    let hs = JwtConfig {
        algorithm: Algorithm::HS256,
        key: KeySource::Secret(recourse::config::Secret::new(
            std::fs::read_to_string(fixture("rsa-public.pem")).unwrap(),
        )),
        private_key_file: None,
        issuer: None,
        audience: None,
        leeway: Duration::ZERO,
    };
    let rs = config(
        Algorithm::RS256,
        KeySource::PublicKeyPem(fixture("rsa-public.pem")),
        "rsa-private.pem",
    );
    let token = Signer::from_config(&rs)
        .unwrap()
        .sign(claims("x", &["admin"], None))
        .unwrap();
    assert!(Verifier::from_config(&hs).unwrap().verify(&token).is_err());
}

#[test]
fn after_a_key_rotation_the_kid_picks_the_key_and_no_other_key_will_do() {
    // The identity provider publishes the outgoing and the incoming key side by side.
    let cfg = config(
        Algorithm::RS256,
        KeySource::JwksFile(fixture("rsa-jwks-rotated.json")),
        "rsa-private.pem",
    );
    let verifier = Verifier::from_config(&cfg).unwrap();
    let key = |file: &str| {
        jsonwebtoken::EncodingKey::from_rsa_pem(&std::fs::read(fixture(file)).unwrap()).unwrap()
    };
    let mut body = claims("idp-user", &["agent"], Some("north"));
    body.iss = Some("https://idp.example".into());
    body.aud = Some("recourse".into());
    let sign = |file: &str, kid: Option<&str>| {
        let mut header = jsonwebtoken::Header::new(Algorithm::RS256);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(&header, &body, &key(file)).unwrap()
    };
    assert!(
        verifier
            .verify(&sign("rsa-private.pem", Some("test-key-1")))
            .is_ok()
    );
    assert!(
        verifier
            .verify(&sign("rsa2-private.pem", Some("test-key-2")))
            .is_ok()
    );
    // The kid names the key the signature must match: the other key's signature fails.
    let crossed = verifier
        .verify(&sign("rsa2-private.pem", Some("test-key-1")))
        .unwrap_err();
    assert_eq!(
        crossed.public_reason(),
        "the bearer token's signature does not verify"
    );
    // With two keys a token must say which; an unknown kid is refused.
    for token in [
        sign("rsa2-private.pem", None),
        sign("rsa2-private.pem", Some("test-key-3")),
    ] {
        assert_eq!(
            verifier.verify(&token).unwrap_err().public_reason(),
            "the bearer token is signed with an unknown key"
        );
    }
}

#[test]
fn a_public_key_cannot_be_used_as_a_shared_secret() {
    // Algorithm confusion: the service verifies RS256 with a public key anyone may have; an
    // attacker signs HS256 with that public key's PEM as the HMAC secret.
    let cfg = config(
        Algorithm::RS256,
        KeySource::PublicKeyPem(fixture("rsa-public.pem")),
        "rsa-private.pem",
    );
    let mut body = claims("mallory", &["admin"], None);
    body.iss = Some("https://idp.example".into());
    body.aud = Some("recourse".into());
    let public_pem = std::fs::read(fixture("rsa-public.pem")).unwrap();
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(Algorithm::HS256),
        &body,
        &jsonwebtoken::EncodingKey::from_secret(&public_pem),
    )
    .unwrap();
    let err = Verifier::from_config(&cfg)
        .unwrap()
        .verify(&forged)
        .unwrap_err();
    assert_eq!(
        err.public_reason(),
        "the bearer token uses an algorithm this service does not accept"
    );
}

#[test]
fn a_token_longer_than_the_limit_is_refused_before_it_is_decoded() {
    let cfg = config(
        Algorithm::RS256,
        KeySource::PublicKeyPem(fixture("rsa-public.pem")),
        "rsa-private.pem",
    );
    let signer = Signer::from_config(&cfg).unwrap();
    let verifier = Verifier::from_config(&cfg).unwrap();
    let mut body = claims("idp-user", &["agent"], Some("north"));
    body.iss = Some("https://idp.example".into());
    body.aud = Some("recourse".into());
    // A genuine, correctly signed token, made long by its name.
    body.name = Some("x".repeat(recourse::auth::MAX_TOKEN_BYTES));
    let long = signer.sign(body.clone()).unwrap();
    assert!(long.len() > recourse::auth::MAX_TOKEN_BYTES);
    assert_eq!(
        verifier.verify(&long).unwrap_err().public_reason(),
        "the bearer token is too long"
    );
    body.name = Some("x".repeat(1024));
    assert!(verifier.verify(&signer.sign(body).unwrap()).is_ok());
}

#[test]
fn an_identity_provider_token_with_several_audiences_verifies_and_one_with_crit_does_not() {
    let cfg = config(
        Algorithm::RS256,
        KeySource::JwksFile(fixture("rsa-jwks.json")),
        "rsa-private.pem",
    );
    let verifier = Verifier::from_config(&cfg).unwrap();
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(
        &std::fs::read(fixture("rsa-private.pem")).unwrap(),
    )
    .unwrap();
    let mut body = claims("idp-user", &["agent"], Some("north"));
    body.iss = Some("https://idp.example".into());
    // As identity providers issue it: this service and another API.
    body.aud = Some(Audience::Many(vec![
        "https://graph.idp.example".into(),
        "recourse".into(),
    ]));
    let sign = |header: jsonwebtoken::Header, body: &recourse::auth::Claims| {
        jsonwebtoken::encode(&header, body, &key).unwrap()
    };
    let mut header = jsonwebtoken::Header::new(Algorithm::RS256);
    header.kid = Some("test-key-1".into());
    header.typ = Some("at+jwt".into());
    let verified = verifier.verify(&sign(header.clone(), &body)).unwrap();
    assert_eq!(verified.sub, "idp-user");

    let mut elsewhere = body.clone();
    elsewhere.aud = Some(Audience::Many(vec!["https://graph.idp.example".into()]));
    assert_eq!(
        verifier
            .verify(&sign(header.clone(), &elsewhere))
            .unwrap_err()
            .public_reason(),
        "the bearer token is for another audience"
    );

    let mut critical = header;
    critical.crit = Some(vec!["https://idp.example/bound".into()]);
    critical
        .extras
        .insert("https://idp.example/bound", serde_json::json!(true));
    assert!(
        verifier
            .verify(&sign(critical, &body))
            .unwrap_err()
            .public_reason()
            .contains("critical header parameters")
    );
}
