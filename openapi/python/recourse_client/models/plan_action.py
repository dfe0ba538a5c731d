from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.others_affected import OthersAffected
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlanAction")


@_attrs_define
class PlanAction:
    """Plan: the problem, the others affected, the baseline and the success criterion.

    Example:
        {'baseline_from': '2026-08-01', 'baseline_to': '2026-10-31', 'lag_days': 14, 'measurement_days': 90,
            'others_affected': 'yes', 'others_affected_note': 'Customers who were promised a refund and did not complain; a
            look-back is planned.', 'problem_statement': 'Refunds promised in branch do not reach the back office: 14
            complaints in 90 days.', 'target_reduction_pct': 50}

    Attributes:
        baseline_from (datetime.date): Baseline window start, `YYYY-MM-DD`, from 1970.
        baseline_to (datetime.date): Baseline window end (exclusive), after its start and no later than tomorrow: a
            baseline is measured over the past.
        measurement_days (int): Days to measure after go-live (after the lag).
        others_affected (OthersAffected): Could customers who did not complain be affected?
        problem_statement (str): What, where, when, how discovered, why it matters.
        target_reduction_pct (int): The fall in the cause's complaint rate that counts as success, percent.
        lag_days (int | Unset): Days after go-live before complaints count (default 14).
        others_affected_note (str | Unset): What is known about them and what will be done.
    """

    baseline_from: datetime.date
    baseline_to: datetime.date
    measurement_days: int
    others_affected: OthersAffected
    problem_statement: str
    target_reduction_pct: int
    lag_days: int | Unset = UNSET
    others_affected_note: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        baseline_from = self.baseline_from.isoformat()

        baseline_to = self.baseline_to.isoformat()

        measurement_days = self.measurement_days

        others_affected = self.others_affected.value

        problem_statement = self.problem_statement

        target_reduction_pct = self.target_reduction_pct

        lag_days = self.lag_days

        others_affected_note = self.others_affected_note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "baseline_from": baseline_from,
                "baseline_to": baseline_to,
                "measurement_days": measurement_days,
                "others_affected": others_affected,
                "problem_statement": problem_statement,
                "target_reduction_pct": target_reduction_pct,
            }
        )
        if lag_days is not UNSET:
            field_dict["lag_days"] = lag_days
        if others_affected_note is not UNSET:
            field_dict["others_affected_note"] = others_affected_note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        baseline_from = datetime.date.fromisoformat(d.pop("baseline_from"))

        baseline_to = datetime.date.fromisoformat(d.pop("baseline_to"))

        measurement_days = d.pop("measurement_days")

        others_affected = OthersAffected(d.pop("others_affected"))

        problem_statement = d.pop("problem_statement")

        target_reduction_pct = d.pop("target_reduction_pct")

        lag_days = d.pop("lag_days", UNSET)

        others_affected_note = d.pop("others_affected_note", UNSET)

        plan_action = cls(
            baseline_from=baseline_from,
            baseline_to=baseline_to,
            measurement_days=measurement_days,
            others_affected=others_affected,
            problem_statement=problem_statement,
            target_reduction_pct=target_reduction_pct,
            lag_days=lag_days,
            others_affected_note=others_affected_note,
        )

        return plan_action
