from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..models.refusal_reason import RefusalReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImportProblem")


@_attrs_define
class ImportProblem:
    """Why a case of a batch was refused, as a single import would have answered.

    Attributes:
        code (ErrorCode): Stable machine-readable error code; docs/errors.md says when each is answered. Clients
            match on these, never on `detail`.
        detail (str): What is wrong.
        status (int): The HTTP status a single import would have answered.
        field (str | Unset): The field, within the case: `history[3].at`, `complaint.category`.
        reason (RefusalReason | Unset): The rule of the procedure, of the improvement cycle or of a case's records that
            refused the action.
    """

    code: ErrorCode
    detail: str
    status: int
    field: str | Unset = UNSET
    reason: RefusalReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        detail = self.detail

        status = self.status

        field = self.field

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "status": status,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        detail = d.pop("detail")

        status = d.pop("status")

        field = d.pop("field", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: RefusalReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = RefusalReason(_reason)

        import_problem = cls(
            code=code,
            detail=detail,
            status=status,
            field=field,
            reason=reason,
        )

        import_problem.additional_properties = d
        return import_problem

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
