from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParetoBar")


@_attrs_define
class ParetoBar:
    """One bar of the Pareto chart.

    Attributes:
        cause (str): The cause (code or group).
        count (int): Complaints.
        cumulative_percent (float): Running share, percent, largest first.
        share_percent (float): Its share, percent.
    """

    cause: str
    count: int
    cumulative_percent: float
    share_percent: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cause = self.cause

        count = self.count

        cumulative_percent = self.cumulative_percent

        share_percent = self.share_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cause": cause,
                "count": count,
                "cumulative_percent": cumulative_percent,
                "share_percent": share_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cause = d.pop("cause")

        count = d.pop("count")

        cumulative_percent = d.pop("cumulative_percent")

        share_percent = d.pop("share_percent")

        pareto_bar = cls(
            cause=cause,
            count=count,
            cumulative_percent=cumulative_percent,
            share_percent=share_percent,
        )

        pareto_bar.additional_properties = d
        return pareto_bar

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
