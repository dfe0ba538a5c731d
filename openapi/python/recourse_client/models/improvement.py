from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_state import ItemState
from ..models.priority import Priority
from ..models.verdict import Verdict
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check_result import CheckResult
    from ..models.item_plan import ItemPlan
    from ..models.item_task import ItemTask
    from ..models.standardisation import Standardisation


T = TypeVar("T", bound="Improvement")


@_attrs_define
class Improvement:
    """An improvement item.

    Example:
        {'cause': 'PRC.HANDOFF', 'created_at': '2026-12-11T14:05:02+00:00', 'created_by': 'system', 'description':
            'Refunds promised in branch are lost between the branch and the back office.', 'evidence_count': 14, 'id':
            '0193a5c0-0a1b-7c2d-9e3f-4a5b6c7d8e9f', 'iteration': 1, 'owner': 'ops-lead-mark', 'plan': {'baseline_from':
            '2026-08-01', 'baseline_to': '2026-10-31', 'lag_days': 14, 'measurement_days': 90, 'others_affected': 'yes',
            'problem_statement': 'Refunds promised in branch do not reach the back office: 14 complaints in 90 days.',
            'target_reduction_pct': 50}, 'priority': 'high', 'product': 'current_account', 'rule': 'threshold', 'source':
            'recurrence', 'state': 'do', 'tasks': [{'description': 'Replace the shared inbox with a refund request form in
            the case system.', 'due_on': '2027-01-15', 'id': '0193a5c0-1d2e-7f3a-8b4c-5d6e7f809a1b', 'owner': 'ops-lead-
            mark', 'status': 'open'}], 'title': 'Track branch refund requests to the back office', 'updated_at':
            '2026-12-14T10:00:00+00:00', 'version': 4}

    Attributes:
        created_at (datetime.datetime): When.
        created_by (str): Who opened it (`system` for a rule).
        evidence_count (int): Complaints linked as evidence, whichever team they belong to (a count only: the
            evidence list shows each reader the complaints in their scope).
        id (UUID): Item id.
        iteration (int): 1, plus one per return to `plan`.
        source (str): `rule` or `manual`.
        state (ItemState): Where an improvement item stands.
        tasks (list[ItemTask]): The `do` step's tasks.
        title (str): Title.
        updated_at (datetime.datetime): Last change.
        version (int): Version; the ETag is this number in quotes.
        cause (str | Unset): The root cause it is about.
        change_reference (str | Unset): The change (policy, procedure, release) that went live.
        check (CheckResult | Unset): Every number behind a check, so the verdict can be recomputed. The counts cover
            every
            team's complaints (the item is the organisation's) and name none of them.
        description (str | Unset): What it is about (for a rule's item: the rule's explanation).
        held_from (ItemState | Unset): Where an improvement item stands.
        merged_into (UUID | Unset): The item it was merged into.
        owner (str | Unset): Owner, set at triage.
        plan (ItemPlan | Unset): An item's plan.
        priority (Priority | Unset): How urgent an item is.
        product (str | Unset): The product, where the rule counts per product.
        rule (str | Unset): The rule that opened it.
        standardisation (Standardisation | Unset): What was standardised once the fix worked. Example: {'control':
            'Monthly check that every branch refund request is closed within 5 business days.', 'note': 'Fix held at 58%
            fewer complaints over 90 days.', 'policy': 'Refund policy section 4.2 now requires the tracked request form.',
            'training': 'Added to the branch induction course.'}.
        verdict (Verdict | Unset): A check's verdict.
        went_live_at (datetime.datetime | Unset): When the change went live.
    """

    created_at: datetime.datetime
    created_by: str
    evidence_count: int
    id: UUID
    iteration: int
    source: str
    state: ItemState
    tasks: list[ItemTask]
    title: str
    updated_at: datetime.datetime
    version: int
    cause: str | Unset = UNSET
    change_reference: str | Unset = UNSET
    check: CheckResult | Unset = UNSET
    description: str | Unset = UNSET
    held_from: ItemState | Unset = UNSET
    merged_into: UUID | Unset = UNSET
    owner: str | Unset = UNSET
    plan: ItemPlan | Unset = UNSET
    priority: Priority | Unset = UNSET
    product: str | Unset = UNSET
    rule: str | Unset = UNSET
    standardisation: Standardisation | Unset = UNSET
    verdict: Verdict | Unset = UNSET
    went_live_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        evidence_count = self.evidence_count

        id = str(self.id)

        iteration = self.iteration

        source = self.source

        state = self.state.value

        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        cause = self.cause

        change_reference = self.change_reference

        check: dict[str, Any] | Unset = UNSET
        if not isinstance(self.check, Unset):
            check = self.check.to_dict()

        description = self.description

        held_from: str | Unset = UNSET
        if not isinstance(self.held_from, Unset):
            held_from = self.held_from.value

        merged_into: str | Unset = UNSET
        if not isinstance(self.merged_into, Unset):
            merged_into = str(self.merged_into)

        owner = self.owner

        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        product = self.product

        rule = self.rule

        standardisation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.standardisation, Unset):
            standardisation = self.standardisation.to_dict()

        verdict: str | Unset = UNSET
        if not isinstance(self.verdict, Unset):
            verdict = self.verdict.value

        went_live_at: str | Unset = UNSET
        if not isinstance(self.went_live_at, Unset):
            went_live_at = self.went_live_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "evidence_count": evidence_count,
                "id": id,
                "iteration": iteration,
                "source": source,
                "state": state,
                "tasks": tasks,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if cause is not UNSET:
            field_dict["cause"] = cause
        if change_reference is not UNSET:
            field_dict["change_reference"] = change_reference
        if check is not UNSET:
            field_dict["check"] = check
        if description is not UNSET:
            field_dict["description"] = description
        if held_from is not UNSET:
            field_dict["held_from"] = held_from
        if merged_into is not UNSET:
            field_dict["merged_into"] = merged_into
        if owner is not UNSET:
            field_dict["owner"] = owner
        if plan is not UNSET:
            field_dict["plan"] = plan
        if priority is not UNSET:
            field_dict["priority"] = priority
        if product is not UNSET:
            field_dict["product"] = product
        if rule is not UNSET:
            field_dict["rule"] = rule
        if standardisation is not UNSET:
            field_dict["standardisation"] = standardisation
        if verdict is not UNSET:
            field_dict["verdict"] = verdict
        if went_live_at is not UNSET:
            field_dict["went_live_at"] = went_live_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check_result import CheckResult  # noqa: PLC0415
        from ..models.item_plan import ItemPlan  # noqa: PLC0415
        from ..models.item_task import ItemTask  # noqa: PLC0415
        from ..models.standardisation import Standardisation  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        evidence_count = d.pop("evidence_count")

        id = UUID(d.pop("id"))

        iteration = d.pop("iteration")

        source = d.pop("source")

        state = ItemState(d.pop("state"))

        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = ItemTask.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        cause = d.pop("cause", UNSET)

        change_reference = d.pop("change_reference", UNSET)

        _check = d.pop("check", UNSET)
        check: CheckResult | Unset
        if isinstance(_check, Unset):
            check = UNSET
        else:
            check = CheckResult.from_dict(_check)

        description = d.pop("description", UNSET)

        _held_from = d.pop("held_from", UNSET)
        held_from: ItemState | Unset
        if isinstance(_held_from, Unset):
            held_from = UNSET
        else:
            held_from = ItemState(_held_from)

        _merged_into = d.pop("merged_into", UNSET)
        merged_into: UUID | Unset
        if isinstance(_merged_into, Unset):
            merged_into = UNSET
        else:
            merged_into = UUID(_merged_into)

        owner = d.pop("owner", UNSET)

        _plan = d.pop("plan", UNSET)
        plan: ItemPlan | Unset
        if isinstance(_plan, Unset):
            plan = UNSET
        else:
            plan = ItemPlan.from_dict(_plan)

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = Priority(_priority)

        product = d.pop("product", UNSET)

        rule = d.pop("rule", UNSET)

        _standardisation = d.pop("standardisation", UNSET)
        standardisation: Standardisation | Unset
        if isinstance(_standardisation, Unset):
            standardisation = UNSET
        else:
            standardisation = Standardisation.from_dict(_standardisation)

        _verdict = d.pop("verdict", UNSET)
        verdict: Verdict | Unset
        if isinstance(_verdict, Unset):
            verdict = UNSET
        else:
            verdict = Verdict(_verdict)

        _went_live_at = d.pop("went_live_at", UNSET)
        went_live_at: datetime.datetime | Unset
        if isinstance(_went_live_at, Unset):
            went_live_at = UNSET
        else:
            went_live_at = datetime.datetime.fromisoformat(_went_live_at)

        improvement = cls(
            created_at=created_at,
            created_by=created_by,
            evidence_count=evidence_count,
            id=id,
            iteration=iteration,
            source=source,
            state=state,
            tasks=tasks,
            title=title,
            updated_at=updated_at,
            version=version,
            cause=cause,
            change_reference=change_reference,
            check=check,
            description=description,
            held_from=held_from,
            merged_into=merged_into,
            owner=owner,
            plan=plan,
            priority=priority,
            product=product,
            rule=rule,
            standardisation=standardisation,
            verdict=verdict,
            went_live_at=went_live_at,
        )

        improvement.additional_properties = d
        return improvement

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
