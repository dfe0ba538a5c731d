from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.local_instant import LocalInstant


T = TypeVar("T", bound="TimerExtension")


@_attrs_define
class TimerExtension:
    """An extension of a timer: the promised date moves, the regulatory deadline does not.

    Attributes:
        due_at (datetime.datetime): The promised date.
        due_local (LocalInstant): An instant as the clock on the wall reads it where the profile's deadlines are
            computed:
            a deadline at the end of a day in New York is on that day there, and on the next in UTC.
        notice_sent_at (datetime.datetime | Unset): When the complainant was told.
        reason (str | Unset): Why.
    """

    due_at: datetime.datetime
    due_local: LocalInstant
    notice_sent_at: datetime.datetime | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        due_local = self.due_local.to_dict()

        notice_sent_at: str | Unset = UNSET
        if not isinstance(self.notice_sent_at, Unset):
            notice_sent_at = self.notice_sent_at.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_at": due_at,
                "due_local": due_local,
            }
        )
        if notice_sent_at is not UNSET:
            field_dict["notice_sent_at"] = notice_sent_at
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.local_instant import LocalInstant  # noqa: PLC0415

        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        due_local = LocalInstant.from_dict(d.pop("due_local"))

        _notice_sent_at = d.pop("notice_sent_at", UNSET)
        notice_sent_at: datetime.datetime | Unset
        if isinstance(_notice_sent_at, Unset):
            notice_sent_at = UNSET
        else:
            notice_sent_at = datetime.datetime.fromisoformat(_notice_sent_at)

        reason = d.pop("reason", UNSET)

        timer_extension = cls(
            due_at=due_at,
            due_local=due_local,
            notice_sent_at=notice_sent_at,
            reason=reason,
        )

        timer_extension.additional_properties = d
        return timer_extension

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
