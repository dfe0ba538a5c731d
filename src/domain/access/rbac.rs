//! Roles, permissions and the scope rule: who may do what, and to which complaints.

use std::fmt;

/// A role carried in a token's `roles` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Agent,
    TeamLeader,
    Analyst,
    Admin,
    Auditor,
    Integrator,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Agent,
        Role::TeamLeader,
        Role::Analyst,
        Role::Admin,
        Role::Auditor,
        Role::Integrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::TeamLeader => "team_leader",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
            Role::Auditor => "auditor",
            Role::Integrator => "integrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something an operation needs the caller to be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// Log a new complaint.
    CreateComplaint,
    /// Read complaints (within scope).
    ReadComplaint,
    /// Correct a complaint's intake details (within scope).
    UpdateComplaint,
    /// Read a complaint's audit trail and verify its chain (within scope).
    ReadAudit,
    /// List teams.
    ReadTeams,
    /// Create and rename teams.
    ManageTeams,
    /// Read profiles, their deadlines and holiday calendars.
    ReadProfiles,
    /// Set the `internal` profile's targets; add and remove holiday dates.
    ManageProfiles,
    /// List escalations (within scope).
    ReadEscalations,
    /// Take procedure actions on complaints (within scope); each action then checks its own
    /// roles and guards.
    ActOnComplaint,
    /// Keep the root-cause taxonomy, complaint categories and recurrence rules.
    ManageTaxonomy,
    /// Classify a complaint's root cause (within scope).
    Classify,
    /// Read the improvement backlog.
    ReadImprovements,
    /// Create improvement items and move them through PDCA.
    ManageImprovements,
    /// Read management information (within scope).
    ReadReports,
    /// Register webhook subscriptions, read their deliveries and replay them.
    ManageWebhooks,
    /// Read a complaint's vulnerability details (within scope); every read is recorded.
    ReadVulnerability,
    /// Read who has read a complaint's vulnerability details (within scope).
    ReadAccessLog,
    /// Import complaints handled in another system, with their history.
    ImportComplaints,
}

impl Permission {
    pub const ALL: [Permission; 19] = [
        Permission::CreateComplaint,
        Permission::ReadComplaint,
        Permission::UpdateComplaint,
        Permission::ReadAudit,
        Permission::ReadTeams,
        Permission::ManageTeams,
        Permission::ReadProfiles,
        Permission::ManageProfiles,
        Permission::ReadEscalations,
        Permission::ActOnComplaint,
        Permission::ManageTaxonomy,
        Permission::Classify,
        Permission::ReadImprovements,
        Permission::ManageImprovements,
        Permission::ReadReports,
        Permission::ManageWebhooks,
        Permission::ReadVulnerability,
        Permission::ReadAccessLog,
        Permission::ImportComplaints,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::CreateComplaint => "create_complaint",
            Permission::ReadComplaint => "read_complaint",
            Permission::UpdateComplaint => "update_complaint",
            Permission::ReadAudit => "read_audit",
            Permission::ReadTeams => "read_teams",
            Permission::ManageTeams => "manage_teams",
            Permission::ReadProfiles => "read_profiles",
            Permission::ManageProfiles => "manage_profiles",
            Permission::ReadEscalations => "read_escalations",
            Permission::ActOnComplaint => "act_on_complaint",
            Permission::ManageTaxonomy => "manage_taxonomy",
            Permission::Classify => "classify",
            Permission::ReadImprovements => "read_improvements",
            Permission::ManageImprovements => "manage_improvements",
            Permission::ReadReports => "read_reports",
            Permission::ManageWebhooks => "manage_webhooks",
            Permission::ReadVulnerability => "read_vulnerability",
            Permission::ReadAccessLog => "read_access_log",
            Permission::ImportComplaints => "import_complaints",
        }
    }
}

