from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.rate_figure import RateFigure


T = TypeVar("T", bound="FlowReport")


@_attrs_define
class FlowReport:
    """How complaints flowed through the procedure.

    Example:
        {'closed_at_stage1': {'denominator': 198, 'numerator': 190, 'percent': 96.0, 'robust': True}, 'definitions':
            [{'name': 'escalated', 'rule': 'complaints escalated to stage 2, of those with a finding'}], 'escalated':
            {'denominator': 198, 'numerator': 8, 'percent': 4.0, 'robust': True}, 'in_scope': 212, 'overturned':
            {'denominator': 4, 'numerator': 1, 'percent': 25.0, 'robust': False}, 'referred': {'denominator': 198,
            'numerator': 5, 'percent': 2.5, 'robust': True}, 'reopened': {'denominator': 198, 'numerator': 2, 'percent':
            1.0, 'robust': True}}

    Attributes:
        closed_at_stage1 (RateFigure): A rate with the counts behind it.
        definitions (list[Definition]): How each figure is computed.
        escalated (RateFigure): A rate with the counts behind it.
        in_scope (int): Complaints received in the period that match the filters.
        overturned (RateFigure): A rate with the counts behind it.
        referred (RateFigure): A rate with the counts behind it.
        reopened (RateFigure): A rate with the counts behind it.
        period_start (datetime.date | Unset): On a period of a `series`: its first day (weeks start on Monday, UTC).
        series (list[FlowReport] | Unset): With `group_by`: the same figures per period of `from`..`to`, oldest first
            (each
            with its `period_start` and no definitions).
    """

    closed_at_stage1: RateFigure
    definitions: list[Definition]
    escalated: RateFigure
    in_scope: int
    overturned: RateFigure
    referred: RateFigure
    reopened: RateFigure
    period_start: datetime.date | Unset = UNSET
    series: list[FlowReport] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at_stage1 = self.closed_at_stage1.to_dict()

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        escalated = self.escalated.to_dict()

        in_scope = self.in_scope

        overturned = self.overturned.to_dict()

        referred = self.referred.to_dict()

        reopened = self.reopened.to_dict()

        period_start: str | Unset = UNSET
        if not isinstance(self.period_start, Unset):
            period_start = self.period_start.isoformat()

        series: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.series, Unset):
            series = []
            for series_item_data in self.series:
                series_item = series_item_data.to_dict()
                series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at_stage1": closed_at_stage1,
                "definitions": definitions,
                "escalated": escalated,
                "in_scope": in_scope,
                "overturned": overturned,
                "referred": referred,
                "reopened": reopened,
            }
        )
        if period_start is not UNSET:
            field_dict["period_start"] = period_start
        if series is not UNSET:
            field_dict["series"] = series

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415

        d = dict(src_dict)
        closed_at_stage1 = RateFigure.from_dict(d.pop("closed_at_stage1"))

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        escalated = RateFigure.from_dict(d.pop("escalated"))

        in_scope = d.pop("in_scope")

        overturned = RateFigure.from_dict(d.pop("overturned"))

        referred = RateFigure.from_dict(d.pop("referred"))

        reopened = RateFigure.from_dict(d.pop("reopened"))

        _period_start = d.pop("period_start", UNSET)
        period_start: datetime.date | Unset
        if isinstance(_period_start, Unset):
            period_start = UNSET
        else:
            period_start = datetime.date.fromisoformat(_period_start)

        _series = d.pop("series", UNSET)
        series: list[FlowReport] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = FlowReport.from_dict(series_item_data)

                series.append(series_item)

        flow_report = cls(
            closed_at_stage1=closed_at_stage1,
            definitions=definitions,
            escalated=escalated,
            in_scope=in_scope,
            overturned=overturned,
            referred=referred,
            reopened=reopened,
            period_start=period_start,
            series=series,
        )

        flow_report.additional_properties = d
        return flow_report

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
