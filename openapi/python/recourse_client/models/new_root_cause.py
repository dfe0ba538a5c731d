from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewRootCause")


@_attrs_define
class NewRootCause:
    """A new code.

    Example:
        {'code': 'PRC.REFUND_ROUTING', 'definition': 'A refund was agreed but sent to a team that cannot make it.',
            'label': 'Refund routed to the wrong team'}

    Attributes:
        code (str): `L1.L2` under one of the ten groups; never reused.
        definition (str): What belongs under it, with an example.
        label (str): Short name.
    """

    code: str
    definition: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        definition = self.definition

        label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "definition": definition,
                "label": label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        definition = d.pop("definition")

        label = d.pop("label")

        new_root_cause = cls(
            code=code,
            definition=definition,
            label=label,
        )

        return new_root_cause
