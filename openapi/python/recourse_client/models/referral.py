from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.referral_decision import ReferralDecision
from ..models.referral_scheme import ReferralScheme
from ..types import UNSET, Unset

T = TypeVar("T", bound="Referral")


@_attrs_define
class Referral:
    """A referral to an ombudsman or external scheme.

    Attributes:
        referred_at (datetime.datetime): When it was referred.
        scheme (ReferralScheme): An ombudsman or external dispute-resolution scheme.
        decided_at (datetime.datetime | Unset): When the decision was made.
        decision (ReferralDecision | Unset): An ombudsman's or scheme's decision.
        reference (str | Unset): The scheme's case reference.
    """

    referred_at: datetime.datetime
    scheme: ReferralScheme
    decided_at: datetime.datetime | Unset = UNSET
    decision: ReferralDecision | Unset = UNSET
    reference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        referred_at = self.referred_at.isoformat()

        scheme = self.scheme.value

        decided_at: str | Unset = UNSET
        if not isinstance(self.decided_at, Unset):
            decided_at = self.decided_at.isoformat()

        decision: str | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.value

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "referred_at": referred_at,
                "scheme": scheme,
            }
        )
        if decided_at is not UNSET:
            field_dict["decided_at"] = decided_at
        if decision is not UNSET:
            field_dict["decision"] = decision
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        referred_at = datetime.datetime.fromisoformat(d.pop("referred_at"))

        scheme = ReferralScheme(d.pop("scheme"))

        _decided_at = d.pop("decided_at", UNSET)
        decided_at: datetime.datetime | Unset
        if isinstance(_decided_at, Unset):
            decided_at = UNSET
        else:
            decided_at = datetime.datetime.fromisoformat(_decided_at)

        _decision = d.pop("decision", UNSET)
        decision: ReferralDecision | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = ReferralDecision(_decision)

        reference = d.pop("reference", UNSET)

        referral = cls(
            referred_at=referred_at,
            scheme=scheme,
            decided_at=decided_at,
            decision=decision,
            reference=reference,
        )

        referral.additional_properties = d
        return referral

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
