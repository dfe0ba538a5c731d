from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskInput")


@_attrs_define
class TaskInput:
    """A task to do.

    Attributes:
        description (str): What is to be done.
        due_on (datetime.date): By when, `YYYY-MM-DD`; at most five years ahead.
        owner (str): Who does it.
    """

    description: str
    due_on: datetime.date
    owner: str

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        due_on = self.due_on.isoformat()

        owner = self.owner

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "description": description,
                "due_on": due_on,
                "owner": owner,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        owner = d.pop("owner")

        task_input = cls(
            description=description,
            due_on=due_on,
            owner=owner,
        )

        return task_input
