from enum import StrEnum


class ComplaintState(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    AWAITING_INFORMATION = "awaiting_information"
    CLOSED = "closed"
    ESCALATED = "escalated"
    INVESTIGATING = "investigating"
    NOT_A_COMPLAINT = "not_a_complaint"
    PENDING_APPROVAL = "pending_approval"
    RECEIVED = "received"
    REFERRED = "referred"
    RESPONDED = "responded"
    TRANSFERRED = "transferred"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
