from enum import StrEnum


class TimerState(StrEnum):
    BREACHED = "breached"
    MET = "met"
    PAUSED = "paused"
    RUNNING = "running"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
