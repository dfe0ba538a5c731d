from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.person_row import PersonRow


T = TypeVar("T", bound="PeopleReport")


@_attrs_define
class PeopleReport:
    """Team and handler performance.

    Example:
        {'definitions': [{'name': 'on_time', 'rule': 'responses sent by their deadline, of the responses the handler
            sent'}], 'handlers': [{'handled': 27, 'key': 'agent-asha', 'median_business_days_to_response': 9.0, 'on_time':
            {'denominator': 27, 'numerator': 26, 'percent': 96.3, 'robust': True}, 'reopened': {'denominator': 27,
            'numerator': 0, 'percent': 0.0, 'robust': True}, 'satisfaction_handling': {'count': 9, 'robust': False},
            'satisfaction_outcome': {'count': 9, 'robust': False}}], 'in_scope': 212, 'min_cases': 10, 'teams': [{'handled':
            111, 'key': 'north', 'median_business_days_to_response': 12.0, 'on_time': {'denominator': 111, 'numerator': 104,
            'percent': 93.7, 'robust': True}, 'reopened': {'denominator': 111, 'numerator': 2, 'percent': 1.8, 'robust':
            True}, 'satisfaction_handling': {'count': 38, 'mean': 4.2, 'robust': True}, 'satisfaction_outcome': {'count':
            38, 'mean': 3.9, 'robust': True}}]}

    Attributes:
        definitions (list[Definition]): How each figure is computed.
        handlers (list[PersonRow]): Per handler: the one who sent a complaint's latest response, or, before any, the one
            assigned now.
        in_scope (int): Complaints received in the period that match the filters.
        min_cases (int): Rates on fewer cases than this are flagged `robust: false`.
        teams (list[PersonRow]): Per team.
    """

    definitions: list[Definition]
    handlers: list[PersonRow]
    in_scope: int
    min_cases: int
    teams: list[PersonRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        handlers = []
        for handlers_item_data in self.handlers:
            handlers_item = handlers_item_data.to_dict()
            handlers.append(handlers_item)

        in_scope = self.in_scope

        min_cases = self.min_cases

        teams = []
        for teams_item_data in self.teams:
            teams_item = teams_item_data.to_dict()
            teams.append(teams_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "definitions": definitions,
                "handlers": handlers,
                "in_scope": in_scope,
                "min_cases": min_cases,
                "teams": teams,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.person_row import PersonRow  # noqa: PLC0415

        d = dict(src_dict)
        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        handlers = []
        _handlers = d.pop("handlers")
        for handlers_item_data in _handlers:
            handlers_item = PersonRow.from_dict(handlers_item_data)

            handlers.append(handlers_item)

        in_scope = d.pop("in_scope")

        min_cases = d.pop("min_cases")

        teams = []
        _teams = d.pop("teams")
        for teams_item_data in _teams:
            teams_item = PersonRow.from_dict(teams_item_data)

            teams.append(teams_item)

        people_report = cls(
            definitions=definitions,
            handlers=handlers,
            in_scope=in_scope,
            min_cases=min_cases,
            teams=teams,
        )

        people_report.additional_properties = d
        return people_report

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
