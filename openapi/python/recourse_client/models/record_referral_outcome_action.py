from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_decision import ReferralDecision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.remedy_input import RemedyInput


T = TypeVar("T", bound="RecordReferralOutcomeAction")


@_attrs_define
class RecordReferralOutcomeAction:
    """Record the scheme's decision and what it ordered the firm to do. The complaint keeps its
    own `outcome` (the firm's finding) beside the scheme's decision. It closes, unless a remedy
    is still due (one ordered here, or one of the firm's own): then it stays `referred` until
    every remedy is settled, and is closed with `close`.

        Example:
            {'decision': 'not_upheld', 'note': "The ombudsman found the firm's offer fair and reasonable."}

        Attributes:
            decision (ReferralDecision): An ombudsman's or scheme's decision.
            decided_at (datetime.datetime | Unset): When it was made (defaults to now): not before the referral, not in the
                future.
            note (str | Unset): A note for the case record.
            remedies (list[RemedyInput] | Unset): Remedies the scheme ordered: issued at the decision, marked as ordered by
                the scheme,
                and settled like the firm's own (`due` unless given as settled).
    """

    decision: ReferralDecision
    decided_at: datetime.datetime | Unset = UNSET
    note: str | Unset = UNSET
    remedies: list[RemedyInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        decided_at: str | Unset = UNSET
        if not isinstance(self.decided_at, Unset):
            decided_at = self.decided_at.isoformat()

        note = self.note

        remedies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.remedies, Unset):
            remedies = []
            for remedies_item_data in self.remedies:
                remedies_item = remedies_item_data.to_dict()
                remedies.append(remedies_item)

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
        if remedies is not UNSET:
            field_dict["remedies"] = remedies

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.remedy_input import RemedyInput  # noqa: PLC0415

        d = dict(src_dict)
        decision = ReferralDecision(d.pop("decision"))

        _decided_at = d.pop("decided_at", UNSET)
        decided_at: datetime.datetime | Unset
        if isinstance(_decided_at, Unset):
            decided_at = UNSET
        else:
            decided_at = datetime.datetime.fromisoformat(_decided_at)

        note = d.pop("note", UNSET)

        _remedies = d.pop("remedies", UNSET)
        remedies: list[RemedyInput] | Unset = UNSET
        if _remedies is not UNSET:
            remedies = []
            for remedies_item_data in _remedies:
                remedies_item = RemedyInput.from_dict(remedies_item_data)

                remedies.append(remedies_item)

        record_referral_outcome_action = cls(
            decision=decision,
            decided_at=decided_at,
            note=note,
            remedies=remedies,
        )

        return record_referral_outcome_action
