/**
 * End-to-end check of the TypeScript client against a live Recourse server.
 *
 *   RECOURSE_URL=http://127.0.0.1:8080 RECOURSE_TOKEN=... npx tsx e2e.ts
 *
 * The token needs a team and the agent role (team_leader as well is fine); RECOURSE_IMPORT_TOKEN,
 * for the import step, the integrator role. Exits non-zero, naming the failed step, when
 * anything is not as the API promises.
 *
 * Steps 1 to 5 use openapi-fetch's results as they are; steps 6 to 10 the hand-written layer in
 * index.ts: every page of a list, typed errors, naive date-times refused before any request,
 * retries of 503 (against a local stub) and of a real 429 from the server's rate limiter. The
 * 429 step spends the token's whole rate-limit burst, so it comes last and each client's
 * script is given its own token (subject).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createRecourseClient,
  NaiveDateTimeError,
  ok,
  pages,
  paginate,
  problemOf,
  RecourseError,
  type Problem,
  type RecourseClient,
  type Schemas,
} from "./index.ts";

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
    // Deliberately without If-Match; the cast keeps this compiling should the spec require it.
    params: { path: { id: complaint.id }, header: {} as { "If-Match": string } },
    body: { product: "savings" },
  });
  expectProblem("missing If-Match", missing, 428, "precondition_required");
  const unknown = await api.GET("/v1/complaints/{id}", { params: { path: { id: randomUUID() } } });
  const notFound = expectProblem("unknown complaint", unknown, 404, "not_found");
  console.log(`problems: 412 precondition_failed, 428 precondition_required, 404 ${notFound.code} (${notFound.title})`);

  const url = env("RECOURSE_URL");
  const token = env("RECOURSE_TOKEN");
  await checkImport(url, env("RECOURSE_IMPORT_TOKEN"), team);
  await checkPaging(api, body);
  await checkTypedErrors(api, complaint.id, body);
  await checkNaiveDateTimes(url, token, body);
  await checkRetry503(complaint);
  await checkRetry429(url, token);

  console.log("TS E2E OK");
}

/**
 * 5. A closed case imported from another system with its history: 201 the first time, then 200
 * with the same complaint, unchanged, when the same source id comes again.
 */
async function checkImport(url: string, token: string, team: string): Promise<void> {
  const api = createRecourseClient(url, token);
  const source = `ts-e2e-${randomUUID()}`;
  const actor = "e2e.typescript";
  const body: Schemas["ImportCase"] = {
    source: { system: "e2e-legacy", id: source },
    complaint: {
      complainant: { name: "Ada Typescript", customer_ref: "TS-E2E-1" },
      channel: "letter",
      product: "current_account",
      category: "fees",
      description: "Charged the unarranged-overdraft fee twice.",
      remedy_sought: "Refund the duplicated fee.",
      received_at: "2025-03-04T10:15:00Z",
      team,
    },
    history: [
      { action: "acknowledge", at: "2025-03-05T09:00:00Z", actor, channel: "letter" },
      { action: "start_investigation", at: "2025-03-05T09:05:00Z", actor },
      {
        action: "issue_response",
        at: "2025-03-20T14:30:00Z",
        actor,
        outcome: "upheld",
        primary_cause: "PRC.HANDOFF",
        remedies: [{ kind: "fee_refund_or_waiver", amount_minor: 2500, currency: "GBP", status: "completed" }],
        channel: "letter",
      },
      { action: "close", at: "2025-03-21T08:00:00Z", actor },
    ],
  };
  const first = await api.POST("/v1/imports/complaints", { body });
  check(first.data, `import: ${first.response.status} ${JSON.stringify(first.error)}`);
  check(first.response.status === 201, `import: status ${first.response.status}, expected 201`);
  check(first.data.state === "closed", `import: state ${first.data.state}, expected closed`);
  check(
    first.data.imported?.system === "e2e-legacy" && first.data.imported.id === source,
    `import: imported ${JSON.stringify(first.data.imported)}`,
  );
  check(
    first.response.headers.get("location") === `/v1/complaints/${first.data.id}`,
    `import: Location ${first.response.headers.get("location")}`,
  );
  const again = await api.POST("/v1/imports/complaints", { body });
  check(again.data, `re-import: ${again.response.status} ${JSON.stringify(again.error)}`);
  check(
    again.response.status === 200 &&
      again.data.id === first.data.id &&
      again.response.headers.get("etag") === first.response.headers.get("etag"),
    `re-import: ${again.response.status} ${again.data.id} ${again.response.headers.get("etag")}, expected 200 ${first.data.id} ${first.response.headers.get("etag")}`,
  );
  console.log(`imported ${source} as ${first.data.reference} (closed): 201, then 200 unchanged on the same source id`);
}

// --- the hand-written layer -----------------------------------------------------------------

type NewComplaint = Schemas["NewComplaint"];

