from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RedressPaid")


@_attrs_define
class RedressPaid:
    """Redress paid in one currency (and remedy type).

    Attributes:
        count (int): Remedies paid.
        currency (str): ISO 4217 currency.
        mean_minor (float): Mean per remedy in minor units (a decimal).
        sum_minor (int): Total, exact, in minor units.
        kind (str | Unset): The remedy type, in the by-type list.
    """

    count: int
    currency: str
    mean_minor: float
    sum_minor: int
    kind: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        currency = self.currency

        mean_minor = self.mean_minor

        sum_minor = self.sum_minor

        kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "currency": currency,
                "mean_minor": mean_minor,
                "sum_minor": sum_minor,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        currency = d.pop("currency")

        mean_minor = d.pop("mean_minor")

        sum_minor = d.pop("sum_minor")

        kind = d.pop("kind", UNSET)

        redress_paid = cls(
            count=count,
            currency=currency,
            mean_minor=mean_minor,
            sum_minor=sum_minor,
            kind=kind,
        )

        redress_paid.additional_properties = d
        return redress_paid

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
