from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.remedy_input import RemedyInput


T = TypeVar("T", bound="ProposeResponseAction")


@_attrs_define
class ProposeResponseAction:
    """Propose a response for a team leader's approval (needed when redress is above the
    approval threshold; allowed for any response).

        Example:
            {'note': 'The branch raised the refund but it never reached the back office. £75 in all.', 'outcome': 'upheld',
                'primary_cause': 'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'description': 'Refund of
                the duplicated £25 unarranged-overdraft fee of 4 November.', 'kind': 'fee_refund_or_waiver'}, {'amount_minor':
                5000, 'currency': 'GBP', 'description': 'For the time spent chasing the refund the branch promised.', 'kind':
                'distress_inconvenience_payment'}, {'description': 'Written apology in the final response letter.', 'kind':
                'apology', 'status': 'completed'}]}

        Attributes:
            outcome (Outcome): The finding of a response.
            note (str | Unset): A note for the approver.
            primary_cause (str | Unset): Primary root cause, `L1.L2`; needed for an upheld or partially upheld outcome
                unless
                the profile allows `rca_pending`.
            rca_pending (bool | Unset): Respond now, classify the root cause later (where the profile allows it).
            remedies (list[RemedyInput] | Unset): Remedies proposed.
    """

    outcome: Outcome
    note: str | Unset = UNSET
    primary_cause: str | Unset = UNSET
    rca_pending: bool | Unset = UNSET
    remedies: list[RemedyInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        note = self.note

        primary_cause = self.primary_cause

        rca_pending = self.rca_pending

        remedies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.remedies, Unset):
            remedies = []
            for remedies_item_data in self.remedies:
                remedies_item = remedies_item_data.to_dict()
                remedies.append(remedies_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause
        if rca_pending is not UNSET:
            field_dict["rca_pending"] = rca_pending
        if remedies is not UNSET:
            field_dict["remedies"] = remedies

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.remedy_input import RemedyInput  # noqa: PLC0415

        d = dict(src_dict)
        outcome = Outcome(d.pop("outcome"))

        note = d.pop("note", UNSET)

        primary_cause = d.pop("primary_cause", UNSET)

        rca_pending = d.pop("rca_pending", UNSET)

        _remedies = d.pop("remedies", UNSET)
        remedies: list[RemedyInput] | Unset = UNSET
        if _remedies is not UNSET:
            remedies = []
            for remedies_item_data in _remedies:
                remedies_item = RemedyInput.from_dict(remedies_item_data)

                remedies.append(remedies_item)

        propose_response_action = cls(
            outcome=outcome,
            note=note,
            primary_cause=primary_cause,
            rca_pending=rca_pending,
            remedies=remedies,
        )

        return propose_response_action
