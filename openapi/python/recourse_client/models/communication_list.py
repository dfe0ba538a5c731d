from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.communication_record import CommunicationRecord


T = TypeVar("T", bound="CommunicationList")


@_attrs_define
class CommunicationList:
    """A complaint's communications.

    Example:
        {'items': [{'actor_id': 'agent-asha', 'channel': 'email', 'id': '0193a5b3-0c1d-7e2f-8a3b-4c5d6e7f8091', 'kind':
            'acknowledgement', 'sent_at': '2026-11-23T11:02:00+00:00', 'summary': 'Acknowledged the complaint, gave
            reference CMP-2026-000123 and the name of the handler.'}, {'actor_id': 'agent-asha', 'channel': 'letter', 'id':
            '0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f10', 'kind': 'final_response', 'sent_at': '2026-12-10T15:00:00+00:00',
            'summary': 'Final response: upheld. The duplicated fee is refunded; referral rights to the Financial Ombudsman
            Service given.'}]}

    Attributes:
        items (list[CommunicationRecord]): Communications, oldest first.
    """

    items: list[CommunicationRecord]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.communication_record import CommunicationRecord  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CommunicationRecord.from_dict(items_item_data)

            items.append(items_item)

        communication_list = cls(
            items=items,
        )

        communication_list.additional_properties = d
        return communication_list

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
