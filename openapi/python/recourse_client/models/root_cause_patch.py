from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RootCausePatch")


@_attrs_define
class RootCausePatch:
    """A new label or definition.

    Example:
        {'label': 'Hand-off between teams failed'}

    Attributes:
        definition (str | Unset): New definition.
        label (str | Unset): New short name.
    """

    definition: str | Unset = UNSET
    label: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        definition = self.definition

        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if definition is not UNSET:
            field_dict["definition"] = definition
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        definition = d.pop("definition", UNSET)

        label = d.pop("label", UNSET)

        root_cause_patch = cls(
            definition=definition,
            label=label,
        )

        return root_cause_patch
