from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReopenAction")


@_attrs_define
class ReopenAction:
    """Reopen a closed complaint (team leaders). The original regulatory timers stay as they were.

    Example:
        {'reason': 'The customer sent new evidence: a second duplicated fee on 5 November.'}

    Attributes:
        reason (str): Why: new evidence, an error, an ombudsman direction.
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

        reopen_action = cls(
            reason=reason,
        )

        return reopen_action
