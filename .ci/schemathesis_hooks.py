"""Schemathesis hooks for `.ci/run`.

In the stateful phase, a scenario that logs a complaint goes on along the spec's links into the
procedure with the complaint it created. Rules the schema cannot state would end nearly every
such scenario early, so there (and only there) the requests are made to pass them: the
complaint names a contact, the team the caller logs for, and no `received_at` (received now);
an action's letter is sent now rather than at a generated instant (most of them in the future,
which is refused); and an `If-Match` the scenario dropped or garbled is the complaint's ETag as
last answered. The other phases send what they generate, and keep testing those rules, but for
one thing: an integrator's complaint that names no team names the run's team (see
`before_call`).
"""

import os
import re

import schemathesis

# The team the CI token logs for (the run's team leader's team; the team an integrator names).
TEAM = os.environ.get("RECOURSE_CI_TEAM", "north")
# Whether the run's role logs complaints without a team of its own, so must name one (an
# integrator; agents and team leaders log for their token's team).
NAMES_TEAM = os.environ.get("RECOURSE_CI_ROLE") == "integrator"
COMPLAINT = re.compile(r"^/v1/complaints/([0-9a-fA-F-]{36})(/|$)")
ETAG = re.compile(r'^"\d+"$')
# The last ETag answered for each complaint, by id.
ETAGS = {}


def phase(case):
    meta = case.meta
    return str(meta.phase.name) if meta is not None else None


def complaint_of(case):
    match = COMPLAINT.match(case.formatted_path)
    return match.group(1).lower() if match else None


@schemathesis.hook
def after_call(context, case, response):
    tag = response.headers.get("etag") or response.headers.get("ETag")
    if isinstance(tag, list):
        tag = tag[0] if tag else None
    if not tag:
        return
    if case.operation.path == "/v1/complaints" and case.operation.method.upper() == "POST":
        try:
            ETAGS[str(response.json()["id"]).lower()] = tag
        except Exception:  # noqa: BLE001 - a body that is not a complaint names none
            pass
        return
    complaint = complaint_of(case)
    if complaint:
        ETAGS[complaint] = tag


@schemathesis.hook
def before_call(context, case, kwargs):
    operation = case.operation
    body = case.body
    if phase(case) != "stateful":
        # An integrator names the team of each complaint it logs (422 without one), and the
        # one team there is, `north`, is not a name a generator finds. Left as generated, an
        # integrator's run logged nothing before its stateful phase, and that phase draws the
        # ids of its unlinked requests from what earlier phases' answers held (schemathesis'
        # resource pool, frozen while the phase runs): its procedure actions named complaints
        # that did not exist (404) but for the few a scenario reached by a link from a
        # complaint it had just logged, which were mostly actions an integrator may not take.
        # A body that leaves the team out gets the run's team; a team given stays, so an
        # unknown or malformed one is still tried here, and none at all by the coverage
        # phase, which this leaves alone.
        if (
            NAMES_TEAM
            and phase(case) in ("examples", "fuzzing")
            and operation.method.upper() == "POST"
            and operation.path == "/v1/complaints"
            and isinstance(body, dict)
            and "team" not in body
        ):
            body["team"] = TEAM
        return
    if operation.method.upper() == "POST" and operation.path == "/v1/complaints":
        if isinstance(body, dict):
            complainant = body.get("complainant")
            if isinstance(complainant, dict) and not any(
                isinstance(complainant.get(k), str) and complainant.get(k).strip()
                for k in ("email", "phone", "customer_ref")
            ):
                complainant["customer_ref"] = "CI-STATEFUL"
            body.pop("received_at", None)
            body["team"] = TEAM
        return
    complaint = complaint_of(case)
    if complaint is None:
        return
    if isinstance(body, dict):
        body.pop("received_at", None)
        for key in ("communication", "notice"):
            if isinstance(body.get(key), dict):
                body[key].pop("sent_at", None)
    given = case.headers.get("If-Match")
    if complaint in ETAGS and any(p.name == "If-Match" for p in operation.headers) and not (
        isinstance(given, str) and ETAG.match(given)
    ):
        case.headers["If-Match"] = ETAGS[complaint]
