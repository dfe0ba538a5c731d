from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_event_type import WebhookEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="NewWebhook")


@_attrs_define
class NewWebhook:
    """A webhook subscription to register.

    Example:
        {'active': True, 'description': 'CRM: show complaint status to branch staff.', 'event_types':
            ['complaint.created', 'complaint.responded', 'timer.breached'], 'url':
            'https://crm.example.co.uk/hooks/recourse'}

    Attributes:
        event_types (list[WebhookEventType]): The event types to receive (at least one).
        url (str): Where events are posted: an `http` or `https` URL. Link-local and cloud metadata
            addresses are refused, and loopback and private ones unless the service allows them.
        active (bool | Unset): Whether events are delivered (default true).
        description (str | Unset): What the subscription is for.
    """

    event_types: list[WebhookEventType]
    url: str
    active: bool | Unset = UNSET
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.value
            event_types.append(event_types_item)

        url = self.url

        active = self.active

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_types": event_types,
                "url": url,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = WebhookEventType(event_types_item_data)

            event_types.append(event_types_item)

        url = d.pop("url")

        active = d.pop("active", UNSET)

        description = d.pop("description", UNSET)

        new_webhook = cls(
            event_types=event_types,
            url=url,
            active=active,
            description=description,
        )

        return new_webhook
