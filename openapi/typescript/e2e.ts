/**
 * End-to-end check of the TypeScript client against a live Recourse server.
 *
 *   RECOURSE_URL=http://127.0.0.1:8080 RECOURSE_TOKEN=... npx tsx e2e.ts
 *
 * The token needs a team and the agent role (team_leader as well is fine). Exits non-zero,
 * naming the failed step, when anything is not as the API promises.
 */
import { randomUUID } from "node:crypto";
import { createRecourseClient, problemOf, type Problem, type Schemas } from "./index.ts";

class CheckFailed extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new CheckFailed(`${name} is not set`);
  return value;
}

function expectProblem(
  step: string,
  result: { error?: unknown; response: Response },
  status: number,
  code: string,
): Problem {
  const problem = problemOf(result.error);
  check(
    result.response.status === status && problem?.code === code,
    `${step}: expected ${status} ${code}, got ${result.response.status} ${JSON.stringify(result.error)}`,
  );
  check(
    (result.response.headers.get("content-type") ?? "").startsWith("application/problem+json"),
    `${step}: the error is not application/problem+json`,
  );
  return problem;
}

async function main(): Promise<void> {
  const api = createRecourseClient(env("RECOURSE_URL"), env("RECOURSE_TOKEN"));

  const me = await api.GET("/v1/me");
  check(me.data, `GET /v1/me: ${me.response.status} ${JSON.stringify(me.error)}`);
  const team = me.data.team;
  check(team, "the token names no team; mint one with --team");

  // 1. Create with an Idempotency-Key, then retry: the same complaint comes back.
  const key = `ts-e2e-${randomUUID()}`;
  const body = {
    complainant: { name: "Ada Typescript", email: "ada@example.com" },
    channel: "web" as const,
    product: "current_account",
    category: "fees",
    description: "Charged a monthly fee on a fee-free account.",
    remedy_sought: "Refund the fee.",
  };
  const created = await api.POST("/v1/complaints", {
    params: { header: { "Idempotency-Key": key } },
    body,
  });
  check(created.data, `create: ${created.response.status} ${JSON.stringify(created.error)}`);
  check(created.response.status === 201, `create: status ${created.response.status}, expected 201`);
  const complaint = created.data;
  check(complaint.state === "received", `create: state ${complaint.state}, expected received`);
  check(
    created.response.headers.get("location") === `/v1/complaints/${complaint.id}`,
    `create: Location ${created.response.headers.get("location")}`,
  );
  const retried = await api.POST("/v1/complaints", {
    params: { header: { "Idempotency-Key": key } },
    body,
  });
  check(retried.data, `retry: ${retried.response.status} ${JSON.stringify(retried.error)}`);
  check(
    retried.data.id === complaint.id && retried.data.reference === complaint.reference,
    `retry: got ${retried.data.id}, expected the original ${complaint.id}`,
  );
  const reused = await api.POST("/v1/complaints", {
    params: { header: { "Idempotency-Key": key } },
    body: { ...body, remedy_sought: "Something else." },
  });
  expectProblem("same key, different body", reused, 409, "idempotency_key_reused");
  console.log(`created ${complaint.reference} (${complaint.id}); the retry returned it again`);

  // 2. List with filters: the new complaint is among the team's received complaints.
  let found = false;
  let cursor: string | undefined;
  for (let page = 0; page < 50 && !found; page++) {
    const list: { data?: Schemas["ComplaintPage"] | string; error?: unknown; response: Response } = await api.GET("/v1/complaints", {
      params: { query: { state: "received", team, limit: 200, cursor } },
    });
    // The operation also answers text/csv, so the data type is the page or a string.
    const data = list.data;
    check(data && typeof data !== "string", `list: ${list.response.status} ${JSON.stringify(list.error)}`);
    for (const item of data.items) {
      check(item.state === "received" && item.team === team, `list: ${item.reference} does not match the filter`);
      found ||= item.id === complaint.id;
    }
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  check(found, `list: ${complaint.reference} is not among the received complaints of team ${team}`);
  console.log(`listed state=received team=${team}: found ${complaint.reference}`);

  // The same list as CSV (the spec declares text/csv beside JSON).
  const csv = await api.GET("/v1/complaints", {
    params: { query: { state: "received", team, format: "csv" } },
    parseAs: "text",
  });
  check(csv.response.status === 200, `CSV export: status ${csv.response.status}`);
  check(
    (csv.response.headers.get("content-type") ?? "").startsWith("text/csv"),
    `CSV export: content-type ${csv.response.headers.get("content-type")}`,
  );
  check(typeof csv.data === "string" && csv.data.includes(complaint.reference), "CSV export: the complaint is missing");

  // 3. A procedure action with If-Match: the ETag from a GET.
  const got = await api.GET("/v1/complaints/{id}", { params: { path: { id: complaint.id } } });
  check(got.data, `get: ${got.response.status} ${JSON.stringify(got.error)}`);
  const etag = got.response.headers.get("etag");
  check(etag, "get: no ETag header");
  const acknowledged = await api.POST("/v1/complaints/{id}/actions/acknowledge", {
    params: { path: { id: complaint.id }, header: { "If-Match": etag } },
    body: { communication: { channel: "email", summary: "Acknowledgement sent by email." } },
  });
  check(acknowledged.data, `acknowledge: ${acknowledged.response.status} ${JSON.stringify(acknowledged.error)}`);
  check(acknowledged.data.state === "acknowledged", `acknowledge: state ${acknowledged.data.state}`);
  const newEtag = acknowledged.response.headers.get("etag");
  check(newEtag && newEtag !== etag, `acknowledge: ETag ${newEtag} should differ from ${etag}`);
  console.log(`acknowledged with If-Match ${etag}; ETag now ${newEtag}`);

  // 4. Typed problems: a stale If-Match is 412, a missing one 428, an unknown id 404.
  const stale = await api.PATCH("/v1/complaints/{id}", {
    params: { path: { id: complaint.id }, header: { "If-Match": etag } },
    body: { product: "savings" },
  });
  expectProblem("stale If-Match", stale, 412, "precondition_failed");
  const missing = await api.PATCH("/v1/complaints/{id}", {
    params: { path: { id: complaint.id } },
    body: { product: "savings" },
  });
  expectProblem("missing If-Match", missing, 428, "precondition_required");
  const unknown = await api.GET("/v1/complaints/{id}", { params: { path: { id: randomUUID() } } });
  const notFound = expectProblem("unknown complaint", unknown, 404, "not_found");
  console.log(`problems: 412 precondition_failed, 428 precondition_required, 404 ${notFound.code} (${notFound.title})`);

  console.log("TS E2E OK");
}

main().catch((err: unknown) => {
  const message = err instanceof CheckFailed ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`TS E2E FAILED: ${message}`);
  process.exit(1);
});
