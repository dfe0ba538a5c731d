from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_scheme import ReferralScheme
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferAction")


@_attrs_define
class ReferAction:
    """Record that the complainant referred the complaint to an ombudsman or scheme.

    Example:
        {'reference': 'PNX-4471823', 'scheme': 'financial_ombudsman_service'}

    Attributes:
        scheme (ReferralScheme): An ombudsman or external dispute-resolution scheme.
        reference (str | Unset): The scheme's case reference.
        referred_at (datetime.datetime | Unset): When the referral was made (defaults to now): not before the latest
            response, not in
            the future.
    """

    scheme: ReferralScheme
    reference: str | Unset = UNSET
    referred_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        scheme = self.scheme.value

        reference = self.reference

        referred_at: str | Unset = UNSET
        if not isinstance(self.referred_at, Unset):
            referred_at = self.referred_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scheme": scheme,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference
        if referred_at is not UNSET:
            field_dict["referred_at"] = referred_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        scheme = ReferralScheme(d.pop("scheme"))

        reference = d.pop("reference", UNSET)

        _referred_at = d.pop("referred_at", UNSET)
        referred_at: datetime.datetime | Unset
        if isinstance(_referred_at, Unset):
            referred_at = UNSET
        else:
            referred_at = datetime.datetime.fromisoformat(_referred_at)

        refer_action = cls(
            scheme=scheme,
            reference=reference,
            referred_at=referred_at,
        )

        return refer_action
