from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestInformationAction")


@_attrs_define
class RequestInformationAction:
    """Ask the complainant or a third party for information.

    Example:
        {'note': 'Sent by secure message.', 'what': 'Ask the customer for the statement page showing both fees of 4
            November.'}

    Attributes:
        what (str): What is asked for, and from whom. Regulatory deadlines keep running meanwhile.
        note (str | Unset): A note for the case record.
    """

    what: str
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        what = self.what

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "what": what,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        what = d.pop("what")

        note = d.pop("note", UNSET)

        request_information_action = cls(
            what=what,
            note=note,
        )

        return request_information_action
