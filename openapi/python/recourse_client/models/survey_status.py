from enum import StrEnum


class SurveyStatus(StrEnum):
    ANSWERED = "answered"
    EXPIRED = "expired"
    OPEN = "open"
    REPLACED = "replaced"

    def __str__(self) -> str:
        return str(self.value)
