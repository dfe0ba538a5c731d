from enum import StrEnum


class ImportStatus(StrEnum):
    ALREADY_IMPORTED = "already_imported"
    IMPORTED = "imported"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
