from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.span import Span


T = TypeVar("T", bound="ExtensionRule")


@_attrs_define
class ExtensionRule:
    """How a timer may be extended.

    Attributes:
        notice_required (bool): A notice must be sent before the original deadline.
        cap (Span | Unset): A length of time in one unit.
    """

    notice_required: bool
    cap: Span | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        notice_required = self.notice_required

        cap: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cap, Unset):
            cap = self.cap.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "notice_required": notice_required,
            }
        )
        if cap is not UNSET:
            field_dict["cap"] = cap

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.span import Span  # noqa: PLC0415

        d = dict(src_dict)
        notice_required = d.pop("notice_required")

        _cap = d.pop("cap", UNSET)
        cap: Span | Unset
        if isinstance(_cap, Unset):
            cap = UNSET
        else:
            cap = Span.from_dict(_cap)

        extension_rule = cls(
            notice_required=notice_required,
            cap=cap,
        )

        extension_rule.additional_properties = d
        return extension_rule

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
