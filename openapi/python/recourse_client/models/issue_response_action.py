from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.communication_input import CommunicationInput
    from ..models.remedy_input import RemedyInput


T = TypeVar("T", bound="IssueResponseAction")


@_attrs_define
class IssueResponseAction:
    """Send the response (final, or the stage response of a two-stage profile).

    Example:
        {'communication': {'channel': 'letter', 'summary': 'Final response: upheld. The duplicated fee is refunded;
            referral rights to the Financial Ombudsman Service given.'}, 'outcome': 'upheld', 'primary_cause':
            'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'description': 'Refund of the duplicated
            £25 unarranged-overdraft fee of 4 November.', 'kind': 'fee_refund_or_waiver'}, {'description': 'Written apology
            in the final response letter.', 'kind': 'apology', 'status': 'completed'}]}

    Attributes:
        communication (CommunicationInput): A communication sent to the complainant as part of an action.
        outcome (Outcome): The finding of a response.
        primary_cause (str | Unset): Primary root cause, `L1.L2` (e.g. `PRC.HANDOFF`); needed for an upheld or partially
            upheld outcome unless the profile allows `rca_pending`.
        rca_pending (bool | Unset): Respond now, classify the root cause later (where the profile allows it).
        remedies (list[RemedyInput] | Unset): Remedies offered.
    """

    communication: CommunicationInput
    outcome: Outcome
    primary_cause: str | Unset = UNSET
    rca_pending: bool | Unset = UNSET
    remedies: list[RemedyInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        communication = self.communication.to_dict()

        outcome = self.outcome.value

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
                "communication": communication,
                "outcome": outcome,
            }
        )
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause
        if rca_pending is not UNSET:
            field_dict["rca_pending"] = rca_pending
        if remedies is not UNSET:
            field_dict["remedies"] = remedies

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.communication_input import CommunicationInput  # noqa: PLC0415
        from ..models.remedy_input import RemedyInput  # noqa: PLC0415

        d = dict(src_dict)
        communication = CommunicationInput.from_dict(d.pop("communication"))

        outcome = Outcome(d.pop("outcome"))

        primary_cause = d.pop("primary_cause", UNSET)

        rca_pending = d.pop("rca_pending", UNSET)

        _remedies = d.pop("remedies", UNSET)
        remedies: list[RemedyInput] | Unset = UNSET
        if _remedies is not UNSET:
            remedies = []
            for remedies_item_data in _remedies:
                remedies_item = RemedyInput.from_dict(remedies_item_data)

                remedies.append(remedies_item)

        issue_response_action = cls(
            communication=communication,
            outcome=outcome,
            primary_cause=primary_cause,
            rca_pending=rca_pending,
            remedies=remedies,
        )

        return issue_response_action
