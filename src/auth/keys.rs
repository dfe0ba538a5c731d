//! Token verification and signing keys, from configuration.

use std::{fs, io::Write, path::Path};

use anyhow::Context;
use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
    errors::ErrorKind, jwk::JwkSet,
};
use rand::Rng;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::principal::{Audience, Claims};
use crate::config::{JwtConfig, KeySource, Secret};

/// Why a token was refused. Only [`VerifyError::public_reason`] is shown to callers.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("token rejected: {0}")]
    Jwt(#[from] jsonwebtoken::errors::Error),
    #[error("no key in the JWKS matches the token's kid")]
    UnknownKey,
    #[error("the token is longer than {MAX_TOKEN_BYTES} bytes")]
    TooLong,
    #[error("header refused: {0}")]
    Header(&'static str),
    #[error("the token's iat is later than now plus the leeway")]
    IssuedLater,
}

/// The longest bearer token accepted. Real tokens are well under 2 KiB; refusing longer
/// ones before decoding bounds the work an unauthenticated caller can ask for.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

impl VerifyError {
    /// A reason safe to return: it names the failed check, never the token or key.
    pub fn public_reason(&self) -> &'static str {
        match self {
            VerifyError::Jwt(err) => match err.kind() {
                ErrorKind::ExpiredSignature => "the bearer token has expired",
                ErrorKind::ImmatureSignature => "the bearer token is not valid yet",
                ErrorKind::InvalidAudience => "the bearer token is for another audience",
                ErrorKind::InvalidIssuer => "the bearer token is from an untrusted issuer",
                ErrorKind::InvalidAlgorithm => {
                    "the bearer token uses an algorithm this service does not accept"
                }
                ErrorKind::MissingRequiredClaim(_) => "the bearer token lacks a required claim",
                ErrorKind::InvalidSignature => "the bearer token's signature does not verify",
                _ => "the bearer token is malformed",
            },
            VerifyError::UnknownKey => "the bearer token is signed with an unknown key",
            VerifyError::TooLong => "the bearer token is too long",
            VerifyError::Header(reason) => reason,
            VerifyError::IssuedLater => "the bearer token says it was issued in the future",
        }
    }
}

enum VerifyKeys {
    One(DecodingKey),
    /// (kid, key) pairs from a JWKS.
    Set(Vec<(Option<String>, DecodingKey)>),
}

/// Verifies bearer tokens with one pinned algorithm.
pub struct Verifier {
    validation: Validation,
    keys: VerifyKeys,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("algorithms", &self.validation.algorithms)
            .finish_non_exhaustive()
    }
}

/// Reads the shared secret from `path`, creating it (mode 0600, 64 random bytes, hex) when it
/// does not exist yet. Returns the secret and whether it was created.
pub fn load_or_create_secret(path: &Path) -> anyhow::Result<(Secret, bool)> {
    match fs::read_to_string(path) {
        Ok(text) => {
            let secret = text.trim().to_owned();
            anyhow::ensure!(
                secret.len() >= 32,
                "{} holds a secret shorter than 32 characters",
                path.display()
            );
            Ok((Secret::new(secret), false))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 64];
            rand::rng().fill(&mut bytes[..]);
            let secret = hex::encode(bytes);
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(path)
                .with_context(|| format!("creating {}", path.display()))?;
            file.write_all(secret.as_bytes())?;
            Ok((Secret::new(secret), true))
        }
        Err(err) => Err(err).with_context(|| format!("reading {}", path.display())),
    }
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn shared_secret(source: &KeySource) -> anyhow::Result<Option<Secret>> {
    Ok(match source {
        KeySource::Secret(s) => {
            anyhow::ensure!(
                s.expose().len() >= 32,
                "the JWT secret must be at least 32 characters"
            );
            Some(s.clone())
        }
        KeySource::SecretFile(path) => {
            let (secret, created) = load_or_create_secret(path)?;
            if created {
                tracing::info!(path = %path.display(), "generated a new token signing secret");
            }
            Some(secret)
        }
        _ => None,
    })
}

