from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TransferAction")


@_attrs_define
class TransferAction:
    """Transfer the complaint to the organisation responsible for it (team leaders); its timers
    stop here.

        Example:
            {'reason': "The fee was charged on a credit card the bank's card partner issues and runs.", 'to': 'Northbank
                Cards Ltd'}

        Attributes:
            reason (str): Why it belongs there.
            to (str): The organisation it goes to.
    """

    reason: str
    to: str

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        to = d.pop("to")

        transfer_action = cls(
            reason=reason,
            to=to,
        )

        return transfer_action
