from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complaint import Complaint


T = TypeVar("T", bound="ComplaintPage")


@_attrs_define
class ComplaintPage:
    """A page of complaints.

    Example:
        {'items': [{'acknowledged_at': '2026-11-23T11:02:00+00:00', 'approved': False, 'assignee': 'agent-asha',
            'category': 'fees', 'channel': 'phone', 'complainant': {'customer_ref': 'CUST-40817', 'email':
            'priya.shah@example.co.uk', 'name': 'Priya Shah', 'phone': '+44 20 7946 0321'}, 'created_at':
            '2026-11-23T09:16:41+00:00', 'created_by': 'agent-asha', 'description': 'I was charged the £25 unarranged-
            overdraft fee twice on 4 November. The branch told me on 6 November it would be refunded, but it has not been.',
            'id': '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01', 'next_due_at': '2027-01-18T09:14:00+00:00', 'product':
            'current_account', 'profile': 'fca_disp', 'rca_pending': False, 'received_at': '2026-11-23T09:14:00+00:00',
            'reference': 'CMP-2026-000123', 'remedy_sought': 'Refund the duplicated fee and explain why the promised refund
            never arrived.', 'stage': 1, 'state': 'investigating', 'team': 'north', 'timers': [{'beyond_calendar': False,
            'due_at': '2026-11-30T17:00:00+00:00', 'due_local': {'date': '2026-11-30', 'time': '17:00:00', 'time_zone':
            'Europe/London'}, 'kind': 'target', 'met_at': '2026-11-23T11:02:00+00:00', 'name': 'acknowledgement',
            'regulatory': False, 'stage': 1, 'started_at': '2026-11-23T09:14:00+00:00', 'state': 'met', 'warn_at':
            ['2026-11-26T13:07:00+00:00', '2026-11-27T15:03:30+00:00']}, {'beyond_calendar': False, 'due_at':
            '2027-01-18T09:14:00+00:00', 'due_local': {'date': '2027-01-18', 'time': '09:14:00', 'time_zone':
            'Europe/London'}, 'kind': 'deadline', 'name': 'final_response', 'regulatory': True, 'stage': 1, 'started_at':
            '2026-11-23T09:14:00+00:00', 'state': 'running', 'warn_at': ['2026-12-21T09:14:00+00:00',
            '2027-01-04T09:14:00+00:00']}], 'updated_at': '2026-11-24T10:30:12+00:00', 'version': 3, 'vulnerable': False}],
            'next_cursor': 'MjAyNi0xMS0yM1QwOToxNDowMFp8MDE5M2E1YjI'}

    Attributes:
        items (list[Complaint]): Complaints, newest received first.
        next_cursor (str | Unset): Pass as `cursor` to get the next page; absent on the last page.
    """

    items: list[Complaint]
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
        from ..models.complaint import Complaint  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Complaint.from_dict(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor", UNSET)

        complaint_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        complaint_page.additional_properties = d
        return complaint_page

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
