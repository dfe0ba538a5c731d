from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ComplainantPatch")


@_attrs_define
class ComplainantPatch:
    """Corrections to a complainant's details; fields left out stay as they are.

    Attributes:
        customer_ref (str | Unset): The organisation's own customer reference.
        email (str | Unset): Email address.
        name (str | Unset): Full name.
        phone (str | Unset): Phone number.
    """

    customer_ref: str | Unset = UNSET
    email: str | Unset = UNSET
    name: str | Unset = UNSET
    phone: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer_ref = self.customer_ref

        email = self.email

        name = self.name

        phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if customer_ref is not UNSET:
            field_dict["customer_ref"] = customer_ref
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_ref = d.pop("customer_ref", UNSET)

        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        phone = d.pop("phone", UNSET)

        complainant_patch = cls(
            customer_ref=customer_ref,
            email=email,
            name=name,
            phone=phone,
        )

        return complainant_patch
