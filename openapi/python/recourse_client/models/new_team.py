from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewTeam")


@_attrs_define
class NewTeam:
    """A team to create.

    Example:
        {'id': 'north', 'name': 'North complaints team'}

    Attributes:
        id (str): Key as carried in tokens' `team` claim: lower-case letters, digits, `_`, `-`.
        name (str): Display name.
    """

    id: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        new_team = cls(
            id=id,
            name=name,
        )

        return new_team
