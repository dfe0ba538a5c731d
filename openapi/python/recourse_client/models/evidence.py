from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Evidence")


@_attrs_define
class Evidence:
    """A complaint that matched an item's rule.

    Attributes:
        channel (str): Its channel.
        complaint_id (UUID): The complaint.
        explanation (str): Why it matched, in words.
        matched_at (datetime.datetime): When it was linked.
        parameters (Any): The rule's parameters and window when it matched.
        product (str): Its product.
        received_at (datetime.datetime): When it was received.
        reference (str): Its reference.
        rule (str): The rule that matched it (`manual` when linked by hand).
        primary_cause (str | Unset): Its primary cause now.
    """

    channel: str
    complaint_id: UUID
    explanation: str
    matched_at: datetime.datetime
    parameters: Any
    product: str
    received_at: datetime.datetime
    reference: str
    rule: str
    primary_cause: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        complaint_id = str(self.complaint_id)

        explanation = self.explanation

        matched_at = self.matched_at.isoformat()

        parameters = self.parameters

        product = self.product

        received_at = self.received_at.isoformat()

        reference = self.reference

        rule = self.rule

        primary_cause = self.primary_cause

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "complaint_id": complaint_id,
                "explanation": explanation,
                "matched_at": matched_at,
                "parameters": parameters,
                "product": product,
                "received_at": received_at,
                "reference": reference,
                "rule": rule,
            }
        )
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = d.pop("channel")

        complaint_id = UUID(d.pop("complaint_id"))

        explanation = d.pop("explanation")

        matched_at = datetime.datetime.fromisoformat(d.pop("matched_at"))

        parameters = d.pop("parameters")

        product = d.pop("product")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        reference = d.pop("reference")

        rule = d.pop("rule")

        primary_cause = d.pop("primary_cause", UNSET)

        evidence = cls(
            channel=channel,
            complaint_id=complaint_id,
            explanation=explanation,
            matched_at=matched_at,
            parameters=parameters,
            product=product,
            received_at=received_at,
            reference=reference,
            rule=rule,
            primary_cause=primary_cause,
        )

        evidence.additional_properties = d
        return evidence

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
