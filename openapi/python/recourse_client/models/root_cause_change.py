from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.root_cause import RootCause


T = TypeVar("T", bound="RootCauseChange")


@_attrs_define
class RootCauseChange:
    """A code and the taxonomy version after a change.

    Attributes:
        root_cause (RootCause): A root-cause code.
        version (int): The taxonomy's new version.
    """

    root_cause: RootCause
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        root_cause = self.root_cause.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "root_cause": root_cause,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.root_cause import RootCause  # noqa: PLC0415

        d = dict(src_dict)
        root_cause = RootCause.from_dict(d.pop("root_cause"))

        version = d.pop("version")

        root_cause_change = cls(
            root_cause=root_cause,
            version=version,
        )

        root_cause_change.additional_properties = d
        return root_cause_change

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
