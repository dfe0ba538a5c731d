//! Authentication as a type: an operation that takes [`BearerAuth`] cannot run unless the
//! request carries a verified token, and its first line asks the principal for the one
//! permission it needs.

pub mod keys;
pub mod principal;

use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

pub use keys::{MAX_TOKEN_BYTES, Signer, Verifier, VerifyError};
pub use principal::{Actor, Audience, Claims, Principal, is_team_key};

use crate::{domain::access::rbac::Permission, error::ApiError, state::AppState};

/// Bearer JWT. Verified with the configured algorithm and key; `exp` required.
#[derive(SecurityScheme, Debug)]
#[oai(
    rename = "bearerAuth",
    ty = "bearer",
    bearer_format = "JWT",
    checker = "authenticate"
)]
pub struct BearerAuth(pub Principal);

impl BearerAuth {
    pub fn require(&self, permission: Permission) -> Result<Actor, ApiError> {
        self.0.require(permission)
    }
}

async fn authenticate(req: &Request, bearer: Bearer) -> poem::Result<Principal> {
    let state = req
        .data::<AppState>()
        .ok_or_else(|| ApiError::internal("application state is not attached"))?;
    let claims = state.verifier.verify(&bearer.token).map_err(|err| {
        tracing::debug!(reason = %err, "bearer token refused");
        ApiError::unauthenticated(err.public_reason())
    })?;
    let principal = Principal::from_claims(claims)?;
    // Before any database work, so a caller over its limit costs next to nothing.
    state
        .limiter
        .check(&principal.sub)
        .map_err(ApiError::rate_limited)?;
    crate::service::admin::users::remember(state, &principal).await?;
    Ok(principal)
}
