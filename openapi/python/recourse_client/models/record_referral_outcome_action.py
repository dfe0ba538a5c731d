from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_decision import ReferralDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordReferralOutcomeAction")


@_attrs_define
class RecordReferralOutcomeAction:
    """Record the scheme's decision; the complaint closes.

    Attributes:
        decision (ReferralDecision): An ombudsman's or scheme's decision.
        decided_at (datetime.datetime | Unset): When it was made (defaults to now): not before the referral, not in the
            future.
        note (str | Unset): A note for the case record.
    """

    decision: ReferralDecision
    decided_at: datetime.datetime | Unset = UNSET
    note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        decided_at: str | Unset = UNSET
        if not isinstance(self.decided_at, Unset):
            decided_at = self.decided_at.isoformat()

        note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ReferralDecision(d.pop("decision"))

        _decided_at = d.pop("decided_at", UNSET)
        decided_at: datetime.datetime | Unset
        if isinstance(_decided_at, Unset):
            decided_at = UNSET
        else:
            decided_at = datetime.datetime.fromisoformat(_decided_at)

        note = d.pop("note", UNSET)

        record_referral_outcome_action = cls(
            decision=decision,
            decided_at=decided_at,
            note=note,
        )

        return record_referral_outcome_action
