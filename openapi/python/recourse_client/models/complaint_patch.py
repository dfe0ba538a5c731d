from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complainant_patch import ComplainantPatch
    from ..models.vulnerability_input import VulnerabilityInput


T = TypeVar("T", bound="ComplaintPatch")


@_attrs_define
class ComplaintPatch:
    """Corrections to a complaint's intake details; fields left out stay as they are. The
    procedure state, team and profile are not changed here. A complaint in an end state
    (closed, withdrawn, not a complaint, transferred) has been reported as it stands: a team
    leader corrects it, giving a `reason`.

        Example:
            {'complainant': {'phone': '+44 7700 900123'}, 'reason': 'The customer gave a new mobile number on the call
                back.'}

        Attributes:
            category (str | Unset): Corrected category: an active category of the (corrected) product.
            channel (Channel | Unset): How the complaint reached the organisation.
            complainant (ComplainantPatch | Unset): Corrections to a complainant's details; fields left out stay as they
                are.
            description (str | Unset): Corrected description, up to 100,000 characters.
            product (str | Unset): Corrected product. A product or category that changes must make an active category
                of the catalogue with the other (a new product may need a new category too); a
                complaint left under a retired category keeps it.
            reason (str | Unset): Why the correction is made, recorded in the audit trail. Required on a complaint in an
                end state (422 naming `reason` without it).
            received_at (datetime.datetime | Unset): Corrected receipt instant: not in the future, and not after anything
                recorded as
                following it (the acknowledgement, an escalation, a referral, any letter sent).
            remedy_sought (str | Unset): Corrected remedy sought, up to 100,000 characters.
            vulnerability (VulnerabilityInput | Unset): Vulnerability to record with the complaint. Sensitive personal data:
                visible only to
                those who can read the complaint, never logged, and summarised in the audit trail
                without the notes.
    """

    category: str | Unset = UNSET
    channel: Channel | Unset = UNSET
    complainant: ComplainantPatch | Unset = UNSET
    description: str | Unset = UNSET
    product: str | Unset = UNSET
    reason: str | Unset = UNSET
    received_at: datetime.datetime | Unset = UNSET
    remedy_sought: str | Unset = UNSET
    vulnerability: VulnerabilityInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        complainant: dict[str, Any] | Unset = UNSET
        if not isinstance(self.complainant, Unset):
            complainant = self.complainant.to_dict()

        description = self.description

        product = self.product

        reason = self.reason

        received_at: str | Unset = UNSET
        if not isinstance(self.received_at, Unset):
            received_at = self.received_at.isoformat()

        remedy_sought = self.remedy_sought

        vulnerability: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vulnerability, Unset):
            vulnerability = self.vulnerability.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if channel is not UNSET:
            field_dict["channel"] = channel
        if complainant is not UNSET:
            field_dict["complainant"] = complainant
        if description is not UNSET:
            field_dict["description"] = description
        if product is not UNSET:
            field_dict["product"] = product
        if reason is not UNSET:
            field_dict["reason"] = reason
        if received_at is not UNSET:
            field_dict["received_at"] = received_at
        if remedy_sought is not UNSET:
            field_dict["remedy_sought"] = remedy_sought
        if vulnerability is not UNSET:
            field_dict["vulnerability"] = vulnerability

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.complainant_patch import ComplainantPatch  # noqa: PLC0415
        from ..models.vulnerability_input import VulnerabilityInput  # noqa: PLC0415

        d = dict(src_dict)
        category = d.pop("category", UNSET)

        _channel = d.pop("channel", UNSET)
        channel: Channel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = Channel(_channel)

        _complainant = d.pop("complainant", UNSET)
        complainant: ComplainantPatch | Unset
        if isinstance(_complainant, Unset):
            complainant = UNSET
        else:
            complainant = ComplainantPatch.from_dict(_complainant)

        description = d.pop("description", UNSET)

        product = d.pop("product", UNSET)

        reason = d.pop("reason", UNSET)

        _received_at = d.pop("received_at", UNSET)
        received_at: datetime.datetime | Unset
        if isinstance(_received_at, Unset):
            received_at = UNSET
        else:
            received_at = datetime.datetime.fromisoformat(_received_at)

        remedy_sought = d.pop("remedy_sought", UNSET)

        _vulnerability = d.pop("vulnerability", UNSET)
        vulnerability: VulnerabilityInput | Unset
        if isinstance(_vulnerability, Unset):
            vulnerability = UNSET
        else:
            vulnerability = VulnerabilityInput.from_dict(_vulnerability)

        complaint_patch = cls(
            category=category,
            channel=channel,
            complainant=complainant,
            description=description,
            product=product,
            reason=reason,
            received_at=received_at,
            remedy_sought=remedy_sought,
            vulnerability=vulnerability,
        )

        return complaint_patch
