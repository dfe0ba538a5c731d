from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.priority import Priority

T = TypeVar("T", bound="TriageAction")


@_attrs_define
class TriageAction:
    """Triage: priority and owner.

    Example:
        {'owner': 'ops-lead-mark', 'priority': 'high'}

    Attributes:
        owner (str): The owner (token subject).
        priority (Priority): How urgent an item is.
    """

    owner: str
    priority: Priority

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner

        priority = self.priority.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "owner": owner,
                "priority": priority,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        owner = d.pop("owner")

        priority = Priority(d.pop("priority"))

        triage_action = cls(
            owner=owner,
            priority=priority,
        )

        return triage_action
