from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportedFrom")


@_attrs_define
class ImportedFrom:
    """The system an imported complaint was handled in before Recourse.

    Attributes:
        id (str): The complaint's id there.
        imported_at (datetime.datetime): When it was imported.
        system (str): The source system.
    """

    id: str
    imported_at: datetime.datetime
    system: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        imported_at = self.imported_at.isoformat()

        system = self.system

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "imported_at": imported_at,
                "system": system,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        imported_at = datetime.datetime.fromisoformat(d.pop("imported_at"))

        system = d.pop("system")

        imported_from = cls(
            id=id,
            imported_at=imported_at,
            system=system,
        )

        imported_from.additional_properties = d
        return imported_from

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
