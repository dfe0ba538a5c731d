from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.import_result import ImportResult


T = TypeVar("T", bound="ImportReport")


@_attrs_define
class ImportReport:
    """What a batch did, case by case.

    Example:
        {'already_imported': 0, 'imported': 1, 'refused': 1, 'results': [{'id': '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01',
            'index': 0, 'reference': 'CMP-2025-000412', 'source_id': 'C-2025-01187', 'status': 'imported'}, {'index': 1,
            'problem': {'code': 'validation_failed', 'detail': 'history[2] (close at 2025-04-02T09:00:00+00:00): every
            remedy must be completed or declined before closing', 'field': 'history[2]', 'reason': 'remedies_unsettled',
            'status': 422}, 'source_id': 'C-2025-01188', 'status': 'refused'}]}

    Attributes:
        already_imported (int): Cases imported before (unchanged).
        imported (int): Cases imported now.
        refused (int): Cases refused.
        results (list[ImportResult]): Each case, in the order sent.
    """

    already_imported: int
    imported: int
    refused: int
    results: list[ImportResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        already_imported = self.already_imported

        imported = self.imported

        refused = self.refused

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "already_imported": already_imported,
                "imported": imported,
                "refused": refused,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_result import ImportResult  # noqa: PLC0415

        d = dict(src_dict)
        already_imported = d.pop("already_imported")

        imported = d.pop("imported")

        refused = d.pop("refused")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ImportResult.from_dict(results_item_data)

            results.append(results_item)

        import_report = cls(
            already_imported=already_imported,
            imported=imported,
            refused=refused,
            results=results,
        )

        import_report.additional_properties = d
        return import_report

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
