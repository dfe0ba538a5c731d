from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.communication_input import CommunicationInput


T = TypeVar("T", bound="AcknowledgeAction")


@_attrs_define
class AcknowledgeAction:
    """Acknowledge the complaint (or, at stage 2, the escalation).

    Example:
        {'communication': {'channel': 'email', 'summary': 'Acknowledged the complaint, gave reference CMP-2026-000123
            and the name of the handler.'}}

    Attributes:
        communication (CommunicationInput): A communication sent to the complainant as part of an action.
    """

    communication: CommunicationInput

    def to_dict(self) -> dict[str, Any]:
        communication = self.communication.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "communication": communication,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.communication_input import CommunicationInput  # noqa: PLC0415

        d = dict(src_dict)
        communication = CommunicationInput.from_dict(d.pop("communication"))

        acknowledge_action = cls(
            communication=communication,
        )

        return acknowledge_action
