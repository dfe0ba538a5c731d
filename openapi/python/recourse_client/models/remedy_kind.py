from enum import StrEnum


class RemedyKind(StrEnum):
    APOLOGY = "apology"
    CORRECTIVE_ACTION = "corrective_action"
    DECISION_CHANGED = "decision_changed"
    DISTRESS_INCONVENIENCE_PAYMENT = "distress_inconvenience_payment"
    EXPLANATION = "explanation"
    FEE_REFUND_OR_WAIVER = "fee_refund_or_waiver"
    FINANCIAL_LOSS_COMPENSATION = "financial_loss_compensation"
    GOODWILL_PAYMENT = "goodwill_payment"
    INTEREST = "interest"
    OTHER = "other"
    RECORD_AMENDED = "record_amended"

    def __str__(self) -> str:
        return str(self.value)
