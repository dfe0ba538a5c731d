from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReasonAction")


@_attrs_define
class ReasonAction:
    """An action that needs a reason.

    Example:
        {'reason': 'A request to change the overdraft limit, not an expression of dissatisfaction.'}

    Attributes:
        reason (str): Why; recorded on the case.
    """

    reason: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        reason_action = cls(
            reason=reason,
        )

        return reason_action
