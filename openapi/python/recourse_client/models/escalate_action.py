from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EscalateAction")


@_attrs_define
class EscalateAction:
    """Escalate a responded complaint to stage 2 (the complainant need not give a reason; a
    team leader overriding a one-stage profile must).

        Example:
            {'reason': 'The customer disagrees with the £75 offered and asks for a review by a senior handler.'}

        Attributes:
            reason (str | Unset): Why, where one is given or needed.
            received_at (datetime.datetime | Unset): When the complainant's request for stage 2 reached the firm (defaults
                to now): not
                before the latest response, not in the future. The stage-2 timers start from it.
    """

    reason: str | Unset = UNSET
    received_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        received_at: str | Unset = UNSET
        if not isinstance(self.received_at, Unset):
            received_at = self.received_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason
        if received_at is not UNSET:
            field_dict["received_at"] = received_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        _received_at = d.pop("received_at", UNSET)
        received_at: datetime.datetime | Unset
        if isinstance(_received_at, Unset):
            received_at = UNSET
        else:
            received_at = datetime.datetime.fromisoformat(_received_at)

        escalate_action = cls(
            reason=reason,
            received_at=received_at,
        )

        return escalate_action
