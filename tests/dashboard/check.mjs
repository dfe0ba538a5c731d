// Headless-Chromium check of the Recourse dashboard.
//
// Opens ${BASE_URL}/dashboard, pastes the token, picks a fixed period and a team, and checks
// that every number the page shows equals the reports API's own answer for the same
// parameters, fetched independently here. Also checks that the page logged no console errors,
// made no request to another origin, never put the token in a URL, and shows a clear message
// for a token the API refuses. Saves a full-page screenshot.
//
// Environment:
//   BASE_URL    the server, e.g. http://127.0.0.1:8080 (required)
//   TOKEN       a bearer token allowed to read reports and teams (required; never printed)
//   TEAM        the team to pick (default: the first team the page offers)
//   LEADER_TOKEN, LEADER_TEAM
//               a team leader's token and its team (optional; never printed): checks that the
//               page offers that team only and shows its figures and work queue
//   SCREENSHOT  where to save the screenshot (default: dashboard.png)
//   FROM, TO    the period, inclusive UTC days YYYY-MM-DD (default: the 27 weeks up to today,
//               which covers `recourse seed --demo`'s 180 days)
//   CHROMIUM    the browser (default: /usr/bin/chromium)

import { chromium } from 'playwright-core';

const DAY_MS = 86400000;
const env = process.env;

function fail(message) {
  console.error(`dashboard check FAILED: ${message}`);
  process.exit(1);
}

const BASE_URL = (env.BASE_URL || '').replace(/\/+$/, '');
const TOKEN = env.TOKEN || '';
if (!BASE_URL) fail('BASE_URL is not set');
if (!TOKEN) fail('TOKEN is not set');
const ORIGIN = new URL(BASE_URL).origin;
const SCREENSHOT = env.SCREENSHOT || 'dashboard.png';
const CHROMIUM = env.CHROMIUM || '/usr/bin/chromium';

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const TO_DAY = env.TO || isoDay(today);
const FROM_DAY = env.FROM || isoDay(Date.parse(`${TO_DAY}T00:00:00Z`) - 27 * 7 * DAY_MS);
for (const [name, day] of [['FROM', FROM_DAY], ['TO', TO_DAY]]) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) fail(`${name} is not a YYYY-MM-DD date: ${day}`);
}
// The page sends whole UTC days: from 00:00Z on FROM to 00:00Z on the day after TO.
const PERIOD = {
  from: `${FROM_DAY}T00:00:00Z`,
  to: new Date(Date.parse(`${TO_DAY}T00:00:00Z`) + DAY_MS).toISOString().replace('.000Z', 'Z'),
};

const REPORTS = {
  volumes: ['/v1/reports/volumes', { group_by: 'week' }],
  timeliness: ['/v1/reports/timeliness', {}],
  outcomes: ['/v1/reports/outcomes', {}],
  pareto: ['/v1/reports/root-causes', {}],
  people: ['/v1/reports/people', {}],
};

async function apiGet(path, params, token = TOKEN) {
  const url = new URL(path, BASE_URL);
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) url.searchParams.set(k, v);
  const resp = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (!resp.ok) fail(`GET ${url.pathname}${url.search} answered ${resp.status}: ${(await resp.text()).slice(0, 300)}`);
  return resp.json();
}

async function fetchReports(team, token = TOKEN) {
  const params = { ...PERIOD, team };
  const entries = await Promise.all(
    Object.entries(REPORTS).map(async ([name, [path, extra]]) => [name, await apiGet(path, { ...params, ...extra }, token)]),
  );
  return Object.fromEntries(entries);
}

// The work-queue panel's two listings: GET /v1/complaints sorted by next due.
const QUEUES = {
  overdue: { sort: 'next_due', overdue: 'true' },
  'due-soon': { sort: 'next_due', overdue: 'false', due_within: '2' },
};
const QUEUE_SHOWN = 5;

/** Every case of a queue, in order (the demo data is small enough to list whole). */
async function fetchQueue(kind, team, token = TOKEN) {
  const refs = [];
  let cursor;
  do {
    const page = await apiGet('/v1/complaints', { ...QUEUES[kind], team, limit: 200, cursor }, token);
    refs.push(...page.items.map((c) => c.reference));
    cursor = page.next_cursor;
  } while (cursor);
  return refs;
}

