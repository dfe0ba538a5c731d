from enum import StrEnum


class Settlement(StrEnum):
    COMPLETED = "completed"
    DECLINED = "declined"

    def __str__(self) -> str:
        return str(self.value)
