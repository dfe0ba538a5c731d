from enum import StrEnum


class ComplaintSort(StrEnum):
    NEWEST = "newest"
    NEXT_DUE = "next_due"

    def __str__(self) -> str:
        return str(self.value)
