from enum import StrEnum


class RemedyStatus(StrEnum):
    COMPLETED = "completed"
    DECLINED = "declined"
    DUE = "due"

    def __str__(self) -> str:
        return str(self.value)
