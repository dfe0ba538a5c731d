from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MergeRootCause")


@_attrs_define
class MergeRootCause:
    """Merge a code into a surviving one.

    Example:
        {'into': 'PRC.HANDOFF'}

    Attributes:
        into (str): The active code that survives.
    """

    into: str

    def to_dict(self) -> dict[str, Any]:
        into = self.into

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
        into = d.pop("into")

        merge_root_cause = cls(
            into=into,
        )

        return merge_root_cause
