from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cohort_figures import CohortFigures
    from ..models.definition import Definition


T = TypeVar("T", bound="VulnerableGapReport")


@_attrs_define
class VulnerableGapReport:
    """The vulnerable-customer gap.

    Example:
        {'definitions': [{'name': 'median_days_gap', 'rule': "the vulnerable cohort's median business days to respond
            less the others'"}], 'median_days_gap': 2.0, 'others': {'in_scope': 189, 'median_business_days_to_response':
            12.0, 'responses': 177, 'upheld': {'denominator': 177, 'numerator': 80, 'percent': 45.2, 'robust': True}},
            'upheld_gap_points': 11.9, 'vulnerable': {'in_scope': 23, 'median_business_days_to_response': 14.0, 'responses':
            21, 'upheld': {'denominator': 21, 'numerator': 12, 'percent': 57.1, 'robust': True}}}

    Attributes:
        definitions (list[Definition]): How each figure is computed.
        others (CohortFigures): One cohort of the vulnerable-customer gap.
        vulnerable (CohortFigures): One cohort of the vulnerable-customer gap.
        median_days_gap (float | Unset): Vulnerable minus others, business days (absent when either has no response).
        upheld_gap_points (float | Unset): Vulnerable minus others, percentage points (absent when either has no decided
            case).
    """

    definitions: list[Definition]
    others: CohortFigures
    vulnerable: CohortFigures
    median_days_gap: float | Unset = UNSET
    upheld_gap_points: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        others = self.others.to_dict()

        vulnerable = self.vulnerable.to_dict()

        median_days_gap = self.median_days_gap

        upheld_gap_points = self.upheld_gap_points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "definitions": definitions,
                "others": others,
                "vulnerable": vulnerable,
            }
        )
        if median_days_gap is not UNSET:
            field_dict["median_days_gap"] = median_days_gap
        if upheld_gap_points is not UNSET:
            field_dict["upheld_gap_points"] = upheld_gap_points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cohort_figures import CohortFigures  # noqa: PLC0415
        from ..models.definition import Definition  # noqa: PLC0415

        d = dict(src_dict)
        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        others = CohortFigures.from_dict(d.pop("others"))

        vulnerable = CohortFigures.from_dict(d.pop("vulnerable"))

        median_days_gap = d.pop("median_days_gap", UNSET)

        upheld_gap_points = d.pop("upheld_gap_points", UNSET)

        vulnerable_gap_report = cls(
            definitions=definitions,
            others=others,
            vulnerable=vulnerable,
            median_days_gap=median_days_gap,
            upheld_gap_points=upheld_gap_points,
        )

        vulnerable_gap_report.additional_properties = d
        return vulnerable_gap_report

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
