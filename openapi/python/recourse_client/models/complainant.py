from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Complainant")


@_attrs_define
class Complainant:
    """Who complained and how to reach them.

    Attributes:
        name (str): Full name.
        customer_ref (str | Unset): The organisation's own customer reference.
        email (str | Unset): Email address.
        phone (str | Unset): Phone number.
    """

    name: str
    customer_ref: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        customer_ref = self.customer_ref

        email = self.email

        phone = self.phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if customer_ref is not UNSET:
            field_dict["customer_ref"] = customer_ref
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        customer_ref = d.pop("customer_ref", UNSET)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        complainant = cls(
            name=name,
            customer_ref=customer_ref,
            email=email,
            phone=phone,
        )

        complainant.additional_properties = d
        return complainant

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
