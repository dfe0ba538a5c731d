from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CategoryInput")


@_attrs_define
class CategoryInput:
    """A category's name and whether it is offered.

    Example:
        {'active': True, 'label': 'Fees and charges'}

    Attributes:
        label (str): Its name.
        active (bool | Unset): Offered for new complaints (default true); false retires it.
    """

    label: str
    active: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        active = self.active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        active = d.pop("active", UNSET)

        category_input = cls(
            label=label,
            active=active,
        )

        return category_input
