from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_status import ImportStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_problem import ImportProblem


T = TypeVar("T", bound="ImportResult")


@_attrs_define
class ImportResult:
    """One case of a batch.

    Attributes:
        index (int): The case's position in `cases`, from 0.
        source_id (str): The case's id in its source system.
        status (ImportStatus): What became of one case of a batch.
        id (UUID | Unset): The complaint, when imported (now or before).
        problem (ImportProblem | Unset): Why a case of a batch was refused, as a single import would have answered.
        reference (str | Unset): Its reference, when imported.
    """

    index: int
    source_id: str
    status: ImportStatus
    id: UUID | Unset = UNSET
    problem: ImportProblem | Unset = UNSET
    reference: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        source_id = self.source_id

        status = self.status.value

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        problem: dict[str, Any] | Unset = UNSET
        if not isinstance(self.problem, Unset):
            problem = self.problem.to_dict()

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "source_id": source_id,
                "status": status,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if problem is not UNSET:
            field_dict["problem"] = problem
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_problem import ImportProblem  # noqa: PLC0415

        d = dict(src_dict)
        index = d.pop("index")

        source_id = d.pop("source_id")

        status = ImportStatus(d.pop("status"))

        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        _problem = d.pop("problem", UNSET)
        problem: ImportProblem | Unset
        if isinstance(_problem, Unset):
            problem = UNSET
        else:
            problem = ImportProblem.from_dict(_problem)

        reference = d.pop("reference", UNSET)

        import_result = cls(
            index=index,
            source_id=source_id,
            status=status,
            id=id,
            problem=problem,
            reference=reference,
        )

        import_result.additional_properties = d
        return import_result

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
