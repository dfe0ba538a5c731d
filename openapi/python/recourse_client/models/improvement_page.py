from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.improvement import Improvement


T = TypeVar("T", bound="ImprovementPage")


@_attrs_define
class ImprovementPage:
    """A page of items.

    Example:
        {'items': [{'cause': 'PRC.HANDOFF', 'created_at': '2026-12-11T14:05:02+00:00', 'created_by': 'system',
            'evidence_count': 14, 'id': '0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f', 'iteration': 1, 'owner': 'ops-lead-mark',
            'priority': 'high', 'rule': 'threshold', 'source': 'recurrence', 'state': 'triaged', 'tasks': [], 'title':
            'Track branch refund requests to the back office', 'updated_at': '2026-12-12T09:00:00+00:00', 'version': 2}]}

    Attributes:
        items (list[Improvement]): Items, newest first.
        next_cursor (str | Unset): Pass as `cursor` for the next page; absent on the last.
    """

    items: list[Improvement]
    next_cursor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.improvement import Improvement  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Improvement.from_dict(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor", UNSET)

        improvement_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        improvement_page.additional_properties = d
        return improvement_page

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
