from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.calendar_id import CalendarId
from ..types import UNSET, Unset

T = TypeVar("T", bound="InternalTargets")


@_attrs_define
class InternalTargets:
    """The `internal` profile's targets: complaints no regulator governs.

    Example:
        {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales', 'rca_pending_allowed': False,
            'stage1_response_business_days': 10, 'stage2_response_business_days': 20, 'stages': 2}

    Attributes:
        acknowledgement_business_days (int): Acknowledge within this many business days of receipt.
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a profile's deadlines.
        stage1_response_business_days (int): Respond at stage 1 (or finally, with one stage) within this many business
            days of
            receipt.
        stage2_response_business_days (int): Respond at stage 2 within this many business days of the escalation.
        stages (int): One or two stages.
        rca_pending_allowed (bool | Unset): Whether, under every profile, a response may go out with its root-cause
            analysis
            still to do (`rca_pending`), for an analyst to classify later. Off by default: an
            upheld finding then needs its primary root cause. Left out, it is off; `null` is
            refused.
    """

    acknowledgement_business_days: int
    calendar: CalendarId
    stage1_response_business_days: int
    stage2_response_business_days: int
    stages: int
    rca_pending_allowed: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        acknowledgement_business_days = self.acknowledgement_business_days

        calendar = self.calendar.value

        stage1_response_business_days = self.stage1_response_business_days

        stage2_response_business_days = self.stage2_response_business_days

        stages = self.stages

        rca_pending_allowed = self.rca_pending_allowed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "acknowledgement_business_days": acknowledgement_business_days,
                "calendar": calendar,
                "stage1_response_business_days": stage1_response_business_days,
                "stage2_response_business_days": stage2_response_business_days,
                "stages": stages,
            }
        )
        if rca_pending_allowed is not UNSET:
            field_dict["rca_pending_allowed"] = rca_pending_allowed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        acknowledgement_business_days = d.pop("acknowledgement_business_days")

        calendar = CalendarId(d.pop("calendar"))

        stage1_response_business_days = d.pop("stage1_response_business_days")

        stage2_response_business_days = d.pop("stage2_response_business_days")

        stages = d.pop("stages")

        rca_pending_allowed = d.pop("rca_pending_allowed", UNSET)

        internal_targets = cls(
            acknowledgement_business_days=acknowledgement_business_days,
            calendar=calendar,
            stage1_response_business_days=stage1_response_business_days,
            stage2_response_business_days=stage2_response_business_days,
            stages=stages,
            rca_pending_allowed=rca_pending_allowed,
        )

        return internal_targets
