from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunicationRecord")


@_attrs_define
class CommunicationRecord:
    """A communication sent to the complainant.

    Attributes:
        actor_id (str): Who recorded it.
        channel (str): How it was sent.
        id (UUID): Communication id.
        kind (str): What it was: `acknowledgement`, `summary_resolution`, `holding_response`,
            `extension_notice`, `stage_response`, `final_response`, `referral_rights`.
        sent_at (datetime.datetime): When it was sent.
        summary (str | Unset): What it said, in brief.
    """

    actor_id: str
    channel: str
    id: UUID
    kind: str
    sent_at: datetime.datetime
    summary: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        channel = self.channel

        id = str(self.id)

        kind = self.kind

        sent_at = self.sent_at.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "channel": channel,
                "id": id,
                "kind": kind,
                "sent_at": sent_at,
            }
        )
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        channel = d.pop("channel")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        summary = d.pop("summary", UNSET)

        communication_record = cls(
            actor_id=actor_id,
            channel=channel,
            id=id,
            kind=kind,
            sent_at=sent_at,
            summary=summary,
        )

        communication_record.additional_properties = d
        return communication_record

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
