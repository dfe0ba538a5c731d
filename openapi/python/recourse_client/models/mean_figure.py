from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeanFigure")


@_attrs_define
class MeanFigure:
    """A mean score with the answers behind it.

    Attributes:
        count (int): Answers the mean is over.
        robust (bool): Built on at least `min_cases` answers; a mean of fewer is noisy.
        mean (float | Unset): The mean score (1 to 5); absent with no answers.
    """

    count: int
    robust: bool
    mean: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        robust = self.robust

        mean = self.mean

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "robust": robust,
            }
        )
        if mean is not UNSET:
            field_dict["mean"] = mean

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        robust = d.pop("robust")

        mean = d.pop("mean", UNSET)

        mean_figure = cls(
            count=count,
            robust=robust,
            mean=mean,
        )

        mean_figure.additional_properties = d
        return mean_figure

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
