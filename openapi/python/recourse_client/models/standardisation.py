from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Standardisation")


@_attrs_define
class Standardisation:
    """What was standardised once the fix worked.

    Example:
        {'control': 'Monthly check that every branch refund request is closed within 5 business days.', 'note': 'Fix
            held at 58% fewer complaints over 90 days.', 'policy': 'Refund policy section 4.2 now requires the tracked
            request form.', 'training': 'Added to the branch induction course.'}

    Attributes:
        control (str | Unset): Control added or changed.
        note (str | Unset): Anything else, lessons shared.
        policy (str | Unset): Policy changed.
        training (str | Unset): Training given.
    """

    control: str | Unset = UNSET
    note: str | Unset = UNSET
    policy: str | Unset = UNSET
    training: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        control = self.control

        note = self.note

        policy = self.policy

        training = self.training

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if control is not UNSET:
            field_dict["control"] = control
        if note is not UNSET:
            field_dict["note"] = note
        if policy is not UNSET:
            field_dict["policy"] = policy
        if training is not UNSET:
            field_dict["training"] = training

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        control = d.pop("control", UNSET)

        note = d.pop("note", UNSET)

        policy = d.pop("policy", UNSET)

        training = d.pop("training", UNSET)

        standardisation = cls(
            control=control,
            note=note,
            policy=policy,
            training=training,
        )

        return standardisation
