from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.complaint_state import ComplaintState

if TYPE_CHECKING:
    from ..models.action_availability import ActionAvailability


T = TypeVar("T", bound="ActionList")


@_attrs_define
class ActionList:
    """What the caller may do to a complaint now.

    Example:
        {'items': [{'action': 'request_information', 'available': True}, {'action': 'propose_response', 'available':
            True}, {'action': 'issue_response', 'available': True}, {'action': 'withdraw', 'available': True}], 'stage': 1,
            'state': 'investigating', 'version': 3}

    Attributes:
        items (list[ActionAvailability]): The actions (only the available ones unless `all=true`).
        stage (int): The complaint's stage.
        state (ComplaintState): Where the complaint stands in the formal procedure.
        version (int): The version the answer is for; send it as `If-Match`.
    """

    items: list[ActionAvailability]
    stage: int
    state: ComplaintState
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        stage = self.stage

        state = self.state.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "stage": stage,
                "state": state,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_availability import ActionAvailability  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ActionAvailability.from_dict(items_item_data)

            items.append(items_item)

        stage = d.pop("stage")

        state = ComplaintState(d.pop("state"))

        version = d.pop("version")

        action_list = cls(
            items=items,
            stage=stage,
            state=state,
            version=version,
        )

        action_list.additional_properties = d
        return action_list

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
