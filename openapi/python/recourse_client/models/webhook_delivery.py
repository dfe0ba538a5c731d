from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_state import DeliveryState
from ..models.webhook_event_type import WebhookEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookDelivery")


@_attrs_define
class WebhookDelivery:
    """One event on its way to one subscription.

    Attributes:
        attempts (int): Attempts made so far.
        created_at (datetime.datetime): When it was queued.
        event_id (UUID): The event's id: the `webhook-id` header of every attempt, replays included.
        event_type (WebhookEventType): An event type a subscription can receive.
        id (UUID): Identifier.
        state (DeliveryState): Where a delivery stands.
        finished_at (datetime.datetime | Unset): When it was delivered or given up.
        last_error (str | Unset): Why the last attempt failed.
        last_status (int | Unset): The last answer's HTTP status, when an answer came.
        next_attempt_at (datetime.datetime | Unset): When the next attempt is due, while pending.
        replay_of (UUID | Unset): The delivery this one replays.
    """

    attempts: int
    created_at: datetime.datetime
    event_id: UUID
    event_type: WebhookEventType
    id: UUID
    state: DeliveryState
    finished_at: datetime.datetime | Unset = UNSET
    last_error: str | Unset = UNSET
    last_status: int | Unset = UNSET
    next_attempt_at: datetime.datetime | Unset = UNSET
    replay_of: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        event_id = str(self.event_id)

        event_type = self.event_type.value

        id = str(self.id)

        state = self.state.value

        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        last_error = self.last_error

        last_status = self.last_status

        next_attempt_at: str | Unset = UNSET
        if not isinstance(self.next_attempt_at, Unset):
            next_attempt_at = self.next_attempt_at.isoformat()

        replay_of: str | Unset = UNSET
        if not isinstance(self.replay_of, Unset):
            replay_of = str(self.replay_of)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "event_id": event_id,
                "event_type": event_type,
                "id": id,
                "state": state,
            }
        )
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if last_status is not UNSET:
            field_dict["last_status"] = last_status
        if next_attempt_at is not UNSET:
            field_dict["next_attempt_at"] = next_attempt_at
        if replay_of is not UNSET:
            field_dict["replay_of"] = replay_of

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_id = UUID(d.pop("event_id"))

        event_type = WebhookEventType(d.pop("event_type"))

        id = UUID(d.pop("id"))

        state = DeliveryState(d.pop("state"))

        _finished_at = d.pop("finished_at", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)

        last_error = d.pop("last_error", UNSET)

        last_status = d.pop("last_status", UNSET)

        _next_attempt_at = d.pop("next_attempt_at", UNSET)
        next_attempt_at: datetime.datetime | Unset
        if isinstance(_next_attempt_at, Unset):
            next_attempt_at = UNSET
        else:
            next_attempt_at = datetime.datetime.fromisoformat(_next_attempt_at)

        _replay_of = d.pop("replay_of", UNSET)
        replay_of: UUID | Unset
        if isinstance(_replay_of, Unset):
            replay_of = UNSET
        else:
            replay_of = UUID(_replay_of)

        webhook_delivery = cls(
            attempts=attempts,
            created_at=created_at,
            event_id=event_id,
            event_type=event_type,
            id=id,
            state=state,
            finished_at=finished_at,
            last_error=last_error,
            last_status=last_status,
            next_attempt_at=next_attempt_at,
            replay_of=replay_of,
        )

        webhook_delivery.additional_properties = d
        return webhook_delivery

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
