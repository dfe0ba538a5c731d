from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.survey_record import SurveyRecord


T = TypeVar("T", bound="SurveyList")


@_attrs_define
class SurveyList:
    """A complaint's survey invitations, newest first.

    Example:
        {'items': [{'answered_at': '2026-12-12T19:41:00+00:00', 'comment': 'Sorted quickly once it reached the
            complaints team.', 'created_at': '2026-12-10T15:00:00+00:00', 'created_by': 'agent-asha', 'expires_at':
            '2027-01-09T15:00:00+00:00', 'handling_score': 5, 'id': '0193a5d9-6e4f-7a5b-8c6d-7e8f9a0b1c2d', 'outcome_score':
            4, 'status': 'answered'}]}

    Attributes:
        items (list[SurveyRecord]): The invitations.
    """

    items: list[SurveyRecord]
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
        from ..models.survey_record import SurveyRecord  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = SurveyRecord.from_dict(items_item_data)

            items.append(items_item)

        survey_list = cls(
            items=items,
        )

        survey_list.additional_properties = d
        return survey_list

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
