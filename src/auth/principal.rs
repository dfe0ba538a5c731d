//! Who is calling and what they may do: the token's claims, the verified principal, and the
//! [`Actor`] a permission check returns. Plain types with no HTTP framework in them, so that
//! services can take an actor without depending on the web layer.

use serde::{Deserialize, Serialize};

use crate::{
    domain::access::rbac::{Permission, Role, Scope, granting_role, grants},
    error::ApiError,
};

/// The `aud` claim: one audience or several (RFC 7519 4.1.3). With an audience configured,
/// the verifier accepts a token when it is one of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    /// Whether `audience` is one of the token's audiences.
    pub fn contains(&self, audience: &str) -> bool {
        match self {
            Audience::One(one) => one == audience,
            Audience::Many(many) => many.iter().any(|a| a == audience),
        }
    }
}

impl From<&str> for Audience {
    fn from(audience: &str) -> Self {
        Audience::One(audience.to_owned())
    }
}

impl From<String> for Audience {
    fn from(audience: String) -> Self {
        Audience::One(audience)
    }
}

/// The claims Recourse reads from a bearer token. `exp` is always required; `iss`, `aud` and
/// `nbf` are checked by the verifier when configured.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Audience>,
}

/// Whether `key` is a valid team key: lower-case letters, digits, `_` and `-`, 1 to 64 long,
/// starting with a letter or digit.
pub fn is_team_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && key.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// A verified caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub sub: String,
    pub name: String,
    /// Known roles from the token; unknown role names are ignored.
    pub roles: Vec<Role>,
    pub team: Option<String>,
}

impl Principal {
    pub fn from_claims(claims: Claims) -> Result<Principal, ApiError> {
        if claims.sub.trim().is_empty() || claims.sub.len() > 255 {
            return Err(ApiError::unauthenticated(
                "the token's sub claim must be 1 to 255 characters",
            ));
        }
        // Both are stored (as the acting user, and in the audit trail): a control character,
        // NUL above all, which PostgreSQL refuses in text, would break every request of the
        // token rather than the first one.
        if claims.sub.chars().any(char::is_control) {
            return Err(ApiError::unauthenticated(
                "the token's sub claim contains a control character",
            ));
        }
        if claims
            .name
            .as_deref()
            .is_some_and(|n| n.chars().any(char::is_control))
        {
            return Err(ApiError::unauthenticated(
                "the token's name claim contains a control character",
            ));
        }
        if let Some(team) = &claims.team
            && !is_team_key(team)
        {
            return Err(ApiError::unauthenticated(
                "the token's team claim is not a valid team key",
            ));
        }
        let mut roles: Vec<Role> = claims.roles.iter().filter_map(|r| Role::parse(r)).collect();
        roles.sort();
        roles.dedup();
        let name = claims
            .name
            .filter(|n| !n.trim().is_empty())
            .map(|n| n.chars().take(200).collect())
            .unwrap_or_else(|| claims.sub.clone());
        Ok(Principal {
            sub: claims.sub,
            name,
            roles,
            team: claims.team,
        })
    }

    /// The caller, acting under the first of its roles that grants `permission`; 403 if none.
    /// The actor reaches only the complaints a role granting `permission` reaches: a second
    /// role lends its permissions or its reach, never one to the other.
    pub fn require(&self, permission: Permission) -> Result<Actor, ApiError> {
        let role = granting_role(&self.roles, permission).ok_or_else(|| {
            ApiError::forbidden(format!(
                "this operation needs the {} permission, which none of your roles grants",
                permission.as_str()
            ))
        })?;
        Ok(Actor {
            sub: self.sub.clone(),
            role,
            roles: self
                .roles
                .iter()
                .copied()
                .filter(|r| grants(*r, permission))
                .collect(),
            team: self.team.clone(),
            scope: Scope::of_permission(&self.roles, permission, &self.sub, self.team.as_deref()),
            held: self.roles.clone(),
        })
    }
}

/// A principal cleared for one permission: who acts, in which role, over which complaints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub sub: String,
    /// The role the actor acts in, recorded in the audit trail: the first of `roles`.
    pub role: Role,
    /// The roles that grant the required permission (procedure actions pick among them the
    /// one that may act); after [`Actor::within`], only those that reach the complaint.
    pub roles: Vec<Role>,
    pub team: Option<String>,
    /// The complaints the required permission reaches.
    pub scope: Scope,
    /// Every role the token carries, for what a response may show beyond the required
    /// permission ([`Actor::may_on`]), each within its own reach.
    held: Vec<Role>,
}

impl Actor {
    /// Whether one of the caller's roles both grants `permission` and reaches the complaint of
    /// `team` created by `created_by` (for what a response may show beyond the permission the
    /// operation required, such as vulnerability details in the audit trail).
    pub fn may_on(&self, permission: Permission, team: &str, created_by: &str) -> bool {
        Scope::of_permission(&self.held, permission, &self.sub, self.team.as_deref())
            .covers(team, created_by)
    }

