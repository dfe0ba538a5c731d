from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.fca_figures import FcaFigures
    from ..models.fca_return_row import FcaReturnRow


T = TypeVar("T", bound="FcaReturn")


@_attrs_define
class FcaReturn:
    """The FCA complaints return (DISP 1 Annex 1R shape) for a reporting period.

    Example:
        {'by_product_grouping': [{'figures': {'closed': 198, 'closed_after_8_weeks': {'denominator': 198, 'numerator':
            7, 'percent': 3.5, 'robust': True}, 'closed_within_3_business_days': {'denominator': 198, 'numerator': 87,
            'percent': 43.9, 'robust': True}, 'closed_within_8_weeks': {'denominator': 198, 'numerator': 104, 'percent':
            52.5, 'robust': True}, 'opened': 212, 'outstanding_at_start': 41, 'redress_paid': [{'currency': 'GBP',
            'sum_minor': 1284550}], 'upheld': {'denominator': 198, 'numerator': 92, 'percent': 46.5, 'robust': True}},
            'product_grouping': 'Banking and credit cards'}], 'definitions': [{'name': 'closed_within_8_weeks', 'rule':
            'closed more than 3 business days and within 8 weeks of receipt'}], 'in_scope': 212, 'nil_return': False,
            'period_end': '2026-12-31', 'period_start': '2026-07-01', 'rows': [{'figures': {'closed': 198,
            'closed_after_8_weeks': {'denominator': 198, 'numerator': 7, 'percent': 3.5, 'robust': True},
            'closed_within_3_business_days': {'denominator': 198, 'numerator': 87, 'percent': 43.9, 'robust': True},
            'closed_within_8_weeks': {'denominator': 198, 'numerator': 104, 'percent': 52.5, 'robust': True}, 'opened': 212,
            'outstanding_at_start': 41, 'redress_paid': [{'currency': 'GBP', 'sum_minor': 1284550}], 'upheld':
            {'denominator': 198, 'numerator': 92, 'percent': 46.5, 'robust': True}}, 'main_cause': 'Charges and fees',
            'product_grouping': 'Banking and credit cards'}], 'totals': {'closed': 198, 'closed_after_8_weeks':
            {'denominator': 198, 'numerator': 7, 'percent': 3.5, 'robust': True}, 'closed_within_3_business_days':
            {'denominator': 198, 'numerator': 87, 'percent': 43.9, 'robust': True}, 'closed_within_8_weeks': {'denominator':
            198, 'numerator': 104, 'percent': 52.5, 'robust': True}, 'opened': 212, 'outstanding_at_start': 41,
            'redress_paid': [{'currency': 'GBP', 'sum_minor': 1284550}], 'upheld': {'denominator': 198, 'numerator': 92,
            'percent': 46.5, 'robust': True}}}

    Attributes:
        by_product_grouping (list[FcaReturnRow]): Per product grouping.
        definitions (list[Definition]): How complaints map to the return, and how each figure is computed.
        in_scope (int): Complaints on the return: open at the start, opened or closed in the period.
        nil_return (bool): True when there is nothing to report (a nil return).
        period_end (datetime.date): Last day of the period (inclusive).
        period_start (datetime.date): First day of the period.
        rows (list[FcaReturnRow]): Per product grouping and main cause; lines with nothing to report are left out.
        totals (FcaFigures): The figures of one line of the FCA complaints return.
    """

    by_product_grouping: list[FcaReturnRow]
    definitions: list[Definition]
    in_scope: int
    nil_return: bool
    period_end: datetime.date
    period_start: datetime.date
    rows: list[FcaReturnRow]
    totals: FcaFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_product_grouping = []
        for by_product_grouping_item_data in self.by_product_grouping:
            by_product_grouping_item = by_product_grouping_item_data.to_dict()
            by_product_grouping.append(by_product_grouping_item)

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        in_scope = self.in_scope

        nil_return = self.nil_return

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_product_grouping": by_product_grouping,
                "definitions": definitions,
                "in_scope": in_scope,
                "nil_return": nil_return,
                "period_end": period_end,
                "period_start": period_start,
                "rows": rows,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.fca_figures import FcaFigures  # noqa: PLC0415
        from ..models.fca_return_row import FcaReturnRow  # noqa: PLC0415

        d = dict(src_dict)
        by_product_grouping = []
        _by_product_grouping = d.pop("by_product_grouping")
        for by_product_grouping_item_data in _by_product_grouping:
            by_product_grouping_item = FcaReturnRow.from_dict(by_product_grouping_item_data)

            by_product_grouping.append(by_product_grouping_item)

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        in_scope = d.pop("in_scope")

        nil_return = d.pop("nil_return")

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = FcaReturnRow.from_dict(rows_item_data)

            rows.append(rows_item)

        totals = FcaFigures.from_dict(d.pop("totals"))

        fca_return = cls(
            by_product_grouping=by_product_grouping,
            definitions=definitions,
            in_scope=in_scope,
            nil_return=nil_return,
            period_end=period_end,
            period_start=period_start,
            rows=rows,
            totals=totals,
        )

        fca_return.additional_properties = d
        return fca_return

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
