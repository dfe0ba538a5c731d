from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LocalInstant")


@_attrs_define
class LocalInstant:
    """An instant as the clock on the wall reads it where the profile's deadlines are computed:
    a deadline at the end of a day in New York is on that day there, and on the next in UTC.

        Attributes:
            date (str): The local date.
            time (str): The local time of day.
            time_zone (str): The IANA time zone, e.g. `America/New_York`.
    """

    date: str
    time: str
    time_zone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date

        time = self.time

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "time": time,
                "time_zone": time_zone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        date = d.pop("date")

        time = d.pop("time")

        time_zone = d.pop("time_zone")

        local_instant = cls(
            date=date,
            time=time,
            time_zone=time_zone,
        )

        local_instant.additional_properties = d
        return local_instant

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
