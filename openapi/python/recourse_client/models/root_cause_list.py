from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.root_cause import RootCause
    from ..models.root_cause_group import RootCauseGroup


T = TypeVar("T", bound="RootCauseList")


@_attrs_define
class RootCauseList:
    """The taxonomy.

    Attributes:
        groups (list[RootCauseGroup]): The ten groups.
        items (list[RootCause]): Every code, merged and deprecated ones included.
        version (int): Moves on with every change to a code.
    """

    groups: list[RootCauseGroup]
    items: list[RootCause]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "groups": groups,
                "items": items,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.root_cause import RootCause  # noqa: PLC0415
        from ..models.root_cause_group import RootCauseGroup  # noqa: PLC0415

        d = dict(src_dict)
        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = RootCauseGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RootCause.from_dict(items_item_data)

            items.append(items_item)

        version = d.pop("version")

        root_cause_list = cls(
            groups=groups,
            items=items,
            version=version,
        )

        root_cause_list.additional_properties = d
        return root_cause_list

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
