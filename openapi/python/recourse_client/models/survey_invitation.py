from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SurveyInvitation")


@_attrs_define
class SurveyInvitation:
    """A new survey invitation. The token is shown here once and cannot be read again: send the
    link to the complainant now.

        Example:
            {'answer_path': '/v1/feedback/q3Vb8ZkR1mXw0Lp7Ys2Tn6Ud4He9Fc5Ja1Ko3Gi8Nr0', 'expires_at':
                '2027-01-09T15:00:00+00:00', 'id': '0193a5d9-6e4f-7a5b-8c6d-7e8f9a0b1c2d', 'token':
                'q3Vb8ZkR1mXw0Lp7Ys2Tn6Ud4He9Fc5Ja1Ko3Gi8Nr0'}

        Attributes:
            answer_path (str): Where the complainant's answer goes: `POST` to this path with a `Feedback` body.
            expires_at (datetime.datetime): The link stops working at this instant.
            id (UUID): Survey id.
            token (str): The single-use link token (43 URL-safe characters).
    """

    answer_path: str
    expires_at: datetime.datetime
    id: UUID
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer_path = self.answer_path

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        token = self.token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer_path": answer_path,
                "expires_at": expires_at,
                "id": id,
                "token": token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer_path = d.pop("answer_path")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        token = d.pop("token")

        survey_invitation = cls(
            answer_path=answer_path,
            expires_at=expires_at,
            id=id,
            token=token,
        )

        survey_invitation.additional_properties = d
        return survey_invitation

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
