from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.import_case import ImportCase


T = TypeVar("T", bound="ImportBatch")


@_attrs_define
class ImportBatch:
    """Cases to import in one request, each all or nothing.

    Example:
        {'cases': [{'complaint': {'category': 'fees', 'channel': 'phone', 'complainant': {'customer_ref': 'CUST-40817',
            'name': 'Priya Shah'}, 'description': 'Charged the unarranged-overdraft fee twice on 3 March.', 'product':
            'current_account', 'profile': 'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund
            the duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor': 'm.jones', 'at':
            '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary': 'Acknowledged; reference given.'}, {'action':
            'start_investigation', 'actor': 'm.jones', 'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response',
            'actor': 'm.jones', 'at': '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld',
            'primary_cause': 'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
            'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee refunded.'}, {'action':
            'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}], 'logged_by': 'm.jones', 'source': {'id':
            'C-2025-01187', 'system': 'legacy-crm'}}]}

    Attributes:
        cases (list[ImportCase]): Up to 500 cases.
    """

    cases: list[ImportCase]

    def to_dict(self) -> dict[str, Any]:
        cases = []
        for cases_item_data in self.cases:
            cases_item = cases_item_data.to_dict()
            cases.append(cases_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cases": cases,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_case import ImportCase  # noqa: PLC0415

        d = dict(src_dict)
        cases = []
        _cases = d.pop("cases")
        for cases_item_data in _cases:
            cases_item = ImportCase.from_dict(cases_item_data)

            cases.append(cases_item)

        import_batch = cls(
            cases=cases,
        )

        return import_batch