fn public_key(algorithm: Algorithm, pem: &[u8]) -> anyhow::Result<DecodingKey> {
    use Algorithm::*;
    Ok(match algorithm {
        RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => DecodingKey::from_rsa_pem(pem)?,
        ES256 | ES384 => DecodingKey::from_ec_pem(pem)?,
        EdDSA => DecodingKey::from_ed_pem(pem)?,
        _ => anyhow::bail!("{algorithm:?} takes a shared secret, not a public key"),
    })
}

impl Verifier {
    pub fn from_config(config: &JwtConfig) -> anyhow::Result<Verifier> {
        let mut validation = Validation::new(config.algorithm);
        validation.leeway = config.leeway.as_secs();
        validation.validate_nbf = true;
        let mut required = vec!["exp", "sub"];
        match &config.audience {
            Some(aud) => {
                validation.set_audience(&[aud]);
                required.push("aud");
            }
            None => validation.validate_aud = false,
        }
        if let Some(iss) = &config.issuer {
            validation.set_issuer(&[iss]);
            required.push("iss");
        }
        validation.set_required_spec_claims(&required);

        let keys = if let Some(secret) = shared_secret(&config.key)? {
            VerifyKeys::One(DecodingKey::from_secret(secret.expose().as_bytes()))
        } else {
            match &config.key {
                KeySource::PublicKeyPem(path) => {
                    VerifyKeys::One(public_key(config.algorithm, &read(path)?)?)
                }
                KeySource::JwksFile(path) => {
                    let set: JwkSet = serde_json::from_slice(&read(path)?)
                        .with_context(|| format!("parsing JWKS {}", path.display()))?;
                    let keys = set
                        .keys
                        .iter()
                        .map(|jwk| Ok((jwk.common.key_id.clone(), DecodingKey::from_jwk(jwk)?)))
                        .collect::<anyhow::Result<Vec<_>>>()?;
                    anyhow::ensure!(!keys.is_empty(), "{} holds no keys", path.display());
                    VerifyKeys::Set(keys)
                }
                KeySource::Secret(_) | KeySource::SecretFile(_) => {
                    anyhow::bail!(
                        "{:?} needs a public key, not a shared secret",
                        config.algorithm
                    )
                }
            }
        };
        Ok(Verifier { validation, keys })
    }

    pub fn verify(&self, token: &str) -> Result<Claims, VerifyError> {
        if token.len() > MAX_TOKEN_BYTES {
            return Err(VerifyError::TooLong);
        }
        check_header(token)?;
        let key = match &self.keys {
            VerifyKeys::One(key) => key,
            VerifyKeys::Set(keys) => {
                let kid = decode_header(token)?.kid;
                match (kid, keys.as_slice()) {
                    (None, [(_, only)]) => only,
                    (Some(kid), keys) => keys
                        .iter()
                        .find(|(k, _)| k.as_deref() == Some(kid.as_str()))
                        .map(|(_, key)| key)
                        .ok_or(VerifyError::UnknownKey)?,
                    (None, _) => return Err(VerifyError::UnknownKey),
                }
            }
        };
        let claims = decode::<Claims>(token, key, &self.validation)?.claims;
        // jsonwebtoken leaves `iat` alone. A token issued later than now (beyond the leeway
        // `nbf` and `exp` get) comes from a wrong clock or was minted to outlive its keys'
        // rotation; refused like a token that is not valid yet.
        let latest = chrono::Utc::now()
            .timestamp()
            .saturating_add_unsigned(self.validation.leeway);
        if claims.iat.is_some_and(|iat| iat > latest) {
            return Err(VerifyError::IssuedLater);
        }
        Ok(claims)
    }
}

