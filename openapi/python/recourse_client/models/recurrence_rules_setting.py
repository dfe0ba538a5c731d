from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recurrence_rules import RecurrenceRules


T = TypeVar("T", bound="RecurrenceRulesSetting")


@_attrs_define
class RecurrenceRulesSetting:
    """The rules and the version of their setting.

    Attributes:
        rules (RecurrenceRules): The recurrence rules' parameters. Example: {'by_product': True, 'min_cases': 5,
            'min_spread': 2, 'post_fix_enabled': True, 'spread_enabled': True, 'systemic_enabled': True,
            'threshold_enabled': True, 'window_days': 90}.
        version (int): Moves on with every change; 0 while the defaults apply.
    """

    rules: RecurrenceRules
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rules = self.rules.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rules": rules,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recurrence_rules import RecurrenceRules  # noqa: PLC0415

        d = dict(src_dict)
        rules = RecurrenceRules.from_dict(d.pop("rules"))

        version = d.pop("version")

        recurrence_rules_setting = cls(
            rules=rules,
            version=version,
        )

        recurrence_rules_setting.additional_properties = d
        return recurrence_rules_setting

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