function readQueues() {
  const out = {};
  for (const kind of ['overdue', 'due-soon']) {
    const count = document.querySelector(`[data-testid="queue-${kind}-count"]`);
    const link = document.querySelector(`[data-testid="queue-${kind}-link"]`);
    out[kind] = {
      count: count ? count.dataset.value ?? null : null,
      countText: count ? count.textContent.trim() : null,
      link: link && !link.hidden ? link.getAttribute('href') : null,
      items: [...document.querySelectorAll(`[data-testid^="queue-${kind}-item-"]`)].map((li) => ({
        reference: li.dataset.reference,
        text: li.textContent.replace(/\s+/g, ' ').trim(),
        href: li.querySelector('a')?.getAttribute('href') ?? null,
      })),
    };
  }
  out.scope = document.querySelector('[data-testid="queue-scope"]')?.textContent.trim() ?? '';
  out.panelText = document.querySelector('[data-testid="queue-panel"]')?.textContent ?? '';
  return out;
}

/** Compares the work-queue panel with the API's listings for the same team and token. */
async function checkQueues(label, page, team, token = TOKEN) {
  const problems = [];
  const shown = await page.evaluate(readQueues);
  if (!/2 business days/.test(shown.panelText) || !shown.panelText.includes('due_within=2')) {
    problems.push(`${label}: the queue panel does not say due soon means due_within=2 (2 business days)`);
  }
  for (const kind of Object.keys(QUEUES)) {
    const refs = await fetchQueue(kind, team, token);
    const s = shown[kind];
    if (s.count !== String(refs.length)) problems.push(`${label}: queue ${kind} count: API ${refs.length}, page ${s.count} ("${s.countText}")`);
    const want = refs.slice(0, QUEUE_SHOWN);
    const got = s.items.map((i) => i.reference);
    if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`${label}: queue ${kind} first cases: API ${want.join(', ')}, page ${got.join(', ')}`);
    const expected = new URL('/v1/complaints', BASE_URL);
    for (const [k, v] of Object.entries({ ...QUEUES[kind], ...(team ? { team } : {}) })) expected.searchParams.set(k, v);
    const href = `${expected.pathname}${expected.search}`;
    if (!s.link) problems.push(`${label}: queue ${kind} has no link to the work queue`);
    else if (JSON.stringify([...new URL(s.link, BASE_URL).searchParams].sort()) !== JSON.stringify([...expected.searchParams].sort())) {
      problems.push(`${label}: queue ${kind} links to ${s.link}, expected ${href}`);
    }
    for (const item of s.items) {
      if (item.href !== s.link) problems.push(`${label}: queue ${kind} case ${item.reference} links to ${item.href}, not the queue`);
      const when = kind === 'overdue' ? /overdue/ : /due in/;
      if (!when.test(item.text)) problems.push(`${label}: queue ${kind} case ${item.reference} does not say when: "${item.text}"`);
    }
    console.log(`checked ${label}: ${refs.length} ${kind}`);
  }
  if (/vulnerab/i.test(shown.panelText)) problems.push(`${label}: the queue panel mentions vulnerability`);
  return problems;
}

// --- reading the page ---------------------------------------------------------------------