/// The role x permission table. Auditors read everything and change nothing; admins
/// configure but do not handle cases; analysts read cases (their writes arrive with root-cause
/// classification). A customer's vulnerability details are special-category personal data:
/// only those who handle the case (agents, team leaders) and auditors, who check that
/// vulnerable customers were treated fairly, read them; analysts work from the `vulnerable`
/// flag and the reports, and an integrator records what its own system already holds.
pub fn grants(role: Role, permission: Permission) -> bool {
    use Permission::*;
    const HANDLE: &[Permission] = &[
        CreateComplaint,
        ReadComplaint,
        UpdateComplaint,
        ReadAudit,
        ReadTeams,
        ReadProfiles,
        ActOnComplaint,
    ];
    const OVERSEE: &[Permission] = &[
        ReadComplaint,
        ReadAudit,
        ReadTeams,
        ReadProfiles,
        ReadEscalations,
        ReadReports,
    ];
    match role {
        Role::Agent => HANDLE.contains(&permission) || permission == ReadVulnerability,
        // The systems an organisation brings its history from are integrated systems.
        Role::Integrator => HANDLE.contains(&permission) || permission == ImportComplaints,
        Role::TeamLeader => {
            HANDLE.contains(&permission)
                || matches!(
                    permission,
                    ReadEscalations
                        | Classify
                        | ReadImprovements
                        | ReadReports
                        | ReadVulnerability
                        | ReadAccessLog
                )
        }
        Role::Analyst => {
            OVERSEE.contains(&permission)
                || matches!(permission, Classify | ReadImprovements | ManageImprovements)
        }
        Role::Auditor => {
            OVERSEE.contains(&permission)
                || matches!(
                    permission,
                    ReadImprovements | ReadVulnerability | ReadAccessLog
                )
        }
        Role::Admin => {
            OVERSEE.contains(&permission)
                || matches!(
                    permission,
                    ManageTeams
                        | ManageProfiles
                        | ManageTaxonomy
                        | ReadImprovements
                        | ManageImprovements
                        | ManageWebhooks
                        | ReadAccessLog
                        | ImportComplaints
                )
        }
    }
}

/// The first of `roles` that grants `permission`; it is recorded as the acting role.
pub fn granting_role(roles: &[Role], permission: Permission) -> Option<Role> {
    roles.iter().copied().find(|r| grants(*r, permission))
}

/// Which complaints a caller can see. Each role has its own reach; a permission reaches the
/// union of the reaches of the roles that grant it ([`Scope::of_permission`]), never a reach
/// lent by a role that does not grant it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Every complaint.
    pub all: bool,
    /// Complaints of this team.
    pub team: Option<String>,
    /// Complaints this principal created.
    pub created_by: Option<String>,
}

impl Scope {
    /// Agents and team leaders see their team's complaints (none without a team); analysts,
    /// admins and auditors see all; integrators see those they created.
    pub fn of(roles: &[Role], sub: &str, team: Option<&str>) -> Scope {
        let mut scope = Scope::default();
        for role in roles {
            match role {
                Role::Analyst | Role::Admin | Role::Auditor => scope.all = true,
                Role::Agent | Role::TeamLeader => scope.team = team.map(str::to_owned),
                Role::Integrator => scope.created_by = Some(sub.to_owned()),
            }
        }
        scope
    }

    /// The complaints `permission` reaches for a caller holding `roles`: the union of the scopes
    /// of the roles that grant it. A south team leader who is also an analyst reads every
    /// complaint (the analyst may), but acts on south's only (the analyst may not act at all).
    pub fn of_permission(
        roles: &[Role],
        permission: Permission,
        sub: &str,
        team: Option<&str>,
    ) -> Scope {
        let granting: Vec<Role> = roles
            .iter()
            .copied()
            .filter(|r| grants(*r, permission))
            .collect();
        Scope::of(&granting, sub, team)
    }

    /// Whether a complaint of `team` created by `created_by` is visible.
    pub fn covers(&self, team: &str, created_by: &str) -> bool {
        self.all
            || self.team.as_deref() == Some(team)
            || self.created_by.as_deref() == Some(created_by)
    }

