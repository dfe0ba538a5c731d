from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.pareto_bar import ParetoBar


T = TypeVar("T", bound="ParetoReport")


@_attrs_define
class ParetoReport:
    """The root-cause Pareto.

    Example:
        {'classified': 92, 'definitions': [{'name': 'share_percent', 'rule': "the cause's classified complaints, of all
            classified"}], 'in_scope': 212, 'items': [{'cause': 'PRC.HANDOFF', 'count': 31, 'cumulative_percent': 33.7,
            'share_percent': 33.7}, {'cause': 'POL.PRICING_FEES', 'count': 19, 'cumulative_percent': 54.3, 'share_percent':
            20.7}, {'cause': 'COM.NOT_UPDATED', 'count': 12, 'cumulative_percent': 67.4, 'share_percent': 13.0}]}

    Attributes:
        classified (int): Of those, the ones counted (with a primary cause; upheld only if asked).
        definitions (list[Definition]): How each figure is computed.
        in_scope (int): Complaints received in the period that match the filters.
        items (list[ParetoBar]): Bars, largest first.
    """

    classified: int
    definitions: list[Definition]
    in_scope: int
    items: list[ParetoBar]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        classified = self.classified

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        in_scope = self.in_scope

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "classified": classified,
                "definitions": definitions,
                "in_scope": in_scope,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.pareto_bar import ParetoBar  # noqa: PLC0415

        d = dict(src_dict)
        classified = d.pop("classified")

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        in_scope = d.pop("in_scope")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ParetoBar.from_dict(items_item_data)

            items.append(items_item)

        pareto_report = cls(
            classified=classified,
            definitions=definitions,
            in_scope=in_scope,
            items=items,
        )

        pareto_report.additional_properties = d
        return pareto_report

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
