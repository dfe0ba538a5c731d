from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.why_step import WhyStep


T = TypeVar("T", bound="ClassificationInput")


@_attrs_define
class ClassificationInput:
    """A classification as given.

    Example:
        {'contributing': ['COM.NOT_UPDATED'], 'five_whys': [{'because': "The back office never received the branch's
            refund request.", 'why': 'Why was the fee not refunded?'}, {'because': 'Branches send refund requests by e-mail
            to a shared inbox nobody owns.', 'why': 'Why did the request not arrive?'}], 'lessons': 'Refund requests need a
            tracked hand-off with an owner, not a shared inbox.', 'potentially_systemic': True, 'primary_cause':
            'PRC.HANDOFF', 'vulnerability_relevant': False}

    Attributes:
        primary_cause (str): The primary root cause: an active `L1.L2` code.
        contributing (list[str] | Unset): Contributing causes: active codes other than the primary.
        five_whys (list[WhyStep] | Unset): The five-whys chain, in order.
        lessons (str | Unset): Lessons learned.
        potentially_systemic (bool | Unset): This case alone may point at a systemic issue (it opens an improvement
            item).
        vulnerability_relevant (bool | Unset): The failure was in making adjustments for a vulnerable customer.
    """

    primary_cause: str
    contributing: list[str] | Unset = UNSET
    five_whys: list[WhyStep] | Unset = UNSET
    lessons: str | Unset = UNSET
    potentially_systemic: bool | Unset = UNSET
    vulnerability_relevant: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        primary_cause = self.primary_cause

        contributing: list[str] | Unset = UNSET
        if not isinstance(self.contributing, Unset):
            contributing = self.contributing

        five_whys: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.five_whys, Unset):
            five_whys = []
            for five_whys_item_data in self.five_whys:
                five_whys_item = five_whys_item_data.to_dict()
                five_whys.append(five_whys_item)

        lessons = self.lessons

        potentially_systemic = self.potentially_systemic

        vulnerability_relevant = self.vulnerability_relevant

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "primary_cause": primary_cause,
            }
        )
        if contributing is not UNSET:
            field_dict["contributing"] = contributing
        if five_whys is not UNSET:
            field_dict["five_whys"] = five_whys
        if lessons is not UNSET:
            field_dict["lessons"] = lessons
        if potentially_systemic is not UNSET:
            field_dict["potentially_systemic"] = potentially_systemic
        if vulnerability_relevant is not UNSET:
            field_dict["vulnerability_relevant"] = vulnerability_relevant

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.why_step import WhyStep  # noqa: PLC0415

        d = dict(src_dict)
        primary_cause = d.pop("primary_cause")

        contributing = cast(list[str], d.pop("contributing", UNSET))

        _five_whys = d.pop("five_whys", UNSET)
        five_whys: list[WhyStep] | Unset = UNSET
        if _five_whys is not UNSET:
            five_whys = []
            for five_whys_item_data in _five_whys:
                five_whys_item = WhyStep.from_dict(five_whys_item_data)

                five_whys.append(five_whys_item)

        lessons = d.pop("lessons", UNSET)

        potentially_systemic = d.pop("potentially_systemic", UNSET)

        vulnerability_relevant = d.pop("vulnerability_relevant", UNSET)

        classification_input = cls(
            primary_cause=primary_cause,
            contributing=contributing,
            five_whys=five_whys,
            lessons=lessons,
            potentially_systemic=potentially_systemic,
            vulnerability_relevant=vulnerability_relevant,
        )

        return classification_input
