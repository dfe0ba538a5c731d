from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.definition import Definition
    from ..models.outcome_count import OutcomeCount
    from ..models.rate_figure import RateFigure
    from ..models.redress_paid import RedressPaid


T = TypeVar("T", bound="OutcomesReport")


@_attrs_define
class OutcomesReport:
    """Outcomes and redress.

    Example:
        {'by_outcome': [{'count': 71, 'outcome': 'upheld'}, {'count': 21, 'outcome': 'partially_upheld'}, {'count': 79,
            'outcome': 'not_upheld'}, {'count': 27, 'outcome': 'resolved'}], 'by_referral_outcome': [{'count': 3, 'outcome':
            'not_upheld'}, {'count': 1, 'outcome': 'upheld'}], 'decided': 198, 'definitions': [{'name': 'upheld', 'rule':
            'upheld or partially upheld, of the complaints with a finding'}], 'in_scope': 212, 'ombudsman_redress_paid':
            [{'count': 1, 'currency': 'GBP', 'mean_minor': 15000.0, 'sum_minor': 15000}], 'redress_paid': [{'count': 88,
            'currency': 'GBP', 'mean_minor': 14597.16, 'sum_minor': 1284550}], 'redress_paid_by_kind': [{'count': 61,
            'currency': 'GBP', 'kind': 'fee_refund_or_waiver', 'mean_minor': 6598.36, 'sum_minor': 402500}],
            'referral_decided': 4, 'upheld': {'denominator': 198, 'numerator': 92, 'percent': 46.5, 'robust': True}}

    Attributes:
        by_outcome (list[OutcomeCount]): Counts by outcome.
        by_referral_outcome (list[OutcomeCount]): Counts by the scheme's decision (`upheld`, `partially_upheld`,
            `not_upheld`,
            `settled`, `withdrawn`), beside the firm's own `by_outcome`.
        decided (int): Of those, the ones with a finding.
        definitions (list[Definition]): How each figure is computed.
        in_scope (int): Complaints received in the period that match the filters.
        ombudsman_redress_paid (list[RedressPaid]): Redress an ombudsman or scheme ordered and the firm paid, by
            currency (not part of
            `redress_paid`).
        redress_paid (list[RedressPaid]): The firm's own redress paid, by currency.
        redress_paid_by_kind (list[RedressPaid]): The firm's own redress paid, by currency and remedy type.
        referral_decided (int): Complaints with an ombudsman's or scheme's decision recorded.
        upheld (RateFigure): A rate with the counts behind it.
        period_start (datetime.date | Unset): On a period of a `series`: its first day (weeks start on Monday, UTC).
        series (list[OutcomesReport] | Unset): With `group_by`: the same figures per period of `from`..`to`, oldest
            first (each
            with its `period_start` and no definitions).
    """

    by_outcome: list[OutcomeCount]
    by_referral_outcome: list[OutcomeCount]
    decided: int
    definitions: list[Definition]
    in_scope: int
    ombudsman_redress_paid: list[RedressPaid]
    redress_paid: list[RedressPaid]
    redress_paid_by_kind: list[RedressPaid]
    referral_decided: int
    upheld: RateFigure
    period_start: datetime.date | Unset = UNSET
    series: list[OutcomesReport] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_outcome = []
        for by_outcome_item_data in self.by_outcome:
            by_outcome_item = by_outcome_item_data.to_dict()
            by_outcome.append(by_outcome_item)

        by_referral_outcome = []
        for by_referral_outcome_item_data in self.by_referral_outcome:
            by_referral_outcome_item = by_referral_outcome_item_data.to_dict()
            by_referral_outcome.append(by_referral_outcome_item)

        decided = self.decided

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        in_scope = self.in_scope

        ombudsman_redress_paid = []
        for ombudsman_redress_paid_item_data in self.ombudsman_redress_paid:
            ombudsman_redress_paid_item = ombudsman_redress_paid_item_data.to_dict()
            ombudsman_redress_paid.append(ombudsman_redress_paid_item)

        redress_paid = []
        for redress_paid_item_data in self.redress_paid:
            redress_paid_item = redress_paid_item_data.to_dict()
            redress_paid.append(redress_paid_item)

        redress_paid_by_kind = []
        for redress_paid_by_kind_item_data in self.redress_paid_by_kind:
            redress_paid_by_kind_item = redress_paid_by_kind_item_data.to_dict()
            redress_paid_by_kind.append(redress_paid_by_kind_item)

        referral_decided = self.referral_decided

        upheld = self.upheld.to_dict()

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
                "by_outcome": by_outcome,
                "by_referral_outcome": by_referral_outcome,
                "decided": decided,
                "definitions": definitions,
                "in_scope": in_scope,
                "ombudsman_redress_paid": ombudsman_redress_paid,
                "redress_paid": redress_paid,
                "redress_paid_by_kind": redress_paid_by_kind,
                "referral_decided": referral_decided,
                "upheld": upheld,
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
        from ..models.outcome_count import OutcomeCount  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415
        from ..models.redress_paid import RedressPaid  # noqa: PLC0415

        d = dict(src_dict)
        by_outcome = []
        _by_outcome = d.pop("by_outcome")
        for by_outcome_item_data in _by_outcome:
            by_outcome_item = OutcomeCount.from_dict(by_outcome_item_data)

            by_outcome.append(by_outcome_item)

        by_referral_outcome = []
        _by_referral_outcome = d.pop("by_referral_outcome")
        for by_referral_outcome_item_data in _by_referral_outcome:
            by_referral_outcome_item = OutcomeCount.from_dict(by_referral_outcome_item_data)

            by_referral_outcome.append(by_referral_outcome_item)

        decided = d.pop("decided")

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        in_scope = d.pop("in_scope")

        ombudsman_redress_paid = []
        _ombudsman_redress_paid = d.pop("ombudsman_redress_paid")
        for ombudsman_redress_paid_item_data in _ombudsman_redress_paid:
            ombudsman_redress_paid_item = RedressPaid.from_dict(ombudsman_redress_paid_item_data)

            ombudsman_redress_paid.append(ombudsman_redress_paid_item)

        redress_paid = []
        _redress_paid = d.pop("redress_paid")
        for redress_paid_item_data in _redress_paid:
            redress_paid_item = RedressPaid.from_dict(redress_paid_item_data)

            redress_paid.append(redress_paid_item)

        redress_paid_by_kind = []
        _redress_paid_by_kind = d.pop("redress_paid_by_kind")
        for redress_paid_by_kind_item_data in _redress_paid_by_kind:
            redress_paid_by_kind_item = RedressPaid.from_dict(redress_paid_by_kind_item_data)

            redress_paid_by_kind.append(redress_paid_by_kind_item)

        referral_decided = d.pop("referral_decided")

        upheld = RateFigure.from_dict(d.pop("upheld"))

        _period_start = d.pop("period_start", UNSET)
        period_start: datetime.date | Unset
        if isinstance(_period_start, Unset):
            period_start = UNSET
        else:
            period_start = datetime.date.fromisoformat(_period_start)

        _series = d.pop("series", UNSET)
        series: list[OutcomesReport] | Unset = UNSET
        if _series is not UNSET:
            series = []
            for series_item_data in _series:
                series_item = OutcomesReport.from_dict(series_item_data)

                series.append(series_item)

        outcomes_report = cls(
            by_outcome=by_outcome,
            by_referral_outcome=by_referral_outcome,
            decided=decided,
            definitions=definitions,
            in_scope=in_scope,
            ombudsman_redress_paid=ombudsman_redress_paid,
            redress_paid=redress_paid,
            redress_paid_by_kind=redress_paid_by_kind,
            referral_decided=referral_decided,
            upheld=upheld,
            period_start=period_start,
            series=series,
        )

        outcomes_report.additional_properties = d
        return outcomes_report

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
