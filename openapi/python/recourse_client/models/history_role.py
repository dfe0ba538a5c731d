from enum import StrEnum


class HistoryRole(StrEnum):
    AGENT = "agent"
    TEAM_LEADER = "team_leader"

    def __str__(self) -> str:
        return str(self.value)
