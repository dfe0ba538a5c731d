from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.profile import Profile
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.new_complainant import NewComplainant
    from ..models.vulnerability_input import VulnerabilityInput


T = TypeVar("T", bound="NewComplaint")


@_attrs_define
class NewComplaint:
    """A complaint to log.

    Example:
        {'category': 'fees', 'channel': 'phone', 'complainant': {'customer_ref': 'CUST-40817', 'email':
            'priya.shah@example.co.uk', 'name': 'Priya Shah', 'phone': '+44 20 7946 0321'}, 'description': 'I was charged
            the £25 unarranged-overdraft fee twice on 4 November. The branch told me on 6 November it would be refunded, but
            it has not been.', 'product': 'current_account', 'profile': 'fca_disp', 'remedy_sought': 'Refund the duplicated
            fee and explain why the promised refund never arrived.'}

    Attributes:
        category (str): What the complaint is about: an active category of the product in the catalogue.
        channel (Channel): How the complaint reached the organisation.
        complainant (NewComplainant): Who complained and how to reach them.
        description (str): The complaint in the complainant's terms, up to 100,000 characters (a long letter or
            a transcript).
        product (str): The product or service complained about: a product of the catalogue with an active
            category (`GET /v1/categories`).
        remedy_sought (str): What the complainant wants done, up to 100,000 characters.
        profile (Profile | Unset): Regulatory profile whose deadlines govern the complaint.
        received_at (datetime.datetime | Unset): When the organisation received the complaint (defaults to now; not in
            the future).
            Regulatory deadlines run from this instant.
        team (str | Unset): Owning team. Agents and team leaders may leave it out (their own team is used);
            other callers must name it.
        vulnerability (VulnerabilityInput | Unset): Vulnerability to record with the complaint. Sensitive personal data:
            visible only to
            those who can read the complaint, never logged, and summarised in the audit trail
            without the notes.
    """

    category: str
    channel: Channel
    complainant: NewComplainant
    description: str
    product: str
    remedy_sought: str
    profile: Profile | Unset = UNSET
    received_at: datetime.datetime | Unset = UNSET
    team: str | Unset = UNSET
    vulnerability: VulnerabilityInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        channel = self.channel.value

        complainant = self.complainant.to_dict()

        description = self.description

        product = self.product

        remedy_sought = self.remedy_sought

        profile: str | Unset = UNSET
        if not isinstance(self.profile, Unset):
            profile = self.profile.value

        received_at: str | Unset = UNSET
        if not isinstance(self.received_at, Unset):
            received_at = self.received_at.isoformat()

        team = self.team

        vulnerability: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vulnerability, Unset):
            vulnerability = self.vulnerability.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "channel": channel,
                "complainant": complainant,
                "description": description,
                "product": product,
                "remedy_sought": remedy_sought,
            }
        )
        if profile is not UNSET:
            field_dict["profile"] = profile
        if received_at is not UNSET:
            field_dict["received_at"] = received_at
        if team is not UNSET:
            field_dict["team"] = team
        if vulnerability is not UNSET:
            field_dict["vulnerability"] = vulnerability

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.new_complainant import NewComplainant  # noqa: PLC0415
        from ..models.vulnerability_input import VulnerabilityInput  # noqa: PLC0415

        d = dict(src_dict)
        category = d.pop("category")

        channel = Channel(d.pop("channel"))

        complainant = NewComplainant.from_dict(d.pop("complainant"))

        description = d.pop("description")

        product = d.pop("product")

        remedy_sought = d.pop("remedy_sought")

        _profile = d.pop("profile", UNSET)
        profile: Profile | Unset
        if isinstance(_profile, Unset):
            profile = UNSET
        else:
            profile = Profile(_profile)

        _received_at = d.pop("received_at", UNSET)
        received_at: datetime.datetime | Unset
        if isinstance(_received_at, Unset):
            received_at = UNSET
        else:
            received_at = datetime.datetime.fromisoformat(_received_at)

        team = d.pop("team", UNSET)

        _vulnerability = d.pop("vulnerability", UNSET)
        vulnerability: VulnerabilityInput | Unset
        if isinstance(_vulnerability, Unset):
            vulnerability = UNSET
        else:
            vulnerability = VulnerabilityInput.from_dict(_vulnerability)

        new_complaint = cls(
            category=category,
            channel=channel,
            complainant=complainant,
            description=description,
            product=product,
            remedy_sought=remedy_sought,
            profile=profile,
            received_at=received_at,
            team=team,
            vulnerability=vulnerability,
        )

        return new_complaint