/** Everything the page shows, read in one go. */
function readPage() {
  const q = (sel) => document.querySelector(sel);
  const byId = (id) => q(`[data-testid="${id}"]`);
  const cell = (el) => (el ? { text: el.textContent.trim(), value: el.dataset.value ?? null, numerator: el.dataset.numerator ?? null, denominator: el.dataset.denominator ?? null, robust: el.dataset.robust ?? null, notRobust: el.classList.contains('not-robust') } : null);
  const kpis = {};
  for (const id of ['kpi-received', 'kpi-closed', 'kpi-open', 'kpi-responded-in-time', 'kpi-median-days', 'kpi-upheld', 'kpi-in-scope']) kpis[id] = cell(byId(id));

  const trendFigure = byId('trend-chart');
  const trendPoints = [...document.querySelectorAll('[data-testid^="trend-point-"]')].map((g) => ({
    testid: g.dataset.testid ?? g.getAttribute('data-testid'),
    period_start: g.getAttribute('data-period-start'),
    received: g.getAttribute('data-received'),
    closed: g.getAttribute('data-closed'),
    breached: g.getAttribute('data-breached'),
  }));
  const trendRows = [...document.querySelectorAll('[data-testid^="trend-row-"]')].filter((tr) => tr.tagName === 'TR').map((tr) => ({
    period_start: tr.querySelector('th').dataset.value,
    received: tr.querySelector('[data-testid$="-received"]')?.textContent.trim(),
    closed: tr.querySelector('[data-testid$="-closed"]')?.textContent.trim(),
    breached: tr.querySelector('[data-testid$="-breached"]')?.textContent.trim() ?? null,
  }));

  const bars = [...document.querySelectorAll('rect[data-testid^="pareto-bar-"]')].map((r) => ({
    cause: r.getAttribute('data-cause'),
    testid: r.getAttribute('data-testid'),
    count: r.getAttribute('data-count'),
    label: document.querySelector(`[data-testid="pareto-count-${CSS.escape(r.getAttribute('data-cause'))}"]`)?.textContent.trim() ?? null,
    height: Number(r.getAttribute('height')),
  }));

  const people = (kind) => [...document.querySelectorAll(`tr[data-testid^="people-${kind}-"]`)].map((tr) => {
    const key = tr.dataset.key;
    const prefix = `people-${kind}-${key}`;
    return {
      testid: tr.dataset.testid,
      key,
      handled: cell(tr.querySelector(`[data-testid="${CSS.escape(prefix)}-handled"]`)),
      on_time: cell(tr.querySelector(`[data-testid="${CSS.escape(prefix)}-on-time"]`)),
      on_time_counts: tr.querySelector(`[data-testid="${CSS.escape(prefix)}-on-time-counts"]`)?.textContent.trim() ?? null,
      reopened: cell(tr.querySelector(`[data-testid="${CSS.escape(prefix)}-reopened"]`)),
      median: cell(tr.querySelector(`[data-testid="${CSS.escape(prefix)}-median-business-days-to-response"]`)),
    };
  });

  return {
    kpis,
    trend: { points: trendFigure?.dataset.points ?? null, svgPoints: trendPoints, rows: trendRows },
    bars,
    barsAttr: byId('pareto-chart')?.dataset.bars ?? null,
    teams: people('team'),
    handlers: people('handler'),
    tokenType: q('#token')?.type,
  };
}

// --- comparing ----------------------------------------------------------------------------

const intText = (text) => (text ?? '').replace(/,/g, '');
const percentText = (p) => (typeof p === 'number' ? `${p.toFixed(1)}%` : '—');
const decimalText = (v) => (typeof v === 'number' ? v.toFixed(1) : '—');

