from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AssignAction")


@_attrs_define
class AssignAction:
    """Give the complaint to a handler of its team (agents can only take an unassigned one).

    Example:
        {'assignee': 'agent-asha'}

    Attributes:
        assignee (str): The handler's token subject; they must have signed in at least once.
    """

    assignee: str

    def to_dict(self) -> dict[str, Any]:
        assignee = self.assignee

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignee = d.pop("assignee")

        assign_action = cls(
            assignee=assignee,
        )

        return assign_action
