from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoLiveAction")


@_attrs_define
class GoLiveAction:
    """The change went live.

    Example:
        {'change_reference': 'CHG-2027-0117', 'went_live_at': '2027-02-01T08:00:00+00:00'}

    Attributes:
        went_live_at (datetime.datetime): When: not before the end of the baseline window, not in the future.
        change_reference (str | Unset): The change (policy version, procedure, release).
    """

    went_live_at: datetime.datetime
    change_reference: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        went_live_at = self.went_live_at.isoformat()

        change_reference = self.change_reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "went_live_at": went_live_at,
            }
        )
        if change_reference is not UNSET:
            field_dict["change_reference"] = change_reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        went_live_at = datetime.datetime.fromisoformat(d.pop("went_live_at"))

        change_reference = d.pop("change_reference", UNSET)

        go_live_action = cls(
            went_live_at=went_live_at,
            change_reference=change_reference,
        )

        return go_live_action
