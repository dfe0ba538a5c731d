from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    AGENT = "agent"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    INTEGRATOR = "integrator"
    TEAM_LEADER = "team_leader"

    def __str__(self) -> str:
        return str(self.value)
