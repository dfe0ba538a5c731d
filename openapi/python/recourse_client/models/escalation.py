from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Escalation")


@_attrs_define
class Escalation:
    """An escalation raised on a complaint.

    Attributes:
        complaint_id (UUID): The complaint.
        id (UUID): Identifier.
        level (int): 1 = team leader; higher levels reach further up.
        raised_at (datetime.datetime): When.
        reason (str): Why.
        team (str): The complaint's team.
        timer (str | Unset): The timer that caused it, if one did.
    """

    complaint_id: UUID
    id: UUID
    level: int
    raised_at: datetime.datetime
    reason: str
    team: str
    timer: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        complaint_id = str(self.complaint_id)

        id = str(self.id)

        level = self.level

        raised_at = self.raised_at.isoformat()

        reason = self.reason

        team = self.team

        timer = self.timer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "complaint_id": complaint_id,
                "id": id,
                "level": level,
                "raised_at": raised_at,
                "reason": reason,
                "team": team,
            }
        )
        if timer is not UNSET:
            field_dict["timer"] = timer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        complaint_id = UUID(d.pop("complaint_id"))

        id = UUID(d.pop("id"))

        level = d.pop("level")

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        reason = d.pop("reason")

        team = d.pop("team")

        timer = d.pop("timer", UNSET)

        escalation = cls(
            complaint_id=complaint_id,
            id=id,
            level=level,
            raised_at=raised_at,
            reason=reason,
            team=team,
            timer=timer,
        )

        escalation.additional_properties = d
        return escalation

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
