from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.history_action import HistoryAction
from ..models.history_role import HistoryRole
from ..models.outcome import Outcome
from ..models.referral_decision import ReferralDecision
from ..models.referral_scheme import ReferralScheme
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.remedy_input import RemedyInput


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """One recorded action of a case's history: what was done, when, by whom, and what the live
    action's body would carry. Only the fields the action takes may be given; the instants a
    live action's body may carry (a letter's `sent_at`, an escalation's `received_at`, a
    referral's `referred_at`, a decision's `decided_at`) are this entry's `at`.

        Attributes:
            action (HistoryAction): A procedure action a case's history records, named as the live action is
                (`POST /v1/complaints/{id}/actions/{action}`).
            actor (str): Who took it: their name or id in the source system (they need not be users here).
            at (datetime.datetime): When it happened: not before the receipt or the entry before it, not in the future.
            assignee (str | Unset): `assign` (required): who was assigned, by their name or id in the source system.
            channel (Channel | Unset): How the complaint reached the organisation.
            decision (ReferralDecision | Unset): An ombudsman's or scheme's decision.
            new_due_at (datetime.datetime | Unset): `extend` (required): its new due instant.
            note (str | Unset): A note for the case record.
            outcome (Outcome | Unset): The finding of a response.
            primary_cause (str | Unset): The primary root cause: a code of the taxonomy.
            rca_pending (bool | Unset): The response went out with root-cause analysis pending, where the profile allows it.
            reason (str | Unset): `return_for_rework`, `extend`, `reopen`, `reject_scope`, `transfer` (required),
                `escalate`, `withdraw`: why.
            reference (str | Unset): `refer`: the scheme's case reference.
            remedies (list[RemedyInput] | Unset): `propose_response`, `issue_response`: the remedies offered;
                `record_referral_outcome`:
                those the scheme ordered. A remedy given as `completed` or `declined` was settled by
                the time of this entry.
            role (HistoryRole | Unset): The role a person of the source system took an action in.
            scheme (ReferralScheme | Unset): An ombudsman or external dispute-resolution scheme.
            summary (str | Unset): What the letter said, in brief.
            timer (str | Unset): `extend` (required): the timer extended, as the complaint lists it.
            to (str | Unset): `transfer` (required): the organisation the complaint went to.
            what (str | Unset): `request_information` (required): what was asked for.
    """

    action: HistoryAction
    actor: str
    at: datetime.datetime
    assignee: str | Unset = UNSET
    channel: Channel | Unset = UNSET
    decision: ReferralDecision | Unset = UNSET
    new_due_at: datetime.datetime | Unset = UNSET
    note: str | Unset = UNSET
    outcome: Outcome | Unset = UNSET
    primary_cause: str | Unset = UNSET
    rca_pending: bool | Unset = UNSET
    reason: str | Unset = UNSET
    reference: str | Unset = UNSET
    remedies: list[RemedyInput] | Unset = UNSET
    role: HistoryRole | Unset = UNSET
    scheme: ReferralScheme | Unset = UNSET
    summary: str | Unset = UNSET
    timer: str | Unset = UNSET
    to: str | Unset = UNSET
    what: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        actor = self.actor

        at = self.at.isoformat()

        assignee = self.assignee

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        decision: str | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision.value

        new_due_at: str | Unset = UNSET
        if not isinstance(self.new_due_at, Unset):
            new_due_at = self.new_due_at.isoformat()

        note = self.note

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value

        primary_cause = self.primary_cause

        rca_pending = self.rca_pending

        reason = self.reason

        reference = self.reference

        remedies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.remedies, Unset):
            remedies = []
            for remedies_item_data in self.remedies:
                remedies_item = remedies_item_data.to_dict()
                remedies.append(remedies_item)

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        scheme: str | Unset = UNSET
        if not isinstance(self.scheme, Unset):
            scheme = self.scheme.value

        summary = self.summary

        timer = self.timer

        to = self.to

        what = self.what

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "at": at,
            }
        )
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if channel is not UNSET:
            field_dict["channel"] = channel
        if decision is not UNSET:
            field_dict["decision"] = decision
        if new_due_at is not UNSET:
            field_dict["new_due_at"] = new_due_at
        if note is not UNSET:
            field_dict["note"] = note
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if primary_cause is not UNSET:
            field_dict["primary_cause"] = primary_cause
        if rca_pending is not UNSET:
            field_dict["rca_pending"] = rca_pending
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reference is not UNSET:
            field_dict["reference"] = reference
        if remedies is not UNSET:
            field_dict["remedies"] = remedies
        if role is not UNSET:
            field_dict["role"] = role
        if scheme is not UNSET:
            field_dict["scheme"] = scheme
        if summary is not UNSET:
            field_dict["summary"] = summary
        if timer is not UNSET:
            field_dict["timer"] = timer
        if to is not UNSET:
            field_dict["to"] = to
        if what is not UNSET:
            field_dict["what"] = what

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.remedy_input import RemedyInput  # noqa: PLC0415

        d = dict(src_dict)
        action = HistoryAction(d.pop("action"))

        actor = d.pop("actor")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        assignee = d.pop("assignee", UNSET)

        _channel = d.pop("channel", UNSET)
        channel: Channel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = Channel(_channel)

        _decision = d.pop("decision", UNSET)
        decision: ReferralDecision | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = ReferralDecision(_decision)

        _new_due_at = d.pop("new_due_at", UNSET)
        new_due_at: datetime.datetime | Unset
        if isinstance(_new_due_at, Unset):
            new_due_at = UNSET
        else:
            new_due_at = datetime.datetime.fromisoformat(_new_due_at)

        note = d.pop("note", UNSET)

        _outcome = d.pop("outcome", UNSET)
        outcome: Outcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = Outcome(_outcome)

        primary_cause = d.pop("primary_cause", UNSET)

        rca_pending = d.pop("rca_pending", UNSET)

        reason = d.pop("reason", UNSET)

        reference = d.pop("reference", UNSET)

        _remedies = d.pop("remedies", UNSET)
        remedies: list[RemedyInput] | Unset = UNSET
        if _remedies is not UNSET:
            remedies = []
            for remedies_item_data in _remedies:
                remedies_item = RemedyInput.from_dict(remedies_item_data)

                remedies.append(remedies_item)

        _role = d.pop("role", UNSET)
        role: HistoryRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = HistoryRole(_role)

        _scheme = d.pop("scheme", UNSET)
        scheme: ReferralScheme | Unset
        if isinstance(_scheme, Unset):
            scheme = UNSET
        else:
            scheme = ReferralScheme(_scheme)

        summary = d.pop("summary", UNSET)

        timer = d.pop("timer", UNSET)

        to = d.pop("to", UNSET)

        what = d.pop("what", UNSET)

        history_entry = cls(
            action=action,
            actor=actor,
            at=at,
            assignee=assignee,
            channel=channel,
            decision=decision,
            new_due_at=new_due_at,
            note=note,
            outcome=outcome,
            primary_cause=primary_cause,
            rca_pending=rca_pending,
            reason=reason,
            reference=reference,
            remedies=remedies,
            role=role,
            scheme=scheme,
            summary=summary,
            timer=timer,
            to=to,
            what=what,
        )

        return history_entry
