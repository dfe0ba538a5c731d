from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.communication_input import CommunicationInput


T = TypeVar("T", bound="ExtendAction")


@_attrs_define
class ExtendAction:
    """Extend a running timer where its profile allows it (team leaders).

    Example:
        {'new_due_at': '2026-12-02T17:00:00+00:00', 'reason': 'The customer asked to be called back after a hospital
            stay.', 'timer': 'acknowledgement'}

    Attributes:
        new_due_at (datetime.datetime): The new due instant: later than the current one, within the profile's cap, and
            at
            most five years ahead.
        reason (str): Why more time is needed.
        timer (str): The timer's name, as the complaint lists it (e.g. `stage1_response`).
        notice (CommunicationInput | Unset): A communication sent to the complainant as part of an action.
    """

    new_due_at: datetime.datetime
    reason: str
    timer: str
    notice: CommunicationInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        new_due_at = self.new_due_at.isoformat()

        reason = self.reason

        timer = self.timer

        notice: dict[str, Any] | Unset = UNSET
        if not isinstance(self.notice, Unset):
            notice = self.notice.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_due_at": new_due_at,
                "reason": reason,
                "timer": timer,
            }
        )
        if notice is not UNSET:
            field_dict["notice"] = notice

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.communication_input import CommunicationInput  # noqa: PLC0415

        d = dict(src_dict)
        new_due_at = datetime.datetime.fromisoformat(d.pop("new_due_at"))

        reason = d.pop("reason")

        timer = d.pop("timer")

        _notice = d.pop("notice", UNSET)
        notice: CommunicationInput | Unset
        if isinstance(_notice, Unset):
            notice = UNSET
        else:
            notice = CommunicationInput.from_dict(_notice)

        extend_action = cls(
            new_due_at=new_due_at,
            reason=reason,
            timer=timer,
            notice=notice,
        )

        return extend_action
