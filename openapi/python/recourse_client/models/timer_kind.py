from enum import StrEnum


class TimerKind(StrEnum):
    DEADLINE = "deadline"
    TARGET = "target"
    WINDOW = "window"

    def __str__(self) -> str:
        return str(self.value)
