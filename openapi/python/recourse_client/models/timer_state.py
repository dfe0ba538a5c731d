from enum import StrEnum


class TimerState(StrEnum):
    BREACHED = "breached"
    LAPSED = "lapsed"
    MET = "met"
    MISSED = "missed"
    PAUSED = "paused"
    RUNNING = "running"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
