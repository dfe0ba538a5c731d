from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecurrenceRules")


@_attrs_define
class RecurrenceRules:
    """The recurrence rules' parameters.

    Example:
        {'by_product': True, 'min_cases': 5, 'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True,
            'systemic_enabled': True, 'threshold_enabled': True, 'window_days': 90}

    Attributes:
        by_product (bool): R1 counts per product (cause x product) rather than across products.
        min_cases (int): R1's count.
        min_spread (int): R3's count of products or channels.
        post_fix_enabled (bool): R4: a cause whose fix went live crossing R1 again reopens its item to `plan`.
        spread_enabled (bool): R3: the same cause across `min_spread` products or channels within the window.
        systemic_enabled (bool): R2: one complaint flagged potentially systemic opens an item.
        threshold_enabled (bool): R1: at least `min_cases` complaints with the same primary cause within `window_days`.
        window_days (int): The rolling window of R1 and R3, in days.
    """

    by_product: bool
    min_cases: int
    min_spread: int
    post_fix_enabled: bool
    spread_enabled: bool
    systemic_enabled: bool
    threshold_enabled: bool
    window_days: int

    def to_dict(self) -> dict[str, Any]:
        by_product = self.by_product

        min_cases = self.min_cases

        min_spread = self.min_spread

        post_fix_enabled = self.post_fix_enabled

        spread_enabled = self.spread_enabled

        systemic_enabled = self.systemic_enabled

        threshold_enabled = self.threshold_enabled

        window_days = self.window_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "by_product": by_product,
                "min_cases": min_cases,
                "min_spread": min_spread,
                "post_fix_enabled": post_fix_enabled,
                "spread_enabled": spread_enabled,
                "systemic_enabled": systemic_enabled,
                "threshold_enabled": threshold_enabled,
                "window_days": window_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by_product = d.pop("by_product")

        min_cases = d.pop("min_cases")

        min_spread = d.pop("min_spread")

        post_fix_enabled = d.pop("post_fix_enabled")

        spread_enabled = d.pop("spread_enabled")

        systemic_enabled = d.pop("systemic_enabled")

        threshold_enabled = d.pop("threshold_enabled")

        window_days = d.pop("window_days")

        recurrence_rules = cls(
            by_product=by_product,
            min_cases=min_cases,
            min_spread=min_spread,
            post_fix_enabled=post_fix_enabled,
            spread_enabled=spread_enabled,
            systemic_enabled=systemic_enabled,
            threshold_enabled=threshold_enabled,
            window_days=window_days,
        )

        return recurrence_rules