function compare(label, api, shown) {
  const problems = [];
  const eq = (what, expected, actual) => {
    if (String(expected) !== String(actual)) problems.push(`${label}: ${what}: the API says ${JSON.stringify(expected)}, the page shows ${JSON.stringify(actual)}`);
  };
  const checkInt = (what, expected, c) => {
    if (!c) return problems.push(`${label}: ${what}: not on the page`);
    eq(`${what} (text)`, expected, intText(c.text));
    eq(`${what} (data-value)`, expected, c.value);
  };
  const checkRate = (what, rate, c) => {
    if (!c) return problems.push(`${label}: ${what}: not on the page`);
    eq(`${what} (percent text)`, percentText(rate.percent), c.text.split(/\s/)[0]);
    eq(`${what} (data-value)`, typeof rate.percent === 'number' ? rate.percent : '', c.value);
    eq(`${what} (numerator)`, rate.numerator, c.numerator);
    eq(`${what} (denominator)`, rate.denominator, c.denominator);
    eq(`${what} (robust)`, rate.robust, c.robust);
    eq(`${what} (marked not robust)`, !rate.robust, c.notRobust);
  };

  const { volumes, timeliness, outcomes, pareto, people } = api;
  const k = shown.kpis;
  checkInt('KPI received', volumes.received, k['kpi-received']);
  checkInt('KPI closed', volumes.closed, k['kpi-closed']);
  checkInt('KPI open', volumes.open, k['kpi-open']);
  checkInt('KPI in scope', volumes.in_scope, k['kpi-in-scope']);
  checkRate('KPI responded in time', timeliness.responded_in_time, k['kpi-responded-in-time']);
  checkRate('KPI upheld', outcomes.upheld, k['kpi-upheld']);
  eq('KPI median days (text)', decimalText(timeliness.median_business_days_to_response), k['kpi-median-days']?.text);
  eq('KPI median days (data-value)', timeliness.median_business_days_to_response ?? '', k['kpi-median-days']?.value);

  // Weekly trend: the number of points, and each point's figures in the chart and the table.
  const series = volumes.series;
  eq('trend: number of points (figure)', series.length, shown.trend.points);
  eq('trend: number of points (chart)', series.length, shown.trend.svgPoints.length);
  eq('trend: number of points (table)', series.length, shown.trend.rows.length);
  series.forEach((p, i) => {
    const g = shown.trend.svgPoints[i] || {};
    const row = shown.trend.rows[i] || {};
    eq(`trend point ${i} period_start`, p.period_start, g.period_start);
    eq(`trend point ${i} received (chart)`, p.received, g.received);
    eq(`trend point ${i} closed (chart)`, p.closed, g.closed);
    eq(`trend point ${i} received (table)`, p.received, intText(row.received));
    eq(`trend point ${i} closed (table)`, p.closed, intText(row.closed));
    if (typeof p.breached === 'number') {
      eq(`trend point ${i} breached (chart)`, p.breached, g.breached);
      eq(`trend point ${i} breached (table)`, p.breached, intText(row.breached));
    }
  });

  // Pareto: one bar per cause, in order, with its count.
  eq('pareto: number of bars', pareto.items.length, shown.bars.length);
  eq('pareto: data-bars', pareto.items.length, shown.barsAttr);
  pareto.items.forEach((b, i) => {
    const bar = shown.bars.find((x) => x.cause === b.cause);
    if (!bar) return problems.push(`${label}: pareto bar for ${b.cause} is missing`);
    eq(`pareto bar ${b.cause} position`, i, shown.bars.indexOf(bar));
    eq(`pareto bar ${b.cause} testid`, `pareto-bar-${b.cause}`, bar.testid);
    eq(`pareto bar ${b.cause} data-count`, b.count, bar.count);
    eq(`pareto bar ${b.cause} label`, b.count, intText(bar.label));
    if (!(bar.height > 0) && b.count > 0) problems.push(`${label}: pareto bar ${b.cause} has no height`);
  });

  // People: one row per team and per handler, with its figures.
  for (const [kind, rows, shownRows] of [['team', people.teams, shown.teams], ['handler', people.handlers, shown.handlers]]) {
    eq(`people ${kind}s: number of rows`, rows.length, shownRows.length);
    for (const r of rows) {
      const s = shownRows.find((x) => x.key === r.key);
      if (!s) {
        problems.push(`${label}: people ${kind} row ${r.key} is missing`);
        continue;
      }
      eq(`people ${kind} ${r.key} testid`, `people-${kind}-${r.key}`, s.testid);
      checkInt(`people ${kind} ${r.key} handled`, r.handled, s.handled);
      checkRate(`people ${kind} ${r.key} on time`, r.on_time, s.on_time);
      eq(`people ${kind} ${r.key} on-time counts`, `${r.on_time.numerator}/${r.on_time.denominator}`, intText(s.on_time_counts));
      checkRate(`people ${kind} ${r.key} reopened`, r.reopened, s.reopened);
      eq(`people ${kind} ${r.key} median days`, decimalText(r.median_business_days_to_response), s.median?.text);
    }
  }
  return problems;
}

let teamsCache = null;
/** The teams the API lists, id to name. */
async function apiTeams() {
  if (teamsCache) return teamsCache;
  const teams = new Map();
  let cursor;
  do {
    const page = await apiGet('/v1/teams', { limit: 200, cursor });
    for (const t of page.items) teams.set(t.id, t.name);
    cursor = page.next_cursor;
  } while (cursor);
  teamsCache = teams;
  return teams;
}

/**
 * A team leader is offered its own team only, sees that team's figures and work queue, and the
 * scope line names the team.
 */
