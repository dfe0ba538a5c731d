from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.escalation import Escalation


T = TypeVar("T", bound="EscalationPage")


@_attrs_define
class EscalationPage:
    """A page of escalations.

    Example:
        {'items': [{'complaint_id': '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01', 'id':
            '0193a5e2-5c3d-7f4e-9a5b-6c7d8e9fa0b1', 'level': 1, 'raised_at': '2027-01-04T09:14:00+00:00', 'reason':
            'final_response passed 75% of its time with no response.', 'team': 'north', 'timer': 'final_response'}]}

    Attributes:
        items (list[Escalation]): Escalations, newest first.
        next_cursor (str | Unset): Pass as `cursor` to get the next page; absent on the last page.
    """

    items: list[Escalation]
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
        from ..models.escalation import Escalation  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Escalation.from_dict(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor", UNSET)

        escalation_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        escalation_page.additional_properties = d
        return escalation_page

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
