from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.calendar_id import CalendarId

T = TypeVar("T", bound="Holiday")


@_attrs_define
class Holiday:
    """A date of a holiday calendar.

    Attributes:
        active (bool): False for a date an admin removed.
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a profile's deadlines.
        date (datetime.date): The date.
        source (str): `seed` (from the jurisdiction's rules) or `admin`.
    """

    active: bool
    calendar: CalendarId
    date: datetime.date
    source: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        calendar = self.calendar.value

        date = self.date.isoformat()

        source = self.source

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "calendar": calendar,
                "date": date,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        calendar = CalendarId(d.pop("calendar"))

        date = datetime.date.fromisoformat(d.pop("date"))

        source = d.pop("source")

        holiday = cls(
            active=active,
            calendar=calendar,
            date=date,
            source=source,
        )

        holiday.additional_properties = d
        return holiday

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
