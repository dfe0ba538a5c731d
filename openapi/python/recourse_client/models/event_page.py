from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complaint_event import ComplaintEvent


T = TypeVar("T", bound="EventPage")


@_attrs_define
class EventPage:
    """A page of audit events.

    Example:
        {'items': [{'actor': 'agent-asha', 'actor_role': 'agent', 'data': {'channel': 'phone', 'profile': 'fca_disp',
            'state': 'received'}, 'hash': '5be0f1c7a9d24e8b3f6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f', 'id':
            '0193a5b2-7c1f-7a00-8000-000000000001', 'kind': 'complaint.created', 'occurred_at': '2026-11-23T09:16:41+00:00',
            'prev_hash': '0000000000000000000000000000000000000000000000000000000000000000', 'seq': 1}, {'actor': 'agent-
            asha', 'actor_role': 'agent', 'data': {'from': 'received', 'to': 'acknowledged'}, 'hash':
            'a41c9e2b7d6f5038e1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4d5e6f7081', 'id':
            '0193a5b3-0c1d-7e2f-8a3b-4c5d6e7f8092', 'kind': 'complaint.acknowledge', 'occurred_at':
            '2026-11-23T11:02:00+00:00', 'prev_hash': '5be0f1c7a9d24e8b3f6a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f',
            'seq': 2}]}

    Attributes:
        items (list[ComplaintEvent]): Events in chain order.
        next_cursor (str | Unset): Pass as `cursor` to get the next page; absent on the last page.
    """

    items: list[ComplaintEvent]
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
        from ..models.complaint_event import ComplaintEvent  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ComplaintEvent.from_dict(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor", UNSET)

        event_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        event_page.additional_properties = d
        return event_page

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
