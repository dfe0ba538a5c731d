from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mean_figure import MeanFigure
    from ..models.rate_figure import RateFigure


T = TypeVar("T", bound="PersonRow")


@_attrs_define
class PersonRow:
    """One team's or handler's figures.

    Attributes:
        handled (int): Complaints received in the period (assigned to the handler, or of the team).
        key (str): The team key or the handler's token subject.
        on_time (RateFigure): A rate with the counts behind it.
        reopened (RateFigure): A rate with the counts behind it.
        satisfaction_handling (MeanFigure): A mean score with the answers behind it.
        satisfaction_outcome (MeanFigure): A mean score with the answers behind it.
        median_business_days_to_response (float | Unset): Median business days from receipt to the first response sent.
    """

    handled: int
    key: str
    on_time: RateFigure
    reopened: RateFigure
    satisfaction_handling: MeanFigure
    satisfaction_outcome: MeanFigure
    median_business_days_to_response: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        handled = self.handled

        key = self.key

        on_time = self.on_time.to_dict()

        reopened = self.reopened.to_dict()

        satisfaction_handling = self.satisfaction_handling.to_dict()

        satisfaction_outcome = self.satisfaction_outcome.to_dict()

        median_business_days_to_response = self.median_business_days_to_response

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handled": handled,
                "key": key,
                "on_time": on_time,
                "reopened": reopened,
                "satisfaction_handling": satisfaction_handling,
                "satisfaction_outcome": satisfaction_outcome,
            }
        )
        if median_business_days_to_response is not UNSET:
            field_dict["median_business_days_to_response"] = median_business_days_to_response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mean_figure import MeanFigure  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415

        d = dict(src_dict)
        handled = d.pop("handled")

        key = d.pop("key")

        on_time = RateFigure.from_dict(d.pop("on_time"))

        reopened = RateFigure.from_dict(d.pop("reopened"))

        satisfaction_handling = MeanFigure.from_dict(d.pop("satisfaction_handling"))

        satisfaction_outcome = MeanFigure.from_dict(d.pop("satisfaction_outcome"))

        median_business_days_to_response = d.pop("median_business_days_to_response", UNSET)

        person_row = cls(
            handled=handled,
            key=key,
            on_time=on_time,
            reopened=reopened,
            satisfaction_handling=satisfaction_handling,
            satisfaction_outcome=satisfaction_outcome,
            median_business_days_to_response=median_business_days_to_response,
        )

        person_row.additional_properties = d
        return person_row

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
