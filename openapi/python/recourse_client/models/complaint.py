from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.complaint_state import ComplaintState
from ..models.outcome import Outcome
from ..models.profile import Profile
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.complainant import Complainant
    from ..models.imported_from import ImportedFrom
    from ..models.referral import Referral
    from ..models.timer import Timer


T = TypeVar("T", bound="Complaint")


@_attrs_define
class Complaint:
    """A complaint.

    Example:
        {'acknowledged_at': '2026-11-23T11:02:00+00:00', 'approved': False, 'assignee': 'agent-asha', 'category':
            'fees', 'channel': 'phone', 'complainant': {'customer_ref': 'CUST-40817', 'email': 'priya.shah@example.co.uk',
            'name': 'Priya Shah', 'phone': '+44 20 7946 0321'}, 'created_at': '2026-11-23T09:16:41+00:00', 'created_by':
            'agent-asha', 'description': 'I was charged the £25 unarranged-overdraft fee twice on 4 November. The branch
            told me on 6 November it would be refunded, but it has not been.', 'id': '0193a5b2-7c1e-7d4a-9f3e-2b8c4d6e1a01',
            'next_due_at': '2027-01-18T09:14:00+00:00', 'product': 'current_account', 'profile': 'fca_disp', 'rca_pending':
            False, 'received_at': '2026-11-23T09:14:00+00:00', 'reference': 'CMP-2026-000123', 'remedy_sought': 'Refund the
            duplicated fee and explain why the promised refund never arrived.', 'stage': 1, 'state': 'investigating',
            'team': 'north', 'timers': [{'beyond_calendar': False, 'due_at': '2026-11-30T17:00:00+00:00', 'due_local':
            {'date': '2026-11-30', 'time': '17:00:00', 'time_zone': 'Europe/London'}, 'kind': 'target', 'met_at':
            '2026-11-23T11:02:00+00:00', 'name': 'acknowledgement', 'regulatory': False, 'stage': 1, 'started_at':
            '2026-11-23T09:14:00+00:00', 'state': 'met', 'warn_at': ['2026-11-26T13:07:00+00:00',
            '2026-11-27T15:03:30+00:00']}, {'beyond_calendar': False, 'due_at': '2027-01-18T09:14:00+00:00', 'due_local':
            {'date': '2027-01-18', 'time': '09:14:00', 'time_zone': 'Europe/London'}, 'kind': 'deadline', 'name':
            'final_response', 'regulatory': True, 'stage': 1, 'started_at': '2026-11-23T09:14:00+00:00', 'state': 'running',
            'warn_at': ['2026-12-21T09:14:00+00:00', '2027-01-04T09:14:00+00:00']}], 'updated_at':
            '2026-11-24T10:30:12+00:00', 'version': 3, 'vulnerable': False}

    Attributes:
        approved (bool): A team leader approved the response now pending.
        category (str): Complaint category.
        channel (Channel): How the complaint reached the organisation.
        complainant (Complainant): Who complained and how to reach them.
        created_at (datetime.datetime): When it was logged.
        created_by (str): Who logged it (token subject).
        description (str): The complaint in the complainant's terms.
        id (UUID): Identifier.
        product (str): Product or service complained about.
        profile (Profile): Regulatory profile whose deadlines govern the complaint.
        rca_pending (bool): The response goes out with root-cause analysis still to do.
        received_at (datetime.datetime): When it was received; regulatory deadlines run from here.
        reference (str): Human reference, e.g. `CMP-2026-000123`: unique and never reused.
        remedy_sought (str): What the complainant wants done.
        stage (int): Procedure stage: 1, or 2 after escalation.
        state (ComplaintState): Where the complaint stands in the formal procedure.
        team (str): Owning team.
        updated_at (datetime.datetime): When it last changed.
        version (int): Version for optimistic concurrency; the ETag is this number in quotes.
        vulnerable (bool): Whether any vulnerability is recorded. The details are special-category data: they are
            read with `GET /v1/complaints/{id}/vulnerability` by the roles that need them, and every
            such read is recorded.
        acknowledged_at (datetime.datetime | Unset): When it was acknowledged.
        assignee (str | Unset): Handler currently assigned (token subject).
        closed_at (datetime.datetime | Unset): When it reached an end state (closed, withdrawn, not a complaint,
            transferred); absent
            while it is open, and cleared when it is reopened or referred after closing.
        escalated_at (datetime.datetime | Unset): When it was escalated to stage 2: the receipt of the complainant's
            request, as
            `escalation_received_at`.
        escalation_received_at (datetime.datetime | Unset): When the complainant asked for stage 2.
        imported (ImportedFrom | Unset): The system an imported complaint was handled in before Recourse.
        next_due_at (datetime.datetime | Unset): In lists: the earliest due instant of its running timers.
        outcome (Outcome | Unset): The finding of a response.
        overdue_since (datetime.datetime | Unset): In lists, while it is open and overdue: the earliest due instant of
            its deadlines and
            targets that passed (breached, missed, or running past due).
        primary_cause (str | Unset): Primary root cause (`L1.L2`), as given.
        referral (Referral | Unset): A referral to an ombudsman or external scheme.
        responded_at (datetime.datetime | Unset): When its latest response (a stage's, the final one or a summary
            resolution) was sent.
        responded_by (str | Unset): Who sent that response (token subject): the handler the people report credits.
        stage1_handler (str | Unset): Who handled stage 1 (stage 2 needs someone else).
        timers (list[Timer] | Unset): The complaint's timers, on single-complaint reads (absent in lists).
        transferred_to (str | Unset): The organisation the complaint was transferred to.
    """

    approved: bool
    category: str
    channel: Channel
    complainant: Complainant
    created_at: datetime.datetime
    created_by: str
    description: str
    id: UUID
    product: str
    profile: Profile
    rca_pending: bool
    received_at: datetime.datetime
    reference: str
    remedy_sought: str
    stage: int
    state: ComplaintState
    team: str
    updated_at: datetime.datetime
    version: int
    vulnerable: bool
    acknowledged_at: datetime.datetime | Unset = UNSET
    assignee: str | Unset = UNSET
    closed_at: datetime.datetime | Unset = UNSET
    escalated_at: datetime.datetime | Unset = UNSET
    escalation_received_at: datetime.datetime | Unset = UNSET
    imported: ImportedFrom | Unset = UNSET
    next_due_at: datetime.datetime | Unset = UNSET
    outcome: Outcome | Unset = UNSET
    overdue_since: datetime.datetime | Unset = UNSET
    primary_cause: str | Unset = UNSET
    referral: Referral | Unset = UNSET
    responded_at: datetime.datetime | Unset = UNSET
    responded_by: str | Unset = UNSET
    stage1_handler: str | Unset = UNSET
    timers: list[Timer] | Unset = UNSET
    transferred_to: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        category = self.category

        channel = self.channel.value

        complainant = self.complainant.to_dict()

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        description = self.description

        id = str(self.id)

        product = self.product

        profile = self.profile.value

        rca_pending = self.rca_pending

        received_at = self.received_at.isoformat()

        reference = self.reference

        remedy_sought = self.remedy_sought

        stage = self.stage

        state = self.state.value

        team = self.team

        updated_at = self.updated_at.isoformat()

        version = self.version

        vulnerable = self.vulnerable

        acknowledged_at: str | Unset = UNSET
        if not isinstance(self.acknowledged_at, Unset):
            acknowledged_at = self.acknowledged_at.isoformat()

        assignee = self.assignee

        closed_at: str | Unset = UNSET
        if not isinstance(self.closed_at, Unset):
            closed_at = self.closed_at.isoformat()

        escalated_at: str | Unset = UNSET
        if not isinstance(self.escalated_at, Unset):
            escalated_at = self.escalated_at.isoformat()

        escalation_received_at: str | Unset = UNSET
        if not isinstance(self.escalation_received_at, Unset):
            escalation_received_at = self.escalation_received_at.isoformat()

        imported: dict[str, Any] | Unset = UNSET
        if not isinstance(self.imported, Unset):
            imported = self.imported.to_dict()

        next_due_at: str | Unset = UNSET
        if not isinstance(self.next_due_at, Unset):
            next_due_at = self.next_due_at.isoformat()

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value

        overdue_since: str | Unset = UNSET
        if not isinstance(self.overdue_since, Unset):
            overdue_since = self.overdue_since.isoformat()

        primary_cause = self.primary_cause

        referral: dict[str, Any] | Unset = UNSET
        if not isinstance(self.referral, Unset):
            referral = self.referral.to_dict()

        responded_at: str | Unset = UNSET
        if not isinstance(self.responded_at, Unset):
            responded_at = self.responded_at.isoformat()

        responded_by = self.responded_by

        stage1_handler = self.stage1_handler

        timers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timers, Unset):
            timers = []
            for timers_item_data in self.timers:
                timers_item = timers_item_data.to_dict()
                timers.append(timers_item)

        transferred_to = self.transferred_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved": approved,
                "category": category,
                "channel": channel,
                "complainant": complainant,
                "created_at": created_at,
                "created_by": created_by,
                "description": description,
                "id": id,
                "product": product,
                "profile": profile,
                "rca_pending": rca_pending,
                "received_at": received_at,
                "reference": reference,
                "remedy_sought": remedy_sought,
                "stage": stage,
                "state": state,
                "team": team,
                "updated_at": updated_at,
                "version": version,
                "vulnerable": vulnerable,
            }
        )
        if acknowledged_at is not UNSET:
            field_dict["acknowledged_at"] = acknowledged_at
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if escalated_at is not UNSET:
            field_dict["escalated_at"] = escalated_at
        if escalation_received_at is not UNSET:
            field_dict["escalation_received_at"] = escalation_received_at
        if imported is not UNSET:
            field_dict["imported"] = imported
        if next_due_at is not UNSET:
            field_dict["next_due_at"] = next_due_at
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if overdue_since is not UNSET:
            field_dict["overdue_since"] = overdue_since
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause
        if referral is not UNSET:
            field_dict["referral"] = referral
        if responded_at is not UNSET:
            field_dict["responded_at"] = responded_at
        if responded_by is not UNSET:
            field_dict["responded_by"] = responded_by
        if stage1_handler is not UNSET:
            field_dict["stage1_handler"] = stage1_handler
        if timers is not UNSET:
            field_dict["timers"] = timers
        if transferred_to is not UNSET:
            field_dict["transferred_to"] = transferred_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.complainant import Complainant  # noqa: PLC0415
        from ..models.imported_from import ImportedFrom  # noqa: PLC0415
        from ..models.referral import Referral  # noqa: PLC0415
        from ..models.timer import Timer  # noqa: PLC0415

        d = dict(src_dict)
        approved = d.pop("approved")

        category = d.pop("category")

        channel = Channel(d.pop("channel"))

        complainant = Complainant.from_dict(d.pop("complainant"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        description = d.pop("description")

        id = UUID(d.pop("id"))

        product = d.pop("product")

        profile = Profile(d.pop("profile"))

        rca_pending = d.pop("rca_pending")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        reference = d.pop("reference")

        remedy_sought = d.pop("remedy_sought")

        stage = d.pop("stage")

        state = ComplaintState(d.pop("state"))

        team = d.pop("team")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        vulnerable = d.pop("vulnerable")

        _acknowledged_at = d.pop("acknowledged_at", UNSET)
        acknowledged_at: datetime.datetime | Unset
        if isinstance(_acknowledged_at, Unset):
            acknowledged_at = UNSET
        else:
            acknowledged_at = datetime.datetime.fromisoformat(_acknowledged_at)

        assignee = d.pop("assignee", UNSET)

        _closed_at = d.pop("closed_at", UNSET)
        closed_at: datetime.datetime | Unset
        if isinstance(_closed_at, Unset):
            closed_at = UNSET
        else:
            closed_at = datetime.datetime.fromisoformat(_closed_at)

        _escalated_at = d.pop("escalated_at", UNSET)
        escalated_at: datetime.datetime | Unset
        if isinstance(_escalated_at, Unset):
            escalated_at = UNSET
        else:
            escalated_at = datetime.datetime.fromisoformat(_escalated_at)

        _escalation_received_at = d.pop("escalation_received_at", UNSET)
        escalation_received_at: datetime.datetime | Unset
        if isinstance(_escalation_received_at, Unset):
            escalation_received_at = UNSET
        else:
            escalation_received_at = datetime.datetime.fromisoformat(_escalation_received_at)

        _imported = d.pop("imported", UNSET)
        imported: ImportedFrom | Unset
        if isinstance(_imported, Unset):
            imported = UNSET
        else:
            imported = ImportedFrom.from_dict(_imported)

        _next_due_at = d.pop("next_due_at", UNSET)
        next_due_at: datetime.datetime | Unset
        if isinstance(_next_due_at, Unset):
            next_due_at = UNSET
        else:
            next_due_at = datetime.datetime.fromisoformat(_next_due_at)

        _outcome = d.pop("outcome", UNSET)
        outcome: Outcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = Outcome(_outcome)

        _overdue_since = d.pop("overdue_since", UNSET)
        overdue_since: datetime.datetime | Unset
        if isinstance(_overdue_since, Unset):
            overdue_since = UNSET
        else:
            overdue_since = datetime.datetime.fromisoformat(_overdue_since)

        primary_cause = d.pop("primary_cause", UNSET)

        _referral = d.pop("referral", UNSET)
        referral: Referral | Unset
        if isinstance(_referral, Unset):
            referral = UNSET
        else:
            referral = Referral.from_dict(_referral)

        _responded_at = d.pop("responded_at", UNSET)
        responded_at: datetime.datetime | Unset
        if isinstance(_responded_at, Unset):
            responded_at = UNSET
        else:
            responded_at = datetime.datetime.fromisoformat(_responded_at)

        responded_by = d.pop("responded_by", UNSET)

        stage1_handler = d.pop("stage1_handler", UNSET)

        _timers = d.pop("timers", UNSET)
        timers: list[Timer] | Unset = UNSET
        if _timers is not UNSET:
            timers = []
            for timers_item_data in _timers:
                timers_item = Timer.from_dict(timers_item_data)

                timers.append(timers_item)

        transferred_to = d.pop("transferred_to", UNSET)

        complaint = cls(
            approved=approved,
            category=category,
            channel=channel,
            complainant=complainant,
            created_at=created_at,
            created_by=created_by,
            description=description,
            id=id,
            product=product,
            profile=profile,
            rca_pending=rca_pending,
            received_at=received_at,
            reference=reference,
            remedy_sought=remedy_sought,
            stage=stage,
            state=state,
            team=team,
            updated_at=updated_at,
            version=version,
            vulnerable=vulnerable,
            acknowledged_at=acknowledged_at,
            assignee=assignee,
            closed_at=closed_at,
            escalated_at=escalated_at,
            escalation_received_at=escalation_received_at,
            imported=imported,
            next_due_at=next_due_at,
            outcome=outcome,
            overdue_since=overdue_since,
            primary_cause=primary_cause,
            referral=referral,
            responded_at=responded_at,
            responded_by=responded_by,
            stage1_handler=stage1_handler,
            timers=timers,
            transferred_to=transferred_to,
        )

        complaint.additional_properties = d
        return complaint

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
