#!/usr/bin/env python3
"""Import historical complaints from a CSV export of another system into Recourse.

Each row of the CSV is one case: when it was received, who complained and about what, and the
dates on which it was acknowledged, answered, closed and referred to the ombudsman. The script
turns each row into a case history (acknowledge, start_investigation, propose and approve,
issue_response or resolve_summarily, close, refer, record_referral_outcome) and sends the cases
to `POST /v1/imports/complaints/batch` with the generated Python client, in batches of up to
500. Recourse replays each history through the live procedure at its original instants, all or
nothing per case, so a case the procedure would not have allowed is refused with the entry at
fault (`history[3].at`) and the others still import.

    export RECOURSE_URL=http://127.0.0.1:8080
    export RECOURSE_TOKEN=$(recourse token --sub legacy-import --role integrator --team north)
    PYTHONPATH=openapi/python python3 examples/import_history.py examples/historical-cases.csv

The token needs the `import_complaints` permission (the integrator or admin role). Importing is
idempotent by source id (`--system` and the row's `source_id`): run the script again and every
case it imported before is reported `already_imported`, unchanged.

Prints one line per case and the totals. Exit status: 0 when every case was imported or had
been imported before (and, with `--expect`, had the status expected); 1 when a case was refused
or was not as expected; 2 when the CSV or the arguments are unusable. `--dry-run` prints the
request bodies instead of sending them.

Columns (a header row names them; order does not matter; empty means "did not happen"):

  source_id            the case's id in the old system (required)
  received_at          when the complaint was received, RFC 3339 with a zone (required)
  channel, product, category
                       how it arrived and what it is about: a product and category of
                       Recourse's catalogue (GET /v1/categories)
  complainant_name, customer_ref, email
                       who complained (a name and at least one of customer_ref or email)
  description, remedy_sought
  handler              who handled the case in the old system (the actor of its actions)
  acknowledged_at      acknowledgement sent (by email when the row has one, else by letter)
  proposed_at, approved_by, approved_at
                       a response proposed and approved by a team leader (needed for redress
                       above the approval threshold, 50000 minor units by default)
  response_at, outcome, primary_cause
                       the final response and its finding (`upheld`, `partially_upheld`,
                       `not_upheld`; `resolved` is a summary resolution, which closes the case);
                       primary_cause is a root-cause code (GET /v1/root-causes), needed when the
                       complaint was upheld
  redress_kind, redress_minor, currency
                       the redress offered in the response (`fee_refund_or_waiver`, `interest`,
                       ...); paid by the time the case closed
  closed_at            when the case was closed
  referred_at, ombudsman_ref, ombudsman_decision, decided_at, ombudsman_redress_minor
                       a referral to the Financial Ombudsman Service, its decision and the
                       redress it ordered (paid, in the response's currency)

Needs Python 3.11+ and the client's own dependencies (httpx, attrs).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import httpx
from recourse_client import AuthenticatedClient
from recourse_client.api.complaints import import_complaints
from recourse_client.helpers import RecourseError, call, connect
from recourse_client.models import (
    Channel,
    HistoryAction,
    HistoryEntry,
    ImportBatch,
    ImportCase,
    ImportReport,
    ImportSource,
    ImportStatus,
    NewComplainant,
    NewComplaint,
    Outcome,
    ReferralDecision,
    ReferralScheme,
    RemedyInput,
    RemedyKind,
    RemedyStatus,
)
from recourse_client.types import UNSET

MAX_CASES = 500  # what one batch request may carry
# The server's default body limit is 1 MiB (--max-body-bytes); stay under it with room to spare.
MAX_BYTES = 900_000


class BadRow(ValueError):
    """A row the script cannot turn into a case."""


@dataclass
class Row:
    """One CSV row, read by column name; an empty cell is None."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        value = (self.cells.get(column) or "").strip()
        return value or None

    def need(self, column: str) -> str:
        value = self.get(column)
        if value is None:
            raise BadRow(f"{column} is empty")
        return value

    def instant(self, column: str) -> datetime.datetime | None:
        value = self.get(column)
        if value is None:
            return None
        try:
            at = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise BadRow(f"{column} is not an RFC 3339 instant: {value!r}") from None
        if at.tzinfo is None:
            # An instant needs its zone: a local time is ambiguous across clock changes.
            raise BadRow(f"{column} has no UTC offset: {value!r} (write 2025-03-04T10:15:00Z)")
        return at

    def amount(self, column: str) -> int | None:
        value = self.get(column)
        if value is None:
            return None
        if not value.isdigit():
            raise BadRow(f"{column} is not a whole number of minor units: {value!r}")
        return int(value)

    def enum(self, kind, column: str):
        value = self.get(column)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise BadRow(f"{column} {value!r} is not one of {allowed}") from None


