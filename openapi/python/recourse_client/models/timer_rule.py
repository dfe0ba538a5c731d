from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.due_rule import DueRule
from ..models.start_event import StartEvent
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extension_rule import ExtensionRule
    from ..models.span import Span


T = TypeVar("T", bound="TimerRule")


@_attrs_define
class TimerRule:
    """One timer of a profile.

    Attributes:
        due (DueRule): When, on the last day, a timer falls due.
        name (str): Timer name, e.g. `final_response`.
        pausable (bool): Whether it pauses while awaiting information (never, for regulatory timers).
        regulatory (bool): Set by regulation rather than an internal target.
        span (Span): A length of time in one unit.
        starts_on (StartEvent): The event whose instant starts a timer.
        warn_fractions (list[float]): Fractions of its running time at which it warns.
        extension (ExtensionRule | Unset): How a timer may be extended.
        stage (int | Unset): The stage it belongs to, when stage-specific.
    """

    due: DueRule
    name: str
    pausable: bool
    regulatory: bool
    span: Span
    starts_on: StartEvent
    warn_fractions: list[float]
    extension: ExtensionRule | Unset = UNSET
    stage: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due.value

        name = self.name

        pausable = self.pausable

        regulatory = self.regulatory

        span = self.span.to_dict()

        starts_on = self.starts_on.value

        warn_fractions = self.warn_fractions

        extension: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extension, Unset):
            extension = self.extension.to_dict()

        stage = self.stage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "name": name,
                "pausable": pausable,
                "regulatory": regulatory,
                "span": span,
                "starts_on": starts_on,
                "warn_fractions": warn_fractions,
            }
        )
        if extension is not UNSET:
            field_dict["extension"] = extension
        if stage is not UNSET:
            field_dict["stage"] = stage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extension_rule import ExtensionRule  # noqa: PLC0415
        from ..models.span import Span  # noqa: PLC0415

        d = dict(src_dict)
        due = DueRule(d.pop("due"))

        name = d.pop("name")

        pausable = d.pop("pausable")

        regulatory = d.pop("regulatory")

        span = Span.from_dict(d.pop("span"))

        starts_on = StartEvent(d.pop("starts_on"))

        warn_fractions = cast(list[float], d.pop("warn_fractions"))

        _extension = d.pop("extension", UNSET)
        extension: ExtensionRule | Unset
        if isinstance(_extension, Unset):
            extension = UNSET
        else:
            extension = ExtensionRule.from_dict(_extension)

        stage = d.pop("stage", UNSET)

        timer_rule = cls(
            due=due,
            name=name,
            pausable=pausable,
            regulatory=regulatory,
            span=span,
            starts_on=starts_on,
            warn_fractions=warn_fractions,
            extension=extension,
            stage=stage,
        )

        timer_rule.additional_properties = d
        return timer_rule

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
