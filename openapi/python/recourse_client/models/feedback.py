from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Feedback")


@_attrs_define
class Feedback:
    """The complainant's answer to a satisfaction survey.

    Example:
        {'comment': 'Sorted quickly once it reached the complaints team.', 'handling_score': 5, 'outcome_score': 4}

    Attributes:
        handling_score (int): Satisfaction with how the complaint was handled, 1 to 5.
        outcome_score (int): Satisfaction with the outcome, 1 (very dissatisfied) to 5 (very satisfied).
        comment (str | Unset): Anything the complainant wants to add.
    """

    handling_score: int
    outcome_score: int
    comment: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        handling_score = self.handling_score

        outcome_score = self.outcome_score

        comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "handling_score": handling_score,
                "outcome_score": outcome_score,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        handling_score = d.pop("handling_score")

        outcome_score = d.pop("outcome_score")

        comment = d.pop("comment", UNSET)

        feedback = cls(
            handling_score=handling_score,
            outcome_score=outcome_score,
            comment=comment,
        )

        return feedback
