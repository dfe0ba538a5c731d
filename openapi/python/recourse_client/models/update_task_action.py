from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="UpdateTaskAction")


@_attrs_define
class UpdateTaskAction:
    """A task's new status.

    Example:
        {'status': 'done', 'task_id': '0193a5c0-1d2e-7f3a-8b4c-5d6e7f809a1b'}

    Attributes:
        status (TaskStatus): Where a task stands.
        task_id (UUID): The task.
    """

    status: TaskStatus
    task_id: UUID

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        task_id = str(self.task_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
                "task_id": task_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = TaskStatus(d.pop("status"))

        task_id = UUID(d.pop("task_id"))

        update_task_action = cls(
            status=status,
            task_id=task_id,
        )

        return update_task_action
