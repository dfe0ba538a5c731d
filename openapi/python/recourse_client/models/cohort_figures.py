from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rate_figure import RateFigure


T = TypeVar("T", bound="CohortFigures")


@_attrs_define
class CohortFigures:
    """One cohort of the vulnerable-customer gap.

    Attributes:
        in_scope (int): Complaints received in the period in the cohort.
        responses (int): Complaints with a response sent.
        upheld (RateFigure): A rate with the counts behind it.
        median_business_days_to_response (float | Unset): Median business days from receipt to the first response.
    """

    in_scope: int
    responses: int
    upheld: RateFigure
    median_business_days_to_response: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        in_scope = self.in_scope

        responses = self.responses

        upheld = self.upheld.to_dict()

        median_business_days_to_response = self.median_business_days_to_response

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "in_scope": in_scope,
                "responses": responses,
                "upheld": upheld,
            }
        )
        if median_business_days_to_response is not UNSET:
            field_dict["median_business_days_to_response"] = median_business_days_to_response

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rate_figure import RateFigure  # noqa: PLC0415

        d = dict(src_dict)
        in_scope = d.pop("in_scope")

        responses = d.pop("responses")

        upheld = RateFigure.from_dict(d.pop("upheld"))

        median_business_days_to_response = d.pop("median_business_days_to_response", UNSET)

        cohort_figures = cls(
            in_scope=in_scope,
            responses=responses,
            upheld=upheld,
            median_business_days_to_response=median_business_days_to_response,
        )

        cohort_figures.additional_properties = d
        return cohort_figures

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
