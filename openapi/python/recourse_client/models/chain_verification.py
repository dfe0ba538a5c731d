from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChainVerification")


@_attrs_define
class ChainVerification:
    """The result of recomputing a complaint's audit chain.

    Example:
        {'complaint_id': '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01', 'events_checked': 2, 'head_hash':
            'a41c9e2b7d6f5038e1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4d5e6f7081', 'intact': True}

    Attributes:
        complaint_id (UUID): The complaint.
        events_checked (int): Events checked before the first problem (all of them when intact).
        head_hash (str): The chain head recorded on the complaint.
        intact (bool): True when every event matches its hash, follows its predecessor, and the chain ends
            at the head the complaint records.
        first_broken_seq (int | Unset): The first position where the chain does not hold.
        reason (str | Unset): What does not hold there.
    """

    complaint_id: UUID
    events_checked: int
    head_hash: str
    intact: bool
    first_broken_seq: int | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        complaint_id = str(self.complaint_id)

        events_checked = self.events_checked

        head_hash = self.head_hash

        intact = self.intact

        first_broken_seq = self.first_broken_seq

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "complaint_id": complaint_id,
                "events_checked": events_checked,
                "head_hash": head_hash,
                "intact": intact,
            }
        )
        if first_broken_seq is not UNSET:
            field_dict["first_broken_seq"] = first_broken_seq
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        complaint_id = UUID(d.pop("complaint_id"))

        events_checked = d.pop("events_checked")

        head_hash = d.pop("head_hash")

        intact = d.pop("intact")

        first_broken_seq = d.pop("first_broken_seq", UNSET)

        reason = d.pop("reason", UNSET)

        chain_verification = cls(
            complaint_id=complaint_id,
            events_checked=events_checked,
            head_hash=head_hash,
            intact=intact,
            first_broken_seq=first_broken_seq,
            reason=reason,
        )

        chain_verification.additional_properties = d
        return chain_verification

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
