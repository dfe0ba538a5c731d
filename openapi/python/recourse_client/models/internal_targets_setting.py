from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.internal_targets import InternalTargets


T = TypeVar("T", bound="InternalTargetsSetting")


@_attrs_define
class InternalTargetsSetting:
    """The `internal` profile's targets and the version of that setting.

    Attributes:
        targets (InternalTargets): The `internal` profile's targets: complaints no regulator governs. Example:
            {'acknowledgement_business_days': 2, 'calendar': 'uk-england-wales', 'rca_pending_allowed': False,
            'stage1_response_business_days': 10, 'stage2_response_business_days': 20, 'stages': 2}.
        version (int): Moves on every change; 0 while the defaults apply.
    """

    targets: InternalTargets
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        targets = self.targets.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "targets": targets,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.internal_targets import InternalTargets  # noqa: PLC0415

        d = dict(src_dict)
        targets = InternalTargets.from_dict(d.pop("targets"))

        version = d.pop("version")

        internal_targets_setting = cls(
            targets=targets,
            version=version,
        )

        internal_targets_setting.additional_properties = d
        return internal_targets_setting

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
