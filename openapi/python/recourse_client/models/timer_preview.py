from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.start_event import StartEvent
from ..types import UNSET, Unset

T = TypeVar("T", bound="TimerPreview")


@_attrs_define
class TimerPreview:
    """One timer's computed schedule.

    Attributes:
        beyond_calendar (bool): Counted in business days into a year past the calendar's known one-off holidays: a
            holiday proclaimed later could move it.
        due_at (datetime.datetime): When it falls due.
        name (str): Timer name.
        regulatory (bool): Set by regulation rather than an internal target.
        started_at (datetime.datetime): When it started.
        starts_on (StartEvent): The event whose instant starts a timer.
        warn_at (list[datetime.datetime]): When it warns.
        extension_cap (datetime.datetime | Unset): The latest an extension may move it to, where the profile caps
            extensions.
        stage (int | Unset): The stage it belongs to, when stage-specific.
    """

    beyond_calendar: bool
    due_at: datetime.datetime
    name: str
    regulatory: bool
    started_at: datetime.datetime
    starts_on: StartEvent
    warn_at: list[datetime.datetime]
    extension_cap: datetime.datetime | Unset = UNSET
    stage: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        beyond_calendar = self.beyond_calendar

        due_at = self.due_at.isoformat()

        name = self.name

        regulatory = self.regulatory

        started_at = self.started_at.isoformat()

        starts_on = self.starts_on.value

        warn_at = []
        for warn_at_item_data in self.warn_at:
            warn_at_item = warn_at_item_data.isoformat()
            warn_at.append(warn_at_item)

        extension_cap: str | Unset = UNSET
        if not isinstance(self.extension_cap, Unset):
            extension_cap = self.extension_cap.isoformat()

        stage = self.stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "beyond_calendar": beyond_calendar,
                "due_at": due_at,
                "name": name,
                "regulatory": regulatory,
                "started_at": started_at,
                "starts_on": starts_on,
                "warn_at": warn_at,
            }
        )
        if extension_cap is not UNSET:
            field_dict["extension_cap"] = extension_cap
        if stage is not UNSET:
            field_dict["stage"] = stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beyond_calendar = d.pop("beyond_calendar")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        name = d.pop("name")

        regulatory = d.pop("regulatory")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        starts_on = StartEvent(d.pop("starts_on"))

        warn_at = []
        _warn_at = d.pop("warn_at")
        for warn_at_item_data in _warn_at:
            warn_at_item = datetime.datetime.fromisoformat(warn_at_item_data)

            warn_at.append(warn_at_item)

        _extension_cap = d.pop("extension_cap", UNSET)
        extension_cap: datetime.datetime | Unset
        if isinstance(_extension_cap, Unset):
            extension_cap = UNSET
        else:
            extension_cap = datetime.datetime.fromisoformat(_extension_cap)

        stage = d.pop("stage", UNSET)

        timer_preview = cls(
            beyond_calendar=beyond_calendar,
            due_at=due_at,
            name=name,
            regulatory=regulatory,
            started_at=started_at,
            starts_on=starts_on,
            warn_at=warn_at,
            extension_cap=extension_cap,
            stage=stage,
        )

        timer_preview.additional_properties = d
        return timer_preview

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
