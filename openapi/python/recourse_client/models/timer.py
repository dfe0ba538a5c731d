from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timer_kind import TimerKind
from ..models.timer_state import TimerState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.local_instant import LocalInstant
    from ..models.timer_extension import TimerExtension


T = TypeVar("T", bound="Timer")


@_attrs_define
class Timer:
    """A regulatory deadline or internal target on a complaint.

    Attributes:
        beyond_calendar (bool): Counted in business days into a year past the calendar's known one-off holidays: a
            holiday proclaimed later could move the deadline.
        due_at (datetime.datetime): The deadline.
        due_local (LocalInstant): An instant as the clock on the wall reads it where the profile's deadlines are
            computed:
            a deadline at the end of a day in New York is on that day there, and on the next in UTC.
        kind (TimerKind): What kind of limit a timer is, which decides what passing it means.
        name (str): The profile's timer name, e.g. `final_response`.
        regulatory (bool): Set by regulation (a deadline or a window; never paused) rather than an internal target.
        started_at (datetime.datetime): When it started.
        state (TimerState): Where a timer stands.
        warn_at (list[datetime.datetime]): When it warns.
        breached_at (datetime.datetime | Unset): When it was breached, missed or lapsed: the (extended) due instant that
            passed.
        extension (TimerExtension | Unset): An extension of a timer: the promised date moves, the regulatory deadline
            does not.
        extension_cap (datetime.datetime | Unset): The latest an extension may promise, where the profile caps
            extensions.
        met_at (datetime.datetime | Unset): When it was met.
        paused_at (datetime.datetime | Unset): Since when it has been paused.
        stage (int | Unset): The stage it belongs to, when stage-specific.
    """

    beyond_calendar: bool
    due_at: datetime.datetime
    due_local: LocalInstant
    kind: TimerKind
    name: str
    regulatory: bool
    started_at: datetime.datetime
    state: TimerState
    warn_at: list[datetime.datetime]
    breached_at: datetime.datetime | Unset = UNSET
    extension: TimerExtension | Unset = UNSET
    extension_cap: datetime.datetime | Unset = UNSET
    met_at: datetime.datetime | Unset = UNSET
    paused_at: datetime.datetime | Unset = UNSET
    stage: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        beyond_calendar = self.beyond_calendar

        due_at = self.due_at.isoformat()

        due_local = self.due_local.to_dict()

        kind = self.kind.value

        name = self.name

        regulatory = self.regulatory

        started_at = self.started_at.isoformat()

        state = self.state.value

        warn_at = []
        for warn_at_item_data in self.warn_at:
            warn_at_item = warn_at_item_data.isoformat()
            warn_at.append(warn_at_item)

        breached_at: str | Unset = UNSET
        if not isinstance(self.breached_at, Unset):
            breached_at = self.breached_at.isoformat()

        extension: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extension, Unset):
            extension = self.extension.to_dict()

        extension_cap: str | Unset = UNSET
        if not isinstance(self.extension_cap, Unset):
            extension_cap = self.extension_cap.isoformat()

        met_at: str | Unset = UNSET
        if not isinstance(self.met_at, Unset):
            met_at = self.met_at.isoformat()

        paused_at: str | Unset = UNSET
        if not isinstance(self.paused_at, Unset):
            paused_at = self.paused_at.isoformat()

        stage = self.stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "beyond_calendar": beyond_calendar,
                "due_at": due_at,
                "due_local": due_local,
                "kind": kind,
                "name": name,
                "regulatory": regulatory,
                "started_at": started_at,
                "state": state,
                "warn_at": warn_at,
            }
        )
        if breached_at is not UNSET:
            field_dict["breached_at"] = breached_at
        if extension is not UNSET:
            field_dict["extension"] = extension
        if extension_cap is not UNSET:
            field_dict["extension_cap"] = extension_cap
        if met_at is not UNSET:
            field_dict["met_at"] = met_at
        if paused_at is not UNSET:
            field_dict["paused_at"] = paused_at
        if stage is not UNSET:
            field_dict["stage"] = stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.local_instant import LocalInstant  # noqa: PLC0415
        from ..models.timer_extension import TimerExtension  # noqa: PLC0415

        d = dict(src_dict)
        beyond_calendar = d.pop("beyond_calendar")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        due_local = LocalInstant.from_dict(d.pop("due_local"))

        kind = TimerKind(d.pop("kind"))

        name = d.pop("name")

        regulatory = d.pop("regulatory")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        state = TimerState(d.pop("state"))

        warn_at = []
        _warn_at = d.pop("warn_at")
        for warn_at_item_data in _warn_at:
            warn_at_item = datetime.datetime.fromisoformat(warn_at_item_data)

            warn_at.append(warn_at_item)

        _breached_at = d.pop("breached_at", UNSET)
        breached_at: datetime.datetime | Unset
        if isinstance(_breached_at, Unset):
            breached_at = UNSET
        else:
            breached_at = datetime.datetime.fromisoformat(_breached_at)

        _extension = d.pop("extension", UNSET)
        extension: TimerExtension | Unset
        if isinstance(_extension, Unset):
            extension = UNSET
        else:
            extension = TimerExtension.from_dict(_extension)

        _extension_cap = d.pop("extension_cap", UNSET)
        extension_cap: datetime.datetime | Unset
        if isinstance(_extension_cap, Unset):
            extension_cap = UNSET
        else:
            extension_cap = datetime.datetime.fromisoformat(_extension_cap)

        _met_at = d.pop("met_at", UNSET)
        met_at: datetime.datetime | Unset
        if isinstance(_met_at, Unset):
            met_at = UNSET
        else:
            met_at = datetime.datetime.fromisoformat(_met_at)

        _paused_at = d.pop("paused_at", UNSET)
        paused_at: datetime.datetime | Unset
        if isinstance(_paused_at, Unset):
            paused_at = UNSET
        else:
            paused_at = datetime.datetime.fromisoformat(_paused_at)

        stage = d.pop("stage", UNSET)

        timer = cls(
            beyond_calendar=beyond_calendar,
            due_at=due_at,
            due_local=due_local,
            kind=kind,
            name=name,
            regulatory=regulatory,
            started_at=started_at,
            state=state,
            warn_at=warn_at,
            breached_at=breached_at,
            extension=extension,
            extension_cap=extension_cap,
            met_at=met_at,
            paused_at=paused_at,
            stage=stage,
        )

        timer.additional_properties = d
        return timer

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
