from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_name import ActionName
from ..models.unavailable_reason import UnavailableReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActionAvailability")


@_attrs_define
class ActionAvailability:
    """Whether one action is open to the caller now.

    Attributes:
        action (ActionName): A procedure action.
        available (bool): The caller may take it now (given a well-formed body).
        detail (str | Unset): The refusal, in words.
        reason (UnavailableReason | Unset): `invalid_transition` when the action is not possible from the current state;
            otherwise the rule that refuses it.
    """

    action: ActionName
    available: bool
    detail: str | Unset = UNSET
    reason: UnavailableReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        available = self.available

        detail = self.detail

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "available": available,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = ActionName(d.pop("action"))

        available = d.pop("available")

        detail = d.pop("detail", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: UnavailableReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = UnavailableReason(_reason)

        action_availability = cls(
            action=action,
            available=available,
            detail=detail,
            reason=reason,
        )

        action_availability.additional_properties = d
        return action_availability

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
