from enum import StrEnum


class CodeStatus(StrEnum):
    ACTIVE = "active"
    DEPRECATED = "deprecated"
    MERGED = "merged"

    def __str__(self) -> str:
        return str(self.value)