/// The header parameters jsonwebtoken parses but does not act on. Each changes how a token
/// must be read, so a token carrying one this service does not implement is refused rather
/// than read the ordinary way. Unknown parameters outside `crit` are ignored, as RFC 7515 4
/// asks; repeated names are refused by the header's own parser.
#[derive(Deserialize)]
struct JoseHeader {
    /// RFC 7515 4.1.11: extensions the recipient must understand. Recourse implements none,
    /// so any `crit` (even `[]` or `null`, which the RFC forbids) is refused.
    #[serde(default, deserialize_with = "present")]
    crit: Option<Value>,
    /// RFC 7797: `false` means an unencoded payload, read differently from the default.
    #[serde(default, deserialize_with = "present")]
    b64: Option<Value>,
    /// RFC 8725 3.11: a token typed for another purpose (a DPoP proof, a logout token) must
    /// not pass as an access token, even when the same issuer signed it.
    #[serde(default, deserialize_with = "present")]
    typ: Option<Value>,
    /// A nested token (`cty: JWT`) or any other content type: the payload is not claims.
    #[serde(default, deserialize_with = "present")]
    cty: Option<Value>,
    /// JWE header parameters (RFC 7516), meaningless on a signed token.
    #[serde(default, deserialize_with = "present")]
    enc: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    zip: Option<Value>,
}

/// Some(value) whenever the member is there, `null` included.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// The `typ` values of an access token: `JWT` (RFC 7519 5.1) and `at+jwt` (RFC 9068), with
/// or without the `application/` prefix, compared without regard to case (RFC 7515 4.1.9).
fn is_access_token_type(typ: &str) -> bool {
    let typ = typ.to_ascii_lowercase();
    let typ = typ.strip_prefix("application/").unwrap_or(&typ);
    typ == "jwt" || typ == "at+jwt"
}

fn check_header(token: &str) -> Result<(), VerifyError> {
    const MALFORMED: VerifyError = VerifyError::Header("the bearer token is malformed");
    let encoded = token.split('.').next().unwrap_or_default();
    let json = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| MALFORMED)?;
    let header: JoseHeader = serde_json::from_slice(&json).map_err(|_| MALFORMED)?;
    if header.crit.is_some() {
        return Err(VerifyError::Header(
            "the bearer token lists critical header parameters this service does not understand",
        ));
    }
    if header.b64.is_some_and(|b64| b64 != Value::Bool(true)) {
        return Err(VerifyError::Header(
            "the bearer token's payload encoding (b64) is not supported",
        ));
    }
    match &header.typ {
        None => {}
        Some(Value::String(typ)) if is_access_token_type(typ) => {}
        Some(_) => {
            return Err(VerifyError::Header(
                "the bearer token's type (typ) is not an access token",
            ));
        }
    }
    if header.cty.is_some() || header.enc.is_some() || header.zip.is_some() {
        return Err(VerifyError::Header(
            "the bearer token is nested or encrypted, which this service does not accept",
        ));
    }
    Ok(())
}

