from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.remedy_record import RemedyRecord


T = TypeVar("T", bound="RemedyList")


@_attrs_define
class RemedyList:
    """A complaint's remedies.

    Example:
        {'items': [{'amount_minor': 2500, 'currency': 'GBP', 'description': 'Refund of the duplicated £25 unarranged-
            overdraft fee of 4 November.', 'id': '0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f01', 'issued_at':
            '2026-12-10T15:00:00+00:00', 'kind': 'fee_refund_or_waiver', 'status': 'due'}, {'description': 'Written apology
            in the final response letter.', 'id': '0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f02', 'issued_at':
            '2026-12-10T15:00:00+00:00', 'kind': 'apology', 'settled_at': '2026-12-10T15:00:00+00:00', 'settled_by': 'agent-
            asha', 'status': 'completed'}]}

    Attributes:
        items (list[RemedyRecord]): Remedies, oldest first.
    """

    items: list[RemedyRecord]
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
        from ..models.remedy_record import RemedyRecord  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RemedyRecord.from_dict(items_item_data)

            items.append(items_item)

        remedy_list = cls(
            items=items,
        )

        remedy_list.additional_properties = d
        return remedy_list

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