async function checkLeader(context, foreign) {
  const token = env.LEADER_TOKEN;
  const team = env.LEADER_TEAM || '';
  if (!team) fail('LEADER_TOKEN is set without LEADER_TEAM');
  const label = `team leader of ${team}`;
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  const requests = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== ORIGIN) foreign.push(req.url());
    if (req.url().includes(token)) problems.push(`${label}: the token appeared in a request URL (${url.pathname})`);
    if (url.pathname.startsWith('/v1/')) requests.push(url);
  });
  await page.goto(`${BASE_URL}/dashboard`);
  await page.evaluate(() => window.sessionStorage.clear());
  await page.fill('[data-testid="token"]', token);
  await page.fill('[data-testid="from"]', FROM_DAY);
  await page.fill('[data-testid="to"]', TO_DAY);
  await page.click('[data-testid="load"]');
  await page.waitForSelector('main[data-state="ready"][data-loads="1"], main[data-state="error"]', { timeout: 30000 });
  if ((await page.getAttribute('main', 'data-state')) === 'error') {
    fail(`${label}: the page shows an error: ${(await page.textContent('[data-testid="message"]')).trim().replace(/\s+/g, ' ')}`);
  }
  const options = await page.$$eval('[data-testid="team"] option', (os) => os.map((o) => o.value));
  if (JSON.stringify(options) !== JSON.stringify([team])) problems.push(`${label}: the picker offers ${JSON.stringify(options)}, expected only ${team}`);
  if ((await page.inputValue('[data-testid="team"]')) !== team) problems.push(`${label}: the picker has not chosen ${team}`);
  for (const u of requests.filter((r) => r.pathname.startsWith('/v1/reports/') || r.pathname === '/v1/complaints')) {
    if (u.searchParams.get('team') !== team) problems.push(`${label}: ${u.pathname} was requested with team=${u.searchParams.get('team')}`);
  }
  const api = await fetchReports(team, token);
  if (!(api.volumes.received > 0)) problems.push(`${label}: the API has no data for ${team}; was the database seeded?`);
  problems.push(...compare(label, api, await page.evaluate(readPage)));
  problems.push(...(await checkQueues(label, page, team, token)));
  const teamName = (await apiTeams()).get(team) || team;
  const scope = (await page.textContent('[data-testid="scope-line"]')).trim();
  if (!scope.startsWith(`Team ${teamName} · complaints received `)) problems.push(`${label}: the scope line "${scope}" does not name the team`);
  if (errors.length) problems.push(`${label}: console errors: ${errors.join(' | ')}`);
  await page.close();
  console.log(`checked ${label}: offered ${options.join(', ')}, ${api.volumes.received} received`);
}

