from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ComplaintEvent")


@_attrs_define
class ComplaintEvent:
    """One audit event. Events are append-only and hash-chained per complaint.

    Attributes:
        actor (str): Who did it (token subject).
        actor_role (str): The role they acted in (`agent`, `team_leader`, ...), or `system` for the service's
            own jobs such as the deadline sweeper.
        data (Any): Before/after summary of the change.
        hash_ (str): SHA-256 of this event's content and `prev_hash`.
        id (UUID): Identifier.
        kind (str): What happened, e.g. `complaint.created`, `complaint.updated`.
        occurred_at (datetime.datetime): When.
        prev_hash (str): Hash of the previous event (64 zeros for the first).
        seq (int): Position in the complaint's chain, from 1.
    """

    actor: str
    actor_role: str
    data: Any
    hash_: str
    id: UUID
    kind: str
    occurred_at: datetime.datetime
    prev_hash: str
    seq: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        actor_role = self.actor_role

        data = self.data

        hash_ = self.hash_

        id = str(self.id)

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        prev_hash = self.prev_hash

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "actor_role": actor_role,
                "data": data,
                "hash": hash_,
                "id": id,
                "kind": kind,
                "occurred_at": occurred_at,
                "prev_hash": prev_hash,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor = d.pop("actor")

        actor_role = d.pop("actor_role")

        data = d.pop("data")

        hash_ = d.pop("hash")

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        prev_hash = d.pop("prev_hash")

        seq = d.pop("seq")

        complaint_event = cls(
            actor=actor,
            actor_role=actor_role,
            data=data,
            hash_=hash_,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            seq=seq,
        )

        complaint_event.additional_properties = d
        return complaint_event

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