def history(row: Row) -> list[HistoryEntry]:
    """The case's history, oldest first, from the row's dates. Recourse checks it against the
    procedure: this only says what happened, in the order it happened."""
    handler = row.get("handler") or "unknown-handler"
    letters = Channel.EMAIL if row.get("email") else Channel.LETTER
    entries: list[HistoryEntry] = []

    def entry(action: HistoryAction, at: datetime.datetime, **fields) -> None:
        entries.append(HistoryEntry(action=action, at=at, actor=fields.pop("actor", handler), **fields))

    acknowledged = row.instant("acknowledged_at")
    proposed = row.instant("proposed_at")
    approved = row.instant("approved_at")
    responded = row.instant("response_at")
    outcome = row.enum(Outcome, "outcome")
    cause = row.get("primary_cause")
    closed = row.instant("closed_at")

    # The redress offered: paid by the time the case closed, still due while it is open. The
    # old system keeps no payment date, so a paid remedy is recorded settled when it was offered.
    remedies: list[RemedyInput] = []
    redress = row.amount("redress_minor")
    if redress is not None:
        remedies.append(
            RemedyInput(
                kind=row.enum(RemedyKind, "redress_kind") or RemedyKind.OTHER,
                amount_minor=redress,
                currency=row.need("currency"),
                status=RemedyStatus.COMPLETED if closed else RemedyStatus.DUE,
            )
        )
    finding = {
        "outcome": outcome,
        "primary_cause": cause or UNSET,
        "remedies": remedies or UNSET,
    }

    if outcome == Outcome.RESOLVED:
        # A summary resolution: answered (and closed) inside the profile's window.
        if responded is None:
            raise BadRow("outcome resolved needs response_at")
        if acknowledged:
            entry(HistoryAction.ACKNOWLEDGE, acknowledged, channel=letters)
        entry(
            HistoryAction.RESOLVE_SUMMARILY,
            responded,
            outcome=outcome,
            primary_cause=cause or UNSET,
            channel=letters,
            summary="Summary resolution communication sent.",
        )
        return entries

    if acknowledged:
        # An agent who acknowledges an unassigned case becomes its handler, as live.
        entry(HistoryAction.ACKNOWLEDGE, acknowledged, channel=letters, summary="Acknowledgement sent.")
    elif responded or proposed:
        raise BadRow("a response needs acknowledged_at")
    if responded or proposed:
        if outcome is None:
            raise BadRow("a response needs an outcome")
        # The old system does not record when the investigation began: with the acknowledgement.
        entry(HistoryAction.START_INVESTIGATION, acknowledged)
    if proposed:
        entry(HistoryAction.PROPOSE_RESPONSE, proposed, **finding)
    if approved:
        if not proposed:
            raise BadRow("approved_at needs proposed_at")
        entry(HistoryAction.APPROVE_RESPONSE, approved, actor=row.need("approved_by"))
    if responded:
        # An approved proposal goes out as it stands: its remedies are the response's.
        issued = {"outcome": outcome, "primary_cause": cause or UNSET} if approved else finding
        entry(
            HistoryAction.ISSUE_RESPONSE,
            responded,
            **issued,
            channel=letters,
            summary=f"Final response: {outcome.value.replace('_', ' ')}; referral rights given.",
        )
    if closed:
        entry(HistoryAction.CLOSE, closed)

    referred = row.instant("referred_at")
    decided = row.instant("decided_at")
    if referred:
        entry(
            HistoryAction.REFER,
            referred,
            scheme=ReferralScheme.FINANCIAL_OMBUDSMAN_SERVICE,
            reference=row.get("ombudsman_ref") or UNSET,
        )
    if decided:
        if not referred:
            raise BadRow("decided_at needs referred_at")
        ordered = row.amount("ombudsman_redress_minor")
        entry(
            HistoryAction.RECORD_REFERRAL_OUTCOME,
            decided,
            decision=row.enum(ReferralDecision, "ombudsman_decision") or ReferralDecision.NOT_UPHELD,
            remedies=[
                RemedyInput(
                    kind=RemedyKind.FINANCIAL_LOSS_COMPENSATION,
                    amount_minor=ordered,
                    currency=row.get("currency") or "GBP",
                    status=RemedyStatus.COMPLETED,
                    description="Ordered by the ombudsman; paid.",
                )
            ]
            if ordered
            else UNSET,
        )
    return entries


def case(row: Row, system: str, team: str) -> ImportCase:
    """The import of one row: the complaint as it was logged, and its history."""
    received = row.instant("received_at")
    if received is None:
        raise BadRow("received_at is empty")
    complaint = NewComplaint(
        complainant=NewComplainant(
            name=row.need("complainant_name"),
            customer_ref=row.get("customer_ref") or UNSET,
            email=row.get("email") or UNSET,
        ),
        channel=row.enum(Channel, "channel") or Channel.OTHER,
        product=row.need("product"),
        category=row.need("category"),
        description=row.need("description"),
        remedy_sought=row.get("remedy_sought") or "Not recorded in the old system.",
        received_at=received,
        team=team,
    )
    return ImportCase(
        source=ImportSource(system=system, id=row.need("source_id")),
        logged_by=row.get("handler") or UNSET,
        complaint=complaint,
        history=history(row),
    )


