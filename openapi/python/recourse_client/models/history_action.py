from enum import StrEnum


class HistoryAction(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    APPROVE_RESPONSE = "approve_response"
    ASSIGN = "assign"
    CLOSE = "close"
    ESCALATE = "escalate"
    EXTEND = "extend"
    INFORMATION_RECEIVED = "information_received"
    ISSUE_RESPONSE = "issue_response"
    PROPOSE_RESPONSE = "propose_response"
    RECORD_REFERRAL_OUTCOME = "record_referral_outcome"
    REFER = "refer"
    REJECT_SCOPE = "reject_scope"
    REOPEN = "reopen"
    REQUEST_INFORMATION = "request_information"
    RESOLVE_SUMMARILY = "resolve_summarily"
    RETURN_FOR_REWORK = "return_for_rework"
    START_INVESTIGATION = "start_investigation"
    TRANSFER = "transfer"
    WITHDRAW = "withdraw"

    def __str__(self) -> str:
        return str(self.value)
