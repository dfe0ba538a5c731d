from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.calendar_id import CalendarId
from ..models.profile import Profile
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.timer_rule import TimerRule


T = TypeVar("T", bound="ProfileInfo")


@_attrs_define
class ProfileInfo:
    """A regulatory profile: its stages, calendar and timers.

    Attributes:
        after_hours_rollover (bool): Whether receipt after close of business (or on a non-business day) counts as
            receipt on
            the next business day for business-day timers.
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a profile's deadlines.
        close_of_business (str): Close of business, local time (`HH:MM`).
        max_stages (int): How many stages the procedure has.
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        time_zone (str): IANA time zone days are counted in.
        timers (list[TimerRule]): The timers.
        summary_window (str | Unset): The timer bounding summary resolution, where the profile has one.
    """

    after_hours_rollover: bool
    calendar: CalendarId
    close_of_business: str
    max_stages: int
    profile: Profile
    time_zone: str
    timers: list[TimerRule]
    summary_window: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        after_hours_rollover = self.after_hours_rollover

        calendar = self.calendar.value

        close_of_business = self.close_of_business

        max_stages = self.max_stages

        profile = self.profile.value

        time_zone = self.time_zone

        timers = []
        for timers_item_data in self.timers:
            timers_item = timers_item_data.to_dict()
            timers.append(timers_item)

        summary_window = self.summary_window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "after_hours_rollover": after_hours_rollover,
                "calendar": calendar,
                "close_of_business": close_of_business,
                "max_stages": max_stages,
                "profile": profile,
                "time_zone": time_zone,
                "timers": timers,
            }
        )
        if summary_window is not UNSET:
            field_dict["summary_window"] = summary_window

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timer_rule import TimerRule  # noqa: PLC0415

        d = dict(src_dict)
        after_hours_rollover = d.pop("after_hours_rollover")

        calendar = CalendarId(d.pop("calendar"))

        close_of_business = d.pop("close_of_business")

        max_stages = d.pop("max_stages")

        profile = Profile(d.pop("profile"))

        time_zone = d.pop("time_zone")

        timers = []
        _timers = d.pop("timers")
        for timers_item_data in _timers:
            timers_item = TimerRule.from_dict(timers_item_data)

            timers.append(timers_item)

        summary_window = d.pop("summary_window", UNSET)

        profile_info = cls(
            after_hours_rollover=after_hours_rollover,
            calendar=calendar,
            close_of_business=close_of_business,
            max_stages=max_stages,
            profile=profile,
            time_zone=time_zone,
            timers=timers,
            summary_window=summary_window,
        )

        profile_info.additional_properties = d
        return profile_info

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
