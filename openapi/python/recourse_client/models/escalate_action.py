from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EscalateAction")


@_attrs_define
class EscalateAction:
    """Escalate a responded complaint to stage 2 (the complainant need not give a reason; a
    team leader overriding a one-stage profile must).

        Attributes:
            reason (str | Unset): Why, where one is given or needed.
    """

    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason", UNSET)

        escalate_action = cls(
            reason=reason,
        )

        return escalate_action
