from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ImportSource")


@_attrs_define
class ImportSource:
    """Where an imported case comes from. A case is imported once per source: importing it again
    finds the complaint the first import made and changes nothing.

        Attributes:
            id (str): The case's id in that system.
            system (str): The system the case was handled in, e.g. `legacy-crm`.
    """

    id: str
    system: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        system = self.system

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "system": system,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        system = d.pop("system")

        import_source = cls(
            id=id,
            system=system,
        )

        return import_source
