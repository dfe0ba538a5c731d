from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NewImprovement")


@_attrs_define
class NewImprovement:
    """A hand-made item.

    Example:
        {'cause': 'PRC.HANDOFF', 'complaints': ['0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01'], 'description': 'Refunds
            promised in branch are lost between the branch and the back office.', 'product': 'current_account', 'title':
            'Track branch refund requests to the back office'}

    Attributes:
        title (str): Title.
        cause (str | Unset): The root cause it is about, an active code.
        complaints (list[UUID] | Unset): Complaints to link as evidence.
        description (str | Unset): What prompted it (an audit, an ombudsman decision, a handler's report).
        product (str | Unset): The product, one in the catalogue (`/v1/categories`; a retired one too).
    """

    title: str
    cause: str | Unset = UNSET
    complaints: list[UUID] | Unset = UNSET
    description: str | Unset = UNSET
    product: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        cause = self.cause

        complaints: list[str] | Unset = UNSET
        if not isinstance(self.complaints, Unset):
            complaints = []
            for complaints_item_data in self.complaints:
                complaints_item = str(complaints_item_data)
                complaints.append(complaints_item)

        description = self.description

        product = self.product

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if cause is not UNSET:
            field_dict["cause"] = cause
        if complaints is not UNSET:
            field_dict["complaints"] = complaints
        if description is not UNSET:
            field_dict["description"] = description
        if product is not UNSET:
            field_dict["product"] = product

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        cause = d.pop("cause", UNSET)

        _complaints = d.pop("complaints", UNSET)
        complaints: list[UUID] | Unset = UNSET
        if _complaints is not UNSET:
            complaints = []
            for complaints_item_data in _complaints:
                complaints_item = UUID(complaints_item_data)

                complaints.append(complaints_item)

        description = d.pop("description", UNSET)

        product = d.pop("product", UNSET)

        new_improvement = cls(
            title=title,
            cause=cause,
            complaints=complaints,
            description=description,
            product=product,
        )

        return new_improvement
