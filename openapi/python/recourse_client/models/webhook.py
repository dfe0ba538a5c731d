from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_type import WebhookEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """A webhook subscription. Its secret is shown only when it is created.

    Attributes:
        active (bool): Whether events are delivered.
        created_at (datetime.datetime): When it was registered.
        created_by (str): Who registered it.
        description (str): What it is for.
        event_types (list[WebhookEventType]): The event types it receives.
        failure_run (int): Failed delivery attempts in a row; at the configured limit the subscription is turned
            off.
        id (UUID): Identifier.
        updated_at (datetime.datetime): When it last changed.
        url (str): Where events are posted.
        version (int): Version for optimistic concurrency.
        disabled_at (datetime.datetime | Unset): When it was turned off for failing, if it was.
        disabled_reason (str | Unset): Why it was turned off.
    """

    active: bool
    created_at: datetime.datetime
    created_by: str
    description: str
    event_types: list[WebhookEventType]
    failure_run: int
    id: UUID
    updated_at: datetime.datetime
    url: str
    version: int
    disabled_at: datetime.datetime | Unset = UNSET
    disabled_reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        description = self.description

        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        failure_run = self.failure_run

        id = str(self.id)

        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version

        disabled_at: str | Unset = UNSET
        if not isinstance(self.disabled_at, Unset):
            disabled_at = self.disabled_at.isoformat()

        disabled_reason = self.disabled_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "event_types": event_types,
                "failure_run": failure_run,
                "id": id,
                "updated_at": updated_at,
                "url": url,
                "version": version,
            }
        )
        if disabled_at is not UNSET:
            field_dict["disabled_at"] = disabled_at
        if disabled_reason is not UNSET:
            field_dict["disabled_reason"] = disabled_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        description = d.pop("description")

        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = WebhookEventType(event_types_item_data)

            event_types.append(event_types_item)

        failure_run = d.pop("failure_run")

        id = UUID(d.pop("id"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        version = d.pop("version")

        _disabled_at = d.pop("disabled_at", UNSET)
        disabled_at: datetime.datetime | Unset
        if isinstance(_disabled_at, Unset):
            disabled_at = UNSET
        else:
            disabled_at = datetime.datetime.fromisoformat(_disabled_at)

        disabled_reason = d.pop("disabled_reason", UNSET)

        webhook = cls(
            active=active,
            created_at=created_at,
            created_by=created_by,
            description=description,
            event_types=event_types,
            failure_run=failure_run,
            id=id,
            updated_at=updated_at,
            url=url,
            version=version,
            disabled_at=disabled_at,
            disabled_reason=disabled_reason,
        )

        webhook.additional_properties = d
        return webhook

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
