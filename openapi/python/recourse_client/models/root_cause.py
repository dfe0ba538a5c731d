from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.code_status import CodeStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RootCause")


@_attrs_define
class RootCause:
    """A root-cause code.

    Attributes:
        code (str): `L1.L2`, e.g. `PRC.HANDOFF`.
        definition (str): What belongs under it.
        group (str): The L1 group.
        label (str): Short name.
        status (CodeStatus): Where a code stands.
        merged_into (str | Unset): The surviving code, for a merged one.
    """

    code: str
    definition: str
    group: str
    label: str
    status: CodeStatus
    merged_into: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        definition = self.definition

        group = self.group

        label = self.label

        status = self.status.value

        merged_into = self.merged_into

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "definition": definition,
                "group": group,
                "label": label,
                "status": status,
            }
        )
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        definition = d.pop("definition")

        group = d.pop("group")

        label = d.pop("label")

        status = CodeStatus(d.pop("status"))

        merged_into = d.pop("merged_into", UNSET)

        root_cause = cls(
            code=code,
            definition=definition,
            group=group,
            label=label,
            status=status,
            merged_into=merged_into,
        )

        root_cause.additional_properties = d
        return root_cause

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
