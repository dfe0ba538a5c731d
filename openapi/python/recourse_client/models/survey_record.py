from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.survey_status import SurveyStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="SurveyRecord")


@_attrs_define
class SurveyRecord:
    """A survey invitation and its answer (the token itself is never shown again).

    Attributes:
        created_at (datetime.datetime): When it was created.
        created_by (str): Who created it.
        expires_at (datetime.datetime): When the link stops (or stopped) working.
        id (UUID): Survey id.
        status (SurveyStatus): Where a survey stands.
        answered_at (datetime.datetime | Unset): When it was answered.
        comment (str | Unset): The complainant's comment.
        handling_score (int | Unset): Satisfaction with how the complaint was handled, 1 to 5.
        outcome_score (int | Unset): Satisfaction with the outcome, 1 (very dissatisfied) to 5 (very satisfied).
    """

    created_at: datetime.datetime
    created_by: str
    expires_at: datetime.datetime
    id: UUID
    status: SurveyStatus
    answered_at: datetime.datetime | Unset = UNSET
    comment: str | Unset = UNSET
    handling_score: int | Unset = UNSET
    outcome_score: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        status = self.status.value

        answered_at: str | Unset = UNSET
        if not isinstance(self.answered_at, Unset):
            answered_at = self.answered_at.isoformat()

        comment = self.comment

        handling_score = self.handling_score

        outcome_score = self.outcome_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "expires_at": expires_at,
                "id": id,
                "status": status,
            }
        )
        if answered_at is not UNSET:
            field_dict["answered_at"] = answered_at
        if comment is not UNSET:
            field_dict["comment"] = comment
        if handling_score is not UNSET:
            field_dict["handling_score"] = handling_score
        if outcome_score is not UNSET:
            field_dict["outcome_score"] = outcome_score

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        status = SurveyStatus(d.pop("status"))

        _answered_at = d.pop("answered_at", UNSET)
        answered_at: datetime.datetime | Unset
        if isinstance(_answered_at, Unset):
            answered_at = UNSET
        else:
            answered_at = datetime.datetime.fromisoformat(_answered_at)

        comment = d.pop("comment", UNSET)

        handling_score = d.pop("handling_score", UNSET)

        outcome_score = d.pop("outcome_score", UNSET)

        survey_record = cls(
            created_at=created_at,
            created_by=created_by,
            expires_at=expires_at,
            id=id,
            status=status,
            answered_at=answered_at,
            comment=comment,
            handling_score=handling_score,
            outcome_score=outcome_score,
        )

        survey_record.additional_properties = d
        return survey_record

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
