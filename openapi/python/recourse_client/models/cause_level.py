from enum import StrEnum


class CauseLevel(StrEnum):
    L1 = "l1"
    L2 = "l2"

    def __str__(self) -> str:
        return str(self.value)
