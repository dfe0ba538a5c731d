from enum import StrEnum


class StartEvent(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ESCALATION_ACKNOWLEDGED = "escalation_acknowledged"
    ESCALATION_RECEIVED = "escalation_received"
    RECEIVED = "received"
    REOPENED = "reopened"

    def __str__(self) -> str:
        return str(self.value)
