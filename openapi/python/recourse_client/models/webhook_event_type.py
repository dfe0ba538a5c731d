from enum import StrEnum


class WebhookEventType(StrEnum):
    COMPLAINT_ACKNOWLEDGED = "complaint.acknowledged"
    COMPLAINT_CLOSED = "complaint.closed"
    COMPLAINT_CREATED = "complaint.created"
    COMPLAINT_RESPONDED = "complaint.responded"
    ESCALATION_RAISED = "escalation.raised"
    IMPROVEMENT_CREATED = "improvement.created"
    IMPROVEMENT_VERDICT = "improvement.verdict"
    TIMER_BREACHED = "timer.breached"
    TIMER_MISSED = "timer.missed"
    TIMER_WARNING = "timer.warning"

    def __str__(self) -> str:
        return str(self.value)
