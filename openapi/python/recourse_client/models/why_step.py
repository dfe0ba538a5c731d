from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WhyStep")


@_attrs_define
class WhyStep:
    """One step of a five-whys chain.

    Attributes:
        because (str): The answer.
        why (str): The question.
    """

    because: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        because = self.because

        why = self.why

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "because": because,
                "why": why,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        because = d.pop("because")

        why = d.pop("why")

        why_step = cls(
            because=because,
            why=why,
        )

        return why_step
