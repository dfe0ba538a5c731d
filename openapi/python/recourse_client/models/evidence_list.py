from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.evidence import Evidence


T = TypeVar("T", bound="EvidenceList")


@_attrs_define
class EvidenceList:
    """An item's evidence, as the caller's scope lets them see it.

    Attributes:
        items (list[Evidence]): The complaints in the caller's scope, oldest received first.
        out_of_scope (int): Evidence complaints outside the caller's scope (another team's, for a team leader):
            counted here, never listed. `items` plus this is the item's `evidence_count`.
        rule (str | Unset): The item's rule, when a rule opened it.
    """

    items: list[Evidence]
    out_of_scope: int
    rule: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        out_of_scope = self.out_of_scope

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "out_of_scope": out_of_scope,
            }
        )
        if rule is not UNSET:
            field_dict["rule"] = rule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evidence import Evidence  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Evidence.from_dict(items_item_data)

            items.append(items_item)

        out_of_scope = d.pop("out_of_scope")

        rule = d.pop("rule", UNSET)

        evidence_list = cls(
            items=items,
            out_of_scope=out_of_scope,
            rule=rule,
        )

        evidence_list.additional_properties = d
        return evidence_list

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
