from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.settlement import Settlement
from ..types import UNSET, Unset

T = TypeVar("T", bound="SettleRemedy")


@_attrs_define
class SettleRemedy:
    """Settle a remedy: it was carried out (paid, corrected) or the complainant declined it.

    Example:
        {'note': '£25.00 credited to the current account, payment reference RF-2611-0042.', 'status': 'completed'}

    Attributes:
        status (Settlement): How a remedy was settled.
        note (str | Unset): A note for the case record (e.g. the payment reference).
    """

    status: Settlement
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = Settlement(d.pop("status"))

        note = d.pop("note", UNSET)

        settle_remedy = cls(
            status=status,
            note=note,
        )

        return settle_remedy