def batches(cases: Sequence[ImportCase], max_cases: int, max_bytes: int) -> Iterator[list[ImportCase]]:
    """The cases in order, in batches of at most `max_cases` and about `max_bytes` of JSON."""
    batch: list[ImportCase] = []
    size = 0
    for item in cases:
        item_size = len(json.dumps(item.to_dict()))
        if batch and (len(batch) >= max_cases or size + item_size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size + 1
    if batch:
        yield batch


def send(client: AuthenticatedClient, batch: list[ImportCase]) -> ImportReport:
    """One batch request. A failure in transit is retried: importing is idempotent by source
    id, so a batch that did commit answers `already_imported` the second time."""
    for attempt in range(1, 4):
        try:
            return call(import_complaints.sync_detailed, client=client, body=ImportBatch(cases=batch)).data
        except (httpx.TransportError, RecourseError) as error:
            retryable = isinstance(error, httpx.TransportError) or error.status in (500, 503)
            if not retryable or attempt == 3:
                raise
            print(f"  batch failed ({error}); trying again", file=sys.stderr)
            time.sleep(2 * attempt)
    raise AssertionError("unreachable")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", default="examples/historical-cases.csv", help="the CSV export")
    parser.add_argument("--url", default=os.environ.get("RECOURSE_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--system", default="legacy-crm", help="the source system's name (default legacy-crm)")
    parser.add_argument("--team", default="north", help="the team the cases belong to (default north)")
    parser.add_argument("--batch-size", type=int, default=MAX_CASES, help=f"cases per request (at most {MAX_CASES})")
    parser.add_argument(
        "--expect",
        choices=[s.value for s in ImportStatus if s != ImportStatus.REFUSED],
        help="fail unless every case ends with this status (e.g. already_imported on a second run)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the batch bodies as JSON; send nothing")
    args = parser.parse_args(argv)
    if not 1 <= args.batch_size <= MAX_CASES:
        parser.error(f"--batch-size must be 1 to {MAX_CASES}")

    cases: list[ImportCase] = []
    invalid = 0
    with open(args.csv, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"source_id", "received_at", "product", "category"} - set(reader.fieldnames or [])
        if missing:
            print(f"{args.csv}: no column {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
        for cells in reader:
            row = Row(reader.line_num, cells)
            try:
                cases.append(case(row, args.system, args.team))
            except BadRow as error:
                invalid += 1
                print(f"{row.get('source_id') or '?':<14} invalid row (line {row.line}): {error}")
    if invalid:
        print(f"{invalid} row(s) of {args.csv} cannot be imported; fix them and run again", file=sys.stderr)
        return 2

    if args.dry_run:
        for batch in batches(cases, args.batch_size, MAX_BYTES):
            print(json.dumps(ImportBatch(cases=batch).to_dict(), indent=2))
        return 0

    token = os.environ.get("RECOURSE_TOKEN")
    if not token:
        print("RECOURSE_TOKEN is not set: mint one with the integrator role and a team", file=sys.stderr)
        return 2
    client = connect(args.url, token, timeout=120.0)

    totals = {status: 0 for status in ImportStatus}
    unexpected = 0
    sent = 0
    for batch in batches(cases, args.batch_size, MAX_BYTES):
        try:
            report = send(client, batch)
        except (httpx.TransportError, RecourseError) as error:
            hint = " (a smaller --batch-size sends less at once)" if getattr(error, "status", None) == 413 else ""
            print(f"the batch of {len(batch)} case(s) from {batch[0].source.id} failed: {error}{hint}", file=sys.stderr)
            return 1
        sent += 1
        for result in report.results:
            totals[result.status] += 1
            if result.status == ImportStatus.REFUSED:
                problem = result.problem
                where = f" {problem.field}" if problem and problem.field else ""
                what = f"{problem.code}{where}: {problem.detail}" if problem else "no problem given"
                print(f"{result.source_id:<14} refused           {what}")
                unexpected += 1
                continue
            print(f"{result.source_id:<14} {result.status.value:<17} {result.reference}")
            if args.expect and result.status.value != args.expect:
                unexpected += 1
    print(
        f"{len(cases)} case(s) in {sent} batch(es): {totals[ImportStatus.IMPORTED]} imported, "
        f"{totals[ImportStatus.ALREADY_IMPORTED]} already imported, {totals[ImportStatus.REFUSED]} refused"
    )
    if unexpected:
        expected = f" (expected every case {args.expect})" if args.expect else ""
        print(f"{unexpected} case(s) not as expected{expected}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
