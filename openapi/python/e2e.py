"""End-to-end check of the Python client against a live Recourse server.

    RECOURSE_URL=http://127.0.0.1:8080 RECOURSE_TOKEN=... PYTHONPATH=openapi/python python openapi/python/e2e.py

The token needs a team and the agent role (team_leader as well is fine); RECOURSE_IMPORT_TOKEN,
for the import step, the integrator role. Needs only the client's own dependencies (httpx,
attrs). Exits non-zero, naming the failed step, when anything is not as the API promises.

Steps 1 to 5 use the generated functions as they are; steps 6 to 10 the hand-written layer
(`recourse_client.helpers`): every page of a list, typed errors, naive datetimes refused before
any request, retries of 503 (against a local stub) and of a real 429 from the server's rate
limiter. The 429 step spends the token's whole rate-limit burst, so it comes last and each
client's script is given its own token (subject).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from recourse_client import AuthenticatedClient
from recourse_client.api.complaints import (
    create_complaint,
    get_complaint,
    import_complaint,
    list_complaints,
    update_complaint,
)
from recourse_client.api.procedure import acknowledge
from recourse_client.api.teams import get_me
from recourse_client.helpers import (
    NaiveDatetimeError,
    RecourseError,
    RecourseTransport,
    RetryPolicy,
    apaginate,
    call,
    connect,
    pages,
    paginate,
)
from recourse_client.models import (
    AcknowledgeAction,
    Channel,
    CommunicationInput,
    Complaint,
    ComplaintPage,
    ComplaintPatch,
    ComplaintState,
    ErrorCode,
    HistoryAction,
    HistoryEntry,
    ImportCase,
    ImportSource,
    NewComplainant,
    NewComplaint,
    Outcome,
    Problem,
    RemedyInput,
    RemedyKind,
    RemedyStatus,
)
from recourse_client.types import Response, Unset


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

    created = create_complaint.sync_detailed(
        client=client, body=new_complaint("Refund the interest."), idempotency_key=key
    )
    check(int(created.status_code) == 201 and isinstance(created.parsed, Complaint), f"create: {describe(created)}")
    complaint = created.parsed
    assert isinstance(complaint, Complaint)
    check(complaint.state == ComplaintState.RECEIVED, f"create: state {complaint.state}, expected received")
    check(
        created.headers.get("location") == f"/v1/complaints/{complaint.id}",
        f"create: Location {created.headers.get('location')}",
    )
    retried = create_complaint.sync_detailed(
        client=client, body=new_complaint("Refund the interest."), idempotency_key=key
    )
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
        page = list_complaints.sync_detailed(
            client=client, state=ComplaintState.RECEIVED, team=team, limit=200, **kwargs
        )
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
    stale = update_complaint.sync_detailed(
        complaint.id, client=client, body=ComplaintPatch(product="savings"), if_match=etag
    )
    expect_problem("stale If-Match", stale, 412, "precondition_failed")
    # Left out through the underlying httpx client, as the generated function may require it.
    missing = client.get_httpx_client().patch(f"/v1/complaints/{complaint.id}", json={"product": "savings"})
    check(
        missing.status_code == 428 and missing.json().get("code") == "precondition_required",
        f"missing If-Match: expected 428 precondition_required, got {missing.status_code} {missing.text[:300]}",
    )
    unknown = get_complaint.sync_detailed(uuid.uuid4(), client=client)
    problem = expect_problem("unknown complaint", unknown, 404, "not_found")
    print(f"problems: 412 precondition_failed, 428 precondition_required, 404 {problem.code} ({problem.title})")

    url, token = env("RECOURSE_URL").rstrip("/"), env("RECOURSE_TOKEN")
    check_import(url, env("RECOURSE_IMPORT_TOKEN"), team)
    layered = connect(url, token)
    check_paging(layered, new_complaint)
    check_typed_errors(layered, complaint, new_complaint)
    check_naive_datetimes(url, token, layered, new_complaint)
    check_retry_503(complaint)
    check_retry_429(url, token)

    print("PYTHON E2E OK")


def check_import(url: str, token: str, team: str) -> None:
    """5. A closed case imported from another system with its history: 201 the first time, then
    200 with the same complaint, unchanged, when the same source id comes again."""
    client = AuthenticatedClient(base_url=url, token=token)
    source = f"py-e2e-{uuid.uuid4()}"
    at = datetime.datetime.fromisoformat
    handler = "e2e.python"
    body = ImportCase(
        source=ImportSource(system="e2e-legacy", id=source),
        complaint=NewComplaint(
            complainant=NewComplainant(name="Grace Python", customer_ref="PY-E2E-1"),
            channel=Channel.LETTER,
            product="current_account",
            category="fees",
            description="Charged the unarranged-overdraft fee twice.",
            remedy_sought="Refund the duplicated fee.",
            received_at=at("2025-03-04T10:15:00Z"),
            team=team,
        ),
        history=[
            HistoryEntry(
                action=HistoryAction.ACKNOWLEDGE, at=at("2025-03-05T09:00:00Z"), actor=handler, channel=Channel.LETTER
            ),
            HistoryEntry(action=HistoryAction.START_INVESTIGATION, at=at("2025-03-05T09:05:00Z"), actor=handler),
            HistoryEntry(
                action=HistoryAction.ISSUE_RESPONSE,
                at=at("2025-03-20T14:30:00Z"),
                actor=handler,
                outcome=Outcome.UPHELD,
                primary_cause="PRC.HANDOFF",
                remedies=[
                    RemedyInput(
                        kind=RemedyKind.FEE_REFUND_OR_WAIVER,
                        amount_minor=2500,
                        currency="GBP",
                        status=RemedyStatus.COMPLETED,
                    )
                ],
                channel=Channel.LETTER,
            ),
            HistoryEntry(action=HistoryAction.CLOSE, at=at("2025-03-21T08:00:00Z"), actor=handler),
        ],
    )
    first = import_complaint.sync_detailed(client=client, body=body)
    check(int(first.status_code) == 201 and isinstance(first.parsed, Complaint), f"import: {describe(first)}")
    assert isinstance(first.parsed, Complaint)
    imported = first.parsed
    check(imported.state == ComplaintState.CLOSED, f"import: state {imported.state}, expected closed")
    check(
        not isinstance(imported.imported, Unset)
        and (imported.imported.system, imported.imported.id) == ("e2e-legacy", source),
        f"import: imported {imported.imported}",
    )
    check(
        first.headers.get("location") == f"/v1/complaints/{imported.id}",
        f"import: Location {first.headers.get('location')}",
    )
    again = import_complaint.sync_detailed(client=client, body=body)
    check(int(again.status_code) == 200 and isinstance(again.parsed, Complaint), f"re-import: {describe(again)}")
    assert isinstance(again.parsed, Complaint)
    check(
        again.parsed.id == imported.id and again.headers.get("etag") == first.headers.get("etag"),
        f"re-import: got {again.parsed.id} {again.headers.get('etag')}, expected {imported.id} {first.headers.get('etag')}",
    )
    print(f"imported {source} as {imported.reference} (closed): 201, then 200 unchanged on the same source id")


# --- the hand-written layer -----------------------------------------------------------------


def check_paging(client: AuthenticatedClient, new_complaint) -> None:
    """6. Three complaints sharing a tag, listed two to a page: paginate walks both pages."""
    tag = f"pg{uuid.uuid4().hex[:12]}"
    ids = set()
    for n in range(3):
        body = new_complaint("Refund the interest.")
        body.complainant.email = f"grace+{tag}@example.com"
        created = call(create_complaint.sync_detailed, client=client, body=body, idempotency_key=f"{tag}-{n}")
        check(created.status == 201 and created.etag and created.location, f"paging: create answered {created}")
        ids.add(created.data.id)
    sizes = [len(page.items) for page in pages(list_complaints.sync_detailed, client=client, q=tag, limit=2)]
    check(sizes == [2, 1], f"paging: pages of {sizes}, expected [2, 1]")
    listed = [item.id for item in paginate(list_complaints.sync_detailed, client=client, q=tag, limit=2)]
    check(len(listed) == 3 and set(listed) == ids, f"paging: listed {listed}, expected {ids}")

    async def listed_async() -> list[uuid.UUID]:
        try:
            return [
                item.id async for item in apaginate(list_complaints.asyncio_detailed, client=client, q=tag, limit=2)
            ]
        finally:
            await client.get_async_httpx_client().aclose()

    check(set(asyncio.run(listed_async())) == ids, "paging: apaginate did not list the three complaints")
    print(f"paginate: 3 complaints tagged {tag} over 2 pages of 2 (sync and async)")


def check_typed_errors(client: AuthenticatedClient, complaint: Complaint, new_complaint) -> None:
    """7. A problem answer raises RecourseError with its code, field, detail and status."""
    bad_email = new_complaint("Refund the interest.")
    bad_email.complainant.email = "not-an-email"
    no_contact = new_complaint("Refund the interest.")
    no_contact.complainant = NewComplainant(name="Grace Python")
    for body, status, code, field in [
        (bad_email, 400, ErrorCode.INVALID_REQUEST, "complainant.email"),
        (no_contact, 422, ErrorCode.VALIDATION_FAILED, "complainant"),
    ]:
        try:
            call(create_complaint.sync_detailed, client=client, body=body)
            raise CheckFailed(f"typed errors: a complaint refused with {code} was accepted")
        except RecourseError as error:
            check(
                (error.status, error.code, error.field) == (status, code, field) and error.detail,
                f"typed errors: expected {status} {code} on {field}, got {error.status} {error.code!r} {error.field}",
            )
            check(isinstance(error.code, ErrorCode), f"typed errors: code {error.code!r} is not an ErrorCode")
    try:
        call(get_complaint.sync_detailed, uuid.uuid4(), client=client)
        raise CheckFailed("typed errors: an unknown complaint was found")
    except RecourseError as error:
        check(error.status == 404 and error.code == ErrorCode.NOT_FOUND, f"typed errors: expected 404, got {error}")
    got = call(get_complaint.sync_detailed, complaint.id, client=client)
    try:
        call(
            update_complaint.sync_detailed,
            complaint.id,
            client=client,
            body=ComplaintPatch(product="savings"),
            if_match='"0"',
        )
        raise CheckFailed("typed errors: a stale If-Match was accepted")
    except RecourseError as error:
        check(
            error.status == 412 and error.code == ErrorCode.PRECONDITION_FAILED,
            f"typed errors: expected 412, got {error}",
        )
    patched = call(
        update_complaint.sync_detailed,
        complaint.id,
        client=client,
        body=ComplaintPatch(product="savings"),
        if_match=got.etag,
    )
    check(patched.data.product == "savings" and patched.etag != got.etag, f"If-Match: the change answered {patched}")
    print(
        "typed errors: 400 invalid_request (field complainant.email), 422 validation_failed (field complainant), "
        "404 not_found, 412 precondition_failed; If-Match change applied"
    )


def check_naive_datetimes(url: str, token: str, client: AuthenticatedClient, new_complaint) -> None:
    """8. A naive datetime raises NaiveDatetimeError before any request, in an argument or a
    body (through call) and from the transport when a generated function is called directly."""
    sent: list[httpx.Request] = []
    counting = AuthenticatedClient(
        base_url=url,
        token=token,
        httpx_args={
            "transport": RecourseTransport(inner=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(500)))
        },
    )
    naive = datetime.datetime(2026, 1, 5, 9, 30)
    body = new_complaint("Refund the interest.")
    body.received_at = naive
    attempts = {
        "call, query argument": lambda: call(list_complaints.sync_detailed, client=counting, received_from=naive),
        "call, body field": lambda: call(create_complaint.sync_detailed, client=counting, body=body),
        "generated, query": lambda: list_complaints.sync_detailed(client=counting, due_before=naive),
        "generated, body": lambda: create_complaint.sync_detailed(client=counting, body=body),
    }
    for what, attempt in attempts.items():
        try:
            attempt()
            raise CheckFailed(f"naive datetime: {what} was not refused")
        except NaiveDatetimeError as error:
            check(
                "received" in error.where or "due_before" in error.where, f"naive datetime: {what} names {error.where}"
            )
    check(not sent, f"naive datetime: {len(sent)} request(s) reached the transport")
    aware = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
    call(list_complaints.sync_detailed, client=client, received_from=aware, limit=1)
    print("naive datetimes: refused in arguments, bodies and direct calls, before any request; aware ones pass")


class Stub(BaseHTTPRequestHandler):
    """Answers from `script` in turn (status, headers, JSON body) and records each request."""

    script: list[tuple[int, dict[str, str], object]] = []
    seen: list[tuple[str, str, dict[str, str]]] = []

    def answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        Stub.seen.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        status, headers, body = Stub.script.pop(0) if Stub.script else (500, {}, {"detail": "no more answers"})
        data = json.dumps(body).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = answer

    def log_message(self, *args: object) -> None:
        pass


def check_retry_503(complaint: Complaint) -> None:
    """9. Against a local stub: a 503 with Retry-After is waited out and retried for a GET and
    for a POST with Idempotency-Key, not for a bare POST, and not past the wait budget."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        stub_url = f"http://127.0.0.1:{server.server_address[1]}"
        unavailable = (
            503,
            {"content-type": "application/problem+json", "retry-after": "1"},
            {"type": "urn:recourse:problem:unavailable", "title": "Unavailable", "status": 503, "code": "unavailable"},
        )
        me = {"sub": "stub", "name": "Stub", "roles": [], "permissions": []}
        retries: list[tuple[int, float]] = []
        client = connect(
            stub_url, "stub-token", retry=RetryPolicy(on_retry=lambda q, r, d: retries.append((r.status_code, d)))
        )

        Stub.script, Stub.seen = [unavailable, (200, {"content-type": "application/json"}, me)], []
        started = time.monotonic()
        answered = call(get_me.sync_detailed, client=client)
        waited = time.monotonic() - started
        check(answered.data.sub == "stub" and len(Stub.seen) == 2, f"503 GET: {answered}, {len(Stub.seen)} requests")
        check(retries == [(503, 1.0)] and waited >= 1.0, f"503 GET: retries {retries} after {waited:.2f}s")

        body = NewComplaint(
            complainant=NewComplainant(name="Stub"),
            channel=Channel.PHONE,
            product="p",
            category="c",
            description="d",
            remedy_sought="r",
        )
        # Retry-After: 0 asks for an immediate retry.
        now = (503, {**unavailable[1], "retry-after": "0"}, unavailable[2])
        Stub.script, Stub.seen = [now, (201, {"content-type": "application/json"}, complaint.to_dict())], []
        created = call(create_complaint.sync_detailed, client=client, body=body, idempotency_key="stub-1")
        check(
            created.status == 201 and len(Stub.seen) == 2, f"503 POST with Idempotency-Key: {len(Stub.seen)} requests"
        )

        Stub.script, Stub.seen = [unavailable, (201, {}, {})], []
        try:
            call(create_complaint.sync_detailed, client=client, body=body)
            raise CheckFailed("503 bare POST: no error")
        except RecourseError as error:
            check(
                error.status == 503 and error.code == ErrorCode.UNAVAILABLE and error.retry_after == 1.0,
                f"503 bare POST: {error}",
            )
        check(len(Stub.seen) == 1, f"503 bare POST: retried ({len(Stub.seen)} requests)")

        Stub.script, Stub.seen = [(503, {**unavailable[1], "retry-after": "120"}, unavailable[2])], []
        started = time.monotonic()
        try:
            call(get_me.sync_detailed, client=client)
            raise CheckFailed("503 past the budget: no error")
        except RecourseError as error:
            check(
                error.retry_after == 120.0 and len(Stub.seen) == 1,
                f"503 past the budget: {error}, {len(Stub.seen)} requests",
            )
        check(time.monotonic() - started < 1.0, "503 past the budget: it waited")
        print("retry 503: GET and POST with Idempotency-Key retried after Retry-After 1 s; bare POST and 120 s not")
    finally:
        server.shutdown()
        server.server_close()


