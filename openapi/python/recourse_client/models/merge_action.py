from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="MergeAction")


@_attrs_define
class MergeAction:
    """Merge into another open item.

    Example:
        {'into': '0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f'}

    Attributes:
        into (UUID): The surviving item.
    """

    into: UUID

    def to_dict(self) -> dict[str, Any]:
        into = str(self.into)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "into": into,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        into = UUID(d.pop("into"))

        merge_action = cls(
            into=into,
        )

        return merge_action
