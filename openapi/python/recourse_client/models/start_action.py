from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.task_input import TaskInput


T = TypeVar("T", bound="StartAction")


@_attrs_define
class StartAction:
    """Start doing: the tasks.

    Example:
        {'tasks': [{'description': 'Replace the shared inbox with a refund request form in the case system.', 'due_on':
            '2027-01-15', 'owner': 'ops-lead-mark'}, {'description': 'Brief branch staff on the new form.', 'due_on':
            '2027-01-29', 'owner': 'branch-trainer-ella'}]}

    Attributes:
        tasks (list[TaskInput]): At least one task.
    """

    tasks: list[TaskInput]

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_input import TaskInput  # noqa: PLC0415

        d = dict(src_dict)
        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = TaskInput.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        start_action = cls(
            tasks=tasks,
        )

        return start_action