    /// Whether nothing at all is visible.
    pub fn is_empty(&self) -> bool {
        !self.all && self.team.is_none() && self.created_by.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;
    use Role::*;

    /// The whole table, written out: a change to `grants` must change this test too.
    const TABLE: &[(Role, &[Permission])] = &[
        (
            Agent,
            &[
                CreateComplaint,
                ReadComplaint,
                UpdateComplaint,
                ReadAudit,
                ReadTeams,
                ReadProfiles,
                ActOnComplaint,
                ReadVulnerability,
            ],
        ),
        (
            TeamLeader,
            &[
                CreateComplaint,
                ReadComplaint,
                UpdateComplaint,
                ReadAudit,
                ReadTeams,
                ReadProfiles,
                ReadEscalations,
                ActOnComplaint,
                Classify,
                ReadImprovements,
                ReadReports,
                ReadVulnerability,
                ReadAccessLog,
            ],
        ),
        (
            Analyst,
            &[
                ReadComplaint,
                ReadAudit,
                ReadTeams,
                ReadProfiles,
                ReadEscalations,
                Classify,
                ReadImprovements,
                ManageImprovements,
                ReadReports,
            ],
        ),
        (
            Admin,
            &[
                ReadComplaint,
                ReadAudit,
                ReadTeams,
                ManageTeams,
                ReadProfiles,
                ManageProfiles,
                ReadEscalations,
                ManageTaxonomy,
                ReadImprovements,
                ManageImprovements,
                ReadReports,
                ManageWebhooks,
                ReadAccessLog,
                ImportComplaints,
            ],
        ),
        (
            Auditor,
            &[
                ReadComplaint,
                ReadAudit,
                ReadTeams,
                ReadProfiles,
                ReadEscalations,
                ReadImprovements,
                ReadReports,
                ReadVulnerability,
                ReadAccessLog,
            ],
        ),
        (
            Integrator,
            &[
                CreateComplaint,
                ReadComplaint,
                UpdateComplaint,
                ReadAudit,
                ReadTeams,
                ReadProfiles,
                ActOnComplaint,
                ImportComplaints,
            ],
        ),
    ];

    #[test]
    fn every_role_and_permission_pair_matches_the_table() {
        assert_eq!(TABLE.len(), Role::ALL.len());
        for role in Role::ALL {
            let allowed = TABLE
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, p)| *p)
                .unwrap_or(&[]);
            for permission in Permission::ALL {
                assert_eq!(
                    grants(role, permission),
                    allowed.contains(&permission),
                    "{role} x {}",
                    permission.as_str()
                );
            }
        }
    }

    #[test]
    fn auditors_can_change_nothing() {
        for p in [
            CreateComplaint,
            UpdateComplaint,
            ManageTeams,
            ManageProfiles,
            ManageTaxonomy,
            Classify,
            ManageImprovements,
        ] {
            assert!(!grants(Auditor, p));
        }
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn the_acting_role_is_the_first_that_grants() {
        assert_eq!(
            granting_role(&[Auditor, Agent], CreateComplaint),
            Some(Agent)
        );
        assert_eq!(granting_role(&[Auditor], CreateComplaint), None);
    }

    #[test]
    fn scope_rule_table() {
        // (roles, team claim, complaint team, complaint creator, visible)
        type Case<'a> = (&'a [Role], Option<&'a str>, &'a str, &'a str, bool);
        let cases: &[Case] = &[
            (&[Agent], Some("north"), "north", "someone", true),
            (&[Agent], Some("north"), "south", "someone", false),
            (&[Agent], None, "north", "someone", false),
            (&[TeamLeader], Some("south"), "south", "x", true),
            (&[TeamLeader], Some("south"), "north", "x", false),
            (&[Analyst], None, "north", "x", true),
            (&[Admin], None, "south", "x", true),
            (&[Auditor], Some("north"), "south", "x", true),
            (&[Integrator], None, "north", "me", true),
            (&[Integrator], Some("north"), "north", "other", false),
            (&[Integrator, Agent], Some("north"), "north", "other", true),
            (&[], Some("north"), "north", "me", false),
        ];
        for (roles, claim, team, creator, visible) in cases {
            let scope = Scope::of(roles, "me", *claim);
            assert_eq!(
                scope.covers(team, creator),
                *visible,
                "{roles:?} with team {claim:?} looking at {team}/{creator}"
            );
        }
    }

    /// Every set of roles (each pair, and all six) against every permission: a complaint is
    /// reached exactly when one role of the set, alone, both grants the permission and reaches
    /// the complaint. The expectation is built from single roles only.
    #[test]
    fn a_permission_reaches_only_as_far_as_a_role_that_grants_it() {
        let mut sets: Vec<Vec<Role>> = Vec::new();
        for (i, a) in Role::ALL.iter().enumerate() {
            for b in &Role::ALL[i + 1..] {
                sets.push(vec![*a, *b]);
            }
        }
        sets.push(Role::ALL.to_vec());
        // (complaint team, complaint creator): own team, other team, other team but own creation.
        let complaints = [("south", "x"), ("north", "x"), ("north", "me")];
        for roles in &sets {
            for permission in Permission::ALL {
                let scope = Scope::of_permission(roles, permission, "me", Some("south"));
                for (team, creator) in complaints {
                    let alone = roles.iter().any(|r| {
                        grants(*r, permission)
                            && Scope::of(&[*r], "me", Some("south")).covers(team, creator)
                    });
                    assert_eq!(
                        scope.covers(team, creator),
                        alone,
                        "{roles:?} x {} on {team}/{creator}",
                        permission.as_str()
                    );
                }
            }
        }
    }

    #[test]
    fn a_principal_without_roles_sees_nothing() {
        assert!(Scope::of(&[], "me", Some("north")).is_empty());
    }
}