    /// A person of the system a case is imported from, acting on it in `role`: named by their
    /// name or id there, and need not be a user here. They reach the case being imported and
    /// nothing else (the import holds it, and acts only on it).
    pub fn recorded(sub: &str, role: Role, team: &str) -> Actor {
        let held = vec![role];
        Actor {
            sub: sub.to_owned(),
            role,
            roles: held.clone(),
            team: Some(team.to_owned()),
            scope: Scope {
                team: Some(team.to_owned()),
                ..Scope::default()
            },
            held,
        }
    }

    /// The actor narrowed to one complaint it reaches: only the roles whose own reach covers
    /// the complaint act on it, and the first of them is the role recorded. A south agent who
    /// is also an integrator acts as the integrator on the complaint it logged for north.
    pub fn within(&self, team: &str, created_by: &str) -> Actor {
        let roles: Vec<Role> = self
            .roles
            .iter()
            .copied()
            .filter(|r| Scope::of(&[*r], &self.sub, self.team.as_deref()).covers(team, created_by))
            .collect();
        Actor {
            role: roles.first().copied().unwrap_or(self.role),
            roles,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(roles: &[&str], team: Option<&str>) -> Claims {
        Claims {
            sub: "alice".into(),
            name: None,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            team: team.map(str::to_owned),
            exp: 0,
            iat: None,
            nbf: None,
            iss: None,
            aud: None,
        }
    }

    #[test]
    fn unknown_roles_are_ignored_and_the_name_defaults_to_the_subject() {
        let p = Principal::from_claims(claims(&["agent", "superuser", "agent"], Some("north")));
        let p = p.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.roles, vec![Role::Agent]);
        assert_eq!(p.name, "alice");
    }

    #[test]
    fn a_malformed_team_claim_is_refused() {
        for team in ["North", "", "a b", "-x", &"x".repeat(65)] {
            assert!(
                Principal::from_claims(claims(&["agent"], Some(team))).is_err(),
                "{team:?}"
            );
        }
    }

    #[test]
    fn require_names_the_acting_role_and_refuses_without_one() {
        let p = Principal::from_claims(claims(&["auditor", "agent"], Some("north")))
            .unwrap_or_else(|e| panic!("{e}"));
        let actor = p
            .require(Permission::CreateComplaint)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(actor.role, Role::Agent);
        // The auditor reads everything but logs nothing: logging reaches north only.
        assert!(!actor.scope.all);
        assert_eq!(actor.scope.team.as_deref(), Some("north"));
        let auditor =
            Principal::from_claims(claims(&["auditor"], None)).unwrap_or_else(|e| panic!("{e}"));
        let err = auditor.require(Permission::CreateComplaint).err();
        assert_eq!(
            err.map(|e| e.code),
            Some(crate::error::ErrorCode::Forbidden)
        );
    }

    #[test]
    fn control_characters_in_sub_or_name_are_refused() {
        let mut nul_sub = claims(&["agent"], Some("north"));
        nul_sub.sub = "ali\u{0}ce".into();
        let mut nul_name = claims(&["agent"], Some("north"));
        nul_name.name = Some("Alice\u{0}".into());
        let mut newline = claims(&["agent"], Some("north"));
        newline.sub = "alice\nbob".into();
        for c in [nul_sub, nul_name, newline] {
            let err = Principal::from_claims(c).err().map(|e| e.code);
            assert_eq!(err, Some(crate::error::ErrorCode::Unauthenticated));
        }
    }

    /// A south team leader who is also an analyst: the analyst's reach serves the analyst's
    /// permissions only.
    #[test]
    fn a_second_role_lends_neither_its_reach_nor_its_permissions() {
        let p = Principal::from_claims(claims(&["team_leader", "analyst"], Some("south")))
            .unwrap_or_else(|e| panic!("{e}"));
        let act = p
            .require(Permission::ActOnComplaint)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!act.scope.covers("north", "x"));
        assert!(act.scope.covers("south", "x"));
        assert_eq!(act.roles, vec![Role::TeamLeader]);
        let read = p
            .require(Permission::ReadAudit)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(read.scope.covers("north", "x"));
        assert!(!read.may_on(Permission::ReadVulnerability, "north", "x"));
        assert!(read.may_on(Permission::ReadVulnerability, "south", "x"));
        let vulnerability = p
            .require(Permission::ReadVulnerability)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!vulnerability.scope.covers("north", "x"));
    }

    #[test]
    fn within_keeps_the_roles_that_reach_the_complaint() {
        let mut c = claims(&["agent", "integrator"], Some("south"));
        c.sub = "crm".into();
        let p = Principal::from_claims(c).unwrap_or_else(|e| panic!("{e}"));
        let act = p
            .require(Permission::ActOnComplaint)
            .unwrap_or_else(|e| panic!("{e}"));
        let on_north = act.within("north", "crm");
        assert_eq!(on_north.roles, vec![Role::Integrator]);
        assert_eq!(on_north.role, Role::Integrator);
        let on_south = act.within("south", "someone");
        assert_eq!(on_south.roles, vec![Role::Agent]);
    }
}