/// Mints tokens for `recourse token` and for tests.
pub struct Signer {
    algorithm: Algorithm,
    key: EncodingKey,
    issuer: Option<String>,
    audience: Option<String>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl Signer {
    pub fn from_config(config: &JwtConfig) -> anyhow::Result<Signer> {
        use Algorithm::*;
        let key = if let Some(secret) = shared_secret(&config.key)? {
            EncodingKey::from_secret(secret.expose().as_bytes())
        } else {
            let path = config.private_key_file.as_deref().ok_or_else(|| {
                anyhow::anyhow!(
                    "minting {:?} tokens needs --jwt-private-key-file",
                    config.algorithm
                )
            })?;
            let pem = read(path)?;
            match config.algorithm {
                RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => EncodingKey::from_rsa_pem(&pem)?,
                ES256 | ES384 => EncodingKey::from_ec_pem(&pem)?,
                EdDSA => EncodingKey::from_ed_pem(&pem)?,
                other => anyhow::bail!("{other:?} takes a shared secret, not a private key"),
            }
        };
        Ok(Signer {
            algorithm: config.algorithm,
            key,
            issuer: config.issuer.clone(),
            audience: config.audience.clone(),
        })
    }

    /// Signs `claims`, filling in `iss` and `aud` from the configuration when absent.
    pub fn sign(&self, mut claims: Claims) -> anyhow::Result<String> {
        if claims.iss.is_none() {
            claims.iss = self.issuer.clone();
        }
        if claims.aud.is_none() {
            claims.aud = self.audience.clone().map(Audience::One);
        }
        Ok(encode(&Header::new(self.algorithm), &claims, &self.key)?)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::*;

    const SECRET: &str = "unit-test-secret-0123456789-0123456789";

    fn verifier(audience: Option<&str>) -> Verifier {
        Verifier::from_config(&JwtConfig {
            algorithm: Algorithm::HS256,
            key: KeySource::Secret(Secret::new(SECRET)),
            private_key_file: None,
            issuer: None,
            audience: audience.map(str::to_owned),
            leeway: Duration::ZERO,
        })
        .expect("test value")
    }

    /// Signs header and claims written as JSON text, which may say what no encoder would.
    fn sign(header: &str, claims: &str) -> String {
        use hmac::{Hmac, Mac};
        let message = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(claims)
        );
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).expect("test value");
        mac.update(message.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{message}.{signature}")
    }

    fn token(header: &Value, claims: &Value) -> String {
        sign(&header.to_string(), &claims.to_string())
    }

    fn claims(aud: Value) -> Value {
        let exp = chrono::Utc::now().timestamp() + 600;
        json!({"sub": "u1", "exp": exp, "aud": aud})
    }

    #[test]
    fn an_audience_is_one_string_or_an_array_of_them() {
        let one: Audience = serde_json::from_value(json!("api")).expect("test value");
        assert_eq!(one, Audience::One("api".into()));
        let many: Audience = serde_json::from_value(json!(["a", "api"])).expect("test value");
        assert!(many.contains("api") && !many.contains("b"));
        assert!(serde_json::from_value::<Audience>(json!([1])).is_err());
        assert!(serde_json::from_value::<Audience>(json!({"a": 1})).is_err());
        // A token minted with one audience still carries it as a plain string.
        assert_eq!(
            serde_json::to_value(Audience::from("api")).expect("test value"),
            "api"
        );
    }

    #[test]
    fn an_audience_array_passes_when_one_member_is_the_configured_audience() {
        let v = verifier(Some("recourse"));
        let header = json!({"alg": "HS256", "typ": "JWT"});
        let ok = v
            .verify(&token(&header, &claims(json!(["other", "recourse"]))))
            .expect("test value");
        assert_eq!(
            ok.aud,
            Some(Audience::Many(vec!["other".into(), "recourse".into()]))
        );
        assert!(
            v.verify(&token(&header, &claims(json!("recourse"))))
                .is_ok()
        );
        for aud in [json!(["other"]), json!([]), json!("other")] {
            let err = v
                .verify(&token(&header, &claims(aud.clone())))
                .expect_err("refused");
            assert_eq!(
                err.public_reason(),
                "the bearer token is for another audience",
                "{aud}"
            );
        }
        let err = v
            .verify(&token(&header, &claims(Value::Null)))
            .expect_err("refused");
        assert_eq!(
            err.public_reason(),
            "the bearer token lacks a required claim"
        );
    }

    #[test]
    fn header_parameters_that_change_how_a_token_is_read_are_refused() {
        let v = verifier(Some("recourse"));
        let body = claims(json!("recourse"));
        let accepted = [
            json!({"alg": "HS256"}),
            json!({"alg": "HS256", "typ": "JWT"}),
            json!({"alg": "HS256", "typ": "jwt"}),
            json!({"alg": "HS256", "typ": "application/jwt"}),
            json!({"alg": "HS256", "typ": "at+jwt"}),
            json!({"alg": "HS256", "typ": "Application/AT+JWT"}),
            json!({"alg": "HS256", "b64": true}),
            // Unknown parameters outside crit are ignored (RFC 7515 4).
            json!({"alg": "HS256", "x-vendor": 1}),
            // Key-locating parameters are never followed: the configured key verifies.
            json!({"alg": "HS256", "jku": "https://evil.example/k", "x5u": "https://evil.example/c"}),
        ];
        for header in accepted {
            assert!(v.verify(&token(&header, &body)).is_ok(), "{header}");
        }
        let refused = [
            (
                json!({"alg": "HS256", "crit": ["exp"], "exp": 1}),
                "critical",
            ),
            (
                json!({"alg": "HS256", "crit": ["b64"], "b64": false}),
                "critical",
            ),
            (json!({"alg": "HS256", "crit": []}), "critical"),
            (json!({"alg": "HS256", "crit": null}), "critical"),
            (json!({"alg": "HS256", "crit": "b64"}), "critical"),
            (json!({"alg": "HS256", "b64": false}), "b64"),
            (json!({"alg": "HS256", "b64": "false"}), "b64"),
            (json!({"alg": "HS256", "typ": "dpop+jwt"}), "typ"),
            (json!({"alg": "HS256", "typ": "secevent+jwt"}), "typ"),
            (json!({"alg": "HS256", "typ": "JWS"}), "typ"),
            (json!({"alg": "HS256", "typ": null}), "typ"),
            (json!({"alg": "HS256", "typ": ["JWT"]}), "typ"),
            (json!({"alg": "HS256", "cty": "JWT"}), "nested"),
            (json!({"alg": "HS256", "enc": "A256GCM"}), "encrypted"),
            (json!({"alg": "HS256", "zip": "DEF"}), "encrypted"),
        ];
        for (header, reason) in refused {
            let err = v.verify(&token(&header, &body)).expect_err("refused");
            assert!(
                err.public_reason().contains(reason),
                "{header}: {}",
                err.public_reason()
            );
        }
    }

    #[test]
    fn a_token_issued_later_than_now_is_refused() {
        let v = verifier(None);
        let header = json!({"alg": "HS256"});
        let now = chrono::Utc::now().timestamp();
        let with_iat = |iat: i64| json!({"sub": "u1", "exp": now + 600, "iat": iat});
        assert!(v.verify(&token(&header, &with_iat(now))).is_ok());
        assert!(v.verify(&token(&header, &with_iat(now - 300))).is_ok());
        let err = v
            .verify(&token(&header, &with_iat(now + 3600)))
            .expect_err("refused");
        assert_eq!(
            err.public_reason(),
            "the bearer token says it was issued in the future"
        );
    }

    #[test]
    fn repeated_names_in_the_header_or_the_claims_are_refused() {
        let v = verifier(Some("recourse"));
        let exp = chrono::Utc::now().timestamp() + 600;
        let body = format!(r#"{{"sub":"u1","exp":{exp},"aud":"recourse"}}"#);
        assert!(v.verify(&sign(r#"{"alg":"HS256"}"#, &body)).is_ok());
        for header in [
            r#"{"alg":"HS256","alg":"HS256"}"#,
            r#"{"alg":"HS256","typ":"JWT","typ":"dpop+jwt"}"#,
            r#"{"alg":"HS256","crit":["x"],"crit":null}"#,
        ] {
            assert!(v.verify(&sign(header, &body)).is_err(), "{header}");
        }
        for repeat in [r#""sub":"root""#, r#""aud":"other""#, r#""exp":1"#] {
            let doubled = format!("{},{repeat}}}", body.trim_end_matches('}'));
            assert!(
                v.verify(&sign(r#"{"alg":"HS256"}"#, &doubled)).is_err(),
                "{repeat}"
            );
        }
    }
}
