from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..models.refusal_reason import RefusalReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """An RFC 9457 problem document.

    Example:
        {'code': 'guard_failed', 'detail': 'the handler cannot approve their own response', 'reason': 'four_eyes',
            'status': 409, 'title': 'A rule of the procedure refuses the action', 'type':
            'urn:recourse:problem:guard_failed'}

    Attributes:
        code (ErrorCode): Stable machine-readable error code; docs/errors.md says when each is answered. Clients
            match on these, never on `detail`.
        status (int): The HTTP status code.
        title (str): Short summary of the problem type.
        type_ (str): A URI naming the problem type: `urn:recourse:problem:<code>`.
        detail (str | Unset): What went wrong with this request, naming the parameter or field at fault.
        field (str | Unset): The request field at fault, for validation errors.
        reason (RefusalReason | Unset): The rule of the procedure, of the improvement cycle or of a case's records that
            refused the action.
    """

    code: ErrorCode
    status: int
    title: str
    type_: str
    detail: str | Unset = UNSET
    field: str | Unset = UNSET
    reason: RefusalReason | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        status = self.status

        title = self.title

        type_ = self.type_

        detail = self.detail

        field = self.field

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if field is not UNSET:
            field_dict["field"] = field
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = ErrorCode(d.pop("code"))

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        detail = d.pop("detail", UNSET)

        field = d.pop("field", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: RefusalReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = RefusalReason(_reason)

        problem = cls(
            code=code,
            status=status,
            title=title,
            type_=type_,
            detail=detail,
            field=field,
            reason=reason,
        )

        problem.additional_properties = d
        return problem

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
