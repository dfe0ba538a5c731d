from enum import StrEnum


class ItemState(StrEnum):
    ACT = "act"
    CHECK = "check"
    CLOSED = "closed"
    DO = "do"
    MERGED = "merged"
    ON_HOLD = "on_hold"
    PLAN = "plan"
    PROPOSED = "proposed"
    REJECTED = "rejected"
    TRIAGED = "triaged"

    def __str__(self) -> str:
        return str(self.value)
