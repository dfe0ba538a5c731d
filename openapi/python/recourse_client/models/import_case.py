from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.history_entry import HistoryEntry
    from ..models.import_source import ImportSource
    from ..models.new_complaint import NewComplaint


T = TypeVar("T", bound="ImportCase")


@_attrs_define
class ImportCase:
    """A case to import: the complaint as it was logged, and its history in the order it
    happened.

        Example:
            {'complaint': {'category': 'fees', 'channel': 'phone', 'complainant': {'customer_ref': 'CUST-40817', 'name':
                'Priya Shah'}, 'description': 'Charged the unarranged-overdraft fee twice on 3 March.', 'product':
                'current_account', 'profile': 'fca_disp', 'received_at': '2025-03-04T10:15:00+00:00', 'remedy_sought': 'Refund
                the duplicated fee.', 'team': 'north'}, 'history': [{'action': 'acknowledge', 'actor': 'm.jones', 'at':
                '2025-03-05T09:00:00+00:00', 'channel': 'email', 'summary': 'Acknowledged; reference given.'}, {'action':
                'start_investigation', 'actor': 'm.jones', 'at': '2025-03-05T09:05:00+00:00'}, {'action': 'issue_response',
                'actor': 'm.jones', 'at': '2025-03-20T14:30:00+00:00', 'channel': 'letter', 'outcome': 'upheld',
                'primary_cause': 'PRC.HANDOFF', 'remedies': [{'amount_minor': 2500, 'currency': 'GBP', 'kind':
                'fee_refund_or_waiver', 'status': 'completed'}], 'summary': 'Final response: fee refunded.'}, {'action':
                'close', 'actor': 'm.jones', 'at': '2025-03-21T08:00:00+00:00'}], 'logged_by': 'm.jones', 'source': {'id':
                'C-2025-01187', 'system': 'legacy-crm'}}

        Attributes:
            complaint (NewComplaint): A complaint to log. Example: {'category': 'fees', 'channel': 'phone', 'complainant':
                {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk', 'name': 'Priya Shah', 'phone': '+44 20 7946
                0321'}, 'description': 'I was charged the £25 unarranged-overdraft fee twice on 4 November. The branch told me
                on 6 November it would be refunded, but it has not been.', 'product': 'current_account', 'profile': 'fca_disp',
                'remedy_sought': 'Refund the duplicated fee and explain why the promised refund never arrived.'}.
            history (list[HistoryEntry]): What happened to it, oldest first; empty for a case not yet acknowledged.
            source (ImportSource): Where an imported case comes from. A case is imported once per source: importing it again
                finds the complaint the first import made and changes nothing.
            logged_by (str | Unset): Who logged it in the source system (defaults to the source system).
    """

    complaint: NewComplaint
    history: list[HistoryEntry]
    source: ImportSource
    logged_by: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        complaint = self.complaint.to_dict()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        source = self.source.to_dict()

        logged_by = self.logged_by

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "complaint": complaint,
                "history": history,
                "source": source,
            }
        )
        if logged_by is not UNSET:
            field_dict["logged_by"] = logged_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_entry import HistoryEntry  # noqa: PLC0415
        from ..models.import_source import ImportSource  # noqa: PLC0415
        from ..models.new_complaint import NewComplaint  # noqa: PLC0415

        d = dict(src_dict)
        complaint = NewComplaint.from_dict(d.pop("complaint"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = HistoryEntry.from_dict(history_item_data)

            history.append(history_item)

        source = ImportSource.from_dict(d.pop("source"))

        logged_by = d.pop("logged_by", UNSET)

        import_case = cls(
            complaint=complaint,
            history=history,
            source=source,
            logged_by=logged_by,
        )

        return import_case
