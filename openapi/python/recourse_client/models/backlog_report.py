from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.rate_figure import RateFigure
    from ..models.state_count import StateCount


T = TypeVar("T", bound="BacklogReport")


@_attrs_define
class BacklogReport:
    """The improvement backlog in figures.

    Example:
        {'by_state': [{'count': 3, 'state': 'do'}, {'count': 1, 'state': 'check'}, {'count': 5, 'state': 'closed'}],
            'definitions': [{'name': 'effective', 'rule': 'items whose last check judged the fix effective, of the items
            checked'}], 'effective': {'denominator': 5, 'numerator': 4, 'percent': 80.0, 'robust': False}, 'overdue_tasks':
            1}

    Attributes:
        by_state (list[StateCount]): Items by state.
        definitions (list[Definition]): How each figure is computed.
        effective (RateFigure): A rate with the counts behind it.
        overdue_tasks (int): Open tasks past their due date.
    """

    by_state: list[StateCount]
    definitions: list[Definition]
    effective: RateFigure
    overdue_tasks: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_state = []
        for by_state_item_data in self.by_state:
            by_state_item = by_state_item_data.to_dict()
            by_state.append(by_state_item)

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        effective = self.effective.to_dict()

        overdue_tasks = self.overdue_tasks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_state": by_state,
                "definitions": definitions,
                "effective": effective,
                "overdue_tasks": overdue_tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415
        from ..models.state_count import StateCount  # noqa: PLC0415

        d = dict(src_dict)
        by_state = []
        _by_state = d.pop("by_state")
        for by_state_item_data in _by_state:
            by_state_item = StateCount.from_dict(by_state_item_data)

            by_state.append(by_state_item)

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        effective = RateFigure.from_dict(d.pop("effective"))

        overdue_tasks = d.pop("overdue_tasks")

        backlog_report = cls(
            by_state=by_state,
            definitions=definitions,
            effective=effective,
            overdue_tasks=overdue_tasks,
        )

        backlog_report.additional_properties = d
        return backlog_report

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
