from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.referral_scheme import ReferralScheme
from ..models.remedy_kind import RemedyKind
from ..models.remedy_status import RemedyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemedyRecord")


@_attrs_define
class RemedyRecord:
    """A remedy on a complaint. Money is integer minor units.

    Example:
        {'amount_minor': 2500, 'currency': 'GBP', 'description': 'Refund of the duplicated £25 unarranged-overdraft fee
            of 4 November.', 'id': '0193a5d1-4b2c-7e3d-8f4a-5b6c7d8e9f01', 'issued_at': '2026-12-10T15:00:00+00:00', 'kind':
            'fee_refund_or_waiver', 'settled_at': '2026-12-11T09:20:00+00:00', 'settled_by': 'agent-asha', 'status':
            'completed'}

    Attributes:
        id (UUID): Remedy id.
        kind (RemedyKind): What a remedy is.
        status (RemedyStatus): Where a remedy stands.
        amount_minor (int | Unset): Amount in minor units of `currency`.
        currency (str | Unset): ISO 4217 currency code.
        description (str | Unset): Details.
        issued_at (datetime.datetime | Unset): When it went out in a response; absent while it is part of a proposal
            awaiting approval.
        ordered_by (ReferralScheme | Unset): An ombudsman or external dispute-resolution scheme.
        settled_at (datetime.datetime | Unset): When it was completed or declined.
        settled_by (str | Unset): Who settled it.
    """

    id: UUID
    kind: RemedyKind
    status: RemedyStatus
    amount_minor: int | Unset = UNSET
    currency: str | Unset = UNSET
    description: str | Unset = UNSET
    issued_at: datetime.datetime | Unset = UNSET
    ordered_by: ReferralScheme | Unset = UNSET
    settled_at: datetime.datetime | Unset = UNSET
    settled_by: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        status = self.status.value

        amount_minor = self.amount_minor

        currency = self.currency

        description = self.description

        issued_at: str | Unset = UNSET
        if not isinstance(self.issued_at, Unset):
            issued_at = self.issued_at.isoformat()

        ordered_by: str | Unset = UNSET
        if not isinstance(self.ordered_by, Unset):
            ordered_by = self.ordered_by.value

        settled_at: str | Unset = UNSET
        if not isinstance(self.settled_at, Unset):
            settled_at = self.settled_at.isoformat()

        settled_by = self.settled_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "status": status,
            }
        )
        if amount_minor is not UNSET:
            field_dict["amount_minor"] = amount_minor
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if issued_at is not UNSET:
            field_dict["issued_at"] = issued_at
        if ordered_by is not UNSET:
            field_dict["ordered_by"] = ordered_by
        if settled_at is not UNSET:
            field_dict["settled_at"] = settled_at
        if settled_by is not UNSET:
            field_dict["settled_by"] = settled_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = RemedyKind(d.pop("kind"))

        status = RemedyStatus(d.pop("status"))

        amount_minor = d.pop("amount_minor", UNSET)

        currency = d.pop("currency", UNSET)

        description = d.pop("description", UNSET)

        _issued_at = d.pop("issued_at", UNSET)
        issued_at: datetime.datetime | Unset
        if isinstance(_issued_at, Unset):
            issued_at = UNSET
        else:
            issued_at = datetime.datetime.fromisoformat(_issued_at)

        _ordered_by = d.pop("ordered_by", UNSET)
        ordered_by: ReferralScheme | Unset
        if isinstance(_ordered_by, Unset):
            ordered_by = UNSET
        else:
            ordered_by = ReferralScheme(_ordered_by)

        _settled_at = d.pop("settled_at", UNSET)
        settled_at: datetime.datetime | Unset
        if isinstance(_settled_at, Unset):
            settled_at = UNSET
        else:
            settled_at = datetime.datetime.fromisoformat(_settled_at)

        settled_by = d.pop("settled_by", UNSET)

        remedy_record = cls(
            id=id,
            kind=kind,
            status=status,
            amount_minor=amount_minor,
            currency=currency,
            description=description,
            issued_at=issued_at,
            ordered_by=ordered_by,
            settled_at=settled_at,
            settled_by=settled_by,
        )

        remedy_record.additional_properties = d
        return remedy_record

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