/** 6. Three complaints sharing a tag, listed two to a page: paginate walks both pages. */
async function checkPaging(api: RecourseClient, body: NewComplaint): Promise<void> {
  const tag = `pg${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const ids = new Set<string>();
  for (let n = 0; n < 3; n++) {
    const created = await ok(
      api.POST("/v1/complaints", {
        params: { header: { "Idempotency-Key": `${tag}-${n}` } },
        body: { ...body, complainant: { ...body.complainant, email: `ada+${tag}@example.com` } },
      }),
    );
    check(created.response.status === 201 && created.etag, `paging: create answered ${created.response.status}`);
    ids.add(created.data.id);
  }
  const page = (cursor: string | undefined) => api.GET("/v1/complaints", { params: { query: { q: tag, limit: 2, cursor } } });
  const sizes: number[] = [];
  for await (const p of pages(page)) sizes.push(p.items.length);
  check(sizes.join() === "2,1", `paging: pages of ${sizes}, expected 2,1`);
  const listed: string[] = [];
  for await (const item of paginate(page)) listed.push(item.id);
  check(listed.length === 3 && listed.every((id) => ids.has(id)), `paging: listed ${listed}, expected ${[...ids]}`);
  console.log(`paginate: 3 complaints tagged ${tag} over 2 pages of 2`);
}

async function expectError(step: string, call: Promise<unknown>): Promise<RecourseError> {
  try {
    await call;
  } catch (error) {
    check(error instanceof RecourseError, `${step}: threw ${String(error)}, not a RecourseError`);
    return error;
  }
  throw new CheckFailed(`${step}: no error`);
}

/** 7. A problem answer throws RecourseError with its code, field, detail and status. */
async function checkTypedErrors(api: RecourseClient, id: string, body: NewComplaint): Promise<void> {
  const badEmail = await expectError(
    "typed errors, bad email",
    ok(api.POST("/v1/complaints", { body: { ...body, complainant: { name: "Ada", email: "not-an-email" } } })),
  );
  check(
    badEmail.status === 400 && badEmail.code === "invalid_request" && badEmail.field === "complainant.email" && badEmail.detail,
    `typed errors: expected 400 invalid_request on email, got ${badEmail.message}`,
  );
  const noContact = await expectError(
    "typed errors, no contact",
    ok(api.POST("/v1/complaints", { body: { ...body, complainant: { name: "Ada" } } })),
  );
  check(
    noContact.status === 422 && noContact.code === "validation_failed" && noContact.field === "complainant",
    `typed errors: expected 422 validation_failed on complainant, got ${noContact.message}`,
  );
  const notFound = await expectError("typed errors, unknown", ok(api.GET("/v1/complaints/{id}", { params: { path: { id: randomUUID() } } })));
  check(notFound.status === 404 && notFound.code === "not_found", `typed errors: expected 404, got ${notFound.message}`);

  // If-Match: a stale version is 412; the current one applies the change.
  const got = await ok(api.GET("/v1/complaints/{id}", { params: { path: { id } } }));
  const stale = await expectError(
    "typed errors, stale If-Match",
    ok(api.PATCH("/v1/complaints/{id}", { params: { path: { id }, header: { "If-Match": '"0"' } }, body: { product: "savings" } })),
  );
  check(stale.status === 412 && stale.code === "precondition_failed", `typed errors: expected 412, got ${stale.message}`);
  check(got.etag, "If-Match: no ETag");
  const patched = await ok(
    api.PATCH("/v1/complaints/{id}", { params: { path: { id }, header: { "If-Match": got.etag } }, body: { product: "savings" } }),
  );
  check(patched.data.product === "savings" && patched.etag !== got.etag, "If-Match: the change was not applied");
  console.log("typed errors: 400 invalid_request (field complainant.email), 422 validation_failed (field complainant), 404, 412; If-Match change applied");
}

/** 8. A date-time string without an offset throws NaiveDateTimeError before any request. */
async function checkNaiveDateTimes(url: string, token: string, body: NewComplaint): Promise<void> {
  let sent = 0;
  const counting = createRecourseClient(url, token, {
    fetch: async () => {
      sent++;
      return new Response("{}", { status: 500 });
    },
  });
  const attempts: Record<string, () => Promise<unknown>> = {
    "query parameter": () => counting.GET("/v1/complaints", { params: { query: { received_from: "2026-01-05T09:30:00" } } }),
    "body field": () => counting.POST("/v1/complaints", { body: { ...body, received_at: "2026-01-05T09:30" } }),
  };
  for (const [what, attempt] of Object.entries(attempts)) {
    try {
      await attempt();
      throw new CheckFailed(`naive date-time: the ${what} was not refused`);
    } catch (error) {
      check(error instanceof NaiveDateTimeError, `naive date-time: the ${what} threw ${String(error)}`);
      check(error.where.includes("received"), `naive date-time: the ${what} names ${error.where}`);
    }
  }
  check(sent === 0, `naive date-time: ${sent} request(s) were sent`);
  const api = createRecourseClient(url, token);
  const aware = new Date(Date.UTC(2026, 0, 5, 9, 30)).toISOString();
  await ok(api.GET("/v1/complaints", { params: { query: { received_from: aware, received_to: "2026-01-05T10:30:00+01:00", limit: 1 } } }));
  console.log("naive date-times: refused in queries and bodies before any request; Z and +01:00 pass");
}

type Answer = [status: number, headers: Record<string, string>, body: unknown];

/** A local server answering from `script` in turn and recording each request in `seen`. */
async function stub(): Promise<{ url: string; script: Answer[]; seen: string[]; close: () => void }> {
  const state = { script: [] as Answer[], seen: [] as string[] };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on("end", () => {
      state.seen.push(`${request.method} ${request.url}`);
      const [status, headers, body] = state.script.shift() ?? [500, {}, { detail: "no more answers" }];
      response.writeHead(status, headers).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}`, close: () => server.close() });
}

