"""Schemathesis hooks for `.ci/run`.

In the stateful phase, a scenario that logs a complaint goes on along the spec's links into the
procedure with the complaint it created. Intake rules the schema cannot state (a contact among
email, phone and customer_ref; `received_at` not in the future; a team the caller may log for)
would end nearly every such scenario on a 422, so there the complaint is made to pass them. The
other phases send the generated bodies as they are, and keep testing those rules.
"""

import os

import schemathesis

# The team the CI token logs for (the run's team leader's team; the team an integrator names).
TEAM = os.environ.get("RECOURSE_CI_TEAM", "north")


@schemathesis.hook
def before_call(context, case, kwargs):
    operation = case.operation
    if operation.method.upper() != "POST" or operation.path != "/v1/complaints":
        return
    meta = case.meta
    if meta is None or str(meta.phase.name) != "stateful":
        return
    body = case.body
    if not isinstance(body, dict):
        return
    complainant = body.get("complainant")
    if isinstance(complainant, dict) and not any(
        isinstance(complainant.get(k), str) and complainant.get(k).strip()
        for k in ("email", "phone", "customer_ref")
    ):
        complainant["customer_ref"] = "CI-STATEFUL"
    # Received now.
    body.pop("received_at", None)
    body["team"] = TEAM
