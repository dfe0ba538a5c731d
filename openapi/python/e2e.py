"""End-to-end check of the Python client against a live Recourse server.

    RECOURSE_URL=http://127.0.0.1:8080 RECOURSE_TOKEN=... PYTHONPATH=openapi/python python openapi/python/e2e.py

The token needs a team and the agent role (team_leader as well is fine). Needs only the
client's own dependencies (httpx, attrs). Exits non-zero, naming the failed step, when
anything is not as the API promises.
"""

from __future__ import annotations

import os
import sys
import uuid

from recourse_client import AuthenticatedClient
from recourse_client.api.complaints import create_complaint, get_complaint, list_complaints, update_complaint
from recourse_client.api.procedure import acknowledge
from recourse_client.api.teams import get_me
from recourse_client.models import (
    AcknowledgeAction,
    Channel,
    CommunicationInput,
    Complaint,
    ComplaintPage,
    ComplaintPatch,
    ComplaintState,
    NewComplainant,
    NewComplaint,
    Problem,
)
from recourse_client.types import Response


class CheckFailed(Exception):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise CheckFailed(f"{name} is not set")
    return value


def describe(response: Response) -> str:
    return f"{int(response.status_code)} {response.content[:300]!r}"


def expect_problem(step: str, response: Response, status: int, code: str) -> Problem:
    problem = response.parsed
    check(
        int(response.status_code) == status and isinstance(problem, Problem) and problem.code == code,
        f"{step}: expected {status} {code}, got {describe(response)}",
    )
    check(
        response.headers.get("content-type", "").startswith("application/problem+json"),
        f"{step}: the error is not application/problem+json",
    )
    assert isinstance(problem, Problem)
    return problem


def main() -> None:
    client = AuthenticatedClient(base_url=env("RECOURSE_URL").rstrip("/"), token=env("RECOURSE_TOKEN"))

    me = get_me.sync_detailed(client=client)
    check(int(me.status_code) == 200, f"GET /v1/me: {describe(me)}")
    team = me.parsed.team if me.parsed is not None and not isinstance(me.parsed, Problem) else None
    check(isinstance(team, str) and team, "the token names no team; mint one with --team")
    assert isinstance(team, str)

    # 1. Create with an Idempotency-Key, then retry: the same complaint comes back.
    key = f"py-e2e-{uuid.uuid4()}"

    def new_complaint(remedy: str) -> NewComplaint:
        return NewComplaint(
            complainant=NewComplainant(name="Grace Python", email="grace@example.com"),
            channel=Channel.PHONE,
            product="credit_card",
            category="interest",
            description="Interest was charged during the promotional period.",
            remedy_sought=remedy,
        )

    created = create_complaint.sync_detailed(client=client, body=new_complaint("Refund the interest."), idempotency_key=key)
    check(int(created.status_code) == 201 and isinstance(created.parsed, Complaint), f"create: {describe(created)}")
    complaint = created.parsed
    assert isinstance(complaint, Complaint)
    check(complaint.state == ComplaintState.RECEIVED, f"create: state {complaint.state}, expected received")
    check(
        created.headers.get("location") == f"/v1/complaints/{complaint.id}",
        f"create: Location {created.headers.get('location')}",
    )
    retried = create_complaint.sync_detailed(client=client, body=new_complaint("Refund the interest."), idempotency_key=key)
    check(int(retried.status_code) == 201 and isinstance(retried.parsed, Complaint), f"retry: {describe(retried)}")
    assert isinstance(retried.parsed, Complaint)
    check(
        retried.parsed.id == complaint.id and retried.parsed.reference == complaint.reference,
        f"retry: got {retried.parsed.id}, expected the original {complaint.id}",
    )
    reused = create_complaint.sync_detailed(client=client, body=new_complaint("Something else."), idempotency_key=key)
    expect_problem("same key, different body", reused, 409, "idempotency_key_reused")
    print(f"created {complaint.reference} ({complaint.id}); the retry returned it again")

    # 2. List with filters: the new complaint is among the team's received complaints.
    found = False
    cursor: str | None = None
    for _ in range(50):
        kwargs = {"cursor": cursor} if cursor else {}
        page = list_complaints.sync_detailed(client=client, state=ComplaintState.RECEIVED, team=team, limit=200, **kwargs)
        check(int(page.status_code) == 200 and isinstance(page.parsed, ComplaintPage), f"list: {describe(page)}")
        assert isinstance(page.parsed, ComplaintPage)
        for item in page.parsed.items:
            check(
                item.state == ComplaintState.RECEIVED and item.team == team,
                f"list: {item.reference} does not match the filter",
            )
            found = found or item.id == complaint.id
        next_cursor = page.parsed.next_cursor
        if found or not isinstance(next_cursor, str):
            break
        cursor = next_cursor
    check(found, f"list: {complaint.reference} is not among the received complaints of team {team}")
    print(f"listed state=received team={team}: found {complaint.reference}")

    # The same list as CSV: the generated function parses JSON only, so ask the underlying
    # httpx client (it carries the base URL and the token).
    csv = client.get_httpx_client().get(
        "/v1/complaints", params={"state": "received", "team": team}, headers={"Accept": "text/csv"}
    )
    check(csv.status_code == 200, f"CSV export: status {csv.status_code}")
    check(csv.headers.get("content-type", "").startswith("text/csv"), f"CSV export: {csv.headers.get('content-type')}")
    check(complaint.reference in csv.text, "CSV export: the complaint is missing")

    # 3. A procedure action with If-Match: the ETag from a GET.
    got = get_complaint.sync_detailed(complaint.id, client=client)
    check(int(got.status_code) == 200, f"get: {describe(got)}")
    etag = got.headers.get("etag")
    check(etag, "get: no ETag header")
    assert etag is not None
    acked = acknowledge.sync_detailed(
        complaint.id,
        client=client,
        body=AcknowledgeAction(
            communication=CommunicationInput(channel=Channel.PHONE, summary="Acknowledged on the phone.")
        ),
        if_match=etag,
    )
    check(int(acked.status_code) == 200 and isinstance(acked.parsed, Complaint), f"acknowledge: {describe(acked)}")
    assert isinstance(acked.parsed, Complaint)
    check(acked.parsed.state == ComplaintState.ACKNOWLEDGED, f"acknowledge: state {acked.parsed.state}")
    new_etag = acked.headers.get("etag")
    check(new_etag and new_etag != etag, f"acknowledge: ETag {new_etag} should differ from {etag}")
    print(f"acknowledged with If-Match {etag}; ETag now {new_etag}")

    # 4. Typed problems: a stale If-Match is 412, a missing one 428, an unknown id 404.
    stale = update_complaint.sync_detailed(complaint.id, client=client, body=ComplaintPatch(product="savings"), if_match=etag)
    expect_problem("stale If-Match", stale, 412, "precondition_failed")
    missing = update_complaint.sync_detailed(complaint.id, client=client, body=ComplaintPatch(product="savings"))
    expect_problem("missing If-Match", missing, 428, "precondition_required")
    unknown = get_complaint.sync_detailed(uuid.uuid4(), client=client)
    problem = expect_problem("unknown complaint", unknown, 404, "not_found")
    print(f"problems: 412 precondition_failed, 428 precondition_required, 404 {problem.code} ({problem.title})")

    print("PYTHON E2E OK")


if __name__ == "__main__":
    try:
        main()
    except CheckFailed as failure:
        print(f"PYTHON E2E FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
    except Exception as error:  # a transport error or a client bug: say so, with the trace
        import traceback

        traceback.print_exc()
        print(f"PYTHON E2E FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