/**
 * 9. Against a local stub: a 503 with Retry-After is waited out and retried for a GET and for a
 * POST with Idempotency-Key, not for a bare POST, and not past the wait budget.
 */
async function checkRetry503(complaint: Schemas["Complaint"]): Promise<void> {
  const server = await stub();
  try {
    const problem = { type: "urn:recourse:problem:unavailable", title: "Unavailable", status: 503, code: "unavailable" };
    const json = { "content-type": "application/json" };
    const unavailable = (after: string): Answer => [
      503,
      { "content-type": "application/problem+json", "retry-after": after },
      problem,
    ];
    const retries: [number, number][] = [];
    const api = createRecourseClient(server.url, "stub-token", {
      retry: { onRetry: ({ response, delayMs }) => retries.push([response.status, delayMs]) },
    });

    server.script = [unavailable("1"), [200, json, { sub: "stub", name: "Stub", roles: [], permissions: [] }]];
    server.seen = [];
    const started = Date.now();
    const me = await ok(api.GET("/v1/me"));
    const waited = Date.now() - started;
    check(me.data.sub === "stub" && server.seen.length === 2, `503 GET: ${server.seen.length} requests`);
    check(retries.length === 1 && retries[0]?.[0] === 503 && waited >= 1000, `503 GET: retries ${retries} after ${waited} ms`);

    const body = { complainant: { name: "Stub", email: "stub@example.com" }, channel: "web" as const, product: "p", category: "c", description: "d", remedy_sought: "r" };
    server.script = [unavailable("0"), [201, json, complaint]];
    server.seen = [];
    const created = await ok(api.POST("/v1/complaints", { params: { header: { "Idempotency-Key": "stub-1" } }, body }));
    check(created.response.status === 201 && server.seen.length === 2, `503 POST with Idempotency-Key: ${server.seen.length} requests`);

    server.script = [unavailable("0"), [201, json, complaint]];
    server.seen = [];
    const bare = await expectError("503 bare POST", ok(api.POST("/v1/complaints", { body })));
    check(bare.status === 503 && bare.code === "unavailable" && bare.retryAfter === 0, `503 bare POST: ${bare.message}`);
    check(server.seen.length === 1, `503 bare POST: retried (${server.seen.length} requests)`);

    server.script = [unavailable("120")];
    server.seen = [];
    const before = Date.now();
    const budget = await expectError("503 past the budget", ok(api.GET("/v1/me")));
    check(budget.retryAfter === 120 && server.seen.length === 1 && Date.now() - before < 1000, `503 past the budget: ${budget.message}`);
    console.log("retry 503: GET and POST with Idempotency-Key retried after Retry-After; bare POST and 120 s not");
  } finally {
    server.close();
  }
}

/**
 * 10. The server's own rate limiter: spend the token's burst until a typed 429, then a retrying
 * client waits out Retry-After and succeeds. Spends the burst: keep it last.
 */
async function checkRetry429(url: string, token: string): Promise<void> {
  const raw = createRecourseClient(url, token, { retry: false });
  const retries: [number, number][] = [];
  const retrying = createRecourseClient(url, token, {
    retry: { onRetry: ({ response, delayMs }) => retries.push([response.status, delayMs]) },
  });
  let sent = 0;
  // The bucket refills while we look, so the first retried call may find a token; spend again.
  for (let round = 0; round < 3 && retries.length === 0; round++) {
    let limited: RecourseError | undefined;
    for (let n = 0; n < 2000 && !limited; n++) {
      sent++;
      try {
        await ok(raw.GET("/v1/me"));
      } catch (error) {
        check(error instanceof RecourseError && error.status === 429 && error.code === "rate_limited", `429: ${String(error)}`);
        limited = error;
      }
    }
    check(limited, "429: 2000 requests were not rate-limited; lower RECOURSE_RATE_LIMIT_BURST on the server");
    check((limited.retryAfter ?? 0) >= 1, `429: Retry-After ${limited.retryAfter}`);
    await ok(retrying.GET("/v1/me"));
  }
  check(retries[0]?.[0] === 429 && retries[0][1] >= 1000, `429: the retrying client did not wait: ${retries}`);
  console.log(`retry 429: rate-limited (${sent} requests in all); retried after Retry-After ${retries[0][1] / 1000} s and answered`);
}

main().catch((err: unknown) => {
  const message = err instanceof CheckFailed ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`TS E2E FAILED: ${message}`);
  process.exit(1);
});
