from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """The caller, as its token describes it.

    Attributes:
        name (str): Display name.
        permissions (list[str]): What the roles allow.
        roles (list[Role]): Recognised roles.
        sub (str): Token subject.
        team (str | Unset): Team, for agents and team leaders.
    """

    name: str
    permissions: list[str]
    roles: list[Role]
    sub: str
    team: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        permissions = self.permissions

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.value
            roles.append(roles_item)

        sub = self.sub

        team = self.team

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "permissions": permissions,
                "roles": roles,
                "sub": sub,
            }
        )
        if team is not UNSET:
            field_dict["team"] = team

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        permissions = cast(list[str], d.pop("permissions"))

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = Role(roles_item_data)

            roles.append(roles_item)

        sub = d.pop("sub")

        team = d.pop("team", UNSET)

        me = cls(
            name=name,
            permissions=permissions,
            roles=roles,
            sub=sub,
            team=team,
        )

        me.additional_properties = d
        return me

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
