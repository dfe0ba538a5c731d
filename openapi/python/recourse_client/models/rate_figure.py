from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateFigure")


@_attrs_define
class RateFigure:
    """A rate with the counts behind it.

    Attributes:
        denominator (int): Cases the rate is over.
        numerator (int): Cases meeting the condition.
        robust (bool): Built on at least `min_cases` cases; a rate on fewer is noisy.
        percent (float | Unset): In percent; absent with no cases.
    """

    denominator: int
    numerator: int
    robust: bool
    percent: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        denominator = self.denominator

        numerator = self.numerator

        robust = self.robust

        percent = self.percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "denominator": denominator,
                "numerator": numerator,
                "robust": robust,
            }
        )
        if percent is not UNSET:
            field_dict["percent"] = percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        denominator = d.pop("denominator")

        numerator = d.pop("numerator")

        robust = d.pop("robust")

        percent = d.pop("percent", UNSET)

        rate_figure = cls(
            denominator=denominator,
            numerator=numerator,
            robust=robust,
            percent=percent,
        )

        rate_figure.additional_properties = d
        return rate_figure

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
