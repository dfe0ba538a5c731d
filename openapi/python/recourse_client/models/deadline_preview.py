from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.calendar_id import CalendarId
from ..models.profile import Profile

if TYPE_CHECKING:
    from ..models.timer_preview import TimerPreview


T = TypeVar("T", bound="DeadlinePreview")


@_attrs_define
class DeadlinePreview:
    """Every timer a case of this profile would get, for the given starting instants.

    Attributes:
        calendar (CalendarId): A holiday calendar: its business days and time zone govern a profile's deadlines.
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        time_zone (str): The time zone days are counted in.
        timers (list[TimerPreview]): Timers whose starting event was given, in the profile's order.
    """

    calendar: CalendarId
    profile: Profile
    time_zone: str
    timers: list[TimerPreview]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        calendar = self.calendar.value

        profile = self.profile.value

        time_zone = self.time_zone

        timers = []
        for timers_item_data in self.timers:
            timers_item = timers_item_data.to_dict()
            timers.append(timers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "calendar": calendar,
                "profile": profile,
                "time_zone": time_zone,
                "timers": timers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timer_preview import TimerPreview  # noqa: PLC0415

        d = dict(src_dict)
        calendar = CalendarId(d.pop("calendar"))

        profile = Profile(d.pop("profile"))

        time_zone = d.pop("time_zone")

        timers = []
        _timers = d.pop("timers")
        for timers_item_data in _timers:
            timers_item = TimerPreview.from_dict(timers_item_data)

            timers.append(timers_item)

        deadline_preview = cls(
            calendar=calendar,
            profile=profile,
            time_zone=time_zone,
            timers=timers,
        )

        deadline_preview.additional_properties = d
        return deadline_preview

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
