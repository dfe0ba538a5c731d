from enum import StrEnum


class Verdict(StrEnum):
    EFFECTIVE = "effective"
    INCONCLUSIVE = "inconclusive"
    NOT_EFFECTIVE = "not_effective"

    def __str__(self) -> str:
        return str(self.value)
