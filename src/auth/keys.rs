//! Token verification and signing keys, from configuration.

use std::{fs, io::Write, path::Path};

use anyhow::Context;
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
    errors::ErrorKind, jwk::JwkSet,
};
use rand::Rng;

use super::Claims;
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
        Ok(decode::<Claims>(token, key, &self.validation)?.claims)
    }
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
            claims.aud = self.audience.clone();
        }
        Ok(encode(&Header::new(self.algorithm), &claims, &self.key)?)
    }
}
