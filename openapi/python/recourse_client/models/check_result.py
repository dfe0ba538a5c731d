from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.verdict import Verdict
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckResult")


@_attrs_define
class CheckResult:
    """Every number behind a check, so the verdict can be recomputed. The counts cover every
    team's complaints (the item is the organisation's) and name none of them.

        Attributes:
            alpha (float): The significance level.
            baseline_count (int): Complaints with the cause in the baseline window.
            baseline_days (float): Its length in days.
            baseline_from (datetime.datetime): Baseline window.
            baseline_rate_per_day (float): Complaints per day before.
            baseline_to (datetime.datetime): Exclusive.
            checked_at (datetime.datetime): When it was computed.
            min_baseline_events (int): Fewer baseline complaints make the check inconclusive.
            p_value (float): One-sided exact Poisson rate-ratio test (conditional binomial) of "the rate fell".
            post_count (int): Complaints with the cause in the post window.
            post_days (float): Its length in days.
            post_from (datetime.datetime): Post-change window (go-live plus lag).
            post_rate_per_day (float): Complaints per day after.
            post_to (datetime.datetime): Exclusive.
            target_reduction_pct (int): The target fall, percent.
            verdict (Verdict): A check's verdict.
            rate_ratio (float | Unset): After over before (absent with no baseline complaints).
    """

    alpha: float
    baseline_count: int
    baseline_days: float
    baseline_from: datetime.datetime
    baseline_rate_per_day: float
    baseline_to: datetime.datetime
    checked_at: datetime.datetime
    min_baseline_events: int
    p_value: float
    post_count: int
    post_days: float
    post_from: datetime.datetime
    post_rate_per_day: float
    post_to: datetime.datetime
    target_reduction_pct: int
    verdict: Verdict
    rate_ratio: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alpha = self.alpha

        baseline_count = self.baseline_count

        baseline_days = self.baseline_days

        baseline_from = self.baseline_from.isoformat()

        baseline_rate_per_day = self.baseline_rate_per_day

        baseline_to = self.baseline_to.isoformat()

        checked_at = self.checked_at.isoformat()

        min_baseline_events = self.min_baseline_events

        p_value = self.p_value

        post_count = self.post_count

        post_days = self.post_days

        post_from = self.post_from.isoformat()

        post_rate_per_day = self.post_rate_per_day

        post_to = self.post_to.isoformat()

        target_reduction_pct = self.target_reduction_pct

        verdict = self.verdict.value

        rate_ratio = self.rate_ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alpha": alpha,
                "baseline_count": baseline_count,
                "baseline_days": baseline_days,
                "baseline_from": baseline_from,
                "baseline_rate_per_day": baseline_rate_per_day,
                "baseline_to": baseline_to,
                "checked_at": checked_at,
                "min_baseline_events": min_baseline_events,
                "p_value": p_value,
                "post_count": post_count,
                "post_days": post_days,
                "post_from": post_from,
                "post_rate_per_day": post_rate_per_day,
                "post_to": post_to,
                "target_reduction_pct": target_reduction_pct,
                "verdict": verdict,
            }
        )
        if rate_ratio is not UNSET:
            field_dict["rate_ratio"] = rate_ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        alpha = d.pop("alpha")

        baseline_count = d.pop("baseline_count")

        baseline_days = d.pop("baseline_days")

        baseline_from = datetime.datetime.fromisoformat(d.pop("baseline_from"))

        baseline_rate_per_day = d.pop("baseline_rate_per_day")

        baseline_to = datetime.datetime.fromisoformat(d.pop("baseline_to"))

        checked_at = datetime.datetime.fromisoformat(d.pop("checked_at"))

        min_baseline_events = d.pop("min_baseline_events")

        p_value = d.pop("p_value")

        post_count = d.pop("post_count")

        post_days = d.pop("post_days")

        post_from = datetime.datetime.fromisoformat(d.pop("post_from"))

        post_rate_per_day = d.pop("post_rate_per_day")

        post_to = datetime.datetime.fromisoformat(d.pop("post_to"))

        target_reduction_pct = d.pop("target_reduction_pct")

        verdict = Verdict(d.pop("verdict"))

        rate_ratio = d.pop("rate_ratio", UNSET)

        check_result = cls(
            alpha=alpha,
            baseline_count=baseline_count,
            baseline_days=baseline_days,
            baseline_from=baseline_from,
            baseline_rate_per_day=baseline_rate_per_day,
            baseline_to=baseline_to,
            checked_at=checked_at,
            min_baseline_events=min_baseline_events,
            p_value=p_value,
            post_count=post_count,
            post_days=post_days,
            post_from=post_from,
            post_rate_per_day=post_rate_per_day,
            post_to=post_to,
            target_reduction_pct=target_reduction_pct,
            verdict=verdict,
            rate_ratio=rate_ratio,
        )

        check_result.additional_properties = d
        return check_result

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