// --- the run ------------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleErrors = [];
  const foreign = [];
  const apiRequests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== ORIGIN) foreign.push(req.url());
    if (req.url().includes(TOKEN)) problems.push(`the token appeared in a request URL (${url.pathname})`);
    if (url.pathname.startsWith('/v1/')) apiRequests.push(url);
  });
  page.on('requestfailed', (req) => consoleErrors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));

  const resp = await page.goto(`${BASE_URL}/dashboard`, { waitUntil: 'load' });
  if (!resp || resp.status() !== 200) fail(`GET /dashboard answered ${resp?.status()}`);
  const headers = resp.headers();
  if (!(headers['content-type'] || '').startsWith('text/html')) problems.push(`/dashboard content-type is ${headers['content-type']}`);
  if (!(headers['content-security-policy'] || '').includes("default-src 'self'")) problems.push(`/dashboard has no strict Content-Security-Policy: ${headers['content-security-policy']}`);
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('/dashboard lacks X-Content-Type-Options: nosniff');

  let loads = 0;
  const submitAndWait = async () => {
    loads += 1;
    await page.click('[data-testid="load"]');
    await page.waitForSelector(`main[data-state="ready"][data-loads="${loads}"], main[data-state="error"]`, { timeout: 30000 });
    if ((await page.getAttribute('main', 'data-state')) === 'error') {
      fail(`the page shows an error: ${(await page.textContent('[data-testid="message"]')).trim().replace(/\s+/g, ' ')}`);
    }
  };

  const checkRound = async (team) => {
    const label = team ? `team ${team}` : 'all teams';
    const before = apiRequests.length;
    await submitAndWait();
    // The page asked the API for exactly this period and team.
    const sent = apiRequests.slice(before).filter((u) => u.pathname.startsWith('/v1/reports/'));
    for (const [name, [path, extra]] of Object.entries(REPORTS)) {
      const req = sent.find((u) => u.pathname === path);
      if (!req) {
        problems.push(`${label}: the page did not request ${path}`);
        continue;
      }
      const want = { ...PERIOD, ...extra, ...(team ? { team } : {}) };
      const got = Object.fromEntries(req.searchParams);
      if (JSON.stringify(Object.entries(want).sort()) !== JSON.stringify(Object.entries(got).sort())) {
        problems.push(`${label}: ${name} was requested with ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
    }
    const api = await fetchReports(team);
    const shown = await page.evaluate(readPage);
    if (shown.tokenType !== 'password') problems.push('the token field is not a password field');
    if (!(api.volumes.received > 0) || api.pareto.items.length === 0 || api.volumes.series.length === 0) {
      problems.push(`${label}: the API has no data for ${FROM_DAY}..${TO_DAY}; was the database seeded?`);
    }
    problems.push(...compare(label, api, shown));
    problems.push(...(await checkQueues(label, page, team)));
    const scope = (await page.textContent('[data-testid="scope-line"]')).trim();
    const teamName = team ? (await apiTeams()).get(team) || team : null;
    const wantScope = `${team ? `Team ${teamName}` : 'All teams'} · complaints received `;
    if (!scope.startsWith(wantScope)) problems.push(`${label}: the scope line "${scope}" does not start with "${wantScope}"`);
    console.log(
      `checked ${label}: ${api.volumes.received} received, ${api.volumes.series.length} weeks, ` +
        `${api.pareto.items.length} causes, ${api.people.teams.length} team rows, ${api.people.handlers.length} handler rows`,
    );
  };

  await page.fill('[data-testid="token"]', TOKEN);
  await page.fill('[data-testid="from"]', FROM_DAY);
  await page.fill('[data-testid="to"]', TO_DAY);
  await checkRound('');

  const offered = await page.$$eval('[data-testid="team"] option', (os) => os.map((o) => o.value).filter(Boolean));
  if (offered.length === 0) fail('the team picker offers no teams');
  // A caller that reaches every team is offered every team, and "All teams".
  const allTeams = [...(await apiTeams()).keys()].sort();
  if (JSON.stringify([...offered].sort()) !== JSON.stringify(allTeams)) {
    problems.push(`all teams: the picker offers ${offered.join(', ')}, the API has ${allTeams.join(', ')}`);
  }
  const team = env.TEAM || offered[0];
  if (!offered.includes(team)) fail(`the team picker does not offer ${team} (it offers ${offered.join(', ')})`);
  await page.selectOption('[data-testid="team"]', team);
  await checkRound(team);

  if (page.url().includes(TOKEN)) problems.push('the token appeared in the page URL');
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  if (consoleErrors.length) problems.push(`console errors: ${consoleErrors.join(' | ')}`);

  // A refused token gets a clear message. The browser logs the 401 itself, so this runs in a
  // page of its own, outside the console check above.
  const refused = await context.newPage();
  refused.on('request', (req) => {
    if (new URL(req.url()).origin !== ORIGIN) foreign.push(req.url());
  });
  await refused.goto(`${BASE_URL}/dashboard`);
  await refused.evaluate(() => window.sessionStorage.clear());
  await refused.fill('[data-testid="token"]', 'not-a-valid-token');
  await refused.click('[data-testid="load"]');
  await refused.waitForSelector('main[data-state="error"]', { timeout: 15000 });
  const message = (await refused.textContent('[data-testid="message"]')).replace(/\s+/g, ' ').trim();
  if (!message.includes('401')) problems.push(`a refused token shows no clear 401 message: "${message}"`);

  if (env.LEADER_TOKEN) await checkLeader(context, foreign);

  if (apiRequests.some((u) => u.pathname.includes('/vulnerability'))) problems.push('the page requested vulnerability details');
  if (foreign.length) problems.push(`requests to another origin: ${[...new Set(foreign)].join(', ')}`);
} finally {
  await browser.close();
}

if (problems.length) {
  console.error(`dashboard check FAILED: ${problems.length} problem(s)`);
  for (const p of problems.slice(0, 50)) console.error(`  - ${p}`);
  if (problems.length > 50) console.error(`  ... and ${problems.length - 50} more`);
  process.exit(1);
}
console.log(`dashboard check OK: ${FROM_DAY}..${TO_DAY}, screenshot at ${SCREENSHOT}`);
