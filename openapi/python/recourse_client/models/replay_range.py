from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplayRange")


@_attrs_define
class ReplayRange:
    """A time range of events to deliver again.

    Example:
        {'from': '2026-11-23T00:00:00+00:00', 'to': '2026-11-24T00:00:00+00:00'}

    Attributes:
        from_ (datetime.datetime): Events that occurred at or after this instant.
        to (datetime.datetime): Events that occurred before this instant.
    """

    from_: datetime.datetime
    to: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        replay_range = cls(
            from_=from_,
            to=to,
        )

        return replay_range
