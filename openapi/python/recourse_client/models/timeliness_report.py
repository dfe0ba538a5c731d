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


T = TypeVar("T", bound="TimelinessReport")


@_attrs_define
class TimelinessReport:
    """Timeliness against targets and regulatory deadlines.

    Example:
        {'acknowledged_in_time': {'denominator': 212, 'numerator': 205, 'percent': 96.7, 'robust': True}, 'breaches': 3,
            'definitions': [{'name': 'responded_in_time', 'rule': "responses sent by the stage's response deadline, of the
            responses sent"}], 'extended': {'denominator': 212, 'numerator': 2, 'percent': 0.9, 'robust': True}, 'in_scope':
            212, 'lapsed_windows': 125, 'median_business_days_to_response': 12.0, 'missed_targets': 7,
            'p90_business_days_to_response': 31.5, 'regulatory_breaches': 3, 'responded_in_time': {'denominator': 111,
            'numerator': 104, 'percent': 93.7, 'robust': True}, 'responses': 111, 'summary_resolved_in_window':
            {'denominator': 212, 'numerator': 87, 'percent': 41.0, 'robust': True}}

    Attributes:
        acknowledged_in_time (RateFigure): A rate with the counts behind it.
        breaches (int): Deadlines breached. Only a rule's deadline is breached: internal targets are missed
            and optional windows lapse, each counted on its own.
        definitions (list[Definition]): How each figure is computed.
        extended (RateFigure): A rate with the counts behind it.
        in_scope (int): Complaints received in the period that match the filters.
        lapsed_windows (int): Optional windows (summary resolution) that closed unused.
        missed_targets (int): Internal targets missed: the organisation's own, never a breach.
        regulatory_breaches (int): The same figure as `breaches` (every breach is of a regulatory deadline); kept for
            existing clients.
        responded_in_time (RateFigure): A rate with the counts behind it.
        responses (int): Complaints with a response sent.
        summary_resolved_in_window (RateFigure): A rate with the counts behind it.
        median_business_days_to_response (float | Unset): Median business days from receipt to the first response sent.
        p90_business_days_to_response (float | Unset): 90th percentile (nearest rank) of the same.
        period_start (datetime.date | Unset): On a period of a `series`: its first day (weeks start on Monday, UTC).
        series (list[TimelinessReport] | Unset): With `group_by`: the same figures per period of `from`..`to`, oldest
            first (each
            with its `period_start` and no definitions).
    """

    acknowledged_in_time: RateFigure
    breaches: int
    definitions: list[Definition]
    extended: RateFigure
    in_scope: int
    lapsed_windows: int
    missed_targets: int
    regulatory_breaches: int
    responded_in_time: RateFigure
    responses: int
    summary_resolved_in_window: RateFigure
    median_business_days_to_response: float | Unset = UNSET
    p90_business_days_to_response: float | Unset = UNSET
    period_start: datetime.date | Unset = UNSET
    series: list[TimelinessReport] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        acknowledged_in_time = self.acknowledged_in_time.to_dict()

        breaches = self.breaches

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        extended = self.extended.to_dict()

        in_scope = self.in_scope

        lapsed_windows = self.lapsed_windows

        missed_targets = self.missed_targets

        regulatory_breaches = self.regulatory_breaches

        responded_in_time = self.responded_in_time.to_dict()

        responses = self.responses

        summary_resolved_in_window = self.summary_resolved_in_window.to_dict()

        median_business_days_to_response = self.median_business_days_to_response

        p90_business_days_to_response = self.p90_business_days_to_response

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
                "acknowledged_in_time": acknowledged_in_time,
                "breaches": breaches,
                "definitions": definitions,
                "extended": extended,
                "in_scope": in_scope,
                "lapsed_windows": lapsed_windows,
                "missed_targets": missed_targets,
                "regulatory_breaches": regulatory_breaches,
                "responded_in_time": responded_in_time,
                "responses": responses,
                "summary_resolved_in_window": summary_resolved_in_window,
            }
        )
        if median_business_days_to_response is not UNSET:
            field_dict["median_business_days_to_response"] = median_business_days_to_response
        if p90_business_days_to_response is not UNSET:
            field_dict["p90_business_days_to_response"] = p90_business_days_to_response
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
        acknowledged_in_time = RateFigure.from_dict(d.pop("acknowledged_in_time"))

        breaches = d.pop("breaches")

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        extended = RateFigure.from_dict(d.pop("extended"))

        in_scope = d.pop("in_scope")

        lapsed_windows = d.pop("lapsed_windows")

        missed_targets = d.pop("missed_targets")

        regulatory_breaches = d.pop("regulatory_breaches")

        responded_in_time = RateFigure.from_dict(d.pop("responded_in_time"))

        responses = d.pop("responses")

        summary_resolved_in_window = RateFigure.from_dict(d.pop("summary_resolved_in_window"))

        median_business_days_to_response = d.pop("median_business_days_to_response", UNSET)

        p90_business_days_to_response = d.pop("p90_business_days_to_response", UNSET)

        _period_start = d.pop("period_start", UNSET)
        period_start: datetime.date | Unset
        if isinstance(_period_start, Unset):
            period_start = UNSET
        else:
            period_start = datetime.date.fromisoformat(_period_start)

        _series = d.pop("series", UNSET)
        series: list[TimelinessReport] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = TimelinessReport.from_dict(series_item_data)

                series.append(series_item)

        timeliness_report = cls(
            acknowledged_in_time=acknowledged_in_time,
            breaches=breaches,
            definitions=definitions,
            extended=extended,
            in_scope=in_scope,
            lapsed_windows=lapsed_windows,
            missed_targets=missed_targets,
            regulatory_breaches=regulatory_breaches,
            responded_in_time=responded_in_time,
            responses=responses,
            summary_resolved_in_window=summary_resolved_in_window,
            median_business_days_to_response=median_business_days_to_response,
            p90_business_days_to_response=p90_business_days_to_response,
            period_start=period_start,
            series=series,
        )

        timeliness_report.additional_properties = d
        return timeliness_report

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
