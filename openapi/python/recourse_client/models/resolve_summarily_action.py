from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.outcome import Outcome
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.communication_input import CommunicationInput


T = TypeVar("T", bound="ResolveSummarilyAction")


@_attrs_define
class ResolveSummarilyAction:
    """Resolve the complaint inside the profile's summary window (FCA: by close of business on
    the 3rd business day after receipt), with the complainant's acceptance.

        Example:
            {'communication': {'channel': 'phone', 'summary': 'Refunded the duplicated fee on the call; the customer is
                satisfied. Summary resolution letter sent.'}, 'outcome': 'resolved'}

        Attributes:
            communication (CommunicationInput): A communication sent to the complainant as part of an action.
            outcome (Outcome): The finding of a response.
            primary_cause (str | Unset): Primary root cause, `L1.L2`, if one is known.
    """

    communication: CommunicationInput
    outcome: Outcome
    primary_cause: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        communication = self.communication.to_dict()

        outcome = self.outcome.value

        primary_cause = self.primary_cause

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "communication": communication,
                "outcome": outcome,
            }
        )
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.communication_input import CommunicationInput  # noqa: PLC0415

        d = dict(src_dict)
        communication = CommunicationInput.from_dict(d.pop("communication"))

        outcome = Outcome(d.pop("outcome"))

        primary_cause = d.pop("primary_cause", UNSET)

        resolve_summarily_action = cls(
            communication=communication,
            outcome=outcome,
            primary_cause=primary_cause,
        )

        return resolve_summarily_action
