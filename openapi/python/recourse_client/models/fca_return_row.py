from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fca_figures import FcaFigures


T = TypeVar("T", bound="FcaReturnRow")


@_attrs_define
class FcaReturnRow:
    """One product grouping and main cause of the return.

    Attributes:
        figures (FcaFigures): The figures of one line of the FCA complaints return.
        product_grouping (str): The return's product or service grouping.
        main_cause (str | Unset): The return's main cause; absent on the per-grouping lines.
    """

    figures: FcaFigures
    product_grouping: str
    main_cause: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        figures = self.figures.to_dict()

        product_grouping = self.product_grouping

        main_cause = self.main_cause

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "figures": figures,
                "product_grouping": product_grouping,
            }
        )
        if main_cause is not UNSET:
            field_dict["main_cause"] = main_cause

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fca_figures import FcaFigures  # noqa: PLC0415

        d = dict(src_dict)
        figures = FcaFigures.from_dict(d.pop("figures"))

        product_grouping = d.pop("product_grouping")

        main_cause = d.pop("main_cause", UNSET)

        fca_return_row = cls(
            figures=figures,
            product_grouping=product_grouping,
            main_cause=main_cause,
        )

        fca_return_row.additional_properties = d
        return fca_return_row

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
