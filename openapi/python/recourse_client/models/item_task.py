from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="ItemTask")


@_attrs_define
class ItemTask:
    """A task of the `do` step.

    Attributes:
        description (str): What is to be done.
        due_on (datetime.date): By when.
        id (UUID): Task id.
        owner (str): Who does it.
        status (TaskStatus): Where a task stands.
    """

    description: str
    due_on: datetime.date
    id: UUID
    owner: str
    status: TaskStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        due_on = self.due_on.isoformat()

        id = str(self.id)

        owner = self.owner

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "due_on": due_on,
                "id": id,
                "owner": owner,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        id = UUID(d.pop("id"))

        owner = d.pop("owner")

        status = TaskStatus(d.pop("status"))

        item_task = cls(
            description=description,
            due_on=due_on,
            id=id,
            owner=owner,
            status=status,
        )

        item_task.additional_properties = d
        return item_task

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
