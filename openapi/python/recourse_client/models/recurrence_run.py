from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecurrenceRun")


@_attrs_define
class RecurrenceRun:
    """What an evaluation did.

    Attributes:
        evidence_added (int): Complaints linked as new evidence.
        hits (int): Rule hits.
        items_created (int): Items opened.
        items_reopened (int): Items reopened after a fix.
    """

    evidence_added: int
    hits: int
    items_created: int
    items_reopened: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        evidence_added = self.evidence_added

        hits = self.hits

        items_created = self.items_created

        items_reopened = self.items_reopened

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "evidence_added": evidence_added,
                "hits": hits,
                "items_created": items_created,
                "items_reopened": items_reopened,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        evidence_added = d.pop("evidence_added")

        hits = d.pop("hits")

        items_created = d.pop("items_created")

        items_reopened = d.pop("items_reopened")

        recurrence_run = cls(
            evidence_added=evidence_added,
            hits=hits,
            items_created=items_created,
            items_reopened=items_reopened,
        )

        recurrence_run.additional_properties = d
        return recurrence_run

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
