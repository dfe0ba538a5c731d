from enum import StrEnum


class ReferralDecision(StrEnum):
    NOT_UPHELD = "not_upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    SETTLED = "settled"
    UPHELD = "upheld"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
