from enum import StrEnum


class Outcome(StrEnum):
    NOT_UPHELD = "not_upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    RESOLVED = "resolved"
    UPHELD = "upheld"

    def __str__(self) -> str:
        return str(self.value)
