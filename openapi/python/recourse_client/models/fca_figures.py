from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.money_total import MoneyTotal
    from ..models.rate_figure import RateFigure


T = TypeVar("T", bound="FcaFigures")


@_attrs_define
class FcaFigures:
    """The figures of one line of the FCA complaints return.

    Attributes:
        closed (int): Complaints closed in the period.
        closed_after_8_weeks (RateFigure): A rate with the counts behind it.
        closed_within_3_business_days (RateFigure): A rate with the counts behind it.
        closed_within_8_weeks (RateFigure): A rate with the counts behind it.
        opened (int): Complaints received in the period.
        outstanding_at_start (int): Complaints open at the start of the period.
        redress_paid (list[MoneyTotal]): Redress paid on the complaints closed, per currency.
        upheld (RateFigure): A rate with the counts behind it.
    """

    closed: int
    closed_after_8_weeks: RateFigure
    closed_within_3_business_days: RateFigure
    closed_within_8_weeks: RateFigure
    opened: int
    outstanding_at_start: int
    redress_paid: list[MoneyTotal]
    upheld: RateFigure
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed = self.closed

        closed_after_8_weeks = self.closed_after_8_weeks.to_dict()

        closed_within_3_business_days = self.closed_within_3_business_days.to_dict()

        closed_within_8_weeks = self.closed_within_8_weeks.to_dict()

        opened = self.opened

        outstanding_at_start = self.outstanding_at_start

        redress_paid = []
        for redress_paid_item_data in self.redress_paid:
            redress_paid_item = redress_paid_item_data.to_dict()
            redress_paid.append(redress_paid_item)

        upheld = self.upheld.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed": closed,
                "closed_after_8_weeks": closed_after_8_weeks,
                "closed_within_3_business_days": closed_within_3_business_days,
                "closed_within_8_weeks": closed_within_8_weeks,
                "opened": opened,
                "outstanding_at_start": outstanding_at_start,
                "redress_paid": redress_paid,
                "upheld": upheld,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.money_total import MoneyTotal  # noqa: PLC0415
        from ..models.rate_figure import RateFigure  # noqa: PLC0415

        d = dict(src_dict)
        closed = d.pop("closed")

        closed_after_8_weeks = RateFigure.from_dict(d.pop("closed_after_8_weeks"))

        closed_within_3_business_days = RateFigure.from_dict(d.pop("closed_within_3_business_days"))

        closed_within_8_weeks = RateFigure.from_dict(d.pop("closed_within_8_weeks"))

        opened = d.pop("opened")

        outstanding_at_start = d.pop("outstanding_at_start")

        redress_paid = []
        _redress_paid = d.pop("redress_paid")
        for redress_paid_item_data in _redress_paid:
            redress_paid_item = MoneyTotal.from_dict(redress_paid_item_data)

            redress_paid.append(redress_paid_item)

        upheld = RateFigure.from_dict(d.pop("upheld"))

        fca_figures = cls(
            closed=closed,
            closed_after_8_weeks=closed_after_8_weeks,
            closed_within_3_business_days=closed_within_3_business_days,
            closed_within_8_weeks=closed_within_8_weeks,
            opened=opened,
            outstanding_at_start=outstanding_at_start,
            redress_paid=redress_paid,
            upheld=upheld,
        )

        fca_figures.additional_properties = d
        return fca_figures

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
