from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.remedy_kind import RemedyKind
from ..models.remedy_status import RemedyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemedyInput")


@_attrs_define
class RemedyInput:
    """A remedy offered in a response, or ordered by an ombudsman. Money is integer minor units
    (pence, cents).

        Attributes:
            kind (RemedyKind): What a remedy is.
            amount_minor (int | Unset): Amount in minor units of `currency`; give both or neither.
            currency (str | Unset): ISO 4217 currency code.
            description (str | Unset): Details.
            status (RemedyStatus | Unset): Where a remedy stands.
    """

    kind: RemedyKind
    amount_minor: int | Unset = UNSET
    currency: str | Unset = UNSET
    description: str | Unset = UNSET
    status: RemedyStatus | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        amount_minor = self.amount_minor

        currency = self.currency

        description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )
        if amount_minor is not UNSET:
            field_dict["amount_minor"] = amount_minor
        if currency is not UNSET:
            field_dict["currency"] = currency
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = RemedyKind(d.pop("kind"))

        amount_minor = d.pop("amount_minor", UNSET)

        currency = d.pop("currency", UNSET)

        description = d.pop("description", UNSET)

        _status = d.pop("status", UNSET)
        status: RemedyStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = RemedyStatus(_status)

        remedy_input = cls(
            kind=kind,
            amount_minor=amount_minor,
            currency=currency,
            description=description,
            status=status,
        )

        return remedy_input
