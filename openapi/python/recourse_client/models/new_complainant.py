from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewComplainant")


@_attrs_define
class NewComplainant:
    """Who complained and how to reach them.

    Attributes:
        name (str): Full name.
        customer_ref (str | Unset): The organisation's own customer reference.
        email (str | Unset): Email address.
        phone (str | Unset): Phone number, digits with optional leading `+`, spaces, dots, dashes and brackets.
    """

    name: str
    customer_ref: str | Unset = UNSET
    email: str | Unset = UNSET
    phone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        customer_ref = self.customer_ref

        email = self.email

        phone = self.phone

        field_dict: dict[str, Any] = {}

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

        new_complainant = cls(
            name=name,
            customer_ref=customer_ref,
            email=email,
            phone=phone,
        )

        return new_complainant
