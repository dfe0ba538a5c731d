from enum import StrEnum


class DueRule(StrEnum):
    CLOSE_OF_BUSINESS = "close_of_business"
    END_OF_DAY = "end_of_day"

    def __str__(self) -> str:
        return str(self.value)
