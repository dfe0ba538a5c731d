from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ageing_bucket import AgeingBucket
    from ..models.definition import Definition
    from ..models.volume_point import VolumePoint


T = TypeVar("T", bound="VolumesReport")


@_attrs_define
class VolumesReport:
    """Volumes: received, closed, open with ageing.

    Example:
        {'ageing': [{'bucket': '0-7d', 'count': 31}, {'bucket': '8-28d', 'count': 17}, {'bucket': '29-56d', 'count': 6},
            {'bucket': '>56d', 'count': 1}], 'breached': 3, 'closed': 198, 'definitions': [{'name': 'received', 'rule':
            'complaints received in the period'}], 'in_scope': 212, 'open': 55, 'received': 212, 'series': [{'breached': 1,
            'closed': 97, 'period_start': '2026-10-01', 'received': 104}, {'breached': 2, 'closed': 101, 'period_start':
            '2026-11-01', 'received': 108}]}

    Attributes:
        ageing (list[AgeingBucket]): Open now, by business days since receipt.
        breached (int): Regulatory timers breached in the period.
        closed (int): Closed in the period.
        definitions (list[Definition]): How each figure is computed.
        in_scope (int): Complaints received in the period that match the filters.
        open_ (int): Open now.
        received (int): Received in the period.
        series (list[VolumePoint]): Received, closed and breached per period.
    """

    ageing: list[AgeingBucket]
    breached: int
    closed: int
    definitions: list[Definition]
    in_scope: int
    open_: int
    received: int
    series: list[VolumePoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ageing = []
        for ageing_item_data in self.ageing:
            ageing_item = ageing_item_data.to_dict()
            ageing.append(ageing_item)

        breached = self.breached

        closed = self.closed

        definitions = []
        for definitions_item_data in self.definitions:
            definitions_item = definitions_item_data.to_dict()
            definitions.append(definitions_item)

        in_scope = self.in_scope

        open_ = self.open_

        received = self.received

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ageing": ageing,
                "breached": breached,
                "closed": closed,
                "definitions": definitions,
                "in_scope": in_scope,
                "open": open_,
                "received": received,
                "series": series,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ageing_bucket import AgeingBucket  # noqa: PLC0415
        from ..models.definition import Definition  # noqa: PLC0415
        from ..models.volume_point import VolumePoint  # noqa: PLC0415

        d = dict(src_dict)
        ageing = []
        _ageing = d.pop("ageing")
        for ageing_item_data in _ageing:
            ageing_item = AgeingBucket.from_dict(ageing_item_data)

            ageing.append(ageing_item)

        breached = d.pop("breached")

        closed = d.pop("closed")

        definitions = []
        _definitions = d.pop("definitions")
        for definitions_item_data in _definitions:
            definitions_item = Definition.from_dict(definitions_item_data)

            definitions.append(definitions_item)

        in_scope = d.pop("in_scope")

        open_ = d.pop("open")

        received = d.pop("received")

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = VolumePoint.from_dict(series_item_data)

            series.append(series_item)

        volumes_report = cls(
            ageing=ageing,
            breached=breached,
            closed=closed,
            definitions=definitions,
            in_scope=in_scope,
            open_=open_,
            received=received,
            series=series,
        )

        volumes_report.additional_properties = d
        return volumes_report

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
