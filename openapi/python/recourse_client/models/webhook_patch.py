from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_event_type import WebhookEventType
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookPatch")


@_attrs_define
class WebhookPatch:
    """Changes to a webhook subscription; absent fields stay as they are.

    Example:
        {'active': False, 'description': 'Paused during the CRM upgrade.'}

    Attributes:
        active (bool | Unset): Turn delivery on or off. Turning it on again clears the run of failures that turned it
            off.
        description (str | Unset): New description.
        event_types (list[WebhookEventType] | Unset): New set of event types.
        url (str | Unset): New target URL.
    """

    active: bool | Unset = UNSET
    description: str | Unset = UNSET
    event_types: list[WebhookEventType] | Unset = UNSET
    url: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        description = self.description

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = []
            for event_types_item_data in self.event_types:
                event_types_item = event_types_item_data.value
                event_types.append(event_types_item)

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if description is not UNSET:
            field_dict["description"] = description
        if event_types is not UNSET:
            field_dict["event_types"] = event_types
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active", UNSET)

        description = d.pop("description", UNSET)

        _event_types = d.pop("event_types", UNSET)
        event_types: list[WebhookEventType] | Unset = UNSET
        if _event_types is not UNSET:
            event_types = []
            for event_types_item_data in _event_types:
                event_types_item = WebhookEventType(event_types_item_data)

                event_types.append(event_types_item)

        url = d.pop("url", UNSET)

        webhook_patch = cls(
            active=active,
            description=description,
            event_types=event_types,
            url=url,
        )

        return webhook_patch
