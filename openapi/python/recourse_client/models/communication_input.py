from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunicationInput")


@_attrs_define
class CommunicationInput:
    """A communication sent to the complainant as part of an action.

    Attributes:
        channel (Channel): How the complaint reached the organisation.
        sent_at (datetime.datetime | Unset): When it was sent (defaults to now): not before what it follows (the
            receipt, the
            acknowledgement, the escalation, the start of the timer it meets) and not in the
            future; a refusal names the field (`communication.sent_at`, `notice.sent_at`).
        summary (str | Unset): What it said, in brief.
    """

    channel: Channel
    sent_at: datetime.datetime | Unset = UNSET
    summary: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        sent_at: str | Unset = UNSET
        if not isinstance(self.sent_at, Unset):
            sent_at = self.sent_at.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )
        if sent_at is not UNSET:
            field_dict["sent_at"] = sent_at
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        _sent_at = d.pop("sent_at", UNSET)
        sent_at: datetime.datetime | Unset
        if isinstance(_sent_at, Unset):
            sent_at = UNSET
        else:
            sent_at = datetime.datetime.fromisoformat(_sent_at)

        summary = d.pop("summary", UNSET)

        communication_input = cls(
            channel=channel,
            sent_at=sent_at,
            summary=summary,
        )

        return communication_input
