from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.others_affected import OthersAffected
from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemPlan")


@_attrs_define
class ItemPlan:
    """An item's plan.

    Attributes:
        baseline_from (datetime.date): Baseline window start (UTC midnight).
        baseline_to (datetime.date): Baseline window end, exclusive.
        lag_days (int): Days after go-live before complaints count (they still arrive about the old way).
        measurement_days (int): Days measured after go-live (after the lag).
        others_affected (OthersAffected): Could customers who did not complain be affected?
        problem_statement (str): What, where, when, how discovered, why it matters.
        target_reduction_pct (int): The success criterion: the fall in the cause's complaint rate, in percent.
        others_affected_note (str | Unset): What is known about them and what will be done.
    """

    baseline_from: datetime.date
    baseline_to: datetime.date
    lag_days: int
    measurement_days: int
    others_affected: OthersAffected
    problem_statement: str
    target_reduction_pct: int
    others_affected_note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        baseline_from = self.baseline_from.isoformat()

        baseline_to = self.baseline_to.isoformat()

        lag_days = self.lag_days

        measurement_days = self.measurement_days

        others_affected = self.others_affected.value

        problem_statement = self.problem_statement

        target_reduction_pct = self.target_reduction_pct

        others_affected_note = self.others_affected_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseline_from": baseline_from,
                "baseline_to": baseline_to,
                "lag_days": lag_days,
                "measurement_days": measurement_days,
                "others_affected": others_affected,
                "problem_statement": problem_statement,
                "target_reduction_pct": target_reduction_pct,
            }
        )
        if others_affected_note is not UNSET:
            field_dict["others_affected_note"] = others_affected_note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        baseline_from = datetime.date.fromisoformat(d.pop("baseline_from"))

        baseline_to = datetime.date.fromisoformat(d.pop("baseline_to"))

        lag_days = d.pop("lag_days")

        measurement_days = d.pop("measurement_days")

        others_affected = OthersAffected(d.pop("others_affected"))

        problem_statement = d.pop("problem_statement")

        target_reduction_pct = d.pop("target_reduction_pct")

        others_affected_note = d.pop("others_affected_note", UNSET)

        item_plan = cls(
            baseline_from=baseline_from,
            baseline_to=baseline_to,
            lag_days=lag_days,
            measurement_days=measurement_days,
            others_affected=others_affected,
            problem_statement=problem_statement,
            target_reduction_pct=target_reduction_pct,
            others_affected_note=others_affected_note,
        )

        item_plan.additional_properties = d
        return item_plan

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
