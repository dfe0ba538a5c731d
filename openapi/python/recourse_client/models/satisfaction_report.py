from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.mean_figure import MeanFigure
    from ..models.rate_figure import RateFigure
    from ..models.score_count import ScoreCount


T = TypeVar("T", bound="SatisfactionReport")


@_attrs_define
class SatisfactionReport:
    """Customer satisfaction from the surveys of complaints received in the period.

    Example:
        {'definitions': [{'name': 'response_rate', 'rule': 'surveys answered, of the surveys sent'}], 'handling':
            {'count': 38, 'mean': 4.2, 'robust': True}, 'handling_scores': [{'count': 19, 'score': 5}, {'count': 11,
            'score': 4}, {'count': 5, 'score': 3}, {'count': 2, 'score': 2}, {'count': 1, 'score': 1}], 'in_scope': 212,
            'invited': 120, 'min_cases': 10, 'outcome': {'count': 38, 'mean': 3.9, 'robust': True}, 'outcome_scores':
            [{'count': 14, 'score': 5}, {'count': 12, 'score': 4}, {'count': 6, 'score': 3}, {'count': 4, 'score': 2},
            {'count': 2, 'score': 1}], 'response_rate': {'denominator': 120, 'numerator': 38, 'percent': 31.7, 'robust':
            True}}

    Attributes:
        definitions (list[Definition]): How each figure is computed.
        handling (MeanFigure): A mean score with the answers behind it.
        handling_scores (list[ScoreCount]): Handling scores, 1 to 5.
        in_scope (int): Complaints received in the period that match the filters.
        invited (int): Survey invitations sent for them.
        min_cases (int): Means on fewer answers than this are flagged `robust: false`.
        outcome (MeanFigure): A mean score with the answers behind it.
        outcome_scores (list[ScoreCount]): Outcome scores, 1 to 5.
        response_rate (RateFigure): A rate with the counts behind it.
        period_start (datetime.date | Unset): On a period of a `series`: its first day (weeks start on Monday, UTC).
        series (list[SatisfactionReport] | Unset): With `group_by`: the same figures per period of `from`..`to`, oldest
            first (each
            with its `period_start` and no definitions).
    """

    definitions: list[Definition]
    handling: MeanFigure
    handling_scores: list[ScoreCount]
    in_scope: int
    invited: int
    min_cases: int
    outcome: MeanFigure
    outcome_scores: list[ScoreCount]
    response_rate: RateFigure
    period_start: datetime.date | Unset = UNSET
    series: list[SatisfactionReport] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        handling = self.handling.to_dict()

        handling_scores = []
        for handling_scores_item_data in self.handling_scores:
            handling_scores_item = handling_scores_item_data.to_dict()
            handling_scores.append(handling_scores_item)

        in_scope = self.in_scope

        invited = self.invited

        min_cases = self.min_cases

        outcome = self.outcome.to_dict()

        outcome_scores = []
        for outcome_scores_item_data in self.outcome_scores:
            outcome_scores_item = outcome_scores_item_data.to_dict()
            outcome_scores.append(outcome_scores_item)

        response_rate = self.response_rate.to_dict()

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
                "definitions": definitions,
                "handling": handling,
                "handling_scores": handling_scores,
                "in_scope": in_scope,
                "invited": invited,
                "min_cases": min_cases,
                "outcome": outcome,
                "outcome_scores": outcome_scores,
                "response_rate": response_rate,
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
        from ..models.mean_figure import MeanFigure  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415
        from ..models.score_count import ScoreCount  # noqa: PLC0415

        d = dict(src_dict)
        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        handling = MeanFigure.from_dict(d.pop("handling"))

        handling_scores = []
        _handling_scores = d.pop("handling_scores")
        for handling_scores_item_data in _handling_scores:
            handling_scores_item = ScoreCount.from_dict(handling_scores_item_data)

            handling_scores.append(handling_scores_item)

        in_scope = d.pop("in_scope")

        invited = d.pop("invited")

        min_cases = d.pop("min_cases")

        outcome = MeanFigure.from_dict(d.pop("outcome"))

        outcome_scores = []
        _outcome_scores = d.pop("outcome_scores")
        for outcome_scores_item_data in _outcome_scores:
            outcome_scores_item = ScoreCount.from_dict(outcome_scores_item_data)

            outcome_scores.append(outcome_scores_item)

        response_rate = RateFigure.from_dict(d.pop("response_rate"))

        _period_start = d.pop("period_start", UNSET)
        period_start: datetime.date | Unset
        if isinstance(_period_start, Unset):
            period_start = UNSET
        else:
            period_start = datetime.date.fromisoformat(_period_start)

        _series = d.pop("series", UNSET)
        series: list[SatisfactionReport] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = SatisfactionReport.from_dict(series_item_data)

                series.append(series_item)

        satisfaction_report = cls(
            definitions=definitions,
            handling=handling,
            handling_scores=handling_scores,
            in_scope=in_scope,
            invited=invited,
            min_cases=min_cases,
            outcome=outcome,
            outcome_scores=outcome_scores,
            response_rate=response_rate,
            period_start=period_start,
            series=series,
        )

        satisfaction_report.additional_properties = d
        return satisfaction_report

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
