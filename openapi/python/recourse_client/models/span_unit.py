from enum import StrEnum


class SpanUnit(StrEnum):
    BUSINESS_DAYS = "business_days"
    CALENDAR_DAYS = "calendar_days"
    HOURS = "hours"
    WEEKS = "weeks"

    def __str__(self) -> str:
        return str(self.value)