def check_retry_429(url: str, token: str) -> None:
    """10. The server's own rate limiter: spend the token's burst until a typed 429, then a
    retrying client waits out Retry-After and succeeds. Spends the burst: keep it last."""
    raw = connect(url, token, retry=None)
    retries: list[tuple[int, float]] = []
    retrying = connect(url, token, retry=RetryPolicy(on_retry=lambda q, r, d: retries.append((r.status_code, d))))
    # The bucket refills while we look, so the first retried call may find a token; spend again.
    sent = 0
    for _ in range(3):
        for _ in range(2000):
            sent += 1
            try:
                call(get_me.sync_detailed, client=raw)
            except RecourseError as error:
                check(error.code == ErrorCode.RATE_LIMITED and error.status == 429, f"429: {error}")
                check(error.retry_after is not None and error.retry_after >= 1, f"429: Retry-After {error.retry_after}")
                break
        else:
            raise CheckFailed("429: 2000 requests were not rate-limited; lower RECOURSE_RATE_LIMIT_BURST on the server")
        started = time.monotonic()
        me = call(get_me.sync_detailed, client=retrying)
        if retries:
            break
    check(retries and retries[0][0] == 429 and retries[0][1] >= 1, f"429: the retrying client did not wait: {retries}")
    check(me.data.sub and time.monotonic() - started >= retries[0][1], "429: answered before Retry-After")
    print(
        f"retry 429: rate-limited ({sent} requests in all); retried after Retry-After {retries[0][1]:.0f} s and answered"
    )


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
