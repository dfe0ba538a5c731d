from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookAttempt")


@_attrs_define
class WebhookAttempt:
    """One attempt at posting a delivery.

    Attributes:
        attempted_at (datetime.datetime): When it was sent.
        latency_ms (int): How long the receiver took, in milliseconds.
        number (int): 1 for the first attempt.
        error (str | Unset): Why it failed: a non-2xx status, a timeout, a refused or unreachable address.
        response_excerpt (str | Unset): The start of the answer's body (at most 512 bytes).
        status (int | Unset): The answer's HTTP status; absent when no answer came.
    """

    attempted_at: datetime.datetime
    latency_ms: int
    number: int
    error: str | Unset = UNSET
    response_excerpt: str | Unset = UNSET
    status: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempted_at = self.attempted_at.isoformat()

        latency_ms = self.latency_ms

        number = self.number

        error = self.error

        response_excerpt = self.response_excerpt

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempted_at": attempted_at,
                "latency_ms": latency_ms,
                "number": number,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if response_excerpt is not UNSET:
            field_dict["response_excerpt"] = response_excerpt
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempted_at = datetime.datetime.fromisoformat(d.pop("attempted_at"))

        latency_ms = d.pop("latency_ms")

        number = d.pop("number")

        error = d.pop("error", UNSET)

        response_excerpt = d.pop("response_excerpt", UNSET)

        status = d.pop("status", UNSET)

        webhook_attempt = cls(
            attempted_at=attempted_at,
            latency_ms=latency_ms,
            number=number,
            error=error,
            response_excerpt=response_excerpt,
            status=status,
        )

        webhook_attempt.additional_properties = d
        return webhook_attempt

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
