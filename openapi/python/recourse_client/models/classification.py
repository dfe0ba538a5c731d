from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.why_because import WhyBecause


T = TypeVar("T", bound="Classification")


@_attrs_define
class Classification:
    """A complaint's classification.

    Example:
        {'classified_at': '2026-12-11T14:05:00+00:00', 'classified_by': 'analyst-ravi', 'complaint_id':
            '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01', 'contributing': ['COM.NOT_UPDATED'], 'five_whys': [{'because': "The back
            office never received the branch's refund request.", 'why': 'Why was the fee not refunded?'}], 'lessons':
            'Refund requests need a tracked hand-off with an owner, not a shared inbox.', 'potentially_systemic': True,
            'primary_cause': 'PRC.HANDOFF', 'taxonomy_version': 1, 'vulnerability_relevant': False}

    Attributes:
        classified_at (datetime.datetime): When.
        classified_by (str): Who classified it.
        complaint_id (UUID): The complaint.
        contributing (list[str]): Contributing causes.
        five_whys (list[WhyBecause]): The five-whys chain.
        potentially_systemic (bool): Flagged potentially systemic.
        primary_cause (str): The primary root cause.
        taxonomy_version (int): The taxonomy version the codes were checked against.
        vulnerability_relevant (bool): The failure was in adjustments for a vulnerable customer.
        lessons (str | Unset): Lessons learned.
    """

    classified_at: datetime.datetime
    classified_by: str
    complaint_id: UUID
    contributing: list[str]
    five_whys: list[WhyBecause]
    potentially_systemic: bool
    primary_cause: str
    taxonomy_version: int
    vulnerability_relevant: bool
    lessons: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        classified_at = self.classified_at.isoformat()

        classified_by = self.classified_by

        complaint_id = str(self.complaint_id)

        contributing = self.contributing

        five_whys = []
        for five_whys_item_data in self.five_whys:
            five_whys_item = five_whys_item_data.to_dict()
            five_whys.append(five_whys_item)

        potentially_systemic = self.potentially_systemic

        primary_cause = self.primary_cause

        taxonomy_version = self.taxonomy_version

        vulnerability_relevant = self.vulnerability_relevant

        lessons = self.lessons

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "classified_at": classified_at,
                "classified_by": classified_by,
                "complaint_id": complaint_id,
                "contributing": contributing,
                "five_whys": five_whys,
                "potentially_systemic": potentially_systemic,
                "primary_cause": primary_cause,
                "taxonomy_version": taxonomy_version,
                "vulnerability_relevant": vulnerability_relevant,
            }
        )
        if lessons is not UNSET:
            field_dict["lessons"] = lessons

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.why_because import WhyBecause  # noqa: PLC0415

        d = dict(src_dict)
        classified_at = datetime.datetime.fromisoformat(d.pop("classified_at"))

        classified_by = d.pop("classified_by")

        complaint_id = UUID(d.pop("complaint_id"))

        contributing = cast(list[str], d.pop("contributing"))

        five_whys = []
        _five_whys = d.pop("five_whys")
        for five_whys_item_data in _five_whys:
            five_whys_item = WhyBecause.from_dict(five_whys_item_data)

            five_whys.append(five_whys_item)

        potentially_systemic = d.pop("potentially_systemic")

        primary_cause = d.pop("primary_cause")

        taxonomy_version = d.pop("taxonomy_version")

        vulnerability_relevant = d.pop("vulnerability_relevant")

        lessons = d.pop("lessons", UNSET)

        classification = cls(
            classified_at=classified_at,
            classified_by=classified_by,
            complaint_id=complaint_id,
            contributing=contributing,
            five_whys=five_whys,
            potentially_systemic=potentially_systemic,
            primary_cause=primary_cause,
            taxonomy_version=taxonomy_version,
            vulnerability_relevant=vulnerability_relevant,
            lessons=lessons,
        )

        classification.additional_properties = d
        return classification

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
