from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VolumePoint")


@_attrs_define
class VolumePoint:
    """A period of a time series.

    Attributes:
        breached (int): Regulatory timers breached in it.
        closed (int): Complaints closed in it.
        period_start (datetime.date): First day of the period (weeks start on Monday).
        received (int): Complaints received in it.
    """

    breached: int
    closed: int
    period_start: datetime.date
    received: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        breached = self.breached

        closed = self.closed

        period_start = self.period_start.isoformat()

        received = self.received

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "breached": breached,
                "closed": closed,
                "period_start": period_start,
                "received": received,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        breached = d.pop("breached")

        closed = d.pop("closed")

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        received = d.pop("received")

        volume_point = cls(
            breached=breached,
            closed=closed,
            period_start=period_start,
            received=received,
        )

        volume_point.additional_properties = d
        return volume_point

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
